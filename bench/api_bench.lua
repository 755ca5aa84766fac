-- wrk script: mixed candidate reads and writes against one person.
-- Four reads (GET /api/people/{id}) to one write (POST .../notes, an
-- append). "No lost update": every 201 the server acknowledged must be a note
-- that exists afterwards; api_bench.sh compares the 201s summed here with the
-- person's notes_total before and after the run (requests still in flight
-- when wrk stops are stored but not counted, so lost <= 0 is the pass).
-- Env (via wrk's os.getenv): ST_COOKIE, ST_CSRF, ST_PERSON.
local cookie = os.getenv("ST_COOKIE")
local csrf = os.getenv("ST_CSRF")
local person = os.getenv("ST_PERSON")
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  created = 0
  write_errors = 0
  n = 0
end

function request()
  n = n + 1
  if n % 5 == 0 then
    local body = '{"body":"bench note ' .. n .. '"}'
    return wrk.format("POST", "/api/people/" .. person .. "/notes",
      {["Cookie"] = cookie, ["X-CSRF-Token"] = csrf, ["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", "/api/people/" .. person, {["Cookie"] = cookie})
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status >= 400 then
    write_errors = write_errors + 1
  end
end

function done(summary, latency, requests)
  local total_created, total_errors = 0, 0
  for _, t in ipairs(threads) do
    total_created = total_created + t:get("created")
    total_errors = total_errors + t:get("write_errors")
  end
  io.write(string.format("MIXED created=%d http_errors=%d requests=%d p99_us=%d\n", total_created, total_errors,
    summary.requests, latency:percentile(99)))
end
