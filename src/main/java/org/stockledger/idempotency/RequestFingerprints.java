package org.stockledger.idempotency;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.util.InvalidMimeTypeException;
import org.springframework.util.MimeType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fingerprints a request for its {@code Idempotency-Key}: the SHA-256 of its request line (method,
 * path and query) and its body. A JSON body counts by what it means, since retrying clients often
 * rebuild it: it is hashed in a canonical form, with object members sorted by name, no whitespace,
 * and every number as its exact decimal value without trailing zeros ({@code -1}, {@code -1.0} and
 * {@code -1e0} are one value, as they are one quantity to the service). Member values, array order,
 * strings and JSON types stay significant. A body that is not declared JSON, or does not parse as
 * one JSON value, is hashed as the bytes sent.
 */
@Component
public class RequestFingerprints {

    private final JsonMapper json;
    private final ObjectReader trees;
    private final JsonNodeFactory nodes;

    public RequestFingerprints(JsonMapper json) {
        this.json = json;
        // Decimals as BigDecimal, never double, so values that differ in a far digit stay apart;
        // anything after the value makes the body not JSON (hashed as sent).
        this.trees = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        this.nodes = json.getNodeFactory();
    }

    /** {@code requestLine}: method, path and query, as every recorded key was hashed with them. */
    public RequestFingerprint of(String requestLine, String contentType, byte[] body) {
        byte[] line = (requestLine + "\n").getBytes(StandardCharsets.UTF_8);
        String bytesHash = sha256(line, body);
        byte[] canonical = isJson(contentType) ? canonicalJson(body) : null;
        if (canonical == null || Arrays.equals(canonical, body)) {
            return new RequestFingerprint(bytesHash, bytesHash);
        }
        return new RequestFingerprint(sha256(line, canonical), bytesHash);
    }

    /** As Spring MVC reads a JSON body: {@code application/json} or {@code application/*+json}. */
    private static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        try {
            MimeType type = MimeType.valueOf(contentType);
            return "application".equals(type.getType())
                    && ("json".equals(type.getSubtype()) || "json".equals(type.getSubtypeSuffix()));
        } catch (InvalidMimeTypeException notAType) {
            return false;
        }
    }

    /** The canonical form of a JSON body, or null when the body is not one JSON value. */
    private byte[] canonicalJson(byte[] body) {
        try {
            JsonNode tree = trees.readTree(body);
            if (tree == null || tree.isMissingNode()) {
                return null;
            }
            return json.writeValueAsBytes(canonical(tree));
        } catch (JacksonException notJson) {
            return null;
        }
    }

    private JsonNode canonical(JsonNode node) {
        if (node.isNumber()) {
            // stripTrailingZeros gives each value one representation (and zero is 0, whatever its scale).
            BigDecimal exact = node.decimalValue().stripTrailingZeros();
            return nodes.numberNode(exact);
        }
        if (node.isArray()) {
            ArrayNode elements = nodes.arrayNode(node.size());
            node.values().forEach(element -> elements.add(canonical(element)));
            return elements;
        }
        if (node.isObject()) {
            ObjectNode members = nodes.objectNode();
            node.propertyStream().sorted(Map.Entry.comparingByKey())
                    .forEach(member -> members.set(member.getKey(), canonical(member.getValue())));
            return members;
        }
        return node;
    }

    private static String sha256(byte[] line, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(line);
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("SHA-256 is part of every JDK", impossible);
        }
    }
}
