package org.stockledger.operations;

import org.stockledger.testing.OnPostgres;

@OnPostgres
class OperationsPostgresTest extends OperationsTests {
}
