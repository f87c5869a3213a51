package org.stockledger.api.v2;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class OrgInventoryApiPostgresTest extends OrgInventoryApiTests {
}
