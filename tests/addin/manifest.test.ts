import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ES module without types
import { associatedFunctionNames, checkManifest } from "../../scripts/lib/manifest-checks.mjs";
// @ts-expect-error plain ES module without types
import { convertAndValidate } from "../../scripts/lib/manifest-convert.mjs";
import { distDir, ensureBuilt, repoRoot } from "./support/built-addin";

const manifest = readFileSync(join(repoRoot, "manifest.xml"), "utf8");
let associated: string[] = [];

function check(xml: string): string[] {
  return checkManifest(xml, { distDir, associatedFunctions: associated, taskpaneCommandId: "msgComposeOpenPaneButton" });
}

beforeAll(() => {
  ensureBuilt();
  associated = associatedFunctionNames(readFileSync(join(distDir, "launchevent.js"), "utf8"));
});

describe("manifest.xml", () => {
  it("is bound to the functions the built handler script associates", () => {
    expect(associated.sort()).toEqual(["onMessageSend", "onRecipientsChanged"]);
  });

  it("passes every offline check", () => {
    expect(check(manifest)).toEqual([]);
  });

  it("passes Microsoft's converter and the unified-manifest JSON schema", async () => {
    expect(await convertAndValidate(join(repoRoot, "manifest.xml"))).toEqual([]);
  });
});

describe("the manifest checks catch", () => {
  const cases: [string, (xml: string) => string, RegExp][] = [
    ["XML that is not well-formed", (x) => x.replace("</Permissions>", ""), /XML/],
    ["elements out of order", (x) => x.replace(/(<Version>.*?<\/Version>)\s*(<ProviderName>.*?<\/ProviderName>)/, "$2$1"), /<Version>.* out of order inside <OfficeApp>/],
    ["a missing required element", (x) => x.replace(/<Supertip>[\s\S]*?<\/Supertip>/, ""), /<Control\/Button> .*needs <Supertip>/],
    ["an undefined resource id", (x) => x.replace('resid="Taskpane.Url"', 'resid="Taskpane.Typo"'), /resid "Taskpane.Typo" is not defined in <bt:Urls>/],
    ["a string resource used as an image", (x) => x.replace('<bt:Image size="16" resid="Icon.16x16"/>', '<bt:Image size="16" resid="GroupLabel"/>'), /resid "GroupLabel" is not defined in <bt:Images>/],
    ["a misspelt event type", (x) => x.replace("OnMessageRecipientsChanged", "OnRecipientsChanged"), /unknown event Type "OnRecipientsChanged"/],
    ["an empty FunctionName", (x) => x.replace('FunctionName="onMessageSend"', 'FunctionName=""'), /needs a non-empty FunctionName/],
    ["a function the handler does not associate", (x) => x.replace('FunctionName="onMessageSend"', 'FunctionName="onSend"'), /"onSend" is not associated by the handler script/],
    ["an invalid SendMode", (x) => x.replace('SendMode="SoftBlock"', 'SendMode="Soft"'), /SendMode "Soft" must be PromptUser, SoftBlock or Block/],
    ["a URL the build does not produce", (x) => x.replace("addin/launchevent.js", "addin/commands.js"), /points at commands.js, which the build does not produce/],
    ["a plain-http URL", (x) => x.replace("https://localhost:5080/addin/taskpane.html\"/>\n        </bt", "http://localhost:5080/addin/taskpane.html\"/>\n        </bt").replace('bt:Url id="Taskpane.Url" DefaultValue="https:', 'bt:Url id="Taskpane.Url" DefaultValue="http:'), /must use https/],
    ["Mailbox below 1.12", (x) => x.replace('DefaultMinVersion="1.12"', 'DefaultMinVersion="1.11"'), /Mailbox 1.12 or later/],
    ["a task pane button the send handler cannot open", (x) => x.replace('id="msgComposeOpenPaneButton"', 'id="openPane"'), /commandId would point nowhere/],
    ["a button label without its German text", (x) => x.replace('<bt:Override Locale="de-DE" Value="TLS prüfen"/>', ""), /resource "TaskpaneButton.Label" has no <Override Locale="de-DE">/],
    ["a description without its Dutch text", (x) => x.replace(/<Override Locale="nl-NL" Value="Laat vóór[^"]*"\/>/, ""), /<Description> has no <Override Locale="nl-NL">/],
    ["a locale override without a value", (x) => x.replace('<bt:Override Locale="fr-FR" Value="Vérifier TLS"/>', '<bt:Override Locale="fr-FR"/>'), /<Override> .*needs a non-empty Value attribute/],
    ["a missing JavaScript override for classic Windows", (x) => x.replace(/<Override type="javascript" resid="JSRuntime.Url"\/>/, ""), /Override type="javascript"/],
  ];
  it.each(cases)("%s", (_name, mutate, expected) => {
    const xml = mutate(manifest);
    expect(xml).not.toBe(manifest);
    const errors = check(xml);
    expect(errors.join("\n")).toMatch(expected);
  });

  it("and the command line exits non-zero with the reason", () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const file = join(dir, "bad.xml");
    writeFileSync(file, manifest.replace('SendMode="SoftBlock"', 'SendMode="Sometimes"'));
    let output = "";
    let status = 0;
    try {
      execFileSync(process.execPath, [join(repoRoot, "scripts", "validate-manifest.mjs"), file], { stdio: "pipe" });
    } catch (e) {
      const err = e as { status: number; stderr: Buffer };
      status = err.status;
      output = err.stderr.toString();
    }
    expect(status).toBe(1);
    expect(output).toContain('SendMode "Sometimes" must be PromptUser, SoftBlock or Block');
  });
});

describe("npm run manifest", () => {
  it("writes a manifest for another host and send mode that still validates", async () => {
    const dir = mkdtempSync(join(tmpdir(), "manifest-"));
    const out = join(dir, "deploy.xml");
    execFileSync(process.execPath, [join(repoRoot, "scripts", "make-manifest.mjs"), "--base-url", "https://tls.contoso.example", "--send-mode", "Block", "--out", out], { stdio: "pipe" });
    const xml = readFileSync(out, "utf8");
    expect(xml).toContain('SendMode="Block"');
    expect(xml).not.toContain("localhost");
    expect(xml).toContain('DefaultValue="https://tls.contoso.example/addin/launchevent.js"');
    expect(check(xml)).toEqual([]);
    expect(await convertAndValidate(out)).toEqual([]);
  });

  it("refuses a plain-http base URL and an unknown send mode", () => {
    for (const args of [["--base-url", "http://tls.example"], ["--base-url", "https://tls.example", "--send-mode", "Never"], []]) {
      let status = 0;
      try {
        execFileSync(process.execPath, [join(repoRoot, "scripts", "make-manifest.mjs"), ...args, "--out", join(tmpdir(), "never.xml")], { stdio: "pipe" });
      } catch (e) {
        status = (e as { status: number }).status;
      }
      expect(status).toBe(2);
    }
  });
});
