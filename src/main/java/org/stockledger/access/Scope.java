package org.stockledger.access;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** What a token may do. The wire names are the ones the API documents use. */
public enum Scope {
    INVENTORY_READ("inventory.read"),
    INVENTORY_WRITE("inventory.write"),
    ORDERS_READ("orders.read"),
    ORDERS_WRITE("orders.write"),
    WEBHOOKS_MANAGE("webhooks.manage");

    private final String wireName;

    Scope(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Scope> fromWireName(String name) {
        return Arrays.stream(values()).filter(scope -> scope.wireName.equals(name)).findFirst();
    }

    public static Set<Scope> all() {
        return EnumSet.allOf(Scope.class);
    }
}
