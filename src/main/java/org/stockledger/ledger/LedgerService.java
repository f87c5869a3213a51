package org.stockledger.ledger;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.idempotency.IdempotencyKeyRecorded;
import org.stockledger.idempotency.IdempotencyKeyTaken;
import org.stockledger.idempotency.IdempotencyRecord;
import org.stockledger.idempotency.IdempotencyRecords;
import org.stockledger.idempotency.IdempotentCommand;
import org.stockledger.ledger.internal.DailyTotals;
import org.stockledger.ledger.internal.GroupCommitQueue;
import org.stockledger.ledger.internal.GroupCommitQueue.Submission;
import org.stockledger.ledger.internal.LevelRepository;
import org.stockledger.ledger.internal.LevelRepository.LockedLevel;
import org.stockledger.ledger.internal.LevelRepository.LevelUpdate;
import org.stockledger.ledger.internal.MovementRepository;
import org.stockledger.ledger.internal.OutcomeCodec;
import org.stockledger.ledger.internal.RollupRepository;
import org.stockledger.ledger.internal.RollupRepository.RollupDelta;
import org.stockledger.ledger.internal.StatementRound;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;

/**
 * The one write path. {@link #applyCommands} applies a list of commands in one transaction:
 * it locks every touched stock level in key order, computes each command in order against the
 * locked balances, refuses the commands that would break invariant 1 (they write nothing, the
 * others proceed), appends the movements, updates levels and daily rollups, publishes
 * {@link StockChanged} inside the transaction, and commits once.
 *
 * <p>Group commit: a caller with no transaction of its own does not get one either; its commands
 * join a queue, and a writer applies everything queued for the org in one transaction (a batch is
 * whatever arrived while the previous batch committed, so an idle queue adds no wait). Each
 * command is still checked on its own, in arrival order, against the running balances, and each
 * caller is answered with its own outcomes after the commit. A caller inside a transaction (an
 * order, a request whose Idempotency-Key the web layer holds in a transaction) applies directly in
 * it, as does an all-or-nothing batch.
 *
 * <p>When the current request carries an {@link IdempotentCommand}, its key is recorded with the
 * submission's outcome in the same transaction as the change, batched or not.
 */
@Service
public class LedgerService {

    public static final int COMMANDS_PER_BATCH_MAX = 1000;
    public static final int CHANGES_PER_COMMAND_MAX = 1000;
    public static final Duration OCCURRED_AT_PAST_MAX = Duration.ofDays(30);
    public static final Duration OCCURRED_AT_FUTURE_SKEW_MAX = Duration.ofMinutes(5);
    public static final int METADATA_LENGTH_MAX = 16_384;
    private static final int TRANSIENT_FAILURE_RETRIES_MAX = 5;
    private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

    private final LevelRepository levels;
    private final MovementRepository movements;
    private final RollupRepository rollups;
    private final DailyTotals dailyTotals;
    private final StatementRound.Rounds rounds;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final DistributionSummary batchCommands;
    private final Counter refusedCommands;
    private final Counter transientRetries;
    private final Counter commitFailures;
    private final GroupCommitQueue groupCommit;
    private final IdempotencyRecords idempotencyRecords;
    private final int groupCommitWriters;
    private static final Duration TIME_ZONE_CACHE_TTL = Duration.ofSeconds(5);
    private final Cache<String, ZoneId> timeZones = Caffeine.newBuilder()
            .expireAfterWrite(TIME_ZONE_CACHE_TTL).maximumSize(10_000).build();

    public LedgerService(LevelRepository levels, MovementRepository movements, RollupRepository rollups,
            DailyTotals dailyTotals, StatementRound.Rounds rounds, JdbcClient jdbc,
            TransactionTemplate transactions, ApplicationEventPublisher events, Clock clock, MeterRegistry meters,
            IdempotencyRecords idempotencyRecords,
            @Value("${stockledger.ledger.group-commit.enabled:true}") boolean groupCommitEnabled,
            @Value("${stockledger.ledger.group-commit.queues:4}") int groupCommitQueues,
            @Value("${stockledger.ledger.group-commit.batch-commands-max:200}") int batchCommandsMax,
            @Value("${stockledger.ledger.group-commit.queue-length-max:10000}") int queueLengthMax) {
        this.levels = levels;
        this.movements = movements;
        this.rollups = rollups;
        this.dailyTotals = dailyTotals;
        this.rounds = rounds;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.clock = clock;
        this.idempotencyRecords = idempotencyRecords;
        this.groupCommitWriters = groupCommitEnabled ? groupCommitQueues * GroupCommitQueue.WRITERS_PER_QUEUE : 0;
        // A transaction holds at most one full group-commit batch or one caller's largest batch: the
        // histogram's buckets end there (about 40) instead of running on to Long.MAX_VALUE (276).
        this.batchCommands = DistributionSummary.builder("stockledger.ledger.batch.commands")
                .description("commands applied per ledger transaction").publishPercentileHistogram()
                .minimumExpectedValue(1.0).maximumExpectedValue((double) Math.max(batchCommandsMax, COMMANDS_PER_BATCH_MAX))
                .register(meters);
        this.refusedCommands = Counter.builder("stockledger.ledger.commands.refused")
                .description("commands refused because they would break an invariant or a compare-and-set").register(meters);
        this.transientRetries = Counter.builder("stockledger.ledger.transient.retries")
                .description("ledger transactions retried after a deadlock or serialization failure").register(meters);
        this.commitFailures = Counter.builder("stockledger.ledger.commit.failures")
                .description("ledger transactions whose commit failed (every caller of the batch answered 503 commit_outcome_unknown)").register(meters);
        this.groupCommit = groupCommitEnabled
                ? new GroupCommitQueue(queueLengthMax, batchCommandsMax, groupCommitQueues,
                        (orgId, submissions, writer, lastStatementSent) -> applyInOwnTransaction(orgId, submissions, false,
                                writer % DailyTotals.LANES, lastStatementSent), meters)
                : null;
    }

    /** Applies one command; the outcome says whether it was applied or refused and why. */
    public CommandOutcome applyCommand(String orgId, Actor actor, StockCommand command) {
        return applyCommands(orgId, actor, List.of(command)).getFirst();
    }

    /** Applies each command on its own: a refused command writes nothing, the others proceed. */
    public List<CommandOutcome> applyCommands(String orgId, Actor actor, List<StockCommand> commands) {
        return apply(orgId, actor, commands, false);
    }

    /** Applies all commands or none: one refused command aborts the others, and nothing is written. */
    public List<CommandOutcome> applyAllOrNothing(String orgId, Actor actor, List<StockCommand> commands) {
        return apply(orgId, actor, commands, true);
    }

    private List<CommandOutcome> apply(String orgId, Actor actor, List<StockCommand> commands, boolean allOrNothing) {
        Instant now = now();
        validate(commands, now);
        IdempotentCommand idempotency = IdempotentCommand.current().orElse(null);
        if (idempotency != null) {
            if (!idempotency.claimSubmission()) {
                throw new IllegalStateException("a request whose Idempotency-Key the ledger records makes one ledger submission");
            }
        }
        Submission submission = new Submission(actor, commands, idempotency);
        try {
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                // The caller's transaction (an idempotent request, an order) owns commit and retry.
                return applyInTransaction(orgId, List.of(submission), allOrNothing, now, sharedLane(), false);
            }
            if (groupCommit != null && !allOrNothing) {
                return groupCommit.submit(orgId, submission);
            }
            return applyInOwnTransaction(orgId, List.of(submission), allOrNothing, sharedLane(), () -> { });
        } catch (IdempotencyKeyRecorded recorded) {
            // An earlier attempt of this request committed; answer with what it applied.
            idempotency.markRecovered(recorded.record());
            return OutcomeCodec.decode(recorded.record().appliedOutcome());
        } catch (IdempotencyKeyTaken taken) {
            idempotency.markKeyTaken();
            throw new DomainException(409, "idempotency_in_progress",
                    "a request with this Idempotency-Key is still being processed; retry later");
        }
    }

    /**
     * The time a transaction records, in the microseconds both databases store: a movement's
     * created_at read back is the instant its day was counted under.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * The counter lane of a transaction outside the group-commit writers (which have a lane each):
     * one of the lanes no writer uses, at random, so that it rarely waits for another's counters.
     */
    private int sharedLane() {
        int first = Math.min(groupCommitWriters, DailyTotals.LANES - 1);
        return ThreadLocalRandom.current().nextInt(first, DailyTotals.LANES);
    }

    /**
     * One transaction of its own, retried on deadlock or serialization failure (nothing of a failed
     * try stays). A failure of the commit itself is never retried: it is thrown as
     * {@link CommitFailed}, since a broken connection leaves unknown whether the commit took effect.
     */
    private List<CommandOutcome> applyInOwnTransaction(String orgId, List<Submission> submissions, boolean allOrNothing, int lane,
            Runnable lastStatementSent) {
        for (int attempt = 1; ; attempt++) {
            CommitWatch commit = new CommitWatch();
            try {
                return transactions.execute(status -> {
                    // Called after every beforeCommit (the per-day totals), just before COMMIT or ROLLBACK.
                    TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public void beforeCompletion() {
                            lastStatementSent.run();
                        }
                    });
                    List<CommandOutcome> outcomes = applyInTransaction(orgId, submissions, allOrNothing, now(), lane, true);
                    // Registered last, so its beforeCommit runs after every other one (the per-day totals' writes).
                    TransactionSynchronizationManager.registerSynchronization(commit);
                    return outcomes;
                });
            } catch (RuntimeException failed) {
                if (commit.commitStarted) {
                    commitFailures.increment();
                    log.error("commit of a ledger transaction of {} submissions failed; its outcome is unknown", submissions.size(), failed);
                    throw new CommitFailed(failed);
                }
                if (!(failed instanceof TransientDataAccessException) || attempt >= TRANSIENT_FAILURE_RETRIES_MAX) {
                    throw failed;
                }
                transientRetries.increment();
                log.info("ledger batch hit {} (attempt {}), retrying", failed.getClass().getSimpleName(), attempt);
            }
        }
    }

    /**
     * Tells a failure of the commit itself from a failure before it: registered last, its
     * {@code beforeCommit} runs once every statement, the per-day totals' included, has succeeded,
     * so a failure after that is the COMMIT's.
     */
    private static final class CommitWatch implements TransactionSynchronization {
        boolean commitStarted;

        @Override
        public void beforeCommit(boolean readOnly) {
            commitStarted = true;
        }
    }

    @PreDestroy
    void stopGroupCommit() {
        if (groupCommit != null) {
            groupCommit.stop();
        }
    }

    private static void validate(List<StockCommand> commands, Instant now) {
        if (commands.isEmpty()) {
            throw new IllegalArgumentException("no commands to apply");
        }
        if (commands.size() > COMMANDS_PER_BATCH_MAX) {
            throw DomainException.invalidField("updates", "at most " + COMMANDS_PER_BATCH_MAX + " commands per batch");
        }
        for (StockCommand command : commands) {
            if (command.changes().size() > CHANGES_PER_COMMAND_MAX) {
                throw DomainException.invalidField("changes", "at most " + CHANGES_PER_COMMAND_MAX + " changes per command");
            }
            if (command.metadataJson() != null && command.metadataJson().length() > METADATA_LENGTH_MAX) {
                throw DomainException.invalidField("metadata", "metadata must be at most " + METADATA_LENGTH_MAX + " characters of JSON");
            }
            requireOccurredAtAccepted("occurred_at", command.occurredAt(), now);
        }
    }

    /**
     * Refuses, as a 400 naming {@code field}, an {@code occurredAt} the ledger would refuse: in the
     * future or more than {@link #OCCURRED_AT_PAST_MAX} back. For callers that check a request
     * line by line before they hand its commands over (the ledger checks them again, by the same rule).
     */
    public void requireOccurredAtAccepted(String field, Instant occurredAt) {
        requireOccurredAtAccepted(field, occurredAt, now());
    }

    private static void requireOccurredAtAccepted(String field, Instant occurredAt, Instant now) {
        if (occurredAt == null) {
            return;
        }
        if (occurredAt.isAfter(now.plus(OCCURRED_AT_FUTURE_SKEW_MAX))) {
            throw DomainException.invalidField(field, field + " must not lie in the future");
        }
        if (occurredAt.isBefore(now.minus(OCCURRED_AT_PAST_MAX))) {
            throw DomainException.invalidField(field, field + " may lie at most " + OCCURRED_AT_PAST_MAX.toDays() + " days in the past");
        }
    }

    /**
     * Applies the submissions in the current transaction. {@code ownTransaction}: the transaction
     * is this batch's alone (no other ledger batch joins it), so its per-day totals are written
     * with its other writes rather than just before the commit.
     */
    private List<CommandOutcome> applyInTransaction(String orgId, List<Submission> submissions, boolean allOrNothing, Instant now,
            int lane, boolean ownTransaction) {
        requireKeysNotRecordedYet(orgId, submissions);
        List<Actor> actors = new ArrayList<>();
        List<StockCommand> commands = new ArrayList<>();
        for (Submission submission : submissions) {
            submission.commands().forEach(command -> {
                actors.add(submission.actor());
                commands.add(command);
            });
        }
        batchCommands.record(commands.size());
        ZoneId zone = orgTimeZone(orgId);
        Map<LevelKey, StockLevel> locked = new LinkedHashMap<>();
        Map<LevelKey, LocalDate> lastRollupDays = new HashMap<>();
        lockLevels(orgId, commands, now).forEach((key, level) -> {
            locked.put(key, level.level());
            lastRollupDays.put(key, level.lastRollupDay());
        });
        Map<LevelKey, Balance> running = new HashMap<>();
        locked.forEach((key, level) -> running.put(key, level.balance()));

        List<CommandOutcome> outcomes = new ArrayList<>(commands.size());
        List<Movement> appended = new ArrayList<>();
        Map<LevelKey, LevelTouch> touched = new TreeMap<>();
        boolean anyRefused = false;
        for (int i = 0; i < commands.size(); i++) {
            CommandOutcome outcome = computeCommand(orgId, actors.get(i), commands.get(i), locked, running, now);
            outcomes.add(outcome);
            if (outcome instanceof CommandOutcome.Refused) {
                anyRefused = true;
                refusedCommands.increment();
            }
        }
        if (allOrNothing && anyRefused) {
            return outcomes.stream()
                    .map(outcome -> outcome instanceof CommandOutcome.Applied ? (CommandOutcome) new CommandOutcome.Aborted() : outcome)
                    .toList();
        }
        for (CommandOutcome outcome : outcomes) {
            if (outcome instanceof CommandOutcome.Applied applied) {
                for (AppliedChange change : applied.changes()) {
                    LevelTouch touch = touched.computeIfAbsent(change.level(), key -> new LevelTouch());
                    touch.levelId = change.levelId();
                    touch.balance = change.after();
                    if (change.movement() != null) {
                        appended.add(change.movement());
                        touch.movements++;
                        if (change.movement().deltaOnHand().signum() != 0) {
                            touch.onHandMovements++;
                        }
                        touch.lastMovementAt = now;
                    }
                }
            }
        }
        Optional<IdempotencyRecords.BatchStatement> keys = recordIdempotencyKeys(orgId, submissions, outcomes);
        markCounted(commands, outcomes, touched, now);
        writeBatch(orgId, appended, touched, keys, lastRollupDays, zone, lane, ownTransaction);
        publishChanges(orgId, commands, outcomes, locked);
        return outcomes;
    }

    /**
     * Looks the submissions' Idempotency-Keys up (one statement for the batch, instead of one per
     * request before it): a key recorded by an earlier attempt of the same request with its
     * outcome is thrown as {@link IdempotencyKeyRecorded} (that caller is answered from the
     * record), any other existing key as {@link IdempotencyKeyTaken}; either way the batch goes
     * on without that submission. Keys recorded meanwhile by a concurrent batch are caught when
     * this one records its own ({@link #recordIdempotencyKeys}).
     */
    private void requireKeysNotRecordedYet(String orgId, List<Submission> submissions) {
        Map<String, IdempotentCommand> keyed = new LinkedHashMap<>();
        submissions.stream().map(Submission::idempotency).filter(Objects::nonNull)
                .forEach(idempotency -> keyed.put(idempotency.key(), idempotency));
        if (keyed.isEmpty()) {
            return;
        }
        for (IdempotencyRecord existing : idempotencyRecords.findAll(orgId, List.copyOf(keyed.keySet()))) {
            if (existing.appliedOutcome() != null && keyed.get(existing.key()).isSameRequestAs(existing.requestHash())) {
                throw new IdempotencyKeyRecorded(existing);
            }
            throw new IdempotencyKeyTaken(existing.key(), null);
        }
    }

    /**
     * Records each submission's Idempotency-Key with its outcome in this transaction, when all of
     * its commands applied (a refusal changed nothing, so its answer is stored like any other 4xx).
     * Keys are inserted in key order, after every level lock is held, so two batches waiting on
     * each other's keys cannot deadlock. On PostgreSQL the insert is returned, for
     * {@link #writeBatch} to send with the batch's writes.
     */
    private Optional<IdempotencyRecords.BatchStatement> recordIdempotencyKeys(String orgId, List<Submission> submissions,
            List<CommandOutcome> outcomes) {
        record Claim(IdempotentCommand idempotency, List<CommandOutcome.Applied> applied) {
        }
        List<Claim> claims = new ArrayList<>();
        int next = 0;
        for (Submission submission : submissions) {
            List<CommandOutcome> own = outcomes.subList(next, next + submission.commands().size());
            next += submission.commands().size();
            if (submission.idempotency() != null && own.stream().allMatch(CommandOutcome.Applied.class::isInstance)) {
                claims.add(new Claim(submission.idempotency(), own.stream().map(CommandOutcome.Applied.class::cast).toList()));
            }
        }
        if (claims.isEmpty()) {
            return Optional.empty();
        }
        claims.sort(Comparator.comparing(claim -> claim.idempotency().key()));
        Optional<IdempotencyRecords.BatchStatement> insert = idempotencyRecords.recordApplied(orgId, claims.stream()
                .map(claim -> new IdempotencyRecords.AppliedKey(claim.idempotency().key(), claim.idempotency().requestHash(),
                        OutcomeCodec.encode(claim.applied())))
                .toList());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                claims.forEach(claim -> claim.idempotency().markRecorded());
            }
        });
        return insert;
    }

    private static final class LevelTouch {
        UUID levelId;
        Balance balance;
        int movements;
        int onHandMovements;
        Instant lastMovementAt;
        Instant countedAt;
    }

    private static void markCounted(List<StockCommand> commands, List<CommandOutcome> outcomes, Map<LevelKey, LevelTouch> touched, Instant now) {
        for (int i = 0; i < commands.size(); i++) {
            if (!(outcomes.get(i) instanceof CommandOutcome.Applied applied)) {
                continue;
            }
            List<StockChange> changes = commands.get(i).changes();
            for (int j = 0; j < changes.size(); j++) {
                if (changes.get(j).countedOnHand() != null) {
                    touched.get(applied.changes().get(j).level()).countedAt = now;
                }
            }
        }
    }

    private Map<LevelKey, LockedLevel> lockLevels(String orgId, List<StockCommand> commands, Instant now) {
        TreeSet<LevelKey> keys = new TreeSet<>();
        commands.forEach(command -> command.changes().forEach(change -> keys.add(change.level())));
        Map<LevelKey, LockedLevel> locked = byKey(levels.lockLevelsInKeyOrder(orgId, keys));
        if (locked.size() < keys.size()) {
            List<LevelKey> missing = keys.stream().filter(key -> !locked.containsKey(key)).toList();
            levels.insertMissingLevels(orgId, missing, now);
            locked.putAll(byKey(levels.lockLevelsInKeyOrder(orgId, missing)));
        }
        if (locked.size() < keys.size()) {
            throw new IllegalStateException("stock levels could not be created for " + keys.size() + " keys in org " + orgId);
        }
        return locked;
    }

    private static Map<LevelKey, LockedLevel> byKey(List<LockedLevel> list) {
        Map<LevelKey, LockedLevel> map = new LinkedHashMap<>();
        list.forEach(locked -> map.put(locked.level().key(), locked));
        return map;
    }

    /** Computes one command against the running balances; on success the running balances move on. */
    private CommandOutcome computeCommand(String orgId, Actor actor, StockCommand command, Map<LevelKey, StockLevel> locked,
            Map<LevelKey, Balance> running, Instant now) {
        Map<LevelKey, Balance> local = new HashMap<>();
        List<AppliedChange> applied = new ArrayList<>(command.changes().size());
        UUID commandId = Ids.newId();
        Instant occurredAt = command.occurredAt() == null ? now : command.occurredAt();
        for (StockChange change : command.changes()) {
            LevelKey key = change.level();
            Balance before = local.getOrDefault(key, running.get(key));
            if (change.expectedOnHand() != null && before.onHand().compareTo(change.expectedOnHand()) != 0) {
                return new CommandOutcome.Refused("stale_quantity",
                        "on-hand is " + before.onHand().stripTrailingZeros().toPlainString() + ", not the expected "
                                + change.expectedOnHand().stripTrailingZeros().toPlainString(),
                        key, before, change.expectedOnHand());
            }
            BigDecimal deltaOnHand = change.countedOnHand() != null ? change.countedOnHand().subtract(before.onHand()) : change.deltaOnHand();
            BigDecimal deltaReserved = change.deltaReserved();
            if (change.reserveUpToAvailable() && deltaReserved.compareTo(before.available().max(BigDecimal.ZERO)) > 0) {
                deltaReserved = before.available().max(BigDecimal.ZERO);
            }
            Balance after = before.plus(deltaOnHand, change.deltaIncoming(), deltaReserved);
            if (!after.isValid()) {
                return refusal(key, before, after, deltaOnHand, change.deltaIncoming(), deltaReserved);
            }
            local.put(key, after);
            Movement movement = null;
            // A count is a fact of its own: one that finds on-hand as it was is recorded too (with
            // no delta), so the ledger says who counted and when. Other changes that change nothing
            // (a compare-and-set guard) write no movement.
            if (deltaOnHand.signum() != 0 || change.deltaIncoming().signum() != 0 || deltaReserved.signum() != 0
                    || change.countedOnHand() != null) {
                movement = new Movement(Ids.newId(), commandId, key, change.kind(), command.reasonCode(), command.reason(),
                        deltaOnHand, change.deltaIncoming(), deltaReserved, after.onHand(), after.incoming(), after.reserved(),
                        command.referenceType(), command.referenceId(), command.shopId(), change.costPerUnit(),
                        command.metadataJson(), actor.tokenId(), actor.name(), occurredAt, now);
            }
            applied.add(new AppliedChange(key, locked.get(key).levelId(), before, after, movement));
        }
        running.putAll(local);
        return new CommandOutcome.Applied(commandId, applied);
    }

    private static CommandOutcome.Refused refusal(LevelKey key, Balance before, Balance after,
            BigDecimal deltaOnHand, BigDecimal deltaIncoming, BigDecimal deltaReserved) {
        if (after.incoming().signum() < 0) {
            return new CommandOutcome.Refused("insufficient_incoming",
                    "incoming stock cannot fall below zero (incoming is " + plain(before.incoming()) + ")", key, before, deltaIncoming);
        }
        if (after.reserved().signum() < 0) {
            return new CommandOutcome.Refused("insufficient_reserved",
                    "cannot release more than is reserved (reserved is " + plain(before.reserved()) + ")", key, before, deltaReserved);
        }
        BigDecimal requested = deltaReserved.signum() > 0 && deltaOnHand.signum() >= 0 ? deltaReserved : deltaOnHand.negate();
        String balances = "on hand " + plain(before.onHand()) + ", reserved " + plain(before.reserved())
                + ", available " + plain(before.available());
        if (after.onHand().signum() < 0) {
            return new CommandOutcome.Refused("insufficient_stock", "stock cannot go below zero: " + balances, key, before, requested);
        }
        if (deltaReserved.signum() > 0) {
            return new CommandOutcome.Refused("insufficient_stock", "cannot reserve more than is available: " + balances,
                    key, before, requested);
        }
        // On-hand would stay at or above zero but fall below what is reserved: the reservations block it.
        return new CommandOutcome.Refused("insufficient_stock", "only " + plain(before.available()) + " available: "
                + plain(before.reserved()) + " of " + plain(before.onHand()) + " on hand are reserved", key, before, requested);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    /**
     * Writes the batch: the Idempotency-Keys (PostgreSQL's insert of {@link #recordIdempotencyKeys}),
     * the movements, the levels, the per-day totals and the rollups, on PostgreSQL in one round
     * trip ({@link StatementRound}). A key another request took fails the round with a unique
     * violation, thrown as {@link IdempotencyKeyTaken} without a key: the group commit then
     * applies each request of the batch alone, and each looks its own key up again.
     */
    private void writeBatch(String orgId, List<Movement> appended, Map<LevelKey, LevelTouch> touched,
            Optional<IdempotencyRecords.BatchStatement> keys, Map<LevelKey, LocalDate> lastRollupDays, ZoneId zone, int lane,
            boolean ownTransaction) {
        StatementRound round = rounds.begin();
        keys.ifPresent(insert -> round.add(insert.sql(), insert.parameters()));
        if (!touched.isEmpty()) {
            addWrites(round, orgId, appended, touched, lastRollupDays, zone, lane, ownTransaction);
        }
        try {
            round.send();
        } catch (DuplicateKeyException taken) {
            if (keys.isEmpty()) {
                throw taken;
            }
            throw new IdempotencyKeyTaken(null, taken);
        }
    }

    private void addWrites(StatementRound round, String orgId, List<Movement> appended, Map<LevelKey, LevelTouch> touched,
            Map<LevelKey, LocalDate> lastRollupDays, ZoneId zone, int lane, boolean ownTransaction) {
        if (!appended.isEmpty()) {
            movements.appendMovements(orgId, appended, round);
        }
        List<LevelUpdate> updates = new ArrayList<>(touched.size());
        touched.forEach((key, touch) -> {
            if (!touch.balance.isValid()) {
                throw new IllegalStateException("refusing to write an invalid balance " + touch.balance + " for " + key);
            }
            updates.add(new LevelUpdate(key, touch.levelId, touch.balance, touch.movements, touch.onHandMovements,
                    touch.lastMovementAt, touch.countedAt));
        });
        levels.updateLevels(orgId, updates, round);
        if (ownTransaction) {
            dailyTotals.addWith(round, orgId, zone, lane, appended, lastRollupDays);
        } else {
            dailyTotals.addAtCommit(orgId, zone, lane, appended, lastRollupDays);
        }
        rollups.addToRollups(orgId, rollupDeltas(appended, zone), round);
    }

    private static List<RollupDelta> rollupDeltas(List<Movement> appended, ZoneId zone) {
        record DayKey(LevelKey level, LocalDate day) {
        }
        Map<DayKey, RollupDelta> sums = new LinkedHashMap<>();
        BigDecimal zero = BigDecimal.ZERO;
        for (Movement movement : appended) {
            DayKey key = new DayKey(movement.level(), LocalDate.ofInstant(movement.occurredAt(), zone));
            BigDecimal in = movement.deltaOnHand().max(zero);
            BigDecimal out = movement.deltaOnHand().min(zero).negate();
            boolean adjustment = movement.kind().isAdjustment();
            RollupDelta add = new RollupDelta(key.level(), key.day(), in, out,
                    adjustment ? movement.deltaOnHand() : zero, adjustment ? 1 : 0,
                    movement.deltaIncoming(), movement.deltaReserved(), 1);
            sums.merge(key, add, (a, b) -> new RollupDelta(a.level(), a.day(), a.onHandIn().add(b.onHandIn()),
                    a.onHandOut().add(b.onHandOut()), a.adjustmentNet().add(b.adjustmentNet()),
                    a.adjustmentCount() + b.adjustmentCount(), a.deltaIncoming().add(b.deltaIncoming()),
                    a.deltaReserved().add(b.deltaReserved()), a.movementCount() + b.movementCount()));
        }
        return new ArrayList<>(sums.values());
    }

    private void publishChanges(String orgId, List<StockCommand> commands, List<CommandOutcome> outcomes, Map<LevelKey, StockLevel> locked) {
        for (int i = 0; i < commands.size(); i++) {
            if (outcomes.get(i) instanceof CommandOutcome.Applied applied) {
                List<StockLevel> after = applied.changes().stream()
                        .map(change -> {
                            StockLevel level = locked.get(change.level());
                            return new StockLevel(level.levelId(), level.key(), change.after(), level.reorderPoint(),
                                    level.maxStockLevel(), level.movementCount(), level.lastMovementAt(), level.lastCountedAt(),
                                    level.lastSyncedAt());
                        })
                        .toList();
                events.publishEvent(new StockChanged(orgId, commands.get(i), applied, after));
            }
        }
    }

    /**
     * Sets a level's reorder point and maximum stock level (null clears them; the org default
     * reorder point then applies). Creates the level, with no stock, when it does not exist yet.
     * Settings are not stock: no movement is written.
     */
    public StockLevel updateLevelSettings(String orgId, LevelKey key, BigDecimal reorderPoint, BigDecimal maxStockLevel) {
        if (reorderPoint != null && reorderPoint.signum() < 0 || maxStockLevel != null && maxStockLevel.signum() < 0) {
            throw DomainException.invalidField(reorderPoint != null && reorderPoint.signum() < 0 ? "reorder_point" : "max_stock_level",
                    "reorder point and maximum stock level must not be negative");
        }
        return transactions.execute(status -> {
            levels.insertMissingLevels(orgId, List.of(key), clock.instant());
            levels.updateReorderSettings(orgId, key, reorderPoint, maxStockLevel);
            return levels.findLevel(orgId, key).orElseThrow();
        });
    }

    /** The org's time zone, which dates rollups; read once per {@link #TIME_ZONE_CACHE_TTL}, not per batch. */
    private ZoneId orgTimeZone(String orgId) {
        return timeZones.get(orgId, this::readOrgTimeZone);
    }

    private ZoneId readOrgTimeZone(String orgId) {
        return jdbc.sql("select time_zone from orgs where org_id = :orgId")
                .param("orgId", orgId)
                .query(String.class)
                .optional()
                .map(ZoneId::of)
                .orElseThrow(() -> new IllegalStateException("no org " + orgId));
    }
}
