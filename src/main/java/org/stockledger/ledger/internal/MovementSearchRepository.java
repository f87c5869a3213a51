package org.stockledger.ledger.internal;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.ledger.LedgerSearches.MovementSearch;
import org.stockledger.ledger.Movement;
import org.stockledger.ledger.MovementKind;

/**
 * Searches movements by product, location, kind and creation time, newest first. Ordering by
 * movement_id (UUIDv7, so creation order) lets the product and location indexes serve the order.
 */
@Repository
public class MovementSearchRepository {

    private static final String CONDITIONS = """
            from movements
            where org_id = :orgId and kind in (:kinds) and delta_on_hand <> 0""";
    private static final String PRODUCT_CONDITION = " and product_id = :productId";
    private static final String LOCATION_CONDITION = " and location_id = :locationId";
    private static final String FROM_CONDITION = " and created_at >= :createdFrom";
    private static final String BEFORE_CONDITION = " and created_at < :createdBefore";

    private final JdbcClient jdbc;

    public MovementSearchRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Movement> search(String orgId, MovementSearch search, int limit, long offset) {
        return bind(jdbc.sql("select " + MovementRepository.COLUMNS + conditions(search)
                + " order by movement_id desc limit :limit offset :offset"), orgId, search)
                .param("limit", limit)
                .param("offset", offset)
                .query(MovementRepository::toMovement)
                .list();
    }

    public long count(String orgId, MovementSearch search) {
        return bind(jdbc.sql("select count(*) " + conditions(search)), orgId, search).query(Long.class).single();
    }

    private static String conditions(MovementSearch search) {
        StringBuilder sql = new StringBuilder(CONDITIONS);
        if (search.productId() != null) {
            sql.append(PRODUCT_CONDITION);
        }
        if (search.locationId() != null) {
            sql.append(LOCATION_CONDITION);
        }
        if (search.createdFrom() != null) {
            sql.append(FROM_CONDITION);
        }
        if (search.createdBefore() != null) {
            sql.append(BEFORE_CONDITION);
        }
        return sql.toString();
    }

    private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, String orgId, MovementSearch search) {
        statement = statement.param("orgId", orgId)
                .param("kinds", search.kinds().stream().map(MovementKind::wireName).sorted().toList());
        if (search.productId() != null) {
            statement = statement.param("productId", search.productId());
        }
        if (search.locationId() != null) {
            statement = statement.param("locationId", search.locationId());
        }
        if (search.createdFrom() != null) {
            statement = statement.param("createdFrom", Rows.utc(search.createdFrom()));
        }
        if (search.createdBefore() != null) {
            statement = statement.param("createdBefore", Rows.utc(search.createdBefore()));
        }
        return statement;
    }
}
