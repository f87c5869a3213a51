package org.stockledger.catalog;

import java.math.BigDecimal;

/** What a caller supplies to add a product to the inventory; null fields keep what exists. */
public record ProductDraft(String p1Id, String sku, String name, String category, String unit, BigDecimal price) {
}
