package org.stockledger.support;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quantities are exact decimals with at most three places (grams to the milligram) and a
 * bounded magnitude. Every quantity that enters through an API passes {@link #requireValid}.
 */
public final class Quantities {

    public static final int SCALE_MAX = 3;
    public static final BigDecimal MAGNITUDE_MAX = new BigDecimal("1000000000000");

    private Quantities() {
    }

    public static BigDecimal requireValid(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > SCALE_MAX) {
            throw DomainException.invalidField(field, field + " allows at most " + SCALE_MAX + " decimal places");
        }
        if (value.abs().compareTo(MAGNITUDE_MAX) > 0) {
            throw DomainException.invalidField(field, field + " must be between -" + MAGNITUDE_MAX + " and " + MAGNITUDE_MAX);
        }
        return value.setScale(SCALE_MAX, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal requireNonNegative(String field, BigDecimal value) {
        BigDecimal valid = requireValid(field, value);
        if (valid != null && valid.signum() < 0) {
            throw DomainException.invalidField(field, field + " must not be negative");
        }
        return valid;
    }

    public static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(SCALE_MAX) : value;
    }

    public static boolean isZero(BigDecimal value) {
        return value == null || value.signum() == 0;
    }
}
