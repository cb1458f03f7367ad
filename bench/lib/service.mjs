// The TestLab and the API, started together on loopback for bench/api.sh and bench/addin.mjs.
//   import { startService } from "./service.mjs"  → { baseUrl, apiPid, lab, stop() }
//   node bench/lib/service.mjs --out service.json  → writes the same (without stop) and runs until SIGTERM.
// Expects Release builds of tests/TlsPreflight.TestLab and backend/TlsPreflight.Api. Only the two processes it
// starts are ever stopped, by PID.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const labExe = join(root, "tests/TlsPreflight.TestLab/bin/Release/net10.0/TlsPreflight.TestLab");
const apiBin = join(root, "backend/TlsPreflight.Api/bin/Release/net10.0");

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(check, seconds, child, what) {
  const until = Date.now() + seconds * 1000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${what}: the process exited (${child.exitCode}) before it was ready`);
    if (await check().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`${what}: not ready within ${seconds}s`);
}

function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((done) => {
    const force = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => { clearTimeout(force); done(); });
    child.kill("SIGTERM");
  });
}

/** Start the lab and the API (Development, temp data folder, Probing pointed at the lab, bench rate limits). */
export async function startService({ port = 0, logLevel = "Warning" } = {}) {
  const work = mkdtempSync(join(tmpdir(), "tlspreflight-bench-service."));
  const children = [];
  const stop = async () => {
    for (const child of children.reverse()) await stopChild(child);
    rmSync(work, { recursive: true, force: true });
  };
  try {
    const labFile = join(work, "lab.json");
    const lab = spawn(labExe, ["serve", "--out", labFile], { stdio: ["ignore", openSync(join(work, "lab.log"), "w"), "inherit"] });
    children.push(lab);
    await waitFor(async () => existsSync(labFile), 60, lab, "lab");
    const labInfo = JSON.parse(readFileSync(labFile, "utf8"));

    const apiPort = port || 20000 + Math.floor(Math.random() * 20000);
    const baseUrl = `http://127.0.0.1:${apiPort}`;
    mkdirSync(join(work, "data"));
    const env = {
      ...process.env,
      ASPNETCORE_ENVIRONMENT: "Development",
      ASPNETCORE_URLS: baseUrl,
      ConnectionStrings__Sqlite: `Data Source=${join(work, "data", "tlspreflight.db")}`,
      Addin__DistPath: join(root, "addin", "dist"),
      Probing__DnsServers__0: labInfo.dnsServer,
      Probing__SmtpPort: String(labInfo.smtpPort),
      Probing__HttpsPort: String(labInfo.httpsPort),
      Probing__ExtraTrustedCaFile: labInfo.caFile,
      Probing__TrustResolverDnssec: "true",
      Probing__AllowPrivateNetworks: "true",
      // One bench user sends far more than a person would: lift the per-user and per-tenant limits.
      RateLimits__PerUserPerMinute: "100000000",
      RateLimits__PerTenantPerMinute: "100000000",
      // Per-request information logs would measure the console, not the service.
      Logging__LogLevel__Default: logLevel,
      "Logging__LogLevel__Microsoft.AspNetCore": logLevel,
    };
    const api = spawn("dotnet", [join(apiBin, "TlsPreflight.Api.dll"), "--contentRoot", apiBin],
      { cwd: work, env, stdio: ["ignore", openSync(join(work, "api.log"), "w"), "inherit"] });
    children.push(api);
    await waitFor(async () => (await fetch(`${baseUrl}/health/live`)).ok, 90, api, "API");
    return { baseUrl, apiPid: api.pid, labPid: lab.pid, lab: labInfo, work, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A development token (POST /dev/token) for the bench user. */
export async function devToken(baseUrl, roles = []) {
  const response = await fetch(`${baseUrl}/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenantId: "11111111-1111-1111-1111-111111111111", userId: "bench", roles }),
  });
  if (!response.ok) throw new Error(`POST /dev/token: ${response.status} ${await response.text()}`);
  return (await response.json()).accessToken;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { out: { type: "string" }, port: { type: "string" } } });
  if (!values.out) {
    console.error("usage: node bench/lib/service.mjs --out service.json [--port N]");
    process.exit(2);
  }
  const service = await startService({ port: Number(values.port ?? 0) });
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    await service.stop();
    process.exit(0);
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
  const { stop: _, ...description } = service;
  writeFileSync(values.out + ".tmp", JSON.stringify({ ...description, token: await devToken(service.baseUrl) }, null, 2));
  renameSync(values.out + ".tmp", values.out);
  console.log(`service on ${service.baseUrl} (API pid ${service.apiPid}); described in ${values.out}`);
  setInterval(() => {}, 1 << 30); // run until signalled
}
