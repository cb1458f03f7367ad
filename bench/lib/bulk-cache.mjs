// `node bulk-cache.mjs --url BASE --token T --pid PID [--count 100000] [--batch 500]`: send COUNT distinct domains
// under bulk.lab.test (the lab answers NXDOMAIN for them, so each assessment is a few DNS queries and no SMTP) through
// POST /api/v1/assessments in batches, so each lands in the service's cache; print the service's VmRSS before and after.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" }, token: { type: "string" }, pid: { type: "string" },
    count: { type: "string", default: "100000" }, batch: { type: "string", default: "500" }, parallel: { type: "string", default: "2" },
  },
});
if (!values.url || !values.token || !values.pid) {
  console.error("usage: node bulk-cache.mjs --url BASE --token T --pid PID [--count N] [--batch N]");
  process.exit(2);
}
const count = Number(values.count), batch = Number(values.batch), parallel = Number(values.parallel);
const rss = () => readFileSync(`/proc/${values.pid}/status`, "utf8").match(/^VmRSS:\s+(\d+) kB/m)[1] / 1024;

const before = rss();
const levels = {};
let failed = 0, next = 0, done = 0;
const started = performance.now();
async function worker() {
  while (next < count) {
    const from = next;
    next += batch;
    const recipients = [];
    for (let i = from; i < Math.min(from + batch, count); i++) recipients.push(`b${String(i).padStart(6, "0")}.bulk.lab.test`);
    const response = await fetch(`${values.url}/api/v1/assessments`, {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${values.token}` },
      body: JSON.stringify({ intent: "preview", recipients }),
      signal: AbortSignal.timeout(120_000),
    });
    if (!response.ok) {
      failed++;
      if (failed <= 3) console.log(`batch at ${from}: ${response.status} ${(await response.text()).slice(0, 200)}`);
      continue;
    }
    for (const d of (await response.json()).domains) levels[d.level] = (levels[d.level] ?? 0) + 1;
    done += recipients.length;
    if (done % 10_000 < batch) console.log(`  ${done} domains sent, ${((performance.now() - started) / 1000).toFixed(0)} s, VmRSS ${rss().toFixed(0)} MiB`);
  }
}
await Promise.all(Array.from({ length: parallel }, worker));
const seconds = (performance.now() - started) / 1000;
const after = rss();
console.log(`${count} distinct domains in batches of ${batch} (${parallel} at a time): ${seconds.toFixed(1)} s, ${(count / seconds).toFixed(0)} domains/s; ${failed} batches failed`);
console.log(`levels: ${Object.entries(levels).map(([k, v]) => `${k}=${v}`).join(", ")}`);
console.log(`service VmRSS before ${before.toFixed(0)} MiB, after ${after.toFixed(0)} MiB (+${(after - before).toFixed(0)} MiB, ≈${(((after - before) * 1024 * 1024) / count).toFixed(0)} bytes per cached domain)`);
