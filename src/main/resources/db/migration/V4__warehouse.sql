-- Warehouse inventory API (seed 003). The movement history filters by creation time
-- (start_date / end_date) across all products and locations of an org; this index serves that
-- range without a scan of the org's whole ledger.
create index ix_movements_created on movements (org_id, created_at, movement_id);
