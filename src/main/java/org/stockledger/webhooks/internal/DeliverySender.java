package org.stockledger.webhooks.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * Sends one signed webhook request with a bounded time (connect and answer within
 * {@link #TIMEOUT}); follows no redirects, so a public endpoint cannot bounce the request into
 * the private network. Never throws for the endpoint's failures: it reports them.
 */
@Component
public class DeliverySender {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final int RESPONSE_EXCERPT_LENGTH_MAX = 1000;
    public static final String USER_AGENT = "Stockledger-Webhooks/1";

    /** What came of one request: a status code (null when no answer came), or the error. */
    public record SendResult(Integer statusCode, long latencyMillis, String responseExcerpt, String error) {

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    public SendResult send(URI url, String messageId, long timestampSeconds, String signature, String body) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", USER_AGENT)
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestampSeconds))
                .header("webhook-signature", signature)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream stream = response.body()) {
                excerpt = new String(stream.readNBytes(RESPONSE_EXCERPT_LENGTH_MAX * 4), StandardCharsets.UTF_8);
            }
            if (excerpt.length() > RESPONSE_EXCERPT_LENGTH_MAX) {
                excerpt = excerpt.substring(0, RESPONSE_EXCERPT_LENGTH_MAX);
            }
            return new SendResult(response.statusCode(), elapsedMillis(started), excerpt, null);
        } catch (HttpTimeoutException timeout) {
            return new SendResult(null, elapsedMillis(started), null, "timeout after " + TIMEOUT.toSeconds() + " s");
        } catch (IOException failure) {
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            return new SendResult(null, elapsedMillis(started), null, "connection error: " + truncate(message));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return new SendResult(null, elapsedMillis(started), null, "interrupted");
        }
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static String truncate(String message) {
        return message.length() > 400 ? message.substring(0, 400) : message;
    }
}
