package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * One day of a product's history over all bins, in the org's time zone: the day's on-hand and
 * incoming deltas (with on-hand split into stock in and out), the number of ledger entries,
 * and the balances at the end of the day.
 */
public record DailyStock(
        LocalDate date,
        BigDecimal deltaOnHand,
        BigDecimal stockIn,
        BigDecimal stockOut,
        BigDecimal deltaIncoming,
        long entries,
        BigDecimal closingOnHand,
        BigDecimal closingIncoming) {
}
