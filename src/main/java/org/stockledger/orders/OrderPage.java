package org.stockledger.orders;

import java.util.List;

/** One page of orders, newest first, with the total matching the filters. */
public record OrderPage(List<OrderHeader> orders, int limit, long offset, long total) {
}
