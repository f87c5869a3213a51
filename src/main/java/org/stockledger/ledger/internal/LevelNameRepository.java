package org.stockledger.ledger.internal;

import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Renames in {@code level_names}; its rows are inserted with their levels ({@link LevelRepository#insertMissingLevels}). */
@Repository
public class LevelNameRepository {

    private final JdbcClient jdbc;

    public LevelNameRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void rename(String orgId, UUID productId, String name) {
        jdbc.sql("update level_names set product_name = :name where org_id = :orgId and product_id = :productId")
                .param("orgId", orgId)
                .param("productId", productId)
                .param("name", name)
                .update();
    }
}
