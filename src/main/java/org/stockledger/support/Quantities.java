package org.stockledger.support;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Quantities are exact decimals with at most three places (grams to the milligram) and a
 * bounded magnitude. Every quantity that enters through an API passes {@link #requireValid} or,
 * where its sign is fixed, {@link #requireNonNegative} or {@link #requirePositive}.
 */
public final class Quantities {

    public static final int SCALE_MAX = 3;
    public static final BigDecimal MAGNITUDE_MAX = new BigDecimal("1000000000000");

    private Quantities() {
    }

    /** A signed quantity (a delta); null stays null. Each rule's refusal names the range that rule allows. */
    public static BigDecimal requireValid(String field, BigDecimal value) {
        return requireWithin(field, value, value != null && value.abs().compareTo(MAGNITUDE_MAX) <= 0,
                "between -" + MAGNITUDE_MAX + " and " + MAGNITUDE_MAX);
    }

    /** A quantity of zero or more (a count, a threshold); null stays null. */
    public static BigDecimal requireNonNegative(String field, BigDecimal value) {
        return requireWithin(field, value, value != null && value.signum() >= 0 && value.compareTo(MAGNITUDE_MAX) <= 0,
                "between 0 and " + MAGNITUDE_MAX);
    }

    /** A quantity above zero (what an order line asks for); null stays null. */
    public static BigDecimal requirePositive(String field, BigDecimal value) {
        return requireWithin(field, value, value != null && value.signum() > 0 && value.compareTo(MAGNITUDE_MAX) <= 0,
                "greater than zero and at most " + MAGNITUDE_MAX);
    }

    private static BigDecimal requireWithin(String field, BigDecimal value, boolean withinRange, String range) {
        if (value == null) {
            return null;
        }
        if (value.stripTrailingZeros().scale() > SCALE_MAX) {
            throw DomainException.invalidField(field, field + " allows at most " + SCALE_MAX + " decimal places");
        }
        if (!withinRange) {
            throw DomainException.invalidField(field, field + " must be " + range);
        }
        return value.setScale(SCALE_MAX, RoundingMode.UNNECESSARY);
    }

    public static BigDecimal orZero(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(SCALE_MAX) : value;
    }

    public static boolean isZero(BigDecimal value) {
        return value == null || value.signum() == 0;
    }
}
