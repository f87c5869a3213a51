package org.stockledger.ledger;

import java.util.Arrays;
import java.util.Optional;

/** Where stock sits inside a location. {@link #SALES_FLOOR} is the default. */
public enum Room {
    SALES_FLOOR("sales_floor"),
    VAULT("vault"),
    QUARANTINE("quarantine"),
    SECRET_MENU("secret_menu");

    private final String wireName;

    Room(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<Room> fromWireName(String name) {
        return Arrays.stream(values()).filter(room -> room.wireName.equals(name)).findFirst();
    }
}
