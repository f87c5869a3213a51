package org.stockledger.ledger;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class GroupCommitPostgresTest extends GroupCommitTests {
}
