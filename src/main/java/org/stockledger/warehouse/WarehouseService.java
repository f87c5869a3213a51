package org.stockledger.warehouse;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.access.AccessService;
import org.stockledger.access.Org;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.AppliedChange;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerQueries;
import org.stockledger.ledger.LedgerSearches;
import org.stockledger.ledger.LedgerSearches.LocationStock;
import org.stockledger.ledger.LedgerSearches.LocationStockFilter;
import org.stockledger.ledger.LedgerSearches.MovementSearch;
import org.stockledger.ledger.LedgerSearches.ProductActivity;
import org.stockledger.ledger.LedgerSearches.FlowSums;
import org.stockledger.ledger.LedgerSearches.StockOverview;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Refusals;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.StockLevel;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.support.KeptResults;
import org.stockledger.support.Quantities;
import org.stockledger.support.Texts;

/**
 * The warehouse inventory operations of seed 003. A warehouse is a location of the org; its
 * record sums the location's rooms. Movements and counts are written to the warehouse's
 * {@code sales_floor} bin through the ledger's one write path; receipts with a cost move the
 * product's unit cost to the weighted average over the org's on-hand stock, in the same transaction.
 */
@Service
public class WarehouseService {

    public static final int INVENTORY_PAGE_SIZE_DEFAULT = 100;
    public static final int INVENTORY_PAGE_SIZE_MAX = 500;
    public static final int MOVEMENT_PAGE_SIZE_DEFAULT = 20;
    public static final int MOVEMENT_PAGE_SIZE_MAX = 100;
    public static final int PAGE_NUMBER_MAX = 100_000;
    public static final int COUNT_LINES_MAX = 500;
    public static final int TOP_MOVERS_MAX = 10;
    public static final int LOW_STOCK_ALERTS_MAX = 50;
    public static final int NOTES_LENGTH_MAX = 500;
    public static final int REFERENCE_TYPE_LENGTH_MAX = 64;
    public static final int REFERENCE_ID_LENGTH_MAX = 128;
    public static final int UNIT_COST_SCALE = 4;
    public static final BigDecimal COST_PER_UNIT_MAX = new BigDecimal("1000000000");
    public static final Room MOVEMENT_ROOM = Room.SALES_FLOOR;
    public static final String DEFAULT_PERIOD = "30d";
    private static final Map<String, Integer> PERIOD_DAYS = Map.of("7d", 7, "30d", 30, "90d", 90, "1y", 365);
    private static final int PRODUCT_LOOKUP_CHUNK = 1000;

    private final AccessService access;
    private final CatalogService catalog;
    private final LedgerService ledger;
    private final LedgerQueries queries;
    private final LedgerSearches searches;
    private final Clock clock;
    private final KeptResults<AnalyticsKey, InventoryAnalytics> keptAnalytics;

    public WarehouseService(AccessService access, CatalogService catalog, LedgerService ledger, LedgerQueries queries,
            LedgerSearches searches, Clock clock, MeterRegistry meters,
            @Value("${stockledger.analytics.max-age:60s}") Duration analyticsMaxAge,
            @Value("${stockledger.analytics.keep-slower-than:200ms}") Duration analyticsKeepSlowerThan) {
        this.access = access;
        this.catalog = catalog;
        this.ledger = ledger;
        this.queries = queries;
        this.searches = searches;
        this.clock = clock;
        this.keptAnalytics = new KeptResults<>("stockledger.analytics", this::computeAnalytics, analyticsMaxAge,
                analyticsKeepSlowerThan, clock, meters);
    }

    /** The stable id of the (product, warehouse) record: a name-based UUID (v3) of both ids. */
    public static UUID recordId(UUID productId, UUID warehouseId) {
        return UUID.nameUUIDFromBytes(("inventory:" + productId + ":" + warehouseId).getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- inventory list

    /** (product, warehouse) records that have a stock level, in product then warehouse id order. */
    public WarehousePage<InventoryRecord> listInventory(String orgId, InventoryQuery query) {
        int limit = requirePageSize(query.limit(), INVENTORY_PAGE_SIZE_MAX);
        int page = requirePageNumber(query.page());
        UUID warehouseId = optionalIdParameter("warehouse_id", query.warehouseId());
        UUID productId = optionalIdParameter("product_id", query.productId());
        Org org = access.requireOrg(orgId);
        LocationStockFilter filter = new LocationStockFilter(productId, warehouseId, query.lowStock(), query.outOfStock(),
                org.defaultReorderPoint());
        List<LocationStock> stock = searches.locationStock(orgId, filter, limit, (long) (page - 1) * limit);
        long total = searches.countLocationStock(orgId, filter);
        Map<UUID, Product> products = productsById(orgId, stock.stream().map(LocationStock::productId).toList());
        Map<UUID, Location> warehouses = warehousesById(orgId);
        List<InventoryRecord> records = stock.stream()
                .map(record -> new InventoryRecord(recordId(record.productId(), record.locationId()),
                        products.get(record.productId()), warehouses.get(record.locationId()), record.onHand(),
                        record.reserved(), record.available(), record.reorderPoint(), record.maxStockLevel(),
                        record.lastCountedAt()))
                .toList();
        return new WarehousePage<>(records, page, limit, total);
    }

    // ---------------------------------------------------------------- movements

    /**
     * Records one movement on the warehouse's sales_floor bin. Sign rules: {@code in}, {@code out}
     * and {@code transfer} take a positive quantity; {@code adjustment} a signed, non-zero one.
     * A transfer writes both sides in one command (all or nothing). An {@code in} with a cost
     * moves the unit cost to the weighted average, committed together with the movement.
     */
    @Transactional
    public RecordedMovement recordMovement(String orgId, Actor actor, MovementRequest request) {
        WarehouseMovementType type = requireMovementType(request.movementType());
        if (request.quantity() == null) {
            throw new DomainException(400, "missing_field", "quantity is required", "quantity", Map.of());
        }
        BigDecimal quantity;
        if (type == WarehouseMovementType.ADJUSTMENT) {
            quantity = Quantities.requireValid("quantity", request.quantity());
            if (quantity.signum() == 0) {
                throw DomainException.invalidField("quantity", "an adjustment needs a non-zero quantity (negative removes stock)");
            }
        } else {
            quantity = Quantities.requirePositive("quantity", request.quantity());
        }
        String referenceType = Texts.optional("reference_type", request.referenceType(), REFERENCE_TYPE_LENGTH_MAX);
        String referenceId = Texts.optional("reference_id", request.referenceId(), REFERENCE_ID_LENGTH_MAX);
        String notes = Texts.optional("notes", request.notes(), NOTES_LENGTH_MAX);
        BigDecimal costPerUnit = requireValidCost(request.costPerUnit());
        if (type != WarehouseMovementType.TRANSFER && request.toWarehouseId() != null) {
            throw DomainException.invalidField("to_warehouse_id", "to_warehouse_id belongs to transfers only");
        }
        Product product = requireProduct(orgId, "product_id", request.productId());
        Location source = requireWarehouse(orgId, "warehouse_id", request.warehouseId());
        Location destination = null;
        if (type == WarehouseMovementType.TRANSFER) {
            if (request.toWarehouseId() == null) {
                throw new DomainException(400, "missing_field", "a transfer needs to_warehouse_id", "to_warehouse_id", Map.of());
            }
            destination = requireWarehouse(orgId, "to_warehouse_id", request.toWarehouseId());
            if (destination.locationId().equals(source.locationId())) {
                throw DomainException.invalidField("to_warehouse_id", "a transfer needs a destination other than its source");
            }
        }
        boolean updatesUnitCost = type == WarehouseMovementType.IN && costPerUnit != null;
        BigDecimal unitCostBefore = null;
        if (updatesUnitCost) {
            unitCostBefore = catalog.lockProduct(orgId, product.productId())
                    .orElseThrow(() -> unknownProduct(product.productId().toString()))
                    .unitCost();
        }
        LevelKey sourceBin = new LevelKey(product.productId(), source.locationId(), MOVEMENT_ROOM);
        List<StockChange> changes = switch (type) {
            case IN -> List.of(StockChange.adjust(sourceBin, MovementKind.RECEIPT, quantity, null).withCostPerUnit(costPerUnit));
            case OUT -> List.of(StockChange.adjust(sourceBin, MovementKind.SHIPMENT, quantity.negate(), null).withCostPerUnit(costPerUnit));
            case ADJUSTMENT -> List.of(StockChange.adjust(sourceBin, MovementKind.ADJUSTMENT, quantity, null).withCostPerUnit(costPerUnit));
            case TRANSFER -> List.of(
                    StockChange.adjust(sourceBin, MovementKind.TRANSFER_OUT, quantity.negate(), null).withCostPerUnit(costPerUnit),
                    StockChange.adjust(new LevelKey(product.productId(), destination.locationId(), MOVEMENT_ROOM),
                            MovementKind.TRANSFER_IN, quantity, null).withCostPerUnit(costPerUnit));
        };
        StockCommand command = new StockCommand(changes, reasonCodeOf(type), notes, referenceType, referenceId, null, null, null);
        CommandOutcome.Applied applied = Refusals.requireApplied(ledger.applyCommand(orgId, actor, command));
        if (updatesUnitCost) {
            BigDecimal onHandAfter = queries.totalsOfProducts(orgId, List.of(product.productId()))
                    .get(product.productId()).balance().onHand();
            catalog.updateUnitCost(orgId, product.productId(),
                    weightedAverageCost(unitCostBefore, onHandAfter.subtract(quantity), quantity, costPerUnit));
        }
        AppliedChange sourceChange = applied.changes().getFirst();
        AppliedChange destinationChange = type == WarehouseMovementType.TRANSFER ? applied.changes().get(1) : null;
        return new RecordedMovement(sourceChange.movement(), type, quantity, sourceChange.after().onHand(),
                destination == null ? null : destination.locationId(),
                destinationChange == null ? null : destinationChange.after().onHand(), asStored(sourceChange.movement().createdAt()));
    }

    /**
     * Timestamps are stored rounded (half up) to microseconds, on H2 and PostgreSQL alike; a
     * response shows what a later read returns.
     */
    private static Instant asStored(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MICROS);
        return instant.getNano() % 1000 >= 500 ? truncated.plus(1, ChronoUnit.MICROS) : truncated;
    }

    /**
     * The moving weighted average after receiving {@code quantity} at {@code cost} onto
     * {@code onHandBefore} (org-wide) valued at {@code costBefore}; with no prior cost or no prior
     * stock the receipt's cost is taken as is.
     */
    static BigDecimal weightedAverageCost(BigDecimal costBefore, BigDecimal onHandBefore, BigDecimal quantity, BigDecimal cost) {
        if (costBefore == null || onHandBefore.signum() <= 0) {
            return cost.setScale(UNIT_COST_SCALE, RoundingMode.HALF_UP);
        }
        BigDecimal value = onHandBefore.multiply(costBefore).add(quantity.multiply(cost));
        return value.divide(onHandBefore.add(quantity), UNIT_COST_SCALE, RoundingMode.HALF_UP);
    }

    private static String reasonCodeOf(WarehouseMovementType type) {
        return switch (type) {
            case IN -> "RECEIPT";
            case OUT -> "SHIPMENT";
            case ADJUSTMENT -> "ADJUSTMENT";
            case TRANSFER -> "TRANSFER";
        };
    }

    /**
     * The on-hand movements, newest first, mapped back to the four warehouse types (see
     * {@link WarehouseMovementType}). Dates filter on creation time: an ISO date covers its whole day
     * in the org's time zone, an ISO date-time is an inclusive bound (UTC when it has no offset).
     */
    public WarehousePage<MovementEntry> movementHistory(String orgId, MovementQuery query) {
        int limit = requirePageSize(query.limit(), MOVEMENT_PAGE_SIZE_MAX);
        int page = requirePageNumber(query.page());
        UUID productId = optionalIdParameter("product_id", query.productId());
        UUID warehouseId = optionalIdParameter("warehouse_id", query.warehouseId());
        Set<MovementKind> kinds = WarehouseMovementType.allKinds();
        if (query.movementType() != null) {
            kinds = WarehouseMovementType.fromWireName(query.movementType())
                    .orElseThrow(() -> invalidParameter("movement_type", "movement_type must be one of in, out, adjustment, transfer"))
                    .kinds();
        }
        ZoneId zone = access.requireOrg(orgId).timeZone();
        Instant from = startOf("start_date", query.startDate(), zone);
        Instant before = endOf("end_date", query.endDate(), zone);
        if (from != null && before != null && !from.isBefore(before)) {
            throw invalidParameter("end_date", "end_date must not lie before start_date");
        }
        MovementSearch search = new MovementSearch(productId, warehouseId, kinds, from, before);
        List<Movement> movements = searches.searchMovements(orgId, search, limit, (long) (page - 1) * limit);
        long total = searches.countMovements(orgId, search);
        Map<UUID, Product> products = productsById(orgId, movements.stream().map(movement -> movement.level().productId()).toList());
        Map<UUID, Location> warehouses = warehousesById(orgId);
        List<MovementEntry> entries = movements.stream().map(movement -> {
            WarehouseMovementType type = WarehouseMovementType.ofKind(movement.kind())
                    .orElseThrow(() -> new IllegalStateException("movement kind " + movement.kind() + " has no warehouse type"));
            BigDecimal quantity = type == WarehouseMovementType.IN || type == WarehouseMovementType.OUT
                    ? movement.deltaOnHand().abs() : movement.deltaOnHand();
            return new MovementEntry(movement, products.get(movement.level().productId()),
                    warehouses.get(movement.level().locationId()), type, quantity);
        }).toList();
        return new WarehousePage<>(entries, page, limit, total);
    }

    /** A date starts at its first instant in the org's time zone; a date-time is taken as is. */
    private static Instant startOf(String field, String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        return parseDateOrInstant(field, text, zone, date -> date.atStartOfDay(zone).toInstant(), instant -> instant);
    }

    /** A date includes its whole day; a date-time is inclusive. The result is an exclusive bound. */
    private static Instant endOf(String field, String text, ZoneId zone) {
        if (text == null) {
            return null;
        }
        return parseDateOrInstant(field, text, zone, date -> date.plusDays(1).atStartOfDay(zone).toInstant(),
                instant -> instant.plus(1, ChronoUnit.MICROS));
    }

    /**
     * An ISO date, an ISO date-time with offset, or an ISO date-time without one, which is read as
     * UTC (the time zone of every timestamp the API writes).
     */
    private static Instant parseDateOrInstant(String field, String text, ZoneId zone, Function<LocalDate, Instant> ofDate,
            Function<Instant, Instant> ofInstant) {
        try {
            if (text.length() == 10) {
                return ofDate.apply(LocalDate.parse(text));
            }
            return ofInstant.apply(parseDateTime(text));
        } catch (DateTimeParseException notIso) {
            throw invalidParameter(field, field + " must be an ISO date (2024-01-15) or date-time (2024-01-15T10:00:00Z; "
                    + "without an offset, UTC)");
        }
    }

    private static Instant parseDateTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException noOffset) {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        }
    }

    // ---------------------------------------------------------------- physical counts

    /**
     * Applies a physical count: each valid line becomes its own ledger command (a bad line never
     * stops the good ones) that sets the warehouse's on-hand to the counted figure. The count lands
     * on the sales_floor bin: its target is the counted figure minus the other rooms' stock, and
     * the other rooms' on-hand is guarded by compare-and-set so a concurrent change there fails
     * the line ({@code stale_quantity}) instead of miscounting. A line equal to the current
     * stock writes a count movement of quantity 0: the count is in the ledger all the same.
     */
    public CountReport applyCounts(String orgId, Actor actor, List<CountLine> lines) {
        if (lines == null || lines.isEmpty()) {
            throw new DomainException(400, "missing_field", "adjustments needs at least one line", "adjustments", Map.of());
        }
        if (lines.size() > COUNT_LINES_MAX) {
            throw DomainException.invalidField("adjustments", "at most " + COUNT_LINES_MAX + " adjustments per request");
        }
        record ValidLine(int index, Product product, Location warehouse, BigDecimal actual, String reason) {
        }
        List<CountReport.FailedLine> failed = new ArrayList<>();
        List<ValidLine> valid = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            CountLine line = lines.get(i);
            try {
                if (line == null) {
                    throw DomainException.invalidField("adjustments[" + i + "]", "a line must be an object");
                }
                BigDecimal actual = Quantities.requireNonNegative("actual_quantity", line.actualQuantity());
                if (actual == null) {
                    throw new DomainException(400, "missing_field", "actual_quantity is required", "actual_quantity", Map.of());
                }
                String reason = Texts.optional("reason", line.reason(), NOTES_LENGTH_MAX);
                Product product = requireProduct(orgId, "product_id", line.productId());
                Location warehouse = requireWarehouse(orgId, "warehouse_id", line.warehouseId());
                if (!seen.add(product.productId() + "/" + warehouse.locationId())) {
                    throw new DomainException(400, "duplicate_line",
                            "this product and warehouse were already counted in an earlier line of this request");
                }
                valid.add(new ValidLine(i, product, warehouse, actual, reason));
            } catch (DomainException refusal) {
                failed.add(new CountReport.FailedLine(i, line == null ? null : line.productId(),
                        line == null ? null : line.warehouseId(), refusal.code(), refusal.getMessage()));
            }
        }
        Map<UUID, List<StockLevel>> levelsByProduct = queries
                .levelsOfProducts(orgId, valid.stream().map(line -> line.product().productId()).distinct().toList())
                .stream().collect(Collectors.groupingBy(level -> level.key().productId()));
        List<ValidLine> commanded = new ArrayList<>();
        List<StockCommand> commands = new ArrayList<>();
        for (ValidLine line : valid) {
            List<StockChange> changes = new ArrayList<>();
            BigDecimal otherRooms = BigDecimal.ZERO;
            for (StockLevel level : levelsByProduct.getOrDefault(line.product().productId(), List.of())) {
                if (level.key().locationId().equals(line.warehouse().locationId()) && level.key().room() != MOVEMENT_ROOM) {
                    otherRooms = otherRooms.add(level.balance().onHand());
                    changes.add(StockChange.adjust(level.key(), MovementKind.COUNT, null, null)
                            .withExpectedOnHand(level.balance().onHand()));
                }
            }
            BigDecimal salesFloorTarget = line.actual().subtract(otherRooms);
            if (salesFloorTarget.signum() < 0) {
                failed.add(new CountReport.FailedLine(line.index(), line.product().productId().toString(),
                        line.warehouse().locationId().toString(), "count_below_other_rooms",
                        "the warehouse holds " + otherRooms.stripTrailingZeros().toPlainString()
                                + " outside its sales floor, more than the counted quantity"));
                continue;
            }
            changes.addFirst(StockChange.count(new LevelKey(line.product().productId(), line.warehouse().locationId(), MOVEMENT_ROOM),
                    MovementKind.COUNT, salesFloorTarget));
            commands.add(new StockCommand(changes, "PHYSICAL_COUNT", line.reason(), "physical_count", null, null, null, null));
            commanded.add(line);
        }
        List<CountReport.CountedLine> counted = new ArrayList<>();
        if (!commands.isEmpty()) {
            List<CommandOutcome> outcomes = ledger.applyCommands(orgId, actor, commands);
            for (int i = 0; i < outcomes.size(); i++) {
                ValidLine line = commanded.get(i);
                switch (outcomes.get(i)) {
                    case CommandOutcome.Applied applied -> {
                        BigDecimal before = BigDecimal.ZERO;
                        BigDecimal after = BigDecimal.ZERO;
                        for (AppliedChange change : applied.changes()) {
                            before = before.add(change.before().onHand());
                            after = after.add(change.after().onHand());
                        }
                        // The sales floor's count change comes first, and the ledger records a count
                        // even when it finds no difference; its created_at is the level's last_counted.
                        Movement movement = applied.changes().getFirst().movement();
                        if (movement == null || movement.kind() != MovementKind.COUNT) {
                            throw new IllegalStateException("an applied count has no count movement on its sales floor");
                        }
                        counted.add(new CountReport.CountedLine(line.index(), movement.movementId(),
                                line.product().productId(), line.warehouse().locationId(), before, after, line.reason(),
                                asStored(movement.createdAt())));
                    }
                    case CommandOutcome.Refused refused -> failed.add(new CountReport.FailedLine(line.index(),
                            line.product().productId().toString(), line.warehouse().locationId().toString(), refused.code(),
                            refused.message()));
                    case CommandOutcome.Aborted aborted -> throw new IllegalStateException("commands applied on their own cannot abort");
                }
            }
        }
        failed.sort((a, b) -> Integer.compare(a.index(), b.index()));
        return new CountReport(lines.size(), counted, failed);
    }

    // ---------------------------------------------------------------- analytics

    /**
     * Analytics of the last {@code period} days (today included, org time zone) from levels and
     * rollups. Analytics that took long to compute are served again for a while (see
     * {@link KeptResults}; {@code stockledger.analytics.*}); {@code fresh} asks for a result
     * computed for this call.
     */
    public KeptResults.Served<InventoryAnalytics> analytics(String orgId, String period, String warehouseIdText, boolean fresh) {
        String periodName = period == null ? DEFAULT_PERIOD : period;
        if (!PERIOD_DAYS.containsKey(periodName)) {
            throw invalidParameter("period", "period must be one of 7d, 30d, 90d, 1y");
        }
        AnalyticsKey key = new AnalyticsKey(orgId, periodName, optionalIdParameter("warehouse_id", warehouseIdText));
        return fresh ? keptAnalytics.fresh(key) : keptAnalytics.get(key);
    }

    private record AnalyticsKey(String orgId, String period, UUID warehouseId) {
    }

    private InventoryAnalytics computeAnalytics(AnalyticsKey key) {
        String orgId = key.orgId();
        String periodName = key.period();
        UUID warehouseId = key.warehouseId();
        Org org = access.requireOrg(orgId);
        LocalDate today = LocalDate.now(clock.withZone(org.timeZone()));
        LocalDate first = today.minusDays(PERIOD_DAYS.get(periodName) - 1L);

        // The overview is computed in the database in one pass: loading every stocked product to
        // value it cost a query per thousand products.
        StockOverview stock = searches.stockOverview(orgId, warehouseId, org.defaultReorderPoint());
        var overview = new InventoryAnalytics.Overview(stock.products(), stock.stockValue().setScale(2, RoundingMode.HALF_UP),
                stock.lowStockRecords(), stock.outOfStockRecords());
        LocationStockFilter low = new LocationStockFilter(null, warehouseId, true, false, org.defaultReorderPoint());

        FlowSums flows = searches.flowSums(orgId, warehouseId, first, today);
        var trends = new InventoryAnalytics.Trends(flows.stockIn(), flows.stockOut(), flows.adjustments(), flows.adjustmentsNet());

        List<ProductActivity> movers = searches.mostActiveProducts(orgId, warehouseId, first, today, TOP_MOVERS_MAX);
        List<LocationStock> lowStock = searches.locationStock(orgId, low, LOW_STOCK_ALERTS_MAX, 0);
        Set<UUID> named = new HashSet<>();
        movers.forEach(mover -> named.add(mover.productId()));
        lowStock.forEach(record -> named.add(record.productId()));
        Map<UUID, Product> products = productsById(orgId, named);
        Map<UUID, Location> warehouses = warehousesById(orgId);
        List<InventoryAnalytics.TopMover> topMovers = movers.stream()
                .map(mover -> new InventoryAnalytics.TopMover(mover.productId(), nameOf(products.get(mover.productId())),
                        mover.movementCount(), mover.totalQuantity()))
                .toList();
        List<InventoryAnalytics.LowStockAlert> alerts = lowStock.stream()
                .map(record -> new InventoryAnalytics.LowStockAlert(record.productId(), nameOf(products.get(record.productId())),
                        record.onHand(), record.reorderPoint(), record.locationId(),
                        Optional.ofNullable(warehouses.get(record.locationId())).map(Location::name).orElse(null)))
                .toList();
        return new InventoryAnalytics(periodName, overview, trends, topMovers, alerts);
    }

    private static String nameOf(Product product) {
        return product == null ? null : product.name();
    }

    // ---------------------------------------------------------------- lookups and validation

    private Map<UUID, Product> productsById(String orgId, Collection<UUID> ids) {
        List<UUID> distinct = ids.stream().distinct().toList();
        Map<UUID, Product> products = new HashMap<>();
        for (int from = 0; from < distinct.size(); from += PRODUCT_LOOKUP_CHUNK) {
            List<UUID> chunk = distinct.subList(from, Math.min(distinct.size(), from + PRODUCT_LOOKUP_CHUNK));
            catalog.findProducts(orgId, chunk).forEach(product -> products.put(product.productId(), product));
        }
        return products;
    }

    private Map<UUID, Location> warehousesById(String orgId) {
        return catalog.locations(orgId).stream().collect(Collectors.toMap(Location::locationId, Function.identity()));
    }

    private Product requireProduct(String orgId, String field, String id) {
        UUID productId = requireIdField(field, id);
        return catalog.findProduct(orgId, productId).orElseThrow(() -> unknownProduct(id));
    }

    private static DomainException unknownProduct(String id) {
        return DomainException.notFound("unknown_product", "product " + id + " is not in this org's catalogue");
    }

    private Location requireWarehouse(String orgId, String field, String id) {
        UUID locationId = requireIdField(field, id);
        return catalog.findLocation(orgId, locationId).orElseThrow(() -> new DomainException(404, "unknown_warehouse",
                "warehouse " + id + " is not a location of this org", field, Map.of()));
    }

    private static UUID requireIdField(String field, String id) {
        if (id == null || id.isBlank()) {
            throw new DomainException(400, "missing_field", field + " is required", field, Map.of());
        }
        return Ids.parse(id).orElseThrow(() -> DomainException.invalidField(field, field + " must be a UUID"));
    }

    private static UUID optionalIdParameter(String name, String id) {
        if (id == null) {
            return null;
        }
        return Ids.parse(id).orElseThrow(() -> invalidParameter(name, name + " must be a UUID"));
    }

    private static WarehouseMovementType requireMovementType(String name) {
        if (name == null) {
            throw new DomainException(400, "missing_field", "movement_type is required", "movement_type", Map.of());
        }
        return WarehouseMovementType.fromWireName(name).orElseThrow(() ->
                DomainException.invalidField("movement_type", "movement_type must be one of in, out, adjustment, transfer"));
    }

    private static BigDecimal requireValidCost(BigDecimal cost) {
        if (cost == null) {
            return null;
        }
        if (cost.signum() < 0 || cost.stripTrailingZeros().scale() > UNIT_COST_SCALE || cost.compareTo(COST_PER_UNIT_MAX) > 0) {
            throw DomainException.invalidField("cost_per_unit",
                    "cost_per_unit must be between 0 and " + COST_PER_UNIT_MAX + " with at most " + UNIT_COST_SCALE + " decimal places");
        }
        return cost;
    }

    private static int requirePageSize(int limit, int max) {
        if (limit < 1 || limit > max) {
            throw invalidParameter("limit", "limit must be between 1 and " + max);
        }
        return limit;
    }

    private static int requirePageNumber(int page) {
        if (page < 1 || page > PAGE_NUMBER_MAX) {
            throw invalidParameter("page", "page must be between 1 and " + PAGE_NUMBER_MAX);
        }
        return page;
    }

    private static DomainException invalidParameter(String name, String message) {
        return new DomainException(400, "invalid_parameter", message, name, Map.of());
    }
}
