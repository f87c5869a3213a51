package org.stockledger.stock;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;
import org.stockledger.ledger.MovementKind;

/** The reason codes of the location inventory API, recorded as the movement's reason code. */
public enum ReasonCode {
    SALE("Retail sale"),
    RETURN("Customer return"),
    ADJUSTMENT("Manual adjustment"),
    DAMAGE("Damaged goods"),
    THEFT("Theft/shrinkage"),
    TRANSFER("Inter-location transfer"),
    AUDIT("Audit correction");

    private final String description;

    ReasonCode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }

    public static Optional<ReasonCode> parse(String code) {
        return Arrays.stream(values()).filter(value -> value.name().equals(code)).findFirst();
    }

    public static String allCodes() {
        return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
    }

    /**
     * The ledger kind of a change with this reason: sales and returns are stock out and in,
     * transfers are transfer movements, the rest are adjustments (which analytics count as such).
     */
    public MovementKind movementKind(boolean increase) {
        return switch (this) {
            case SALE, RETURN -> increase ? MovementKind.RECEIPT : MovementKind.SHIPMENT;
            case TRANSFER -> increase ? MovementKind.TRANSFER_IN : MovementKind.TRANSFER_OUT;
            case ADJUSTMENT, DAMAGE, THEFT, AUDIT -> MovementKind.ADJUSTMENT;
        };
    }
}
