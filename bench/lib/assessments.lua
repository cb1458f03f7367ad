-- wrk: POST /api/v1/assessments, 10 recipients over 5 lab domains, as Outlook's recipients-changed check sends it.
-- The bearer token comes from the environment (TLSPREFLIGHT_BENCH_TOKEN); the intent from TLSPREFLIGHT_BENCH_INTENT.
local token = os.getenv("TLSPREFLIGHT_BENCH_TOKEN")
local intent = os.getenv("TLSPREFLIGHT_BENCH_INTENT") or "preview"
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"intent":"' .. intent .. '","recipients":['
  .. '"ann@verified.lab.test","bob@verified.lab.test",'
  .. '"cat@sts.lab.test","dan@sts.lab.test",'
  .. '"eve@dane.lab.test","fay@dane.lab.test",'
  .. '"gus@encrypted.lab.test","hal@encrypted.lab.test",'
  .. '"ivy@plaintext.lab.test","jay@plaintext.lab.test"]}'

-- Count answers that are not 200, so a run of 401s or 429s cannot pass for throughput.
local non200 = 0
response = function(status, headers, body)
  if status ~= 200 then non200 = non200 + 1 end
end
done = function(summary, latency, requests)
  io.write(string.format("non-2xx or errors: %d (socket errors: connect %d, read %d, write %d, timeout %d)\n",
    summary.errors.status, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout))
end
