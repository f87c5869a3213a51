package org.stockledger.ledger;

import org.stockledger.testing.OnH2;

@OnH2
class GroupCommitH2Test extends GroupCommitTests {
}
