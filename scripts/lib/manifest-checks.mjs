// Offline checks of the XML add-in manifest that Microsoft's converter and the JSON schemas miss
// (platform notes "Offline manifest validation"): well-formed XML, element order and required
// elements (MS-OWEMXML §5; docs develop/manifest-element-ordering), resource ids, URLs that the
// build produces, and launch events bound to functions the handler script associates.
import { DOMParser } from "@xmldom/xmldom";
import { existsSync } from "node:fs";
import { join } from "node:path";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VO_1_0 = "http://schemas.microsoft.com/office/mailappversionoverrides";
const VO_1_1 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1";

// Event names of the LaunchEvent extension point (docs outlook/autolaunch, "Supported events").
export const LAUNCH_EVENT_TYPES = new Set([
  "OnNewMessageCompose", "OnNewAppointmentOrganizer", "OnMessageAttachmentsChanged", "OnAppointmentAttachmentsChanged",
  "OnMessageRecipientsChanged", "OnAppointmentAttendeesChanged", "OnAppointmentTimeChanged", "OnAppointmentRecurrenceChanged",
  "OnInfoBarDismissClicked", "OnMessageSend", "OnAppointmentSend", "OnMessageCompose", "OnAppointmentOrganizer",
  "OnMessageFromChanged", "OnAppointmentFromChanged", "OnSensitivityLabelChanged",
  "OnMessageReadWithCustomAttachment", "OnMessageReadWithCustomHeader",
]);
const SEND_EVENTS = new Set(["OnMessageSend", "OnAppointmentSend"]);
const SEND_MODES = new Set(["PromptUser", "SoftBlock", "Block"]);

/** [child, minOccurs, maxOccurs] in the order the schema's xs:sequence demands. */
const many = Infinity;
const SEQUENCES = {
  "OfficeApp/MailApp": [
    ["Id", 1, 1], ["AlternateId", 0, 1], ["Version", 1, 1], ["ProviderName", 1, 1], ["DefaultLocale", 1, 1],
    ["DisplayName", 1, 1], ["Description", 1, 1], ["IconUrl", 0, 1], ["HighResolutionIconUrl", 0, 1], ["SupportUrl", 0, 1],
    ["AppDomains", 0, 1], ["Hosts", 0, 1], ["Requirements", 1, 1], ["FormSettings", 1, 1], ["Permissions", 1, 1],
    ["Rule", 1, 1], ["DisableEntityHighlighting", 0, 1], ["VersionOverrides", 0, 1],
  ],
  Hosts: [["Host", 1, many]],
  "OfficeApp/Requirements": [["Sets", 1, 1]],
  Sets: [["Set", 1, many]],
  FormSettings: [["Form", 1, many]],
  "Form/ItemEdit": [["DesktopSettings", 1, 1], ["TabletSettings", 0, 1], ["PhoneSettings", 0, 1]],
  "VersionOverrides/1.0": [["Description", 0, 1], ["Requirements", 0, 1], ["Hosts", 0, 1], ["Resources", 0, 1], ["VersionOverrides", 0, 1]],
  "VersionOverrides/1.1": [["Description", 0, 1], ["Requirements", 0, 1], ["Hosts", 1, 1], ["Resources", 0, 1]],
  "VersionOverrides/Requirements": [["Sets", 1, 1]],
  "Host/MailHost": [["Runtimes", 0, 1], ["DesktopFormFactor", 0, 1], ["MobileFormFactor", 0, 1]],
  Runtimes: [["Runtime", 1, many]],
  Runtime: [["Override", 0, many]],
  DesktopFormFactor: [["ExtendedPermissions", 0, 1], ["FunctionFile", 0, 1], ["ExtensionPoint", 1, many]],
  "ExtensionPoint/MessageComposeCommandSurface": [["OfficeTab", 0, 1], ["CustomTab", 0, many]],
  "ExtensionPoint/LaunchEvent": [["LaunchEvents", 1, 1], ["SourceLocation", 1, 1]],
  LaunchEvents: [["LaunchEvent", 1, many]],
  OfficeTab: [["Group", 1, many]],
  Group: [["Label", 1, 1], ["Control", 1, many]],
  "Control/Button": [["Label", 1, 1], ["Supertip", 1, 1], ["Icon", 1, 1], ["Action", 1, 1]],
  Supertip: [["Title", 1, 1], ["Description", 1, 1]],
  Icon: [["Image", 1, many]],
  "Action/ShowTaskpane": [["SourceLocation", 1, 1], ["TaskpaneId", 0, 1], ["SupportsPinning", 0, 1]],
  Resources: [["Images", 0, 1], ["Urls", 0, 1], ["ShortStrings", 0, 1], ["LongStrings", 0, 1]],
  Images: [["Image", 1, many]],
  Urls: [["Url", 1, many]],
  ShortStrings: [["String", 1, many]],
  LongStrings: [["String", 1, many]],
  // Locale overrides of a text: <Override Locale="de-DE" Value="…"/>.
  DisplayName: [["Override", 0, many]],
  Description: [["Override", 0, many]],
  String: [["Override", 0, many]],
};

/** The languages the service speaks besides English; every text of the manifest has an override for each. */
export const LOCALES = ["de-DE", "fr-FR", "nl-NL"];

const REQUIRED_ATTRIBUTES = {
  LaunchEvent: ["Type", "FunctionName"],
  Runtime: ["resid"],
  Override: ["type", "resid"],
  Control: ["id"],
  Group: ["id"],
  Image: [], // bt:Image needs size in Icon and id/DefaultValue in Images (checked below)
};

const children = (node) => Array.from(node.childNodes ?? []).filter((n) => n.nodeType === 1);
const xsiType = (node) => node.getAttributeNS(XSI, "type") || node.getAttribute("xsi:type") || "";
const where = (node) => `<${node.localName}>${node.lineNumber ? ` (line ${node.lineNumber})` : ""}`;

function sequenceKey(node) {
  const name = node.localName;
  const parent = node.parentNode;
  if (name === "OfficeApp") return `OfficeApp/${xsiType(node)}`;
  if (name === "VersionOverrides") return node.namespaceURI === VO_1_1 ? "VersionOverrides/1.1" : "VersionOverrides/1.0";
  if (name === "Requirements") return parent?.localName === "OfficeApp" ? "OfficeApp/Requirements" : "VersionOverrides/Requirements";
  if (["Host", "Form", "ExtensionPoint", "Control", "Action"].includes(name)) return xsiType(node) ? `${name}/${xsiType(node)}` : name;
  return name;
}

function checkSequence(node, errors) {
  const key = sequenceKey(node);
  const sequence = SEQUENCES[key];
  if (sequence) {
    const kids = children(node);
    let position = 0;
    const counts = new Map();
    for (const kid of kids) {
      const index = sequence.findIndex(([n], i) => i >= position && n === kid.localName);
      if (index < 0) {
        const earlier = sequence.findIndex(([n]) => n === kid.localName) >= 0;
        errors.push(
          earlier
            ? `${where(kid)} is out of order inside <${node.localName}>: the order is ${sequence.map(([n]) => n).join(", ")}`
            : `${where(kid)} is not a valid child of <${key}>`,
        );
        continue;
      }
      position = index;
      counts.set(kid.localName, (counts.get(kid.localName) ?? 0) + 1);
    }
    for (const [name, min, max] of sequence) {
      const n = counts.get(name) ?? 0;
      if (n < min) errors.push(`<${key}>${node.lineNumber ? ` (line ${node.lineNumber})` : ""} needs <${name}>`);
      if (n > max) errors.push(`<${key}> may hold at most ${max} <${name}>, found ${n}`);
    }
  }
  const required = node.localName === "Override" && node.parentNode?.localName !== "Runtime" ? ["Locale", "Value"] : REQUIRED_ATTRIBUTES[node.localName] ?? [];
  for (const attr of required) {
    if (!node.getAttribute(attr)?.trim()) errors.push(`${where(node)} needs a non-empty ${attr} attribute`);
  }
  for (const kid of children(node)) checkSequence(kid, errors);
}

export function parseManifest(xml) {
  const problems = [];
  let doc = null;
  try {
    doc = new DOMParser({
      onError: (level, message) => {
        if (level !== "warning") problems.push(`XML ${level}: ${String(message).split("\n")[0]}`);
      },
    }).parseFromString(xml, "text/xml");
  } catch (e) {
    if (problems.length === 0) problems.push(`XML is not well-formed: ${String(e.message ?? e).split("\n")[0]}`);
  }
  if (problems.length === 0 && doc?.documentElement?.localName !== "OfficeApp") problems.push("the root element must be <OfficeApp>");
  return { doc: problems.length === 0 ? doc : null, problems };
}

const all = (doc, name) => Array.from(doc.getElementsByTagName("*")).filter((n) => n.localName === name);

/**
 * Every check but the conversion. `distDir` is the build output, `associatedFunctions` the names the
 * handler script passes to Office.actions.associate.
 */
export function checkManifest(xml, { distDir, associatedFunctions, taskpaneCommandId }) {
  const { doc, problems } = parseManifest(xml);
  if (!doc) return problems;
  const errors = [];
  const root = doc.documentElement;
  if (xsiType(root) !== "MailApp") errors.push(`<OfficeApp> must be xsi:type="MailApp", found "${xsiType(root)}"`);
  checkSequence(root, errors);

  // VersionOverrides 1.1 inside 1.0, Mailbox 1.12 at least (OnMessageSend).
  const v11 = all(doc, "VersionOverrides").find((n) => n.namespaceURI === VO_1_1);
  if (!v11) errors.push("no <VersionOverrides> of the 1.1 schema: launch events and runtimes need it");
  else if (v11.parentNode?.namespaceURI !== VO_1_0) errors.push("the 1.1 <VersionOverrides> must sit inside the 1.0 one");
  const sets = v11 ? all(v11, "Sets")[0] : null;
  const min = sets?.getAttribute("DefaultMinVersion") ?? "";
  if (!sets || compareVersions(min, "1.12") < 0) errors.push(`VersionOverrides 1.1 must require Mailbox 1.12 or later (found "${min || "none"}")`);

  // Languages: the add-in's name, description and button texts in every language the service speaks.
  const texts = [...children(root).filter((n) => ["DisplayName", "Description"].includes(n.localName)), ...all(doc, "String")];
  for (const text of texts) {
    const locales = children(text).filter((n) => n.localName === "Override").map((n) => n.getAttribute("Locale") ?? "");
    const name = text.getAttribute("id") ? `resource "${text.getAttribute("id")}"` : `<${text.localName}>`;
    for (const locale of LOCALES) if (!locales.includes(locale)) errors.push(`${name} has no <Override Locale="${locale}">`);
    for (const locale of new Set(locales)) if (locales.filter((l) => l === locale).length > 1) errors.push(`${name} overrides ${locale} twice`);
  }

  // Resources: unique ids, every resid defined and of the right kind.
  const resources = { Images: new Map(), Urls: new Map(), ShortStrings: new Map(), LongStrings: new Map() };
  for (const [group, map] of Object.entries(resources)) {
    for (const container of all(doc, group)) {
      for (const item of children(container)) {
        const id = item.getAttribute("id");
        if (!id) errors.push(`${where(item)} in <${group}> needs an id`);
        else if (map.has(id)) errors.push(`resource id "${id}" is defined twice in <${group}>`);
        else map.set(id, item.getAttribute("DefaultValue") ?? "");
        if (!item.getAttribute("DefaultValue")) errors.push(`resource "${id}" has no DefaultValue`);
        if (id && id.length > 32) errors.push(`resource id "${id}" is longer than 32 characters`);
      }
    }
  }
  const kindOf = (node) => {
    const name = node.localName;
    if (name === "Image") return "Images";
    if (["SourceLocation", "Runtime", "Override", "FunctionFile"].includes(name)) return "Urls";
    if (name === "Description" && node.parentNode?.localName === "Supertip") return "LongStrings";
    if (["Label", "Title"].includes(name)) return "ShortStrings";
    return null;
  };
  const used = new Set();
  for (const node of Array.from(doc.getElementsByTagName("*"))) {
    const resid = node.getAttribute("resid");
    if (!node.hasAttribute("resid")) continue;
    const kind = kindOf(node);
    if (!resid) errors.push(`${where(node)} has an empty resid`);
    else if (kind && !resources[kind].has(resid)) errors.push(`${where(node)} resid "${resid}" is not defined in <bt:${kind}>`);
    used.add(resid);
  }
  for (const image of all(doc, "Icon").flatMap((icon) => children(icon))) {
    if (!/^\d+$/.test(image.getAttribute("size") ?? "")) errors.push(`${where(image)} in <Icon> needs a numeric size`);
  }

  // Launch events: known types, functions the handler associates, a valid SendMode where it belongs.
  const seen = new Set();
  for (const ev of all(doc, "LaunchEvent")) {
    const type = ev.getAttribute("Type") ?? "";
    const fn = (ev.getAttribute("FunctionName") ?? "").trim();
    if (!LAUNCH_EVENT_TYPES.has(type)) errors.push(`${where(ev)} has an unknown event Type "${type}"`);
    if (seen.has(type)) errors.push(`event ${type} is declared twice`);
    seen.add(type);
    if (fn && !associatedFunctions.includes(fn)) {
      errors.push(`${where(ev)} FunctionName "${fn}" is not associated by the handler script (it associates: ${associatedFunctions.join(", ") || "nothing"})`);
    }
    const mode = ev.getAttribute("SendMode");
    if (mode !== null && !SEND_MODES.has(mode)) errors.push(`${where(ev)} SendMode "${mode}" must be PromptUser, SoftBlock or Block`);
    if (mode !== null && !SEND_EVENTS.has(type)) errors.push(`${where(ev)} SendMode applies only to OnMessageSend/OnAppointmentSend`);
  }
  for (const needed of ["OnMessageRecipientsChanged", "OnMessageSend"]) {
    if (!seen.has(needed)) errors.push(`no LaunchEvent of Type ${needed}`);
  }
  const launchPoint = all(doc, "ExtensionPoint").find((n) => xsiType(n) === "LaunchEvent");
  const runtime = all(doc, "Runtime")[0];
  const launchSource = launchPoint ? children(launchPoint).find((n) => n.localName === "SourceLocation")?.getAttribute("resid") : null;
  if (runtime && launchSource && runtime.getAttribute("resid") !== launchSource) {
    errors.push(`the LaunchEvent SourceLocation "${launchSource}" must name the Runtime's resid "${runtime.getAttribute("resid")}"`);
  }
  const override = all(doc, "Override").find((n) => n.parentNode?.localName === "Runtime");
  if (!override || override.getAttribute("type") !== "javascript") errors.push("the Runtime needs <Override type=\"javascript\"> for classic Outlook on Windows");

  // The task pane button is what Smart Alerts' commandId opens.
  const buttons = all(doc, "Control").map((c) => c.getAttribute("id"));
  if (taskpaneCommandId && !buttons.includes(taskpaneCommandId)) {
    errors.push(`no <Control id="${taskpaneCommandId}">: the send handler's commandId would point nowhere`);
  }

  // Every URL: one https origin, under /addin/ a file the build produced (or a page the service serves).
  const urls = [];
  for (const map of [resources.Images, resources.Urls]) for (const [id, url] of map) urls.push([`resource "${id}"`, url]);
  for (const name of ["IconUrl", "HighResolutionIconUrl", "SupportUrl"]) for (const n of all(doc, name)) urls.push([`<${name}>`, n.getAttribute("DefaultValue") ?? ""]);
  for (const n of all(doc, "SourceLocation").filter((s) => s.hasAttribute("DefaultValue"))) urls.push(["<SourceLocation>", n.getAttribute("DefaultValue")]);
  const origins = new Set();
  for (const [what, raw] of urls) {
    let url;
    try {
      url = new URL(raw);
    } catch {
      errors.push(`${what} is not an absolute URL: "${raw}"`);
      continue;
    }
    if (url.protocol !== "https:") errors.push(`${what} must use https (Outlook loads add-ins over https only): ${raw}`);
    origins.add(url.origin);
    if (url.pathname === "/admin") continue; // the admin page, served by the API
    const match = /^\/addin\/(.+)$/.exec(url.pathname);
    if (!match) errors.push(`${what} must point under /addin/, where the service serves the add-in: ${raw}`);
    else if (distDir && !existsSync(join(distDir, decodeURIComponent(match[1])))) errors.push(`${what} points at ${match[1]}, which the build does not produce (addin/dist)`);
  }
  if (origins.size > 1) errors.push(`all URLs must share one origin, found ${[...origins].join(", ")}`);
  const unused = [...Object.values(resources)].flatMap((m) => [...m.keys()]).filter((id) => !used.has(id));
  for (const id of unused) errors.push(`resource "${id}" is defined but never used`);
  return errors;
}

/** The /addin/ paths the manifest's resource and page URLs name, for checking a running service. */
export function addinPaths(xml) {
  const { doc } = parseManifest(xml);
  if (!doc) return [];
  const paths = new Set();
  for (const node of Array.from(doc.getElementsByTagName("*"))) {
    const value = node.getAttribute("DefaultValue") ?? "";
    try {
      const path = new URL(value).pathname;
      if (path.startsWith("/addin/")) paths.add(path);
    } catch {
      // not a URL (strings, locale)
    }
  }
  return [...paths].sort();
}

/** Names passed to Office.actions.associate("name", …) in a script. */
export function associatedFunctionNames(script) {
  const names = [];
  const re = /\.associate\(\s*["']([^"']+)["']/g;
  for (let m = re.exec(script); m; m = re.exec(script)) names.push(m[1]);
  return names;
}

function compareVersions(a, b) {
  const pa = a.split(".").map(Number), pb = b.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (Number.isNaN(d)) return -1;
    if (d !== 0) return d;
  }
  return 0;
}
