package org.stockledger.inventory;

import java.util.List;

/** One page of a list with its offset paging and the total count. */
public record Page<T>(List<T> items, int limit, long offset, long total) {
}
