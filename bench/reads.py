#!/usr/bin/env python3
"""Helpers for bench/reads (standard library only; psql for the database).

  reads.py generate ORG PRODUCTS MOVEMENTS               bulk-generate a ledger with SQL into $PGDATABASE
  reads.py plans    ORG PRODUCTS LABEL OUTDIR            EXPLAIN (ANALYZE, BUFFERS) the read endpoints' SQL
  reads.py measure  BASE_URL TOKEN ORG PRODUCTS LABEL OUT.json [per-product]
                                                         p50/p99 of each read endpoint (or of the reads of
                                                         one product's history only) over HTTP
  reads.py table    SMALL.json LARGE.json [DENSE.json]   the comparison table with the targets

The database is the one psql reaches through PGHOST, PGPORT, PGUSER and PGDATABASE.
"""
import hashlib
import http.client
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import textwrap
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor, as_completed
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

ORG_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
HOT_SHARE = 10                     # one product in ten is "hot" and gets half of the movements
OPENING_STOCK = 500
REORDER_POINT = 510                # set on every fifth product, so some items are low
TARGET_P99_MS = 50.0
TARGET_RATIO = 2.0
SCAN_ROWS_MAX = 10_000             # a movements scan not bounded by LIMIT may read at most this many rows


def log(message):
    print("[reads %s] %s" % (time.strftime("%H:%M:%S", time.gmtime()), message), file=sys.stderr, flush=True)


def psql(sql, *, rows=False, quiet=True):
    """Runs SQL through psql (stdin, so several statements run in one session); returns stdout."""
    command = ["psql", "-X", "-v", "ON_ERROR_STOP=1", "-At", "-F", "\t"]
    if quiet:
        command.append("-q")
    result = subprocess.run(command, input=sql, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit("psql failed (%d): %s\n--- SQL ---\n%s" % (result.returncode, result.stderr.strip(), sql[:2000]))
    if rows:
        return [line.split("\t") for line in result.stdout.splitlines() if line]
    return result.stdout


def product_uuid(p1_id):
    """The generated product ids: md5('bench-product-<p1_id>') read as a UUID, as the SQL makes them."""
    return str(uuid.UUID(hashlib.md5(("bench-product-%d" % p1_id).encode()).hexdigest()))


def require_org(org):
    if not ORG_PATTERN.match(org):
        raise SystemExit("org id %r is not a plain identifier" % org)
    return org


# ------------------------------------------------------------------------------------------ generate

# One cycle of ten movements per product after its opening receipt (k = 0). Movement k >= 1 of a
# product has position c = k % 10; the on-hand after it is OPENING_STOCK + (k / 10) * 13 + prefix[c]
# (13 = the cycle's net), the incoming after it 20 from the announcement (c = 3) to the receipt
# that clears it (c = 0). So every balance is known in closed form and no window function over
# the whole ledger is needed. Positions 3 (incoming only) change no on-hand stock.
CYCLE = [
    # c, kind, reason_code, reason, delta_on_hand, delta_incoming, prefix_on_hand, incoming_after
    (0, "receipt", "RECEIPT", "purchase order received", 20, -20, 0, 0),
    (1, "shipment", "SALE", "POS sale", -1, 0, -1, 0),
    (2, "shipment", "SALE", "web shop order", -2, 0, -3, 0),
    (3, "adjustment", "ADJUSTMENT", "delivery announced", 0, 20, -3, 20),
    (4, "adjustment", "DAMAGE", "damaged in store", -1, 0, -4, 20),
    (5, "shipment", "SALE", "POS sale", -3, 0, -7, 20),
    (6, "count", "PHYSICAL_COUNT", "cycle count", 1, 0, -6, 20),
    (7, "shipment", "SALE", "POS sale", -2, 0, -8, 20),
    (8, "shipment", "SALE", "web shop order", -1, 0, -9, 20),
    (9, "adjustment", "RETURN", "customer return", 2, 0, -7, 20),
]
CYCLE_NET = sum(row[4] for row in CYCLE)


def check_cycle():
    """The closed form above holds: prefixes add up, the cycle nets 13 and stock never reaches zero."""
    prefix = 0
    for c in range(1, 10):
        prefix += CYCLE[c][4]
        if CYCLE[c][6] != prefix:
            raise AssertionError("cycle prefix of position %d is %d, not %d" % (c, CYCLE[c][6], prefix))
    if CYCLE[0][6] != 0 or prefix + CYCLE[0][4] != CYCLE_NET or CYCLE_NET != 13:
        raise AssertionError("the cycle must net 13 per ten movements")
    if OPENING_STOCK + min(row[6] for row in CYCLE) <= 0:
        raise AssertionError("the cycle must keep stock above zero")


MOVEMENT_CHUNK_SQL = """
set synchronous_commit = off;
insert into movements (org_id, movement_id, command_id, product_id, location_id, room, kind, reason_code, reason,
    delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
    reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name, occurred_at, created_at)
select pr.org_id,
       -- UUIDv7 layout: 48-bit Unix milliseconds, version 7, variant 8/9, then the movement's number
       (lpad(to_hex(g.t_us / 1000), 12, '0') || '70008' || lpad(to_hex(g.i), 15, '0'))::uuid,
       (lpad(to_hex(g.t_us / 1000), 12, '0') || '70019' || lpad(to_hex(g.i), 15, '0'))::uuid,
       md5('bench-product-' || (g.idx + 1))::uuid,
       pr.location_id, 'sales_floor',
       case when g.k = 0 then 'receipt' else y.kind end,
       case when g.k = 0 then 'RECEIPT' else y.reason_code end,
       case when g.k = 0 then 'opening stock' else y.reason end,
       case when g.k = 0 then {opening} else y.delta_on_hand end,
       case when g.k = 0 then 0 else y.delta_incoming end,
       0,
       {opening} + (g.k / 10) * {net} + y.prefix_on_hand,
       case when g.k = 0 then 0 else y.incoming_after end,
       0,
       case when g.k = 0 or y.c = 0 then 'purchase_order' end,
       case when g.k = 0 or y.c = 0 then 'PO-' || g.i end,
       case when y.c in (1, 5, 7) then 'shop-' || (g.i % 8) end,
       case when g.k = 0 or y.c = 0 then 2.5 end,
       case when y.c in (1, 5, 7) then '{{"pos_ref":"TX-' || g.i || '"}}' end,
       pr.actor_token_id, pr.actor_name,
       -- one movement in 40 was recorded late (offline POS): it occurred up to 47 hours earlier
       case when g.i % 40 = 17 then greatest(pr.start_at, g.at - (g.i % 48) * interval '1 hour') else g.at end,
       g.at
from bench_read_params pr
cross join lateral (
    select s.i, s.idx, s.k, s.t_us, timestamptz 'epoch' + s.t_us * interval '1 microsecond' as at
    from (
        select i,
               case when i < {products} then i
                    when (i - {products}) % 2 = 0 then ((i - {products}) / 2) % {hot}
                    else {hot} + ((i - {products} - 1) / 2) % ({products} - {hot}) end as idx,
               case when i < {products} then 0
                    when (i - {products}) % 2 = 0 then 1 + ((i - {products}) / 2) / {hot}
                    else 1 + ((i - {products} - 1) / 2) / ({products} - {hot}) end as k,
               pr.start_us + i * pr.step_us as t_us
        from generate_series({first}::bigint, {last}::bigint) as i
    ) s
) g
join bench_read_cycle y on y.c = g.k % 10;
"""


def generate(org, products, movements):
    check_cycle()
    org = require_org(org)
    if products < 2 or movements < products:
        raise SystemExit("need at least 2 products and at least one movement per product (the opening receipt)")
    hot = max(1, products // HOT_SHARE)
    jobs = max(1, int(os.environ.get("BENCH_READ_JOBS", "2")))
    chunk = max(50_000, min(500_000, movements // 20))
    started = time.monotonic()

    existing = psql("select count(*) from products where org_id = '%s';" % org).strip()
    if existing != "0":
        raise SystemExit("org %s already has products: generate into a fresh database" % org)
    cycle_values = ",\n".join("(%d, '%s', '%s', '%s', %d, %d, %d, %d)" % row for row in CYCLE)
    psql("""
        create table bench_read_params as
        select o.org_id, o.default_location_id as location_id,
               (extract(epoch from date_trunc('second', now()))::bigint - 365::bigint * 86400) * 1000000 as start_us,
               365::bigint * 86400 * 1000000 / {movements} as step_us,
               t.token_id as actor_token_id, t.name as actor_name, o.time_zone
        from orgs o
        left join lateral (select token_id, name from api_tokens where org_id = o.org_id order by created_at limit 1) t on true
        where o.org_id = '{org}';
        alter table bench_read_params add column start_at timestamptz;
        update bench_read_params set start_at = timestamptz 'epoch' + start_us * interval '1 microsecond';
        create table bench_read_cycle (c int primary key, kind text, reason_code text, reason text, delta_on_hand numeric,
            delta_incoming numeric, prefix_on_hand int, incoming_after int);
        insert into bench_read_cycle values {cycle};
    """.format(movements=movements, org=org, cycle=cycle_values))
    params = psql("select location_id, start_at, step_us, time_zone from bench_read_params;", rows=True)
    if len(params) != 1 or not params[0][0]:
        raise SystemExit("org %s or its default location is missing (did the service bootstrap it?)" % org)
    location_id, start_at, step_us, zone = params[0]
    if not re.match(r"^[A-Za-z0-9_/+-]+$", zone):
        raise SystemExit("unexpected time zone %r" % zone)
    log("ledger of org %s: %d products (%d hot), %d movements from %s, one every %.3f s, at location %s"
        % (org, products, hot, movements, start_at, int(step_us) / 1e6, location_id))

    psql("""
        set synchronous_commit = off;
        insert into products (org_id, product_id, p1_id, sku, name, category, unit, price, unit_cost, created_at, updated_at)
        select '{org}', md5('bench-product-' || i)::uuid, i::text, 'SKU-' || lpad(i::text, 7, '0'),
               'Product ' || lpad(i::text, 7, '0'), 'Category ' || (i % 20), 'unit', 5 + (i % 50), 2.5,
               p.start_at - interval '1 day', p.start_at - interval '1 day'
        from bench_read_params p, generate_series(1, {products}) as i;
    """.format(org=org, products=products))
    log("products: %d inserted (%.0f s)" % (products, time.monotonic() - started))

    # Bulk loads are faster into tables without indexes: drop them (definitions kept) and build
    # them again afterwards, whatever the migrations define.
    rebuild = []
    for table in ("movements", "daily_rollups"):
        for name, definition in psql("""
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = '{t}'::regclass and contype in ('p', 'u') order by conname;""".format(t=table), rows=True):
            psql("alter table %s drop constraint %s;" % (table, name))
            rebuild.append((name, "alter table %s add constraint %s %s;" % (table, name, definition)))
        for name, definition in psql("""
                select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = '{t}'
                order by indexname;""".format(t=table), rows=True):
            psql("drop index %s;" % name)
            rebuild.append((name, definition + ";"))
    log("dropped %d indexes of movements and daily_rollups for the load" % len(rebuild))

    ranges = [(first, min(first + chunk, movements) - 1) for first in range(0, movements, chunk)]
    load_started = time.monotonic()
    done = 0

    def insert(bounds):
        psql(MOVEMENT_CHUNK_SQL.format(first=bounds[0], last=bounds[1], products=products, hot=hot,
                                       opening=OPENING_STOCK, net=CYCLE_NET))
        return bounds[1] - bounds[0] + 1

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for future in as_completed([pool.submit(insert, bounds) for bounds in ranges]):
            done += future.result()
            elapsed = time.monotonic() - load_started
            rate = done / elapsed if elapsed > 0 else 0
            left = (movements - done) / rate if rate > 0 else 0
            log("movements: %s / %s (%d%%), %.0f s, %s rows/s, about %.0f s left"
                % (format(done, ","), format(movements, ","), 100 * done // movements, elapsed, format(int(rate), ","), left))

    step = time.monotonic()
    psql("""
        set synchronous_commit = off;
        set work_mem = '256MB';
        -- per (level, day of occurrence in the org's time zone): what LedgerService.rollupDeltas adds up
        create unlogged table bench_read_stage as
        select product_id, location_id, room, (occurred_at at time zone '{zone}')::date as rollup_day,
               sum(greatest(delta_on_hand, 0)) as on_hand_in, sum(greatest(-delta_on_hand, 0)) as on_hand_out,
               sum(case when kind in ('adjustment', 'count', 'sync') then delta_on_hand else 0 end) as adjustment_net,
               count(*) filter (where kind in ('adjustment', 'count', 'sync')) as adjustment_count,
               sum(delta_incoming) as delta_incoming, sum(delta_reserved) as delta_reserved, count(*) as movement_count,
               count(*) filter (where delta_on_hand <> 0) as on_hand_movements, max(created_at) as last_movement_at
        from movements
        where org_id = '{org}'
        group by product_id, location_id, room, (occurred_at at time zone '{zone}')::date;
    """.format(org=org, zone=zone))
    log("daily sums of the movements computed (%.0f s)" % (time.monotonic() - step))
    step = time.monotonic()
    rollups = psql("""
        set synchronous_commit = off;
        insert into daily_rollups (org_id, product_id, location_id, room, rollup_day, on_hand_in, on_hand_out,
            adjustment_net, adjustment_count, delta_incoming, delta_reserved, movement_count)
        select '{org}', product_id, location_id, room, rollup_day, on_hand_in, on_hand_out, adjustment_net,
               adjustment_count, delta_incoming, delta_reserved, movement_count
        from bench_read_stage;
        select count(*) from daily_rollups where org_id = '{org}';
    """.format(org=org)).strip()
    log("daily_rollups: %s rows (%.0f s)" % (format(int(rollups), ","), time.monotonic() - step))
    step = time.monotonic()
    day_counts = psql("""
        set synchronous_commit = off;
        set work_mem = '256MB';
        -- per (UTC day of recording, location, kind): what LedgerService.dayCounts adds up (one lane)
        insert into movement_day_counts (org_id, created_day, location_id, kind, lane, on_hand_movements)
        select '{org}', (created_at at time zone 'UTC')::date, location_id, kind, 0, count(*)
        from movements
        where org_id = '{org}' and delta_on_hand <> 0
        group by (created_at at time zone 'UTC')::date, location_id, kind;
        select count(*) from movement_day_counts where org_id = '{org}';
    """.format(org=org)).strip()
    log("movement_day_counts: %s rows (%.0f s)" % (format(int(day_counts), ","), time.monotonic() - step))
    step = time.monotonic()
    day_flows = psql("""
        set synchronous_commit = off;
        set work_mem = '256MB';
        -- per (day of occurrence in the org's time zone, location, kind): what DailyTotals adds up (one lane)
        insert into location_day_flows (org_id, flow_day, location_id, kind, lane, on_hand_in, on_hand_out, movements)
        select '{org}', (occurred_at at time zone '{zone}')::date, location_id, kind, 0,
               sum(greatest(delta_on_hand, 0)), sum(greatest(-delta_on_hand, 0)), count(*)
        from movements
        where org_id = '{org}'
        group by (occurred_at at time zone '{zone}')::date, location_id, kind;
        select count(*) from location_day_flows where org_id = '{org}';
    """.format(org=org, zone=zone)).strip()
    log("location_day_flows: %s rows (%.0f s)" % (format(int(day_flows), ","), time.monotonic() - step))
    step = time.monotonic()
    levels = psql("""
        set synchronous_commit = off;
        set work_mem = '256MB';
        insert into stock_levels (org_id, product_id, location_id, room, level_id, on_hand, incoming, reserved,
            reorder_point, movement_count, on_hand_movements, last_movement_at, created_at)
        select '{org}', s.product_id, s.location_id, s.room, md5('bench-level-' || s.product_id)::uuid,
               s.on_hand, s.incoming, s.reserved,
               case when p.p1_id::bigint % 5 = 0 then {reorder} end,
               s.movement_count, s.on_hand_movements, s.last_movement_at, pr.start_at
        from (
            select product_id, location_id, room, sum(on_hand_in) - sum(on_hand_out) as on_hand,
                   sum(delta_incoming) as incoming, sum(delta_reserved) as reserved, sum(movement_count) as movement_count,
                   sum(on_hand_movements) as on_hand_movements, max(last_movement_at) as last_movement_at
            from bench_read_stage group by product_id, location_id, room
        ) s
        join products p on p.org_id = '{org}' and p.product_id = s.product_id
        cross join bench_read_params pr;
        insert into level_names (org_id, product_name, product_id, location_id, room)
        select l.org_id, p.name, l.product_id, l.location_id, l.room
        from stock_levels l join products p on p.org_id = l.org_id and p.product_id = l.product_id
        where l.org_id = '{org}';
        select count(*) from stock_levels where org_id = '{org}';
    """.format(org=org, reorder=REORDER_POINT)).strip()
    log("stock_levels: %s rows (%.0f s)" % (format(int(levels), ","), time.monotonic() - step))

    for name, statement in rebuild:
        step = time.monotonic()
        psql("set maintenance_work_mem = '1GB';\n" + statement)
        log("index %s built (%.0f s)" % (name, time.monotonic() - step))
    step = time.monotonic()
    stocked = psql("""
        set synchronous_commit = off;
        set work_mem = '512MB';
        -- what DailyTotals adds up per (location, day), by the migration's own statement
        {statement}
        select count(*) from stocked_level_changes where org_id = '{org}';
    """.format(statement=migration_statement("V10__stocked_level_changes.sql", "insert into stocked_level_changes"),
               org=org)).strip()
    log("stocked_level_changes: %s rows (%.0f s)" % (format(int(stocked), ","), time.monotonic() - step))
    psql("drop table bench_read_stage; drop table bench_read_cycle; drop table bench_read_params;")

    step = time.monotonic()
    for table in ("movements", "daily_rollups", "movement_day_counts", "location_day_flows", "stocked_level_changes",
                  "stock_levels", "level_names", "products"):
        psql("vacuum (analyze) %s;" % table)
    log("vacuum and analyze done (%.0f s)" % (time.monotonic() - step))

    # The balances after each movement must end where the levels stand (verify checks the sums).
    bad = psql("""
        select count(*) filter (where m.on_hand_after <> l.on_hand or m.incoming_after <> l.incoming
                                   or m.reserved_after <> l.reserved), count(*)
        from (select * from stock_levels where org_id = '{org}' order by level_id limit 2000) l
        cross join lateral (
            select on_hand_after, incoming_after, reserved_after from movements m
            where m.org_id = l.org_id and m.product_id = l.product_id order by m.movement_id desc limit 1
        ) m;""".format(org=org), rows=True)[0]
    if bad[0] != "0":
        raise SystemExit("%s of %s sampled levels differ from their last movement's balances" % tuple(bad))
    log("sample of %s levels: each equals its last movement's balances" % bad[1])
    sizes = psql("""
        select relname, pg_size_pretty(pg_table_size(oid)), pg_size_pretty(pg_indexes_size(oid))
        from pg_class where relname in ('movements', 'daily_rollups', 'stock_levels') order by relname;""", rows=True)
    log("sizes (table, indexes): " + "; ".join("%s %s + %s" % tuple(row) for row in sizes))
    log("ledger generated in %.0f s" % (time.monotonic() - started))


# ------------------------------------------------------------------------------------------ plans

def v(type_name, value):
    return (type_name, value)


def literal(type_name, value):
    if type_name == "bool":
        return "true" if value else "false"
    if type_name in ("int4", "int8"):
        return str(int(value))
    return "'" + str(value).replace("'", "''") + "'"


def prepare(name, sql, params):
    """Named parameters to $n as pgjdbc sends them (a list becomes one parameter per element)."""
    types, values = [], []

    def replace(match):
        value = params[match.group(1)]
        if isinstance(value, list):
            placeholders = []
            for element in value:
                types.append(element[0])
                values.append(literal(*element))
                placeholders.append("$%d" % len(types))
            return ", ".join(placeholders)
        types.append(value[0])
        values.append(literal(*value))
        return "$%d" % len(types)

    text = re.sub(r"(?<!:):([A-Za-z]\w*)", replace, sql)
    return ("prepare %s(%s) as\n%s;" % (name, ", ".join(types), text.strip()),
            "execute %s(%s)" % (name, ", ".join(values)))


# The SQL each endpoint runs, copied from the repositories (keep in step with them). Tokens and
# orgs are cached by the service (AccessService), so their lookups are left out.
PRODUCT_COLUMNS = "org_id, product_id, p1_id, sku, name, category, unit, price, unit_cost, created_at, updated_at"
MOVEMENT_COLUMNS = """movement_id, command_id, product_id, location_id, room, kind, reason_code, reason,
            delta_on_hand, delta_incoming, delta_reserved, on_hand_after, incoming_after, reserved_after,
            reference_type, reference_id, shop_id, cost_per_unit, metadata, actor_token_id, actor_name,
            occurred_at, created_at"""
LEVEL_COLUMNS = """level_id, product_id, location_id, room, on_hand, incoming, reserved, reorder_point, max_stock_level,
            movement_count, last_movement_at, last_counted_at, last_synced_at"""
LOCATION_BY_ID = """select l.org_id, l.location_id, l.code, l.name, l.created_at,
       case when o.default_location_id = l.location_id then true else false end as is_default
from locations l join orgs o on o.org_id = l.org_id
where l.org_id = :orgId and l.location_id = :locationId"""
LOCATIONS = """select l.org_id, l.location_id, l.code, l.name, l.created_at,
       case when o.default_location_id = l.location_id then true else false end as is_default
from locations l join orgs o on o.org_id = l.org_id
where l.org_id = :orgId
order by l.code"""
PRODUCT_BY_P1 = "select " + PRODUCT_COLUMNS + " from products where org_id = :orgId and p1_id = :p1Id"
PRODUCTS_BY_IDS = "select " + PRODUCT_COLUMNS + " from products where org_id = :orgId and product_id in (:productIds)"
def java_text_block(source, constant):
    """The SQL text block a repository declares as `constant = \"\"\" ... \"\"\";`, read from its source file, so
    the plans run the statement the service runs."""
    text = open(os.path.join(ROOT, "src/main/java/org/stockledger", source)).read()
    match = re.search(r"\b%s = \"\"\"\n(.*?)\"\"\";" % re.escape(constant), text, re.S)
    if not match:
        raise SystemExit("no text block %s in %s" % (constant, source))
    return textwrap.dedent(match.group(1))


def migration_statement(file_name, starts_with):
    """One statement of a migration (from `starts_with` to its semicolon), as Flyway ran it."""
    text = open(os.path.join(ROOT, "src/main/resources/db/migration", file_name)).read()
    start = text.index(starts_with)
    return text[start:text.index(";", start) + 1]


SNAPSHOT_PAGE = java_text_block("ledger/internal/SnapshotRepository.java", "PAGE")
# StockedLevelRepository.stockedAtEndOf with a location
STOCKED_AT_END_OF = """select coalesce(sum(levels), 0) from stocked_level_changes
where org_id = :orgId and change_day <= :day and location_id = :locationId"""
GROUPED_STOCK = """select product_id, location_id, sum(on_hand) as on_hand, sum(reserved) as reserved,
       sum(reorder_point) as reorder_point, sum(max_stock_level) as max_stock_level,
       max(last_counted_at) as last_counted_at
from stock_levels
where org_id = :orgId group by product_id, location_id"""
LOW_STOCK = " having sum(on_hand) > 0 and sum(on_hand) <= coalesce(sum(reorder_point), :defaultReorderPoint)"
ROLLUP_RANGE = """from daily_rollups
where org_id = :orgId and rollup_day >= :fromDay and rollup_day <= :toDay"""
MOVEMENT_CONDITIONS = """from movements
where org_id = :orgId and kind in (:kinds) and delta_on_hand <> 0"""
ALL_KINDS = sorted(["receipt", "shipment", "fulfilment", "adjustment", "count", "sync", "transfer_out", "transfer_in"])
ITEM_COLUMNS = """select l.level_id, l.product_id, l.location_id, l.room, l.on_hand, l.reserved, l.reorder_point,
       l.max_stock_level, l.last_synced_at, o.default_reorder_point, p.name, p.sku, p.category, p.unit_cost, p.price
"""
# ItemRepository.findItemsPage: the page's keys from the list order's index, then joined.
ITEM_PAGE = ITEM_COLUMNS + "from (" + java_text_block("stock/internal/ItemRepository.java", "PAGE_KEYS") + """) k
join stock_levels l on l.org_id = k.org_id and l.product_id = k.product_id and l.location_id = k.location_id
                   and l.room = k.room
join products p on p.org_id = l.org_id and p.product_id = l.product_id
join orgs o on o.org_id = l.org_id
order by k.product_name, k.product_id, k.location_id, k.room"""


# LedgerSearches.countMovements without a product: the whole days from the per-day counts.
DAY_COUNT_TOTAL = """select coalesce(sum(on_hand_movements), 0) from movement_day_counts
where org_id = :orgId and kind in (:kinds)"""


# support/PostgresSessions: what the service runs on each of its connections.
SESSION_SETTINGS = "set jit = off;"

# SqlDialect.planForParameterValuesInThisTransaction: the service plans these for their values.
CUSTOM_PLANS = "set plan_cache_mode = force_custom_plan;"

# SqlDialect.memoryForLargeAggregatesInThisTransaction: 64 MB for the top movers' hash (the default is 4 MB).
AGGREGATE_MEMORY = "set work_mem = '64MB';"


def endpoint_statements(org, products):
    """(endpoint, [(statement name, note, sql, params[, setting])]) with realistic bound parameters."""
    rows = psql("select default_location_id, current_date from orgs where org_id = '%s';" % org, rows=True)
    location_id, today_text = rows[0]
    today = date.fromisoformat(today_text)
    hot_p1 = 7                                  # a hot product: ~500 movements on the 10M ledger
    hot_id = product_uuid(hot_p1)
    page_ids = [row[0] for row in psql("""
        select product_id from stock_levels where org_id = '%s' order by product_id limit 200;""" % org, rows=True)]
    o = v("varchar", org)
    loc = v("uuid", location_id)
    ids = lambda values: [v("uuid", value) for value in values]
    kinds = [v("varchar", kind) for kind in ALL_KINDS]
    snapshot_params = {"orgId": o, "day": v("date", (today - timedelta(days=182)).isoformat()), "anyLocation": v("bool", False),
                       "locationId": loc, "limit": v("int4", 200), "offset": v("int8", 0)}
    analytics_range = {"orgId": o, "fromDay": v("date", (today - timedelta(days=364)).isoformat()), "toDay": v("date", today_text)}
    item_params = {"orgId": o, "anyLocation": v("bool", True), "locationId": v("uuid", str(uuid.UUID(int=0))),
                   "anyRoom": v("bool", True), "room": v("varchar", ""), "anyCategory": v("bool", True),
                   "category": v("varchar", ""), "anyStock": v("bool", True)}
    movement_page = lambda limit, offset, product: (
        "select " + MOVEMENT_COLUMNS + "\n" + MOVEMENT_CONDITIONS + (" and product_id = :productId" if product else "")
        + " order by movement_id desc limit :limit offset :offset",
        dict({"orgId": o, "kinds": kinds, "limit": v("int4", limit), "offset": v("int8", offset)},
             **({"productId": v("uuid", hot_id)} if product else {})))
    return [
        ("v2-history", [
            ("product by p1_id", "ProductRepository.findByP1Id", PRODUCT_BY_P1, {"orgId": o, "p1Id": v("varchar", str(hot_p1))}),
            ("days from rollups", "RollupRepository.productDaysFrom, days=365", """
                select rollup_day, sum(on_hand_in) as on_hand_in, sum(on_hand_out) as on_hand_out,
                       sum(delta_incoming) as delta_incoming, sum(delta_reserved) as delta_reserved,
                       sum(movement_count) as movement_count
                from daily_rollups
                where org_id = :orgId and product_id = :productId and rollup_day >= :fromDay
                group by rollup_day
                order by rollup_day""",
             {"orgId": o, "productId": v("uuid", hot_id), "fromDay": v("date", (today - timedelta(days=364)).isoformat())}),
            ("current levels", "LevelRepository.findLevelsOfProducts",
             "select " + LEVEL_COLUMNS + " from stock_levels where org_id = :orgId and product_id in (:productIds)",
             {"orgId": o, "productIds": ids([hot_id])}),
        ]),
        ("v2-log", [
            ("product by p1_id", "ProductRepository.findByP1Id", PRODUCT_BY_P1, {"orgId": o, "p1Id": v("varchar", str(hot_p1))}),
            ("newest movements", "MovementRepository.recentMovementsOfProduct, limit 200", "select " + MOVEMENT_COLUMNS + """
                from movements
                where org_id = :orgId and product_id = :productId
                order by movement_id desc
                limit :limit""", {"orgId": o, "productId": v("uuid", hot_id), "limit": v("int4", 200)}),
        ]),
        ("v1-snapshot", [
            ("location", "LocationRepository.findById", LOCATION_BY_ID, {"orgId": o, "locationId": loc}),
            ("snapshot page", "SnapshotRepository.snapshotPage, 182 days back, limit 200 (the maximum), page 1", SNAPSHOT_PAGE,
             snapshot_params),
            ("snapshot total", "StockedLevelRepository.stockedAtEndOf", STOCKED_AT_END_OF,
             {key: snapshot_params[key] for key in ("orgId", "day", "locationId")}),
            ("products of the page", "ProductRepository.findByIds, 200 ids", PRODUCTS_BY_IDS,
             {"orgId": o, "productIds": ids(page_ids)}),
        ]),
        ("warehouse-analytics", [
            ("overview", "LocationStockRepository.overview", """
                select count(distinct product_id) as products,
                       coalesce(sum(stock_value), 0) as stock_value,
                       coalesce(sum(case when on_hand > 0 and on_hand <= coalesce(reorder_point, :defaultReorderPoint)
                                         then 1 else 0 end), 0) as low_stock,
                       coalesce(sum(case when on_hand = 0 then 1 else 0 end), 0) as out_of_stock
                from (
                    select l.product_id, l.location_id, sum(l.on_hand) as on_hand, sum(l.reorder_point) as reorder_point,
                           sum(l.on_hand * p.unit_cost) as stock_value
                    from stock_levels l
                    join products p on p.org_id = l.org_id and p.product_id = l.product_id
                    where l.org_id = :orgId
                    group by l.product_id, l.location_id
                ) records""", {"orgId": o, "defaultReorderPoint": v("numeric", "0")}),
            ("trend sums", "LocationDayFlowRepository.sums, 365 days", """
                select coalesce(sum(case when kind in (:adjustmentKinds) then 0 else on_hand_in end), 0) as stock_in,
                       coalesce(sum(case when kind in (:adjustmentKinds) then 0 else on_hand_out end), 0) as stock_out,
                       coalesce(sum(case when kind in (:adjustmentKinds) then movements else 0 end), 0) as adjustments,
                       coalesce(sum(case when kind in (:adjustmentKinds) then on_hand_in - on_hand_out else 0 end), 0)
                           as adjustments_net
                from location_day_flows
                where org_id = :orgId and flow_day >= :fromDay and flow_day <= :toDay""",
             dict(analytics_range, adjustmentKinds=[v("varchar", kind) for kind in ("adjustment", "count", "sync")])),
            ("top movers", "RollupAnalyticsRepository.mostActiveProducts, 365 days, limit 10",
             "select product_id, sum(movement_count) as movement_count, sum(on_hand_in + on_hand_out) as total_quantity\n"
             + ROLLUP_RANGE + """
                group by product_id
                order by sum(movement_count) desc, sum(on_hand_in + on_hand_out) desc, product_id
                limit :limit""", dict(analytics_range, limit=v("int4", 10)), CUSTOM_PLANS + "\n" + AGGREGATE_MEMORY),
            ("low-stock alerts", "LocationStockRepository.findPage, low_stock, limit 50",
             GROUPED_STOCK + LOW_STOCK + " order by product_id, location_id limit :limit offset :offset",
             {"orgId": o, "defaultReorderPoint": v("numeric", "0"), "limit": v("int4", 50), "offset": v("int8", 0)}),
            ("locations", "LocationRepository.listLocations", LOCATIONS, {"orgId": o}),
        ]),
        ("warehouse-movements-page-1", [
            ("page", "MovementSearchRepository.search, limit 20, page 1", *movement_page(20, 0, False)),
            ("total", "MovementDayCountRepository.count, no dates", DAY_COUNT_TOTAL, {"orgId": o, "kinds": kinds}),
            ("products of the page", "ProductRepository.findByIds, 20 ids", PRODUCTS_BY_IDS,
             {"orgId": o, "productIds": ids(page_ids[:20])}),
            ("locations", "LocationRepository.listLocations", LOCATIONS, {"orgId": o}),
        ]),
        ("warehouse-movements-deep-page", [
            ("page", "MovementSearchRepository.search, limit 100, page 500", *movement_page(100, 49_900, False)),
            ("total", "MovementDayCountRepository.count, no dates", DAY_COUNT_TOTAL, {"orgId": o, "kinds": kinds}),
        ]),
        ("warehouse-movements-of-product", [
            ("page", "MovementSearchRepository.search, product_id, limit 20, page 1", *movement_page(20, 0, True)),
            ("total", "LevelRepository.countOnHandMovements, product_id",
             "select coalesce(sum(on_hand_movements), 0) from stock_levels where org_id = :orgId and product_id = :productId",
             {"orgId": o, "productId": v("uuid", hot_id)}),
        ]),
        ("v1-inventory-list", [
            ("page", "ItemRepository.findItemsPage, page 1, limit 50", ITEM_PAGE,
             dict(item_params, limit=v("int4", 50), offset=v("int8", 0)), CUSTOM_PLANS),
            ("deep page", "ItemRepository.findItemsPage, page 250, limit 200", ITEM_PAGE,
             dict(item_params, limit=v("int4", 200), offset=v("int8", 49_800)), CUSTOM_PLANS),
            ("total", "ItemRepository.countItems, no filter", """
                select count(*) from stock_levels l
                where l.org_id = :orgId
                  and (:anyLocation or l.location_id = :locationId)
                  and (:anyRoom or l.room = :room)""", item_params),
        ]),
    ]


def walk(node, bounded=False):
    yield node, bounded
    for child in node.get("Plans", []):
        yield from walk(child, bounded or node["Node Type"] == "Limit")


def movement_scans(plan):
    """Each plan node reading the movements table: (description, rows read, verdict)."""
    found = []
    for node, bounded in walk(plan["Plan"]):
        if node.get("Relation Name") != "movements":
            continue
        loops = node.get("Actual Loops", 1) or 1
        read = (node.get("Actual Rows", 0) + node.get("Rows Removed by Filter", 0)
                + node.get("Rows Removed by Index Recheck", 0)) * loops
        kind = node["Node Type"] + (" using " + node["Index Name"] if "Index Name" in node else "")
        if node["Node Type"] == "Seq Scan":
            verdict = "FAIL: sequential scan of movements"
        elif bounded:
            verdict = "ok: bounded by LIMIT"
        elif read > SCAN_ROWS_MAX:
            verdict = "FAIL: reads %s movements, not bounded by LIMIT" % format(int(read), ",")
        else:
            verdict = "ok: %s rows" % format(int(read), ",")
        found.append((kind, int(read), verdict))
    return found


def plans(org, products, label, outdir):
    org = require_org(org)
    os.makedirs(outdir, exist_ok=True)
    failures = 0
    summary = []
    for endpoint, statements in endpoint_statements(org, products):
        text = ["-- %s on the %s ledger: EXPLAIN (ANALYZE, BUFFERS) of each statement, run as a prepared statement"
                " after 5 executions (as pgjdbc runs it), parameters bound as shown." % (endpoint, label)]
        for number, (name, note, sql, params, *setting) in enumerate(statements, 1):
            statement = "s%d" % number
            prepared, execute = prepare(statement, sql, params)
            script = "\n".join([
                SESSION_SETTINGS,
                *setting,
                prepared,
                "\\o /dev/null",
                *(execute + ";" for _ in range(5)),
                "\\o",
                "explain (analyze, buffers) " + execute + ";",
                "\\echo ---json---",
                "explain (analyze, buffers, format json) " + execute + ";",
            ])
            output = psql(script)
            plan_text, plan_json = output.split("---json---\n")
            plan = json.loads(plan_json)[0]
            scans = movement_scans(plan)
            verdicts = [scan[2] for scan in scans]
            failed = [verdict for verdict in verdicts if verdict.startswith("FAIL")]
            failures += len(failed)
            milliseconds = plan.get("Execution Time", 0.0)
            text.append("\n-- %d. %s (%s): %.2f ms%s\n%s\n%s;\n\n%s" % (
                number, name, note, milliseconds,
                "".join("\n--    movements: %s, %s rows read, %s" % scan for scan in scans),
                "\n".join([*setting, prepared]), execute, plan_text.rstrip()))
            summary.append((endpoint, name, milliseconds, "; ".join("%s (%s)" % (scan[0], scan[2]) for scan in scans) or "no movements scan"))
        with open(os.path.join(outdir, "%s-%s.txt" % (label, endpoint)), "w") as handle:
            handle.write("\n".join(text) + "\n")
    width = max(len(row[0]) + len(row[1]) for row in summary) + 3
    print("\nSQL plans on the %s ledger (bench/plans/%s-*.txt):" % (label, label))
    for endpoint, name, milliseconds, scans in summary:
        print("  %-*s %9.2f ms  %s" % (width, endpoint + ": " + name, milliseconds, scans))
    print("movements scans: %s" % ("none unbounded" if failures == 0 else "%d FAILED" % failures))
    return failures


# ------------------------------------------------------------------------------------------ measure

class Client:
    """One keep-alive HTTP/1.1 connection per thread."""

    local = threading.local()

    def __init__(self, base_url, token):
        url = urllib.parse.urlsplit(base_url)
        self.host, self.port = url.hostname, url.port
        self.headers = {"Authorization": "Bearer " + token}

    def get(self, path, extra_headers=None):
        headers = dict(self.headers, **(extra_headers or {}))
        for attempt in (1, 2, 3):
            connection = getattr(Client.local, "connection", None)
            if connection is None:
                connection = Client.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=300)
            try:
                started = time.perf_counter()
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                body = response.read()
                return response.status, body, time.perf_counter() - started
            except (http.client.HTTPException, OSError):
                connection.close()
                Client.local.connection = None
                if attempt == 3:
                    raise
                time.sleep(0.2 * attempt)


# The reads of one product's history. What they return grows with that product's movements, not
# with the ledger's: on a small ledger over the same catalogue a product has one movement, so they
# are compared with a ledger of as many movements whose products have the large ledger's histories
# (the dense ledger: fewer products, as many movements each).
PER_PRODUCT = ("v2 history, days=365", "v2 log, newest 200", "warehouse movements of a product x20")


def read_endpoints(org, products, location_id, today, rng):
    """(name, path maker) of the reads measured; each maker picks its random parameters and returns a path
    or (path, extra request headers)."""
    api = "/api/v2/public/orgs/" + org
    p1 = lambda: rng.randint(1, products)
    day = lambda: (today - timedelta(days=rng.randint(0, 364))).isoformat()
    list_pages = max(1, products // 200)
    return [
        ("v2 history, days=365", lambda: "%s/inventory/%d/history?days=365" % (api, p1())),
        ("v2 log, newest 200", lambda: "%s/inventory/%d/log" % (api, p1())),
        ("v1 snapshot, location, page 1 x200", lambda: "/api/v1/inventory/snapshot?date=%s&location_id=%s&limit=200"
         % (day(), location_id)),
        ("warehouse analytics, period=1y", lambda: "/api/inventory/analytics?period=1y"),
        # The same analytics computed for each request (the row above may be served a kept result).
        ("warehouse analytics, period=1y, no-cache", lambda: ("/api/inventory/analytics?period=1y",
                                                              {"Cache-Control": "no-cache"})),
        ("warehouse movements, page 1 x20", lambda: "/api/inventory/movements?page=1&limit=20"),
        ("warehouse movements, page ~500 x100", lambda: "/api/inventory/movements?page=%d&limit=100" % rng.randint(400, 600)),
        ("warehouse movements of a product x20", lambda: "/api/inventory/movements?product_id=%s&page=1&limit=20"
         % product_uuid(p1())),
        ("v1 inventory list, page 1 x50", lambda: "/api/v1/inventory?page=1&limit=50"),
        ("v1 inventory list, random page x200", lambda: "/api/v1/inventory?page=%d&limit=200" % rng.randint(1, list_pages)),
    ]


def percentile(sorted_values, share):
    if not sorted_values:
        return float("nan")
    return sorted_values[max(0, math.ceil(share * len(sorted_values)) - 1)]


def measure(base_url, token, org, products, label, out_path, per_product_only=False):
    org = require_org(org)
    requests = int(os.environ.get("BENCH_READ_REQUESTS", "200"))
    warmup = int(os.environ.get("BENCH_READ_WARMUP", "20"))
    clients = max(1, int(os.environ.get("BENCH_READ_CLIENTS", "1")))
    budget = float(os.environ.get("BENCH_READ_BUDGET", "180"))
    run_count = max(1, int(os.environ.get("BENCH_READ_RUNS", "3")))
    only = os.environ.get("BENCH_READ_ONLY", "")
    rng = random.Random(int(os.environ.get("BENCH_READ_SEED", "42")))
    client = Client(base_url, token)
    status, body, _ = client.get("/api/v1/locations")
    if status != 200:
        raise SystemExit("GET /api/v1/locations answered %d: %s" % (status, body[:300]))
    location_id = next(location["id"] for location in json.loads(body)["data"] if location["is_default"])
    today = date.fromisoformat(psql("select current_date;").strip())
    endpoints = [endpoint for endpoint in read_endpoints(org, products, location_id, today, rng)
                 if (not only or any(word in endpoint[0] for word in only.split(",")))
                 and (not per_product_only or endpoint[0] in PER_PRODUCT)]
    lock = threading.Lock()
    # One thread per client for the whole run, so each keeps its keep-alive connection.
    pool = ThreadPoolExecutor(max_workers=clients)

    def run(maker, count, into, errors):
        paths = [maker() for _ in range(count)]

        def one(target):
            path, extra_headers = target if isinstance(target, tuple) else (target, None)
            status, body, seconds = client.get(path, extra_headers)
            with lock:
                if status == 200:
                    into.append(seconds * 1000)
                else:
                    errors.append("%d %s" % (status, body[:200]))

        for future in [pool.submit(one, path) for path in paths]:
            future.result()

    log("%s ledger: warm-up, %d requests per endpoint" % (label, warmup))
    for name, maker in endpoints:
        errors = []
        run(maker, warmup, [], errors)
        if errors:
            raise SystemExit("%s failed during warm-up: %s" % (name, errors[0]))
    # Each run measures every endpoint in rounds of a few requests, so that noise from other work
    # on the machine spreads over all endpoints; an endpoint stops at its request count or its time
    # budget. The figures reported are the medians of the runs' p50 and p99.
    runs = []
    per_round = max(clients, 10)
    load_before = open("/proc/loadavg").read().split()[:3]
    started = time.monotonic()
    for run_number in range(1, run_count + 1):
        samples = {name: [] for name, _ in endpoints}
        errors = {name: [] for name, _ in endpoints}
        spent = {name: 0.0 for name, _ in endpoints}
        while True:
            active = [(name, maker) for name, maker in endpoints
                      if len(samples[name]) + len(errors[name]) < requests and spent[name] < budget]
            if not active:
                break
            for name, maker in active:
                count = min(per_round, requests - len(samples[name]) - len(errors[name]))
                began = time.monotonic()
                run(maker, count, samples[name], errors[name])
                spent[name] += time.monotonic() - began
            done = sum(len(values) for values in samples.values())
            log("%s ledger, run %d of %d: %d requests measured (%.0f s)" % (label, run_number, run_count, done,
                                                                           time.monotonic() - started))
        runs.append({name: {"values": sorted(samples[name]), "errors": errors[name],
                            "budget_hit": spent[name] >= budget and len(samples[name]) + len(errors[name]) < requests}
                     for name, _ in endpoints})
    pool.shutdown()
    results = {}
    for name, _ in endpoints:
        per_run = [one[name] for one in runs]
        all_errors = [error for one in per_run for error in one["errors"]]
        results[name] = {"n": sum(len(one["values"]) for one in per_run), "errors": len(all_errors),
                         "first_error": (all_errors or [None])[0],
                         "runs": [{"n": len(one["values"]), "p50": percentile(one["values"], 0.50),
                                   "p99": percentile(one["values"], 0.99),
                                   "max": one["values"][-1] if one["values"] else float("nan")} for one in per_run],
                         "budget_hit": any(one["budget_hit"] for one in per_run)}
        results[name]["p50"] = statistics.median(one["p50"] for one in results[name]["runs"])
        results[name]["p99"] = statistics.median(one["p99"] for one in results[name]["runs"])
        results[name]["max"] = max(one["max"] for one in results[name]["runs"])
    report = {"label": label, "products": products, "clients": clients, "requests": requests, "runs": run_count,
              "load_before": load_before, "load_after": open("/proc/loadavg").read().split()[:3],
              "measured_at": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "results": results}
    with open(out_path, "w") as handle:
        json.dump(report, handle, indent=1)
    for name, result in results.items():
        log("%-40s n=%4d p50 %8.1f ms  p99 %8.1f ms (runs: %s)  max %8.1f ms%s" % (
            name, result["n"], result["p50"], result["p99"], " ".join("%.1f" % one["p99"] for one in result["runs"]),
            result["max"],
            "  errors: %d (%s)" % (result["errors"], result["first_error"]) if result["errors"] else ""))
    if any(result["errors"] for result in results.values()):
        raise SystemExit("some requests failed")


# ------------------------------------------------------------------------------------------ table

def table(small_path, large_path, dense_path=None):
    small = json.load(open(small_path))
    large = json.load(open(large_path))
    dense = json.load(open(dense_path)) if dense_path else None
    header = ["endpoint", "p50 %s" % large["label"], "p99 %s" % large["label"], "compared with", "p50 there", "p99 there",
              "p99 ratio", "p99 <= %d ms" % TARGET_P99_MS, "ratio <= %gx" % TARGET_RATIO,
              "p99 %s of each run" % large["label"]]
    fmt = lambda value: "%.1f" % value
    rows = []
    plain_ratios = []
    for name, big in large["results"].items():
        other = small
        if dense and name in PER_PRODUCT and name in dense["results"]:
            other = dense
            if name in small["results"] and small["results"][name]["p99"] > 0:
                plain_ratios.append("%s %.1fx" % (name, big["p99"] / small["results"][name]["p99"]))
        little = other["results"].get(name)
        ratio = big["p99"] / little["p99"] if little and little["p99"] > 0 else float("nan")
        rows.append([name + (" *" if big["budget_hit"] else ""), fmt(big["p50"]), fmt(big["p99"]),
                     "%s, %s products" % (other["label"], format(other["products"], ",")),
                     fmt(little["p50"]) if little else "-", fmt(little["p99"]) if little else "-",
                     "%.1fx" % ratio if little else "-",
                     "MET" if big["p99"] <= TARGET_P99_MS else "NOT MET",
                     "MET" if little and ratio <= TARGET_RATIO else "NOT MET",
                     " / ".join(fmt(one["p99"]) for one in big.get("runs", []))])
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print("| " + " | ".join(cell.ljust(widths[i]) for i, cell in enumerate(header)) + " |")
    print("|" + "|".join("-" * (widths[i] + 1) + ":" if i else "-" * (widths[i] + 2) for i in range(len(header))) + "|")
    for row in rows:
        print("| " + " | ".join(cell.ljust(widths[i]) if i == 0 else cell.rjust(widths[i]) for i, cell in enumerate(row)) + " |")
    print()
    print("p50 and p99 are the medians of each ledger's runs (ms); the last column shows the large ledger's runs.")
    if dense:
        print("The reads of one product's history are compared with the %s ledger over %s products, whose products have"
              % (dense["label"], format(dense["products"], ",")))
        print("the large ledger's histories (the same movements per product); against the %s ledger over %s products,"
              % (small["label"], format(small["products"], ",")))
        print("where a product has one movement, their p99 ratios are: %s." % ("; ".join(plain_ratios) or "not measured"))
    for report in [large, small] + ([dense] if dense else []):
        counts = sorted({one["n"] for result in report["results"].values() for one in result.get("runs", [result])})
        print("%s ledger over %s products: %d run(s) of %s requests per endpoint, %d client(s), measured %s,"
              " load average before %s, after %s"
              % (report["label"], format(report["products"], ","), report.get("runs", 1), "/".join(map(str, counts)),
                 report["clients"], report["measured_at"], " ".join(report["load_before"]), " ".join(report["load_after"])))
    if any(result["budget_hit"] for result in large["results"].values()):
        print("* stopped by the time budget per endpoint and run (BENCH_READ_BUDGET) before BENCH_READ_REQUESTS requests")


def main(argv):
    if len(argv) >= 5 and argv[1] == "generate":
        generate(argv[2], int(argv[3]), int(argv[4]))
    elif len(argv) >= 6 and argv[1] == "plans":
        sys.exit(1 if plans(argv[2], int(argv[3]), argv[4], argv[5]) else 0)
    elif len(argv) >= 8 and argv[1] == "measure":
        if argv[8:] not in ([], ["per-product"]):
            raise SystemExit(__doc__)
        measure(argv[2], argv[3], argv[4], int(argv[5]), argv[6], argv[7], per_product_only=argv[8:] == ["per-product"])
    elif len(argv) >= 4 and argv[1] == "table":
        table(argv[2], argv[3], argv[4] if len(argv) >= 5 else None)
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
