package org.stockledger.webhooks;

import org.stockledger.testing.OnH2;

@OnH2
class WebhooksApiH2Test extends WebhooksApiTests {
}
