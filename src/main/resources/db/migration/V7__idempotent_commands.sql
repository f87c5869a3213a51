-- An Idempotency-Key sent with a single ledger command (POST /inventory/adjust, PATCH
-- /api/v1/inventory/{id}) is recorded in the ledger's own, possibly group-committed, transaction
-- together with the command's outcome; the HTTP response is stored after the commit. A retry that
-- finds an outcome but no response (the service stopped in between) re-renders the response from
-- the stored outcome instead of applying the command again.
alter table idempotency_records add column applied_outcome varchar(1000000);
