package org.stockledger.webhooks;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types a subscription may name: one canonical name per event and the aliases the
 * seed pages use for it. A subscriber receives the name it subscribed with; {@link #ALL}
 * subscribes to every event, which then arrives under its canonical name.
 */
public final class EventTypes {

    public static final String ALL = "*";
    public static final String INVENTORY_UPDATED = "inventory.updated";
    public static final String LOW_STOCK = "low_stock";
    public static final String OUT_OF_STOCK = "out_of_stock";
    public static final String BACK_IN_STOCK = "back_in_stock";
    public static final String ORDER_STATUS_UPDATED = "order_status_updated";
    public static final String SYNC_COMPLETED = "inventory.sync.completed";
    /** Sent only by the test-ping operation, to the one subscription pinged; never subscribable. */
    public static final String PING = "ping";

    /** Canonical name to its aliases, in documentation order. */
    private static final Map<String, List<String>> ALIASES = new LinkedHashMap<>();

    static {
        ALIASES.put(INVENTORY_UPDATED, List.of());
        ALIASES.put(LOW_STOCK, List.of("inventory.low_stock"));
        ALIASES.put(OUT_OF_STOCK, List.of("inventory.out_of_stock"));
        ALIASES.put(BACK_IN_STOCK, List.of("inventory.back_in_stock"));
        ALIASES.put(ORDER_STATUS_UPDATED, List.of("order.status_updated"));
        ALIASES.put(SYNC_COMPLETED, List.of());
    }

    private EventTypes() {
    }

    /** Every canonical name with its aliases. */
    public static Map<String, List<String>> catalogue() {
        return Map.copyOf(ALIASES);
    }

    /** The canonical name of a canonical name or alias; empty for an unknown name. */
    public static Optional<String> canonicalOf(String name) {
        if (ALIASES.containsKey(name)) {
            return Optional.of(name);
        }
        return ALIASES.entrySet().stream().filter(entry -> entry.getValue().contains(name)).map(Map.Entry::getKey).findFirst();
    }

    /**
     * The name a subscription with these names receives an event of this canonical type under, or
     * empty when it does not subscribe to it: the canonical name when listed (or {@link #ALL}),
     * else the first alias listed.
     */
    public static Optional<String> deliveredName(List<String> subscribed, String canonicalType) {
        if (subscribed.contains(canonicalType) || subscribed.contains(ALL)) {
            return Optional.of(canonicalType);
        }
        return subscribed.stream().filter(name -> canonicalOf(name).filter(canonicalType::equals).isPresent()).findFirst();
    }
}
