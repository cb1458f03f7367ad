// The XML manifest → unified JSON manifest with Microsoft's converter, then the JSON checked against
// the schema that ships in @microsoft/app-manifest. All offline.
import { AppManifestUtils } from "@microsoft/app-manifest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";

const require = createRequire(import.meta.url);

function schemaFor(manifest) {
  const version = /\/v(\d+\.\d+)\//.exec(manifest.$schema ?? "")?.[1];
  if (!version) throw new Error(`the converted manifest names no known schema ($schema "${manifest.$schema}")`);
  const pkg = dirname(require.resolve("@microsoft/app-manifest/package.json"));
  const file = join(pkg, "build", "json-schemas", "teams", `v${version}`, "MicrosoftTeams.schema.json");
  if (!existsSync(file)) throw new Error(`no bundled JSON schema for manifest version ${version}`);
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Returns error strings; an empty list means the converter and the schema both accept the manifest. */
export async function convertAndValidate(manifestPath) {
  const { manifest, errors } = await convert(manifestPath);
  return manifest ? validateUnified(manifest) : errors;
}

/** The unified manifest checked against its bundled schema, plus the two launch events the add-in needs. */
export async function validateUnified(manifest) {
  const errors = (await AppManifestUtils.validateAgainstSchema(manifest, schemaFor(manifest))).map((e) => `JSON schema: ${e}`);
  const events = (manifest.extensions ?? []).flatMap((x) => x.autoRunEvents ?? []).flatMap((a) => a.events ?? []);
  for (const type of ["messageRecipientsChanged", "messageSending"]) {
    if (!events.some((e) => e.type === type)) errors.push(`the converted manifest has no ${type} event`);
  }
  return errors;
}

/** The XML manifest converted by Microsoft's converter: `{ manifest }`, or `{ errors }` when it produced nothing. */
export async function convert(manifestPath) {
  const out = mkdtempSync(join(tmpdir(), "tlspreflight-manifest-"));
  try {
    const cli = join(dirname(require.resolve("office-addin-manifest-converter/package.json")), "cli.js");
    let output = "";
    try {
      const r = await promisify(execFile)(process.execPath, [cli, "convert", manifestPath, "-o", out], { timeout: 60_000 });
      output = `${r.stdout}${r.stderr}`;
    } catch (e) {
      output = `${e.stdout ?? ""}${e.stderr ?? ""}${e.message}`;
    }
    // The converter exits 0 even when it fails: the file is the only proof.
    const jsonPath = join(out, "manifest.json");
    if (!existsSync(jsonPath)) return { errors: [`the converter produced no manifest.json: ${output.trim().split("\n").slice(-3).join(" ") || "no output"}`] };
    return { manifest: JSON.parse(readFileSync(jsonPath, "utf8")) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
