package org.stockledger.stock;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.stockledger.access.AccessService;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerQueries;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.LevelSnapshot;
import org.stockledger.ledger.MovementKind;
import org.stockledger.ledger.Refusals;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.SnapshotQueries;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.ledger.StockLevel;
import org.stockledger.stock.internal.ItemRepository;
import org.stockledger.stock.internal.ItemRepository.ItemQuery;
import org.stockledger.support.DomainException;
import org.stockledger.support.Ids;
import org.stockledger.support.Quantities;
import org.stockledger.support.Texts;

/**
 * The location inventory operations: items are stock levels, so every write is one ledger call
 * (an adjustment is one command, a transfer one command of two changes, a bulk update one
 * all-or-nothing batch) and every read is one query over levels and products.
 */
@Service
public class LocationInventoryService {

    public static final int PAGE_SIZE_DEFAULT = 50;
    public static final int PAGE_SIZE_MAX = 200;
    public static final int PAGE_NUMBER_MAX = 1_000_000;
    public static final int BULK_UPDATES_MAX = 500;
    public static final int NOTES_LENGTH_MAX = 500;
    public static final int CATEGORY_LENGTH_MAX = 200;
    public static final int LOCATIONS_PER_ORG_MAX = 1000;

    private final AccessService access;
    private final CatalogService catalog;
    private final LedgerService ledger;
    private final LedgerQueries ledgerQueries;
    private final SnapshotQueries snapshots;
    private final ItemRepository items;
    private final TransactionTemplate transactions;

    public LocationInventoryService(AccessService access, CatalogService catalog, LedgerService ledger, LedgerQueries ledgerQueries,
            SnapshotQueries snapshots, ItemRepository items, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.access = access;
        this.catalog = catalog;
        this.ledger = ledger;
        this.ledgerQueries = ledgerQueries;
        this.snapshots = snapshots;
        this.items = items;
    }

    public ItemPage<InventoryItem> listItems(String orgId, ItemFilter filter, int page, int limit) {
        requirePaging(page, limit);
        UUID locationId = filter.locationId() == null ? null : requireLocationParameter(orgId, filter.locationId()).locationId();
        Room room = filter.roomType() == null ? null : Room.fromWireName(filter.roomType()).orElseThrow(() ->
                invalidParameter("room_type", "room_type must be one of " + roomNames()));
        String category = Texts.optional("category", filter.category(), CATEGORY_LENGTH_MAX);
        boolean lowStockOnly = parseLowStock(filter.lowStock());
        ItemQuery query = new ItemQuery(locationId, room, category, lowStockOnly);
        long offset = (long) (page - 1) * limit;
        return new ItemPage<>(items.findItemsPage(orgId, query, limit, offset), page, limit, items.countItems(orgId, query));
    }

    private static boolean parseLowStock(String text) {
        if (text == null || text.equals("false")) {
            return false;
        }
        if (text.equals("true")) {
            return true;
        }
        throw invalidParameter("low_stock", "low_stock must be true or false");
    }

    public InventoryItem item(String orgId, String id) {
        return requireItem(orgId, id);
    }

    /** Changes one item's on-hand quantity; going below zero (or below reserved) is a 409 and writes nothing. */
    public InventoryItem adjustItem(String orgId, Actor actor, ItemAdjustment adjustment) {
        InventoryItem item = requireItem(orgId, adjustment.id());
        StockCommand command = adjustmentCommand(item, adjustment, "");
        CommandOutcome.Applied applied = Refusals.requireApplied(ledger.applyCommand(orgId, actor, command));
        return requireItem(orgId, applied.changes().getFirst().levelId().toString());
    }

    private StockCommand adjustmentCommand(InventoryItem item, ItemAdjustment adjustment, String fieldPrefix) {
        BigDecimal change = Quantities.requireValid(fieldPrefix + "quantity_change", adjustment.quantityChange());
        if (change == null) {
            throw new DomainException(400, "missing_field", fieldPrefix + "quantity_change is required", fieldPrefix + "quantity_change", Map.of());
        }
        if (change.signum() == 0) {
            throw new DomainException(400, "empty_adjustment", "quantity_change must be a non-zero number",
                    fieldPrefix + "quantity_change", Map.of());
        }
        ReasonCode reason = requireReasonCode(fieldPrefix + "reason_code", adjustment.reasonCode());
        String notes = Texts.optional(fieldPrefix + "notes", adjustment.notes(), NOTES_LENGTH_MAX);
        ledger.requireOccurredAtAccepted(fieldPrefix + "occurred_at", adjustment.occurredAt());
        LevelKey level = new LevelKey(item.productId(), item.locationId(), item.room());
        StockChange stockChange = StockChange.adjust(level, reason.movementKind(change.signum() > 0), change, null);
        return StockCommand.of(stockChange, reason.name(), notes)
                .withReference("v1_inventory_item", item.id().toString())
                .withOccurredAt(adjustment.occurredAt());
    }

    private static ReasonCode requireReasonCode(String field, String code) {
        if (code == null) {
            throw new DomainException(400, "missing_field", field + " is required (one of " + ReasonCode.allCodes() + ")",
                    field, Map.of("allowed", ReasonCode.allCodes()));
        }
        return ReasonCode.parse(code).orElseThrow(() -> new DomainException(400, "invalid_reason_code",
                "reason_code must be one of " + ReasonCode.allCodes(), field, Map.of("allowed", ReasonCode.allCodes())));
    }

    /**
     * Applies every update or none: the updates run as one all-or-nothing ledger batch, so a line
     * that would take stock below zero leaves every line unapplied. Whatever refuses a line (bad
     * input, an unknown item, the ledger) is answered as {@link #refusedLine}.
     */
    public List<InventoryItem> bulkUpdate(String orgId, Actor actor, List<ItemAdjustment> updates) {
        if (updates == null || updates.isEmpty()) {
            throw DomainException.invalidField("updates", "updates must hold at least one update");
        }
        if (updates.size() > BULK_UPDATES_MAX) {
            throw DomainException.invalidField("updates", "at most " + BULK_UPDATES_MAX + " updates per request");
        }
        Map<UUID, InventoryItem> known = new LinkedHashMap<>();
        List<UUID> requested = new ArrayList<>();
        for (ItemAdjustment update : updates) {
            if (update != null) {
                Ids.parse(update.id()).ifPresent(requested::add);
            }
        }
        items.findItems(orgId, new HashSet<>(requested)).forEach(item -> known.put(item.id(), item));
        List<StockCommand> commands = new ArrayList<>(updates.size());
        for (int index = 0; index < updates.size(); index++) {
            ItemAdjustment update = updates.get(index);
            try {
                commands.add(bulkLineCommand(known, update, index));
            } catch (DomainException refusal) {
                throw refusedLine(index, update == null ? null : update.id(), refusal);
            }
        }
        List<CommandOutcome> outcomes = ledger.applyAllOrNothing(orgId, actor, commands);
        for (int index = 0; index < outcomes.size(); index++) {
            if (outcomes.get(index) instanceof CommandOutcome.Refused refused) {
                throw refusedLine(index, updates.get(index).id(), new DomainException(409, refused.code(), refused.message(),
                        "updates[" + index + "]", Refusals.details(refused)));
            }
        }
        Set<UUID> touched = new HashSet<>();
        outcomes.forEach(outcome -> ((CommandOutcome.Applied) outcome).changes().forEach(change -> touched.add(change.levelId())));
        Map<UUID, InventoryItem> after = items.findItems(orgId, touched).stream()
                .collect(Collectors.toMap(InventoryItem::id, Function.identity()));
        return updates.stream().map(update -> after.get(UUID.fromString(update.id()))).toList();
    }

    private StockCommand bulkLineCommand(Map<UUID, InventoryItem> known, ItemAdjustment update, int index) {
        String prefix = "updates[" + index + "].";
        if (update == null) {
            throw DomainException.invalidField("updates[" + index + "]", "an update must be an object");
        }
        if (update.id() == null) {
            throw new DomainException(400, "missing_field", prefix + "id is required", prefix + "id", Map.of());
        }
        InventoryItem item = Ids.parse(update.id()).map(known::get).orElseThrow(() ->
                new DomainException(404, "unknown_item", "no inventory item " + update.id(), prefix + "id", Map.of()));
        return adjustmentCommand(item, update, prefix);
    }

    /**
     * The problem of a bulk update refused for one of its lines: the line's own status, code, field
     * and details, plus what names the line and says that nothing was applied: {@code index},
     * {@code id} (when the line has one), {@code reason} (what is wrong with it) and
     * {@code applied: 0}. Public so that a line the adapter cannot even read is answered alike.
     */
    public static DomainException refusedLine(int index, String id, DomainException refusal) {
        Map<String, Object> details = new LinkedHashMap<>(refusal.details());
        details.put("index", index);
        if (id != null) {
            details.put("id", id);
        }
        details.put("reason", refusal.getMessage());
        details.put("applied", 0);
        return new DomainException(refusal.status(), refusal.code(), "update " + index + (id == null ? "" : " (item " + id + ")")
                + " was refused: " + refusal.getMessage() + "; no update was applied", refusal.field(), details);
    }

    /** Moves stock between two bins as one command of two changes (out and in): never half done. */
    public TransferResult transfer(String orgId, Actor actor, ItemTransfer transfer) {
        if (transfer.fromId() == null) {
            throw new DomainException(400, "missing_field", "from_id is required", "from_id", Map.of());
        }
        InventoryItem from = requireItem(orgId, transfer.fromId());
        if (transfer.quantity() == null) {
            throw new DomainException(400, "missing_field", "quantity is required", "quantity", Map.of());
        }
        BigDecimal quantity = Quantities.requirePositive("quantity", transfer.quantity());
        UUID toLocation = transfer.toLocationId() == null ? from.locationId()
                : requireLocationField(orgId, "to_location_id", transfer.toLocationId()).locationId();
        Room toRoom = transfer.toRoomType() == null ? from.room() : Room.fromWireName(transfer.toRoomType()).orElseThrow(() ->
                DomainException.invalidField("to_room_type", "to_room_type must be one of " + roomNames()));
        String notes = Texts.optional("notes", transfer.notes(), NOTES_LENGTH_MAX);
        LevelKey source = new LevelKey(from.productId(), from.locationId(), from.room());
        LevelKey target = new LevelKey(from.productId(), toLocation, toRoom);
        if (source.equals(target)) {
            throw new DomainException(400, "same_bin", "a transfer needs a target bin other than the source", "to_room_type", Map.of());
        }
        StockCommand command = new StockCommand(List.of(
                StockChange.adjust(source, MovementKind.TRANSFER_OUT, quantity.negate(), null),
                StockChange.adjust(target, MovementKind.TRANSFER_IN, quantity, null)),
                ReasonCode.TRANSFER.name(), notes, "v1_transfer", from.id().toString(), null, null, transfer.occurredAt());
        // The ledger creates a missing target level before it computes the command; running the
        // command in our own transaction and throwing on refusal rolls that empty level back too,
        // so a refused transfer leaves no trace at all.
        CommandOutcome.Applied applied = transactions.execute(status ->
                Refusals.requireApplied(ledger.applyCommand(orgId, actor, command)));
        Map<UUID, InventoryItem> after = items.findItems(orgId, applied.changes().stream().map(change -> change.levelId()).toList())
                .stream().collect(Collectors.toMap(InventoryItem::id, Function.identity()));
        return new TransferResult(applied.commandId(), after.get(applied.changes().get(0).levelId()),
                after.get(applied.changes().get(1).levelId()));
    }

    /** Sets an item's reorder point and maximum stock level; null clears (the org default then applies). */
    public InventoryItem updateSettings(String orgId, String id, BigDecimal reorderPoint, BigDecimal maxStockLevel) {
        InventoryItem item = requireItem(orgId, id);
        BigDecimal point = Quantities.requireNonNegative("reorder_point", reorderPoint);
        BigDecimal max = Quantities.requireNonNegative("max_stock_level", maxStockLevel);
        ledger.updateLevelSettings(orgId, new LevelKey(item.productId(), item.locationId(), item.room()), point, max);
        return requireItem(orgId, id);
    }

    /**
     * Makes the item of a product in a bin (with no stock) so stock can be moved there and a
     * reorder point set; when the bin already holds the product, its item is returned unchanged.
     */
    public ItemCreation createItem(String orgId, String productId, String locationId, String roomType,
            BigDecimal reorderPoint, BigDecimal maxStockLevel) {
        if (productId == null) {
            throw new DomainException(400, "missing_field", "product_id is required", "product_id", Map.of());
        }
        Product product = Ids.parse(productId).flatMap(id -> catalog.findProduct(orgId, id)).orElseThrow(() ->
                new DomainException(404, "unknown_product", "no product " + productId + " in this org", "product_id", Map.of()));
        UUID location = locationId == null ? access.requireOrg(orgId).defaultLocationId()
                : requireLocationField(orgId, "location_id", locationId).locationId();
        Room room = roomType == null ? Room.SALES_FLOOR : Room.fromWireName(roomType).orElseThrow(() ->
                DomainException.invalidField("room_type", "room_type must be one of " + roomNames()));
        BigDecimal point = Quantities.requireNonNegative("reorder_point", reorderPoint);
        BigDecimal max = Quantities.requireNonNegative("max_stock_level", maxStockLevel);
        LevelKey key = new LevelKey(product.productId(), location, room);
        Optional<StockLevel> existing = ledgerQueries.level(orgId, key);
        if (existing.isPresent()) {
            return new ItemCreation(requireItem(orgId, existing.get().levelId().toString()), false);
        }
        StockLevel level = ledger.updateLevelSettings(orgId, key, point, max);
        return new ItemCreation(requireItem(orgId, level.levelId().toString()), true);
    }

    /**
     * The items as they stood at the end of {@code date} (org time zone): current levels minus the
     * daily rollup deltas of later days, so back-dated movements count on the day they occurred.
     * Only items holding stock or a reservation then are listed. Of the list's filters only the
     * location applies: the snapshot's total comes from per-day counts kept per location (not per
     * room, category or stock state), so the others are refused rather than ignored.
     */
    public Snapshot snapshot(String orgId, String date, ItemFilter filter, int page, int limit) {
        refuseFilterTheSnapshotCannotApply("room_type", filter.roomType());
        refuseFilterTheSnapshotCannotApply("category", filter.category());
        refuseFilterTheSnapshotCannotApply("low_stock", filter.lowStock());
        String locationId = filter.locationId();
        requirePaging(page, limit);
        if (date == null) {
            throw new DomainException(400, "missing_parameter", "date (YYYY-MM-DD) is required", "date", Map.of());
        }
        LocalDate day;
        try {
            day = LocalDate.parse(date);
        } catch (DateTimeException notADate) {
            throw invalidParameter("date", "date must be a calendar date YYYY-MM-DD");
        }
        ZoneId zone = access.requireOrg(orgId).timeZone();
        LocalDate today = snapshots.today(zone);
        if (day.isAfter(today)) {
            throw invalidParameter("date", "date must not lie in the future (today is " + today + " in " + zone.getId() + ")");
        }
        UUID location = locationId == null ? null : requireLocationParameter(orgId, locationId).locationId();
        SnapshotQueries.SnapshotPage levels = snapshots.levelsAtEndOfDay(orgId, location, day, zone, limit, (long) (page - 1) * limit);
        Map<UUID, Product> products = catalog.findProducts(orgId, levels.levels().stream().map(level -> level.key().productId()).toList())
                .stream().collect(Collectors.toMap(Product::productId, Function.identity()));
        List<SnapshotItem> snapshotItems = new ArrayList<>(levels.levels().size());
        for (LevelSnapshot level : levels.levels()) {
            Product product = products.get(level.key().productId());
            snapshotItems.add(new SnapshotItem(level.levelId(), level.key().productId(), product.name(), product.sku(),
                    level.key().locationId(), level.key().room(), level.onHand(), level.reserved(), product.unitCost(), product.price()));
        }
        return new Snapshot(day, zone, location, new ItemPage<>(snapshotItems, page, limit, levels.total()));
    }

    private static void refuseFilterTheSnapshotCannotApply(String name, String value) {
        if (value != null) {
            throw invalidParameter(name, "the snapshot filters by location_id only; " + name + " is a filter of the list");
        }
    }

    public List<Location> locations(String orgId) {
        return catalog.locations(orgId);
    }

    public Location createLocation(String orgId, String code, String name) {
        Texts.required("code", code, 64);
        if (!code.matches("[A-Za-z0-9._:\\-]{1,64}")) {
            throw DomainException.invalidField("code", "code may hold letters, digits and . _ : - (at most 64)");
        }
        Texts.required("name", name, 200);
        List<Location> existing = catalog.locations(orgId);
        if (existing.stream().anyMatch(location -> location.code().equals(code))) {
            throw new DomainException(409, "duplicate_location_code", "a location with code " + code + " exists", "code", Map.of());
        }
        if (existing.size() >= LOCATIONS_PER_ORG_MAX) {
            throw new DomainException(409, "too_many_locations", "an org may have at most " + LOCATIONS_PER_ORG_MAX + " locations");
        }
        try {
            return catalog.createLocation(orgId, code, name);
        } catch (DataIntegrityViolationException createdConcurrently) {
            throw new DomainException(409, "duplicate_location_code", "a location with code " + code + " exists", "code", Map.of());
        }
    }

    private InventoryItem requireItem(String orgId, String id) {
        return Ids.parse(id).flatMap(levelId -> items.findItem(orgId, levelId))
                .orElseThrow(() -> DomainException.notFound("unknown_item", "no inventory item " + id));
    }

    private Location requireLocationParameter(String orgId, String id) {
        return Ids.parse(id).flatMap(locationId -> catalog.findLocation(orgId, locationId))
                .orElseThrow(() -> invalidParameter("location_id", "location_id " + id + " is not a location of this org"));
    }

    private Location requireLocationField(String orgId, String field, String id) {
        return Ids.parse(id).flatMap(locationId -> catalog.findLocation(orgId, locationId))
                .orElseThrow(() -> new DomainException(404, "unknown_location", field + " " + id + " is not a location of this org", field, Map.of()));
    }

    private static void requirePaging(int page, int limit) {
        if (page < 1 || page > PAGE_NUMBER_MAX) {
            throw invalidParameter("page", "page must be between 1 and " + PAGE_NUMBER_MAX);
        }
        if (limit < 1 || limit > PAGE_SIZE_MAX) {
            throw invalidParameter("limit", "limit must be between 1 and " + PAGE_SIZE_MAX);
        }
    }

    private static DomainException invalidParameter(String field, String message) {
        return new DomainException(400, "invalid_parameter", message, field, Map.of());
    }

    private static String roomNames() {
        return Arrays.stream(Room.values()).map(Room::wireName).collect(Collectors.joining(", "));
    }
}
