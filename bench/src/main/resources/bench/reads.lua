-- Varied registry reads for wrk (the benchmark harness's WrkRun writes this file next to the targets it reads).
--   wrk -t1 -c8 -d10s --latency -s reads.lua http://127.0.0.1:8080 -- <mode> <targets file>
-- The targets file has one "<kind><TAB><value>" a line, values already URL-encoded: org (organisation id), cert
-- (certificate number), name (a word of organisation names), country, tier, body (member body), asof and knownat
-- (an organisation id with its asOf or knownAt query: a date or instant in that organisation's registered life). init builds up to 20,000 requests of <mode> from them once; request() picks one at random, so
-- the run costs wrk no string work per request. done() prints one WRK-RESULT line the harness parses.
local built = {}

local function read_targets(path)
  local kinds = {}
  for line in io.lines(path) do
    local kind, value = line:match("^([%w_]+)\t([^\t]*)")
    if kind then
      kinds[kind] = kinds[kind] or {}
      table.insert(kinds[kind], value)
    end
  end
  return kinds
end

local function pick(list, what)
  if list == nil or #list == 0 then
    error("the targets file has no '" .. what .. "' lines")
  end
  return list[math.random(#list)]
end

local registry = "/api/v1/registry"
local paths = {
  bare = function(t) return registry .. "/bench/bare" end,
  standing = function(t) return registry .. "/organisations/" .. pick(t.org, "org") end,
  asof = function(t) return registry .. "/organisations/" .. pick(t.asof, "asof") end,
  knownat = function(t) return registry .. "/organisations/" .. pick(t.knownat, "knownat") end,
  cert = function(t) return registry .. "/certificates/" .. pick(t.cert, "cert") end,
  name = function(t) return registry .. "/organisations?q=" .. pick(t.name, "name") end,
  country = function(t) return registry .. "/organisations?country=" .. pick(t.country, "country") end,
  tier = function(t) return registry .. "/organisations?tier=" .. pick(t.tier, "tier") end,
  memberbody = function(t) return registry .. "/organisations?memberBody=" .. pick(t.body, "body") end,
  -- a page of the Platinum list (an API without paging answers the whole list and ignores page and size)
  platinum = function(t) return registry .. "/platinum?page=" .. math.random(0, 2) .. "&size=20" end,
}

function init(args)
  local mode, file = args[1], args[2]
  local path_of = paths[mode]
  if path_of == nil then
    error("unknown mode " .. tostring(mode))
  end
  math.randomseed(os.time())
  local targets = read_targets(file)
  local count = 2000
  for _, kind in ipairs({ "org", "asof", "knownat", "cert" }) do
    if targets[kind] and #targets[kind] > count then
      count = math.min(#targets[kind], 20000)
    end
  end
  for i = 1, count do
    built[i] = wrk.format("GET", path_of(targets))
  end
end

function request()
  return built[math.random(#built)]
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("WRK-RESULT requests=%d duration_us=%d p50_us=%d p90_us=%d p99_us=%d max_us=%d "
    .. "status_errors=%d connect=%d read=%d write=%d timeout=%d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, e.status, e.connect,
    e.read, e.write, e.timeout))
end
