package org.stockledger.sync;

import java.time.Instant;
import java.util.List;

/**
 * The seam every POS source plugs into: fetch the current counts of one location. A connector
 * is a Spring bean named by {@link #type()}; a vendor connector (Square's inventory counts API,
 * say) is one class more. It runs outside any transaction and must bound its own time and size.
 */
public interface PosConnector {

    /** The {@code type} of connector settings this connector serves, e.g. {@code http_json}. */
    String type();

    /**
     * The counts of the location. {@code updatedAfterOrNull} is the cursor of an incremental sync
     * (the start of the last successful sync): a source that can may return only rows changed
     * since; returning every row is always correct.
     */
    List<PosCount> fetchCounts(ConnectorSettings settings, Instant updatedAfterOrNull) throws PosFeedException;
}
