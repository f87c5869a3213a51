package org.stockledger.orders.internal;

import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.stockledger.ledger.InvariantCheck;
import org.stockledger.ledger.Mismatch;

/**
 * The orders' reservation invariant: every stock level's {@code reserved} equals the sum of
 * {@code reserved_qty} of the items of open orders at that level, and no item of a closed order
 * holds a reservation. Orders reserve only at the sales floor of a location.
 */
@Component
public class ReservationCheck implements InvariantCheck {

    private static final String OPEN_STATUSES = "('pending', 'awaiting_payment', 'awaiting_packing', 'ready_pickup')";

    private final JdbcClient jdbc;

    public ReservationCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "order-reservations";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        List<Mismatch> mismatches = new ArrayList<>();
        jdbc.sql("""
                select l.org_id, l.product_id, l.location_id, l.room, l.reserved, coalesce(h.held, 0) as held
                from stock_levels l
                left join (
                    select i.org_id, i.product_id, i.location_id, sum(i.reserved_qty) as held
                    from order_items i join orders o on o.org_id = i.org_id and o.order_id = i.order_id
                    where (:orgId is null or i.org_id = :orgId) and i.product_id is not null
                      and o.status in""" + OPEN_STATUSES + """
                    group by i.org_id, i.product_id, i.location_id
                ) h on h.org_id = l.org_id and h.product_id = l.product_id and h.location_id = l.location_id
                       and l.room = 'sales_floor'
                where (:orgId is null or l.org_id = :orgId) and l.reserved <> coalesce(h.held, 0)
                order by l.org_id, l.product_id, l.location_id, l.room
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query(rs -> {
                    mismatches.add(new Mismatch(name(), rs.getString("org_id"),
                            "product " + rs.getString("product_id") + " at " + rs.getString("location_id") + "/" + rs.getString("room"),
                            "reserved", rs.getBigDecimal("held").stripTrailingZeros().toPlainString(),
                            rs.getBigDecimal("reserved").stripTrailingZeros().toPlainString()));
                });
        jdbc.sql("""
                select i.org_id, i.order_id, i.line_no, i.reserved_qty
                from order_items i join orders o on o.org_id = i.org_id and o.order_id = i.order_id
                where (:orgId is null or i.org_id = :orgId) and i.reserved_qty <> 0
                  and (o.status not in""" + OPEN_STATUSES + """
                       or not exists (select 1 from stock_levels l where l.org_id = i.org_id and l.product_id = i.product_id
                                      and l.location_id = i.location_id and l.room = 'sales_floor'))
                order by i.org_id, i.order_id, i.line_no
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query(rs -> {
                    mismatches.add(new Mismatch(name(), rs.getString("org_id"),
                            "order " + rs.getString("order_id") + " line " + rs.getInt("line_no"), "reserved_qty", "0",
                            rs.getBigDecimal("reserved_qty").stripTrailingZeros().toPlainString()));
                });
        return mismatches;
    }
}
