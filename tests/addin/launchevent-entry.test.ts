// The entry file as Outlook loads it: Office is the office-addin-mock object, the handlers are found
// through Office.actions.associate, and one send completes from the message's remembered results.
import { OfficeMockObject } from "office-addin-mock";
import { afterAll, describe, expect, it, vi } from "vitest";
import { SESSION_KEY } from "../../addin/src/shared/message-state";
import { rememberedState, result } from "./support/fake-api";
import { FakeComposeItem, FakeEvent } from "./support/outlook-shim";

const item = new FakeComposeItem(["a@partner.example"]);
item.sessionData.data.set(SESSION_KEY, rememberedState([result("partner.example", "plaintext", "block")], "open", 1));
const associated = new Map<string, (event: unknown) => void>();
const fetchCalls: string[] = [];

function officeMock() {
  return new OfficeMockObject({
    host: "outlook",
    context: {
      mailbox: {
        item: {
          to: { getAsync: (cb: never) => item.to.getAsync(cb) },
          cc: { getAsync: (cb: never) => item.cc.getAsync(cb) },
          bcc: { getAsync: (cb: never) => item.bcc.getAsync(cb) },
          notificationMessages: {
            replaceAsync: (k: string, d: never, cb: never) => item.notificationMessages.replaceAsync(k, d, cb),
            removeAsync: (k: string, cb: never) => item.notificationMessages.removeAsync(k, cb),
          },
          sessionData: {
            getAsync: (k: string, cb: never) => item.sessionData.getAsync(k, cb),
            setAsync: (k: string, v: string, cb: never) => item.sessionData.setAsync(k, v, cb),
          },
        },
        userProfile: { emailAddress: "sender@contoso.example", displayName: "Sender" },
      },
      requirements: { isSetSupported: (_name: string, version: string) => Number(version.split(".")[1]) <= 14 },
    },
    actions: { associate: (name: string, fn: (event: unknown) => void) => void associated.set(name, fn) },
    MailboxEnums: { SendModeOverride: { PromptUser: "promptUser" } },
  });
}

afterAll(() => vi.unstubAllGlobals());

describe("launchevent.ts in an Office host", () => {
  it("associates both manifest functions and answers a send from what the message already knows", async () => {
    vi.stubGlobal("Office", officeMock());
    vi.stubGlobal("fetch", (url: string) => {
      fetchCalls.push(url);
      return Promise.reject(new TypeError("no network in unit tests"));
    });
    await import("../../addin/src/launchevent/launchevent");
    expect([...associated.keys()].sort()).toEqual(["onMessageSend", "onRecipientsChanged"]);

    const event = new FakeEvent<{ allowEvent: boolean; errorMessage?: string; commandId?: string }>();
    associated.get("onMessageSend")!(event);
    await vi.waitFor(() => expect(event.calls).toHaveLength(1));
    expect(event.calls[0]).toMatchObject({ allowEvent: false, commandId: "msgComposeOpenPaneButton" });
    expect(event.calls[0]!.errorMessage).toContain("partner.example");
    // The audit request goes out after the decision, through the development sign-in first.
    await vi.waitFor(() => expect(fetchCalls).toEqual(["https://localhost:5080/dev/token"]));
  });
});
