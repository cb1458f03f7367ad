// A small Outlook compose item for unit tests. It enforces the platform limits the add-in must
// respect (notification key ≤ 32, message ≤ 150, ≤ 5 notifications, sessionData ≤ 50,000), so a
// handler that breaks one fails here the way it would fail in Outlook.
import type { ComposeItem } from "../../../addin/src/shared/office-async";

type Result<T> = Office.AsyncResult<T>;

function ok<T>(value: T): Result<T> {
  return { status: "succeeded", value } as unknown as Result<T>;
}
function failed<T>(code: string, message: string): Result<T> {
  return { status: "failed", value: undefined, error: { code, message, name: code } } as unknown as Result<T>;
}

export class FakeRecipients {
  /** When set, getAsync fails (or never answers, for "hang"). */
  mode: "ok" | "fail" | "hang" = "ok";
  constructor(public addresses: string[] = []) {}
  getAsync(callback: (r: Result<Office.EmailAddressDetails[]>) => void): void {
    if (this.mode === "hang") return;
    if (this.mode === "fail") return void setTimeout(() => callback(failed("GenericResponseError", "boom")), 0);
    const value = this.addresses.map((a) => ({ emailAddress: a, displayName: a, recipientType: "externalUser" }) as Office.EmailAddressDetails);
    setTimeout(() => callback(ok(value)), 0);
  }
}

export class FakeNotifications {
  readonly shown = new Map<string, Office.NotificationMessageDetails>();
  readonly history: Office.NotificationMessageDetails[] = [];
  replaceAsync(key: string, details: Office.NotificationMessageDetails, callback?: (r: Result<void>) => void): void {
    if (key.length > 32) return void callback?.(failed("InvalidKey", `key longer than 32: ${key}`));
    if ((details.message ?? "").length > 150) return void callback?.(failed("MessageTooLong", `message of ${details.message.length}`));
    if (!this.shown.has(key) && this.shown.size >= 5) return void callback?.(failed("NumberOfNotificationMessagesExceeded", "5 already"));
    this.shown.set(key, details);
    this.history.push(details);
    setTimeout(() => callback?.(ok(undefined)), 0);
  }
  removeAsync(key: string, callback?: (r: Result<void>) => void): void {
    if (!this.shown.delete(key)) return void callback?.(failed("KeyNotFound", key));
    setTimeout(() => callback?.(ok(undefined)), 0);
  }
}

export class FakeSessionData {
  readonly data = new Map<string, string>();
  getAsync(name: string, callback: (r: Result<string>) => void): void {
    const v = this.data.get(name);
    setTimeout(() => callback(v === undefined ? failed("KeyNotFound", name) : ok(v)), 0);
  }
  setAsync(name: string, value: string, callback?: (r: Result<void>) => void): void {
    const total = [...this.data].reduce((n, [k, v]) => n + (k === name ? 0 : k.length + v.length), name.length + value.length);
    if (total > 50_000) return void callback?.(failed("SessionObjectMaxLengthExceeded", String(total)));
    this.data.set(name, value);
    setTimeout(() => callback?.(ok(undefined)), 0);
  }
}

export class FakeComposeItem implements ComposeItem {
  to = new FakeRecipients();
  cc = new FakeRecipients();
  bcc = new FakeRecipients();
  notificationMessages = new FakeNotifications();
  sessionData = new FakeSessionData();
  constructor(to: string[] = [], cc: string[] = []) {
    this.to.addresses = to;
    this.cc.addresses = cc;
  }
}

/** Records every event.completed call; the tests assert there is exactly one. */
export class FakeEvent<T = unknown> {
  readonly calls: (T | undefined)[] = [];
  completed(options?: T): void {
    this.calls.push(options);
  }
}

/** item.sensitivityLabel (Mailbox 1.13): the label GUID on the message; setAsync records what the add-in applied. */
export class FakeSensitivityLabel {
  readonly applied: string[] = [];
  mode: "ok" | "fail" = "ok";
  constructor(public id = "") {}
  getAsync(callback: (r: Result<string>) => void): void {
    if (this.mode === "fail") return void setTimeout(() => callback(failed("GenericResponseError", "no label access")), 0);
    setTimeout(() => callback(ok(this.id)), 0);
  }
  setAsync(label: string, callback?: (r: Result<void>) => void): void {
    this.applied.push(label);
    this.id = label;
    setTimeout(() => callback?.(ok(undefined)), 0);
  }
}

/** Office.context.sensitivityLabelsCatalog (Mailbox 1.13). */
export class FakeLabelCatalog {
  constructor(
    public enabled: boolean,
    public labels: { id: string; name: string; children?: { id: string; name: string }[] }[] = [],
  ) {}
  getIsEnabledAsync(callback: (r: Result<boolean>) => void): void {
    setTimeout(() => callback(ok(this.enabled)), 0);
  }
  getAsync(callback: (r: Result<{ id: string; name: string; children?: { id: string; name: string }[] }[]>) => void): void {
    if (!this.enabled) return void setTimeout(() => callback(failed("SensitivityLabelsCatalogDisabled", "catalog off")), 0);
    setTimeout(() => callback(ok(this.labels)), 0);
  }
}
