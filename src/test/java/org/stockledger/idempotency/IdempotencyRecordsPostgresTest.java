package org.stockledger.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.idempotency.IdempotencyRecords.RecordedResponse;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.Plans;
import org.stockledger.testing.TestOrg;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The records of keyed ledger commands: a batch's keys are looked up, and their responses stored
 * off the request path, each once (a stored one stays), reading only their own rows whatever
 * PostgreSQL's statistics say (here: taken before the org's keys existed).
 */
@OnPostgres
class IdempotencyRecordsPostgresTest extends ApiTestBase {

    private static final int RECORDS = 2_000;

    @Autowired
    RecordedResponses responses;

    @Autowired
    IdempotencyRecords records;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ObjectMapper json;

    @Test
    void queuedResponsesAreStoredOnceEachAndAStoredOneStays() {
        TestOrg org = newOrg();
        recordKeys(org, 3);
        records.completeRecorded(List.of(new RecordedResponse(org.orgId(), "key-1", 200, "{\"first\":true}", "application/json")));

        IntStream.rangeClosed(1, 3).forEach(i -> responses.store(
                new RecordedResponse(org.orgId(), "key-" + i, 200, "{\"key\":" + i + "}", "application/json")));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(records.find(org.orgId(), "key-2").orElseThrow().responseBody()).isEqualTo("{\"key\":2}");
            assertThat(records.find(org.orgId(), "key-3").orElseThrow().responseBody()).isEqualTo("{\"key\":3}");
        });
        assertThat(records.find(org.orgId(), "key-1").orElseThrow().responseBody()).isEqualTo("{\"first\":true}");
        assertThat(records.find(org.orgId(), "key-3").orElseThrow().responseType()).isEqualTo("application/json");
    }

    @Test
    void storingAResponseReadsOnlyItsOwnRecordWhenTheStatisticsPredateIt() {
        jdbc.sql("analyze idempotency_records").update();
        TestOrg org = newOrg();
        recordKeys(org, RECORDS);
        String sql = IdempotencyRecords.COMPLETE_RECORDED_ON_POSTGRES;
        for (String name : List.of("status", "body", "type", "orgId", "key")) {
            sql = sql.replaceFirst("\\?", ":" + name);
        }
        JsonNode plan = Plans.explainAnalyzed(jdbc, transactions, json, sql,
                Map.of("status", 200, "body", "{}", "type", "application/json", "orgId", org.orgId(), "key", "key-1000"));
        Plans.assertReadsAtMost(plan, "idempotency_records", 1);
    }

    @Test
    void lookingABatchsKeysUpReadsOnlyTheirRecordsWhenTheStatisticsPredateThem() {
        jdbc.sql("analyze idempotency_records").update();
        TestOrg org = newOrg();
        recordKeys(org, RECORDS);
        List<String> keys = List.of("key-7", "key-700", "key-1999", "no-such-key");

        assertThat(records.findAll(org.orgId(), keys)).extracting(IdempotencyRecord::key)
                .containsExactlyInAnyOrder("key-7", "key-700", "key-1999");
        JsonNode plan = Plans.explainAnalyzed(jdbc, transactions, json, IdempotencyRecords.FIND_ALL_ON_POSTGRES,
                Map.of("orgId", org.orgId(), "keys", keys.toArray(String[]::new)));
        // Actual Rows is a per-loop average, rounded: a miss can count as a row read.
        Plans.assertReadsAtMost(plan, "idempotency_records", keys.size());
    }

    /** Keys the ledger recorded with an outcome and no response yet. */
    private void recordKeys(TestOrg org, int count) {
        jdbc.sql("""
                insert into idempotency_records (org_id, idempotency_key, request_hash, applied_outcome, created_at)
                select :org, 'key-' || n, 'hash', '[]', now() from generate_series(1, :count) n
                """).param("org", org.orgId()).param("count", count).update();
    }
}
