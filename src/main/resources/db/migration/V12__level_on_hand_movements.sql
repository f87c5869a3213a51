-- How many of a level's movements changed its on-hand (delta_on_hand <> 0), kept by the write path
-- in the level update it already makes. A product's movement list (warehouse dialect) without a
-- type or date filter counts exactly those movements, so its total is a sum over the product's few
-- levels instead of a count that fetches a ledger row per movement: about 500 table pages for a
-- busy product on a 10-million-movement ledger. verify checks it against the ledger (ledger-count).
alter table stock_levels add column on_hand_movements bigint not null default 0;

update stock_levels l
set on_hand_movements = (
    select count(*) from movements m
    where m.org_id = l.org_id and m.product_id = l.product_id and m.location_id = l.location_id
      and m.room = l.room and m.delta_on_hand <> 0);
