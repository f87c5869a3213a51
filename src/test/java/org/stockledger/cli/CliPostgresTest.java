package org.stockledger.cli;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class CliPostgresTest extends CliTests {
}
