package org.stockledger.stock;

/**
 * The list filters as the client sent them (raw text; null = absent). The service validates
 * them: an unknown value is a 400, never an empty list.
 */
public record ItemFilter(String locationId, String roomType, String category, String lowStock) {
}
