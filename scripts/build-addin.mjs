// `npm run build`: the add-in into addin/dist, which the service serves under /addin/.
//   taskpane.html/.js/.css   the task pane (modern WebViews: ES2017)
//   commands.html            the event runtime page of web, new Outlook and Mac; loads launchevent.js
//   launchevent.js           ONE IIFE script in ES2016 for classic Outlook on Windows' JS-only runtime
//   assets/icon-*.png        icons (committed in addin/assets)
//   manifest.xml             a copy, for download from the service
// Options (or env): --base-url (TLSPREFLIGHT_BASE_URL) is the service origin the JS-only runtime calls;
// --client-id / --api-scope / --authority (TLSPREFLIGHT_CLIENT_ID, …) turn on Entra ID sign-in.
import { build } from "esbuild";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const src = join(root, "addin", "src");
const dist = join(root, "addin", "dist");

const { values } = parseArgs({
  options: {
    "base-url": { type: "string" },
    "client-id": { type: "string" },
    "api-scope": { type: "string" },
    authority: { type: "string" },
  },
});
const config = {
  baseUrl: values["base-url"] ?? process.env.TLSPREFLIGHT_BASE_URL ?? "https://localhost:5080",
  clientId: values["client-id"] ?? process.env.TLSPREFLIGHT_CLIENT_ID ?? "",
  apiScope: values["api-scope"] ?? process.env.TLSPREFLIGHT_API_SCOPE ?? "",
  authority: values.authority ?? process.env.TLSPREFLIGHT_AUTHORITY ?? "https://login.microsoftonline.com/common",
};
if (!/^https?:\/\/[^/]+$/.test(config.baseUrl.replace(/\/+$/, ""))) {
  console.error(`build-addin: --base-url must be an origin like https://host.example, not "${config.baseUrl}"`);
  process.exit(2);
}
if (config.clientId && !config.apiScope) {
  console.error("build-addin: --client-id needs --api-scope (e.g. api://host.example/<client-id>/access_as_user)");
  process.exit(2);
}

rmSync(dist, { recursive: true, force: true });
mkdirSync(join(dist, "assets"), { recursive: true });

const common = {
  bundle: true,
  format: "iife",
  platform: "browser",
  legalComments: "none",
  logLevel: "warning",
  define: { __TLSPREFLIGHT_CONFIG__: JSON.stringify(config), __TLSPREFLIGHT_NAA__: config.clientId ? "true" : "false" },
  sourcemap: false,
};

await build({ ...common, entryPoints: [join(src, "taskpane", "taskpane.ts")], outfile: join(dist, "taskpane.js"), target: "es2017", minify: true });
// ES2016: esbuild lowers async/await to generators, and ?. ?? ??= and class fields. It does not polyfill
// built-ins (Promise.prototype.finally, Object.entries…), and its object-spread helper calls
// Object.getOwnPropertyDescriptors (ES2017): the handler code avoids both, and a test runs the bundle without them.
// The few ES2017+ built-ins that bundled libraries (MSAL) call, filled in only where the engine lacks them.
const es2016Polyfills = [
  "if(!Object.getOwnPropertyDescriptors)Object.getOwnPropertyDescriptors=function(o){var r={};Object.getOwnPropertyNames(o).concat(Object.getOwnPropertySymbols?Object.getOwnPropertySymbols(o):[]).forEach(function(k){r[k]=Object.getOwnPropertyDescriptor(o,k)});return r};",
  "if(!Object.entries)Object.entries=function(o){return Object.keys(o).map(function(k){return[k,o[k]]})};",
  "if(!Object.values)Object.values=function(o){return Object.keys(o).map(function(k){return o[k]})};",
  "if(!Promise.prototype.finally)Promise.prototype.finally=function(f){return this.then(function(v){return Promise.resolve(f()).then(function(){return v})},function(e){return Promise.resolve(f()).then(function(){throw e})})};",
].join("\n");
await build({
  ...common,
  entryPoints: [join(src, "launchevent", "launchevent.ts")],
  outfile: join(dist, "launchevent.js"),
  target: "es2016",
  minify: true,
  banner: { js: es2016Polyfills },
});

const handlerScript = readFileSync(join(dist, "launchevent.js"), "utf8");
const es2017Syntax = [/\basync\s+(function\b|\(|[A-Za-z_$][\w$]*\s*=>)/, /\bawait\s/, /\?\.[A-Za-z_$(]/, /\?\?/, /^\s*(import|export)\s/m];
const leaked = es2017Syntax.filter((re) => re.test(handlerScript));
if (leaked.length > 0) {
  console.error(`build-addin: launchevent.js still contains syntax newer than ES2016: ${leaked.map(String).join(", ")}`);
  process.exit(1);
}

for (const [from, to] of [
  ["taskpane/taskpane.html", "taskpane.html"],
  ["taskpane/taskpane.css", "taskpane.css"],
  ["commands/commands.html", "commands.html"],
]) copyFileSync(join(src, from), join(dist, to));

const assets = join(root, "addin", "assets");
for (const size of [16, 32, 64, 80, 128]) copyFileSync(join(assets, `icon-${size}.png`), join(dist, "assets", `icon-${size}.png`));
if (existsSync(join(root, "manifest.xml"))) copyFileSync(join(root, "manifest.xml"), join(dist, "manifest.xml"));

console.log(`add-in built into addin/dist (service ${config.baseUrl}, sign-in ${config.clientId ? "Entra ID" : "development"})`);
