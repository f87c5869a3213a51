package org.stockledger.api.v1;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class PosSyncApiPostgresTest extends PosSyncApiTests {
}
