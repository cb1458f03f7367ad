// The ways forward a stopped sender is offered in the task pane (issue 14), without the DOM so the handler tests
// can drive them through an Office shim: apply a protecting label, tell the partner's IT, and say where a request stands.
import type { ExceptionStatus, PartnerNote, ProtectingLabel } from "./api-types";
import { officeCall, type ComposeItem } from "./office-async";
import { fill, offlineWords, type OfflineWords } from "./offline-text";

type Callback<T> = (result: Office.AsyncResult<T>) => void;

/** Office.context.sensitivityLabelsCatalog (Mailbox 1.13, compose). */
export interface LabelCatalogLike {
  getIsEnabledAsync(callback: Callback<boolean>): void;
  getAsync(callback: Callback<{ id: string; name: string; children?: { id: string; name: string }[] }[]>): void;
}

export interface WaysForwardOffice {
  item: ComposeItem;
  catalog?: LabelCatalogLike;
  supportsMailbox(version: string): boolean;
  /** Office.context.mailbox.displayNewMessageForm (Mailbox 1.6; not in the classic-Windows JS-only runtime). */
  displayNewMessageForm?: (parameters: { toRecipients: string[]; subject: string; htmlBody: string }) => void;
}

/**
 * The first of the tenant's protecting labels that this mailbox can apply: Mailbox 1.13, the catalog enabled,
 * and the label (or a sub-label) in it. Null hides the option; nothing else changes.
 */
export async function offerableLabel(office: WaysForwardOffice, labels: ProtectingLabel[]): Promise<ProtectingLabel | null> {
  const catalog = office.catalog;
  if (labels.length === 0 || !catalog || !office.item.sensitivityLabel || !office.supportsMailbox("1.13")) return null;
  const enabled = await officeCall<boolean>((cb) => catalog.getIsEnabledAsync(cb)).catch(() => false);
  if (enabled !== true) return null;
  const entries = await officeCall((cb: Callback<{ id: string; name: string; children?: { id: string; name: string }[] }[]>) => catalog.getAsync(cb)).catch(() => []);
  const ids = new Set<string>();
  for (const entry of entries ?? []) {
    ids.add(entry.id.toLowerCase());
    for (const child of entry.children ?? []) ids.add(child.id.toLowerCase());
  }
  return labels.find((l) => ids.has(l.id.toLowerCase())) ?? null;
}

/** Applies the label to the message; the sender then presses Send again and the service allows it. */
export function applyLabel(office: WaysForwardOffice, label: ProtectingLabel): Promise<void> {
  const target = office.item.sensitivityLabel;
  if (!target) return Promise.reject(new Error("this Outlook cannot set a sensitivity label"));
  return officeCall<void>((cb) => target.setAsync(label.id, cb));
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Opens a new message to no one yet with the service's note; false when this Outlook cannot open one. */
export function tellTheirIt(office: WaysForwardOffice, note: PartnerNote): boolean {
  if (!office.displayNewMessageForm || !office.supportsMailbox("1.6")) return false;
  const htmlBody = escapeHtml(note.body).replace(/\r?\n/g, "<br>");
  office.displayNewMessageForm({ toRecipients: [], subject: note.subject, htmlBody });
  return true;
}

/** Where the sender's own request stands, as a line for the domain's row, in the task pane's language. */
export function requestStatusText(request: ExceptionStatus, words: OfflineWords = offlineWords("en")): string {
  if (request.status === "pending") return words.requestPending;
  if (request.status === "approved") {
    return request.expiresAt ? fill(words.requestApprovedUntil, { date: request.expiresAt.slice(0, 10) }) : words.requestApproved;
  }
  return request.answer ? fill(words.requestDeclinedWith, { answer: request.answer }) : words.requestDeclined;
}

/** The task pane opens at the domain the Smart Alerts dialog named (contextData, Mailbox 1.14). */
export function domainFromContext(contextData: string | null | undefined): string | null {
  if (!contextData) return null;
  try {
    const parsed = JSON.parse(contextData) as { domain?: unknown };
    return typeof parsed.domain === "string" && parsed.domain.length > 0 ? parsed.domain.toLowerCase() : null;
  } catch {
    return null;
  }
}
