-- pgbench script of bench/run: 100 adjustments in one transaction, +1 or -1 at random, over 100
-- distinct products: the i-th (i = 0..99) is a random product of the i-th hundredth of 1..:products,
-- so every product is equally likely, as in the uniform script, and each transaction locks its
-- levels in ascending order, as Stockledger locks a batch in key order: concurrent transactions
-- cannot deadlock. One round trip per adjustment, one commit (one WAL flush) per 100: the ceiling
-- of a writer that groups adjustments into transactions. Needs :products >= 100.
-- Generated: 100 times the same three lines (i in the first \set).
begin;
\set p 0 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 1 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 2 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 3 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 4 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 5 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 6 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 7 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 8 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 9 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 10 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 11 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 12 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 13 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 14 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 15 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 16 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 17 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 18 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 19 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 20 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 21 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 22 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 23 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 24 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 25 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 26 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 27 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 28 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 29 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 30 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 31 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 32 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 33 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 34 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 35 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 36 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 37 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 38 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 39 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 40 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 41 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 42 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 43 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 44 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 45 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 46 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 47 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 48 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 49 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 50 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 51 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 52 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 53 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 54 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 55 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 56 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 57 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 58 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 59 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 60 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 61 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 62 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 63 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 64 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 65 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 66 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 67 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 68 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 69 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 70 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 71 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 72 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 73 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 74 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 75 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 76 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 77 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 78 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 79 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 80 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 81 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 82 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 83 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 84 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 85 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 86 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 87 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 88 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 89 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 90 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 91 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 92 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 93 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 94 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 95 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 96 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 97 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 98 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
\set p 99 * :products / 100 + random(1, :products / 100)
\set d random(0, 1) * 2 - 1
select bench_adjust(:p, :d, :client_id);
commit;
