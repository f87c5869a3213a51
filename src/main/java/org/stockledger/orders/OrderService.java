package org.stockledger.orders;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.stockledger.access.AccessService;
import org.stockledger.access.Org;
import org.stockledger.catalog.CatalogService;
import org.stockledger.catalog.Product;
import org.stockledger.ledger.Actor;
import org.stockledger.ledger.AppliedChange;
import org.stockledger.ledger.Balance;
import org.stockledger.ledger.CommandOutcome;
import org.stockledger.ledger.LedgerQueries;
import org.stockledger.ledger.LedgerService;
import org.stockledger.ledger.LevelKey;
import org.stockledger.ledger.Refusals;
import org.stockledger.ledger.Room;
import org.stockledger.ledger.StockChange;
import org.stockledger.ledger.StockCommand;
import org.stockledger.orders.internal.OrderRepository;
import org.stockledger.support.DomainException;
import org.stockledger.support.IntegrationEvent;
import org.stockledger.support.Quantities;
import org.stockledger.support.Texts;

/**
 * Orders and the stock they hold. Every entry point runs in one transaction that first locks the
 * order row, so concurrent changes of one order serialize, and then applies all of the order's
 * stock changes as ONE command through {@link LedgerService} (which joins the transaction):
 * an open order reserves its tracked items up to what is available (an order is never refused
 * for shortage; the shortage is recorded per item), a fulfilled order consumes its reservation
 * (reason {@value #REASON_SALE}), a cancelled order releases it. Every movement carries the
 * reference ("order", order id).
 */
@Service
public class OrderService {

    public static final int PAGE_SIZE_DEFAULT = 50;
    public static final int PAGE_SIZE_MAX = 200;
    public static final int ITEMS_PER_ORDER_MAX = 500;
    public static final String REFERENCE_TYPE = "order";
    public static final String REASON_SALE = "SALE";
    public static final String REASON_RESERVATION = "ORDER_RESERVATION";
    public static final String REASON_CANCELLED = "ORDER_CANCELLED";
    public static final String EVENT_STATUS_UPDATED = "order_status_updated";
    private static final int ORDER_ID_ATTEMPTS_MAX = 5;
    private static final Pattern P1_ID = Pattern.compile("[A-Za-z0-9._:\\-]{1,64}");
    private static final Pattern PAYMENT_STATUS = Pattern.compile("[a-z][a-z_]{0,31}");
    private static final DateTimeFormatter ID_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final BigDecimal MONEY_MAX = new BigDecimal("1000000000");

    private final OrderRepository orders;
    private final AccessService access;
    private final CatalogService catalog;
    private final LedgerService ledger;
    private final LedgerQueries ledgerQueries;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public OrderService(OrderRepository orders, AccessService access, CatalogService catalog, LedgerService ledger,
            LedgerQueries ledgerQueries, ApplicationEventPublisher events, Clock clock) {
        this.orders = orders;
        this.access = access;
        this.catalog = catalog;
        this.ledger = ledger;
        this.ledgerQueries = ledgerQueries;
        this.events = events;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- reads

    public OrderPage listOrders(String orgId, Integer limit, Long offset, String status, String shopId) {
        int pageSize = limit == null ? PAGE_SIZE_DEFAULT : limit;
        long skip = offset == null ? 0 : offset;
        if (pageSize < 1 || pageSize > PAGE_SIZE_MAX) {
            throw new DomainException(400, "invalid_parameter", "limit must be between 1 and " + PAGE_SIZE_MAX, "limit", Map.of());
        }
        if (skip < 0) {
            throw new DomainException(400, "invalid_parameter", "offset must not be negative", "offset", Map.of());
        }
        if (status != null && OrderStatus.fromWireName(status).isEmpty()) {
            throw new DomainException(400, "invalid_parameter", "status must be one of " + OrderStatus.wireNames(), "status", Map.of());
        }
        Texts.optional("shop_id", shopId, 100);
        return new OrderPage(orders.listOrders(orgId, status, shopId, pageSize, skip), pageSize, skip,
                orders.countOrders(orgId, status, shopId));
    }

    public Order getOrder(String orgId, String orderId) {
        OrderHeader header = orders.findOrder(orgId, orderId).orElseThrow(() -> unknownOrder(orderId));
        return new Order(header, orders.findItems(orgId, orderId));
    }

    // ---------------------------------------------------------------- writes

    /**
     * Creates the order of (external_id, shop_id), or updates it when it exists. Changed items
     * of an open order move its reservation by the difference, and every update of an open order
     * tops up what its items are short from new stock, with or without items in the draft; the
     * items of a fulfilled or cancelled order are frozen (a different item list is a 409
     * {@code order_closed}).
     */
    @Transactional
    public OrderUpsert upsertOrder(String orgId, Actor actor, OrderDraft draft) {
        validate(draft);
        Org org = access.requireOrg(orgId);
        Instant now = now();
        for (int attempt = 1; attempt <= ORDER_ID_ATTEMPTS_MAX; attempt++) {
            Optional<OrderHeader> existing = orders.lockOrderByExternalId(orgId, draft.externalId(), draft.shopId());
            if (existing.isPresent()) {
                return new OrderUpsert(updateExistingOrder(org, actor, existing.get(), draft, now), false);
            }
            OrderHeader created = newHeader(org, draft, newOrderId(orgId, now), now);
            if (orders.insertOrderIfAbsent(created)) {
                List<OrderItem> wanted = resolveItems(org, created.reservesStock(), draft.items() == null ? List.of() : draft.items());
                List<OrderItem> stored = applyStock(org, actor, created, List.of(), wanted, StockIntent.HOLD);
                orders.replaceItems(orgId, created.orderId(), stored);
                return new OrderUpsert(new Order(created, stored), true);
            }
            // A concurrent request inserted the same (external_id, shop_id), or the id collided: look again.
        }
        throw new IllegalStateException("could not store order " + draft.externalId() + " after " + ORDER_ID_ATTEMPTS_MAX + " attempts");
    }

    private Order updateExistingOrder(Org org, Actor actor, OrderHeader before, OrderDraft draft, Instant now) {
        List<OrderItem> held = orders.findItems(org.orgId(), before.orderId());
        List<OrderItem> stored = held;
        if (before.status().isOpen()) {
            List<OrderItem> wanted = draft.items() == null ? held : resolveItems(org, before.reservesStock(), draft.items());
            stored = applyStock(org, actor, before, held, wanted, StockIntent.HOLD);
        } else if (draft.items() != null && !sameItems(held, resolveItems(org, before.reservesStock(), draft.items()))) {
            throw new DomainException(409, "order_closed",
                    "order " + before.orderId() + " is " + before.status().wireName() + "; its items can no longer change",
                    "items", Map.of("order_status", before.status().wireName()));
        }
        OrderHeader wanted = new OrderHeader(before.orgId(), before.orderId(), before.externalId(), before.shopId(),
                or(draft.orderNumber(), before.orderNumber()), or(micros(draft.orderDatetime()), before.orderDatetime()), before.status(),
                before.reservesStock(), or(draft.customerName(), before.customerName()),
                or(draft.customerEmail(), before.customerEmail()), or(draft.addressStreet(), before.addressStreet()),
                or(draft.addressCity(), before.addressCity()), or(draft.addressPostalCode(), before.addressPostalCode()),
                or(draft.addressPhone(), before.addressPhone()), or(draft.totalAmount(), before.totalAmount()),
                or(draft.paymentStatus(), before.paymentStatus()), or(draft.paymentReference(), before.paymentReference()),
                or(draft.shippingOption(), before.shippingOption()), or(draft.shipped(), before.shipped()),
                or(draft.pickedUp(), before.pickedUp()), or(draft.cashOnPickup(), before.cashOnPickup()), before.createdAt(),
                before.updatedAt());
        return store(before, wanted, held, stored, now);
    }

    /**
     * Changes the externally safe fields of an order (see {@link OrderFieldsUpdate}); stock is
     * untouched, even what an open order is short: that is topped up by an upsert or a status move.
     */
    @Transactional
    public Order updateOrderFields(String orgId, String orderId, OrderFieldsUpdate update) {
        if (update.isEmpty()) {
            throw new DomainException(400, "empty_update", "give at least one field to change", null, Map.of());
        }
        Texts.optional("order_number", update.orderNumber(), 100);
        Texts.optional("customer_name", update.customerName(), 300);
        Texts.optional("customer_email", update.customerEmail(), 320);
        Texts.optional("address_street", update.addressStreet(), 300);
        Texts.optional("address_city", update.addressCity(), 200);
        Texts.optional("address_postal_code", update.addressPostalCode(), 32);
        Texts.optional("address_phone", update.addressPhone(), 64);
        Texts.optional("payment_reference", update.paymentReference(), 200);
        Texts.optional("shipping_option", update.shippingOption(), 200);
        OrderHeader before = orders.lockOrder(orgId, orderId).orElseThrow(() -> unknownOrder(orderId));
        List<OrderItem> held = orders.findItems(orgId, orderId);
        OrderHeader wanted = new OrderHeader(before.orgId(), before.orderId(), before.externalId(), before.shopId(),
                or(update.orderNumber(), before.orderNumber()), before.orderDatetime(), before.status(), before.reservesStock(),
                or(update.customerName(), before.customerName()), or(update.customerEmail(), before.customerEmail()),
                or(update.addressStreet(), before.addressStreet()), or(update.addressCity(), before.addressCity()),
                or(update.addressPostalCode(), before.addressPostalCode()), or(update.addressPhone(), before.addressPhone()),
                before.totalAmount(), before.paymentStatus(), or(update.paymentReference(), before.paymentReference()),
                or(update.shippingOption(), before.shippingOption()), before.shipped(), before.pickedUp(),
                or(update.cashOnPickup(), before.cashOnPickup()), before.createdAt(), before.updatedAt());
        return store(before, wanted, held, held, now());
    }

    /**
     * Moves an order along its workflow and/or sets payment status and the shipped / picked-up
     * flags. Stock follows the status alone: into shipped, picked_up or completed consumes the
     * reservation (refused with 409 {@code order_not_fully_reserved} and the short items when a
     * tracked item lacks stock), into cancelled releases it, between open statuses tops up what
     * is short. The same status again moves nothing, so it leaves stock as it is, as do the
     * payment status and the flags. Publishes {@value #EVENT_STATUS_UPDATED}.
     */
    @Transactional
    public Order changeOrderStatus(String orgId, Actor actor, String orderId, OrderStatusUpdate update) {
        if (update.isEmpty()) {
            throw new DomainException(400, "empty_update", "give at least one of status, payment_status, shipped, picked_up",
                    null, Map.of());
        }
        OrderStatus next = null;
        if (update.status() != null) {
            next = OrderStatus.fromWireName(update.status()).orElseThrow(() -> DomainException.invalidField("status",
                    "status must be one of " + OrderStatus.wireNames()));
        }
        validatePaymentStatus(update.paymentStatus());
        Org org = access.requireOrg(orgId);
        OrderHeader before = orders.lockOrder(orgId, orderId).orElseThrow(() -> unknownOrder(orderId));
        OrderStatus previous = before.status();
        OrderStatus target = next == null ? previous : next;
        if (!previous.mayMoveTo(target, org.strictOrderWorkflow())) {
            List<String> allowed = org.strictOrderWorkflow() ? previous.allowedNext().stream().map(OrderStatus::wireName).toList()
                    : OrderStatus.wireNames().stream().filter(name -> previous.mayMoveTo(OrderStatus.fromWireName(name).orElseThrow(), false)
                            && !name.equals(previous.wireName())).toList();
            throw new DomainException(409, "invalid_transition",
                    "order " + orderId + " cannot move from " + previous.wireName() + " to " + target.wireName(), "status",
                    Map.of("from", previous.wireName(), "to", target.wireName(), "allowed", allowed));
        }
        List<OrderItem> held = orders.findItems(orgId, orderId);
        List<OrderItem> stored = held;
        if (target != previous) {
            StockIntent intent = target.isOpen() ? StockIntent.HOLD : target == OrderStatus.CANCELLED ? StockIntent.RELEASE
                    : previous.isFulfilled() ? StockIntent.NONE : StockIntent.CONSUME;
            if (intent != StockIntent.NONE) {
                stored = applyStock(org, actor, before, held, held, intent);
            }
        }
        OrderHeader wanted = new OrderHeader(before.orgId(), before.orderId(), before.externalId(), before.shopId(),
                before.orderNumber(), before.orderDatetime(), target, before.reservesStock(), before.customerName(),
                before.customerEmail(), before.addressStreet(), before.addressCity(), before.addressPostalCode(),
                before.addressPhone(), before.totalAmount(), or(update.paymentStatus(), before.paymentStatus()),
                before.paymentReference(), before.shippingOption(), or(update.shipped(), before.shipped()),
                or(update.pickedUp(), before.pickedUp()), before.cashOnPickup(), before.createdAt(), before.updatedAt());
        Order order = store(before, wanted, held, stored, now());
        OrderHeader after = order.header();
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("order_id", after.orderId());
        payload.put("external_id", after.externalId());
        payload.put("shop_id", after.shopId());
        payload.put("status", after.status().wireName());
        payload.put("previous_status", previous.wireName());
        payload.put("payment_status", after.paymentStatus());
        payload.put("shipped", after.shipped());
        payload.put("picked_up", after.pickedUp());
        payload.put("updated_at", after.updatedAt().toString());
        events.publishEvent(new IntegrationEvent(orgId, EVENT_STATUS_UPDATED, after.orderId(), after.updatedAt(), payload));
        return order;
    }

    /**
     * Writes what an update changed and moves {@code updated_at} to {@code now}, or, when the
     * wanted fields and the items with their stock equal what was stored, writes nothing and keeps
     * {@code updated_at}: clients that sync "changed since" must not see an unchanged order again.
     */
    private Order store(OrderHeader before, OrderHeader wanted, List<OrderItem> held, List<OrderItem> stored, Instant now) {
        boolean itemsChanged = held.size() != stored.size();
        for (int i = 0; !itemsChanged && i < held.size(); i++) {
            itemsChanged = !held.get(i).hasSameFieldsAs(stored.get(i));
        }
        if (!itemsChanged && wanted.hasSameFieldsAs(before)) {
            return new Order(before, held);
        }
        if (itemsChanged) {
            orders.replaceItems(before.orgId(), before.orderId(), stored);
        }
        OrderHeader after = wanted.withUpdatedAt(now);
        orders.updateOrder(after);
        return new Order(after, stored);
    }

    // ---------------------------------------------------------------- stock

    private enum StockIntent { HOLD, CONSUME, RELEASE, NONE }

    /**
     * Brings the ledger in line with the wanted items in one command and returns the wanted items
     * with what each now holds. {@code held} are the stored items with their reservations.
     */
    private List<OrderItem> applyStock(Org org, Actor actor, OrderHeader order, List<OrderItem> held, List<OrderItem> wanted,
            StockIntent intent) {
        Map<LevelKey, BigDecimal> heldByLevel = sumByLevel(held, true);
        Map<LevelKey, BigDecimal> wantedByLevel = sumByLevel(wanted, false);
        Map<LevelKey, BigDecimal> keptByLevel = new LinkedHashMap<>();
        List<StockChange> changes = new ArrayList<>();
        List<LevelKey> reservedUpToAvailable = new ArrayList<>();
        switch (intent) {
            case HOLD -> {
                heldByLevel.forEach((level, quantity) -> {
                    BigDecimal want = wantedByLevel.getOrDefault(level, BigDecimal.ZERO);
                    if (want.compareTo(quantity) < 0) {
                        changes.add(StockChange.release(level, quantity.subtract(want)));
                    }
                });
                wantedByLevel.forEach((level, want) -> {
                    BigDecimal has = heldByLevel.getOrDefault(level, BigDecimal.ZERO);
                    keptByLevel.put(level, want.min(has));
                    if (want.compareTo(has) > 0) {
                        changes.add(StockChange.reserve(level, want.subtract(has), true));
                        reservedUpToAvailable.add(level);
                    }
                });
            }
            case RELEASE -> heldByLevel.forEach((level, quantity) -> changes.add(StockChange.release(level, quantity)));
            case CONSUME -> {
                requireFullyAvailable(org.orgId(), order, wanted, heldByLevel, wantedByLevel);
                wantedByLevel.forEach((level, want) -> {
                    BigDecimal has = heldByLevel.getOrDefault(level, BigDecimal.ZERO);
                    if (want.compareTo(has) > 0) {
                        changes.add(StockChange.reserve(level, want.subtract(has), false));
                    }
                    changes.add(StockChange.fulfil(level, want));
                });
            }
            case NONE -> throw new IllegalStateException("no stock to apply");
        }
        Map<LevelKey, BigDecimal> grantedByLevel = new LinkedHashMap<>();
        List<StockChange> nonZero = changes.stream().filter(change -> change.deltaReserved().signum() != 0).toList();
        if (!nonZero.isEmpty()) {
            String reasonCode = switch (intent) {
                case CONSUME -> REASON_SALE;
                case RELEASE -> REASON_CANCELLED;
                default -> REASON_RESERVATION;
            };
            StockCommand command = new StockCommand(nonZero, reasonCode, "order " + order.orderId() + " (" + order.externalId() + ")",
                    REFERENCE_TYPE, order.orderId(), order.shopId(), null, null);
            CommandOutcome outcome = ledger.applyCommand(org.orgId(), actor, command);
            if (outcome instanceof CommandOutcome.Refused refused && intent == StockIntent.CONSUME) {
                throw new DomainException(409, "order_not_fully_reserved",
                        "order " + order.orderId() + " cannot be fulfilled: " + refused.message(), "status", Refusals.details(refused));
            }
            CommandOutcome.Applied applied = Refusals.requireApplied(outcome);
            for (int i = 0; i < nonZero.size(); i++) {
                AppliedChange change = applied.changes().get(i);
                if (nonZero.get(i).reserveUpToAvailable()) {
                    Balance before = change.before();
                    grantedByLevel.merge(change.level(), change.after().reserved().subtract(before.reserved()), BigDecimal::add);
                }
            }
        }
        return switch (intent) {
            case HOLD -> {
                Map<LevelKey, BigDecimal> available = new LinkedHashMap<>();
                keptByLevel.forEach((level, kept) -> available.put(level, kept.add(grantedByLevel.getOrDefault(level, BigDecimal.ZERO))));
                yield distribute(wanted, available);
            }
            case RELEASE -> wanted.stream().map(item -> item.withStock(zero(), item.fulfilledQuantity())).toList();
            case CONSUME -> wanted.stream().map(item -> item.withStock(zero(), item.isTracked() ? item.quantity() : zero())).toList();
            case NONE -> wanted;
        };
    }

    /** Refuses a fulfilment, before any change, when a tracked item could not be covered by what is reserved plus available. */
    private void requireFullyAvailable(String orgId, OrderHeader order, List<OrderItem> items, Map<LevelKey, BigDecimal> heldByLevel,
            Map<LevelKey, BigDecimal> wantedByLevel) {
        Map<LevelKey, BigDecimal> coverable = new LinkedHashMap<>();
        wantedByLevel.forEach((level, want) -> {
            BigDecimal has = heldByLevel.getOrDefault(level, BigDecimal.ZERO);
            BigDecimal available = want.compareTo(has) > 0
                    ? ledgerQueries.level(orgId, level).map(stock -> stock.balance().available().max(BigDecimal.ZERO)).orElse(BigDecimal.ZERO)
                    : BigDecimal.ZERO;
            coverable.put(level, has.add(available));
        });
        List<OrderItem> covered = distribute(items, coverable);
        List<Map<String, Object>> shortItems = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            OrderItem item = items.get(i);
            if (!item.isTracked()) {
                continue;
            }
            BigDecimal reserved = item.reservedQuantity();
            BigDecimal missing = item.quantity().subtract(covered.get(i).reservedQuantity());
            if (missing.signum() > 0) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("line", item.lineNo());
                entry.put("p1_id", item.p1Id());
                entry.put("name", item.name());
                entry.put("qty", item.quantity());
                entry.put("reserved_qty", reserved);
                entry.put("short_qty", missing);
                shortItems.add(entry);
            }
        }
        if (!shortItems.isEmpty()) {
            throw new DomainException(409, "order_not_fully_reserved",
                    "order " + order.orderId() + " cannot be fulfilled: " + shortItems.size() + " item(s) lack stock", "status",
                    Map.of("short_items", shortItems));
        }
    }

    /** Spreads each level's quantity over the tracked items of that level in line order. */
    private static List<OrderItem> distribute(List<OrderItem> items, Map<LevelKey, BigDecimal> byLevel) {
        Map<LevelKey, BigDecimal> remaining = new LinkedHashMap<>(byLevel);
        List<OrderItem> result = new ArrayList<>(items.size());
        for (OrderItem item : items) {
            if (!item.isTracked()) {
                result.add(item.withStock(zero(), zero()));
                continue;
            }
            LevelKey level = levelOf(item);
            BigDecimal left = remaining.getOrDefault(level, BigDecimal.ZERO);
            BigDecimal take = left.min(item.quantity()).max(BigDecimal.ZERO);
            remaining.put(level, left.subtract(take));
            result.add(item.withStock(Quantities.requireValid("reserved_qty", take), zero()));
        }
        return result;
    }

    private static Map<LevelKey, BigDecimal> sumByLevel(List<OrderItem> items, boolean reserved) {
        Map<LevelKey, BigDecimal> sums = new LinkedHashMap<>();
        for (OrderItem item : items) {
            if (item.isTracked()) {
                BigDecimal quantity = reserved ? item.reservedQuantity() : item.quantity();
                if (quantity.signum() > 0) {
                    sums.merge(levelOf(item), quantity, BigDecimal::add);
                }
            }
        }
        return sums;
    }

    private static LevelKey levelOf(OrderItem item) {
        return new LevelKey(item.productId(), item.locationId(), Room.SALES_FLOOR);
    }

    // ---------------------------------------------------------------- helpers

    /** Numbers the items and resolves each p1_id against the catalogue; only known products of a stock-holding order are tracked. */
    private List<OrderItem> resolveItems(Org org, boolean reservesStock, List<OrderDraft.ItemDraft> drafts) {
        List<OrderItem> items = new ArrayList<>(drafts.size());
        int lineNo = 1;
        for (OrderDraft.ItemDraft draft : drafts) {
            Optional<Product> product = draft.p1Id() == null ? Optional.empty() : catalog.findProductByP1Id(org.orgId(), draft.p1Id());
            boolean tracked = reservesStock && product.isPresent();
            String name = draft.name() != null ? draft.name() : product.map(Product::name).orElse(draft.p1Id());
            items.add(new OrderItem(lineNo++, draft.p1Id(), tracked ? product.get().productId() : null,
                    tracked ? org.defaultLocationId() : null, name, Quantities.requireValid("qty", draft.quantity()),
                    draft.price(), zero(), zero()));
        }
        return items;
    }

    private static boolean sameItems(List<OrderItem> held, List<OrderItem> wanted) {
        if (held.size() != wanted.size()) {
            return false;
        }
        for (int i = 0; i < held.size(); i++) {
            OrderItem a = held.get(i);
            OrderItem b = wanted.get(i);
            if (!Objects.equals(a.p1Id(), b.p1Id()) || !a.name().equals(b.name()) || a.quantity().compareTo(b.quantity()) != 0
                    || (a.price() == null ? b.price() != null : b.price() == null || a.price().compareTo(b.price()) != 0)) {
                return false;
            }
        }
        return true;
    }

    private OrderHeader newHeader(Org org, OrderDraft draft, String orderId, Instant now) {
        return new OrderHeader(org.orgId(), orderId, draft.externalId(), draft.shopId(), draft.orderNumber(), micros(draft.orderDatetime()),
                OrderStatus.PENDING, org.reservationsEnabled(), draft.customerName(), draft.customerEmail(), draft.addressStreet(),
                draft.addressCity(), draft.addressPostalCode(), draft.addressPhone(), draft.totalAmount(), draft.paymentStatus(),
                draft.paymentReference(), draft.shippingOption(), Boolean.TRUE.equals(draft.shipped()),
                Boolean.TRUE.equals(draft.pickedUp()), Boolean.TRUE.equals(draft.cashOnPickup()), now, now);
    }

    /** ORD_yyyymmdd_xxxxxx: the UTC day of creation and six random characters, unique within the org. */
    private String newOrderId(String orgId, Instant now) {
        for (int attempt = 0; attempt < ORDER_ID_ATTEMPTS_MAX; attempt++) {
            StringBuilder id = new StringBuilder("ORD_").append(ID_DATE.format(now)).append('_');
            for (int i = 0; i < 6; i++) {
                id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
            }
            if (!orders.orderIdTaken(orgId, id.toString())) {
                return id.toString();
            }
        }
        throw new IllegalStateException("no free order id in org " + orgId + " after " + ORDER_ID_ATTEMPTS_MAX + " attempts");
    }

    private static void validate(OrderDraft draft) {
        Texts.required("shop_id", draft.shopId(), 100);
        Texts.required("external_id", draft.externalId(), 200);
        Texts.optional("order_number", draft.orderNumber(), 100);
        Texts.optional("customer_name", draft.customerName(), 300);
        Texts.optional("customer_email", draft.customerEmail(), 320);
        Texts.optional("address_street", draft.addressStreet(), 300);
        Texts.optional("address_city", draft.addressCity(), 200);
        Texts.optional("address_postal_code", draft.addressPostalCode(), 32);
        Texts.optional("address_phone", draft.addressPhone(), 64);
        Texts.optional("payment_reference", draft.paymentReference(), 200);
        Texts.optional("shipping_option", draft.shippingOption(), 200);
        validatePaymentStatus(draft.paymentStatus());
        validateMoney("total_amount", draft.totalAmount());
        if (draft.items() != null) {
            if (draft.items().size() > ITEMS_PER_ORDER_MAX) {
                throw DomainException.invalidField("items", "at most " + ITEMS_PER_ORDER_MAX + " items per order");
            }
            for (int i = 0; i < draft.items().size(); i++) {
                OrderDraft.ItemDraft item = draft.items().get(i);
                String prefix = "items[" + i + "].";
                if (item == null) {
                    throw DomainException.invalidField("items[" + i + "]", "an item must be an object");
                }
                if (item.p1Id() != null && !P1_ID.matcher(item.p1Id()).matches()) {
                    throw DomainException.invalidField(prefix + "p1_id", "p1_id may hold letters, digits and . _ : - (at most 64)");
                }
                if (item.p1Id() == null) {
                    Texts.required(prefix + "name", item.name(), 300);
                } else {
                    Texts.optional(prefix + "name", item.name(), 300);
                }
                if (item.quantity() == null) {
                    throw new DomainException(400, "missing_field", prefix + "qty is required", prefix + "qty", Map.of());
                }
                Quantities.requirePositive(prefix + "qty", item.quantity());
                validateMoney(prefix + "price", item.price());
            }
        }
    }

    private static void validateMoney(String field, BigDecimal amount) {
        if (amount != null && (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 4 || amount.compareTo(MONEY_MAX) > 0)) {
            throw DomainException.invalidField(field, field + " must be between 0 and " + MONEY_MAX + " with at most 4 decimal places");
        }
    }

    private static void validatePaymentStatus(String paymentStatus) {
        if (paymentStatus != null && !PAYMENT_STATUS.matcher(paymentStatus).matches()) {
            throw DomainException.invalidField("payment_status", "payment_status must be a lower-case word such as paid or pending");
        }
    }

    private static DomainException unknownOrder(String orderId) {
        return DomainException.notFound("unknown_order", "order " + orderId + " does not exist");
    }

    /** Microseconds: what both databases store, so a written order reads back equal. */
    private Instant now() {
        return micros(clock.instant());
    }

    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static BigDecimal zero() {
        return BigDecimal.ZERO.setScale(Quantities.SCALE_MAX);
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
