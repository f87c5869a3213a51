package org.stockledger.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.h2.api.ErrorCode;
import org.h2.message.DbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.stockledger.StockledgerApplication;
import org.stockledger.support.InvalidSettingException;

/** A start that fails on a setting ends in Spring Boot's short report naming the environment variable, not a stack trace. */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureReportsTest {

    @Test
    void aStartWithAnUnsupportedDatabaseUrlReportsTheVariableAndWhatToDoWithoutAStackTrace(CapturedOutput output) {
        SpringApplication application = new SpringApplication(StockledgerApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);

        assertThatThrownBy(() -> application.run("--spring.datasource.url=jdbc:mysql://localhost:3306/stockledger",
                "--stockledger.bootstrap.enabled=false", "--spring.main.banner-mode=off"))
                .isInstanceOf(InvalidSettingException.class);

        assertThat(output.getAll())
                .contains("APPLICATION FAILED TO START")
                .contains("STOCKLEDGER_DB_URL names a database Stockledger does not run on ('jdbc:mysql:')")
                .contains("Set STOCKLEDGER_DB_URL to a PostgreSQL URL")
                .doesNotContain("\tat ");
    }

    @Test
    void aDatabaseUrlThatIsNotJdbcOrNotPostgresOrH2IsRefusedBeforeAnythingConnects() {
        for (String url : new String[] {"postgresql://localhost:5432/stockledger", "jdbc:mysql://localhost/stockledger", ""}) {
            assertThatThrownBy(() -> check(new MockEnvironment().withProperty("spring.datasource.url", url)))
                    .as(url)
                    .isInstanceOfSatisfying(InvalidSettingException.class, refused -> {
                        assertThat(refused.environmentVariable()).isEqualTo("STOCKLEDGER_DB_URL");
                        assertThat(refused.getMessage()).startsWith("STOCKLEDGER_DB_URL").doesNotContain("localhost");
                    });
        }
        check(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://localhost:5432/stockledger"));
        check(new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:mem:stockledger"));
    }

    @Test
    void aDataDirectoryThatIsAFileIsRefusedNamingTheDataDirectory(@TempDir Path temporary) throws Exception {
        Path file = Files.createFile(temporary.resolve("data"));
        MockEnvironment environment = new MockEnvironment()
                .withProperty("stockledger.data-dir", file.toString())
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + file + "/stockledger;DB_CLOSE_ON_EXIT=FALSE");

        assertThatThrownBy(() -> check(environment))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("STOCKLEDGER_DATA_DIR (" + file + ") is a file, not a directory.");
    }

    @Test
    void aMissingDataDirectoryIsCreated(@TempDir Path temporary) {
        Path directory = temporary.resolve("data/stockledger");
        check(new MockEnvironment()
                .withProperty("stockledger.data-dir", directory.toString())
                .withProperty("spring.datasource.url", "jdbc:h2:file:" + directory + "/stockledger"));

        assertThat(directory).isDirectory();
    }

    @Test
    void anInvalidSettingIsReportedWithItsProblemAndAction() {
        InvalidSettingException invalid = new InvalidSettingException("STOCKLEDGER_BOOTSTRAP_TOKEN",
                "STOCKLEDGER_BOOTSTRAP_TOKEN is 5 characters long", "Set it longer.");

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(new BeanCreationException("bootstrap", invalid));

        assertThat(analysis.getDescription()).isEqualTo("STOCKLEDGER_BOOTSTRAP_TOKEN is 5 characters long");
        assertThat(analysis.getAction()).isEqualTo("Set it longer.");
    }

    @Test
    void anUnreachablePostgresServerIsReportedAgainstTheDatabaseUrl() {
        PSQLException refused = new PSQLException("Connection to 127.0.0.1:1 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new ConnectException("Connection refused"));
        PSQLException unknownHost = new PSQLException("The connection attempt failed.", PSQLState.CONNECTION_UNABLE_TO_CONNECT,
                new UnknownHostException("db.invalid"));

        FailureAnalysis refusedAnalysis = analyzeDatabaseFailure(refused, new MockEnvironment());
        FailureAnalysis unknownAnalysis = analyzeDatabaseFailure(unknownHost, new MockEnvironment());

        assertThat(refusedAnalysis.getDescription()).startsWith("STOCKLEDGER_DB_URL names a database server Stockledger cannot reach")
                .contains("Connection to 127.0.0.1:1 refused.");
        assertThat(refusedAnalysis.getAction()).contains("STOCKLEDGER_DB_URL");
        assertThat(unknownAnalysis.getDescription()).contains("unknown host db.invalid");
    }

    @Test
    void aMissingPostgresDatabaseAndARefusedRoleAreReportedAgainstTheirVariables() {
        SQLException missing = new SQLException("FATAL: database \"x\" does not exist", "3D000");
        SQLException refusedRole = new SQLException("FATAL: password authentication failed for user \"x\"", "28P01");

        assertThat(analyzeDatabaseFailure(missing, new MockEnvironment()).getDescription())
                .startsWith("STOCKLEDGER_DB_URL names a database that does not exist").contains("database \"x\" does not exist");
        assertThat(analyzeDatabaseFailure(refusedRole, new MockEnvironment()).getAction())
                .contains("STOCKLEDGER_DB_USER").contains("STOCKLEDGER_DB_PASSWORD");
    }

    @Test
    void anEmbeddedDatabaseHeldByAnotherProcessIsReportedAgainstTheDataDirectory() {
        SQLException inUse = DbException.getJdbcSQLException(ErrorCode.DATABASE_ALREADY_OPEN_1, "/srv/stockledger/stockledger.mv.db");
        MockEnvironment environment = new MockEnvironment()
                .withProperty("stockledger.data-dir", "/srv/stockledger")
                .withProperty("spring.datasource.url", "jdbc:h2:file:/srv/stockledger/stockledger;DB_CLOSE_ON_EXIT=FALSE");

        FailureAnalysis analysis = analyzeDatabaseFailure(inUse, environment);

        assertThat(analysis.getDescription()).contains("/srv/stockledger").contains("in use by another process")
                .contains("STOCKLEDGER_DATA_DIR");
        assertThat(analysis.getAction()).contains("STOCKLEDGER_DATA_DIR");
    }

    @Test
    void otherDatabaseErrorsKeepSpringBootsOwnReport() {
        PSQLException missingTable = new PSQLException("ERROR: relation \"x\" does not exist", PSQLState.UNDEFINED_TABLE);

        assertThat(analyzeDatabaseFailure(missingTable, new MockEnvironment())).isNull();
    }

    @Test
    void aSettingThatIsNotOfItsTypeIsReportedByItsEnvironmentVariable() {
        Throwable failure;
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
            context.getEnvironment().getPropertySources()
                    .addFirst(new MapPropertySource("test", Map.of("stockledger.analytics.max-age", "sixty")));
            context.register(NeedsADuration.class);
            failure = catchThrowable(context::refresh);
        }

        FailureAnalysis analysis = new SettingConversionFailureAnalyzer().analyze(failure);

        assertThat(analysis.getDescription())
                .isEqualTo("STOCKLEDGER_ANALYTICS_MAX_AGE is 'sixty', which is not a duration such as 60s, 500ms, 5m or PT1M.");
        assertThat(analysis.getAction()).startsWith("Set STOCKLEDGER_ANALYTICS_MAX_AGE to a duration");
    }

    static class NeedsADuration {
        NeedsADuration(@Value("${stockledger.analytics.max-age:60s}") Duration maxAge) {
        }
    }

    private static void check(MockEnvironment environment) {
        DatabaseSettingsCheck check = new DatabaseSettingsCheck();
        check.setEnvironment(environment);
        check.postProcessBeanFactory(null);
    }

    private static FailureAnalysis analyzeDatabaseFailure(SQLException failure, MockEnvironment environment) {
        RuntimeException wrapped = new BeanCreationException("flywayInitializer", "Unable to obtain connection from database",
                new IllegalStateException("pool", failure));
        return new DatabaseFailureAnalyzer(environment).analyze(wrapped);
    }
}
