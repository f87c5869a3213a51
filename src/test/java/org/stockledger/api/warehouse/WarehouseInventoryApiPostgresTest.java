package org.stockledger.api.warehouse;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class WarehouseInventoryApiPostgresTest extends WarehouseInventoryApiTests {
}
