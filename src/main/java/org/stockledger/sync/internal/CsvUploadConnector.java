package org.stockledger.sync.internal;

import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;
import org.stockledger.sync.ConnectorSettings;
import org.stockledger.sync.PosConnector;
import org.stockledger.sync.PosCount;
import org.stockledger.sync.PosFeedException;

/** Counts from the location's latest CSV upload. A file has no history, so every row is returned. */
@Component
public class CsvUploadConnector implements PosConnector {

    public static final String TYPE = "csv_upload";

    private final ConnectorRepository connectors;

    public CsvUploadConnector(ConnectorRepository connectors) {
        this.connectors = connectors;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<PosCount> fetchCounts(ConnectorSettings settings, Instant updatedAfterOrNull) throws PosFeedException {
        String csv = connectors.findCsvText(settings.orgId(), settings.locationId())
                .orElseThrow(() -> new PosFeedException("no CSV of counts has been uploaded for this location"));
        return CsvCounts.parse(csv);
    }
}
