package org.stockledger.stock;

/** An item made (or found, when its bin already held the product) by {@code createItem}. */
public record ItemCreation(InventoryItem item, boolean created) {
}
