package org.stockledger.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stockledger.support.CommitOutcomeUnknown;
import org.stockledger.testing.ApiClient;
import org.stockledger.testing.ApiTestBase;
import org.stockledger.testing.FailAtCommit;
import org.stockledger.testing.OnPostgres;
import org.stockledger.testing.TestOrg;

/**
 * A change outside the ledger whose COMMIT fails is answered 503 {@code commit_outcome_unknown},
 * without Retry-After: neither a success nor "nothing was changed", which nobody can know after a
 * failed COMMIT. Staged, as for the ledger's batches, with {@link FailAtCommit} on the catalogue.
 */
@OnPostgres
class CommitOutcomePostgresTest extends ApiTestBase {

    @BeforeEach
    void installCommitTrigger() {
        FailAtCommit.install(jdbc, "products", "name");
    }

    @AfterEach
    void dropCommitTrigger() {
        FailAtCommit.drop(jdbc, "products");
    }

    @ParameterizedTest
    @ValueSource(strings = {FailAtCommit.FAIL, FailAtCommit.DIE})
    void aCatalogueChangeWhoseCommitFailsIsAnsweredAsOfUnknownOutcome(String poison) {
        TestOrg org = newOrg();
        String path = org.v2("/products/add-to-inventory");

        ApiClient.Response plain = org.api().post(path, Map.of("p1_id", "plain", "name", poison));
        // With an Idempotency-Key the request's transaction is the key's, committed after the operation answered 201.
        ApiClient.Response keyed = org.api().post(path, Map.of("p1_id", "keyed", "name", poison), Map.of("Idempotency-Key", "k-" + org.orgId()));

        for (ApiClient.Response answer : new ApiClient.Response[] {plain, keyed}) {
            assertProblem(answer, 503, CommitOutcomeUnknown.CODE);
            assertThat(answer.header("Retry-After")).as("a blind retry is not safe").isNull();
        }
        assertThat(data(org.api().get(org.v2("/inventory")))).as("the trigger let nothing commit").isEmpty();
        assertThat(org.api().post(path, Map.of("p1_id", "plain", "name", "Plain")).status()).isEqualTo(201);
    }
}
