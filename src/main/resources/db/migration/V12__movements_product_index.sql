-- A product's movements counted without visiting the table. The warehouse movement list counts a
-- product's movements for its total on every page (only on-hand changes, of the listed kinds):
-- with only (org, product, movement) in the index, that visited every one of the product's
-- movement rows, one table page each, most of them outside the buffer cache on a large ledger.
-- With kind and delta_on_hand in the index PostgreSQL counts from the index alone (an index-only
-- scan, once vacuum has marked the pages all-visible, which an append-only table soon is). The
-- key's order, and so every read that walks a product's movements newest first, is unchanged:
-- movement_id is unique, so the two added columns never order anything.
drop index ix_movements_product;
create index ix_movements_product on movements (org_id, product_id, movement_id, kind, delta_on_hand);
