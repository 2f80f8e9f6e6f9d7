-- Conditional GETs for wrk (the benchmark harness's WrkRun writes this file next to the targets it reads).
--   wrk -t1 -c8 -d10s --latency -s conditional.lua http://127.0.0.1:8080 -- <targets file>
-- The targets file has "etag<TAB><path><TAB><ETag>" lines: the ETag a first answer of <path> carried. Each request
-- sends it as If-None-Match; response() counts 304s and other answers per thread, done() adds them up and prints
-- one WRK-RESULT line the harness parses.
local built = {}
local threads = {}
not_modified = 0
other = 0

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time())
  for line in io.lines(args[1]) do
    local path, etag = line:match("^etag\t([^\t]+)\t(.+)$")
    if path then
      table.insert(built, wrk.format("GET", path, { ["If-None-Match"] = etag }))
    end
  end
  if #built == 0 then
    error("the targets file has no 'etag' lines")
  end
end

function request()
  return built[math.random(#built)]
end

function response(status, headers, body)
  if status == 304 then
    not_modified = not_modified + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local n304, nother = 0, 0
  for _, thread in ipairs(threads) do
    n304 = n304 + (thread:get("not_modified") or 0)
    nother = nother + (thread:get("other") or 0)
  end
  io.write(string.format("WRK-RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
    .. "status_errors=%d connect=%d read=%d write=%d timeout=%d not_modified=%d other=%d\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, e.status,
    e.connect, e.read, e.write, e.timeout, n304, nother))
end
