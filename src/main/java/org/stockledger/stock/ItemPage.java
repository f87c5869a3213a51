package org.stockledger.stock;

import java.util.List;

/** One page of items with the 1-based page number, the page size and the total matching items. */
public record ItemPage<T>(List<T> items, int page, int limit, long total) {
}
