import { describe, expect, it } from "vitest";
import { handleRecipientsChanged } from "../../addin/src/launchevent/recipients-changed";
import { PREVIEW_DEADLINE_MS } from "../../addin/src/launchevent/handler-context";
import { ApiError } from "../../addin/src/shared/api-error";
import { SESSION_KEY } from "../../addin/src/shared/message-state";
import { NOTIFICATION_KEY } from "../../addin/src/shared/notification";
import { context, FakeApi, fakeTexts, result } from "./support/fake-api";
import { FakeComposeItem, FakeEvent } from "./support/outlook-shim";

const table = {
  "good.example": result("good.example", "verified", "allow"),
  "also.example": result("also.example", "enforced", "allow"),
  "partner.example": result("partner.example", "plaintext", "block"),
  "weak.example": result("weak.example", "encrypted", "warn"),
};

async function change(item: FakeComposeItem, api: FakeApi) {
  const event = new FakeEvent();
  const ctx = context(item, api);
  await handleRecipientsChanged(event, ctx);
  expect(event.calls).toHaveLength(1);
  return ctx;
}

const shown = (item: FakeComposeItem) => item.notificationMessages.shown.get(NOTIFICATION_KEY)?.message ?? null;

describe("onRecipientsChanged", () => {
  it("assesses all new domains in one batched preview call and shows one notification", async () => {
    const item = new FakeComposeItem(["a@good.example", "b@good.example"], ["c@also.example"]);
    const api = new FakeApi(table);
    await change(item, api);
    expect(api.calls).toEqual([{ recipients: ["also.example", "good.example"], intent: "preview", deadlineMs: PREVIEW_DEADLINE_MS }]);
    expect(item.notificationMessages.shown.size).toBe(1);
    expect(shown(item)).toBe(fakeTexts([table["also.example"], table["good.example"]]).notification);
  });

  it("asks about the whole message when a domain is added, so the service words the whole message", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    await change(item, api);
    item.to.addresses.push("p@partner.example");
    await change(item, api);
    expect(api.calls.map((c) => c.recipients)).toEqual([["good.example"], ["good.example", "partner.example"]]);
    expect(shown(item)).toBe("TLS Preflight: Service summary: partner.example block.");
  });

  it("does not ask again when the recipients change but their domains do not", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    await change(item, api);
    item.to.addresses.push("b@good.example");
    await change(item, api);
    expect(api.calls).toHaveLength(1);
    expect(shown(item)).toBe("TLS Preflight: Service summary: good.example fine.");
  });

  it("asks the service for the words of the remaining domains when a weak recipient is removed", async () => {
    const item = new FakeComposeItem(["a@good.example", "p@partner.example"]);
    const api = new FakeApi(table);
    await change(item, api);
    expect(shown(item)).toContain("partner.example");
    item.to.addresses = ["a@good.example"];
    await change(item, api);
    expect(api.calls.map((c) => c.recipients)).toEqual([["good.example", "partner.example"], ["good.example"]]);
    expect(shown(item)).toBe("TLS Preflight: Service summary: good.example fine.");
    const saved = JSON.parse(item.sessionData.data.get(SESSION_KEY)!);
    expect(Object.keys(saved.results)).toEqual(["good.example"]);
  });

  it("removes the notification when the last recipient is removed", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    await change(item, api);
    item.to.addresses = [];
    await change(item, api);
    expect(item.notificationMessages.shown.size).toBe(0);
  });

  it("shows the notification the service wrote, in the language it wrote it", async () => {
    const item = new FakeComposeItem(["w@weak.example", "a@good.example"]);
    const api = new FakeApi(table);
    api.behaviour = async (call) => Object.assign(api.answer(call.recipients), { language: "de", notification: "TLS Preflight: Schwache Verschlüsselung zu weak.example (verschlüsselt)." });
    await change(item, api);
    expect(shown(item)).toBe("TLS Preflight: Schwache Verschlüsselung zu weak.example (verschlüsselt).");
  });

  it("says plainly when the check fails, and still completes once", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    api.behaviour = () => Promise.reject(new ApiError("timeout", "the TLS Preflight service did not answer within 25 s", undefined, 25_000));
    await change(item, api);
    expect(shown(item)).toBe("TLS Preflight could not check the recipients: the TLS Preflight service did not answer within 25 s.");
  });

  it("says it in German in a German Office when the service cannot be reached", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    api.behaviour = () => Promise.reject(new ApiError("network", "the TLS Preflight service cannot be reached (fetch failed)"));
    const event = new FakeEvent();
    await handleRecipientsChanged(event, context(item, api, { language: "de" }));
    expect(shown(item)).toBe("TLS Preflight konnte die Empfänger nicht prüfen: Der TLS-Preflight-Dienst ist nicht erreichbar.");
    expect(item.notificationMessages.history.map((n) => n.message)).toContain("TLS Preflight: Die Mailserver von good.example werden geprüft…");
  });

  it("keeps the notification within 150 characters and one key however many domains there are", async () => {
    const many = Array.from({ length: 40 }, (_, i) => `user@a-rather-long-subdomain-name-${i}.partner-with-long-name.example`);
    const item = new FakeComposeItem(many);
    const api = new FakeApi();
    api.failMode = "safe";
    await change(item, api);
    for (const n of item.notificationMessages.history) expect(n.message.length).toBeLessThanOrEqual(150);
    expect(item.notificationMessages.shown.size).toBe(1);
    expect(shown(item)).toMatch(/and 37 more|…$/);
    expect(NOTIFICATION_KEY.length).toBeLessThanOrEqual(32);
  });

  it("completes once even when Outlook cannot read the recipients", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    item.to.mode = "fail";
    const api = new FakeApi(table);
    await change(item, api);
    expect(api.calls).toHaveLength(0);
  });

  it("remembers the tenant's fail mode for a later unreachable send", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    const api = new FakeApi(table);
    api.failMode = "safe";
    const ctx = await change(item, api);
    expect(await ctx.failModes.lastSeen()).toBe("safe");
    expect(JSON.parse(item.sessionData.data.get(SESSION_KEY)!).failMode).toBe("safe");
  });
});
