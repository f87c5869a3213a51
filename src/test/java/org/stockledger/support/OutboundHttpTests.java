package org.stockledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stockledger.sync.ConnectorSettings;
import org.stockledger.sync.PosFeedException;
import org.stockledger.sync.internal.HttpJsonFeedConnector;
import org.stockledger.webhooks.internal.DeliverySender;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbound calls connect only to addresses their resolver checked: a request to a host that
 * resolves to a loopback address never reaches it, whatever a check before the request said.
 * Also the bounds of an exchange: an endless answer is cut, a dripping one times out.
 */
class OutboundHttpTests {

    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private URI serve(HttpHandler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            handler.handle(exchange);
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Test
    void aHostThatResolvesToALoopbackAddressIsNeverConnectedTo() throws Exception {
        URI endpoint = serve(exchange -> answer(exchange, 200, "ok"));
        // A name whose answer is the loopback address, as a rebinding DNS server would give it after a check.
        DnsResolver rebound = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        HttpGet get = new HttpGet(URI.create("http://hooks.example.com:" + endpoint.getPort() + "/hook"));

        try (CloseableHttpClient unchecked = OutboundHttp.client(Duration.ofSeconds(5), rebound)) {
            int status = unchecked.execute(get, response -> response.getCode());
            assertThat(status).isEqualTo(200);
        }
        assertThat(requests).hasValue(1);

        try (CloseableHttpClient checked = OutboundHttp.client(Duration.ofSeconds(5), new OutboundHttp.PublicAddresses(rebound))) {
            assertThatThrownBy(() -> checked.execute(new HttpGet(get.getUri()), response -> response.getCode()))
                    .isInstanceOf(OutboundHttp.NonPublicAddressException.class)
                    .hasMessageContaining("hooks.example.com resolves to a loopback")
                    .hasMessageContaining("127.0.0.1");
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void aWebhookToAPrivateAddressFailsWithoutARequestUnlessPrivateTargetsAreAllowed() throws Exception {
        URI endpoint = serve(exchange -> answer(exchange, 204, ""));
        URI byName = URI.create("http://localhost:" + endpoint.getPort() + "/hook");

        try (DeliverySender sender = new DeliverySender(false)) {
            for (URI url : List.of(endpoint, byName)) {
                DeliverySender.SendResult refused = sender.send(url, "msg_1", 1, "v1,sig", "{}");
                assertThat(refused.statusCode()).as(url.toString()).isNull();
                assertThat(refused.error()).as(url.toString()).startsWith("connection error").contains("non-public address");
            }
        }
        assertThat(requests).hasValue(0);

        try (DeliverySender sender = new DeliverySender(true)) {
            DeliverySender.SendResult delivered = sender.send(endpoint, "msg_1", 1, "v1,sig", "{}");
            assertThat(delivered.statusCode()).isEqualTo(204);
            assertThat(delivered.error()).isNull();
        }
        assertThat(requests).hasValue(1);
    }

    @Test
    void anEndlessAnswerIsCutAtTheExcerpt() throws Exception {
        URI endpoint = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no end
            byte[] chunk = "x".repeat(1024).getBytes(StandardCharsets.UTF_8);
            try (OutputStream out = exchange.getResponseBody()) {
                while (true) {
                    out.write(chunk);
                }
            } catch (IOException dropped) {
                // the sender hung up, as it should
            }
        });
        try (DeliverySender sender = new DeliverySender(true)) {
            DeliverySender.SendResult result = assertTimeoutPreemptively(Duration.ofSeconds(30),
                    () -> sender.send(endpoint, "msg_1", 1, "v1,sig", "{}"));
            assertThat(result.statusCode()).as(String.valueOf(result)).isEqualTo(200);
            assertThat(result.responseExcerpt()).hasSize(DeliverySender.RESPONSE_EXCERPT_LENGTH_MAX);
        }
    }

    @Test
    void aFeedThatDripsItsAnswerTimesOutAsAWhole() throws Exception {
        URI endpoint = serve(exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("[".getBytes(StandardCharsets.UTF_8));
                out.flush();
                for (int i = 0; i < 100; i++) { // a byte every 100 ms: each read is quick, the whole is not
                    Thread.sleep(100);
                    out.write(" ".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            } catch (IOException | InterruptedException dropped) {
                // the connector hung up
            }
        });
        try (HttpJsonFeedConnector feed = new HttpJsonFeedConnector(JsonMapper.builder().build(), Duration.ofSeconds(1), true)) {
            ConnectorSettings settings = new ConnectorSettings("org", UUID.randomUUID(), HttpJsonFeedConnector.TYPE,
                    endpoint.toString(), null, Instant.now(), Instant.now());
            // Without a deadline on the whole exchange this would read for 10 s and then fail to parse.
            assertThatThrownBy(() -> feed.fetchCounts(settings, null))
                    .isInstanceOf(PosFeedException.class)
                    .hasMessageContaining("did not answer within 1 s");
        }
    }
}
