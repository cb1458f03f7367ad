// `npm run package [-- artifacts/manifest-<host>-<mode>.xml] [--out folder]`: the unified manifest for Microsoft 365
// (manifest.json + color and outline icons in an app-package zip, as the Microsoft 365 admin center and the Teams
// admin center take it), converted from the XML manifest by Microsoft's converter — the XML stays the one source,
// so the two never drift — and validated offline against the schema bundled in @microsoft/app-manifest.
import AdmZip from "adm-zip";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { convert, validateUnified } from "./lib/manifest-convert.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// App package icons (Teams/Microsoft 365 app manifest), committed beside the add-in's own: full-colour 192×192,
// outline 32×32 white on transparent (Teams and Microsoft 365 tint it themselves).
const assets = join(root, "addin", "assets");
const COLOR_ICON = { file: "color.png", source: join(assets, "color-192.png") };
const OUTLINE_ICON = { file: "outline.png", source: join(assets, "outline-32.png") };
// The icons' blue disc (#0F6CBD), the package's accent colour.
const ACCENT = "#0F6CBD";
const SHORT_DESCRIPTION_MAX = 80;

function fail(lines) {
  console.error(`package: ${lines.length} problem${lines.length === 1 ? "" : "s"}`);
  for (const line of lines) console.error(`  - ${line}`);
  process.exit(1);
}

let values, positionals;
try {
  ({ values, positionals } = parseArgs({ options: { out: { type: "string" } }, allowPositionals: true }));
} catch (e) {
  console.error(`package: ${e.message}\nusage: npm run package [-- manifest.xml] [--out folder]`);
  process.exit(2);
}
const xmlPath = resolve(positionals[0] ?? join(root, "manifest.xml"));
// manifest-<host>-<mode>.xml → app-package-<host>-<mode>; manifest.xml → app-package
const name = "app-package" + basename(xmlPath, ".xml").replace(/^manifest/, "");
const outDir = resolve(values.out ?? join(root, "artifacts"));

const { manifest, errors } = await convert(xmlPath);
if (!manifest) fail(errors);
const unified = packaged(manifest, readFileSync(xmlPath, "utf8"));
const problems = await validateUnified(unified);
if (problems.length > 0) fail(problems);

const files = {
  "manifest.json": Buffer.from(JSON.stringify(unified, null, 2) + "\n"),
  [COLOR_ICON.file]: readFileSync(COLOR_ICON.source),
  [OUTLINE_ICON.file]: readFileSync(OUTLINE_ICON.source),
};
const folder = join(outDir, name);
mkdirSync(folder, { recursive: true });
const zip = new AdmZip();
for (const [file, content] of Object.entries(files)) {
  writeFileSync(join(folder, file), content);
  zip.addFile(file, content); // at the zip's root, where the admin centers look
}
const zipPath = join(outDir, `${name}.zip`);
zip.writeZip(zipPath);
console.log(`wrote ${zipPath} (manifest.json ${unified.manifestVersion}, ${COLOR_ICON.file}, ${OUTLINE_ICON.file}) and ${folder}/`);

/** What the converter leaves to the packager: icon files in the package, a short description within the schema's
 * limit (the converter marks its own cut with "<TRUNCATED>"), the icon's colour as accent. The rest is converted. */
function packaged(converted, xml) {
  const description = /<Description\s+DefaultValue="([^"]*)"/.exec(xml)?.[1] ?? converted.description.full;
  return {
    ...converted,
    description: { ...converted.description, short: shorten(unescapeXml(description)) },
    icons: { color: COLOR_ICON.file, outline: OUTLINE_ICON.file },
    accentColor: ACCENT,
  };
}

function shorten(text) {
  if (text.length <= SHORT_DESCRIPTION_MAX) return text;
  const cut = text.slice(0, SHORT_DESCRIPTION_MAX - 1);
  return cut.slice(0, cut.lastIndexOf(" ")).replace(/[,;:]$/, "") + "…";
}

function unescapeXml(text) {
  return text.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}
