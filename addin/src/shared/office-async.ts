// Promise wrappers for the Office callbacks we use, written once (no callback pyramids elsewhere).
// The interfaces name only what we call, so tests can pass a small shim.

type Callback<T> = (result: Office.AsyncResult<T>) => void;

export interface RecipientField {
  getAsync(callback: Callback<Office.EmailAddressDetails[]>): void;
}

export interface NotificationMessagesLike {
  replaceAsync(key: string, details: Office.NotificationMessageDetails, callback?: Callback<void>): void;
  removeAsync(key: string, callback?: Callback<void>): void;
}

export interface SessionDataLike {
  getAsync(name: string, callback: Callback<string>): void;
  setAsync(name: string, value: string, callback?: Callback<void>): void;
}

/** item.sensitivityLabel (Mailbox 1.13, compose): the label's GUID. */
export interface SensitivityLabelLike {
  getAsync(callback: Callback<string>): void;
  setAsync(label: string, callback?: Callback<void>): void;
}

/** The parts of a message in compose mode the add-in reads and writes. */
export interface ComposeItem {
  to: RecipientField;
  cc: RecipientField;
  bcc?: RecipientField;
  notificationMessages: NotificationMessagesLike;
  sessionData?: SessionDataLike;
  sensitivityLabel?: SensitivityLabelLike;
}

export class OfficeCallError extends Error {
  constructor(readonly code: string | number | undefined, message: string) {
    super(message);
    this.name = "OfficeCallError";
  }
}

export function officeCall<T>(invoke: (callback: Callback<T>) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    invoke((result) => {
      if ((result.status as unknown as string) === "failed") { // office.js uses the string values at run time
        reject(new OfficeCallError(result.error?.code, result.error?.message ?? "Office call failed"));
      } else {
        resolve(result.value);
      }
    });
  });
}

/** To, Cc and Bcc together. A field that cannot be read fails the whole read: a check that skipped
 *  recipients would be a wrong answer, and the callers have a safe path for errors. */
export async function getAllRecipients(item: ComposeItem): Promise<Office.EmailAddressDetails[]> {
  const fields = [item.to, item.cc, item.bcc].filter((f): f is RecipientField => f !== undefined);
  const lists = await Promise.all(fields.map((f) => officeCall<Office.EmailAddressDetails[]>((cb) => f.getAsync(cb))));
  return ([] as Office.EmailAddressDetails[]).concat(...lists.map((l) => l ?? []));
}

export function replaceNotification(item: ComposeItem, key: string, details: Office.NotificationMessageDetails): Promise<void> {
  return officeCall<void>((cb) => item.notificationMessages.replaceAsync(key, details, cb));
}

/** Removing a notification that is not there is not an error for us. */
export function removeNotification(item: ComposeItem, key: string): Promise<void> {
  return officeCall<void>((cb) => item.notificationMessages.removeAsync(key, cb)).catch(() => undefined);
}

export function readSessionData(item: ComposeItem, name: string): Promise<string | null> {
  const data = item.sessionData;
  if (!data) return Promise.resolve(null);
  return officeCall<string>((cb) => data.getAsync(name, cb)).then(
    (v) => (typeof v === "string" && v.length > 0 ? v : null),
    () => null, // a missing key is reported as a failure
  );
}

export function writeSessionData(item: ComposeItem, name: string, value: string): Promise<void> {
  const data = item.sessionData;
  if (!data) return Promise.resolve();
  return officeCall<void>((cb) => data.setAsync(name, value, cb));
}

/** The message's sensitivity label GUID, or null: a client without Mailbox 1.13 or labels, no label, or a failed read
 *  (a label we cannot read protects nothing as far as the decision goes). */
export async function readSensitivityLabel(item: ComposeItem, supportsMailbox: (version: string) => boolean): Promise<string | null> {
  const label = item.sensitivityLabel;
  if (!label || !supportsMailbox("1.13")) return null;
  const id = await officeCall<string>((cb) => label.getAsync(cb)).catch(() => null);
  return typeof id === "string" && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) ? id.toLowerCase() : null;
}
