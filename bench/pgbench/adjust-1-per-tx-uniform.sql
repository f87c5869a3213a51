-- pgbench script of bench/run: one adjustment per transaction, product uniform over 1..:products,
-- +1 or -1 at random: what one POST /inventory/adjust writes (bench_adjust, see schema.sql), as
-- its own transaction (autocommit), one round trip. Stockledger's uniform scenario, without the service.
\set p random(1, :products)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
