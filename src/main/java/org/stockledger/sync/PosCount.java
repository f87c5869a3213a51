package org.stockledger.sync;

import java.math.BigDecimal;

/**
 * One row of a POS feed: a product named by {@code sku} or {@code productId} (a Stockledger product
 * id) and its counted on-hand {@code quantity}. A row the connector could not read carries an
 * {@code error} instead; the sync counts it and skips it.
 */
public record PosCount(String sku, String productId, BigDecimal quantity, String error) {

    public static PosCount invalid(String error) {
        return new PosCount(null, null, null, error);
    }
}
