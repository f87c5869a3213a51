package org.stockledger.sync.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.stockledger.sync.ConnectorSettings;
import org.stockledger.sync.CsvUpload;

/** Connector settings and CSV uploads per location. */
@Repository
public class ConnectorRepository {

    private final JdbcClient jdbc;

    public ConnectorRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces the location's settings (creation time kept); runs under the caller's transaction. */
    public void saveConnector(ConnectorSettings settings) {
        int updated = jdbc.sql("""
                update pos_connectors set connector_type = :type, feed_url = :url, bearer_token = :token, updated_at = :now
                where org_id = :orgId and location_id = :locationId
                """)
                .param("orgId", settings.orgId())
                .param("locationId", settings.locationId())
                .param("type", settings.type())
                .param("url", settings.url())
                .param("token", settings.bearerToken())
                .param("now", SyncRows.utc(settings.updatedAt()))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into pos_connectors (org_id, location_id, connector_type, feed_url, bearer_token, created_at, updated_at)
                    values (:orgId, :locationId, :type, :url, :token, :now, :now)
                    """)
                    .param("orgId", settings.orgId())
                    .param("locationId", settings.locationId())
                    .param("type", settings.type())
                    .param("url", settings.url())
                    .param("token", settings.bearerToken())
                    .param("now", SyncRows.utc(settings.updatedAt()))
                    .update();
        }
    }

    public Optional<ConnectorSettings> findConnector(String orgId, UUID locationId) {
        return jdbc.sql("""
                select org_id, location_id, connector_type, feed_url, bearer_token, created_at, updated_at
                from pos_connectors where org_id = :orgId and location_id = :locationId
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query(ConnectorRepository::toSettings)
                .optional();
    }

    public void saveCsvUpload(String orgId, UUID locationId, String csvText, int rowCount, Instant uploadedAt) {
        int updated = jdbc.sql("""
                update pos_csv_uploads set csv_text = :csv, row_count = :rows, uploaded_at = :now
                where org_id = :orgId and location_id = :locationId
                """)
                .param("orgId", orgId)
                .param("locationId", locationId)
                .param("csv", csvText)
                .param("rows", rowCount)
                .param("now", SyncRows.utc(uploadedAt))
                .update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into pos_csv_uploads (org_id, location_id, csv_text, row_count, uploaded_at)
                    values (:orgId, :locationId, :csv, :rows, :now)
                    """)
                    .param("orgId", orgId)
                    .param("locationId", locationId)
                    .param("csv", csvText)
                    .param("rows", rowCount)
                    .param("now", SyncRows.utc(uploadedAt))
                    .update();
        }
    }

    public Optional<String> findCsvText(String orgId, UUID locationId) {
        return jdbc.sql("select csv_text from pos_csv_uploads where org_id = :orgId and location_id = :locationId")
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query(String.class)
                .optional();
    }

    public Optional<CsvUpload> findCsvUpload(String orgId, UUID locationId) {
        return jdbc.sql("select location_id, row_count, uploaded_at from pos_csv_uploads where org_id = :orgId and location_id = :locationId")
                .param("orgId", orgId)
                .param("locationId", locationId)
                .query((rs, row) -> new CsvUpload(rs.getObject("location_id", UUID.class), rs.getInt("row_count"),
                        SyncRows.instant(rs, "uploaded_at")))
                .optional();
    }

    private static ConnectorSettings toSettings(ResultSet rs, int row) throws SQLException {
        return new ConnectorSettings(
                rs.getString("org_id"),
                rs.getObject("location_id", UUID.class),
                rs.getString("connector_type"),
                rs.getString("feed_url"),
                rs.getString("bearer_token"),
                SyncRows.instant(rs, "created_at"),
                SyncRows.instant(rs, "updated_at"));
    }
}
