// The tests that read addin/dist build it first when it is missing (npm test builds it anyway).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

export const repoRoot = join(__dirname, "..", "..", "..");
export const distDir = join(repoRoot, "addin", "dist");

export function ensureBuilt(): void {
  if (existsSync(join(distDir, "launchevent.js")) && existsSync(join(distDir, "taskpane.js"))) return;
  execFileSync(process.execPath, [join(repoRoot, "scripts", "build-addin.mjs")], { cwd: repoRoot, stdio: "pipe" });
}
