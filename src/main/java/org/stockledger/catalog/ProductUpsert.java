package org.stockledger.catalog;

/** The product after adding it, and whether this call created it. */
public record ProductUpsert(Product product, boolean created) {
}
