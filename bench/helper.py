#!/usr/bin/env python3
"""Helpers for bench/run (standard library only).

  helper.py seed BASE_URL ORG TOKEN PRODUCTS STOCK    create products 1..PRODUCTS and stock each with STOCK
  helper.py check-stock BASE_URL ORG TOKEN PRODUCTS   list all products (GET /inventory), count those whose
                                                      on hand, available or reserved is negative or reserved
                                                      exceeds on hand: prints BENCH_STOCK products=N oversold=M
  helper.py pgbench-result MODE ADJ_PER_TX OUTPUT LOG_PREFIX SECONDS
                                                      one BENCH_RESULT line from a pgbench run's summary and
                                                      its per-transaction log files (LOG_PREFIX.*)
  helper.py report RESULTS_FILE                       print every run, the medians, the ratios, the CPU
                                                      per request, the correctness checks and the targets
                                                      (MET / NOT MET)
"""
import glob
import http.client
import json
import re
import statistics
import sys
import threading
import time
import urllib.parse
from concurrent.futures import ThreadPoolExecutor

ADD_BATCH = 500          # the add-to-inventory maximum per request
SEED_CONNECTIONS = 8


class Client:
    """One keep-alive HTTP/1.1 connection per thread."""

    local = threading.local()

    def __init__(self, base_url, token):
        url = urllib.parse.urlsplit(base_url)
        self.host, self.port = url.hostname, url.port
        self.headers = {"Authorization": "Bearer " + token, "Content-Type": "application/json"}

    def post(self, path, payload):
        body = json.dumps(payload)
        for attempt in (1, 2):
            connection = getattr(Client.local, "connection", None)
            if connection is None:
                connection = Client.local.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
            try:
                connection.request("POST", path, body=body, headers=self.headers)
                response = connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                connection.close()
                Client.local.connection = None
                if attempt == 2:
                    raise


def seed(base_url, org, token, products, stock):
    client = Client(base_url, token)
    api = "/api/v2/public/orgs/" + org
    started = time.monotonic()

    def add(first):
        items = [{"p1_id": str(i), "name": "Bench product %d" % i, "category": "bench", "price": 1.5}
                 for i in range(first, min(first + ADD_BATCH, products + 1))]
        status, body = client.post(api + "/products/add-to-inventory", {"items": items})
        if status not in (200, 201):
            raise SystemExit("add-to-inventory failed: %d %s" % (status, body[:500]))

    def fill(p1_id):
        status, body = client.post(api + "/inventory/adjust",
                                   {"p1_id": str(p1_id), "delta_on_hand": stock, "reason": "bench stock"})
        if status != 200:
            raise SystemExit("stocking product %d failed: %d %s" % (p1_id, status, body[:500]))

    with ThreadPoolExecutor(SEED_CONNECTIONS) as pool:
        list(pool.map(add, range(1, products + 1, ADD_BATCH)))
        added = time.monotonic()
        list(pool.map(fill, range(1, products + 1)))
    print("seeded %d products (%.1f s) and stocked each with %d (%.1f s)"
          % (products, added - started, stock, time.monotonic() - added))


def check_stock(base_url, org, token, products):
    """Pages through GET /inventory and counts products whose stock went negative (oversold)."""
    url = urllib.parse.urlsplit(base_url)
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=60)
    headers = {"Authorization": "Bearer " + token}
    seen = oversold = 0
    offset = 0
    while True:
        connection.request("GET", "/api/v2/public/orgs/%s/inventory?limit=1000&offset=%d" % (org, offset),
                           headers=headers)
        response = connection.getresponse()
        body = response.read()
        if response.status != 200:
            raise SystemExit("GET /inventory failed: %d %s" % (response.status, body[:500]))
        page = json.loads(body)["data"]
        for item in page:
            on_hand, reserved, available = (float(item[k]) for k in ("stockquantity", "reserved", "available"))
            if on_hand < 0 or available < 0 or reserved < 0 or reserved > on_hand:
                oversold += 1
        seen += len(page)
        offset += len(page)
        if len(page) < 1000:
            break
    if seen != products:
        raise SystemExit("GET /inventory listed %d products, %d were seeded" % (seen, products))
    print("BENCH_STOCK products=%d oversold=%d" % (seen, oversold))


def pgbench_result(mode, adjustments_per_tx, output, log_prefix, seconds):
    """One BENCH_RESULT line from pgbench's summary and its per-transaction log (latencies in us)."""
    with open(output) as text:
        summary = text.read()

    def number(pattern):
        match = re.search(pattern, summary, re.MULTILINE)
        if not match:
            raise SystemExit("pgbench printed no %r in %s" % (pattern, output))
        return float(match.group(1))

    tps = number(r"^tps = ([0-9.]+)")
    processed = number(r"^number of transactions actually processed: ([0-9]+)")
    failed_match = re.search(r"^number of failed transactions: ([0-9]+)", summary, re.MULTILINE)
    failed = float(failed_match.group(1)) if failed_match else 0.0
    latencies = []
    for path in glob.glob(glob.escape(log_prefix) + ".*"):
        with open(path) as log:
            for line in log:
                fields = line.split()
                if len(fields) >= 3 and fields[2].isdigit():
                    latencies.append(int(fields[2]))
    latencies.sort()

    def percentile(p):
        if not latencies:
            return 0
        return latencies[min(len(latencies) - 1, max(0, int(round(p / 100.0 * len(latencies))) - 1))]

    print("BENCH_RESULT mode=%s tx_per_s=%.1f adjustments_per_tx=%d ok_rps=%.1f transactions=%d adjustments=%d"
          " duration_s=%.3f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d failed_tx=%d"
          % (mode, tps, adjustments_per_tx, tps * adjustments_per_tx, processed, processed * adjustments_per_tx,
             seconds, percentile(50), percentile(90), percentile(99), percentile(99.9),
             latencies[-1] if latencies else 0, failed))


SCENARIOS = {"uniform": "adjust, uniform (all products)", "hot": "adjust, hot (1 product)",
             "keyed": "adjust, uniform, each with an Idempotency-Key",
             "floor": "HTTP floor (GET log?limit=1)"}
CEILINGS = {"tx1-uniform": ("adjust-1-per-tx-uniform", "1 adjustment/tx, uniform"),
            "tx1-hot": ("adjust-1-per-tx-hot", "1 adjustment/tx, hot (1 product)"),
            "tx100-uniform": ("adjust-100-per-tx-uniform", "100 adjustments/tx, uniform"),
            "txset-uniform": ("adjust-set-100-per-tx-uniform", "100 adjustments/tx set-based, uniform, 2 clients")}
DATABASES = {"postgres": "PostgreSQL", "h2": "H2 (embedded)"}
COLUMNS = [("2xx/s", "ok_rps", "%.0f"), ("req/s", "rps", "%.0f"), ("p50 ms", "p50_us", "%.2f"),
           ("p99 ms", "p99_us", "%.2f"), ("p99.9 ms", "p999_us", "%.2f"), ("max ms", "max_us", "%.1f"),
           ("in flight", "in_flight", "%.2f")]
# Little's law on wrk's own figures: mean latency x requests/s / connections. A closed loop keeps
# it at about 1 (each connection waits for its answer before the next request); above this, wrk's
# latencies count time in which no request was out, and its percentiles are not request latencies.
IN_FLIGHT_MAX = 1.1
ERRORS = [("409", "refused_409"), ("other non-2xx", "other_non2xx"), ("socket err", "socket_errors")]
CEILING_COLUMNS = [("tx/s", "tx_per_s", "%.0f"), ("adjust/s", "ok_rps", "%.0f"), ("tx p50 ms", "p50_us", "%.2f"),
                   ("tx p99 ms", "p99_us", "%.2f"), ("tx p99.9 ms", "p999_us", "%.2f"), ("tx max ms", "max_us", "%.1f")]
CEILING_ERRORS = [("failed tx", "failed_tx")]
UNIFORM_VS_CEILING = 3.0     # targets of the throughput issue
HOT_VS_CEILING = 10.0
P99_MAX_MS = 50.0


def parse(path):
    """BENCH_* lines of bench/run's results file: key=value fields, numbers as floats."""
    lines = []
    with open(path) as results:
        for line in results:
            if line.startswith("BENCH_"):
                kind, *parts = line.split()
                fields = dict(part.split("=", 1) for part in parts)
                lines.append((kind, {k: (v if k in ("mode", "db") else float(v)) for k, v in fields.items()}))
    return lines


def cell(key, fmt, value):
    return fmt % (value / 1000.0 if key.endswith("_us") else value)


def median_of(runs, key):
    return statistics.median(r.get(key, float("nan")) for r in runs)


def report(path):
    lines = parse(path)
    runs = [f for kind, f in lines if kind == "BENCH_RESULT"]
    if not runs:
        raise SystemExit("no BENCH_RESULT lines in " + path)
    service = [r for r in runs if r["db"] in DATABASES]
    ceiling = [r for r in runs if r["db"] == "pgbench"]
    groups = [(db, mode) for db in DATABASES for mode in SCENARIOS
              if any(r["db"] == db and r["mode"] == mode for r in service)]
    medians = {}

    if groups:
        header = ["database", "scenario", "run"] + [c[0] for c in COLUMNS] + [e[0] for e in ERRORS]
        rows = []
        for db, mode in groups:
            for run in [r for r in service if r["db"] == db and r["mode"] == mode]:
                rows.append([DATABASES[db], SCENARIOS[mode], "%d" % run["run"]]
                            + [cell(k, f, run.get(k, float("nan"))) for _, k, f in COLUMNS] + ["%d" % run[k] for _, k in ERRORS])
        print_table("Stockledger, each run (2xx/s = applied adjustments per second for uniform and hot)", header, rows, 3)
        rows = []
        for db, mode in groups:
            mine = [r for r in service if r["db"] == db and r["mode"] == mode]
            medians[(db, mode)] = {k: median_of(mine, k) for _, k, _ in COLUMNS}
            rows.append([DATABASES[db], SCENARIOS[mode], "median of %d" % len(mine)]
                        + [cell(k, f, medians[(db, mode)][k]) for _, k, f in COLUMNS]
                        + ["%d" % sum(r[k] for r in mine) for _, k in ERRORS])
        print_table("Stockledger, median per scenario (errors: sum over the runs)", header, rows, 3)
        doubtful = sorted({SCENARIOS[r["mode"]] + " on " + DATABASES[r["db"]] for r in service
                           if r.get("in_flight", 0) > IN_FLIGHT_MAX})
        if doubtful:
            print("Latencies NOT TRUSTWORTHY for: %s. In flight above %.1f: wrk's mean latency x requests/s"
                  " exceeds its connections, so its latencies include time in which no request was out."
                  % ("; ".join(doubtful), IN_FLIGHT_MAX))
            print()

    modes = [m for m in CEILINGS if any(r["mode"] == m for r in ceiling)]
    if modes:
        header = ["pgbench script", "run"] + [c[0] for c in CEILING_COLUMNS] + [e[0] for e in CEILING_ERRORS]
        rows = []
        for mode in modes:
            for run in [r for r in ceiling if r["mode"] == mode]:
                rows.append([CEILINGS[mode][0], "%d" % run["run"]] + [cell(k, f, run[k]) for _, k, f in CEILING_COLUMNS]
                            + ["%d" % run[k] for _, k in CEILING_ERRORS])
        for mode in modes:
            mine = [r for r in ceiling if r["mode"] == mode]
            medians[("pgbench", mode)] = {k: median_of(mine, k) for _, k, _ in CEILING_COLUMNS}
            rows.append([CEILINGS[mode][0], "median of %d" % len(mine)]
                        + [cell(k, f, medians[("pgbench", mode)][k]) for _, k, f in CEILING_COLUMNS]
                        + ["%d" % sum(r[k] for r in mine) for _, k in CEILING_ERRORS])
        print_table("Ceiling: pgbench on the same PostgreSQL, scratch database (latencies per transaction)",
                    header, rows, 2)

    def adjust_rate(db, mode):
        return medians.get((db, mode), {}).get("ok_rps")

    def ratio_row(name, numerator, denominator):
        if numerator is None or denominator is None:
            return [name, "n/a (not measured)", "", ""]
        value = numerator / denominator if denominator else float("inf")
        return [name, "%.2f" % value, "%.0f" % numerator, "%.0f" % denominator]

    rows = [
        ratio_row("PostgreSQL uniform adjust / pgbench 1 adjustment/tx uniform",
                  adjust_rate("postgres", "uniform"), adjust_rate("pgbench", "tx1-uniform")),
        ratio_row("PostgreSQL hot adjust / pgbench 1 adjustment/tx hot",
                  adjust_rate("postgres", "hot"), adjust_rate("pgbench", "tx1-hot")),
        ratio_row("PostgreSQL uniform adjust / pgbench 100 adjustments/tx uniform",
                  adjust_rate("postgres", "uniform"), adjust_rate("pgbench", "tx100-uniform")),
        ratio_row("PostgreSQL uniform adjust / pgbench set-based 100/tx uniform (2 clients)",
                  adjust_rate("postgres", "uniform"), adjust_rate("pgbench", "txset-uniform")),
        ratio_row("pgbench set-based 100/tx (2 clients) / pgbench 1 adjustment/tx uniform",
                  adjust_rate("pgbench", "txset-uniform"), adjust_rate("pgbench", "tx1-uniform")),
    ]
    for db in DATABASES:
        for mode in ("uniform", "hot", "keyed"):
            if (db, mode) in medians and (db, "floor") in medians:
                rows.append(ratio_row("%s %s adjust / HTTP floor" % (DATABASES[db], mode),
                                      adjust_rate(db, mode), medians.get((db, "floor"), {}).get("ok_rps")))
    print_table("Ratios of medians (adjustments/s; the floor in 2xx/s)", ["ratio", "value", "numerator", "denominator"],
                rows, 1)

    cpu_report(lines, runs, adjust_rate)

    checks = {(kind, f["db"]): f for kind, f in lines if kind in ("BENCH_VERIFY", "BENCH_STOCK")}
    rows = []
    for db in DATABASES:
        verify, stock = checks.get(("BENCH_VERIFY", db)), checks.get(("BENCH_STOCK", db))
        if verify or stock:
            rows.append([DATABASES[db],
                         "n/a" if not verify else "exit %d, %s mismatch(es)" % (
                             verify["status"], "?" if verify["mismatches"] < 0 else "%d" % verify["mismatches"]),
                         "n/a" if not stock else "%d of %d products" % (stock["oversold"], stock["products"])])
    if rows:
        print_table("Correctness after the runs", ["database", "bin/stockledger verify", "oversold (stock < 0)"], rows, 3)

    def target(name, measured, met):
        return [name, measured, "n/a" if met is None else ("MET" if met else "NOT MET")]

    def vs_ceiling(mode, ceiling_mode, factor):
        numerator, denominator = adjust_rate("postgres", mode), adjust_rate("pgbench", ceiling_mode)
        if numerator is None or denominator is None:
            return target("%s adjust >= %gx pgbench 1 adjustment/tx %s (PostgreSQL)" % (mode, factor, mode),
                          "not measured", None)
        value = numerator / denominator
        return target("%s adjust >= %gx pgbench 1 adjustment/tx %s (PostgreSQL)" % (mode, factor, mode),
                      "%.2fx (%.0f vs %.0f adjust/s)" % (value, numerator, denominator), value >= factor)

    rows = [vs_ceiling("uniform", "tx1-uniform", UNIFORM_VS_CEILING), vs_ceiling("hot", "tx1-hot", HOT_VS_CEILING)]
    settings = next((f for kind, f in lines if kind == "BENCH_SETTINGS"), {})
    connections = int(settings.get("connections", 64))
    for mode in ("uniform", "hot"):
        p99 = medians.get(("postgres", mode), {}).get("p99_us")
        rows.append(target("p99 <= %g ms, %s adjust at %d connections (PostgreSQL)" % (P99_MAX_MS, mode, connections),
                           "not measured" if p99 is None else "%.1f ms" % (p99 / 1000.0),
                           None if p99 is None else p99 / 1000.0 <= P99_MAX_MS))
    for db in DATABASES:
        verify, stock = checks.get(("BENCH_VERIFY", db)), checks.get(("BENCH_STOCK", db))
        if verify is None and stock is None:
            continue
        clean = verify is not None and verify["status"] == 0 and verify["mismatches"] == 0
        unsold = stock is not None and stock["oversold"] == 0
        rows.append(target("zero oversell and clean verify (%s)" % {"postgres": "PostgreSQL", "h2": "H2"}[db],
                           "%s oversold, verify %s" % ("?" if stock is None else "%d" % stock["oversold"],
                                                        "clean" if clean else "NOT clean"),
                           clean and unsold))
    print_table("Targets (medians)", ["target", "measured", "result"], rows, 3)
    if connections != 64:
        print("Note: the targets are set for 64 connections (and 64 pgbench clients); this run used %d." % connections)


CPU_COLUMNS = [("machine busy", "busy"), ("service JVM", "service"), ("PostgreSQL", "postgres"),
               ("rest", "rest"), ("idle", "idle"), ("steal", "steal")]


def cpu_per_request(cpu, result):
    """Microseconds of CPU per request (per adjustment for pgbench) of one run, by CPU_COLUMNS key."""
    requests = result.get("adjustments") if result["db"] == "pgbench" else result.get("requests")
    if not requests:
        return None
    per = {k: cpu[k] * 1e6 / cpu["hz"] / requests for k in ("busy", "idle", "steal", "service", "postgres")}
    if cpu["postgres"] < 0:   # PostgreSQL not on this machine: its share is in no column but busy
        per["postgres"] = float("nan")
    per["rest"] = per["busy"] - per["service"] - (0 if cpu["postgres"] < 0 else per["postgres"])
    per["cores"] = cpu["cores"]
    return per


def cpu_report(lines, runs, adjust_rate):
    """Where the machine's time went per request, and how much of it the targets leave."""
    cpus = {(f["db"], f["mode"], f["run"]): f for kind, f in lines if kind == "BENCH_CPU"}
    per_run = {}
    for result in runs:
        cpu = cpus.get((result["db"], result["mode"], result["run"]))
        per = cpu and cpu_per_request(cpu, result)
        if per:
            per_run.setdefault((result["db"], result["mode"]), []).append(per)
    if not per_run:
        return
    names = dict(SCENARIOS)
    names.update({mode: "pgbench " + label for mode, (_, label) in CEILINGS.items()})
    labels = dict(DATABASES, pgbench="pgbench")
    rows = []
    for (db, mode), pers in per_run.items():
        rows.append([labels.get(db, db), names.get(mode, mode), "%d" % len(pers)]
                    + ["%.0f" % statistics.median(p[k] for p in pers) for _, k in CPU_COLUMNS])
    print_table("CPU per request, microseconds (pgbench: per adjustment), medians of the runs",
                ["database", "scenario", "runs"] + [c[0] for c in CPU_COLUMNS], rows, 3)
    print("machine busy = service JVM + PostgreSQL (all its processes) + rest (wrk or pgbench, the kernel, anything"
          " else); idle and steal (time the hypervisor gave to other machines) come on top: busy + idle + steal ="
          " cores / requests per second.")
    cores = next(iter(per_run.values()))[0]["cores"]
    rows = []
    for mode, ceiling_mode, factor in (("uniform", "tx1-uniform", UNIFORM_VS_CEILING), ("hot", "tx1-hot", HOT_VS_CEILING)):
        ceiling, pers = adjust_rate("pgbench", ceiling_mode), per_run.get(("postgres", mode))
        if not ceiling or not pers:
            continue
        budget = cores * 1e6 / (factor * ceiling)
        median = {k: statistics.median(p[k] for p in pers) for k in ("busy", "service", "postgres", "rest")}
        rows.append(["%s, %gx %.0f = %.0f adjust/s" % (mode, factor, ceiling, factor * ceiling), "%.0f" % budget,
                     "%.0f" % median["busy"], "%.0f" % median["service"], "%.0f" % median["postgres"],
                     "%.0f" % median["rest"]])
    if rows:
        print_table("What the targets leave per adjustment on PostgreSQL, microseconds of CPU (medians)",
                    ["target", "budget", "took: busy", "service JVM", "PostgreSQL", "rest"], rows, 1)
        print("budget = %d cores / the target's adjustments per second: all the machine may spend per adjustment,"
              " load generator included, to reach the target." % cores)


def print_table(title, header, rows, left_columns):
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print()
    print(title)
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 1) + ("-" if i < left_columns else ":") for i, w in enumerate(widths)) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) if i < left_columns else c.rjust(w)
                                for i, (c, w) in enumerate(zip(row, widths))) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "seed":
        seed(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    elif len(sys.argv) == 6 and sys.argv[1] == "check-stock":
        check_stock(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif len(sys.argv) == 7 and sys.argv[1] == "pgbench-result":
        pgbench_result(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5], float(sys.argv[6]))
    elif len(sys.argv) == 3 and sys.argv[1] == "report":
        report(sys.argv[2])
    else:
        raise SystemExit(__doc__)
