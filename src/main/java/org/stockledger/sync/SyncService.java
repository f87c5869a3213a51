package org.stockledger.sync;

import jakarta.annotation.PreDestroy;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerQueries;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.LevelSyncMarks;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.StockLevel;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.support.Texts;
import org.stockledger.support.UrlGuard;
import org.stockledger.sync.internal.ConnectorRepository;
import org.stockledger.sync.internal.CsvCounts;
import org.stockledger.sync.internal.HttpJsonFeedConnector;
import org.stockledger.sync.internal.LastCountRepository;
import org.stockledger.sync.internal.LastCountRepository.LastCount;
import org.stockledger.sync.internal.SyncJobRepository;

/**
 * Connector settings and sync jobs. A sync fetches the location's POS counts through its
 * connector (outside any transaction), then in ONE transaction turns every difference into a
 * count movement on the location's sales floor (all-or-nothing ledger batches), marks the synced
 * levels, remembers the counts for the next incremental sync, ends the job and publishes
 * {@code inventory.sync.completed}. Any failure leaves the stock untouched and the job failed
 * with its reason.
 */
@Service
public class SyncService {

    public static final String EVENT_SYNC_COMPLETED = "inventory.sync.completed";
    public static final String REASON_CODE_SYNC = "SYNC";
    public static final String FULL = "full";
    public static final String INCREMENTAL = "incremental";
    public static final int WORKERS = 2;
    public static final int QUEUED_JOBS_MAX = 100;
    public static final int URL_LENGTH_MAX = 2000;
    public static final int BEARER_TOKEN_LENGTH_MAX = 2000;
    public static final int CSV_LENGTH_MAX = 1_000_000;
    /**
     * A job still queued or running after this long was lost (its process stopped); it no longer
     * blocks a new sync of its location. Far above a job's bounded run time (feed timeout plus
     * applying at most 10000 counts).
     */
    public static final Duration ACTIVE_JOB_STALE_AFTER = Duration.ofMinutes(15);
    private static final int LOOKUP_CHUNK = 1000;
    private static final Logger log = LoggerFactory.getLogger(SyncService.class);

    private final ConnectorRepository connectors;
    private final SyncJobRepository jobs;
    private final LastCountRepository lastCounts;
    private final Map<String, PosConnector> connectorsByType;
    private final CatalogService catalog;
    private final LedgerService ledger;
    private final LedgerQueries ledgerQueries;
    private final LevelSyncMarks syncMarks;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ThreadPoolExecutor workers;

    private final boolean allowPrivateTargets;

    public SyncService(ConnectorRepository connectors, SyncJobRepository jobs, LastCountRepository lastCounts,
            List<PosConnector> posConnectors, CatalogService catalog, LedgerService ledger, LedgerQueries ledgerQueries,
            LevelSyncMarks syncMarks, TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock,
            @Value("${stockledger.sync.allow-private:false}") boolean allowPrivateTargets) {
        this.allowPrivateTargets = allowPrivateTargets;
        this.connectors = connectors;
        this.jobs = jobs;
        this.lastCounts = lastCounts;
        this.connectorsByType = posConnectors.stream().collect(Collectors.toMap(PosConnector::type, Function.identity()));
        this.catalog = catalog;
        this.ledger = ledger;
        this.ledgerQueries = ledgerQueries;
        this.syncMarks = syncMarks;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.workers = new ThreadPoolExecutor(WORKERS, WORKERS, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUED_JOBS_MAX),
                Thread.ofVirtual().name("pos-sync-", 0).factory());
    }

    @PreDestroy
    void stopWorkers() {
        workers.shutdownNow();
    }

    // ---- connector settings -------------------------------------------------------------

    /** Replaces the location's connector settings (a PUT: an omitted bearer token is none). */
    public ConnectorSettings configureConnector(String orgId, String locationId, String type, String url, String bearerToken) {
        Location location = requireLocation(orgId, locationId, null);
        Texts.required("type", type, 32);
        if (!connectorsByType.containsKey(type)) {
            throw DomainException.invalidField("type", "type must be one of " + String.join(", ", connectorsByType.keySet().stream().sorted().toList()));
        }
        Texts.optional("url", url, URL_LENGTH_MAX);
        Texts.optional("bearer_token", bearerToken, BEARER_TOKEN_LENGTH_MAX);
        if (type.equals(HttpJsonFeedConnector.TYPE)) {
            Texts.required("url", url, URL_LENGTH_MAX);
            UrlGuard.requireOutboundUrl(url, false, allowPrivateTargets);
        } else {
            url = null;
            bearerToken = null;
        }
        Instant now = clock.instant();
        ConnectorSettings settings = new ConnectorSettings(orgId, location.locationId(), type, url,
                bearerToken == null || bearerToken.isEmpty() ? null : bearerToken, now, now);
        transactions.executeWithoutResult(status -> connectors.saveConnector(settings));
        return connectors.findConnector(orgId, location.locationId()).orElseThrow();
    }

    public ConnectorSettings connector(String orgId, String locationId) {
        Location location = requireLocation(orgId, locationId, null);
        return connectors.findConnector(orgId, location.locationId()).orElseThrow(() ->
                DomainException.notFound("no_pos_connector", "location " + locationId + " has no POS connector"));
    }

    public Optional<CsvUpload> csvUpload(String orgId, UUID locationId) {
        return connectors.findCsvUpload(orgId, locationId);
    }

    /** Stores the location's CSV of counts after checking it reads (a malformed file is a 400 now, not a failed job later). */
    public CsvUpload uploadCsv(String orgId, String locationId, String csv) {
        Location location = requireLocation(orgId, locationId, null);
        if (csv == null || csv.isBlank()) {
            throw new DomainException(400, "missing_field", "the CSV of counts is required", "csv", Map.of());
        }
        Texts.optional("csv", csv, CSV_LENGTH_MAX);
        List<PosCount> counts;
        try {
            counts = CsvCounts.parse(csv);
        } catch (PosFeedException malformed) {
            throw new DomainException(400, "malformed_csv", malformed.getMessage(), "csv", Map.of());
        }
        List<String> bad = counts.stream().filter(count -> count.error() != null).map(PosCount::error).limit(10).toList();
        if (!bad.isEmpty()) {
            throw new DomainException(400, "malformed_csv", "the CSV has invalid rows: " + String.join("; ", bad), "csv", Map.of());
        }
        Instant now = clock.instant();
        transactions.executeWithoutResult(status -> connectors.saveCsvUpload(orgId, location.locationId(), csv, counts.size(), now));
        return connectors.findCsvUpload(orgId, location.locationId()).orElseThrow();
    }

    // ---- jobs ---------------------------------------------------------------------------

    /** Queues a sync of the location and returns the job; it runs on a bounded pool of workers. */
    public SyncJob startSync(String orgId, Actor actor, String locationId, String syncType) {
        Location location = requireLocation(orgId, locationId, "location_id");
        Texts.required("sync_type", syncType, 16);
        if (!syncType.equals(FULL) && !syncType.equals(INCREMENTAL)) {
            throw DomainException.invalidField("sync_type", "sync_type must be full or incremental");
        }
        ConnectorSettings settings = connectors.findConnector(orgId, location.locationId()).orElseThrow(() ->
                new DomainException(409, "no_pos_connector", "location " + locationId
                        + " has no POS connector; configure one with PUT /api/v1/locations/{id}/pos-connector"));
        if (jobs.hasActiveJob(orgId, location.locationId(), clock.instant().minus(ACTIVE_JOB_STALE_AFTER))) {
            throw new DomainException(409, "sync_in_progress", "a sync of location " + locationId + " is already queued or running");
        }
        if (workers.getQueue().remainingCapacity() == 0) {
            throw new DomainException(503, "sync_queue_full", "too many syncs are waiting; retry later");
        }
        UUID jobId = Ids.newId();
        jobs.insertQueuedJob(orgId, jobId, location.locationId(), syncType, settings.type(), clock.instant());
        Runnable submit = () -> submit(orgId, actor, jobId);
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The request's transaction (an idempotent request) must commit the job before a worker looks for it.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    submit.run();
                }
            });
        } else {
            submit.run();
        }
        return jobs.findJob(orgId, jobId).orElseThrow();
    }

    private void submit(String orgId, Actor actor, UUID jobId) {
        try {
            workers.execute(() -> runJob(orgId, actor, jobId));
        } catch (RejectedExecutionException queueFull) {
            SyncJob job = jobs.findJob(orgId, jobId).orElseThrow();
            finishFailed(orgId, job, "the sync queue was full; retry later", new Tally(0, 0, 0, 0));
        }
    }

    public SyncJob job(String orgId, String jobId) {
        return Ids.parse(jobId).flatMap(id -> jobs.findJob(orgId, id))
                .orElseThrow(() -> DomainException.notFound("unknown_sync_job", "no sync job " + jobId));
    }

    private record Tally(int seen, int changed, int unknown, int errors) {
    }

    /** A refused count: the whole sync is rolled back and the job fails with this reason. */
    private static final class SyncRefused extends RuntimeException {
        private final Tally tally;

        SyncRefused(String reason, Tally tally) {
            super(reason);
            this.tally = tally;
        }
    }

    void runJob(String orgId, Actor actor, UUID jobId) {
        SyncJob job = jobs.findJob(orgId, jobId).orElseThrow();
        Instant startedAt = clock.instant();
        jobs.markRunning(orgId, jobId, startedAt);
        try {
            ConnectorSettings settings = connectors.findConnector(orgId, job.locationId()).orElse(null);
            if (settings == null || !connectorsByType.containsKey(settings.type())) {
                finishFailed(orgId, job, "the location has no usable POS connector", new Tally(0, 0, 0, 0));
                return;
            }
            Instant cursor = job.syncType().equals(INCREMENTAL) ? jobs.lastSuccessfulCursor(orgId, job.locationId()).orElse(null) : null;
            List<PosCount> counts;
            try {
                counts = connectorsByType.get(settings.type()).fetchCounts(settings, cursor);
            } catch (PosFeedException feedFailed) {
                finishFailed(orgId, job, feedFailed.getMessage(), new Tally(0, 0, 0, 0));
                return;
            }
            transactions.executeWithoutResult(status -> reconcile(orgId, actor, job, counts, cursor, startedAt));
        } catch (SyncRefused refused) {
            finishFailed(orgId, job, refused.getMessage(), refused.tally);
        } catch (RuntimeException bug) {
            log.error("sync job {} of org {} failed", jobId, orgId, bug);
            finishFailed(orgId, job, "internal error: " + bug.getClass().getSimpleName(), new Tally(0, 0, 0, 0));
        }
    }

    private void reconcile(String orgId, Actor actor, SyncJob job, List<PosCount> counts, Instant cursor, Instant startedAt) {
        int errors = 0;
        int unknown = 0;
        Map<UUID, BigDecimal> counted = new LinkedHashMap<>();
        Map<UUID, String> labels = new HashMap<>();
        for (PosCount count : counts) {
            if (count.error() != null) {
                errors++;
                continue;
            }
            Optional<Product> product = count.sku() != null ? catalog.findProductBySku(orgId, count.sku())
                    : Ids.parse(count.productId()).flatMap(id -> catalog.findProduct(orgId, id));
            if (product.isEmpty()) {
                unknown++;
            } else if (counted.putIfAbsent(product.get().productId(), count.quantity()) != null) {
                errors++; // the same product twice in one feed: the first row counts
            } else {
                labels.put(product.get().productId(), count.sku() != null ? "sku " + count.sku() : "product " + count.productId());
            }
        }
        Map<UUID, StockLevel> levels = salesFloorLevels(orgId, job.locationId(), new ArrayList<>(counted.keySet()));
        Map<UUID, BigDecimal> previous = job.syncType().equals(INCREMENTAL) && cursor != null
                ? lastCounts.lastCounts(orgId, job.locationId()) : Map.of();
        List<StockCommand> commands = new ArrayList<>();
        List<UUID> commandProducts = new ArrayList<>();
        List<LevelKey> synced = new ArrayList<>();
        for (Map.Entry<UUID, BigDecimal> entry : counted.entrySet()) {
            UUID productId = entry.getKey();
            BigDecimal quantity = entry.getValue();
            BigDecimal before = previous.get(productId);
            if (before != null && before.compareTo(quantity) == 0) {
                continue; // incremental: the POS did not change this count since the last successful sync
            }
            LevelKey key = new LevelKey(productId, job.locationId(), Room.SALES_FLOOR);
            StockLevel level = levels.get(productId);
            BigDecimal onHand = level == null ? BigDecimal.ZERO : level.balance().onHand();
            if (onHand.compareTo(quantity) != 0) {
                commands.add(StockCommand.of(StockChange.count(key, MovementKind.SYNC, quantity), REASON_CODE_SYNC,
                        "POS " + job.syncType() + " sync").withReference("sync_job", job.jobId().toString()));
                commandProducts.add(productId);
            }
            if (level != null || quantity.signum() > 0) {
                synced.add(key);
            }
        }
        int changed = 0;
        for (int from = 0; from < commands.size(); from += LedgerService.COMMANDS_PER_BATCH_MAX) {
            int to = Math.min(commands.size(), from + LedgerService.COMMANDS_PER_BATCH_MAX);
            List<CommandOutcome> outcomes = ledger.applyAllOrNothing(orgId, actor, commands.subList(from, to));
            for (int i = 0; i < outcomes.size(); i++) {
                if (outcomes.get(i) instanceof CommandOutcome.Refused refused) {
                    throw new SyncRefused("the count of " + labels.get(commandProducts.get(from + i)) + " was refused ("
                            + refused.code() + "): " + refused.message() + "; nothing was applied",
                            new Tally(counts.size(), 0, unknown, errors));
                }
                if (outcomes.get(i) instanceof CommandOutcome.Applied applied && applied.changes().getFirst().movement().changesStock()) {
                    changed++;
                }
            }
        }
        Instant now = clock.instant();
        syncMarks.markLevelsSynced(orgId, synced, now);
        lastCounts.saveLastCounts(orgId, job.locationId(), job.jobId(),
                counted.entrySet().stream().map(entry -> new LastCount(entry.getKey(), entry.getValue())).toList(), now);
        Tally tally = new Tally(counts.size(), changed, unknown, errors);
        jobs.finishJob(orgId, job.jobId(), SyncJob.SUCCEEDED, tally.seen(), tally.changed(), tally.unknown(), tally.errors(),
                null, startedAt, now);
        publishCompleted(orgId, job, SyncJob.SUCCEEDED, tally, null, now);
    }

    private Map<UUID, StockLevel> salesFloorLevels(String orgId, UUID locationId, List<UUID> productIds) {
        Map<UUID, StockLevel> levels = new HashMap<>();
        for (int from = 0; from < productIds.size(); from += LOOKUP_CHUNK) {
            for (StockLevel level : ledgerQueries.levelsOfProducts(orgId, productIds.subList(from, Math.min(productIds.size(), from + LOOKUP_CHUNK)))) {
                if (level.key().locationId().equals(locationId) && level.key().room() == Room.SALES_FLOOR) {
                    levels.put(level.key().productId(), level);
                }
            }
        }
        return levels;
    }

    private void finishFailed(String orgId, SyncJob job, String reason, Tally tally) {
        String bounded = reason.length() > 1000 ? reason.substring(0, 1000) : reason;
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jobs.finishJob(orgId, job.jobId(), SyncJob.FAILED, tally.seen(), 0, tally.unknown(), tally.errors(), bounded, null, now);
            publishCompleted(orgId, job, SyncJob.FAILED, new Tally(tally.seen(), 0, tally.unknown(), tally.errors()), bounded, now);
        });
    }

    private void publishCompleted(String orgId, SyncJob job, String status, Tally tally, String failureReason, Instant now) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("job_id", job.jobId().toString());
        payload.put("location_id", job.locationId().toString());
        payload.put("sync_type", job.syncType());
        payload.put("status", status);
        payload.put("items_seen", tally.seen());
        payload.put("items_changed", tally.changed());
        payload.put("unknown_skus", tally.unknown());
        payload.put("errors", tally.errors());
        if (failureReason != null) {
            payload.put("failure_reason", failureReason);
        }
        events.publishEvent(new IntegrationEvent(orgId, EVENT_SYNC_COMPLETED, "sync:" + job.locationId(), now, payload));
    }

    private Location requireLocation(String orgId, String locationId, String field) {
        if (locationId == null && field != null) {
            throw new DomainException(400, "missing_field", field + " is required", field, Map.of());
        }
        return Ids.parse(locationId).flatMap(id -> catalog.findLocation(orgId, id)).orElseThrow(() ->
                new DomainException(404, "unknown_location", "no location " + locationId + " in this org", field, Map.of()));
    }
}
