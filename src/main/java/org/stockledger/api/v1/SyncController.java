package org.stockledger.api.v1;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.stockledger.access.Caller;
import org.stockledger.access.Scope;
import org.stockledger.ledger.Actor;
import org.stockledger.sync.ConnectorSettings;
import org.stockledger.sync.CsvUpload;
import org.stockledger.sync.SyncJob;
import org.stockledger.sync.SyncService;
import org.stockledger.web.RequiresScope;

/** POS sync: per-location connector settings, CSV uploads, sync jobs. */
@RestController
@Tag(name = "POS sync (v1)", description = "Connect a location to its point-of-sale counts and reconcile stock to them")
public class SyncController {

    private final SyncService sync;

    public SyncController(SyncService sync) {
        this.sync = sync;
    }

    record SyncRequest(String locationId, String syncType) {
    }

    record JobView(String jobId, String locationId, String syncType, String connectorType, String status, int itemsSeen,
            int itemsChanged, int unknownSkus, int errors, String failureReason, Instant createdAt, Instant startedAt,
            Instant finishedAt) {

        static JobView of(SyncJob job) {
            return new JobView(job.jobId().toString(), job.locationId().toString(), job.syncType(), job.connectorType(),
                    job.status(), job.itemsSeen(), job.itemsChanged(), job.unknownSkus(), job.errors(), job.failureReason(),
                    job.createdAt(), job.startedAt(), job.finishedAt());
        }
    }

    @PostMapping("/api/v1/inventory/sync")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Trigger a POS sync",
            description = "Starts a sync of location_id with its POS connector and answers 202 with the job (status queued); poll "
                    + "GET /api/v1/inventory/sync/{job_id}. sync_type full: every product in the POS feed is counted on the "
                    + "location's sales floor (a count movement, kind sync, reason code SYNC, for each difference; equal items "
                    + "untouched; items absent from the feed untouched). incremental: only the rows whose POS count differs "
                    + "from the count the last successful sync saw (the cursor; the HTTP feed is also asked for "
                    + "updated_after=<start of that sync>); with no earlier successful sync it is a full sync. All of a sync "
                    + "is applied in one transaction or nothing is: an unreachable, slow, malformed or oversized feed, or a count "
                    + "below the reserved quantity, fails the job with failure_reason and changes no stock. 409 "
                    + "no_pos_connector, 409 sync_in_progress (one sync per location at a time), 503 sync_queue_full.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.SYNC_REQUEST))),
            responses = @ApiResponse(responseCode = "202", content = @Content(examples = @ExampleObject(value = V1Examples.SYNC_JOB))))
    public ResponseEntity<JobView> startSync(Caller caller, @RequestBody SyncRequest request) {
        SyncJob job = sync.startSync(caller.orgId(), new Actor(caller.tokenId(), caller.tokenName()), request.locationId(), request.syncType());
        return ResponseEntity.status(202).header("Location", "/api/v1/inventory/sync/" + job.jobId()).body(JobView.of(job));
    }

    @GetMapping("/api/v1/inventory/sync/{jobId}")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "Sync job status",
            description = "status (queued, running, succeeded, failed), items_seen (feed rows), items_changed (items whose stock "
                    + "a count changed), unknown_skus (rows naming no product of the org), errors (unreadable rows, skipped), "
                    + "failure_reason, and created_at / started_at / finished_at.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.SYNC_JOB))))
    public JobView syncJob(Caller caller, @PathVariable String jobId) {
        return JobView.of(sync.job(caller.orgId(), jobId));
    }

    record ConnectorRequest(String type, String url, String bearerToken) {
    }

    record CsvUploadView(int rowCount, Instant uploadedAt) {
    }

    record ConnectorView(String locationId, String type, String url, boolean hasBearerToken, Instant createdAt, Instant updatedAt,
            CsvUploadView csvUpload) {
    }

    private ConnectorView view(String orgId, ConnectorSettings settings) {
        CsvUploadView upload = sync.csvUpload(orgId, settings.locationId())
                .map(found -> new CsvUploadView(found.rowCount(), found.uploadedAt())).orElse(null);
        return new ConnectorView(settings.locationId().toString(), settings.type(), settings.url(), settings.hasBearerToken(),
                settings.createdAt(), settings.updatedAt(), upload);
    }

    @PutMapping("/api/v1/locations/{locationId}/pos-connector")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Configure the location's POS connector",
            description = "type http_json: url (absolute http/https, at most 2000 characters) answering GET with a JSON array of "
                    + "{sku or product_id, quantity} (or an object holding it under data), optional bearer_token sent as "
                    + "Authorization: Bearer (stored, never returned: has_bearer_token says whether one is set). type "
                    + "csv_upload: counts come from the latest CSV uploaded to .../pos-connector/csv. Replaces the settings "
                    + "whole (an omitted bearer_token removes it).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(
                    content = @Content(examples = @ExampleObject(value = V1Examples.CONNECTOR_REQUEST))),
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.CONNECTOR_RESPONSE))))
    public ConnectorView configureConnector(Caller caller, @PathVariable String locationId, @RequestBody ConnectorRequest request) {
        return view(caller.orgId(), sync.configureConnector(caller.orgId(), locationId, request.type(), request.url(), request.bearerToken()));
    }

    @GetMapping("/api/v1/locations/{locationId}/pos-connector")
    @RequiresScope(Scope.INVENTORY_READ)
    @Operation(summary = "The location's POS connector", description = "The settings without the secret; 404 no_pos_connector when none.",
            responses = @ApiResponse(responseCode = "200", content = @Content(examples = @ExampleObject(value = V1Examples.CONNECTOR_RESPONSE))))
    public ConnectorView connector(Caller caller, @PathVariable String locationId) {
        return view(caller.orgId(), sync.connector(caller.orgId(), locationId));
    }

    record CsvRequest(String csv) {
    }

    @PutMapping(path = "/api/v1/locations/{locationId}/pos-connector/csv", consumes = "application/json")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Upload a CSV of counts (JSON)",
            description = "{\"csv\": \"sku,quantity\\nBD-EIGHTH-001,45\\n\"}: a header naming quantity and sku and/or product_id, "
                    + "then one row per product; at most 10000 rows. Checked now (400 malformed_csv names the bad rows); "
                    + "replaces the previous upload. A sync of a csv_upload connector reads the latest upload.")
    public CsvUploadView uploadCsvJson(Caller caller, @PathVariable String locationId, @RequestBody CsvRequest request) {
        CsvUpload upload = sync.uploadCsv(caller.orgId(), locationId, request.csv());
        return new CsvUploadView(upload.rowCount(), upload.uploadedAt());
    }

    @PutMapping(path = "/api/v1/locations/{locationId}/pos-connector/csv", consumes = "text/csv")
    @RequiresScope(Scope.INVENTORY_WRITE)
    @Operation(summary = "Upload a CSV of counts (text/csv)", description = "The same as the JSON form, with the CSV as the body.")
    public CsvUploadView uploadCsvText(Caller caller, @PathVariable String locationId, @RequestBody String csv) {
        CsvUpload upload = sync.uploadCsv(caller.orgId(), locationId, csv);
        return new CsvUploadView(upload.rowCount(), upload.uploadedAt());
    }
}
