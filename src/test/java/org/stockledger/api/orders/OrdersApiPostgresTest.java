package org.stockledger.api.orders;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class OrdersApiPostgresTest extends OrdersApiTests {
}
