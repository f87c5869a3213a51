package org.stockledger.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.stockledger.access.Bootstrap;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.support.InvalidSettingException;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;

/** What an operator meets: bootstrap, health, metrics and the OpenAPI document. */
@ExtendWith(OutputCaptureExtension.class)
abstract class OperationsTests extends ApiTestBase {

    @Test
    void bootstrapCreatesExactlyTheConfiguredOrgAndTokenOnceAndTheTokenWorks() {
        String orgId = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        String secret = "bootstrap-secret-" + UUID.randomUUID();
        Bootstrap bootstrap = new Bootstrap(access, orgId, secret);
        bootstrap.run(new DefaultApplicationArguments());
        bootstrap.run(new DefaultApplicationArguments());

        Caller caller = access.authenticate(secret).orElseThrow();
        assertThat(caller.orgId()).isEqualTo(orgId);
        assertThat(caller.scopes()).containsExactlyInAnyOrderElementsOf(Scope.all());
        assertThat(access.listTokens(orgId)).hasSize(1);
        assertThat(anonymous().withToken(secret).get("/api/v2/public/orgs/" + orgId + "/inventory").status()).isEqualTo(200);
    }

    @Test
    void aBootstrapTokenOfTheWrongLengthFailsNamingItsVariableAndCreatesNothing() {
        String orgId = "boot-" + UUID.randomUUID().toString().substring(0, 8);

        assertThatThrownBy(() -> new Bootstrap(access, orgId, "short").run(new DefaultApplicationArguments()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("STOCKLEDGER_BOOTSTRAP_TOKEN")
                .hasMessageContaining("16 to 200 characters");
        assertThat(access.findOrg(orgId)).isEmpty();
    }

    @Test
    void aLaterStartSaysInOneLineHowToGetANewToken(CapturedOutput output) {
        String orgId = "boot-" + UUID.randomUUID().toString().substring(0, 8);
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.setLogLevel(Bootstrap.class.getName(), LogLevel.INFO);
        try {
            new Bootstrap(access, orgId, "").run(new DefaultApplicationArguments());
            assertThat(output.getOut()).doesNotContain("org " + orgId + " exists");

            new Bootstrap(access, orgId, "").run(new DefaultApplicationArguments());
        } finally {
            logging.setLogLevel(Bootstrap.class.getName(), null);
        }

        assertThat(output.getOut().lines().filter(line -> line.contains("org " + orgId + " exists")))
                .singleElement().asString()
                .contains("bin/stockledger token create --org " + orgId + " --scopes inventory.read,inventory.write");
    }

    @Test
    void healthReadinessChecksTheDatabase() {
        ApiClient.Response health = anonymous().get("/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asString()).isEqualTo("UP");
        ApiClient.Response readiness = anonymous().get("/health/readiness");
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.body().path("components").path("db").path("status").asString()).isEqualTo("UP");
        assertThat(anonymous().get("/health/liveness").status()).isEqualTo(200);
    }

    @Test
    void prometheusMetricsShowRequestsAndLedgerBatches() {
        TestOrg org = newOrg();
        addProduct(org, "m1", 3);
        ApiClient.Response metrics = anonymous().get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("http_server_requests_seconds_count").contains("stockledger_ledger_batch_commands");
    }

    @Test
    void ledgerHistogramsHaveAFewDozenBucketsEach() {
        TestOrg org = newOrg();
        addProduct(org, "h1", 3);
        String metrics = anonymous().get("/metrics").raw();

        assertThat(metrics.lines().filter(line -> line.startsWith("stockledger_ledger_batch_commands_bucket{")))
                .hasSizeBetween(20, 60)
                .anySatisfy(line -> assertThat(line).contains("le=\"1000.0\""));
        assertThat(metrics.lines().filter(line -> line.startsWith("stockledger_ledger_queue_wait_seconds_bucket{")))
                .hasSizeBetween(20, 60);
    }

    @Test
    void theOpenApiDocumentCarriesTheSeedExamples() {
        ApiClient.Response document = anonymous().get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.body().path("paths");
        JsonNode adjust = paths.path("/api/v2/public/orgs/{orgId}/inventory/adjust").path("post");
        assertThat(adjust.path("requestBody").toString()).contains("POS sale").contains("TX-999");
        assertThat(paths.path("/api/v2/public/orgs/{orgId}/inventory").path("get").path("responses").toString()).contains("Example Strain");
        assertThat(paths.has("/api/v1/inventory")).isTrue();
        assertThat(paths.has("/api/inventory/movements")).isTrue();
        assertThat(paths.has("/api/v2/public/orgs/{orgId}/orders")).isTrue();
        assertThat(anonymous().get("/docs").status()).isIn(200, 302);
        assertThat(document.body().path("components").path("securitySchemes").has("bearer")).isTrue();
    }

    @Test
    void theOpenApiDocumentDescribesRequestBodiesAndParametersNotTheAuthenticatedCaller() {
        JsonNode document = anonymous().get("/openapi.json").body();
        assertThat(document.path("components").path("schemas").has("Caller")).isFalse();
        List<String> callerParameters = new ArrayList<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            operation.getValue().path("parameters").forEach(parameter -> {
                if (parameter.path("name").asString().equals("caller")) {
                    callerParameters.add(operation.getKey() + " " + path.getKey());
                }
            });
        }));
        assertThat(callerParameters).isEmpty();
        JsonNode adjustSchema = document.path("paths").path("/api/v2/public/orgs/{orgId}/inventory/adjust").path("post")
                .path("requestBody").path("content").path("application/json").path("schema");
        String adjustBody = adjustSchema.has("$ref")
                ? document.path("components").path("schemas").path(adjustSchema.path("$ref").asString().replace("#/components/schemas/", "")).toString()
                : adjustSchema.toString();
        assertThat(adjustBody).contains("delta_on_hand").contains("reason");
        // Request records of the same simple name in different dialects each keep their own schema.
        assertThat(requestBodySchema(document, "/api/v1/inventory/{id}", "patch")).contains("quantity_change");
        assertThat(requestBodySchema(document, "/api/v2/public/orgs/{orgId}/orders/{orderId}", "put")).contains("customer_name");
        assertThat(requestBodySchema(document, "/api/v2/public/orgs/{orgId}/webhooks/{subscriptionId}", "patch")).contains("event_types");
    }

    private static String requestBodySchema(JsonNode document, String path, String method) {
        String reference = document.path("paths").path(path).path(method).path("requestBody").path("content")
                .path("application/json").path("schema").path("$ref").asString();
        assertThat(reference).as(method + " " + path).startsWith("#/components/schemas/");
        return document.path("components").path("schemas").path(reference.substring("#/components/schemas/".length())).toString();
    }
}
