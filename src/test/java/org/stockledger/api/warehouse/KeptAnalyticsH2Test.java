package org.stockledger.api.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.MovableClock;
import org.stockledger.testing.OnH2;
import org.stockledger.testing.TestOrg;

/**
 * Analytics served again while young (in production only those that took long to compute; here
 * every result is kept, so small test data show the behaviour). A context of its own: the other
 * suites need analytics computed for each request.
 */
@OnH2
@TestPropertySource(properties = {"stockledger.analytics.keep-slower-than=0s", "stockledger.analytics.max-age=60s"})
class KeptAnalyticsH2Test extends ApiTestBase {

    private static final MovableClock CLOCK = MovableClock.INSTANCE;
    private static final String ANALYTICS = "/api/inventory/analytics?period=7d";

    @AfterEach
    void realTime() {
        CLOCK.reset();
    }

    @Test
    void aKeptAnswerCarriesItsAgeUntilItIsReplaced() throws InterruptedException {
        TestOrg org = newOrg();
        addProduct(org, "1", 10);
        ApiClient.Response first = org.api().get(ANALYTICS);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("Age")).as("computed for this request").isNull();
        assertThat(movements(first)).isEqualTo(1);

        adjust(org, 5);
        CLOCK.advance(Duration.ofSeconds(30));
        ApiClient.Response kept = org.api().get(ANALYTICS);
        assertThat(kept.header("Age")).isEqualTo("30");
        assertThat(movements(kept)).as("the kept answer, from before the adjustment").isEqualTo(1);
        assertThat(movements(org.api().get("/api/inventory/analytics?period=30d")))
                .as("another period is another answer").isEqualTo(2);

        ApiClient.Response fresh = org.api().send("GET", ANALYTICS, null, Map.of("Cache-Control", "no-cache"));
        assertThat(fresh.header("Age")).isNull();
        assertThat(movements(fresh)).isEqualTo(2);
        assertThat(org.api().get(ANALYTICS).header("Age")).as("the fresh answer replaced the kept one").isEqualTo("0");

        adjust(org, 5);
        CLOCK.advance(Duration.ofSeconds(90));
        ApiClient.Response stale = org.api().get(ANALYTICS);
        assertThat(stale.header("Age")).as("older than max-age: served while it is replaced").isEqualTo("90");
        assertThat(movements(stale)).isEqualTo(2);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ApiClient.Response replaced = org.api().get(ANALYTICS);
        while (movements(replaced) != 3 && System.nanoTime() < deadline) {
            Thread.sleep(20);
            replaced = org.api().get(ANALYTICS);
        }
        assertThat(movements(replaced)).as("replaced in the background").isEqualTo(3);
        assertThat(replaced.header("Age")).isEqualTo("0");

        CLOCK.advance(Duration.ofSeconds(121));
        adjust(org, 5);
        ApiClient.Response tooOld = org.api().get(ANALYTICS);
        assertThat(tooOld.header("Age")).as("older than twice max-age: computed again").isNull();
        assertThat(movements(tooOld)).isEqualTo(4);
    }

    @Test
    void anotherOrgNeverSeesTheKeptAnswer() {
        TestOrg org = newOrg();
        TestOrg other = newOrg();
        addProduct(org, "1", 10);
        assertThat(movements(org.api().get(ANALYTICS))).isEqualTo(1);
        assertThat(movements(other.api().get(ANALYTICS))).isZero();
    }

    @Test
    void badParametersAreRefusedBeforeAnythingIsKept() {
        TestOrg org = newOrg();
        assertThat(org.api().get("/api/inventory/analytics?period=2w").status()).isEqualTo(400);
        assertThat(org.api().get("/api/inventory/analytics?warehouse_id=x").status()).isEqualTo(400);
    }

    private void adjust(TestOrg org, int delta) {
        ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                Map.of("p1_id", "1", "delta_on_hand", delta, "reason", "recount"));
        assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
    }

    private static long movements(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        // The one product's movements in the period (zero when there is no top mover).
        return response.body().path("data").path("top_movers").path(0).path("movement_count").asLong();
    }
}
