package org.stockledger.api.v1;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.ledger.Actor;
import org.stockledger.stock.InventoryItem;
import org.stockledger.stock.ItemAdjustment;
import org.stockledger.stock.ItemCreation;
import org.stockledger.stock.ItemFilter;
import org.stockledger.stock.ItemPage;
import org.stockledger.stock.ItemTransfer;
import org.stockledger.stock.LocationInventoryService;
import org.stockledger.stock.Snapshot;
import org.stockledger.stock.SnapshotItem;
import org.stockledger.stock.TransferResult;
import org.stockledger.web.ApiProblem;
import org.stockledger.web.RequiresScope;
import org.stockledger.web.SingleLedgerCommand;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** Location inventory v1: items per (product, location, room), adjustments, bulk, transfer, snapshot, settings. */
@RestController
@RequestMapping("/api/v1/inventory")
@Tag(name = "Inventory (location, v1)", description = "One item per product, location and room; the org comes from the token")
public class LocationInventoryController {

    private final LocationInventoryService inventory;
    private final ObjectMapper json;

    public LocationInventoryController(LocationInventoryService inventory, ObjectMapper json) {
        this.inventory = inventory;
        this.json = json;
    }

    record Item(String id, String productId, String productName, String sku, String locationId, String roomType,
            BigDecimal quantity, BigDecimal reservedQuantity, BigDecimal availableQuantity, BigDecimal unitCost,
            BigDecimal unitPrice, Instant lastSync) {

        static Item of(InventoryItem item) {
            return new Item(item.id().toString(), item.productId().toString(), item.productName(), item.sku(),
                    item.locationId().toString(), item.room().wireName(), item.onHand(), item.reserved(), item.available(),
                    item.unitCost(), item.unitPrice(), item.lastSyncedAt());
        }
    }

    @Schema(name = "ItemPagination")
    record Pagination(int page, int limit, long total) {
    }

    record ItemList(List<Item> data, Pagination pagination) {
    }

    @GetMapping
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "List inventory",
            description = "Items of every location, one per product, location and room, ordered by product name. Filters: "
                    + "location_id (a location of the org), room_type (sales_floor, vault, quarantine, secret_menu), category "
                    + "(exact product category), low_stock (true: only items whose available quantity is at or below their "
                    + "reorder point; false or absent: no filter). page (default 1), limit (default 50, at most 200). "
                    + "An unknown filter value is 400 invalid_parameter, never an empty list. An item exists once stock has "
                    + "moved into its bin or it was created with POST /api/v1/inventory.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.LIST_RESPONSE))))
    public ItemList listInventory(Caller caller,
            @RequestParam(name = "location_id", required = false) String locationId,
            @RequestParam(name = "room_type", required = false) String roomType,
            @RequestParam(required = false) String category,
            @RequestParam(name = "low_stock", required = false) String lowStock,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + LocationInventoryService.PAGE_SIZE_DEFAULT) int limit) {
        ItemPage<InventoryItem> result = inventory.listItems(caller.orgId(), new ItemFilter(locationId, roomType, category, lowStock), page, limit);
        return new ItemList(result.items().stream().map(Item::of).toList(), new Pagination(result.page(), result.limit(), result.total()));
    }

    @GetMapping("/{id}")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Get inventory item", description = "One item by its id; 404 unknown_item when it is not an item of the token's org.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.ITEM))))
    public Item getItem(Caller caller, @PathVariable String id) {
        return Item.of(inventory.item(caller.orgId(), id));
    }

    record CreateItemRequest(String productId, String locationId, String roomType, BigDecimal reorderPoint, BigDecimal maxStockLevel) {
    }

    @PostMapping
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Create an inventory item",
            description = "Makes the item of a product (product_id) in a bin (location_id, default the org's default location; "
                    + "room_type, default sales_floor) with quantity 0, optionally with reorder_point and max_stock_level. "
                    + "201 when created; 200 with the existing item (settings unchanged) when the bin already holds the product.",
            responses = @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = V1Examples.ITEM))))
    public ResponseEntity<Item> createItem(Caller caller, @RequestBody CreateItemRequest request) {
        ItemCreation creation = inventory.createItem(caller.orgId(), request.productId(), request.locationId(), request.roomType(),
                request.reorderPoint(), request.maxStockLevel());
        return ResponseEntity.status(creation.created() ? 201 : 200).body(Item.of(creation.item()));
    }

    @Schema(name = "ItemUpdateRequest")
    record UpdateRequest(BigDecimal quantityChange, String reasonCode, String notes, Instant occurredAt) {
    }

    @PatchMapping("/{id}")
    @SingleLedgerCommand
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Update inventory",
            description = "Adds quantity_change (negative reduces; non-zero, up to 3 decimal places) to the item's quantity with "
                    + "a reason_code: SALE, RETURN, ADJUSTMENT, DAMAGE, THEFT, TRANSFER, AUDIT (anything else: 400 "
                    + "invalid_reason_code). notes (at most 500 characters) is recorded with the movement. Optional occurred_at "
                    + "(ISO-8601, at most 30 days back, not in the future) dates the change for snapshots and history. Stock "
                    + "cannot go below zero nor below the reserved quantity: 409 insufficient_stock, nothing written. "
                    + "Returns the updated item.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.PATCH_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.ITEM))))
    public Item updateItem(Caller caller, @PathVariable String id, @RequestBody UpdateRequest request) {
        return Item.of(inventory.adjustItem(caller.orgId(), actorOf(caller),
                new ItemAdjustment(id, request.quantityChange(), request.reasonCode(), request.notes(), request.occurredAt())));
    }

    record BulkLine(String id, BigDecimal quantityChange, String reasonCode, String notes, Instant occurredAt) {
    }

    /** The lines are read one by one ({@link #readBulkLine}), so that a line of the wrong JSON shape is named like any bad line. */
    record BulkRequest(@ArraySchema(schema = @Schema(implementation = BulkLine.class)) List<JsonNode> updates) {
    }

    record BulkResponse(int updated, List<Item> data) {
    }

    @PostMapping("/bulk-update")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Bulk update",
            description = "Up to 500 updates (each as PATCH: id, quantity_change, reason_code, optional notes and occurred_at), "
                    + "applied all or nothing in one transaction, in order (two lines on one item see each other). If any line "
                    + "is invalid (400, field updates[i].x), names an unknown item (404 unknown_item) or would take stock below "
                    + "zero (409 insufficient_stock), no line is applied and the problem names the line: index, id, reason, "
                    + "applied 0. On success: 200 with updated (the number of lines) and data (each line's item after the "
                    + "whole batch, in request order).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.BULK_REQUEST))),
            responses = {
                    @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.BULK_RESPONSE))),
                    @ApiResponse(responseCode = "409", content = @Content(examples = @ExampleObject(value = V1Examples.BULK_REFUSED)))})
    public BulkResponse bulkUpdate(Caller caller, @RequestBody BulkRequest request) {
        List<ItemAdjustment> updates = null;
        if (request.updates() != null) {
            updates = new ArrayList<>(request.updates().size());
            for (int index = 0; index < request.updates().size(); index++) {
                updates.add(readBulkLine(request.updates().get(index), index));
            }
        }
        List<InventoryItem> after = inventory.bulkUpdate(caller.orgId(), actorOf(caller), updates);
        return new BulkResponse(after.size(), after.stream().map(Item::of).toList());
    }

    /**
     * One line of a bulk update; null when it is not a JSON object (the service refuses it). A value
     * of the wrong JSON type is refused as that line's problem, with its index and id.
     */
    private ItemAdjustment readBulkLine(JsonNode node, int index) {
        if (node == null || !node.isObject()) {
            return null;
        }
        try {
            BulkLine line = json.treeToValue(node, BulkLine.class);
            return new ItemAdjustment(line.id(), line.quantityChange(), line.reasonCode(), line.notes(), line.occurredAt());
        } catch (DatabindException unreadable) {
            String id = node.path("id").isString() ? node.path("id").asString() : null;
            throw LocationInventoryService.refusedLine(index, id, ApiProblem.unreadableValue("updates[" + index + "]", unreadable));
        }
    }

    record TransferRequest(String fromId, String toLocationId, String toRoomType, BigDecimal quantity, String notes, Instant occurredAt) {
    }

    record TransferResponse(String transferId, Item from, Item to) {
    }

    @PostMapping("/transfer")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Transfer between bins",
            description = "Moves quantity (positive) of the item from_id to the bin (to_location_id, to_room_type) of the same "
                    + "product; a missing target location or room means the source's, and the target must differ from the "
                    + "source (400 same_bin). Both movements (transfer_out, transfer_in; reason code TRANSFER) are one atomic "
                    + "command: never half done. Only available stock can move (409 insufficient_stock). The target item is "
                    + "created when needed. Returns transfer_id and both items after the transfer.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.TRANSFER_REQUEST))))
    public TransferResponse transfer(Caller caller, @RequestBody TransferRequest request) {
        TransferResult result = inventory.transfer(caller.orgId(), actorOf(caller), new ItemTransfer(request.fromId(),
                request.toLocationId(), request.toRoomType(), request.quantity(), request.notes(), request.occurredAt()));
        return new TransferResponse(result.commandId().toString(), Item.of(result.from()), Item.of(result.to()));
    }

    record SnapshotEntry(String id, String productId, String productName, String sku, String locationId, String roomType,
            BigDecimal quantity, BigDecimal reservedQuantity, BigDecimal availableQuantity, BigDecimal unitCost, BigDecimal unitPrice) {
    }

    record SnapshotResponse(LocalDate date, String timeZone, String locationId, List<SnapshotEntry> data, Pagination pagination) {
    }

    @GetMapping("/snapshot")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Inventory snapshot",
            description = "The items as they stood at the end of date (YYYY-MM-DD, required, not in the future) in the org's "
                    + "time zone, of one location (location_id) or all. Computed from the daily rollups (current quantity minus "
                    + "the deltas of later days), so movements recorded late with an earlier occurred_at count on the day they "
                    + "occurred. Lists the items that held stock or a reservation then, in the order of product id, location "
                    + "and room (not by name, as the list); product name, sku, cost and price are today's. page (default 1) "
                    + "and limit (default 50, at most 200). The list's other filters (room_type, category, low_stock) are "
                    + "not applied here: 400 invalid_parameter.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.SNAPSHOT_RESPONSE))))
    public SnapshotResponse snapshot(Caller caller, @RequestParam(required = false) String date,
            @RequestParam(name = "location_id", required = false) String locationId,
            @RequestParam(name = "room_type", required = false) String roomType,
            @RequestParam(required = false) String category,
            @RequestParam(name = "low_stock", required = false) String lowStock,
            @RequestParam(defaultValue = "1") int page,
            @RequestParam(defaultValue = "" + LocationInventoryService.PAGE_SIZE_DEFAULT) int limit) {
        Snapshot snapshot = inventory.snapshot(caller.orgId(), date, new ItemFilter(locationId, roomType, category, lowStock), page, limit);
        ItemPage<SnapshotItem> result = snapshot.page();
        return new SnapshotResponse(snapshot.date(), snapshot.timeZone().getId(),
                snapshot.locationId() == null ? null : snapshot.locationId().toString(),
                result.items().stream().map(item -> new SnapshotEntry(item.id().toString(), item.productId().toString(),
                        item.productName(), item.sku(), item.locationId().toString(), item.room().wireName(), item.onHand(),
                        item.reserved(), item.available(), item.unitCost(), item.unitPrice())).toList(),
                new Pagination(result.page(), result.limit(), result.total()));
    }

    record SettingsRequest(BigDecimal reorderPoint, BigDecimal maxStockLevel) {
    }

    record SettingsResponse(String id, BigDecimal reorderPoint, BigDecimal maxStockLevel, BigDecimal effectiveReorderPoint,
            BigDecimal availableQuantity, boolean lowStock) {

        static SettingsResponse of(InventoryItem item) {
            return new SettingsResponse(item.id().toString(), item.ownReorderPoint(), item.maxStockLevel(), item.reorderPoint(),
                    item.available(), item.lowStock());
        }
    }

    @GetMapping("/{id}/settings")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Get low-stock settings",
            description = "reorder_point and max_stock_level of the item (null: not set), effective_reorder_point (the item's, "
                    + "else the org default), available_quantity and low_stock (available at or below the effective reorder point).",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.SETTINGS_RESPONSE))))
    public SettingsResponse getSettings(Caller caller, @PathVariable String id) {
        return SettingsResponse.of(inventory.item(caller.orgId(), id));
    }

    @PutMapping("/{id}/settings")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Set low-stock settings",
            description = "Sets reorder_point and max_stock_level (non-negative; null or absent clears, and the org default "
                    + "reorder point applies). Not a stock change: no movement is written.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.SETTINGS_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.SETTINGS_RESPONSE))))
    public SettingsResponse putSettings(Caller caller, @PathVariable String id, @RequestBody SettingsRequest request) {
        InventoryItem item = inventory.updateSettings(caller.orgId(), id, request.reorderPoint(), request.maxStockLevel());
        return SettingsResponse.of(item);
    }

    private static Actor actorOf(Caller caller) {
        return new Actor(caller.tokenId(), caller.tokenName());
    }
}
