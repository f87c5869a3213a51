package org.stockledger.sync.internal;

import java.math.BigDecimal;
import org.stockledger.sync.PosCount;

/** Turns one feed row's raw fields into a {@link PosCount}, or an invalid one saying what is wrong. */
final class CountRows {

    static final int IDENTIFIER_LENGTH_MAX = 100;

    private CountRows() {
    }

    static PosCount toCount(String where, String sku, String productId, BigDecimal quantity) {
        sku = sku == null || sku.isBlank() ? null : sku.trim();
        productId = productId == null || productId.isBlank() ? null : productId.trim();
        if (sku == null && productId == null) {
            return PosCount.invalid(where + ": neither sku nor product_id");
        }
        if (sku != null && sku.length() > IDENTIFIER_LENGTH_MAX || productId != null && productId.length() > IDENTIFIER_LENGTH_MAX) {
            return PosCount.invalid(where + ": identifier longer than " + IDENTIFIER_LENGTH_MAX + " characters");
        }
        if (quantity == null) {
            return PosCount.invalid(where + ": no numeric quantity");
        }
        if (quantity.signum() < 0 || quantity.stripTrailingZeros().scale() > 3 || quantity.compareTo(new BigDecimal("1000000000000")) > 0) {
            return PosCount.invalid(where + ": quantity must be a non-negative number with at most 3 decimal places");
        }
        return new PosCount(sku, productId, quantity.setScale(3), null);
    }
}
