package org.stockledger.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.WebUtils;
import org.stockledger.access.Caller;
import org.stockledger.idempotency.IdempotencyRecord;
import org.stockledger.idempotency.IdempotencyRecords;
import org.stockledger.idempotency.IdempotentCommand;
import org.stockledger.idempotency.RecordedResponses;
import org.stockledger.idempotency.RequestFingerprint;
import org.stockledger.idempotency.RequestFingerprints;

/**
 * {@code Idempotency-Key} on any mutating API request. The key is claimed and the request runs in
 * one transaction that commits only with a 2xx answer, together with that answer; so a change and
 * its stored response are committed together or not at all. A repeat with the same key and body
 * replays the stored status and body (header {@code Idempotent-Replayed: true}); the same key
 * with another body is 422 {@code idempotency_conflict}. A JSON body is the same when it means the
 * same, however it is written ({@link RequestFingerprints}). A 4xx answer changed nothing and is
 * stored too, so a repeat gets the same answer; a 5xx is not stored, so a retry runs again. A
 * request its caller may not make (a missing scope, another org's path) is refused as if it
 * carried no key: keys are the org's, and a token must neither get the stored answer of a request
 * it could not have made (a webhook secret) nor leave its refusal under a key another client uses.
 *
 * <p>A handler marked {@link SingleLedgerCommand} runs without that transaction: the ledger records
 * the key with the command's outcome in the (group-committed) transaction that applies it, and
 * the response is stored after the commit, off the request path and many per statement
 * ({@link RecordedResponses}). The ledger looks the key up in the batch: a repeat whose response
 * is stored replays it; one that finds the outcome but no response (not stored yet, or the service
 * stopped in between) gets the handler's answer with the ledger answering from the recorded
 * outcome, so the change is applied once and the retry still gets its answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
public class IdempotencyFilter extends org.springframework.web.filter.OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final int KEY_LENGTH_MAX = 255;
    private static final Duration IN_PROGRESS_WAIT_MAX = Duration.ofSeconds(30);

    private final IdempotencyRecords records;
    private final RecordedResponses recordedResponses;
    private final RequestFingerprints fingerprints;
    private final PlatformTransactionManager transactionManager;
    private final ProblemWriter problems;

    private final ObjectProvider<HandlerMapping> handlerMappingProvider;
    /** Resolved on first use (the MVC mapping is made after this filter) and kept: resolving costs a bean lookup. */
    private volatile HandlerMapping handlerMapping;

    public IdempotencyFilter(IdempotencyRecords records, RecordedResponses recordedResponses,
            RequestFingerprints fingerprints, PlatformTransactionManager transactionManager, ProblemWriter problems,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> handlerMapping) {
        this.records = records;
        this.recordedResponses = recordedResponses;
        this.fingerprints = fingerprints;
        this.transactionManager = transactionManager;
        this.problems = problems;
        this.handlerMappingProvider = handlerMapping;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/") || request.getHeader(HEADER) == null
                || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > KEY_LENGTH_MAX) {
            problems.write(response, ApiProblem.of(400, "invalid_idempotency_key",
                    HEADER + " must be 1 to " + KEY_LENGTH_MAX + " characters"));
            return;
        }
        Caller caller = BearerAuthFilter.callerOf(request);
        HandlerMethod handler = handlerOf(request);
        if (handler == null || AccessInterceptor.refusal(request, caller, handler).isPresent()) {
            // Not an operation this caller may run: the refusal (404, 403) is answered as without a
            // key, and neither replays what the key's first request got nor is kept under the key.
            chain.doFilter(request, response);
            return;
        }
        RequestFingerprint fingerprint = fingerprint(request);
        SingleLedgerCommand ledgerCommand = handler.getMethodAnnotation(SingleLedgerCommand.class);
        if (ledgerCommand != null) {
            runRecordedByTheLedger(caller.orgId(), key, fingerprint, ledgerCommand.storeResponse(), request, response, chain);
            return;
        }

        TransactionStatus transaction = claim(caller.orgId(), key, fingerprint.hash());
        if (transaction == null) {
            replay(caller.orgId(), key, fingerprint, response);
            return;
        }

        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, captured);
        } catch (IOException | ServletException | RuntimeException failure) {
            transactionManager.rollback(transaction);
            throw failure;
        }
        int status = captured.getStatus();
        String body = new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (status >= 200 && status < 300 && !transaction.isRollbackOnly() && body.length() <= IdempotencyRecords.RESPONSE_LENGTH_MAX) {
            records.complete(caller.orgId(), key, status, body, captured.getContentType());
            transactionManager.commit(transaction);
        } else {
            transactionManager.rollback(transaction);
            if (status >= 200 && status < 300) {
                captured.resetBuffer();
                problems.write(captured, ApiProblem.of(500, "internal_error", "the change could not be committed"));
            } else if (status >= 400 && status < 500 && status != 401 && status != 429) {
                records.insertCompleted(caller.orgId(), key, fingerprint.hash(), status, body, captured.getContentType());
            }
        }
        captured.copyBodyToResponse();
    }

    private void runRecordedByTheLedger(String orgId, String key, RequestFingerprint fingerprint, boolean storeResponse,
            HttpServletRequest request, HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        // The ledger looks the key up in the batch that would apply the command (one statement for
        // the batch, not a round trip per request) and answers a repeat from the record.
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        IdempotentCommand idempotency = runWithKey(orgId, key, fingerprint, request, captured, chain);
        if (idempotency.isKeyTaken()) {
            // Another request with this key came first: answer as it did, from its stored response,
            // or (a response that is never stored) by running the command again once the other
            // request's outcome is committed: the ledger then answers it from that outcome.
            captured.reset();
            if (replay(orgId, key, fingerprint, storeResponse, captured)) {
                captured.copyBodyToResponse();
                return;
            }
            captured.reset();
            idempotency = runWithKey(orgId, key, fingerprint, request, captured, chain);
            if (idempotency.isKeyTaken() || idempotency.recovered() == null) {
                throw new IllegalStateException("Idempotency-Key " + key + ": its committed outcome was not found again");
            }
        }
        IdempotencyRecord recovered = idempotency.recovered();
        if (recovered != null && recovered.isComplete()) {
            // A repeat whose response is stored: the ledger found it with the key.
            captured.resetBuffer();
            writeStored(recovered, captured);
            captured.copyBodyToResponse();
            return;
        }
        if (recovered != null) {
            // A repeat of a request whose change committed and whose response is not stored (yet, or ever).
            captured.setHeader("Idempotent-Replayed", "true");
        }
        int status = captured.getStatus();
        String body = new String(captured.getContentAsByteArray(), StandardCharsets.UTF_8);
        if (body.length() <= IdempotencyRecords.RESPONSE_LENGTH_MAX) {
            if (idempotency.isRecorded() || recovered != null) {
                if (status >= 200 && status < 300 && storeResponse) {
                    recordedResponses.store(new IdempotencyRecords.RecordedResponse(orgId, key, status, body, captured.getContentType()));
                }
            } else if (status >= 400 && status < 500 && status != 401 && status != 429) {
                records.insertCompleted(orgId, key, fingerprint.hash(), status, body, captured.getContentType());
            }
        }
        captured.copyBodyToResponse();
    }

    private static IdempotentCommand runWithKey(String orgId, String key, RequestFingerprint fingerprint, HttpServletRequest request,
            HttpServletResponse response, FilterChain chain) throws IOException, ServletException {
        IdempotentCommand idempotency = new IdempotentCommand(orgId, key, fingerprint);
        try (IdempotentCommand.Scope current = idempotency.makeCurrent()) {
            chain.doFilter(request, response);
        }
        return idempotency;
    }

    /**
     * The operation the request is mapped to, or null when none is (unknown path, wrong method).
     * Mapping it leaves the path variables on the request, as {@link AccessInterceptor#refusal} needs.
     */
    private HandlerMethod handlerOf(HttpServletRequest request) {
        HandlerMapping mapping = handlerMapping;
        if (mapping == null) {
            mapping = handlerMappingProvider.getIfAvailable();
            if (mapping == null) {
                return null;
            }
            handlerMapping = mapping;
        }
        boolean parsedHere = !ServletRequestPathUtils.hasParsedRequestPath(request);
        if (parsedHere) {
            ServletRequestPathUtils.parseAndCache(request);
        }
        try {
            HandlerExecutionChain handler = mapping.getHandler(request);
            return handler != null && handler.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception unmapped) {
            return null;
        } finally {
            if (parsedHere) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            }
        }
    }

    /**
     * Opens the request's transaction with the key claimed in it, or returns null when another
     * request holds the key (the caller then replays that request's response).
     */
    private TransactionStatus claim(String orgId, String key, String requestHash) {
        TransactionStatus transaction = transactionManager.getTransaction(new DefaultTransactionDefinition());
        boolean claimed;
        try {
            claimed = records.tryClaim(orgId, key, requestHash);
        } catch (PessimisticLockingFailureException stillRunningElsewhere) {
            claimed = false;
        } catch (RuntimeException failure) {
            transactionManager.rollback(transaction);
            throw failure;
        }
        if (claimed) {
            return transaction;
        }
        transactionManager.rollback(transaction);
        return null;
    }

    private void replay(String orgId, String key, RequestFingerprint fingerprint, HttpServletResponse response) throws IOException {
        replay(orgId, key, fingerprint, true, response);
    }

    /**
     * Answers as the first request with this key did, once it has finished: from its stored
     * response, or a problem (still running after {@link #IN_PROGRESS_WAIT_MAX}, another body).
     * With {@code storeResponse} false (a response never stored) its committed outcome is enough:
     * then nothing is written and false returned, for the caller to answer from that outcome.
     */
    private boolean replay(String orgId, String key, RequestFingerprint fingerprint, boolean storeResponse, HttpServletResponse response)
            throws IOException {
        Instant deadline = Instant.now().plus(IN_PROGRESS_WAIT_MAX);
        Optional<IdempotencyRecord> record = records.find(orgId, key);
        while (record.isEmpty() || !record.get().isComplete() && (storeResponse || record.get().appliedOutcome() == null)) {
            if (record.isPresent() && !fingerprint.matches(record.get().requestHash())) {
                break; // another body: a conflict whether or not the first request has finished
            }
            if (Instant.now().isAfter(deadline)) {
                problems.write(response, ApiProblem.of(409, "idempotency_in_progress",
                        "a request with this Idempotency-Key is still being processed; retry later"));
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for a concurrent request", interrupted);
            }
            record = records.find(orgId, key);
        }
        IdempotencyRecord done = record.get();
        if (!fingerprint.matches(done.requestHash())) {
            problems.write(response, ApiProblem.of(422, "idempotency_conflict",
                    "this Idempotency-Key was used with a different request; use a new key for a new request"));
            return true;
        }
        if (!done.isComplete()) {
            return false;
        }
        writeStored(done, response);
        return true;
    }

    /** Answers with a stored response, marked as replayed. */
    private static void writeStored(IdempotencyRecord stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.responseStatus());
        if (stored.responseType() != null) {
            response.setContentType(stored.responseType());
        }
        response.setHeader("Idempotent-Replayed", "true");
        response.getOutputStream().write(stored.responseBody().getBytes(StandardCharsets.UTF_8));
    }

    private RequestFingerprint fingerprint(HttpServletRequest request) {
        // The request line as keys have always been hashed with (a missing query is "?null").
        String requestLine = request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString();
        RequestBodyFilter.CachedBodyRequest cached = WebUtils.getNativeRequest(request, RequestBodyFilter.CachedBodyRequest.class);
        return fingerprints.of(requestLine, request.getContentType(), cached == null ? new byte[0] : cached.body());
    }
}
