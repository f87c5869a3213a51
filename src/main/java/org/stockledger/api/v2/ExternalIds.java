package org.stockledger.api.v2;

import java.util.regex.Pattern;
import org.stockledger.support.DomainException;
import tools.jackson.databind.JsonNode;

/**
 * {@code p1_id} travels as a JSON number in responses (as the seed shows) when it is a plain
 * integer that every JSON client holds exactly (at most 2^53 - 1, JavaScript's largest safe
 * integer), otherwise as a string; it is accepted as a string or a number in requests.
 */
final class ExternalIds {

    private static final Pattern PLAIN_INTEGER = Pattern.compile("0|[1-9][0-9]{0,15}");
    /** The largest integer a JSON parser that reads numbers as IEEE doubles keeps exactly. */
    static final long EXACT_IN_EVERY_CLIENT_MAX = (1L << 53) - 1;

    private ExternalIds() {
    }

    static Object render(String p1Id) {
        if (PLAIN_INTEGER.matcher(p1Id).matches()) {
            long number = Long.parseLong(p1Id);
            if (number <= EXACT_IN_EVERY_CLIENT_MAX) {
                return number;
            }
        }
        return p1Id;
    }

    static String parse(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            throw new DomainException(400, "missing_field", field + " is required", field, java.util.Map.of());
        }
        if (value.isString() && !value.stringValue().isBlank()) {
            return value.stringValue().trim();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return Long.toString(value.longValue());
        }
        throw DomainException.invalidField(field, field + " must be a string or a non-negative integer");
    }
}
