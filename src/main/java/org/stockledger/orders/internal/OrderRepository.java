package org.stockledger.orders.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.orders.OrderHeader;
import org.stockledger.orders.OrderItem;
import org.stockledger.orders.OrderStatus;
import org.stockledger.support.SqlDialect;

/** Orders and their items. Reads that precede a change lock the order row (FOR UPDATE). */
@Repository
public class OrderRepository {

    private static final String COLUMNS = """
            org_id, order_id, external_id, shop_id, order_number, order_datetime, status, reserves_stock,
            customer_name, customer_email, address_street, address_city, address_postal_code, address_phone,
            total_amount, payment_status, payment_reference, shipping_option, shipped, picked_up, cash_on_pickup,
            created_at, updated_at
            """;
    private static final String ITEM_COLUMNS = """
            line_no, p1_id, product_id, location_id, name, qty, price, reserved_qty, fulfilled_qty
            """;

    private final JdbcClient jdbc;
    private final SqlDialect dialect;

    public OrderRepository(JdbcClient jdbc, SqlDialect dialect) {
        this.jdbc = jdbc;
        this.dialect = dialect;
    }

    /**
     * Inserts the order unless one with its key or its (external_id, shop_id) exists; false then.
     * PostgreSQL waits for a concurrent inserter of the same key and skips; H2 raises the
     * duplicate-key error without aborting the transaction.
     */
    public boolean insertOrderIfAbsent(OrderHeader order) {
        try {
            int inserted = jdbc.sql("insert into orders (" + COLUMNS + """
                    ) values (:orgId, :orderId, :externalId, :shopId, :orderNumber, :orderDatetime, :status, :reservesStock,
                    :customerName, :customerEmail, :addressStreet, :addressCity, :addressPostalCode, :addressPhone,
                    :totalAmount, :paymentStatus, :paymentReference, :shippingOption, :shipped, :pickedUp, :cashOnPickup,
                    :createdAt, :updatedAt)""" + dialect.onConflictDoNothing())
                    .paramSource(orderParameters(order))
                    .update();
            return inserted == 1;
        } catch (DuplicateKeyException exists) {
            return false;
        }
    }

    /** Writes every mutable field of the order (ids, shop, reserves_stock and created_at never change). */
    public void updateOrder(OrderHeader order) {
        jdbc.sql("""
                update orders
                set order_number = :orderNumber, order_datetime = :orderDatetime, status = :status,
                    customer_name = :customerName, customer_email = :customerEmail, address_street = :addressStreet,
                    address_city = :addressCity, address_postal_code = :addressPostalCode, address_phone = :addressPhone,
                    total_amount = :totalAmount, payment_status = :paymentStatus, payment_reference = :paymentReference,
                    shipping_option = :shippingOption, shipped = :shipped, picked_up = :pickedUp,
                    cash_on_pickup = :cashOnPickup, updated_at = :updatedAt
                where org_id = :orgId and order_id = :orderId
                """)
                .paramSource(orderParameters(order))
                .update();
    }

    /** Every column of an order as named parameters; each statement takes the ones it names. */
    private static MapSqlParameterSource orderParameters(OrderHeader order) {
        return new MapSqlParameterSource()
                .addValue("orgId", order.orgId())
                .addValue("orderId", order.orderId())
                .addValue("externalId", order.externalId())
                .addValue("shopId", order.shopId())
                .addValue("orderNumber", order.orderNumber())
                .addValue("orderDatetime", utc(order.orderDatetime()), Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("status", order.status().wireName())
                .addValue("reservesStock", order.reservesStock())
                .addValue("customerName", order.customerName())
                .addValue("customerEmail", order.customerEmail())
                .addValue("addressStreet", order.addressStreet())
                .addValue("addressCity", order.addressCity())
                .addValue("addressPostalCode", order.addressPostalCode())
                .addValue("addressPhone", order.addressPhone())
                .addValue("totalAmount", order.totalAmount(), Types.DECIMAL)
                .addValue("paymentStatus", order.paymentStatus())
                .addValue("paymentReference", order.paymentReference())
                .addValue("shippingOption", order.shippingOption())
                .addValue("shipped", order.shipped())
                .addValue("pickedUp", order.pickedUp())
                .addValue("cashOnPickup", order.cashOnPickup())
                .addValue("createdAt", utc(order.createdAt()))
                .addValue("updatedAt", utc(order.updatedAt()));
    }

    /** Locks the order row for the rest of the transaction, so changes of one order serialize. */
    public Optional<OrderHeader> lockOrder(String orgId, String orderId) {
        return jdbc.sql("select " + COLUMNS + " from orders where org_id = :orgId and order_id = :orderId for update")
                .param("orgId", orgId)
                .param("orderId", orderId)
                .query(OrderRepository::toOrder)
                .optional();
    }

    public Optional<OrderHeader> lockOrderByExternalId(String orgId, String externalId, String shopId) {
        return jdbc.sql("select " + COLUMNS + """
                 from orders where org_id = :orgId and external_id = :externalId and shop_id = :shopId for update""")
                .param("orgId", orgId)
                .param("externalId", externalId)
                .param("shopId", shopId)
                .query(OrderRepository::toOrder)
                .optional();
    }

    public Optional<OrderHeader> findOrder(String orgId, String orderId) {
        return jdbc.sql("select " + COLUMNS + " from orders where org_id = :orgId and order_id = :orderId")
                .param("orgId", orgId)
                .param("orderId", orderId)
                .query(OrderRepository::toOrder)
                .optional();
    }

    public boolean orderIdTaken(String orgId, String orderId) {
        return jdbc.sql("select count(*) from orders where org_id = :orgId and order_id = :orderId")
                .param("orgId", orgId)
                .param("orderId", orderId)
                .query(Long.class)
                .single() > 0;
    }

    /** Newest first; order_id breaks ties between orders created in the same instant. */
    public List<OrderHeader> listOrders(String orgId, String status, String shopId, int limit, long offset) {
        return jdbc.sql("select " + COLUMNS + """
                 from orders
                where org_id = :orgId and (:status is null or status = :status) and (:shopId is null or shop_id = :shopId)
                order by created_at desc, order_id desc
                limit :limit offset :offset""")
                .param("orgId", orgId)
                .param("status", status, Types.VARCHAR)
                .param("shopId", shopId, Types.VARCHAR)
                .param("limit", limit)
                .param("offset", offset)
                .query(OrderRepository::toOrder)
                .list();
    }

    public long countOrders(String orgId, String status, String shopId) {
        return jdbc.sql("""
                select count(*) from orders
                where org_id = :orgId and (:status is null or status = :status) and (:shopId is null or shop_id = :shopId)
                """)
                .param("orgId", orgId)
                .param("status", status, Types.VARCHAR)
                .param("shopId", shopId, Types.VARCHAR)
                .query(Long.class)
                .single();
    }

    public List<OrderItem> findItems(String orgId, String orderId) {
        return jdbc.sql("select " + ITEM_COLUMNS + " from order_items where org_id = :orgId and order_id = :orderId order by line_no")
                .param("orgId", orgId)
                .param("orderId", orderId)
                .query(OrderRepository::toItem)
                .list();
    }

    /** Replaces the order's items with these (the item count per order is bounded by the service). */
    public void replaceItems(String orgId, String orderId, List<OrderItem> items) {
        jdbc.sql("delete from order_items where org_id = :orgId and order_id = :orderId")
                .param("orgId", orgId)
                .param("orderId", orderId)
                .update();
        for (OrderItem item : items) {
            JdbcClient.StatementSpec insert = jdbc.sql("insert into order_items (org_id, order_id, " + ITEM_COLUMNS + """
                    ) values (:orgId, :orderId, :lineNo, :p1Id, :productId, :locationId, :name, :qty, :price,
                    :reservedQty, :fulfilledQty)""")
                    .param("orgId", orgId)
                    .param("orderId", orderId)
                    .param("lineNo", item.lineNo())
                    .param("p1Id", item.p1Id(), Types.VARCHAR)
                    .param("name", item.name())
                    .param("qty", item.quantity())
                    .param("price", item.price(), Types.DECIMAL)
                    .param("reservedQty", item.reservedQuantity())
                    .param("fulfilledQty", item.fulfilledQuantity());
            insert = uuid(insert, "productId", item.productId());
            uuid(insert, "locationId", item.locationId()).update();
        }
    }

    private static JdbcClient.StatementSpec uuid(JdbcClient.StatementSpec statement, String name, UUID value) {
        return value == null ? statement.param(name, null, Types.OTHER) : statement.param(name, value);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OrderHeader toOrder(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        return new OrderHeader(
                rs.getString("org_id"),
                rs.getString("order_id"),
                rs.getString("external_id"),
                rs.getString("shop_id"),
                rs.getString("order_number"),
                instant(rs, "order_datetime"),
                OrderStatus.fromWireName(status).orElseThrow(() -> new IllegalStateException("unknown stored status " + status)),
                rs.getBoolean("reserves_stock"),
                rs.getString("customer_name"),
                rs.getString("customer_email"),
                rs.getString("address_street"),
                rs.getString("address_city"),
                rs.getString("address_postal_code"),
                rs.getString("address_phone"),
                rs.getBigDecimal("total_amount"),
                rs.getString("payment_status"),
                rs.getString("payment_reference"),
                rs.getString("shipping_option"),
                rs.getBoolean("shipped"),
                rs.getBoolean("picked_up"),
                rs.getBoolean("cash_on_pickup"),
                instant(rs, "created_at"),
                instant(rs, "updated_at"));
    }

    private static OrderItem toItem(ResultSet rs, int row) throws SQLException {
        return new OrderItem(
                rs.getInt("line_no"),
                rs.getString("p1_id"),
                rs.getObject("product_id", UUID.class),
                rs.getObject("location_id", UUID.class),
                rs.getString("name"),
                rs.getBigDecimal("qty"),
                rs.getBigDecimal("price"),
                rs.getBigDecimal("reserved_qty"),
                rs.getBigDecimal("fulfilled_qty"));
    }
}
