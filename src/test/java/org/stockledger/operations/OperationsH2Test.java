package org.stockledger.operations;

import org.stockledger.testing.OnH2;

@OnH2
class OperationsH2Test extends OperationsTests {
}
