package org.stockledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;

@OnPostgres
class StartupReportPostgresTest extends ApiTestBase {

    @Autowired
    DataSource dataSource;

    @Test
    void warnsWhenPostgresKeepsNoStatisticsByItself() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            boolean autovacuum = jdbc.sql("show autovacuum").query(String.class).single().equals("on");
            assertThat(StartupReport.databaseWarning(connection))
                    .as("autovacuum " + (autovacuum ? "on" : "off"))
                    .isEqualTo(autovacuum ? Optional.empty() : Optional.of(StartupReport.AUTOVACUUM_OFF));
        }
    }
}
