package org.stockledger.api.v1;

import org.stockledger.testing.OnH2;

@OnH2
class LocationInventoryApiH2Test extends LocationInventoryApiTests {
}
