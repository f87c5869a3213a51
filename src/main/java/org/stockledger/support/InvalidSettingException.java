package org.stockledger.support;

/**
 * A setting the service cannot start with, named by the environment variable an operator sets
 * ({@code STOCKLEDGER_BOOTSTRAP_TOKEN}, {@code STOCKLEDGER_DATA_DIR}, ...). Thrown before anything
 * is created or served; at start-up it is reported as Spring Boot's short failure report (what is
 * wrong, what to do) instead of a stack trace.
 */
public class InvalidSettingException extends RuntimeException {

    private final String environmentVariable;
    private final String action;

    /**
     * @param problem what is wrong, a sentence that begins with the variable's name
     * @param action  what the operator should do about it
     */
    public InvalidSettingException(String environmentVariable, String problem, String action, Throwable cause) {
        super(problem, cause);
        this.environmentVariable = environmentVariable;
        this.action = action;
    }

    public InvalidSettingException(String environmentVariable, String problem, String action) {
        this(environmentVariable, problem, action, null);
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public String action() {
        return action;
    }
}
