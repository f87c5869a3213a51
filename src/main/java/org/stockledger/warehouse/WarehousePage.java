package org.stockledger.warehouse;

import java.util.List;

/** One page of a warehouse list: page numbers start at 1; {@code total} counts every match. */
public record WarehousePage<T>(List<T> items, int page, int limit, long total) {

    public boolean hasMore() {
        return (long) page * limit < total;
    }
}
