import { afterEach, describe, expect, it, vi } from "vitest";
import { handleMessageSend, type SendCompletedOptions } from "../../addin/src/launchevent/message-send";
import { SEND_DEADLINE_MS, SEND_WATCHDOG_MS } from "../../addin/src/launchevent/handler-context";
import { ApiError } from "../../addin/src/shared/api-error";
import { SESSION_KEY } from "../../addin/src/shared/message-state";
import { context, fakeTexts, FakeApi, result } from "./support/fake-api";
import { FakeComposeItem, FakeEvent } from "./support/outlook-shim";
import type { DomainResult, FailMode } from "../../addin/src/shared/api-types";

/** What an earlier recipients-changed answer left: the results and the service's words for exactly these domains. */
function remember(item: FakeComposeItem, results: DomainResult[], failMode: FailMode | null = "open") {
  const map = Object.fromEntries(results.map((r) => [r.domain, r]));
  const texts = Object.assign({ domains: results.map((r) => r.domain).sort() }, fakeTexts(results));
  item.sessionData.data.set(SESSION_KEY, JSON.stringify({ failMode, policyVersion: 3, results: map, texts }));
}

async function send(item: FakeComposeItem, api: FakeApi, opts: Parameters<typeof context>[2] = {}) {
  const event = new FakeEvent<SendCompletedOptions>();
  await handleMessageSend(event, context(item, api, opts));
  return event;
}

afterEach(() => vi.useRealTimers());

describe("onMessageSend with results already known", () => {
  it("allows the send when every domain is allowed, without waiting for the service", async () => {
    const item = new FakeComposeItem(["a@good.example", "b@good.example"], ["c@also.example"]);
    remember(item, [result("good.example", "verified", "allow"), result("also.example", "enforced", "allow")]);
    const api = new FakeApi();
    const event = await send(item, api);
    expect(event.calls).toEqual([{ allowEvent: true }]);
    expect(api.calls).toHaveLength(0);
    expect(api.recorded).toEqual([["a@good.example", "b@good.example", "c@also.example"]]);
  });

  it("records the decision it showed and the result times it used, never asking the service to decide again", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@good.example"]);
    remember(item, [
      result("partner.example", "plaintext", "block", { checkedAt: "2026-12-01T20:00:00Z" }),
      result("good.example", "verified", "allow", { checkedAt: "2026-12-01T21:00:00Z" }),
    ]);
    const api = new FakeApi();
    await send(item, api);
    expect(api.calls).toHaveLength(0);
    expect(api.shown).toEqual([
      {
        recipients: ["a@partner.example", "b@good.example"],
        decision: "block",
        policyVersion: 3,
        domains: [
          expect.objectContaining({ domain: "good.example", decision: "allow", checkedAt: "2026-12-01T21:00:00Z" }),
          expect.objectContaining({ domain: "partner.example", decision: "block", checkedAt: "2026-12-01T20:00:00Z" }),
        ],
      },
    ]);
  });

  it("blocks with a clear message, a Review button and the task pane command on Mailbox 1.14", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@good.example"]);
    remember(item, [result("partner.example", "plaintext", "block"), result("good.example", "verified", "allow")]);
    const event = await send(item, new FakeApi());
    expect(event.calls).toHaveLength(1);
    const options = event.calls[0]!;
    expect(options.allowEvent).toBe(false);
    expect(options.errorMessage).toBe("Service dialog: partner.example block.");
    expect(options.errorMessage).not.toContain("good.example");
    expect(options.errorMessage!.length).toBeLessThanOrEqual(500);
    expect(options.cancelLabel).toBe("Review");
    expect(options.commandId).toBe("msgComposeOpenPaneButton");
    expect(options.sendModeOverride).toBeUndefined();
  });

  it("blocks without 1.14-only options on a Mailbox 1.12 client", async () => {
    const item = new FakeComposeItem(["a@partner.example"]);
    remember(item, [result("partner.example", "plaintext", "block")]);
    const event = await send(item, new FakeApi(), { mailbox: "1.12" });
    expect(event.calls).toEqual([{ allowEvent: false, errorMessage: expect.stringContaining("partner.example") }]);
  });

  it("warns with Send Anyway (sendModeOverride PromptUser) where 1.14 is supported", async () => {
    const item = new FakeComposeItem(["a@weak.example"]);
    remember(item, [result("weak.example", "encrypted", "warn")]);
    const event = await send(item, new FakeApi());
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser", cancelLabel: "Review" });
    expect(event.calls[0]!.errorMessage).toContain("weak.example");
  });

  it("lets a warned message go on a client without sendModeOverride, because SoftBlock would trap it", async () => {
    const item = new FakeComposeItem(["a@weak.example"]);
    remember(item, [result("weak.example", "encrypted", "warn")]);
    const event = await send(item, new FakeApi(), { mailbox: "1.13" });
    expect(event.calls).toEqual([{ allowEvent: true }]);
  });

  it("takes the strictest decision over all recipient domains", async () => {
    const item = new FakeComposeItem(["a@weak.example", "b@partner.example", "c@good.example"]);
    remember(item, [result("weak.example", "encrypted", "warn"), result("partner.example", "plaintext", "block"), result("good.example", "verified", "allow")]);
    const event = await send(item, new FakeApi());
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
  });

  it("allows a message with no recipients that have a domain", async () => {
    const item = new FakeComposeItem(["/o=ExchangeLabs/ou=Exchange Administrative Group/cn=Recipients/cn=x"]);
    const api = new FakeApi();
    const event = await send(item, api);
    expect(event.calls).toEqual([{ allowEvent: true }]);
    expect(api.calls).toHaveLength(0);
  });
});

describe("onMessageSend in the sender's language", () => {
  it("shows the dialog text the service wrote", async () => {
    const item = new FakeComposeItem(["a@partner.example"]);
    const api = new FakeApi({ "partner.example": result("partner.example", "plaintext", "block") });
    api.behaviour = async (call) => Object.assign(api.answer(call.recipients), { language: "de", message: "TLS-Pflicht: partner.example verlangt die Stufe „verifiziert“." });
    const event = await send(item, api, { language: "de" });
    expect(event.calls[0]).toMatchObject({ allowEvent: false, errorMessage: "TLS-Pflicht: partner.example verlangt die Stufe „verifiziert“.", cancelLabel: "Prüfen" });
  });

  it("asks the service again when the message's domains differ from those its words speak of", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@other.example"]);
    remember(item, [result("partner.example", "plaintext", "block")]);
    item.sessionData.data.set(SESSION_KEY, JSON.stringify(Object.assign(JSON.parse(item.sessionData.data.get(SESSION_KEY)!), {
      results: { "partner.example": result("partner.example", "plaintext", "block"), "other.example": result("other.example", "verified", "allow") },
    })));
    const api = new FakeApi({ "partner.example": result("partner.example", "plaintext", "block"), "other.example": result("other.example", "verified", "allow") });
    const event = await send(item, api);
    expect(api.calls).toHaveLength(1);
    expect(event.calls[0]!.errorMessage).toBe("Service dialog: partner.example block.");
  });

  it("explains an unreachable service in French in a French Office, fail safe", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("network", "down"));
    const event = await send(item, api, { failMode: "safe", language: "fr" });
    expect(event.calls[0]).toMatchObject({ allowEvent: false, cancelLabel: "Vérifier" });
    expect(event.calls[0]!.errorMessage).toBe(
      "TLS Preflight n'a pas pu vérifier les serveurs de messagerie des destinataires : le service TLS Preflight est injoignable. "
        + "Votre organisation exige une vérification réussie, le message n'a donc pas été envoyé. Réessayez dans un instant.",
    );
  });
});

describe("onMessageSend with domains still unknown", () => {
  it("fetches only then, once, with intent send, every address and the short deadline", async () => {
    const item = new FakeComposeItem(["a@good.example", "b@new.example"]);
    remember(item, [result("good.example", "verified", "allow")]);
    const api = new FakeApi({ "new.example": result("new.example", "plaintext", "block"), "good.example": result("good.example", "verified", "allow") });
    const event = await send(item, api);
    expect(api.calls).toEqual([{ recipients: ["a@good.example", "b@new.example"], intent: "send", deadlineMs: SEND_DEADLINE_MS }]);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.errorMessage).toContain("new.example");
    const saved = JSON.parse(item.sessionData.data.get(SESSION_KEY)!);
    expect(Object.keys(saved.results).sort()).toEqual(["good.example", "new.example"]);
  });

  it("sends domains instead of addresses when there are more than the API's 500 recipients", async () => {
    const many = Array.from({ length: 600 }, (_, i) => `user${i}@${i % 2 ? "odd" : "even"}.example`);
    const item = new FakeComposeItem(many);
    const api = new FakeApi({ "odd.example": result("odd.example", "verified", "allow"), "even.example": result("even.example", "verified", "allow") });
    const event = await send(item, api);
    expect(api.calls.map((c) => c.recipients)).toEqual([["even.example", "odd.example"]]);
    expect(event.calls).toEqual([{ allowEvent: true }]);
  });

  it("follows fail open when the service cannot be reached: warn with Send Anyway", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("network", "the TLS Preflight service cannot be reached (fetch failed)"));
    const event = await send(item, api, { failMode: "open" });
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser" });
    expect(event.calls[0]!.errorMessage).toMatch(/could not check/);
    expect(event.calls[0]!.errorMessage!.length).toBeLessThanOrEqual(500);
  });

  it("follows fail safe when the service cannot be reached: block without Send Anyway", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("http", "the service answered 503", 503));
    const event = await send(item, api, { failMode: "safe" });
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, cancelLabel: "Review" });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
    expect(event.calls[0]!.errorMessage).toMatch(/requires a successful check/);
  });

  it("keeps a known forced-TLS block when the service cannot be reached for a new recipient, under fail open", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@new.example"]);
    remember(item, [result("partner.example", "plaintext", "block", { matchedRule: "partner.example" })], "open");
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("network", "down"));
    const event = await send(item, api);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
    expect(event.calls[0]!.errorMessage).toContain("partner.example");
  });

  it("never words a 4xx refusal as an unreachable service, and warns under fail open", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("http", "the service refused the request (400): One or more validation errors occurred.", 400));
    const event = await send(item, api, { failMode: "open" });
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser" });
    expect(event.calls[0]!.errorMessage).toMatch(/refused the request \(400\)/);
    expect(event.calls[0]!.errorMessage).not.toMatch(/could not check the recipients' mail servers/);
  });

  it("blocks on a 4xx refusal when a forced-TLS domain is on the message, although the tenant fails open", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@new.example"]);
    remember(item, [result("partner.example", "verified", "allow", { matchedRule: "partner.example" })], "open");
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("auth", "the service refused the request (403): tenant not allowed", 403));
    const event = await send(item, api);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
    expect(event.calls[0]!.errorMessage).toMatch(/403/);
    expect(event.calls[0]!.errorMessage).toMatch(/was not sent/);
  });

  it("words a 4xx refusal in the sender's language, with the problem's own words", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("auth", "the service refused the request (403): tenant not allowed", 403, undefined, "tenant not allowed"));
    const event = await send(item, api, { failMode: "safe", language: "de" });
    expect(event.calls[0]).toMatchObject({ allowEvent: false, cancelLabel: "Prüfen" });
    expect(event.calls[0]!.errorMessage).toBe(
      "TLS Preflight konnte diese Nachricht nicht prüfen: Der Dienst hat die Anfrage abgelehnt (403): tenant not allowed. " +
        "Ihre Organisation verlangt für diese Empfänger eine erfolgreiche Prüfung, daher wurde die Nachricht nicht gesendet. Wählen Sie „Prüfen“, um Details zu sehen.",
    );
  });

  it("blocks on a 4xx refusal when the tenant fails safe", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("http", "the service refused the request (413)", 413));
    const event = await send(item, api, { failMode: "safe" });
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
  });

  it("prefers the fail mode seen on this message over the remembered one", async () => {
    const item = new FakeComposeItem(["a@good.example", "b@new.example"]);
    remember(item, [result("good.example", "verified", "allow")], "safe");
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("network", "down"));
    const event = await send(item, api, { failMode: "open" });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
    expect(event.calls[0]!.allowEvent).toBe(false);
  });

  it("fails open when the tenant's fail mode was never seen", async () => {
    const item = new FakeComposeItem(["a@new.example"]);
    const api = new FakeApi();
    api.behaviour = () => Promise.reject(new ApiError("auth", "sign-in failed"));
    const event = await send(item, api, { failMode: null });
    expect(event.calls[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser" });
  });

  it("completes once with the fail mode when the service is slower than the deadline", async () => {
    vi.useFakeTimers();
    const item = new FakeComposeItem(["a@slow.example"]);
    const api = new FakeApi();
    // A service that answers only after 10 s; the client's deadline must not wait for it.
    const { createApiClient } = await import("../../addin/src/shared/api-client");
    const real = createApiClient("http://127.0.0.1:9", async () => "token", ((_url: string, init: RequestInit) =>
      new Promise((_, reject) => init.signal?.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError"))))) as typeof fetch);
    api.behaviour = (call) => real.assess(call.recipients, call.intent, call.deadlineMs);
    const event = new FakeEvent<SendCompletedOptions>();
    const done = handleMessageSend(event, context(item, api, { failMode: "safe" }));
    await vi.advanceTimersByTimeAsync(SEND_DEADLINE_MS - 1);
    expect(event.calls).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2);
    await done;
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.errorMessage).toMatch(/did not answer within 3 s/);
    await vi.advanceTimersByTimeAsync(SEND_WATCHDOG_MS * 2);
    expect(event.calls).toHaveLength(1);
  });

  it("completes once through the watchdog when Outlook never answers a recipient read", async () => {
    vi.useFakeTimers();
    const item = new FakeComposeItem(["a@x.example"]);
    item.to.mode = "hang";
    const event = new FakeEvent<SendCompletedOptions>();
    void handleMessageSend(event, context(item, new FakeApi(), { failMode: "safe" }));
    await vi.advanceTimersByTimeAsync(SEND_WATCHDOG_MS + 10);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.errorMessage).toMatch(/took too long/);
    item.to.mode = "ok";
    await vi.advanceTimersByTimeAsync(60_000);
    expect(event.calls).toHaveLength(1);
  });

  it("follows the fail mode when the recipients cannot be read", async () => {
    const item = new FakeComposeItem(["a@x.example"]);
    item.cc.mode = "fail";
    const event = await send(item, new FakeApi(), { failMode: "safe" });
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
  });

  it("completes once when the answer arrives after the watchdog already completed", async () => {
    vi.useFakeTimers();
    const item = new FakeComposeItem(["a@late.example"]);
    const api = new FakeApi({ "late.example": result("late.example", "verified", "allow") });
    api.behaviour = (call) => new Promise((resolve) => setTimeout(() => resolve(api.answer(call.recipients)), SEND_WATCHDOG_MS + 500));
    const event = new FakeEvent<SendCompletedOptions>();
    const done = handleMessageSend(event, context(item, api, { failMode: "open" }));
    await vi.advanceTimersByTimeAsync(SEND_WATCHDOG_MS + 1000);
    await done;
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, sendModeOverride: "promptUser" });
  });
});
