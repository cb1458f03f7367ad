// `npm run validate [-- manifest.xml] [--service http://127.0.0.1:5080]`: checks the add-in manifest
// offline (Microsoft's own validator needs its online service). Build first (`npm run build`): URLs
// must point at files in addin/dist. With --service, every /addin/ URL must also answer 200 there.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { addinPaths, associatedFunctionNames, checkManifest } from "./lib/manifest-checks.mjs";
import { convertAndValidate } from "./lib/manifest-convert.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const { values, positionals } = parseArgs({ options: { service: { type: "string" } }, allowPositionals: true });
const manifestPath = resolve(positionals[0] ?? join(root, "manifest.xml"));
const distDir = join(root, "addin", "dist");
const handlerPath = join(distDir, "launchevent.js");

function fail(lines) {
  console.error(`${manifestPath}: ${lines.length} problem${lines.length === 1 ? "" : "s"}`);
  for (const line of lines) console.error(`  - ${line}`);
  process.exit(1);
}

if (!existsSync(manifestPath)) fail([`no such file`]);
if (!existsSync(handlerPath)) fail(["addin/dist/launchevent.js is missing: run `npm run build` first"]);

const configSource = readFileSync(join(root, "addin", "src", "shared", "config.ts"), "utf8");
const taskpaneCommandId = /TASKPANE_COMMAND_ID\s*=\s*"([^"]+)"/.exec(configSource)?.[1];
// The built script is what Outlook runs, so its associate calls are the ones that count.
const errors = checkManifest(readFileSync(manifestPath, "utf8"), {
  distDir,
  associatedFunctions: associatedFunctionNames(readFileSync(handlerPath, "utf8")),
  taskpaneCommandId,
});
if (errors.length > 0) fail(errors); // the converter would only add noise to a broken manifest
const converted = await convertAndValidate(manifestPath);
if (converted.length > 0) fail(converted);
if (values.service) {
  const service = values.service.replace(/\/+$/, "");
  const missing = [];
  for (const path of addinPaths(readFileSync(manifestPath, "utf8"))) {
    // Read each body: an unread response keeps its connection, and the process, waiting.
    const status = await fetch(service + path).then(
      async (r) => (await r.arrayBuffer(), r.status),
      (e) => `unreachable (${e.cause?.code ?? e.message})`,
    );
    if (status !== 200) missing.push(`${service}${path} answered ${status}: the service does not serve it`);
  }
  if (missing.length > 0) fail(missing);
}
console.log(`${manifestPath}: valid (structure, resources, URLs, launch events, unified-manifest schema)`);
