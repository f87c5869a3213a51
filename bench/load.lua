-- wrk script for bench/run. The scenario comes from the environment:
--   BENCH_MODE      uniform: POST /inventory/adjust on a random product 1..BENCH_PRODUCTS per request
--                   hot:     POST /inventory/adjust, every request on product BENCH_HOT_P1_ID
--                   keyed:   as uniform, each request with its own Idempotency-Key (a POS that retries safely)
--                   floor:   GET /inventory/{BENCH_PRODUCTS}/log?limit=1, a cheap authenticated read (bearer
--                            lookup, product lookup, one indexed movement): the HTTP ceiling of the stack
--   BENCH_TOKEN     bearer token with inventory.read and inventory.write
--   BENCH_ORG       org id (default bench)
--   BENCH_PRODUCTS  number of products, p1_id 1..N (default 10000)
--   BENCH_CONNECTIONS  wrk's -c, for the in-flight check of the latencies (default 64)
-- Adjustments are +1 or -1 at random, so stock (seeded large) stays positive; a 409 refusal is
-- counted apart from other non-2xx answers all the same.
-- done() prints one parseable line: BENCH_RESULT key=value ... (latencies in microseconds).

local mode = os.getenv("BENCH_MODE") or "uniform"
local token = os.getenv("BENCH_TOKEN") or error("BENCH_TOKEN is not set")
local org = os.getenv("BENCH_ORG") or "bench"
local products = tonumber(os.getenv("BENCH_PRODUCTS") or "10000")
local hot_p1_id = os.getenv("BENCH_HOT_P1_ID") or "1"
local connections = tonumber(os.getenv("BENCH_CONNECTIONS") or "64")
local base = "/api/v2/public/orgs/" .. org

local threads = {}
local next_thread_id = 1

function setup(thread)
   thread:set("thread_id", next_thread_id)
   next_thread_id = next_thread_id + 1
   table.insert(threads, thread)
end

function init(args)
   math.randomseed(os.time() + 7919 * thread_id)
   ok_2xx = 0
   refused_409 = 0
   other_non2xx = 0
end

if mode == "floor" then
   wrk.method = "GET"
   -- The last product: the hot scenario writes to product 1, the floor should not depend on it.
   wrk.path = base .. "/inventory/" .. products .. "/log?limit=1"
   wrk.headers["Authorization"] = "Bearer " .. token
elseif mode == "uniform" or mode == "hot" or mode == "keyed" then
   local adjust_path = base .. "/inventory/adjust"
   local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
   local sent = 0
   local key_prefix = nil
   function request()
      local p1_id = mode == "hot" and hot_p1_id or tostring(math.random(products))
      local delta = math.random(2) == 1 and 1 or -1
      local body = '{"p1_id":"' .. p1_id .. '","delta_on_hand":' .. delta .. ',"reason":"bench"}'
      if mode == "keyed" then
         -- Unique per wrk thread and run: the thread id, the start time and a per-thread counter.
         key_prefix = key_prefix or ("bench-" .. thread_id .. "-" .. os.time() .. "-" .. math.random(1000000000) .. "-")
         sent = sent + 1
         headers["Idempotency-Key"] = key_prefix .. sent
      end
      return wrk.format("POST", adjust_path, headers, body)
   end
else
   error("unknown BENCH_MODE " .. mode .. " (uniform, hot, keyed or floor)")
end

function response(status, headers, body)
   if status >= 200 and status < 300 then
      ok_2xx = ok_2xx + 1
   elseif status == 409 then
      refused_409 = refused_409 + 1
   else
      other_non2xx = other_non2xx + 1
   end
end

function done(summary, latency, requests)
   local ok, refused, other = 0, 0, 0
   for _, thread in ipairs(threads) do
      ok = ok + thread:get("ok_2xx")
      refused = refused + thread:get("refused_409")
      other = other + thread:get("other_non2xx")
   end
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "BENCH_RESULT mode=%s requests=%d duration_s=%.3f rps=%.1f ok_rps=%.1f p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d"
         .. " mean_us=%d in_flight=%.2f"
         .. " ok=%d refused_409=%d other_non2xx=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
      mode, summary.requests, seconds, summary.requests / seconds, ok / seconds,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
      -- Little's law: requests in flight on average, per connection (about 1 when every connection
      -- always waits for an answer; well above 1 means the latencies count time no request was out).
      latency.mean, latency.mean / 1e6 * summary.requests / seconds / connections,
      ok, refused, other, e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
end
