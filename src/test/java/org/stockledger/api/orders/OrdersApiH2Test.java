package org.stockledger.api.orders;

import org.stockledger.testing.OnH2;

@OnH2
class OrdersApiH2Test extends OrdersApiTests {
}
