package org.stockledger.catalog.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.catalog.Location;

@Repository
public class LocationRepository {

    private final JdbcClient jdbc;

    public LocationRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insertLocation(String orgId, UUID locationId, String code, String name, Instant createdAt) {
        jdbc.sql("""
                insert into locations (org_id, location_id, code, name, created_at)
                values (:orgId, :locationId, :code, :name, :createdAt)
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .param("code", code)
                .param("name", name)
                .param("createdAt", OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC))
                .update();
    }

    public Optional<Location> findById(String orgId, UUID locationId) {
        return jdbc.sql("""
                select l.org_id, l.location_id, l.code, l.name, l.created_at,
                       case when o.default_location_id = l.location_id then true else false end as is_default
                from locations l join orgs o on o.org_id = l.org_id
                where l.org_id = :orgId and l.location_id = :locationId
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query(LocationRepository::toLocation)
                .optional();
    }

    public List<Location> listLocations(String orgId) {
        return jdbc.sql("""
                select l.org_id, l.location_id, l.code, l.name, l.created_at,
                       case when o.default_location_id = l.location_id then true else false end as is_default
                from locations l join orgs o on o.org_id = l.org_id
                where l.org_id = :orgId
                order by l.code
                """)
                .param("orgId", orgId)
                .query(LocationRepository::toLocation)
                .list();
    }

    private static Location toLocation(ResultSet rs, int row) throws SQLException {
        return new Location(
                rs.getString("org_id"),
                rs.getObject("location_id", UUID.class),
                rs.getString("code"),
                rs.getString("name"),
                rs.getBoolean("is_default"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
