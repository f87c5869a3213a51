package org.stockledger.ledger.internal;

import java.sql.Types;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.stockledger.ledger.InvariantCheck;
import org.stockledger.ledger.Mismatch;

/**
 * Every level is listed once in {@code level_names}, under its product's name, and nothing else
 * is: a missing or stale row would leave the item out of the location inventory list, or list it
 * out of its place.
 */
@Component
public class LevelNameCheck implements InvariantCheck {

    private final JdbcClient jdbc;

    public LevelNameCheck(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public String name() {
        return "level-names";
    }

    @Override
    public List<Mismatch> findMismatches(String orgId) {
        return jdbc.sql("""
                select l.org_id, l.product_id, l.location_id, l.room, p.name as expected, '(not listed)' as actual
                from stock_levels l
                join products p on p.org_id = l.org_id and p.product_id = l.product_id
                left join level_names n on n.org_id = l.org_id and n.product_id = l.product_id
                                       and n.location_id = l.location_id and n.room = l.room
                where n.org_id is null and (:orgId is null or l.org_id = :orgId)
                union all
                select n.org_id, n.product_id, n.location_id, n.room, coalesce(p.name, '(no level)'), n.product_name
                from level_names n
                left join stock_levels l on l.org_id = n.org_id and l.product_id = n.product_id
                                        and l.location_id = n.location_id and l.room = n.room
                left join products p on p.org_id = n.org_id and p.product_id = n.product_id
                where (l.org_id is null or p.name is null or n.product_name <> p.name) and (:orgId is null or n.org_id = :orgId)
                order by 1, 2, 3, 4
                """)
                .param("orgId", orgId, Types.VARCHAR)
                .query((rs, row) -> new Mismatch(name(), rs.getString("org_id"),
                        "level of product " + rs.getString("product_id") + " at " + rs.getString("location_id") + " in "
                                + rs.getString("room"),
                        "listed name", rs.getString("expected"), rs.getString("actual")))
                .list();
    }
}
