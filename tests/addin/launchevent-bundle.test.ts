// The built launchevent.js as classic Outlook on Windows runs it: one script, no DOM, no modules,
// no Office.onReady, and an ES2016 engine (platform notes "Classic Windows JS-only runtime").
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { parse } from "acorn";
import { beforeAll, describe, expect, it } from "vitest";
import { SESSION_KEY } from "../../addin/src/shared/message-state";
import { rememberedState, result } from "./support/fake-api";
import { FakeComposeItem, FakeEvent } from "./support/outlook-shim";
import { distDir, ensureBuilt } from "./support/built-addin";

let script = "";
beforeAll(() => {
  ensureBuilt();
  script = readFileSync(join(distDir, "launchevent.js"), "utf8");
});

/** Built-ins newer than ES2016 that the engine may lack; the bundle must not need them at load time. */
const ES2017_PLUS = `
  delete Promise.prototype.finally; delete Object.entries; delete Object.values; delete Object.fromEntries;
  delete Array.prototype.flat; delete Array.prototype.flatMap; delete String.prototype.padStart;
  delete String.prototype.padEnd; delete Object.getOwnPropertyDescriptors;
`;

function runtime(item: FakeComposeItem) {
  const associated: Record<string, (event: unknown) => void> = {};
  const requests: string[] = [];
  const sandbox = {
    Office: {
      actions: { associate: (name: string, fn: (event: unknown) => void) => void (associated[name] = fn) },
      context: {
        mailbox: { item, userProfile: { emailAddress: "sender@contoso.example", displayName: "Sender" } },
        requirements: { isSetSupported: (_: string, v: string) => Number(v.split(".")[1]) <= 14 },
      },
      MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
    },
    setTimeout,
    clearTimeout,
    console,
    fetch: (url: string) => {
      requests.push(url);
      return Promise.reject(new TypeError("Network request failed"));
    },
  };
  const context = vm.createContext(sandbox);
  vm.runInContext(ES2017_PLUS, context);
  vm.runInContext(script, context, { filename: "launchevent.js" });
  return { associated, requests, globals: vm.runInContext("Object.getOwnPropertyNames(globalThis)", context) as string[] };
}

describe("the built launchevent.js", () => {
  it("is one classic script in ES2016 syntax: no modules, no async/await, no ?. or ??", () => {
    expect(() => parse(script, { ecmaVersion: 2016, sourceType: "script" })).not.toThrow();
    expect(() => parse("async function f() { await 1; }", { ecmaVersion: 2016, sourceType: "script" })).toThrow();
  });

  it("loads without a DOM and associates both handlers at the top level", () => {
    const { associated, globals } = runtime(new FakeComposeItem());
    expect(Object.keys(associated).sort()).toEqual(["onMessageSend", "onRecipientsChanged"]);
    for (const dom of ["window", "document", "localStorage", "AbortController", "location"]) expect(globals).not.toContain(dom);
  });

  it("completes a send once from the message's remembered results", async () => {
    const item = new FakeComposeItem(["a@partner.example", "b@good.example"]);
    item.sessionData.data.set(SESSION_KEY, rememberedState([result("partner.example", "plaintext", "block"), result("good.example", "verified", "allow")], "safe", 2));
    const { associated } = runtime(item);
    const event = new FakeEvent<{ allowEvent: boolean; errorMessage?: string; cancelLabel?: string }>();
    associated.onMessageSend!(event);
    await completion(event);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false, cancelLabel: "Review" });
    expect(event.calls[0]!.errorMessage).toBe("Service dialog: partner.example block.");
  });

  it("follows fail safe when fetch fails in the runtime, and completes once", async () => {
    const item = new FakeComposeItem(["a@unknown.example"]);
    item.sessionData.data.set(SESSION_KEY, JSON.stringify({ failMode: "safe", policyVersion: 2, results: {} }));
    const { associated, requests } = runtime(item);
    const event = new FakeEvent<{ allowEvent: boolean; errorMessage?: string; sendModeOverride?: string }>();
    associated.onMessageSend!(event);
    await completion(event);
    expect(requests).toEqual(["https://localhost:5080/dev/token"]);
    expect(event.calls).toHaveLength(1);
    expect(event.calls[0]).toMatchObject({ allowEvent: false });
    expect(event.calls[0]!.sendModeOverride).toBeUndefined();
    expect(event.calls[0]!.errorMessage).toMatch(/requires a successful check/);
  });

  it("completes a recipients change once and shows one notification", async () => {
    const item = new FakeComposeItem(["a@good.example"]);
    item.sessionData.data.set(SESSION_KEY, rememberedState([result("good.example", "verified", "allow")], "open", 2));
    const { associated } = runtime(item);
    const event = new FakeEvent();
    associated.onRecipientsChanged!(event);
    await completion(event);
    expect(event.calls).toHaveLength(1);
    expect([...item.notificationMessages.shown.values()].map((n) => n.message)).toEqual(["TLS Preflight: Service summary: good.example fine."]);
  });
});

/** Waits for the handler's first event.completed (the machine may be loaded), then a moment more so a second call would show. */
async function completion(event: { calls: unknown[] }): Promise<void> {
  const deadline = Date.now() + 5000;
  while (event.calls.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 100));
}
