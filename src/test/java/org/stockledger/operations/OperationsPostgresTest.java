package org.stockledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.stockledger.testing.OnPostgres;

@OnPostgres
class OperationsPostgresTest extends OperationsTests {

    @Test
    void everyPooledSessionRunsWithoutTheJitCompiler() {
        for (int i = 0; i < 3; i++) {
            assertThat(jdbc.sql("show jit").query(String.class).single()).isEqualTo("off");
        }
    }
}
