package org.stockledger.inventory;

import org.stockledger.catalog.Product;
import org.stockledger.ledger.StockTotals;

/** A product with its stock summed over all bins. */
public record ProductStock(Product product, StockTotals totals) {
}
