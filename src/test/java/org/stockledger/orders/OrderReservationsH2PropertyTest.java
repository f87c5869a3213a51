package org.stockledger.orders;

/** The order reservation properties on an in-memory H2 database of their own. */
class OrderReservationsH2PropertyTest extends OrderReservationProperties {

    private static final class Holder {
        static final App APP = App.start("jdbc:h2:mem:stockledger-orders-properties-" + ProcessHandle.current().pid()
                + ";DB_CLOSE_DELAY=-1;DEFAULT_LOCK_TIMEOUT=10000", "sa", "");
    }

    @Override
    App app() {
        return Holder.APP;
    }
}
