-- pgbench script of bench/run: 100 adjustments of distinct products, uniform over 1..:products, in
-- one transaction of set-based statements (bench_adjust_set, see schema.sql), one round trip: what
-- Stockledger's group commit asks of PostgreSQL, without the service. bench/run runs it with 2
-- clients, as many as the service's writers of one org's queue. Needs :products divisible by 100.
select bench_adjust_set(100, :products, :client_id);
