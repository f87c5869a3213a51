package org.stockledger.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.message.BasicClassicHttpRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Speaks HTTP to the running application the way an integrator's client does. */
public final class ApiClient {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    private final int port;
    private final String baseUrl;
    private final String token;

    public ApiClient(int port, String token) {
        this.port = port;
        this.baseUrl = "http://localhost:" + port;
        this.token = token;
    }

    public ApiClient withToken(String otherToken) {
        return new ApiClient(port, otherToken);
    }

    public record Response(int status, JsonNode body, String raw, java.net.http.HttpHeaders headers) {

        public String code() {
            return body.path("code").asString("");
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        @Override
        public String toString() {
            return status + " " + raw;
        }
    }

    public Response get(String path) {
        return send("GET", path, null, Map.of());
    }

    public Response post(String path, Object body) {
        return send("POST", path, body, Map.of());
    }

    public Response post(String path, Object body, Map<String, String> headers) {
        return send("POST", path, body, headers);
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body, Map.of());
    }

    public Response patch(String path, Object body) {
        return send("PATCH", path, body, Map.of());
    }

    public Response patch(String path, Object body, Map<String, String> headers) {
        return send("PATCH", path, body, headers);
    }

    public Response delete(String path) {
        return send("DELETE", path, null, Map.of());
    }

    /** Sends a body as given: a String goes out verbatim (for malformed JSON), anything else as JSON. */
    public Response send(String method, String path, Object body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String raw ? raw : JSON.writeValueAsString(body);
            request.header("Content-Type", "application/json");
            request.method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        return exchange(method, path, request);
    }

    /** POSTs a JSON body without a Content-Length (chunked transfer coding), as a streaming client sends it. */
    public Response postChunked(String path, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        request.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        return exchange("POST", path, request);
    }

    /**
     * GETs a request target exactly as given: Apache HttpClient sends a request's path as it is,
     * without parsing, normalising or re-encoding it, so that a target {@link HttpClient} would
     * refuse ({@code %zz}, {@code %2F}, {@code %5C}) reaches the server as a broken client sends it.
     */
    public Response getRaw(String target) {
        return sendRaw("GET", target);
    }

    /** Sends a request without a body, its target exactly as given (see {@link #getRaw}). */
    public Response sendRaw(String method, String target) {
        BasicClassicHttpRequest request = new BasicClassicHttpRequest(method, new HttpHost("localhost", port), target);
        if (token != null) {
            request.setHeader("Authorization", "Bearer " + token);
        }
        try (CloseableHttpClient client = HttpClients.createMinimal()) {
            return client.execute(new HttpHost("localhost", port),
                    request, answer -> {
                        String raw = answer.getEntity() == null ? "" : EntityUtils.toString(answer.getEntity(), StandardCharsets.UTF_8);
                        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
                        for (Header header : answer.getHeaders()) {
                            headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
                        }
                        java.net.http.HttpHeaders httpHeaders = java.net.http.HttpHeaders.of(headers, (name, value) -> true);
                        boolean isJson = httpHeaders.firstValue("Content-Type").map(type -> type.contains("json")).orElse(false);
                        JsonNode json = raw.isBlank() || !isJson ? JSON.missingNode() : JSON.readTree(raw);
                        return new Response(answer.getCode(), json, raw, httpHeaders);
                    });
        } catch (IOException failure) {
            throw new IllegalStateException(method + " " + target + " failed", failure);
        }
    }

    private Response exchange(String method, String path, HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String raw = response.body();
            boolean isJson = response.headers().firstValue("Content-Type").map(type -> type.contains("json")).orElse(false);
            JsonNode json = raw == null || raw.isBlank() || !isJson ? JSON.missingNode() : JSON.readTree(raw);
            return new Response(response.statusCode(), json, raw, response.headers());
        } catch (IOException failure) {
            throw new IllegalStateException(method + " " + path + " failed", failure);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", interrupted);
        }
    }
}
