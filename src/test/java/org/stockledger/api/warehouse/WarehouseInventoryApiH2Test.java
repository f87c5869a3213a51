package org.stockledger.api.warehouse;

import org.stockledger.testing.OnH2;

@OnH2
class WarehouseInventoryApiH2Test extends WarehouseInventoryApiTests {
}
