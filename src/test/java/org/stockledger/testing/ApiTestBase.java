package org.stockledger.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.stockledger.access.AccessService;
import org.stockledger.access.IssuedToken;
import org.stockledger.access.Scope;
import org.stockledger.ledger.LedgerVerifier;
import org.stockledger.ledger.Mismatch;
import tools.jackson.databind.JsonNode;

/**
 * Base of every HTTP-level suite: the application on a random port, and helpers to make an org
 * of one's own per test (so tests never see each other's data and need no clean-up).
 * Subclass it once per database with {@link OnH2} and {@link OnPostgres}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "stockledger.bootstrap.enabled=false",
        "spring.main.banner-mode=off",
        "logging.level.root=WARN",
        "logging.level.org.stockledger=WARN"})
public abstract class ApiTestBase {

    @LocalServerPort
    protected int port;

    @Autowired
    protected AccessService access;

    @Autowired
    protected LedgerVerifier verifier;

    /** For tests that stage what only a crash could leave behind. */
    @Autowired
    protected JdbcClient jdbc;

    protected TestOrg newOrg() {
        return newOrg(Scope.all());
    }

    protected TestOrg newOrg(Set<Scope> scopes) {
        String orgId = "t-" + UUID.randomUUID().toString().substring(0, 13);
        access.createOrg(orgId, "Test org " + orgId);
        IssuedToken token = access.createToken(orgId, "test-token", scopes);
        return new TestOrg(orgId, token.secret(), new ApiClient(port, token.secret()));
    }

    protected String tokenFor(TestOrg org, Set<Scope> scopes) {
        return access.createToken(org.orgId(), "scoped", scopes).secret();
    }

    protected ApiClient anonymous() {
        return new ApiClient(port, null);
    }

    /** Adds a product through the API and, when {@code onHand} is positive, stocks it. */
    protected void addProduct(TestOrg org, String p1Id, int onHand) {
        ApiClient.Response added = org.api().post(org.v2("/products/add-to-inventory"),
                Map.of("p1_id", p1Id, "name", "Product " + p1Id, "category", "Blüten", "price", 8.99));
        assertThat(added.status()).as(added.toString()).isIn(200, 201);
        if (onHand > 0) {
            ApiClient.Response adjusted = org.api().post(org.v2("/inventory/adjust"),
                    Map.of("p1_id", p1Id, "delta_on_hand", onHand, "reason", "initial stock"));
            assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
        }
    }

    protected void assertVerifyClean(TestOrg org) {
        List<Mismatch> mismatches = verifier.verify(org.orgId());
        assertThat(mismatches).as("verify of org " + org.orgId()).isEmpty();
    }

    protected static void assertProblem(ApiClient.Response response, int status, String code) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).as(response.toString()).startsWith("application/problem+json");
        assertThat(response.code()).as(response.toString()).isEqualTo(code);
        assertThat(response.body().path("title").isString()).isTrue();
    }

    protected static JsonNode data(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isBetween(200, 299);
        return response.body().path("data");
    }

    /** Reserves stock the way the product does: an open order for {@code quantity} of the product. */
    protected void reserveThroughAnOrder(TestOrg org, String p1Id, int quantity) {
        ApiClient.Response order = org.api().post(org.v2("/orders"), Map.of(
                "shop_id", "test-shop",
                "external_id", "reserve-" + UUID.randomUUID(),
                "customer_name", "Test Customer",
                "items", List.of(Map.of("name", "Product " + p1Id, "qty", quantity, "price", 1, "p1_id", p1Id))));
        assertThat(order.status()).as(order.toString()).isEqualTo(201);
        assertThat(order.body().path("fully_reserved").asBoolean()).as(order.toString()).isTrue();
    }
}
