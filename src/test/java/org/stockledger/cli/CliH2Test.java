package org.stockledger.cli;

import org.stockledger.testing.OnH2;

@OnH2
class CliH2Test extends CliTests {
}
