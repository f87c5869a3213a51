package org.stockledger.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.method.annotation.ExceptionHandlerMethodResolver;
import org.stockledger.support.DatabaseUnavailable;

/** A database that cannot be reached is a 503 the client may retry, never a 500 "bug". */
class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void noConnectionWithinThePoolsTimeoutIsA503DatabaseUnavailableWithRetryAfter() {
        for (RuntimeException failure : new RuntimeException[] {
                new CannotGetJdbcConnectionException("Failed to obtain JDBC Connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available, request timed out after 5000ms")),
                new TransientDataAccessResourceException("connection refused"),
                new CannotCreateTransactionException("Could not open JDBC Connection for transaction")}) {
            assertThat(new ExceptionHandlerMethodResolver(ProblemHandler.class).resolveMethodByThrowable(failure).getName())
                    .as(failure.getClass().getSimpleName()).isEqualTo("databaseUnavailable");
            ResponseEntity<ProblemDetail> answer = handler.databaseUnavailable(failure);
            assertThat(answer.getStatusCode().value()).isEqualTo(503);
            assertThat(answer.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
            assertThat(answer.getBody().getProperties()).containsEntry("code", "database_unavailable");
            // and when a filter (the bearer token lookup) meets it, outside Spring MVC's handlers
            assertThat(DatabaseUnavailable.reasonOf(new IllegalStateException("filter failed", failure)).isPresent()).isTrue();
        }
        assertThat(DatabaseUnavailable.reasonOf(new IllegalStateException("a bug")).isPresent()).isFalse();
    }
}
