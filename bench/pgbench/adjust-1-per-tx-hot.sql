-- pgbench script of bench/run: one adjustment per transaction, every one on product 1, +1 or -1
-- at random: all clients queue on one stock level's row lock, which each holds from its update to
-- its commit. Stockledger's hot scenario, without the service.
\set p 1
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
