package org.stockledger.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DomainExceptionTest {

    @Test
    void aRefusalCannotCarryADetailNamedLikeAMemberThatEveryProblemDocumentHasItself() {
        for (String member : List.of("type", "title", "status", "detail", "instance", "code", "field")) {
            assertThatThrownBy(() -> new DomainException(409, "order_closed", "closed", "items", Map.of(member, "cancelled")))
                    .as(member)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(member);
        }
        assertThat(new DomainException(409, "order_closed", "closed", "items", Map.of("order_status", "cancelled")).details())
                .containsEntry("order_status", "cancelled");
    }
}
