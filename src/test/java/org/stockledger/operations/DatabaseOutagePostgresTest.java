package org.stockledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.StockledgerApplication;
import org.stockledger.ledger.LedgerVerifier;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.PostgresTestDatabase;

/**
 * The database goes away under a running service and comes back: every request meanwhile is
 * answered 503 {@code database_unavailable} with Retry-After and changes nothing, readiness says
 * DOWN, and once the database is back the same service answers again without a restart. The
 * service runs on a database of its own, since the outage is real: its connections are ended and
 * new ones refused.
 */
@ExtendWith(PostgresTestDatabase.class)
class DatabaseOutagePostgresTest {

    private static final String DATABASE = "stockledger_outage_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    private static final String ORG = "outage";
    private static final String TOKEN = "outage-test-token-" + UUID.randomUUID();
    private static ConfigurableApplicationContext service;
    private static ApiClient api;

    @BeforeAll
    static void startService() {
        admin("create database " + DATABASE);
        service = new SpringApplicationBuilder(StockledgerApplication.class).run(
                "--server.port=0",
                "--spring.datasource.url=" + PostgresTestDatabase.urlOf(DATABASE),
                "--spring.datasource.username=" + PostgresTestDatabase.user(),
                "--spring.datasource.password=" + PostgresTestDatabase.password(),
                // Refused connections are reported after 1 s instead of the production 5 s.
                "--spring.datasource.hikari.connection-timeout=1000",
                "--stockledger.bootstrap.org=" + ORG,
                "--stockledger.bootstrap.token=" + TOKEN,
                "--spring.main.banner-mode=off",
                "--logging.level.root=WARN");
        int port = Integer.parseInt(service.getEnvironment().getRequiredProperty("local.server.port"));
        api = new ApiClient(port, TOKEN);
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.close();
        }
        admin("alter database " + DATABASE + " allow_connections true");
        admin("drop database if exists " + DATABASE + " with (force)");
    }

    @Test
    void requestsDuringAnOutageAre503AndChangeNothingAndTheServiceRecoversByItself() throws Exception {
        String v2 = "/api/v2/public/orgs/" + ORG;
        assertThat(api.post(v2 + "/products/add-to-inventory", Map.of("p1_id", "1", "name", "Widget")).status()).isEqualTo(201);
        assertThat(api.post(v2 + "/inventory/adjust", Map.of("p1_id", "1", "delta_on_hand", 5, "reason", "opening")).status())
                .isEqualTo(200);

        admin("alter database " + DATABASE + " allow_connections false");
        admin("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + DATABASE + "'");

        for (ApiClient.Response during : new ApiClient.Response[] {
                api.post(v2 + "/inventory/adjust", Map.of("p1_id", "1", "delta_on_hand", 3, "reason", "during the outage")),
                api.get(v2 + "/inventory/1/log?limit=5"),
                api.post(v2 + "/inventory/adjust", Map.of("p1_id", "1", "delta_on_hand", -2, "reason", "during the outage")),
                api.get("/api/inventory")}) {
            assertThat(during.status()).as(during.toString()).isEqualTo(503);
            assertThat(during.header("Content-Type")).as(during.toString()).startsWith("application/problem+json");
            assertThat(during.code()).as(during.toString()).isEqualTo("database_unavailable");
            assertThat(during.header("Retry-After")).as(during.toString()).isEqualTo("5");
        }
        ApiClient.Response readiness = api.get("/health/readiness");
        assertThat(readiness.status()).as(readiness.toString()).isEqualTo(503);
        assertThat(readiness.body().path("components").path("db").path("status").asString()).isEqualTo("DOWN");

        admin("alter database " + DATABASE + " allow_connections true");

        ApiClient.Response after = awaitAnswer(() -> api.get(v2 + "/inventory/1/log?limit=5"), Duration.ofSeconds(20));
        assertThat(after.status()).as(after.toString()).isEqualTo(200);
        assertThat(after.body().path("data").size()).as("only the opening movement: nothing of the outage was applied").isEqualTo(1);
        assertThat(api.post(v2 + "/inventory/adjust", Map.of("p1_id", "1", "delta_on_hand", -1, "reason", "after")).body()
                .path("on_hand").asInt()).isEqualTo(4);
        assertThat(api.get("/health/readiness").status()).isEqualTo(200);
        assertThat(service.getBean(LedgerVerifier.class).verify(ORG)).isEmpty();
    }

    private static ApiClient.Response awaitAnswer(java.util.function.Supplier<ApiClient.Response> request, Duration within)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        ApiClient.Response response = request.get();
        while (response.status() == 503 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
            response = request.get();
        }
        return response;
    }

    private static void admin(String sql) {
        PostgresTestDatabase.executeAsAdmin(sql);
    }
}
