package org.stockledger.webhooks.internal;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.stockledger.support.OutboundHttp;

/**
 * Sends one signed webhook request with a bounded time (the whole exchange within
 * {@link #TIMEOUT}); follows no redirects, so a public endpoint cannot bounce the request
 * into the private network, and connects only to the public addresses its resolver checked
 * ({@link OutboundHttp}). Reads at most an excerpt of the answer. Never throws for the endpoint's
 * failures: it reports them.
 */
@Component
public class DeliverySender implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    public static final int RESPONSE_EXCERPT_LENGTH_MAX = 1000;
    public static final String USER_AGENT = "Stockledger-Webhooks/1";
    private static final int RESPONSE_EXCERPT_BYTES_MAX = RESPONSE_EXCERPT_LENGTH_MAX * 4;

    /** What came of one request: a status code (null when no answer came), or the error. */
    public record SendResult(Integer statusCode, long latencyMillis, String responseExcerpt, String error) {

        public boolean succeeded() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final CloseableHttpClient http;

    public DeliverySender(@Value("${stockledger.webhooks.allow-private:false}") boolean allowPrivateTargets) {
        this.http = OutboundHttp.client(TIMEOUT, allowPrivateTargets);
    }

    public SendResult send(URI url, String messageId, long timestampSeconds, String signature, String body) {
        HttpPost request = new HttpPost(url);
        request.setHeader("User-Agent", USER_AGENT);
        request.setHeader("webhook-id", messageId);
        request.setHeader("webhook-timestamp", Long.toString(timestampSeconds));
        request.setHeader("webhook-signature", signature);
        request.setEntity(new StringEntity(body, ContentType.APPLICATION_JSON));
        long started = System.nanoTime();
        try {
            OutboundHttp.Answer answer = OutboundHttp.exchange(http, request, TIMEOUT, RESPONSE_EXCERPT_BYTES_MAX);
            return new SendResult(answer.status(), elapsedMillis(started), excerpt(answer.head()), null);
        } catch (OutboundHttp.TimedOut timeout) {
            return new SendResult(null, elapsedMillis(started), null, "timeout after " + TIMEOUT.toSeconds() + " s");
        } catch (IOException failure) {
            String message = failure.getMessage() == null ? failure.getClass().getSimpleName()
                    : failure.getClass().getSimpleName() + ": " + failure.getMessage();
            return new SendResult(null, elapsedMillis(started), null, "connection error: " + truncate(message));
        }
    }

    private static String excerpt(byte[] head) {
        String excerpt = new String(head, StandardCharsets.UTF_8);
        return excerpt.length() > RESPONSE_EXCERPT_LENGTH_MAX ? excerpt.substring(0, RESPONSE_EXCERPT_LENGTH_MAX) : excerpt;
    }

    private static long elapsedMillis(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static String truncate(String message) {
        return message.length() > 400 ? message.substring(0, 400) : message;
    }

    @Override
    public void close() throws IOException {
        http.close();
    }
}
