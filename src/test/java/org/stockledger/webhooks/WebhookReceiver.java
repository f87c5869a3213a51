package org.stockledger.webhooks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.stockledger.testing.ApiClient;
import tools.jackson.databind.JsonNode;

/**
 * A webhook endpoint started by a test: verifies every request's Standard Webhooks signature
 * with the secret it was given, records what arrived, and answers with a status the test sets.
 * It can be stopped and started again on the same port (endpoint down, then up).
 */
final class WebhookReceiver implements AutoCloseable {

    record Arrival(String webhookId, long timestamp, String signature, String body, boolean signatureValid) {

        JsonNode json() {
            return ApiClient.JSON.readTree(body);
        }

        String type() {
            return json().path("type").asString();
        }

        JsonNode data() {
            return json().path("data");
        }
    }

    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final AtomicInteger answerStatus = new AtomicInteger(200);
    // A path of its own, so a later receiver that happens to get this port never sees this one's stragglers.
    private final String path = "/hook/" + java.util.UUID.randomUUID();
    private volatile String secret = "whsec_" + Base64.getEncoder().encodeToString(new byte[32]);
    private HttpServer server;
    private boolean running;
    private int port;

    static WebhookReceiver started() {
        WebhookReceiver receiver = new WebhookReceiver();
        receiver.start();
        return receiver;
    }

    synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
        } catch (IOException failure) {
            throw new IllegalStateException("receiver cannot listen on port " + port, failure);
        }
        server.createContext(path, exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            String text = new String(body, StandardCharsets.UTF_8);
            arrivals.add(new Arrival(id, Long.parseLong(timestamp), signature, text, verify(id, timestamp, text, signature)));
            byte[] answer = (answerStatus.get() < 300 ? "ok" : "receiver says no").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answerStatus.get(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
        running = true;
        port = server.getAddress().getPort();
    }

    synchronized void stop() {
        if (running) {
            server.stop(0);
            running = false;
        }
    }

    /** The URL to subscribe; stays the same across stop and start. */
    String url() {
        return "http://127.0.0.1:" + port + path;
    }

    void useSecret(String signingSecret) {
        this.secret = signingSecret;
    }

    void answerWith(int status) {
        answerStatus.set(status);
    }

    List<Arrival> arrivals() {
        return List.copyOf(arrivals);
    }

    /** An independent check of the scheme: HMAC-SHA256 over id.timestamp.body with the secret's key bytes, any v1 signature matching. */
    private boolean verify(String id, String timestamp, String body, String header) {
        if (id == null || timestamp == null || header == null) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            for (String candidate : header.split(" ")) {
                if (candidate.startsWith("v1,")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(candidate.substring(3)))) {
                    return true;
                }
            }
            return false;
        } catch (Exception broken) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
