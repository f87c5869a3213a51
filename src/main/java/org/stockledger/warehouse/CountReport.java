package org.stockledger.warehouse;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The outcome of a physical count: every line either counted, with the id of its count movement
 * (one of quantity 0 when the count found no difference), or failed with a code; {@code index} is
 * the line's position in the request, from 0.
 */
public record CountReport(int linesTotal, List<CountedLine> counted, List<FailedLine> failed) {

    public record CountedLine(int index, UUID movementId, UUID productId, UUID warehouseId, BigDecimal quantityBefore,
            BigDecimal quantityAfter, String reason, Instant createdAt) {

        public BigDecimal adjustment() {
            return quantityAfter.subtract(quantityBefore);
        }
    }

    public record FailedLine(int index, String productId, String warehouseId, String code, String message) {
    }
}
