package org.stockledger.support;

/** Bounds on free text that enters through an API. */
public final class Texts {

    private Texts() {
    }

    public static String optional(String field, String value, int lengthMax) {
        if (value == null) {
            return null;
        }
        if (value.length() > lengthMax) {
            throw DomainException.invalidField(field, field + " must be at most " + lengthMax + " characters");
        }
        return value;
    }

    public static String required(String field, String value, int lengthMax) {
        if (value == null || value.isBlank()) {
            throw new DomainException(400, "missing_field", field + " is required", field, java.util.Map.of());
        }
        return optional(field, value, lengthMax);
    }
}
