// The texts a sender reads in Outlook, within Outlook's limits:
// notification ≤ 150 characters, Smart Alerts dialog ≤ 500, cancel label ≤ 20 (platform notes).
import type { DomainResult, FailMode } from "./api-types";
import { exposedDomains, weakDomains } from "./decision";
import { levelLabel } from "./level-words";

export const NOTIFICATION_LIMIT = 150;
export const DIALOG_LIMIT = 500;
export const CANCEL_LABEL = "Review"; // ≤ 20 characters

/** Cuts at a word boundary and marks the cut, so a limit never breaks a word or the API call. */
export function fitText(text: string, limit: number): string {
  const clean = text.replace(/\s+/g, " ").trim();
  if (clean.length <= limit) return clean;
  const cut = clean.slice(0, limit - 1);
  const space = cut.lastIndexOf(" ");
  return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:]+$/, "") + "…";
}

function listDomains(results: DomainResult[], max: number): string {
  const shown = results.slice(0, max).map((r) => `${r.domain} (${levelLabel(r.level).toLowerCase()})`);
  const more = results.length - shown.length;
  return shown.join(", ") + (more > 0 ? ` and ${more} more` : "");
}

/** The one notification bar for the message. */
export function notificationText(results: DomainResult[]): string {
  const external = results.filter((r) => !r.internal);
  const weak = weakDomains(results);
  const exposed = exposedDomains(results);
  if (external.length === 0) return fitText("TLS Preflight: internal recipients only, nothing to check.", NOTIFICATION_LIMIT);
  const blocked = weak.filter((r) => r.decision === "block");
  if (blocked.length > 0) {
    return fitText(`TLS Preflight: sending will be blocked. ${listDomains(blocked, 3)} fails your organisation's TLS policy.`, NOTIFICATION_LIMIT);
  }
  if (weak.length > 0) {
    return fitText(`TLS Preflight: weak encryption to ${listDomains(weak, 3)}. You will be asked to confirm before sending.`, NOTIFICATION_LIMIT);
  }
  if (exposed.length > 0) {
    return fitText(`TLS Preflight: mail may travel unencrypted to ${listDomains(exposed, 3)}. Policy allows sending.`, NOTIFICATION_LIMIT);
  }
  if (external.length === 1) return fitText(`TLS Preflight: ${external[0].domain} receives mail encrypted.`, NOTIFICATION_LIMIT);
  return fitText(`TLS Preflight: all ${external.length} recipient domains receive mail encrypted.`, NOTIFICATION_LIMIT);
}

export function checkingText(domains: string[]): string {
  return fitText(`TLS Preflight: checking the mail servers of ${domains.join(", ")}…`, NOTIFICATION_LIMIT);
}

export function checkFailedText(reason: string): string {
  return fitText(`TLS Preflight could not check the recipients: ${reason}.`, NOTIFICATION_LIMIT);
}

function domainSentence(r: DomainResult): string {
  const why = r.reason || `its mail servers are rated ${levelLabel(r.level).toLowerCase()}`;
  const need = r.requiredLevel ? ` (your policy requires ${levelLabel(r.requiredLevel).toLowerCase()})` : "";
  return `${r.domain}: ${why.replace(/\.$/, "")}${need}.`;
}

/** Smart Alerts text when the policy blocks the message. */
export function blockDialogText(results: DomainResult[]): string {
  const blocked = weakDomains(results).filter((r) => r.decision === "block");
  const head = "This message was not sent: your organisation requires encrypted delivery it cannot get.";
  const tail = "Remove these recipients, or select Review for details.";
  return fitBody(head, blocked.map(domainSentence), tail);
}

/** Smart Alerts text when the policy warns. */
export function warnDialogText(results: DomainResult[]): string {
  const warned = weakDomains(results);
  const head = "Mail to some recipients may not be protected in transit.";
  const tail = "Send anyway, or select Review for details.";
  return fitBody(head, warned.map(domainSentence), tail);
}

/** Smart Alerts text when the service could not answer in time. */
export function unreachableDialogText(failMode: FailMode, reason: string): string {
  const head = `TLS Preflight could not check the recipients' mail servers: ${reason.replace(/\.$/, "")}.`;
  const tail =
    failMode === "safe"
      ? "Your organisation requires a successful check, so the message was not sent. Try again in a moment."
      : "The message may travel without encryption. Send anyway, or wait and try again.";
  return fitBody(head, [], tail);
}

/** Smart Alerts text when the service refused the check (a 4xx problem): a refusal, not an outage. */
export function refusedDialogText(blocked: boolean, reason: string): string {
  const head = `TLS Preflight could not check this message: ${reason.replace(/\.$/, "")}.`;
  const tail = blocked
    ? "Your organisation requires a successful check for these recipients, so the message was not sent. Select Review for details."
    : "The message may travel without encryption. Send anyway, or select Review for details.";
  return fitBody(head, [], tail);
}

/** Head and tail always survive; domain lines fill the space between, then "and N more". */
function fitBody(head: string, lines: string[], tail: string): string {
  const budget = DIALOG_LIMIT - head.length - tail.length - 2;
  const kept: string[] = [];
  let used = 0;
  for (let i = 0; i < lines.length; i++) {
    const more = lines.length - i - 1;
    const reserve = more > 0 ? ` And ${more} more.`.length + 1 : 0;
    const line = fitText(lines[i], Math.max(40, budget - used - reserve - 1));
    if (used + line.length + 1 + reserve > budget) {
      kept.push(`And ${lines.length - i} more.`);
      break;
    }
    kept.push(line);
    used += line.length + 1;
  }
  return fitText([head, ...kept, tail].join(" "), DIALOG_LIMIT);
}
