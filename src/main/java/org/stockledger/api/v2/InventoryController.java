package org.stockledger.api.v2;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.inventory.AdjustmentResult;
import org.stockledger.inventory.InventoryService;
import org.stockledger.inventory.Page;
import org.stockledger.inventory.ProductAdjustment;
import org.stockledger.inventory.ProductStock;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.DailyStock;
import org.stockledger.ledger.Movement;
import org.stockledger.web.RequiresScope;
import org.stockledger.web.SingleLedgerCommand;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Org-level inventory: list, adjust, change log and daily history. */
@RestController
@RequestMapping("/api/v2/public/orgs/{orgId}/inventory")
@Tag(name = "Inventory (org, v2)", description = "Org-level stock management: one row per product over all bins")
public class InventoryController {

    /** Page size when a client pages with offset alone. */
    static final int PAGE_LIMIT_DEFAULT = 500;

    private final InventoryService inventory;
    private final JsonMapper json;

    public InventoryController(InventoryService inventory, JsonMapper json) {
        this.inventory = inventory;
        this.json = json;
    }

    record InventoryItem(Object p1Id, String name, BigDecimal stockquantity, BigDecimal price, String category,
            long logEntries, Instant lastActivity, BigDecimal reserved, BigDecimal available, BigDecimal incoming) {
    }

    record Pagination(int limit, long offset, long total) {
    }

    record InventoryList(List<InventoryItem> data, Pagination pagination) {
    }

    @GetMapping
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "List inventory",
            description = "Every product of the org's inventory with its stock summed over all bins, in p1_id order. "
                    + "stockquantity is on hand; reserved (held by open orders), available (on hand minus reserved) and "
                    + "incoming are added. Without limit and offset: every product (the snapshot a POS sync starts "
                    + "from), streamed " + InventoryService.PAGE_SIZE_MAX + " at a time; pagination.limit and total are then "
                    + "the number of products. With limit (at most " + InventoryService.PAGE_SIZE_MAX + ") and/or offset: "
                    + "one page (limit defaults to " + PAGE_LIMIT_DEFAULT + "); pagination.total counts all products.",
            responses = @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = InventoryList.class),
                    examples = @ExampleObject(value = V2Examples.LIST_RESPONSE))))
    public InventoryList listInventory(@PathVariable String orgId, Caller caller,
            @RequestParam(required = false) Integer limit, @RequestParam(required = false) Long offset,
            HttpServletResponse response) throws IOException {
        if (limit == null && offset == null) {
            writeWholeInventory(caller.orgId(), response);
            return null;
        }
        Page<ProductStock> page = inventory.listProducts(caller.orgId(), limit == null ? PAGE_LIMIT_DEFAULT : limit,
                offset == null ? 0 : offset);
        List<InventoryItem> items = page.items().stream().map(InventoryController::toItem).toList();
        return new InventoryList(items, new Pagination(page.limit(), page.offset(), page.total()));
    }

    /**
     * The whole inventory as one {@link InventoryList}, written page by page as it is read, so
     * memory does not grow with the catalogue. Nothing is written before the first page is read,
     * so a database that fails at once gets the usual problem answer (503); one that fails midway
     * cuts the response off unclosed: the client sees broken JSON, never a shorter list that looks
     * whole (an empty list would read as every product out of stock).
     */
    private void writeWholeInventory(String orgId, HttpServletResponse response) throws IOException {
        var list = new Object() {
            JsonGenerator generator;

            void write(List<ProductStock> page) {
                if (generator == null) {
                    generator = startInventoryList(response);
                }
                page.forEach(stock -> generator.writePOJO(toItem(stock)));
            }
        };
        long written = inventory.forEachProductPage(orgId, list::write);
        JsonGenerator generator = list.generator != null ? list.generator : startInventoryList(response);
        generator.writeEndArray();
        generator.writePOJOProperty("pagination", new Pagination(Math.toIntExact(written), 0, written));
        generator.writeEndObject();
        generator.close();
    }

    private JsonGenerator startInventoryList(HttpServletResponse response) {
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        try {
            JsonGenerator generator = json.createGenerator(response.getOutputStream());
            generator.writeStartObject();
            generator.writeArrayPropertyStart("data");
            return generator;
        } catch (IOException clientGone) {
            throw new UncheckedIOException(clientGone);
        }
    }

    private static InventoryItem toItem(ProductStock stock) {
        return new InventoryItem(
                ExternalIds.render(stock.product().p1Id()),
                stock.product().name(),
                stock.totals().balance().onHand(),
                stock.product().price(),
                stock.product().category(),
                stock.totals().movementCount(),
                stock.totals().lastMovementAt() != null ? stock.totals().lastMovementAt() : stock.product().createdAt(),
                stock.totals().balance().reserved(),
                stock.totals().balance().available(),
                stock.totals().balance().incoming());
    }

    record AdjustRequest(JsonNode p1Id, BigDecimal deltaOnHand, BigDecimal deltaIncoming, String reason, String shopId,
            JsonNode metadata, BigDecimal expectedOnHand, Instant occurredAt) {
    }

    record AdjustResponse(String status, String id, BigDecimal onHand, BigDecimal reserved, BigDecimal available,
            BigDecimal incoming) {
    }

    @PostMapping("/adjust")
    @SingleLedgerCommand(storeResponse = false)
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Adjust stock",
            description = "Changes on-hand and/or incoming stock of a product in the org's default bin. reason is required; "
                    + "a negative delta_on_hand reduces stock, which cannot go below zero (409 insufficient_stock; reserved "
                    + "units count as taken). Optional expected_on_hand makes it a compare-and-set on the default bin "
                    + "(409 stale_quantity). Optional occurred_at (at most 30 days back) dates the change for history. "
                    + "Send Idempotency-Key to make retries safe.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V2Examples.ADJUST_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V2Examples.ADJUST_RESPONSE))))
    public AdjustResponse adjustStock(@PathVariable String orgId, Caller caller, @RequestBody AdjustRequest request) {
        String metadata = request.metadata() == null || request.metadata().isNull() ? null : json.writeValueAsString(request.metadata());
        AdjustmentResult result = inventory.adjustProduct(caller.orgId(), new Actor(caller.tokenId(), caller.tokenName()),
                new ProductAdjustment(ExternalIds.parse("p1_id", request.p1Id()), request.deltaOnHand(), request.deltaIncoming(),
                        request.reason(), request.shopId(), metadata, request.expectedOnHand(), request.occurredAt()));
        return new AdjustResponse("ok", result.movement().movementId().toString(), result.balanceAfter().onHand(),
                result.balanceAfter().reserved(), result.balanceAfter().available(), result.balanceAfter().incoming());
    }

    record LogEntry(String id, Object p1Id, String shopId, BigDecimal deltaOnHand, BigDecimal deltaIncoming, String reason,
            Instant createdAt, BigDecimal deltaReserved, String kind, String reasonCode, BigDecimal onHandAfter,
            String locationId, String room, Instant occurredAt, String referenceType, String referenceId, JsonNode metadata) {
    }

    record LogList(List<LogEntry> data) {
    }

    @GetMapping("/{p1Id}/log")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Stock change log",
            description = "Up to 200 most recent entries of the product over all bins, newest first (limit lowers it). "
                    + "404 when the product is not in this org's inventory.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V2Examples.LOG_RESPONSE))))
    public LogList stockLog(@PathVariable String orgId, @PathVariable String p1Id, Caller caller,
            @RequestParam(defaultValue = "200") int limit) {
        List<Movement> movements = inventory.productLog(caller.orgId(), p1Id, limit);
        Object renderedId = ExternalIds.render(p1Id);
        return new LogList(movements.stream().map(movement -> new LogEntry(
                movement.movementId().toString(), renderedId, movement.shopId(), movement.deltaOnHand(), movement.deltaIncoming(),
                movement.reason(), movement.createdAt(), movement.deltaReserved(), movement.kind().wireName(),
                movement.reasonCode(), movement.onHandAfter(), movement.level().locationId().toString(),
                movement.level().room().wireName(), movement.occurredAt(), movement.referenceType(), movement.referenceId(),
                movement.metadataJson() == null ? null : json.readTree(movement.metadataJson()))).toList());
    }

    record HistoryDay(LocalDate date, BigDecimal deltaOnHand, BigDecimal stockIn, BigDecimal stockOut, BigDecimal deltaIncoming,
            long entries, BigDecimal closingOnHand, BigDecimal closingIncoming) {
    }

    record History(Object p1Id, int days, String timeZone, List<HistoryDay> data) {
    }

    @GetMapping("/{p1Id}/history")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Stock history",
            description = "Daily stock changes of the product over all bins for the last `days` days (default 30, at most 365), "
                    + "today included, oldest first, days in the org's time zone. Each day carries date, delta_on_hand "
                    + "(stock_in minus stock_out), stock_in, stock_out, delta_incoming, entries (ledger entries that day) and "
                    + "closing_on_hand / closing_incoming (balances at the end of the day). Dated by each change's occurred_at.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V2Examples.HISTORY_RESPONSE))))
    public History stockHistory(@PathVariable String orgId, @PathVariable String p1Id, Caller caller,
            @RequestParam(defaultValue = "30") int days) {
        List<DailyStock> history = inventory.productHistory(caller.orgId(), p1Id, days);
        return new History(ExternalIds.render(p1Id), days, inventory.timeZoneOf(caller.orgId()), history.stream()
                .map(day -> new HistoryDay(day.date(), day.deltaOnHand(), day.stockIn(), day.stockOut(), day.deltaIncoming(),
                        day.entries(), day.closingOnHand(), day.closingIncoming()))
                .toList());
    }
}
