package org.stockledger.api.v1;

import org.stockledger.testing.OnH2;

@OnH2
class PosSyncApiH2Test extends PosSyncApiTests {
}
