package org.stockledger.ledger;

import java.util.UUID;

/** How one change of an applied command left its level; {@code movement} is null when nothing moved. */
public record AppliedChange(LevelKey level, UUID levelId, Balance before, Balance after, Movement movement) {
}
