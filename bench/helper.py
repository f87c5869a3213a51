#!/usr/bin/env python3
"""Helpers for bench/run (standard library only).

  helper.py seed  BASE_URL ORG TOKEN PRODUCTS STOCK   create products 1..PRODUCTS and stock each with STOCK
  helper.py table RESULTS_FILE                        print per-run figures and the median per scenario
"""
import http.client
import json
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


COLUMNS = [("2xx/s", "ok_rps", "%.0f"), ("req/s", "rps", "%.0f"), ("p50 ms", "p50_us", "%.2f"),
           ("p99 ms", "p99_us", "%.2f"), ("p99.9 ms", "p999_us", "%.2f"), ("max ms", "max_us", "%.1f")]
ERRORS = [("409", "refused_409"), ("other non-2xx", "other_non2xx"), ("socket err", "socket_errors")]
SCENARIOS = {"uniform": "adjust, uniform (all products)", "hot": "adjust, hot (1 product)",
             "floor": "HTTP floor (GET log?limit=1)"}


def parse(path):
    runs = []
    with open(path) as results:
        for line in results:
            if line.startswith("BENCH_RESULT "):
                fields = dict(part.split("=", 1) for part in line.split()[1:])
                runs.append({k: (v if k in ("mode", "scenario") else float(v)) for k, v in fields.items()})
    return runs


def cell(key, fmt, value):
    return fmt % (value / 1000.0 if key.endswith("_us") else value)


def table(path):
    runs = parse(path)
    if not runs:
        raise SystemExit("no BENCH_RESULT lines in " + path)
    order = [s for s in SCENARIOS if any(r["mode"] == s for r in runs)]
    header = ["scenario", "run"] + [c[0] for c in COLUMNS] + [e[0] for e in ERRORS]
    rows = []
    for scenario in order:
        for run in [r for r in runs if r["mode"] == scenario]:
            rows.append([SCENARIOS[scenario], "%d" % run["run"]] + [cell(k, f, run[k]) for _, k, f in COLUMNS]
                        + ["%d" % run[k] for _, k in ERRORS])
    print_table("Each run", header, rows)

    rows = []
    for scenario in order:
        mine = [r for r in runs if r["mode"] == scenario]
        rows.append([SCENARIOS[scenario], "median of %d" % len(mine)]
                    + [cell(k, f, statistics.median(r[k] for r in mine)) for _, k, f in COLUMNS]
                    + ["%d" % sum(r[k] for r in mine) for _, k in ERRORS])
    print_table("Median per scenario (errors: sum over the runs)", header, rows)


def print_table(title, header, rows):
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    print()
    print(title)
    print("| " + " | ".join(h.ljust(w) for h, w in zip(header, widths)) + " |")
    print("|" + "|".join("-" * (w + 1) + ("-" if i < 2 else ":") for i, w in enumerate(widths)) + "|")
    for row in rows:
        print("| " + " | ".join(c.ljust(w) if i < 2 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "seed":
        seed(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    elif len(sys.argv) == 3 and sys.argv[1] == "table":
        table(sys.argv[2])
    else:
        raise SystemExit(__doc__)
