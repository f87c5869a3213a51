package org.stockledger.api.v2;

import org.stockledger.testing.OnH2;

@OnH2
class OrgInventoryApiH2Test extends OrgInventoryApiTests {
}
