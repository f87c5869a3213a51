package org.stockledger.webhooks;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class WebhooksApiPostgresTest extends WebhooksApiTests {
}
