// The real parts a sender meets: the loopback test lab (DNS, SMTP with STARTTLS, HTTPS) and the
// TLS Preflight service in development mode, each started as its own process and stopped by PID.
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Level } from "../../../addin/src/shared/api-types";

export const repoRoot = join(__dirname, "..", "..", "..");
const apiDll = join(repoRoot, "backend", "TlsPreflight.Api", "bin", "Release", "net10.0", "TlsPreflight.Api.dll");
const labDll = join(repoRoot, "tests", "TlsPreflight.TestLab", "bin", "Release", "net10.0", "TlsPreflight.TestLab.dll");

export interface Lab {
  dnsServer: string;
  smtpPort: number;
  httpsPort: number;
  caFile: string;
  domains: Record<string, Level>;
}

export interface Running {
  stop(): Promise<void>;
  log(): string;
}

const started = new Set<ChildProcess>();
process.on("exit", () => {
  for (const child of started) if (child.exitCode === null && child.pid) process.kill(child.pid, "SIGKILL");
});

function launch(args: string[], cwd: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = "";
  const child = spawn("dotnet", args, { cwd, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  child.stdout!.on("data", (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on("data", (d) => (output = (output + d).slice(-20_000)));
  started.add(child);
  return { child, output: () => output };
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      started.delete(child);
      if (child.exitCode !== null || !child.pid) return resolve();
      const kill = setTimeout(() => child.pid && process.kill(child.pid, "SIGKILL"), 10_000);
      child.once("exit", () => {
        clearTimeout(kill);
        resolve();
      });
      process.kill(child.pid, "SIGTERM");
    });
}

async function until<T>(what: string, deadlineMs: number, probe: () => Promise<T | null>, log: () => string): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await probe().catch(() => null);
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`${what} did not come up within ${deadlineMs / 1000} s. Output:\n${log()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

function need(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: build Release first (npm test does: dotnet build Backend.sln -c Release)`);
}

export async function startLab(): Promise<{ lab: Lab } & Running> {
  need(labDll);
  const dir = mkdtempSync(join(tmpdir(), "tlspreflight-lab-"));
  const out = join(dir, "lab.json");
  const { child, output } = launch([labDll, "serve", "--out", out], dir, {});
  const lab = await until("the test lab", 90_000, async () => (existsSync(out) ? (JSON.parse(readFileSync(out, "utf8")) as Lab) : null), output);
  const stop = stopper(child);
  return { lab, log: output, stop: async () => { await stop(); rmSync(dir, { recursive: true, force: true }); } };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** The service in Development, with its own SQLite file, probing only the loopback lab. */
export async function startService(lab: Lab): Promise<{ baseUrl: string } & Running> {
  need(apiDll);
  const dataDir = mkdtempSync(join(tmpdir(), "tlspreflight-data-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  // The working folder is the build output, so the service reads its own appsettings files.
  const { child, output } = launch([apiDll], dirname(apiDll), {
    ASPNETCORE_ENVIRONMENT: "Development",
    ASPNETCORE_URLS: baseUrl,
    DevelopmentSignIn__Enabled: "true",
    ConnectionStrings__Sqlite: `Data Source=${join(dataDir, "tlspreflight.db")}`,
    Addin__DistPath: join(repoRoot, "addin", "dist"),
    Probing__DnsServers__0: lab.dnsServer,
    Probing__SmtpPort: String(lab.smtpPort),
    Probing__HttpsPort: String(lab.httpsPort),
    Probing__ExtraTrustedCaFile: lab.caFile,
    Probing__TrustResolverDnssec: "true",
    Probing__AllowPrivateNetworks: "true",
  });
  await until("the TLS Preflight service", 90_000, async () => { const r = await fetch(`${baseUrl}/health/live`); await r.arrayBuffer(); return r.ok ? true : null; }, output);
  const stop = stopper(child);
  return { baseUrl, log: output, stop: async () => { await stop(); rmSync(dataDir, { recursive: true, force: true }); } };
}

export async function devToken(baseUrl: string, userId: string, tenantId: string, roles: string[] = []): Promise<string> {
  const response = await fetch(`${baseUrl}/dev/token`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ tenantId, userId, roles }),
  });
  if (!response.ok) throw new Error(`POST /dev/token answered ${response.status}`);
  return ((await response.json()) as { accessToken: string }).accessToken;
}

/** Replaces the tenant's policy through the admin API (GET for the ETag, then PUT with If-Match). */
export async function putPolicy(baseUrl: string, adminToken: string, changes: Record<string, unknown>): Promise<void> {
  const headers = { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" };
  const current = await fetch(`${baseUrl}/api/v1/policy`, { headers });
  if (!current.ok) throw new Error(`GET /api/v1/policy answered ${current.status}`);
  const etag = current.headers.get("ETag") ?? "";
  const body = { ...((await current.json()) as Record<string, unknown>), ...changes };
  const put = await fetch(`${baseUrl}/api/v1/policy`, { method: "PUT", headers: { ...headers, "If-Match": etag }, body: JSON.stringify(body) });
  if (!put.ok) throw new Error(`PUT /api/v1/policy answered ${put.status}: ${await put.text()}`);
}
