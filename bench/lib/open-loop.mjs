// `node open-loop.mjs --url U --rate R --seconds S [--body-file F] [--token T]`: an open-loop load generator.
// Request i is due at start + i/R whatever happened before, and its latency is measured from when it was DUE, not
// from when it was sent, so a stalled server shows in the figures (no coordinated omission; wrk has no fixed rate
// and Debian has no wrk2). Prints p50/p90/p99/max and the achieved rate; asserts nothing.
import { readFileSync } from "node:fs";
import http from "node:http";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    url: { type: "string" }, rate: { type: "string", default: "500" }, seconds: { type: "string", default: "20" },
    "body-file": { type: "string" }, token: { type: "string" }, connections: { type: "string", default: "64" },
  },
});
if (!values.url) {
  console.error("usage: node open-loop.mjs --url URL [--rate 500] [--seconds 20] [--body-file F] [--token T]");
  process.exit(2);
}
const url = new URL(values.url);
const rate = Number(values.rate), seconds = Number(values.seconds);
const body = values["body-file"] ? readFileSync(values["body-file"]) : null;
const headers = { ...(body ? { "Content-Type": "application/json", "Content-Length": body.length } : {}), ...(values.token ? { Authorization: `Bearer ${values.token}` } : {}) };
const agent = new http.Agent({ keepAlive: true, maxSockets: Number(values.connections) });

const total = Math.round(rate * seconds);
const latencies = [];
let errors = 0, non200 = 0, inFlight = 0, maxInFlight = 0;

function send(due) {
  inFlight++;
  maxInFlight = Math.max(maxInFlight, inFlight);
  const req = http.request(url, { method: body ? "POST" : "GET", headers, agent, timeout: 10_000 }, (res) => {
    res.resume();
    res.on("end", () => {
      inFlight--;
      if (res.statusCode !== 200) non200++;
      latencies.push(performance.now() - due);
    });
  });
  req.on("timeout", () => req.destroy(new Error("timeout")));
  req.on("error", () => { inFlight--; errors++; });
  if (body) req.write(body);
  req.end();
}

const start = performance.now() + 100;
let next = 0;
await new Promise((done) => {
  const tick = () => {
    const now = performance.now();
    while (next < total && start + (next * 1000) / rate <= now) send(start + (next++ * 1000) / rate);
    if (next < total) setTimeout(tick, 1);
    else done();
  };
  setTimeout(tick, 100);
});
while (inFlight > 0) await new Promise((r) => setTimeout(r, 5));
const elapsed = (performance.now() - start) / 1000;

latencies.sort((a, b) => a - b);
const at = (p) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)] ?? NaN;
const f = (x) => x.toFixed(2);
console.log(`open loop ${rate} req/s for ${seconds}s: ${latencies.length} answers (${non200} not 200, ${errors} errors) in ${elapsed.toFixed(1)}s = ${(latencies.length / elapsed).toFixed(0)} req/s; at most ${maxInFlight} in flight`);
console.log(`latency from due time: p50 ${f(at(0.5))} ms, p90 ${f(at(0.9))} ms, p99 ${f(at(0.99))} ms, max ${f(latencies.at(-1) ?? NaN)} ms`);
console.log(`RESULT ${JSON.stringify({ rate, answers: latencies.length, non200, errors, p50: at(0.5), p99: at(0.99), max: latencies.at(-1) })}`);
agent.destroy();
