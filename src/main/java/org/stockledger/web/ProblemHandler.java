package org.stockledger.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import org.stockledger.support.DatabaseUnavailable;
import org.stockledger.support.DomainException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;

/**
 * Turns every failure into an RFC 9457 problem document with a stable {@code code}: domain
 * refusals keep their own code, Spring MVC's own errors get one by kind, and anything else is
 * a 500 {@code internal_error} that is logged as the bug it is.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    static final String INTERNAL_ERROR = "an internal error occurred; it has been logged";
    static final String NO_OPERATION = "no API operation at this path; see /docs for the operations Stockledger offers";
    static final String UNREADABLE_QUERY = "the query string cannot be read: a %XX escape that is not UTF-8 hex, or too many parameters";

    /** Long enough for a failover or a restart of the database to be worth waiting for. */
    static final String DATABASE_RETRY_AFTER_SECONDS = "5";

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(DomainException.class)
    ResponseEntity<ProblemDetail> domain(DomainException refusal) {
        if (refusal.status() == 503 && refusal.retryIsSafe()) {
            return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "1")
                    .body(ApiProblem.of(503, refusal.code(), refusal.getMessage(), refusal.field(), refusal.details()));
        }
        return problem(ApiProblem.of(refusal.status(), refusal.code(), refusal.getMessage(), refusal.field(), refusal.details()));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> parameterType(MethodArgumentTypeMismatchException mismatch) {
        return problem(ApiProblem.of(400, "invalid_parameter",
                "parameter " + mismatch.getName() + " has an invalid value", mismatch.getName(), Map.of()));
    }

    /**
     * Tomcat parses the query string when a parameter is first read, and refuses it then if it
     * cannot: a broken percent-encoding ({@code ?limit=%zz}, even of a parameter no operation
     * reads) or too many parameters. The name it reports may itself be garbled, so the problem
     * names no field.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> unreadableQuery(InvalidParameterException unreadable) {
        return problem(ApiProblem.of(400, "invalid_parameter", UNREADABLE_QUERY));
    }

    @ExceptionHandler(TransientDataAccessException.class)
    ResponseEntity<ProblemDetail> transientFailure(RuntimeException failure) {
        log.warn("transient database failure answered with 503: {}", failure.getMessage());
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "1")
                .body(ApiProblem.of(503, "retry_later", "the request collided with concurrent work; retry it"));
    }

    /**
     * The database cannot be reached (no connection within the pool's timeout, a connection lost
     * before a statement ran): the request's transaction did not commit, so nothing changed, and a
     * retry is safe. A commit whose outcome is unknown is not this case: the ledger answers it
     * apart ({@code CommitFailed}).
     */
    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessResourceException.class,
            CannotCreateTransactionException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException failure) {
        log.warn("database unavailable, answered with 503: {}", DatabaseUnavailable.reasonOf(failure).orElse(failure.getMessage()));
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER_SECONDS)
                .body(ApiProblem.of(503, "database_unavailable", "the database cannot be reached; nothing was changed; retry later"));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception failure) {
        log.error("unexpected failure", failure);
        return problem(ApiProblem.of(500, "internal_error", INTERNAL_ERROR));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException unreadable,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        Throwable cause = unreadable.getCause();
        while (cause != null && !(cause instanceof JacksonException) && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            DomainException refusal = ApiProblem.unreadableValue(null, databind);
            return ResponseEntity.badRequest().body(ApiProblem.of(400, refusal.code(), refusal.getMessage(), refusal.field(), Map.of()));
        }
        if (cause instanceof DatabindException) {
            return ResponseEntity.badRequest().body(ApiProblem.of(400, "invalid_field",
                    "the request body has the wrong JSON shape for this operation", "body", Map.of()));
        }
        if (cause instanceof JacksonException jackson) {
            return ResponseEntity.badRequest().body(ApiProblem.of(400, "malformed_json",
                    "the request body is not valid JSON: " + jackson.getOriginalMessage()));
        }
        return ResponseEntity.badRequest().body(ApiProblem.of(400, "malformed_json", "the request body is missing or unreadable"));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception failure, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(failure, body, headers, status, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && (problem.getProperties() == null || !problem.getProperties().containsKey("code"))) {
            String code = codeFor(failure, status);
            problem.setProperty("code", code);
            problem.setType(java.net.URI.create(ApiProblem.TYPE_BASE + code.replace('_', '-')));
            if (failure instanceof NoResourceFoundException) {
                problem.setDetail(NO_OPERATION);
            }
        }
        return response;
    }

    private static String codeFor(Exception failure, HttpStatusCode status) {
        return switch (failure) {
            case NoResourceFoundException ignored -> "not_found";
            case HttpRequestMethodNotSupportedException ignored -> "method_not_allowed";
            case HttpMediaTypeNotSupportedException ignored -> "unsupported_media_type";
            case HttpMediaTypeNotAcceptableException ignored -> "not_acceptable";
            case MissingServletRequestParameterException ignored -> "missing_parameter";
            default -> ApiProblem.codeForStatus(status.value());
        };
    }

    private static ResponseEntity<ProblemDetail> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).body(problem);
    }
}
