package org.stockledger.orders;

import org.stockledger.testing.PostgresTestDatabase;

/**
 * The order reservation properties on PostgreSQL (the test JVM's database, see
 * {@link PostgresTestDatabase}); without a reachable server this fails rather than passing untested.
 */
class OrderReservationsPostgresPropertyTest extends OrderReservationProperties {

    private static final class Holder {
        static final App APP = App.start(PostgresTestDatabase.url(), env("STOCKLEDGER_TEST_PG_USER", "postgres"),
                env("STOCKLEDGER_TEST_PG_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    App app() {
        return Holder.APP;
    }
}
