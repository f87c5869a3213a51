package org.stockledger.sync.internal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.stockledger.sync.ConnectorSettings;
import org.stockledger.sync.PosConnector;
import org.stockledger.sync.PosCount;
import org.stockledger.sync.PosFeedException;
import org.stockledger.support.DomainException;
import org.stockledger.support.OutboundHttp;
import org.stockledger.support.UrlGuard;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pulls {@code [{"sku" | "product_id", "quantity"}]} (or an object holding that array under
 * {@code data}, {@code items} or {@code counts}) from the configured URL with an optional bearer
 * token. The whole exchange is bounded in time ({@code stockledger.sync.http-timeout}) and the
 * body in size; the connection goes only to public addresses ({@link OutboundHttp}, unless
 * {@code stockledger.sync.allow-private}); an incremental sync adds {@code updated_after=<ISO instant>} to the URL, which a
 * feed may honour or ignore.
 */
@Component
public class HttpJsonFeedConnector implements PosConnector, AutoCloseable {

    public static final String TYPE = "http_json";
    public static final int RESPONSE_BYTES_MAX = 5 * 1024 * 1024;
    public static final int ROWS_MAX = CsvCounts.ROWS_MAX;

    private final JsonMapper json;
    private final Duration timeout;
    private final CloseableHttpClient http;

    private final boolean allowPrivateTargets;

    public HttpJsonFeedConnector(JsonMapper json, @Value("${stockledger.sync.http-timeout:10s}") Duration timeout,
            @Value("${stockledger.sync.allow-private:false}") boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.json = json;
        this.timeout = timeout;
        this.http = OutboundHttp.client(timeout, allowPrivateTargets);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<PosCount> fetchCounts(ConnectorSettings settings, Instant updatedAfterOrNull) throws PosFeedException {
        String url = settings.url();
        try {
            // Checked again at fetch time: the host's DNS answer may have changed since it was configured.
            UrlGuard.requireOutboundUrl(url, false, allowPrivateTargets);
        } catch (DomainException refused) {
            throw new PosFeedException("the feed URL is not allowed: " + refused.getMessage(), null);
        }
        if (updatedAfterOrNull != null) {
            url += (url.contains("?") ? "&" : "?") + "updated_after=" + URLEncoder.encode(updatedAfterOrNull.toString(), StandardCharsets.UTF_8);
        }
        HttpGet request = new HttpGet(URI.create(url));
        request.setHeader("Accept", "application/json");
        if (settings.bearerToken() != null) {
            request.setHeader("Authorization", "Bearer " + settings.bearerToken());
        }
        byte[] body = download(request);
        return parse(body);
    }

    private byte[] download(HttpGet request) throws PosFeedException {
        OutboundHttp.Answer answer;
        try {
            answer = OutboundHttp.exchange(http, request, timeout, RESPONSE_BYTES_MAX);
        } catch (OutboundHttp.TimedOut timedOut) {
            throw new PosFeedException("the feed did not answer within " + timeout.toSeconds() + " s", timedOut);
        } catch (IOException unreachable) {
            throw new PosFeedException("the feed could not be read: " + describe(unreachable), unreachable);
        }
        if (answer.status() < 200 || answer.status() > 299) {
            throw new PosFeedException("the feed answered HTTP " + answer.status());
        }
        if (!answer.complete()) {
            throw new PosFeedException("the feed sent more than " + RESPONSE_BYTES_MAX + " bytes");
        }
        return answer.head();
    }

    @Override
    public void close() throws IOException {
        http.close();
    }

    private static String describe(IOException failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : " (" + message + ")");
    }

    List<PosCount> parse(byte[] body) throws PosFeedException {
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JacksonException malformed) {
            throw new PosFeedException("the feed is not valid JSON: " + malformed.getOriginalMessage());
        }
        JsonNode rows = root;
        if (root != null && root.isObject()) {
            rows = root.has("data") ? root.get("data") : root.has("items") ? root.get("items") : root.get("counts");
        }
        if (rows == null || !rows.isArray()) {
            throw new PosFeedException("the feed must be a JSON array of {sku or product_id, quantity} (or hold one under data)");
        }
        if (rows.size() > ROWS_MAX) {
            throw new PosFeedException("the feed holds more than " + ROWS_MAX + " rows");
        }
        List<PosCount> counts = new ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            String where = "row " + i;
            if (!row.isObject()) {
                counts.add(PosCount.invalid(where + ": not an object"));
                continue;
            }
            JsonNode sku = row.path("sku");
            JsonNode productId = row.path("product_id");
            JsonNode quantity = row.path("quantity");
            counts.add(CountRows.toCount(where,
                    sku.isString() ? sku.asString() : null,
                    productId.isString() ? productId.asString() : null,
                    quantity.isNumber() ? quantity.decimalValue() : null));
        }
        return counts;
    }
}
