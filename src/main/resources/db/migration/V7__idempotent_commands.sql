-- An Idempotency-Key sent with a single ledger command (POST /inventory/adjust, PATCH
-- /api/v1/inventory/{id}) is recorded in the ledger's own, possibly group-committed, transaction
-- together with the command's outcome; the HTTP response is stored after the commit. A retry that
-- finds an outcome but no response (the service stopped in between) re-renders the response from
-- the stored outcome instead of applying the command again.
alter table idempotency_records add column applied_outcome varchar(1000000);

-- Expiry purges by age across orgs; an index that starts with org_id did not serve it, and it
-- competed with the primary key for lookups by (org_id, idempotency_key): with few rows in the
-- statistics PostgreSQL picked it and filtered every record of the org for one key.
drop index ix_idempotency_records_created;
create index ix_idempotency_records_created on idempotency_records (created_at);
