package org.stockledger.ledger;

import java.util.LinkedHashMap;
import java.util.Map;
import org.stockledger.support.DomainException;

/** Turns a refused command into the 409 problem every dialect answers with. */
public final class Refusals {

    private Refusals() {
    }

    public static DomainException asDomainException(CommandOutcome.Refused refused) {
        return new DomainException(409, refused.code(), refused.message(), null, details(refused));
    }

    public static Map<String, Object> details(CommandOutcome.Refused refused) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("on_hand", refused.current().onHand());
        details.put("reserved", refused.current().reserved());
        details.put("available", refused.current().available());
        details.put("incoming", refused.current().incoming());
        if (refused.code().equals("stale_quantity")) {
            details.put("current_on_hand", refused.current().onHand());
        }
        return details;
    }

    /** The applied outcome, or the refusal as a 409; an aborted outcome here is a programmer error. */
    public static CommandOutcome.Applied requireApplied(CommandOutcome outcome) {
        return switch (outcome) {
            case CommandOutcome.Applied applied -> applied;
            case CommandOutcome.Refused refused -> throw asDomainException(refused);
            case CommandOutcome.Aborted aborted -> throw new IllegalStateException("a single command cannot be aborted");
        };
    }
}
