package org.stockledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stockledger.StockledgerApplication;
import org.stockledger.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * The embedded default keeps what it acknowledged when its process ends: every adjustment the
 * service answered 2xx is there after a SIGKILL, or a SIGTERM under load, and a restart on the same
 * data directory. The service runs as a process of its own (the test's classpath, its default
 * embedded database in a temporary directory), since what is lost then is what the process held in
 * memory.
 */
class ProcessKillH2Test {

    private static final String ORG = "killed";
    private static final String TOKEN = "kill-test-token-" + UUID.randomUUID();
    private static final Duration WRITING = Duration.ofMillis(1500);
    private static final int CLIENTS = 8;
    private static final String V2 = "/api/v2/public/orgs/" + ORG;

    @TempDir
    Path dataDir;

    private Process service;

    @AfterEach
    void stopService() throws InterruptedException {
        if (service != null && service.isAlive()) {
            service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void everyAcknowledgedAdjustmentSurvivesAKilledProcess() throws Exception {
        int port = freePort();
        ApiClient api = startWithAProduct(port);

        // Adjust for longer than H2's default write delay, then kill the process at once.
        int acknowledged = 0;
        Instant until = Instant.now().plus(WRITING);
        while (Instant.now().isBefore(until)) {
            ApiClient.Response adjusted = api.post(V2 + "/inventory/adjust", Map.of("p1_id", "1", "delta_on_hand", 1, "reason", "sale"));
            assertThat(adjusted.status()).as(adjusted.toString()).isEqualTo(200);
            acknowledged++;
        }
        service.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        assertThat(acknowledged).isGreaterThan(20);

        JsonNode item = theProductAfterARestart(port);
        assertThat(item.path("stockquantity").asLong()).as(item.toString()).isEqualTo(acknowledged);
        assertThat(item.path("log_entries").asLong()).as(item.toString()).isEqualTo(acknowledged);
    }

    /**
     * Clients keep adjusting while the service is stopped (SIGTERM): each request is answered 2xx
     * (applied), refused (not applied), or left without an answer (its outcome unknown to the
     * client). After a restart the stock holds every 2xx and nothing beyond the unknown ones.
     */
    @Test
    void aServiceStoppedUnderLoadKeepsEveryAdjustmentItAcknowledged() throws Exception {
        int port = freePort();
        ApiClient api = startWithAProduct(port);

        AtomicInteger acknowledged = new AtomicInteger();
        AtomicInteger unknown = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        List<String> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable adjustUntilStopped = () -> {
            while (!stopped.get()) {
                try {
                    ApiClient.Response adjusted = api.post(V2 + "/inventory/adjust",
                            Map.of("p1_id", "1", "delta_on_hand", 1, "reason", "sale"));
                    if (adjusted.status() == 200) {
                        acknowledged.incrementAndGet();
                    } else if (adjusted.status() == 503 && !adjusted.code().equals("commit_outcome_unknown")) {
                        refused.incrementAndGet();
                    } else if (adjusted.status() >= 500) {
                        unknown.incrementAndGet();
                    } else {
                        unexpected.add(adjusted.toString());
                    }
                } catch (IllegalStateException noAnswer) {
                    if (noAnswer.getCause() instanceof ConnectException) {
                        refused.incrementAndGet(); // no connection: the request was never sent
                    } else {
                        unknown.incrementAndGet();
                    }
                }
            }
        };
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        for (int i = 0; i < CLIENTS; i++) {
            clients.submit(adjustUntilStopped);
        }
        Thread.sleep(WRITING.toMillis());
        int acknowledgedBeforeTheStop = acknowledged.get();
        service.destroy();
        assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("the service stopped within 60 s").isTrue();
        stopped.set(true);
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        assertThat(acknowledgedBeforeTheStop).isGreaterThan(20);
        assertThat(unexpected).isEmpty();

        long stock = theProductAfterARestart(port).path("stockquantity").asLong();
        String counts = "acknowledged " + acknowledged + ", unknown " + unknown + ", refused " + refused + ", stock " + stock;
        assertThat(stock).as(counts).isBetween((long) acknowledged.get(), (long) acknowledged.get() + unknown.get());
    }

    private ApiClient startWithAProduct(int port) throws IOException, InterruptedException {
        ApiClient api = start(port, "first");
        ApiClient.Response added = api.post(V2 + "/products/add-to-inventory", Map.of("p1_id", "1", "name", "Widget"));
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return api;
    }

    /** The product as the service, started again on the same data directory, lists it. */
    private JsonNode theProductAfterARestart(int port) throws IOException, InterruptedException {
        ApiClient.Response list = start(port, "second").get(V2 + "/inventory?limit=1");
        assertThat(list.status()).as(list.toString()).isEqualTo(200);
        return list.body().path("data").path(0);
    }

    private ApiClient start(int port, String name) throws IOException, InterruptedException {
        Path log = dataDir.resolve("service-" + name + ".log");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                StockledgerApplication.class.getName(),
                "--spring.main.banner-mode=off", "--logging.level.root=WARN"))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.remove("STOCKLEDGER_DB_URL");
        environment.put("STOCKLEDGER_DATA_DIR", dataDir.resolve("data").toString());
        environment.put("STOCKLEDGER_BOOTSTRAP_ORG", ORG);
        environment.put("STOCKLEDGER_BOOTSTRAP_TOKEN", TOKEN);
        environment.put("SERVER_PORT", Integer.toString(port));
        service = builder.start();
        ApiClient api = new ApiClient(port, TOKEN);
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            if (!service.isAlive()) {
                throw new AssertionError("the service stopped: " + Files.readString(log));
            }
            try {
                if (api.get("/health/readiness").status() == 200) {
                    return api;
                }
            } catch (RuntimeException notListeningYet) {
                // not accepting connections yet
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the service was not ready within 120 s: " + Files.readString(log));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
