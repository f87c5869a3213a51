package org.stockledger.ledger;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** The result of one command of a batch: applied, refused with a reason, or aborted with its batch. */
public sealed interface CommandOutcome {

    record Applied(UUID commandId, List<AppliedChange> changes) implements CommandOutcome {
    }

    /** The command would have broken an invariant or its compare-and-set; nothing of it was written. */
    record Refused(String code, String message, LevelKey level, Balance current, BigDecimal requested) implements CommandOutcome {
    }

    /** The command was fine, but an all-or-nothing batch it belonged to had a refused command. */
    record Aborted() implements CommandOutcome {
    }
}
