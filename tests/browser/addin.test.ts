// What a sender sees, in Debian's Chromium, with the real task pane and the real handler script
// served by the real service in development mode, probing real servers on loopback.
import { execFile } from "node:child_process";
import { mkdirSync } from "node:fs";
import { promisify } from "node:util";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEV_TENANT_ID } from "../../addin/src/shared/config";
import { LEVEL_ICONS } from "../../addin/src/taskpane/level-icons";
import { installOfficeShim, type ShimOptions, type ShimState } from "./support/office-shim";
import { devToken, putPolicy, repoRoot, startLab, startService, type Lab } from "./support/services";

const screenshots = join(repoRoot, "artifacts", "screenshots");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];

let lab: Lab;
let baseUrl: string;
let browser: Browser;
let adminToken: string;
const stops: (() => Promise<void>)[] = [];

/** What the service says of each level in English (backend/TlsPreflight.Api/Words, Probing/Words). */
const LEVELS_IN_ENGLISH: Record<string, { label: string; meaning: string }> = {
  unknown: { label: "Unknown", meaning: "Could not be checked" },
  "no-mail": { label: "No mail", meaning: "The domain accepts no mail." },
  plaintext: { label: "Not encrypted", meaning: "Mail may travel in clear text" },
  encrypted: { label: "Encrypted", meaning: "Mail is encrypted, but some mail server's certificate is not valid for its name" },
  verified: { label: "Verified", meaning: "Mail is encrypted to mail servers with a valid certificate" },
  enforced: { label: "Enforced", meaning: "The domain itself publishes that senders must encrypt and verify" },
};

const DARK = { bodyBackgroundColor: "#1f1f1f", bodyForegroundColor: "#f0f0f0", controlBackgroundColor: "#292929", controlForegroundColor: "#ffffff" };

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const labProcess = await startLab();
  stops.push(labProcess.stop);
  lab = labProcess.lab;
  const service = await startService(lab);
  stops.push(service.stop);
  baseUrl = service.baseUrl;
  adminToken = await devToken(baseUrl, "admin", DEV_TENANT_ID, ["TlsPreflight.Admin"]);
  // Forced TLS for one partner (block); every other external domain must be encrypted (warn).
  await putPolicy(baseUrl, adminToken, {
    failMode: "open",
    defaultRule: { requiredLevel: "encrypted", action: "warn" },
    forcedTls: [{ pattern: "plaintext.lab.test", requiredLevel: "verified", action: "block" }],
  });
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  stops.push(() => browser.close());
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function open(path: string, shim: ShimOptions, width = 320): Promise<Page> {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  // office.js comes from Microsoft's CDN, which does not exist here: the shim stands in for it.
  await page.route("https://appsforoffice.microsoft.com/**", (route) => route.fulfill({ status: 200, contentType: "application/javascript", body: "/* host shim */" }));
  await page.addInitScript(installOfficeShim, shim);
  await page.goto(`${baseUrl}/addin/${path}`);
  return page;
}

const outlook = (page: Page) => page.evaluate(() => (window as unknown as { __outlook: ShimState }).__outlook);

async function domainRows(page: Page, count: number) {
  await page.waitForFunction((n) => document.querySelectorAll("#domains > li.domain").length === n && !document.querySelector("#recheck")!.hasAttribute("disabled"), count, { timeout: 90_000 });
  return page.$$eval("#domains > li.domain", (rows) =>
    rows.map((r) => ({
      domain: r.getAttribute("data-domain"),
      level: r.getAttribute("data-level"),
      decision: r.getAttribute("data-decision"),
      label: r.querySelector(".level-label")?.textContent,
      icon: r.querySelector(".level-icon")?.textContent,
      colour: getComputedStyle(r.querySelector(".level-badge")!).color,
      text: (r as HTMLElement).innerText,
    })),
  );
}

describe("the service hosting the add-in", () => {
  it("serves every file the manifest names", async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [join(repoRoot, "scripts", "validate-manifest.mjs"), "--service", baseUrl]);
    expect(stdout).toContain("valid");
  });

  it("lists the handler script in microsoft-officeaddins-allowed.json for the JavaScript-only runtime", async () => {
    const allowed = (await (await fetch(`${baseUrl}/.well-known/microsoft-officeaddins-allowed.json`)).json()) as { allowed: string[] };
    expect(allowed.allowed).toEqual([`${baseUrl}/addin/launchevent.js`]);
  });
});

describe("the task pane", () => {
  it("shows every level by icon, colour and words, and the policy decision with its reason", async () => {
    const domains = Object.keys(lab.domains);
    const page = await open("taskpane.html", { to: domains.map((d) => `someone@${d}`) });
    const rows = await domainRows(page, domains.length);
    for (const row of rows) {
      const expected = lab.domains[row.domain!]!;
      expect(row.level, row.domain!).toBe(expected);
      expect(row.label).toBe(LEVELS_IN_ENGLISH[expected]!.label);
      expect(row.icon).toBe(LEVEL_ICONS[expected as keyof typeof LEVEL_ICONS]);
      expect(row.text).toContain(LEVELS_IN_ENGLISH[expected]!.meaning);
    }
    const byDomain = Object.fromEntries(rows.map((r) => [r.domain, r]));
    expect(byDomain["plaintext.lab.test"]!.decision).toBe("block");
    expect(byDomain["plaintext.lab.test"]!.text).toContain("Blocked by your organisation's policy. Your policy requires verified (forced TLS rule plaintext.lab.test).");
    expect(byDomain["plaintext.lab.test"]!.text).toContain("does not offer encryption");
    // Each finding in words, with the MX host and the evidence it was seen on.
    expect(byDomain["encrypted.lab.test"]!.text).toMatch(/The mail server's certificate [^\n]*\(mx\.encrypted\.lab\.test: self-signed certificate\)\./);
    expect(byDomain["dnsfail.lab.test"]!.decision).toBe("warn");
    expect(byDomain["verified.lab.test"]!.decision).toBe("allow");
    expect(new Set(rows.map((r) => r.colour)).size).toBeGreaterThanOrEqual(4);
    expect(byDomain["plaintext.lab.test"]!.colour).not.toBe(byDomain["verified.lab.test"]!.colour);
    expect(await page.getAttribute("#summary", "data-decision")).toBe("block");
    expect(await page.textContent("#summary")).toContain("Blocked by your organisation's policy.");
    // Readable at 320 px: nothing wider than the pane.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    // The pane also updates the message's one notification.
    expect(Object.values((await outlook(page)).notifications).map((n) => n.message)).toEqual([
      "TLS Preflight: Sending will be blocked. plaintext.lab.test (not encrypted) fails your organisation's TLS policy.",
    ]);
    await page.screenshot({ path: join(screenshots, "taskpane-all-levels-320.png"), fullPage: true });
    await page.close();
  });

  it("opens MX details from the keyboard: TLS version, certificate, DANE and MTA-STS", async () => {
    const page = await open("taskpane.html", { to: ["a@encrypted.lab.test", "b@sts.lab.test"] });
    await domainRows(page, 2);
    const summary = page.locator('li[data-domain="encrypted.lab.test"] details > summary');
    await summary.focus();
    await page.keyboard.press("Enter");
    const details = page.locator('li[data-domain="encrypted.lab.test"] details');
    await expect.poll(() => details.innerText(), { timeout: 30_000 }).toContain("TLSv1");
    const text = await details.innerText();
    expect(text).toContain("mx.encrypted.lab.test");
    expect(text).toMatch(/Trusted\s+no \(self-signed certificate\)/);
    expect(text).toMatch(/MTA-STS\s+not published/);
    const sts = page.locator('li[data-domain="sts.lab.test"] details');
    await sts.locator("summary").click();
    await expect.poll(() => sts.innerText(), { timeout: 30_000 }).toContain("policy in enforce mode");
    await page.screenshot({ path: join(screenshots, "taskpane-mx-details.png"), fullPage: true });
    await page.close();
  });

  it("follows a dark Office theme", async () => {
    const page = await open("taskpane.html", { to: ["a@verified.lab.test", "b@encrypted.lab.test"], theme: DARK });
    await domainRows(page, 2);
    expect(await page.evaluate(() => document.documentElement.classList.contains("theme-dark"))).toBe(true);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe("rgb(31, 31, 31)");
    expect(await page.getAttribute("#summary", "data-decision")).toBe("allow");
    await page.screenshot({ path: join(screenshots, "taskpane-dark-allow.png"), fullPage: true });
    await page.close();
  });

  it("explains a warning in plain language", async () => {
    const page = await open("taskpane.html", { to: ["a@dnsfail.lab.test", "b@verified.lab.test"] });
    const rows = await domainRows(page, 2);
    expect(rows.find((r) => r.domain === "dnsfail.lab.test")!.text).toContain("You will be asked to confirm.");
    expect(await page.getAttribute("#summary", "data-decision")).toBe("warn");
    expect(await page.textContent("#summary")).toContain("Weak encryption to dnsfail.lab.test (unknown)");
    await page.screenshot({ path: join(screenshots, "taskpane-warn.png"), fullPage: true });
    await page.close();
  });

  it("speaks German in a German Office: the service's words and the pane's own", async () => {
    const page = await open("taskpane.html", { to: ["a@plaintext.lab.test", "b@verified.lab.test"], displayLanguage: "de-DE" });
    const languages: string[] = [];
    page.on("request", (r) => r.url().includes("/api/v1/assessments") && languages.push(r.headers()["accept-language"] ?? ""));
    const rows = await domainRows(page, 2);
    const byDomain = Object.fromEntries(rows.map((r) => [r.domain, r]));
    const blocked = byDomain["plaintext.lab.test"]!;
    expect(blocked.label).toBe("Unverschlüsselt");
    expect(blocked.text).toContain("E-Mails können im Klartext übertragen werden");
    expect(blocked.text).toContain("Von der Richtlinie Ihrer Organisation blockiert. Ihre Richtlinie verlangt „verifiziert“ (TLS-Pflicht-Regel plaintext.lab.test).");
    expect(blocked.text).toContain("Der Mailserver bietet keine Verschlüsselung (STARTTLS) an");
    expect(byDomain["verified.lab.test"]!.label).toBe("Verifiziert");
    expect(await page.textContent("#summary")).toContain("Von der Richtlinie Ihrer Organisation blockiert.");
    expect(await page.textContent("#summary")).toContain("Das Senden wird blockiert. plaintext.lab.test (unverschlüsselt) erfüllt die TLS-Richtlinie Ihrer Organisation nicht.");
    expect(await page.textContent("#recheck")).toBe("Erneut prüfen");
    expect(await page.textContent("footer")).toContain("Wie E-Mails zwischen Mailservern übertragen werden");
    expect(await page.getAttribute("html", "lang")).toBe("de");
    expect(await page.textContent('li[data-domain="plaintext.lab.test"] details > summary')).toBe("Details zu den Mailservern");
    expect(Object.values((await outlook(page)).notifications).map((n) => n.message)).toEqual([
      "TLS Preflight: Das Senden wird blockiert. plaintext.lab.test (unverschlüsselt) erfüllt die TLS-Richtlinie Ihrer Organisation nicht.",
    ]);
    await page.click("#recheck");
    await expect.poll(() => languages.length, { timeout: 60_000 }).toBeGreaterThan(0);
    expect(new Set(languages)).toEqual(new Set(["de-DE"]));
    await page.screenshot({ path: join(screenshots, "taskpane-german.png"), fullPage: true });
    await page.close();
  });

  it("re-checks every domain past the service's cache when asked", async () => {
    const page = await open("taskpane.html", { to: ["a@verified.lab.test"] });
    await domainRows(page, 1);
    const refreshed: string[] = [];
    page.on("request", (r) => r.url().includes("refresh=true") && refreshed.push(r.url()));
    await page.click("#recheck");
    await page.waitForFunction(() => document.querySelector("#recheck")!.hasAttribute("disabled") === false && document.querySelectorAll("#domains > li").length === 1, undefined, { timeout: 60_000 });
    await expect.poll(() => refreshed.length, { timeout: 30_000 }).toBe(1);
    expect(refreshed[0]).toBe(`${baseUrl}/api/v1/domains/verified.lab.test?refresh=true`);
    await page.close();
  });
});

describe("the event handlers in the browser runtime (commands.html)", () => {
  /** Outlook raises OnMessageRecipientsChanged while the sender types, long before Send. */
  async function compose(page: Page) {
    await page.evaluate(() => {
      const o = (window as unknown as { __outlook: ShimState }).__outlook;
      return new Promise<void>((resolve) => o.actions.onRecipientsChanged!({ completed: () => resolve() }));
    });
  }

  async function runEvent(name: "onMessageSend" | "onRecipientsChanged", shim: ShimOptions, before?: (page: Page) => Promise<void>) {
    const page = await open("commands.html", shim);
    await page.waitForFunction(() => Object.keys((window as unknown as { __outlook: ShimState }).__outlook.actions).length === 2);
    await before?.(page);
    await page.evaluate((n) => {
      const o = (window as unknown as { __outlook: ShimState }).__outlook;
      o.actions[n]!({ completed: (options?: unknown) => void o.completed.push(options ?? null) });
    }, name);
    await page.waitForFunction(() => (window as unknown as { __outlook: ShimState }).__outlook.completed.length > 0, undefined, { timeout: 60_000 });
    await page.waitForTimeout(300); // a second completion would show up here
    const state = await outlook(page);
    expect(state.completed).toHaveLength(1);
    return { page, state, completed: state.completed[0] as Record<string, unknown> };
  }

  it("shows one notification naming the blocked domain when recipients change", async () => {
    const { page, state } = await runEvent("onRecipientsChanged", { to: ["a@plaintext.lab.test", "b@verified.lab.test"] });
    expect(Object.keys(state.notifications)).toEqual(["tlsPreflightStatus"]);
    expect(state.notifications.tlsPreflightStatus!.message).toBe(
      "TLS Preflight: Sending will be blocked. plaintext.lab.test (not encrypted) fails your organisation's TLS policy.",
    );
    await page.close();
  });

  it("blocks a send to the forced-TLS domain with the task pane button, and the decision is audited", async () => {
    const sender = "blocked-sender@contoso.example";
    const { page, completed } = await runEvent("onMessageSend", { to: ["a@plaintext.lab.test"], sender }, compose);
    expect(completed).toMatchObject({ allowEvent: false, cancelLabel: "Review", commandId: "msgComposeOpenPaneButton" });
    expect(completed.sendModeOverride).toBeUndefined();
    expect(String(completed.errorMessage)).toContain("plaintext.lab.test");
    expect(String(completed.errorMessage).length).toBeLessThanOrEqual(500);
    // The audit entry is written by the send-intent request that follows the decision.
    const audited = async () => {
      const audit = await fetch(`${baseUrl}/api/v1/audit?sender=${encodeURIComponent(sender)}`, { headers: { Authorization: `Bearer ${adminToken}` } });
      const entries = (await audit.json()) as { items: { decision: string; domains: { domain: string }[] }[] };
      return entries.items.map((i) => [i.decision, i.domains.map((d) => d.domain)]);
    };
    await expect.poll(audited, { timeout: 15_000 }).toEqual([["block", ["plaintext.lab.test"]]]);
    await page.close();
  });

  it("warns with Send Anyway for a domain below the default rule", async () => {
    const { page, completed } = await runEvent("onMessageSend", { to: ["a@nullmx.lab.test", "b@verified.lab.test"] }, compose);
    expect(completed).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser", cancelLabel: "Review" });
    expect(String(completed.errorMessage)).toContain("nullmx.lab.test");
    await page.close();
  });

  it("blocks in German in a German Office, and says it in German when the service is gone", async () => {
    const { page, completed } = await runEvent("onMessageSend", { to: ["a@plaintext.lab.test"], displayLanguage: "de-DE" }, compose);
    expect(completed).toMatchObject({ allowEvent: false, cancelLabel: "Prüfen" });
    expect(String(completed.errorMessage)).toMatch(/^TLS-Pflicht: plaintext\.lab\.test verlangt die Stufe „verifiziert“, ist aber „unverschlüsselt“\./);
    expect(String(completed.errorMessage)).toMatch(/Die Nachricht wurde nicht gesendet\./);
    // Issue 14: the dialog then names the ways forward, in German too.
    expect(String(completed.errorMessage)).toMatch(/Ausnahme/);
    await page.close();
    const offline = await runEvent("onMessageSend", { to: ["a@dnsfail.lab.test"], displayLanguage: "de-DE" }, async (p) => {
      await p.route("**/api/v1/assessments", (route) => route.abort("connectionrefused"));
    });
    expect(String(offline.completed.errorMessage)).toMatch(/^TLS Preflight konnte die Mailserver der Empfänger nicht prüfen: Der TLS-Preflight-Dienst ist nicht erreichbar\./);
    await offline.page.close();
  });

  it("lets a send to verified and enforced domains go", async () => {
    const { page, completed } = await runEvent("onMessageSend", { to: ["a@verified.lab.test", "b@sts.lab.test", "c@dane.lab.test"] }, compose);
    expect(completed).toEqual({ allowEvent: true });
    await page.close();
  });

  it("decides from the recipients-changed results without calling the service again", async () => {
    const page = await open("commands.html", { to: ["a@encrypted.lab.test"] });
    await page.waitForFunction(() => Object.keys((window as unknown as { __outlook: ShimState }).__outlook.actions).length === 2);
    const calls: string[] = [];
    page.on("request", (r) => {
      if (r.url().endsWith("/api/v1/assessments/shown")) calls.push("shown");
      else if (r.url().includes("/api/v1/assessments")) calls.push(JSON.parse(r.postData() ?? "{}").intent);
    });
    for (const name of ["onRecipientsChanged", "onMessageSend"]) {
      await page.evaluate((n) => {
        const o = (window as unknown as { __outlook: ShimState }).__outlook;
        return new Promise<void>((resolve) => o.actions[n]!({ completed: (options?: unknown) => { o.completed.push(options ?? null); resolve(); } }));
      }, name);
    }
    const state = await outlook(page);
    expect(state.completed).toEqual([null, { allowEvent: true }]);
    // One preview while composing; at send only the audit entry of the decision shown, after it was made.
    await expect.poll(() => calls, { timeout: 10_000 }).toEqual(["preview", "shown"]);
    await page.close();
  });

  it("follows fail safe and then fail open when the service cannot be reached", async () => {
    for (const failMode of ["safe", "open"] as const) {
      await putPolicy(baseUrl, adminToken, { failMode });
      const to = [`x@dnsfail.lab.test`];
      // Learn the tenant's fail mode while composing, then lose the service before sending.
      const { page, completed } = await runEvent("onMessageSend", { to: ["a@verified.lab.test", ...to] }, async (p) => {
        await compose(p);
        await p.evaluate(() => {
          const o = (window as unknown as { __outlook: ShimState }).__outlook;
          o.recipients.to.push("new@mixed.lab.test");
        });
        await p.route("**/api/v1/assessments", (route) => route.abort("connectionrefused"));
      });
      expect(completed.allowEvent).toBe(false);
      // Fail safe already blocked the unknown dnsfail.lab.test while composing: that block stands and names it.
      expect(String(completed.errorMessage)).toMatch(failMode === "safe" ? /dnsfail\.lab\.test/ : /could not check/);
      if (failMode !== "safe") expect(String(completed.errorMessage)).toContain("the TLS Preflight service cannot be reached");
      if (failMode === "safe") expect(completed.sendModeOverride).toBeUndefined();
      else expect(completed.sendModeOverride).toBe("promptUser");
      await page.close();
    }
    await putPolicy(baseUrl, adminToken, { failMode: "open" });
  });
});
