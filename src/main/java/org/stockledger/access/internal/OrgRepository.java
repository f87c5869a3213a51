package org.stockledger.access.internal;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.access.Org;

@Repository
public class OrgRepository {

    private final JdbcClient jdbc;

    public OrgRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertOrg(String orgId, String name, String timeZone, Instant createdAt) {
        jdbc.sql("""
                insert into orgs (org_id, name, time_zone, created_at)
                values (:orgId, :name, :timeZone, :createdAt)
                """)
                .param("orgId", orgId)
                .param("name", name)
                .param("timeZone", timeZone)
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    public void updateDefaultLocation(String orgId, UUID locationId) {
        jdbc.sql("update orgs set default_location_id = :locationId where org_id = :orgId")
                .param("orgId", orgId)
                .param("locationId", locationId)
                .update();
    }

    public void updateSettings(String orgId, boolean reservationsEnabled, boolean strictOrderWorkflow,
            BigDecimal defaultReorderPoint, String timeZone) {
        jdbc.sql("""
                update orgs
                set reservations_enabled = :reservationsEnabled, strict_order_workflow = :strictOrderWorkflow,
                    default_reorder_point = :defaultReorderPoint, time_zone = :timeZone
                where org_id = :orgId
                """)
                .param("orgId", orgId)
                .param("reservationsEnabled", reservationsEnabled)
                .param("strictOrderWorkflow", strictOrderWorkflow)
                .param("defaultReorderPoint", defaultReorderPoint)
                .param("timeZone", timeZone)
                .update();
    }

    public Optional<Org> findOrg(String orgId) {
        return jdbc.sql("""
                select org_id, name, time_zone, default_location_id, reservations_enabled,
                       strict_order_workflow, default_reorder_point
                from orgs where org_id = :orgId
                """)
                .param("orgId", orgId)
                .query(OrgRepository::toOrg)
                .optional();
    }

    public List<String> listOrgIds() {
        return jdbc.sql("select org_id from orgs order by org_id").query(String.class).list();
    }

    public long countOrgs() {
        return jdbc.sql("select count(*) from orgs").query(Long.class).single();
    }

    private static Org toOrg(ResultSet rs, int row) throws SQLException {
        return new Org(
                rs.getString("org_id"),
                rs.getString("name"),
                ZoneId.of(rs.getString("time_zone")),
                rs.getObject("default_location_id", UUID.class),
                rs.getBoolean("reservations_enabled"),
                rs.getBoolean("strict_order_workflow"),
                rs.getBigDecimal("default_reorder_point"));
    }
}
