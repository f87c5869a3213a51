package org.stockledger.ledger.internal;

import java.util.List;
import org.stockledger.ledger.CommandOutcome;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Encodes the applied outcomes of one submission for its idempotency record, so that a retry
 * whose response was lost can be answered from what was committed. The ledger's own format,
 * independent of how the API renders JSON.
 */
public final class OutcomeCodec {

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final TypeReference<List<CommandOutcome.Applied>> APPLIED_LIST = new TypeReference<>() {
    };

    private OutcomeCodec() {
    }

    public static String encode(List<CommandOutcome.Applied> outcomes) {
        return JSON.writeValueAsString(outcomes);
    }

    public static List<CommandOutcome> decode(String encoded) {
        return List.copyOf(JSON.readValue(encoded, APPLIED_LIST));
    }
}
