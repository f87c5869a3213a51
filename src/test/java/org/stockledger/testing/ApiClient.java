package org.stockledger.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
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
     * GETs a request target byte for byte as given, over a plain socket: no URI parsing, no
     * normalisation and no re-encoding, so that a target a client library would refuse or repair
     * ({@code %zz}, {@code %2F}, {@code %5C}) reaches the server as a broken client sends it.
     */
    public Response getRaw(String target) {
        return sendRaw("GET", target);
    }

    /** Sends a request without a body, its target byte for byte as given (see {@link #getRaw}). */
    public Response sendRaw(String method, String target) {
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nConnection: close\r\n");
        if (token != null) {
            head.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        head.append("\r\n");
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return parseResponse(socket.getInputStream().readAllBytes());
        } catch (IOException failure) {
            throw new IllegalStateException(method + " " + target + " failed", failure);
        }
    }

    private static Response parseResponse(byte[] answer) {
        String text = new String(answer, StandardCharsets.ISO_8859_1);
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            throw new IllegalStateException("no complete response head in: " + text);
        }
        List<String> lines = Arrays.asList(text.substring(0, headEnd).split("\r\n"));
        int status = Integer.parseInt(lines.getFirst().split(" ")[1]);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : lines.subList(1, lines.size())) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        byte[] body = Arrays.copyOfRange(answer, headEnd + 4, answer.length);
        boolean chunked = headers.getOrDefault("Transfer-Encoding", List.of()).stream()
                .anyMatch(coding -> coding.toLowerCase(Locale.ROOT).contains("chunked"));
        String raw = new String(chunked ? dechunk(body) : body, StandardCharsets.UTF_8);
        java.net.http.HttpHeaders httpHeaders = java.net.http.HttpHeaders.of(headers, (name, value) -> true);
        boolean isJson = httpHeaders.firstValue("Content-Type").map(type -> type.contains("json")).orElse(false);
        JsonNode json = raw.isBlank() || !isJson ? JSON.missingNode() : JSON.readTree(raw);
        return new Response(status, json, raw, httpHeaders);
    }

    private static byte[] dechunk(byte[] chunked) {
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        int position = 0;
        while (true) {
            int lineEnd = position;
            while (chunked[lineEnd] != '\r') {
                lineEnd++;
            }
            String sizeField = new String(chunked, position, lineEnd - position, StandardCharsets.US_ASCII);
            int size = Integer.parseInt(sizeField.split(";")[0].trim(), 16);
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, lineEnd + 2, size);
            position = lineEnd + 2 + size + 2;
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
