package org.stockledger.api.orders;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import org.stockledger.orders.Order;
import org.stockledger.orders.OrderDraft;
import org.stockledger.orders.OrderFieldsUpdate;
import org.stockledger.orders.OrderHeader;
import org.stockledger.orders.OrderItem;
import org.stockledger.orders.OrderPage;
import org.stockledger.orders.OrderService;
import org.stockledger.orders.OrderStatusUpdate;
import org.stockledger.orders.OrderUpsert;
import org.stockledger.support.DomainException;
import org.stockledger.web.RequiresScope;
import tools.jackson.databind.JsonNode;

/** Orders of the org (seed 004): list, read, upsert, partial update of safe fields, status patch. */
@RestController
@RequestMapping("/api/v2/public/orgs/{orgId}/orders")
@Tag(name = "Orders (v2)", description = "Read and write the org's orders; open orders reserve stock")
public class OrdersController {

    private final OrderService orders;

    public OrdersController(OrderService orders) {
        this.orders = orders;
    }

    // ---------------------------------------------------------------- responses

    record OrderSummary(String id, String externalId, String status, String shopId, String customerName, BigDecimal totalAmount,
            String paymentStatus, Instant createdAt, Instant updatedAt) {
    }

    @Schema(name = "OrderPagination")
    record Pagination(int limit, long offset, long total) {
    }

    record OrderList(List<OrderSummary> data, Pagination pagination) {
    }

    record ShippingAddress(String street, String city, String postalCode, String phone) {
    }

    record ItemView(String p1Id, String name, BigDecimal quantity, BigDecimal price, BigDecimal reservedQty, BigDecimal shortQty,
            BigDecimal fulfilledQty, boolean stockTracked) {
    }

    record OrderView(String id, String externalId, String status, String shopId, String customerName, String customerEmail,
            BigDecimal totalAmount, String paymentStatus, String paymentReference, boolean shipped, boolean pickedUp,
            boolean cashOnPickup, ShippingAddress shippingAddress, List<ItemView> items, String orderNumber, Instant orderDatetime,
            String shippingOption, boolean fullyReserved, Instant createdAt, Instant updatedAt) {
    }

    record StatusResponse(String orderId, String status, Instant updatedAt) {
    }

    // ---------------------------------------------------------------- requests

    record ItemRequest(JsonNode p1Id, String name, BigDecimal qty, BigDecimal price, JsonNode quantity) {
    }

    record UpsertRequest(String shopId, String externalId, String orderNumber, Instant orderDatetime, String customerName,
            String customerEmail, String addressStreet, String addressCity, String addressPostalCode, String addressPhone,
            BigDecimal totalAmount, String paymentStatus, String paymentReference, String shippingOption, Boolean shipped,
            Boolean pickedUp, Boolean cashOnPickup, List<ItemRequest> items) {
    }

    @Schema(name = "OrderUpdateRequest")
    record UpdateRequest(String orderNumber, String customerName, String customerEmail, String addressStreet, String addressCity,
            String addressPostalCode, String addressPhone, String paymentReference, String shippingOption, Boolean cashOnPickup,
            ShippingAddress shippingAddress,
            JsonNode id, JsonNode orderId, JsonNode shopId, JsonNode externalId, JsonNode createdAt, JsonNode updatedAt,
            JsonNode status, JsonNode items, JsonNode paymentStatus, JsonNode shipped, JsonNode pickedUp, JsonNode totalAmount,
            JsonNode orderDatetime) {
    }

    record StatusRequest(String status, String paymentStatus, Boolean shipped, Boolean pickedUp) {
    }

    // ---------------------------------------------------------------- operations

    @GetMapping
    @RequiresScope(Scope.ORDERS_READ)
    @Operation(summary = "List orders",
            description = "The org's orders, newest first (created_at, then id). limit (default 50, at most 200; above: 400 "
                    + "invalid_parameter), offset, and optional filters status and shop_id; pagination.total counts all matches.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = OrderExamples.LIST_RESPONSE))))
    public OrderList listOrders(@PathVariable String orgId, Caller caller, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) Long offset, @RequestParam(required = false) String status,
            @RequestParam(name = "shop_id", required = false) String shopId) {
        OrderPage page = orders.listOrders(caller.orgId(), limit, offset, status, shopId);
        List<OrderSummary> data = page.orders().stream().map(OrdersController::summary).toList();
        return new OrderList(data, new Pagination(page.limit(), page.offset(), page.total()));
    }

    @GetMapping("/{orderId}")
    @RequiresScope(Scope.ORDERS_READ)
    @Operation(summary = "Get an order",
            description = "The full order with shipping address, items and flags. Each item adds reserved_qty (stock held for it), "
                    + "short_qty (what an open order still lacks), fulfilled_qty and stock_tracked (false when its p1_id is not "
                    + "a product of the org or the org does not reserve stock); fully_reserved is true when no item is short. "
                    + "404 unknown_order for an id this org does not have.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = OrderExamples.ORDER_RESPONSE))))
    public OrderView getOrder(@PathVariable String orgId, @PathVariable String orderId, Caller caller) {
        return view(orders.getOrder(caller.orgId(), orderId));
    }

    @PostMapping
    @RequiresScope(Scope.ORDERS_WRITE)
    @Operation(summary = "Create or upsert an order",
            description = "Upsert by external_id + shop_id: 201 with the new order (status pending), 200 with the updated one. "
                    + "Items use qty (an item with quantity is refused with 400 invalid_field). Given items replace the stored "
                    + "ones and move the order's reservation by the difference, and every upsert of an open order tops up what "
                    + "its items are short from new stock; items of a shipped, picked-up, completed or "
                    + "cancelled order cannot change (409 order_closed, with the order's order_status). Items whose p1_id is a product of the org reserve "
                    + "stock at the default bin up to what is available; a shortage is shown, never refused.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = OrderExamples.UPSERT_REQUEST))),
            responses = {
                @ApiResponse(responseCode = "201", content = @Content(examples = @ExampleObject(value = OrderExamples.ORDER_RESPONSE))),
                @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = OrderExamples.ORDER_RESPONSE)))})
    public ResponseEntity<OrderView> upsertOrder(@PathVariable String orgId, Caller caller, @RequestBody UpsertRequest request) {
        List<OrderDraft.ItemDraft> items = null;
        if (request.items() != null) {
            items = new ArrayList<>(request.items().size());
            for (int i = 0; i < request.items().size(); i++) {
                items.add(itemDraft(i, request.items().get(i)));
            }
        }
        OrderDraft draft = new OrderDraft(request.shopId(), request.externalId(), request.orderNumber(), request.orderDatetime(),
                request.customerName(), request.customerEmail(), request.addressStreet(), request.addressCity(),
                request.addressPostalCode(), request.addressPhone(), request.totalAmount(), request.paymentStatus(),
                request.paymentReference(), request.shippingOption(), request.shipped(), request.pickedUp(), request.cashOnPickup(),
                items);
        OrderUpsert upsert = orders.upsertOrder(caller.orgId(), actor(caller), draft);
        return ResponseEntity.status(upsert.created() ? 201 : 200).body(view(upsert.order()));
    }

    @PutMapping("/{orderId}")
    @RequiresScope(Scope.ORDERS_WRITE)
    @Operation(summary = "Update an order",
            description = "Partial update of the externally safe fields only: order_number, customer_name, customer_email, "
                    + "address_street, address_city, address_postal_code, address_phone (or shipping_address {street, city, "
                    + "postal_code, phone}), payment_reference, shipping_option, cash_on_pickup. Absent or null fields stay. "
                    + "Protected fields (id, order_id, shop_id, external_id, created_at, updated_at, status, items, "
                    + "payment_status, shipped, picked_up, total_amount, order_datetime) are refused with 400 protected_field "
                    + "naming the field: items and totals change through POST, status and flags through PATCH /status.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = OrderExamples.UPDATE_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = OrderExamples.ORDER_RESPONSE))))
    public OrderView updateOrder(@PathVariable String orgId, @PathVariable String orderId, Caller caller,
            @RequestBody UpdateRequest request) {
        rejectProtectedFields(request);
        ShippingAddress address = request.shippingAddress() == null ? new ShippingAddress(null, null, null, null) : request.shippingAddress();
        OrderFieldsUpdate update = new OrderFieldsUpdate(request.orderNumber(), request.customerName(), request.customerEmail(),
                first(request.addressStreet(), address.street()), first(request.addressCity(), address.city()),
                first(request.addressPostalCode(), address.postalCode()), first(request.addressPhone(), address.phone()),
                request.paymentReference(), request.shippingOption(), request.cashOnPickup());
        return view(orders.updateOrderFields(caller.orgId(), orderId, update));
    }

    @PatchMapping("/{orderId}/status")
    @RequiresScope(Scope.ORDERS_WRITE)
    @Operation(summary = "Patch order status",
            description = "At least one of status, payment_status, shipped, picked_up (none: 400 empty_update). A status move "
                    + "outside the workflow is 409 invalid_transition (listing the allowed ones). Into shipped, picked_up or "
                    + "completed consumes the reserved stock (409 order_not_fully_reserved with short_items when an item lacks "
                    + "stock); into cancelled releases it. Records the order_status_updated event.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = OrderExamples.STATUS_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = OrderExamples.STATUS_RESPONSE))))
    public StatusResponse patchStatus(@PathVariable String orgId, @PathVariable String orderId, Caller caller,
            @RequestBody StatusRequest request) {
        Order order = orders.changeOrderStatus(caller.orgId(), actor(caller), orderId,
                new OrderStatusUpdate(request.status(), request.paymentStatus(), request.shipped(), request.pickedUp()));
        return new StatusResponse(order.header().orderId(), order.header().status().wireName(), order.header().updatedAt());
    }

    // ---------------------------------------------------------------- mapping

    private static OrderDraft.ItemDraft itemDraft(int index, ItemRequest item) {
        String prefix = "items[" + index + "].";
        if (item == null) {
            throw DomainException.invalidField("items[" + index + "]", "an item must be an object");
        }
        if (item.quantity() != null) {
            throw DomainException.invalidField(prefix + "quantity",
                    "order items carry their amount in qty, not quantity (quantity is for order requests)");
        }
        return new OrderDraft.ItemDraft(p1Id(prefix + "p1_id", item.p1Id()), item.name(), item.qty(), item.price());
    }

    /** p1_id may come as a string or a non-negative integer, or be absent for an item outside the catalogue. */
    private static String p1Id(String field, JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        if (value.isString() && !value.stringValue().isBlank()) {
            return value.stringValue().trim();
        }
        if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
            return Long.toString(value.longValue());
        }
        throw DomainException.invalidField(field, "p1_id must be a string or a non-negative integer");
    }

    private static void rejectProtectedFields(UpdateRequest request) {
        Map<String, JsonNode> protectedFields = new LinkedHashMap<>();
        protectedFields.put("id", request.id());
        protectedFields.put("order_id", request.orderId());
        protectedFields.put("shop_id", request.shopId());
        protectedFields.put("external_id", request.externalId());
        protectedFields.put("created_at", request.createdAt());
        protectedFields.put("updated_at", request.updatedAt());
        protectedFields.put("status", request.status());
        protectedFields.put("items", request.items());
        protectedFields.put("payment_status", request.paymentStatus());
        protectedFields.put("shipped", request.shipped());
        protectedFields.put("picked_up", request.pickedUp());
        protectedFields.put("total_amount", request.totalAmount());
        protectedFields.put("order_datetime", request.orderDatetime());
        protectedFields.forEach((field, value) -> {
            if (value != null) {
                throw new DomainException(400, "protected_field", field + " cannot be changed with PUT"
                        + (field.equals("status") || field.equals("payment_status") || field.equals("shipped") || field.equals("picked_up")
                                ? "; use PATCH /orders/{orderId}/status"
                                : field.equals("items") || field.equals("total_amount") || field.equals("order_datetime")
                                        ? "; send the order again with POST /orders" : ""),
                        field, Map.of());
            }
        });
    }

    private static Actor actor(Caller caller) {
        return new Actor(caller.tokenId(), caller.tokenName());
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }

    private static OrderSummary summary(OrderHeader header) {
        return new OrderSummary(header.orderId(), header.externalId(), header.status().wireName(), header.shopId(),
                header.customerName(), header.totalAmount(), header.paymentStatus(), header.createdAt(), header.updatedAt());
    }

    private static OrderView view(Order order) {
        OrderHeader header = order.header();
        List<ItemView> items = order.items().stream().map(item -> itemView(order, item)).toList();
        return new OrderView(header.orderId(), header.externalId(), header.status().wireName(), header.shopId(), header.customerName(),
                header.customerEmail(), header.totalAmount(), header.paymentStatus(), header.paymentReference(), header.shipped(),
                header.pickedUp(), header.cashOnPickup(),
                new ShippingAddress(header.addressStreet(), header.addressCity(), header.addressPostalCode(), header.addressPhone()),
                items, header.orderNumber(), header.orderDatetime(), header.shippingOption(), order.fullyReserved(),
                header.createdAt(), header.updatedAt());
    }

    private static ItemView itemView(Order order, OrderItem item) {
        return new ItemView(item.p1Id(), item.name(), item.quantity(), item.price(), item.reservedQuantity(),
                item.shortQuantity(order.header().status()), item.fulfilledQuantity(), item.isTracked());
    }
}
