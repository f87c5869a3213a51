package org.stockledger.ledger.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Room;

final class Rows {

    private Rows() {
    }

    static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** The level key of a row with {@code product_id}, {@code location_id} and {@code room} columns. */
    static LevelKey levelKey(ResultSet rs) throws SQLException {
        return new LevelKey(rs.getObject("product_id", UUID.class), rs.getObject("location_id", UUID.class),
                Room.fromWireName(rs.getString("room")).orElseThrow());
    }
}
