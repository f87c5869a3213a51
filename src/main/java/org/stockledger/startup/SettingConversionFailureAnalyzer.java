package org.stockledger.startup;

import java.time.Duration;
import org.springframework.beans.TypeMismatchException;
import org.springframework.beans.factory.InjectionPoint;
import org.springframework.beans.factory.UnsatisfiedDependencyException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a setting read with {@code @Value} whose text is not of its type
 * ({@code STOCKLEDGER_ANALYTICS_MAX_AGE=sixty}), naming the environment variable that sets it.
 */
class SettingConversionFailureAnalyzer extends AbstractFailureAnalyzer<TypeMismatchException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TypeMismatchException cause) {
        String property = injectedProperty(rootFailure, cause);
        if (property == null) {
            return null;
        }
        String variable = DatabaseSettings.environmentVariableOf(property);
        String expected = expectedText(cause.getRequiredType());
        return new FailureAnalysis(variable + " is '" + cause.getValue() + "', which is not " + expected + ".",
                "Set " + variable + " to " + expected + ", or unset it to use its default (README.md, Configuration).", cause);
    }

    /** The property of the {@code @Value("${property:default}")} parameter the mismatch was injected into, or null. */
    private static String injectedProperty(Throwable rootFailure, TypeMismatchException mismatch) {
        for (Throwable failure = rootFailure; failure != null && failure.getCause() != failure; failure = failure.getCause()) {
            if (failure instanceof UnsatisfiedDependencyException unsatisfied && unsatisfied.getCause() == mismatch) {
                InjectionPoint injectionPoint = unsatisfied.getInjectionPoint();
                Value value = injectionPoint == null ? null : injectionPoint.getAnnotation(Value.class);
                if (value == null || !value.value().startsWith("${")) {
                    return null;
                }
                String placeholder = value.value().substring(2);
                int end = placeholder.indexOf(':') >= 0 ? placeholder.indexOf(':') : placeholder.indexOf('}');
                return end < 0 ? null : placeholder.substring(0, end);
            }
        }
        return null;
    }

    private static String expectedText(Class<?> type) {
        if (type == Duration.class) {
            return "a duration such as 60s, 500ms, 5m or PT1M";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        return type == null ? "a valid value" : "a valid " + type.getSimpleName();
    }
}
