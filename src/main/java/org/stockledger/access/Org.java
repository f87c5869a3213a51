package org.stockledger.access;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.UUID;

/**
 * A tenant and its settings. {@code reservationsEnabled} off means orders do not hold stock
 * (for orgs whose POS adjusts stock itself); {@code strictOrderWorkflow} off relaxes the order
 * status transitions.
 */
public record Org(
        String orgId,
        String name,
        ZoneId timeZone,
        UUID defaultLocationId,
        boolean reservationsEnabled,
        boolean strictOrderWorkflow,
        BigDecimal defaultReorderPoint) {
}
