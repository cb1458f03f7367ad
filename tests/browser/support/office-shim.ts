// A small Outlook host for the real add-in pages, injected with page.addInitScript before any page
// script runs. It answers the Office calls the add-in makes and records what a sender would see.
// Serialised by Playwright: it must not reference anything outside its own body.

export interface ShimOptions {
  to: string[];
  cc?: string[];
  mailbox?: string;
  theme?: { bodyBackgroundColor: string; bodyForegroundColor: string; controlBackgroundColor: string; controlForegroundColor: string };
  sender?: string;
  /** Office.context.displayLanguage; en-US when not given. */
  displayLanguage?: string;
}

export interface ShimState {
  notifications: Record<string, { type: string; message: string }>;
  completed: unknown[];
  session: Record<string, string>;
  handlers: Record<string, (() => void)[]>;
  actions: Record<string, (event: unknown) => void>;
  recipients: { to: string[]; cc: string[]; bcc: string[] };
}

export function installOfficeShim(options: ShimOptions): void {
  const ok = (value?: unknown) => ({ status: "succeeded", value });
  const failed = (code: string) => ({ status: "failed", value: undefined, error: { code, message: code, name: code } });
  const later = (fn: () => void) => setTimeout(fn, 0);
  const state: ShimState = {
    notifications: {},
    completed: [],
    session: {},
    handlers: {},
    actions: {},
    recipients: { to: options.to, cc: options.cc ?? [], bcc: [] },
  };
  const field = (name: "to" | "cc" | "bcc") => ({
    getAsync: (cb: (r: unknown) => void) =>
      later(() => cb(ok(state.recipients[name].map((a) => ({ emailAddress: a, displayName: a, recipientType: "externalUser" }))))),
  });
  const minor = Number((options.mailbox ?? "1.15").split(".")[1]);
  const office = {
    onReady: (cb?: (info: unknown) => void) => {
      const info = { host: "Outlook", platform: "OfficeOnline" };
      later(() => cb?.(info));
      return Promise.resolve(info);
    },
    actions: { associate: (name: string, fn: (event: unknown) => void) => void (state.actions[name] = fn) },
    EventType: { RecipientsChanged: "olkRecipientsChanged", OfficeThemeChanged: "officeThemeChanged" },
    AsyncResultStatus: { Succeeded: "succeeded", Failed: "failed" },
    MailboxEnums: {
      SendModeOverride: { PromptUser: "promptUser" },
      ItemNotificationMessageType: { InformationalMessage: "informationalMessage", ProgressIndicator: "progressIndicator" },
    },
    context: {
      officeTheme: options.theme,
      displayLanguage: options.displayLanguage ?? "en-US",
      requirements: { isSetSupported: (name: string, version: string) => name === "Mailbox" && Number(version.split(".")[1]) <= minor },
      mailbox: {
        userProfile: { emailAddress: options.sender ?? "sender@contoso.example", displayName: "Sam Sender" },
        addHandlerAsync: () => undefined,
        item: {
          to: field("to"),
          cc: field("cc"),
          bcc: field("bcc"),
          notificationMessages: {
            replaceAsync: (key: string, details: { type: string; message: string }, cb?: (r: unknown) => void) => {
              if (key.length > 32 || details.message.length > 150) {
                later(() => cb?.(failed("InvalidArgument")));
                return;
              }
              state.notifications[key] = details;
              later(() => cb?.(ok()));
            },
            removeAsync: (key: string, cb?: (r: unknown) => void) => {
              const had = key in state.notifications;
              delete state.notifications[key];
              later(() => cb?.(had ? ok() : failed("KeyNotFound")));
            },
          },
          sessionData: {
            getAsync: (name: string, cb: (r: unknown) => void) => later(() => cb(name in state.session ? ok(state.session[name]) : failed("KeyNotFound"))),
            setAsync: (name: string, value: string, cb?: (r: unknown) => void) => {
              state.session[name] = value;
              later(() => cb?.(ok()));
            },
          },
          addHandlerAsync: (type: string, handler: () => void) => {
            (state.handlers[type] ??= []).push(handler);
          },
        },
      },
    },
  };
  (window as unknown as { Office: unknown }).Office = office;
  (window as unknown as { __outlook: ShimState }).__outlook = state;
}
