-- wrk script: the request a measurement repeats, and a machine-readable summary at the end.
-- bench/wrk.py sets BENCH_METHOD, BENCH_PATH, BENCH_AUTHORIZATION, BENCH_BODY_FILE (may be empty)
-- and BENCH_EXPECT (the one status that counts as success).

wrk.method = os.getenv("BENCH_METHOD") or "POST"
wrk.path = os.getenv("BENCH_PATH") or "/"
wrk.headers["Authorization"] = os.getenv("BENCH_AUTHORIZATION")
local body_file = os.getenv("BENCH_BODY_FILE")
if body_file and body_file ~= "" then
    local file = assert(io.open(body_file, "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
end
local expected = tonumber(os.getenv("BENCH_EXPECT") or "200")

local threads = {}

function setup(thread)
    table.insert(threads, thread)
end

function init(args)
    unexpected = 0
end

function response(status, headers, body)
    if status ~= expected then
        unexpected = unexpected + 1
    end
end

function done(summary, latency, requests)
    local wrong = 0
    for _, thread in ipairs(threads) do
        wrong = wrong + thread:get("unexpected")
    end
    local failed = summary.errors.connect + summary.errors.read + summary.errors.write
        + summary.errors.timeout
    -- The latency distribution at these percentiles, for the plot of RESULTS.md.
    local points = {}
    for _, p in ipairs({1, 10, 25, 50, 75, 90, 95, 98, 99, 99.5, 99.8, 99.9, 99.95, 99.99}) do
        table.insert(points, string.format("[%g, %.3f]", p, latency:percentile(p) / 1000))
    end
    io.write(string.format(
        "BENCH-RESULT {\"requests\": %d, \"seconds\": %.6f, \"errors\": %d, \"p50_ms\": %.3f, \"p99_ms\": %.3f, \"p999_ms\": %.3f, \"distribution\": [%s]}\n",
        summary.requests, summary.duration / 1e6, wrong + failed,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        latency:percentile(99.9) / 1000, table.concat(points, ", ")))
end
