-- Indexes for reads whose cost must not follow the size of the catalogue or the ledger.
-- The location inventory list (v1) pages items in product-name order: walking products by name
-- and joining each one's levels serves a page without sorting every item of the org.
create index ix_products_name on products (org_id, name, product_id);
