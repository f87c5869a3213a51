package org.stockledger.api.warehouse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.catalog.Location;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.Movement;
import org.stockledger.support.KeptResults;
import org.stockledger.warehouse.CountLine;
import org.stockledger.warehouse.CountReport;
import org.stockledger.warehouse.InventoryAnalytics;
import org.stockledger.warehouse.InventoryQuery;
import org.stockledger.warehouse.InventoryRecord;
import org.stockledger.warehouse.MovementEntry;
import org.stockledger.warehouse.MovementQuery;
import org.stockledger.warehouse.MovementRequest;
import org.stockledger.warehouse.RecordedMovement;
import org.stockledger.warehouse.WarehousePage;
import org.stockledger.warehouse.WarehouseService;
import org.stockledger.web.RequiresScope;

/** Warehouse inventory (seed 003): levels per (product, warehouse), movements, physical counts, analytics. */
@RestController
@RequestMapping("/api/inventory")
@Tag(name = "Inventory (warehouse)", description = "Stock per product and warehouse (a location of the token's org), "
        + "movements with balances, physical counts and analytics")
public class WarehouseInventoryController {

    private final WarehouseService warehouse;

    public WarehouseInventoryController(WarehouseService warehouse) {
        this.warehouse = warehouse;
    }

    record ProductRef(String id, String name, String sku) {
        static ProductRef of(Product product, UUID productId) {
            return product == null ? new ProductRef(productId.toString(), null, null)
                    : new ProductRef(product.productId().toString(), product.name(), product.sku());
        }
    }

    record WarehouseRef(String id, String name) {
        static WarehouseRef of(Location location, UUID locationId) {
            return new WarehouseRef(locationId.toString(), location == null ? null : location.name());
        }
    }

    record Meta(long total, int page, int limit, @JsonProperty("hasMore") boolean hasMore) {
        static Meta of(WarehousePage<?> page) {
            return new Meta(page.total(), page.page(), page.limit(), page.hasMore());
        }
    }

    @Schema(name = "WarehouseInventoryRecord")
    record InventoryItem(String id, ProductRef product, WarehouseRef warehouse, BigDecimal quantityOnHand,
            BigDecimal quantityAllocated, BigDecimal quantityAvailable, BigDecimal reorderPoint, BigDecimal maxStockLevel,
            Instant lastCounted) {
    }

    @Schema(name = "WarehouseInventoryList")
    record InventoryList(List<InventoryItem> data, Meta meta) {
    }

    @GetMapping
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "List inventory levels",
            description = "One record per (product, warehouse) with stock, summed over the warehouse's rooms; id is stable "
                    + "(derived from product and warehouse). Filters: warehouse_id, product_id (UUIDs), low_stock=true "
                    + "(0 < on hand <= reorder point), out_of_stock=true (on hand 0). quantity_allocated is reserved stock. "
                    + "Paged: page (from 1), limit (default 100, at most 500); meta {total, page, limit, hasMore}.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WarehouseExamples.LIST_RESPONSE))))
    public InventoryList listInventory(Caller caller,
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @RequestParam(name = "product_id", required = false) String productId,
            @RequestParam(name = "low_stock", defaultValue = "false") boolean lowStock,
            @RequestParam(name = "out_of_stock", defaultValue = "false") boolean outOfStock,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + WarehouseService.INVENTORY_PAGE_SIZE_DEFAULT) int limit) {
        WarehousePage<InventoryRecord> records = warehouse.listInventory(caller.orgId(),
                new InventoryQuery(warehouseId, productId, lowStock, outOfStock, page, limit));
        return new InventoryList(records.items().stream().map(record -> new InventoryItem(
                record.recordId().toString(),
                ProductRef.of(record.product(), record.product().productId()),
                WarehouseRef.of(record.warehouse(), record.warehouse().locationId()),
                record.quantityOnHand(), record.quantityAllocated(), record.quantityAvailable(), record.reorderPoint(),
                record.maxStockLevel(), record.lastCounted())).toList(), Meta.of(records));
    }

    record MovementBody(String productId, String warehouseId, String movementType, BigDecimal quantity, String referenceType,
            String referenceId, String notes, BigDecimal costPerUnit, String toWarehouseId) {
    }

    record MovementCreated(String id, String productId, String warehouseId, String movementType, BigDecimal quantity,
            BigDecimal balanceAfter, String referenceType, String referenceId, String notes, BigDecimal costPerUnit,
            Instant createdAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) String toWarehouseId,
            @JsonInclude(JsonInclude.Include.NON_NULL) BigDecimal toBalanceAfter) {
    }

    record MovementCreatedResponse(MovementCreated data) {
    }

    @PostMapping("/movements")
    @ResponseStatus(HttpStatus.CREATED)
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Record a movement",
            description = "movement_type in (stock received), out (shipped/sold), adjustment, transfer. in, out and transfer "
                    + "take a positive quantity; adjustment a signed non-zero one (negative removes stock). A transfer needs "
                    + "to_warehouse_id and moves the quantity atomically (response adds to_warehouse_id and to_balance_after). "
                    + "Movements land on the warehouse's sales_floor bin; balance_after is that bin's on hand after the "
                    + "movement. An in with cost_per_unit moves the product's unit cost to the weighted average over the org's "
                    + "on-hand stock. Stock cannot go below zero: 409 insufficient_stock, nothing written. 201 Created.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WarehouseExamples.MOVEMENT_REQUEST))),
            responses = @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = WarehouseExamples.MOVEMENT_RESPONSE))))
    public MovementCreatedResponse recordMovement(Caller caller, @RequestBody MovementBody body) {
        RecordedMovement recorded = warehouse.recordMovement(caller.orgId(), new Actor(caller.tokenId(), caller.tokenName()),
                new MovementRequest(body.productId(), body.warehouseId(), body.movementType(), body.quantity(),
                        body.referenceType(), body.referenceId(), body.notes(), body.costPerUnit(), body.toWarehouseId()));
        Movement movement = recorded.movement();
        return new MovementCreatedResponse(new MovementCreated(movement.movementId().toString(),
                movement.level().productId().toString(), movement.level().locationId().toString(), recorded.type().wireName(),
                recorded.quantity(), recorded.balanceAfter(), movement.referenceType(), movement.referenceId(), movement.reason(),
                movement.costPerUnit(), recorded.createdAt(),
                recorded.toWarehouseId() == null ? null : recorded.toWarehouseId().toString(), recorded.toBalanceAfter()));
    }

    record CreatedBy(String id, String name) {
    }

    record MovementItem(String id, ProductRef product, WarehouseRef warehouse, String movementType, BigDecimal quantity,
            BigDecimal balanceBefore, BigDecimal balanceAfter, String referenceType, String referenceId, String notes,
            BigDecimal costPerUnit, Instant createdAt, CreatedBy createdBy) {
    }

    record MovementList(List<MovementItem> data, Meta meta) {
    }

    @GetMapping("/movements")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Movement history",
            description = "Movements that changed on-hand stock, newest first. Filters: product_id, warehouse_id, movement_type "
                    + "(in, out, adjustment, transfer), start_date / end_date: an ISO date (whole day in the org's time zone, "
                    + "both ends inclusive) or an ISO date-time (inclusive; without an offset it is UTC), on created_at. Paged: page (from 1), "
                    + "limit (default 20, at most 100). quantity is positive for in/out and the signed on-hand change for "
                    + "adjustment/transfer; balance_before/after are the touched bin's on hand. Order fulfilments show as out; "
                    + "reservations and releases are not movements here.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WarehouseExamples.MOVEMENTS_RESPONSE))))
    public MovementList movementHistory(Caller caller,
            @RequestParam(name = "product_id", required = false) String productId,
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @RequestParam(name = "movement_type", required = false) String movementType,
            @RequestParam(name = "start_date", required = false) String startDate,
            @RequestParam(name = "end_date", required = false) String endDate,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + WarehouseService.MOVEMENT_PAGE_SIZE_DEFAULT) int limit) {
        WarehousePage<MovementEntry> entries = warehouse.movementHistory(caller.orgId(),
                new MovementQuery(productId, warehouseId, movementType, startDate, endDate, page, limit));
        return new MovementList(entries.items().stream().map(entry -> {
            Movement movement = entry.movement();
            return new MovementItem(movement.movementId().toString(),
                    ProductRef.of(entry.product(), movement.level().productId()),
                    WarehouseRef.of(entry.warehouse(), movement.level().locationId()),
                    entry.type().wireName(), entry.quantity(), movement.onHandBefore(), movement.onHandAfter(),
                    movement.referenceType(), movement.referenceId(), movement.reason(), movement.costPerUnit(),
                    movement.createdAt(),
                    new CreatedBy(movement.actorTokenId() == null ? null : movement.actorTokenId().toString(), movement.actorName()));
        }).toList(), Meta.of(entries));
    }

    record CountLineBody(String productId, String warehouseId, BigDecimal actualQuantity, String reason) {
    }

    record AdjustmentsBody(List<CountLineBody> adjustments) {
    }

    record AdjustmentLine(String id, int index, String productId, String warehouseId, BigDecimal quantityBefore,
            BigDecimal quantityAfter, BigDecimal adjustment, String reason, Instant createdAt) {
    }

    record FailedLine(int index, String productId, String warehouseId, String code, String message) {
    }

    record AdjustmentsResult(int adjustmentsProcessed, int totalAdjustments, List<AdjustmentLine> adjustments,
            List<FailedLine> failures) {
    }

    record AdjustmentsResponse(AdjustmentsResult data) {
    }

    @PostMapping("/adjustments")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Physical counts",
            description = "Sets each (product, warehouse) to its counted actual_quantity (at most 500 lines). Every line is "
                    + "applied on its own: a bad line (unknown product or warehouse, invalid quantity, duplicate line, a count "
                    + "below reserved stock...) is listed in failures with its index, code and message, and the good lines "
                    + "still apply. A line equal to the current stock is recorded as a count movement of quantity 0 (its id, "
                    + "adjustment 0) and sets last_counted. adjustments_processed counts the applied lines, total_adjustments "
                    + "the lines sent. Always 200 when the request itself is well-formed.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = WarehouseExamples.ADJUSTMENTS_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WarehouseExamples.ADJUSTMENTS_RESPONSE))))
    public AdjustmentsResponse applyCounts(Caller caller, @RequestBody AdjustmentsBody body) {
        List<CountLine> lines = body.adjustments() == null ? null : body.adjustments().stream()
                .map(line -> line == null ? null
                        : new CountLine(line.productId(), line.warehouseId(), line.actualQuantity(), line.reason()))
                .toList();
        CountReport report = warehouse.applyCounts(caller.orgId(), new Actor(caller.tokenId(), caller.tokenName()), lines);
        return new AdjustmentsResponse(new AdjustmentsResult(report.counted().size(), report.linesTotal(),
                report.counted().stream().map(line -> new AdjustmentLine(
                        line.movementId().toString(), line.index(),
                        line.productId().toString(), line.warehouseId().toString(), line.quantityBefore(), line.quantityAfter(),
                        line.adjustment(), line.reason(), line.createdAt())).toList(),
                report.failed().stream().map(line -> new FailedLine(line.index(), line.productId(), line.warehouseId(),
                        line.code(), line.message())).toList()));
    }

    record AnalyticsResponse(InventoryAnalytics data) {
    }

    @GetMapping("/analytics")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Inventory analytics",
            description = "period 7d, 30d (default), 90d or 1y: the last N days, today included, in the org's time zone; "
                    + "warehouse_id narrows everything to one warehouse. overview from current stock levels (total_products: "
                    + "products with a stock level; total_stock_value: on hand x unit cost; low_stock_items / "
                    + "out_of_stock_items: (product, warehouse) records as the list filters count them); trends, top_movers "
                    + "(10) from the daily rollups, never a ledger scan; low_stock_alerts (at most 50). See the README for "
                    + "exact definitions. Analytics that took long to compute (a large ledger) are served again for up to a "
                    + "minute, then refreshed in the background: such an answer carries an Age header (seconds since it "
                    + "was computed); a request with Cache-Control: no-cache gets analytics computed for it.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = WarehouseExamples.ANALYTICS_RESPONSE))))
    public ResponseEntity<AnalyticsResponse> analytics(Caller caller, @RequestParam(required = false) String period,
            @RequestParam(name = "warehouse_id", required = false) String warehouseId,
            @RequestHeader(name = HttpHeaders.CACHE_CONTROL, required = false) String cacheControl) {
        KeptResults.Served<InventoryAnalytics> served = warehouse.analytics(caller.orgId(), period, warehouseId,
                asksForFreshAnswer(cacheControl));
        ResponseEntity.BodyBuilder response = ResponseEntity.ok();
        if (served.kept()) {
            response.header(HttpHeaders.AGE, Long.toString(served.age().toSeconds()));
        }
        return response.body(new AnalyticsResponse(served.value()));
    }

    /** A request's Cache-Control asks for a newly computed answer: no-cache, or max-age=0 (RFC 9111, 5.2.1). */
    static boolean asksForFreshAnswer(String cacheControl) {
        if (cacheControl == null) {
            return false;
        }
        for (String directive : cacheControl.split(",")) {
            String normalized = directive.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
            if (normalized.equals("no-cache") || normalized.startsWith("no-cache=")) {
                return true;
            }
            if (normalized.startsWith("max-age=")) {
                String seconds = normalized.substring("max-age=".length()).replace("\"", "");
                if (seconds.matches("[0-9]{1,18}") && Long.parseLong(seconds) == 0) {
                    return true;
                }
            }
        }
        return false;
    }
}
