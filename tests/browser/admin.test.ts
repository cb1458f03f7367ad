// The tenant admin page in Debian's Chromium against the real service in development mode, which probes
// the loopback test lab: sign in, change and save the policy, then see a real send decision follow it,
// land in the audit log and its chart, and the forced domain appear in the Exchange Online export.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { devToken, repoRoot, startLab, startService } from "./support/services";

const screenshots = join(repoRoot, "artifacts", "screenshots");
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"];
const TENANT = `admin-browser-${Date.now()}`;
const FORCED = "plaintext.lab.test"; // the lab's mail server there offers no STARTTLS

let baseUrl: string;
let browser: Browser;
let page: Page;
const stops: (() => Promise<void>)[] = [];

beforeAll(async () => {
  mkdirSync(screenshots, { recursive: true });
  const lab = await startLab();
  stops.push(lab.stop);
  const service = await startService(lab.lab);
  stops.push(service.stop);
  baseUrl = service.baseUrl;
  browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  stops.push(() => browser.close());
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
});

afterAll(async () => {
  for (const stop of stops.reverse()) await stop().catch(() => undefined);
});

async function send(recipients: string[], intent: "preview" | "send") {
  const token = await devToken(baseUrl, "bob", TENANT);
  const response = await fetch(`${baseUrl}/api/v1/assessments`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    body: JSON.stringify({ recipients, intent }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { decision: string; policyVersion: number; domains: { domain: string; level: string; decision: string; matchedRule: string }[] };
}

describe("the admin page", () => {
  it("signs an admin in and saves a forced-TLS rule that a reload still shows", async () => {
    await page.goto(`${baseUrl}/admin/policy`);
    expect(new URL(page.url()).pathname).toBe("/admin/signin"); // not signed in yet
    await page.getByLabel("Tenant id").fill(TENANT);
    await page.getByLabel("User id").fill("alice");
    await page.getByLabel("Display name (optional)").fill("alice@contoso.example");
    await page.getByLabel("Administrator (may change the policy)").check();
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${baseUrl}/admin/policy`);
    expect(await page.locator("#last-change").innerText()).toContain("Never saved");

    await page.getByLabel("New forced-TLS domain").fill(FORCED);
    await page.locator('select[name="Form.ForcedTls[0].RequiredLevel"]').selectOption("Verified");
    await page.locator('select[name="Form.ForcedTls[0].Action"]').selectOption("Block");
    await page.getByLabel(/Fail safe/).check();
    await page.getByRole("button", { name: "Save policy" }).click();
    await page.waitForURL(/\/admin\/policy\?saved=1$/);
    expect(await page.getByRole("status").innerText()).toContain("Saved as version 1");

    await page.goto(`${baseUrl}/admin/policy`);
    expect(await page.locator('input[name="Form.ForcedTls[0].Pattern"]').inputValue()).toBe(FORCED);
    expect(await page.locator('select[name="Form.ForcedTls[0].RequiredLevel"]').inputValue()).toBe("Verified");
    expect(await page.getByLabel(/Fail safe/).isChecked()).toBe(true);
    expect(await page.locator("#last-change").innerText()).toMatch(/Version 1, last changed by alice@contoso\.example on \d{4}-\d\d-\d\d/);
    expect(await page.locator("#history-table tbody tr").count()).toBe(1);
    await page.screenshot({ path: join(screenshots, "admin-policy.png"), fullPage: true });
  });

  it("shows a refused pattern with its reason and keeps what was typed", async () => {
    await page.goto(`${baseUrl}/admin/policy`);
    await page.getByLabel("New forced-TLS domain").fill("*.*.college.edu");
    await page.getByRole("button", { name: "Save policy" }).click();
    expect(await page.locator("#invalid").innerText()).toContain("Not saved");
    expect(await page.locator('[data-valmsg-for="Form.ForcedTls[1].Pattern"]').innerText()).toBe("Only a leading '*.' wildcard is allowed.");
    expect(await page.locator('input[name="Form.ForcedTls[1].Pattern"]').inputValue()).toBe("*.*.college.edu");
  });

  it("sees a send decision through the API follow the new policy", async () => {
    // A preview waits for the probe; the send then decides from the cached result, as in Outlook.
    await send([`carol@${FORCED}`], "preview");
    const decision = await send([`carol@${FORCED}`], "send");
    expect(decision.decision).toBe("block");
    expect(decision.policyVersion).toBe(1);
    expect(decision.domains[0]).toMatchObject({ domain: FORCED, level: "plaintext", decision: "block", matchedRule: FORCED });
  });

  it("lists that decision in the audit log and counts it in the charts", async () => {
    await page.goto(`${baseUrl}/admin/audit`);
    const rows = page.locator("#audit-table tbody tr");
    expect(await rows.count()).toBe(1);
    const row = await rows.first().innerText();
    expect(row).toContain(FORCED);
    expect(row).toContain("block");
    expect(row).toContain(`bob@${TENANT}.example`);
    const perDay = page.locator("#chart-per-day");
    expect(await perDay.getAttribute("data-block")).toBe("1");
    expect(await perDay.getAttribute("data-allow")).toBe("0");
    expect(await page.locator(`#chart-weak-domains g[data-label="${FORCED}"]`).getAttribute("data-count")).toBe("1");
    expect(await page.locator('#chart-levels g[data-label="plaintext"]').getAttribute("data-count")).toBe("1");
    await page.screenshot({ path: join(screenshots, "admin-audit.png"), fullPage: true });

    const csv = await page.evaluate(async () => (await fetch(document.querySelector<HTMLAnchorElement>("#csv")!.href)).text());
    expect(csv).toContain(FORCED);
  });

  it("looks up a domain's full report and the tenant's decision for it", async () => {
    await page.goto(`${baseUrl}/admin/domains`);
    await page.getByLabel("Recipient domain").fill("verified.lab.test");
    await page.getByRole("button", { name: "Check" }).click();
    await page.waitForSelector("#report", { timeout: 60_000 });
    expect(await page.locator("#level").innerText()).toBe("verified");
    expect(await page.locator("#decision").innerText()).toContain("allow");
    const report = await page.locator("main").innerText();
    expect(report).toMatch(/TLSv1\.[23]/);
    expect(report).toContain("Name matches");
    await page.screenshot({ path: join(screenshots, "admin-domains.png"), fullPage: true });
  });

  it("exports Exchange Online PowerShell for the forced domain, with a copy button", async () => {
    await page.goto(`${baseUrl}/admin/export`);
    const script = await page.locator("#script").innerText();
    expect(script).toContain(`-RecipientDomains '${FORCED}'`);
    // The lab's plaintext MX presents no certificate, so no -TlsDomain is guessed (the comment says why).
    expect(script).toContain("-TlsSettings 'CertificateValidation'");
    expect(script).toContain("no certificate was observed on mx.plaintext.lab.test");
    expect(script).not.toContain("-TlsDomain '");
    expect(script).toContain("New-OutboundConnector -Name 'TLS Preflight verified plaintext.lab.test'");
    await page.getByRole("button", { name: "Copy" }).click();
    // The clipboard write is asynchronous: wait for the status line to be written (Playwright's own timeout bounds it).
    await page.locator("[data-copy-status]").filter({ hasText: /Copied|Ctrl\+C/ }).waitFor();
    expect(await page.locator("[data-copy-status]").innerText()).toMatch(/Copied|Ctrl\+C/);
    await page.screenshot({ path: join(screenshots, "admin-export.png"), fullPage: true });
  });

  it("fits a narrow window and can be used from the keyboard", async () => {
    const narrow = await browser.newPage({ viewport: { width: 400, height: 800 } });
    await narrow.context().addCookies(await page.context().cookies());
    await narrow.goto(`${baseUrl}/admin/policy`);
    const overflow = await narrow.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await narrow.keyboard.press("Tab");
    expect(await narrow.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    const outline = await narrow.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    await narrow.screenshot({ path: join(screenshots, "admin-policy-narrow.png"), fullPage: true });
    await narrow.close();
  });

  it("shows a signed-in user who is not an admin the administrator page", async () => {
    const user = await browser.newPage();
    await user.goto(`${baseUrl}/admin/signin?ReturnUrl=%2Fadmin%2Fpolicy`);
    await user.getByLabel("Tenant id").fill(TENANT);
    await user.getByLabel("User id").fill("bob");
    await user.getByLabel("Ordinary user").check();
    const response = user.waitForResponse((r) => r.url().endsWith("/admin/policy"));
    await user.getByRole("button", { name: "Sign in" }).click();
    expect((await response).status()).toBe(403);
    expect(await user.locator("h1").innerText()).toBe("You need to be an administrator");
    await user.close();
  });
});
