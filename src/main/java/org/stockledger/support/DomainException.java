package org.stockledger.support;

import java.util.Map;
import java.util.Set;

/**
 * A refusal the caller can fix or must know about (unknown product, insufficient stock, bad
 * input). Adapters render it as an RFC 9457 problem document with the stable {@link #code()}.
 * Programmer errors are not DomainExceptions: they are IllegalStateExceptions and answer 500.
 */
public class DomainException extends RuntimeException {

    /**
     * The members every problem document sets itself (RFC 9457's and Stockledger's {@code code}
     * and {@code field}). A detail of the same name would be written twice or overwrite one, so it
     * is a programmer error: name it after what it is ({@code order_status}, {@code from}, ...).
     */
    public static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance", "code", "field");

    private final int status;
    private final String code;
    private final String field;
    private final Map<String, Object> details;

    public DomainException(int status, String code, String message) {
        this(status, code, message, null, Map.of());
    }

    public DomainException(int status, String code, String message, String field, Map<String, Object> details) {
        super(message);
        this.status = status;
        this.code = code;
        this.field = field;
        this.details = Map.copyOf(details);
        for (String name : this.details.keySet()) {
            if (PROBLEM_MEMBERS.contains(name)) {
                throw new IllegalStateException("refusal " + code + " names a detail '" + name + "', a member every problem has itself");
            }
        }
    }

    public static DomainException invalidField(String field, String message) {
        return new DomainException(400, "invalid_field", message, field, Map.of());
    }

    public static DomainException notFound(String code, String message) {
        return new DomainException(404, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** Whether the caller may simply send the request again (a 503 then carries {@code Retry-After}). */
    public boolean retryIsSafe() {
        return status == 503;
    }
}
