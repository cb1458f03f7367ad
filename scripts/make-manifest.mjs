// `npm run manifest -- --base-url https://host.example [--send-mode SoftBlock|Block|PromptUser] [--out file]`
// Writes a deployment manifest from manifest.xml for another host and send mode. Block stops sending
// while the service is unreachable and fails Marketplace validation; use it for strict tenants only.
import { DOMParser, XMLSerializer } from "@xmldom/xmldom";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const DEV_ORIGIN = "https://localhost:5080";
const SEND_MODES = ["SoftBlock", "Block", "PromptUser"];

function usage(message) {
  console.error(`make-manifest: ${message}`);
  console.error("usage: npm run manifest -- --base-url https://host.example [--send-mode SoftBlock|Block|PromptUser] [--out file]");
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    options: {
      "base-url": { type: "string" },
      "send-mode": { type: "string", default: "SoftBlock" },
      out: { type: "string" },
      in: { type: "string" },
    },
  }));
} catch (e) {
  usage(e.message);
}

const rawBase = values["base-url"];
if (!rawBase) usage("--base-url is required");
let base;
try {
  base = new URL(rawBase);
} catch {
  usage(`--base-url "${rawBase}" is not a URL`);
}
if (base.protocol !== "https:") usage("--base-url must be https: Outlook loads add-ins over https only");
if (base.pathname !== "/" || base.search || base.hash) usage("--base-url must be an origin (https://host[:port]); the add-in lives under /addin/");
const origin = base.origin;
const sendMode = values["send-mode"];
if (!SEND_MODES.includes(sendMode)) usage(`--send-mode must be one of ${SEND_MODES.join(", ")}, not "${sendMode}"`);

const source = values.in ?? join(root, "manifest.xml");
const doc = new DOMParser().parseFromString(readFileSync(source, "utf8"), "text/xml");

let rewritten = 0;
for (const node of Array.from(doc.getElementsByTagName("*"))) {
  const value = node.getAttribute("DefaultValue");
  if (value?.startsWith(DEV_ORIGIN)) {
    node.setAttribute("DefaultValue", origin + value.slice(DEV_ORIGIN.length));
    rewritten++;
  }
  if (node.localName === "LaunchEvent" && node.getAttribute("Type") === "OnMessageSend") node.setAttribute("SendMode", sendMode);
}
// Comments name the development host too; keep them true for the deployment.
for (const node of Array.from(doc.childNodes).concat(Array.from(doc.documentElement.childNodes))) {
  if (node.nodeType === 8) node.data = node.data.split(DEV_ORIGIN).join(origin);
}
if (rewritten === 0) usage(`no URL in ${source} starts with ${DEV_ORIGIN}`);

const xml = new XMLSerializer().serializeToString(doc);
const out = values.out ?? join(root, "artifacts", `manifest-${base.hostname}-${sendMode}.xml`);
writeFileSync(out, xml.startsWith("<?xml") ? xml : `<?xml version="1.0" encoding="UTF-8"?>\n${xml}`);
console.log(`wrote ${out} (${rewritten} URLs on ${origin}, SendMode ${sendMode})`);
console.log(`build the add-in for that host too: npm run build -- --base-url ${origin}`);
