import { describe, expect, it } from "vitest";
import { handleMessageSend, type SendCompletedOptions } from "../../addin/src/launchevent/message-send";
import { SESSION_KEY } from "../../addin/src/shared/message-state";
import { applyLabel, domainFromContext, offerableLabel, requestStatusText, tellTheirIt, type WaysForwardOffice } from "../../addin/src/shared/ways-forward";
import { context, FakeApi, result } from "./support/fake-api";
import { FakeComposeItem, FakeEvent, FakeLabelCatalog, FakeSensitivityLabel } from "./support/outlook-shim";
import type { DomainResult } from "../../addin/src/shared/api-types";

const ENCRYPT = { id: "3f1c2b7e-0000-4000-8000-000000000001", name: "Confidential - Encrypted" };

function labelled(to: string[], label: string): FakeComposeItem {
  const item = new FakeComposeItem(to);
  (item as FakeComposeItem & { sensitivityLabel: FakeSensitivityLabel }).sensitivityLabel = new FakeSensitivityLabel(label);
  return item;
}

function remember(item: FakeComposeItem, results: DomainResult[], protectingLabels = [ENCRYPT]) {
  const map = Object.fromEntries(results.map((r) => [r.domain, r]));
  const domains = Object.keys(map).sort();
  // The service's words for exactly these domains, as the last answer left them (message-state.ts `texts`).
  const texts = { domains, language: "en", headline: "", summary: "", notification: "", message: "Forced TLS: stopped. Ways forward (Review): remove the recipient." };
  item.sessionData.data.set(SESSION_KEY, JSON.stringify({ failMode: "open", policyVersion: 3, results: map, texts, protectingLabels }));
}

async function send(item: FakeComposeItem, api: FakeApi, opts: Parameters<typeof context>[2] = {}) {
  const event = new FakeEvent<SendCompletedOptions>();
  await handleMessageSend(event, context(item, api, opts));
  return event;
}

describe("onMessageSend and the message's sensitivity label", () => {
  it("sends the label to the service, which lifts the block for a protecting label", async () => {
    const item = labelled(["a@partner.example"], ENCRYPT.id.toUpperCase());
    remember(item, [result("partner.example", "plaintext", "block")]);
    const api = new FakeApi({ "partner.example": result("partner.example", "plaintext", "allow", { allowedBy: "label", ruleDecision: "block" }) });
    const event = await send(item, api);
    expect(api.calls).toEqual([expect.objectContaining({ intent: "send", label: ENCRYPT.id })]);
    expect(event.calls).toEqual([{ allowEvent: true }]);
  });

  it("without a label decides from the known results as before and never reads a label on a client without Mailbox 1.13", async () => {
    const item = labelled(["a@partner.example"], ENCRYPT.id);
    const reads: string[] = [];
    const original = (item as unknown as { sensitivityLabel: FakeSensitivityLabel }).sensitivityLabel;
    (item as unknown as { sensitivityLabel: unknown }).sensitivityLabel = {
      getAsync: (cb: Parameters<FakeSensitivityLabel["getAsync"]>[0]) => {
        reads.push("read");
        original.getAsync(cb);
      },
      setAsync: original.setAsync.bind(original),
    };
    remember(item, [result("partner.example", "plaintext", "block")]);
    const api = new FakeApi();
    const event = await send(item, api, { mailbox: "1.12" });
    expect(reads).toEqual([]);
    expect(api.calls).toHaveLength(0);
    expect(event.calls[0]!.allowEvent).toBe(false);
  });

  it("with no label on the message keeps the block and opens the task pane at the blocked domain", async () => {
    const item = labelled(["a@partner.example", "b@good.example"], "");
    remember(item, [result("partner.example", "plaintext", "block"), result("good.example", "verified", "allow")]);
    const event = await send(item, new FakeApi());
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]!.allowEvent).toBe(false);
    expect(JSON.parse(event.calls[0]!.contextData!)).toEqual({ domain: "partner.example" });
  });

  it("a label that cannot be read protects nothing: the block stays", async () => {
    const item = labelled(["a@partner.example"], ENCRYPT.id);
    (item as unknown as { sensitivityLabel: FakeSensitivityLabel }).sensitivityLabel.mode = "fail";
    remember(item, [result("partner.example", "plaintext", "block")]);
    const api = new FakeApi();
    const event = await send(item, api);
    expect(api.calls).toHaveLength(0);
    expect(event.calls[0]!.allowEvent).toBe(false);
  });

  it("a protecting label the tenant named allows the send when the service cannot answer", async () => {
    const item = labelled(["a@partner.example"], ENCRYPT.id);
    remember(item, [result("partner.example", "plaintext", "block")]);
    const api = new FakeApi();
    api.behaviour = async () => Promise.reject(new Error("network down"));
    const event = await send(item, api);
    expect(event.calls).toEqual([{ allowEvent: true }]);
  });

  it("an unnamed label does not lift the block when the service cannot answer", async () => {
    const item = labelled(["a@partner.example"], "00000000-1111-4000-8000-000000000009");
    remember(item, [result("partner.example", "plaintext", "block")]);
    const api = new FakeApi();
    api.behaviour = async () => Promise.reject(new Error("network down"));
    const event = await send(item, api);
    expect(event.calls[0]!.allowEvent).toBe(false);
  });
});

describe("the task pane's ways forward through an Office shim", () => {
  function office(item: FakeComposeItem, catalog: FakeLabelCatalog | undefined, mailbox = 15, opened: unknown[] = []): WaysForwardOffice {
    return {
      item,
      catalog,
      supportsMailbox: (v) => Number(v.split(".")[1]) <= mailbox,
      displayNewMessageForm: (p) => void opened.push(p),
    };
  }

  it("offers the protecting label only when the catalog is enabled and holds it (or a sub-label)", async () => {
    const item = labelled(["a@partner.example"], "");
    const inCatalog = new FakeLabelCatalog(true, [{ id: "aaaaaaaa-0000-4000-8000-000000000000", name: "General", children: [{ id: ENCRYPT.id.toUpperCase(), name: "Encrypted" }] }]);
    expect(await offerableLabel(office(item, inCatalog), [ENCRYPT])).toEqual(ENCRYPT);
    expect(await offerableLabel(office(item, new FakeLabelCatalog(false)), [ENCRYPT])).toBeNull();
    expect(await offerableLabel(office(item, new FakeLabelCatalog(true, [{ id: "aaaaaaaa-0000-4000-8000-000000000000", name: "General" }])), [ENCRYPT])).toBeNull();
    expect(await offerableLabel(office(item, inCatalog, 12), [ENCRYPT])).toBeNull();
    expect(await offerableLabel(office(item, undefined), [ENCRYPT])).toBeNull();
    expect(await offerableLabel(office(new FakeComposeItem(["a@partner.example"]), inCatalog), [ENCRYPT])).toBeNull();
  });

  it("applies the label with setAsync so the next Send carries it", async () => {
    const item = labelled(["a@partner.example"], "");
    await applyLabel(office(item, new FakeLabelCatalog(true)), ENCRYPT);
    const label = (item as unknown as { sensitivityLabel: FakeSensitivityLabel }).sensitivityLabel;
    expect(label.applied).toEqual([ENCRYPT.id]);
  });

  it("opens a new message to no one with the service's note, its text escaped", () => {
    const opened: unknown[] = [];
    const done = tellTheirIt(office(new FakeComposeItem(), undefined, 15, opened), { subject: "Encrypted mail to partner.example", body: "Hello,\n<b>STARTTLS</b> & RFC 3207" });
    expect(done).toBe(true);
    expect(opened).toEqual([{ toRecipients: [], subject: "Encrypted mail to partner.example", htmlBody: "Hello,<br>&lt;b&gt;STARTTLS&lt;/b&gt; &amp; RFC 3207" }]);
    expect(tellTheirIt({ item: new FakeComposeItem(), supportsMailbox: () => true }, { subject: "s", body: "b" })).toBe(false);
  });

  it("says where the sender's request stands and reads the dialog's domain", () => {
    expect(requestStatusText({ id: "1", status: "pending", requestedAt: "", answer: null, expiresAt: null })).toContain("requested");
    expect(requestStatusText({ id: "1", status: "approved", requestedAt: "", answer: null, expiresAt: "2026-12-08T10:00:00Z" })).toContain("until 2026-12-08");
    expect(requestStatusText({ id: "1", status: "declined", requestedAt: "", answer: "Use the label.", expiresAt: null })).toContain("Use the label.");
    expect(domainFromContext('{"domain":"Partner.example"}')).toBe("partner.example");
    expect(domainFromContext("not json")).toBeNull();
  });
});
