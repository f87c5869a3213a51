package org.stockledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.stockledger.StockledgerApplication;
import org.stockledger.access.AccessService;
import org.stockledger.access.Org;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.ProductDraft;
import org.stockledger.testing.PostgresTestDatabase;

/**
 * Random sequences of batches of commands (adjustments, counts, reservations, releases,
 * fulfilments, transfers, compare-and-set) against the one write path, checked step by step
 * against a plain model of invariant 1: every command is applied or refused exactly as the
 * model says, balances match, and the ledger-sum rule ({@code verify}) holds after every batch.
 */
class LedgerProperties {

    private static final Map<String, ConfigurableApplicationContext> CONTEXTS = new HashMap<>();
    private static final java.util.Set<String> LEDGER_CHECKS = java.util.Set.of("ledger-sum", "rollup-sum", "ledger-count");

    enum Kind { ADJUST, INCOMING, COUNT, RESERVE, RESERVE_UP_TO, RELEASE, FULFIL, TRANSFER, ADJUST_EXPECTING }

    record Op(Kind kind, int level, int otherLevel, int quantity) {
    }

    record Batch(List<Op> ops, boolean allOrNothing) {
    }

    @Property(tries = 40)
    void theWritePathKeepsInvariantOneAndTheLedgerSumOnH2(@ForAll("batches") List<Batch> batches) {
        check(context("h2"), batches);
    }

    @Property(tries = 25)
    void theWritePathKeepsInvariantOneAndTheLedgerSumOnPostgres(@ForAll("batches") List<Batch> batches) {
        if (!postgresAvailable()) {
            return;
        }
        check(context("postgres"), batches);
    }

    @Provide
    Arbitrary<List<Batch>> batches() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(-6, 12))
                .as(Op::new);
        Arbitrary<Batch> batch = Combinators.combine(op.list().ofMinSize(1).ofMaxSize(6), Arbitraries.frequency(
                net.jqwik.api.Tuple.of(1, true), net.jqwik.api.Tuple.of(3, false)))
                .as(Batch::new);
        return batch.list().ofMinSize(1).ofMaxSize(12);
    }

    private static void check(ConfigurableApplicationContext context, List<Batch> batches) {
        AccessService access = context.getBean(AccessService.class);
        CatalogService catalog = context.getBean(CatalogService.class);
        LedgerService ledger = context.getBean(LedgerService.class);
        LedgerQueries queries = context.getBean(LedgerQueries.class);
        LedgerVerifier verifier = context.getBean(LedgerVerifier.class);

        String product = context.getBean(org.stockledger.support.SqlDialect.class).database().name();
        assertThat(product).isEqualTo(context == CONTEXTS.get("h2") ? "H2" : "POSTGRESQL");
        String orgId = "p-" + UUID.randomUUID().toString().substring(0, 12);
        Org org = access.createOrg(orgId, "property org");
        UUID productA = catalog.addProductsToInventory(orgId, List.of(new ProductDraft("a", null, "A", null, null, null))).getFirst().product().productId();
        UUID productB = catalog.addProductsToInventory(orgId, List.of(new ProductDraft("b", null, "B", null, null, null))).getFirst().product().productId();
        List<LevelKey> levels = List.of(
                new LevelKey(productA, org.defaultLocationId(), Room.SALES_FLOOR),
                new LevelKey(productA, org.defaultLocationId(), Room.VAULT),
                new LevelKey(productB, org.defaultLocationId(), Room.SALES_FLOOR),
                new LevelKey(productB, org.defaultLocationId(), Room.QUARANTINE));
        Map<LevelKey, Balance> model = new HashMap<>();
        BigDecimal zero = BigDecimal.ZERO.setScale(3);
        levels.forEach(level -> model.put(level, new Balance(zero, zero, zero)));
        Actor actor = Actor.system("property-test");

        for (Batch batch : batches) {
            List<StockCommand> commands = batch.ops().stream().map(op -> toCommand(op, levels, model)).toList();
            List<CommandOutcome> outcomes = batch.allOrNothing()
                    ? ledger.applyAllOrNothing(orgId, actor, commands)
                    : ledger.applyCommands(orgId, actor, commands);
            List<Boolean> expectedApplied = applyToModel(commands, model, batch.allOrNothing());
            for (int i = 0; i < commands.size(); i++) {
                CommandOutcome outcome = outcomes.get(i);
                assertThat(outcome instanceof CommandOutcome.Applied).as("command %s of %s: %s", i, batch, outcome)
                        .isEqualTo(expectedApplied.get(i));
            }
            for (LevelKey level : levels) {
                Balance expected = model.get(level);
                Balance actual = queries.level(orgId, level).map(StockLevel::balance).orElse(new Balance(zero, zero, zero));
                assertThat(actual.onHand()).as("on hand of %s", level).isEqualByComparingTo(expected.onHand());
                assertThat(actual.incoming()).as("incoming of %s", level).isEqualByComparingTo(expected.incoming());
                assertThat(actual.reserved()).as("reserved of %s", level).isEqualByComparingTo(expected.reserved());
                assertThat(actual.isValid()).isTrue();
            }
            // The ledger's own checks; other capabilities' checks (e.g. that reservations belong to
            // open orders) do not apply to reservations this test makes directly on the core.
            assertThat(verifier.verify(orgId)).filteredOn(mismatch -> LEDGER_CHECKS.contains(mismatch.check())).isEmpty();
        }
    }

    private static StockCommand toCommand(Op op, List<LevelKey> levels, Map<LevelKey, Balance> model) {
        LevelKey level = levels.get(op.level());
        BigDecimal quantity = BigDecimal.valueOf(op.quantity()).setScale(3);
        BigDecimal magnitude = quantity.abs();
        StockChange change = switch (op.kind()) {
            case ADJUST -> StockChange.adjust(level, MovementKind.ADJUSTMENT, quantity, null);
            case INCOMING -> StockChange.adjust(level, MovementKind.ADJUSTMENT, null, quantity);
            case COUNT -> StockChange.count(level, MovementKind.COUNT, magnitude);
            case RESERVE -> StockChange.reserve(level, magnitude, false);
            case RESERVE_UP_TO -> StockChange.reserve(level, magnitude, true);
            case RELEASE -> StockChange.release(level, magnitude);
            case FULFIL -> StockChange.fulfil(level, magnitude);
            case ADJUST_EXPECTING -> StockChange.adjust(level, MovementKind.ADJUSTMENT, quantity, null)
                    // Half the time the expectation is the model's current on-hand, half the time stale.
                    .withExpectedOnHand(op.otherLevel() % 2 == 0 ? model.get(level).onHand() : model.get(level).onHand().add(BigDecimal.ONE));
            case TRANSFER -> null;
        };
        if (change != null) {
            return StockCommand.of(change, "ADJUSTMENT", op.kind().name());
        }
        LevelKey destination = levels.get(op.otherLevel());
        return new StockCommand(List.of(
                StockChange.adjust(level, MovementKind.TRANSFER_OUT, magnitude.negate(), null),
                StockChange.adjust(destination, MovementKind.TRANSFER_IN, magnitude, null)),
                "TRANSFER", "transfer", null, null, null, null, null);
    }

    /** The model: each command against running balances, refused whole when a balance would break invariant 1. */
    private static List<Boolean> applyToModel(List<StockCommand> commands, Map<LevelKey, Balance> model, boolean allOrNothing) {
        Map<LevelKey, Balance> running = new HashMap<>(model);
        List<Boolean> applied = new ArrayList<>();
        for (StockCommand command : commands) {
            Map<LevelKey, Balance> local = new HashMap<>();
            boolean ok = true;
            for (StockChange change : command.changes()) {
                Balance before = local.getOrDefault(change.level(), running.get(change.level()));
                if (change.expectedOnHand() != null && before.onHand().compareTo(change.expectedOnHand()) != 0) {
                    ok = false;
                    break;
                }
                BigDecimal deltaOnHand = change.countedOnHand() != null ? change.countedOnHand().subtract(before.onHand()) : change.deltaOnHand();
                BigDecimal deltaReserved = change.reserveUpToAvailable()
                        ? change.deltaReserved().min(before.available().max(BigDecimal.ZERO)) : change.deltaReserved();
                Balance after = before.plus(deltaOnHand, change.deltaIncoming(), deltaReserved);
                if (!after.isValid()) {
                    ok = false;
                    break;
                }
                local.put(change.level(), after);
            }
            applied.add(ok);
            if (ok) {
                running.putAll(local);
            }
        }
        if (allOrNothing && applied.contains(false)) {
            return applied.stream().map(ignored -> false).toList();
        }
        model.putAll(running);
        return applied;
    }

    private static synchronized ConfigurableApplicationContext context(String database) {
        // Command-line arguments, not default properties: they must win over application.properties.
        return CONTEXTS.computeIfAbsent(database, name -> new SpringApplicationBuilder(StockledgerApplication.class)
                .web(WebApplicationType.NONE)
                .run(
                        "--spring.datasource.url=" + (name.equals("h2")
                                ? "jdbc:h2:mem:ledger-properties-" + ProcessHandle.current().pid() + ";DB_CLOSE_DELAY=-1;DEFAULT_LOCK_TIMEOUT=10000"
                                : PostgresTestDatabase.url()),
                        "--spring.datasource.username=" + (name.equals("h2") ? "sa" : "postgres"),
                        "--spring.datasource.password=",
                        "--stockledger.bootstrap.enabled=false",
                        "--spring.main.banner-mode=off",
                        "--logging.level.root=WARN"));
    }

    private static boolean postgresAvailable() {
        if (PostgresTestDatabase.isAvailable()) {
            return true;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new IllegalStateException("CI=true but PostgreSQL is not reachable; the PostgreSQL property cannot be skipped");
        }
        System.err.println("!!! SKIPPED ON POSTGRESQL: LedgerProperties (no PostgreSQL server reachable)");
        return false;
    }
}
