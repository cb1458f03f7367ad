// OnMessageSend (Smart Alerts): decide from what is known, fetch only what is missing with a short
// deadline, and end in exactly one event.completed whatever happens. The dialog's words are the service's;
// the add-in words only what it must say when the service cannot answer.
import type { Action, AssessmentResponse, DomainResult, FailMode, ShownDecision } from "../shared/api-types";
import { TASKPANE_COMMAND_ID } from "../shared/config";
import { decisionWithoutAnswer, failModeDecision, strictest } from "../shared/decision";
import { loadState, mergeResults, saveState, textsFor, type MessageTexts } from "../shared/message-state";
import { getAllRecipients } from "../shared/office-async";
import {
  failureReason,
  fitText,
  DIALOG_LIMIT,
  isRefusal,
  offlineWords,
  refusalReason,
  refusedDialogText,
  unreachableDialogText,
  type Language,
} from "../shared/offline-text";
import { recipientSet } from "../shared/recipients";
import { completeOnce, type CompletableEvent } from "./completion";
import { DEFAULT_FAIL_MODE, SEND_DEADLINE_MS, SEND_WATCHDOG_MS, type HandlerContext } from "./handler-context";

const MAX_RECIPIENTS = 500;

export interface SendCompletedOptions {
  allowEvent: boolean;
  errorMessage?: string;
  cancelLabel?: string;
  commandId?: string;
  sendModeOverride?: string;
}

/** The decision and the words for it, before it is shaped for the client's requirement set. */
export interface SendOutcome {
  decision: Action;
  message: string;
}

/** The service's decision and its dialog text (≤ 500 characters; the cut is a guard). */
export function outcomeFromAnswer(answer: Pick<AssessmentResponse, "decision" | "message">): SendOutcome {
  return { decision: answer.decision, message: answer.decision === "allow" ? "" : fitText(answer.message, DIALOG_LIMIT) };
}

/** The audit entry for a decision made from known results: the decision shown and the result times it used. */
export function shownDecision(recipients: string[], outcome: SendOutcome, policyVersion: number | null, results: DomainResult[]): ShownDecision {
  return {
    recipients,
    decision: outcome.decision,
    policyVersion: policyVersion ?? 0,
    domains: results.map((r) => ({
      domain: r.domain,
      level: r.level,
      requiredLevel: r.requiredLevel,
      action: r.action,
      decision: r.decision,
      internal: r.internal,
      findings: r.findings.map((f) => f.code),
      checkedAt: r.checkedAt,
    })),
  };
}

export function outcomeWhenUnreachable(failMode: FailMode, reason: string, language: Language): SendOutcome {
  return { decision: failModeDecision(failMode), message: unreachableDialogText(failMode, reason, language) };
}

/**
 * The service gave no decision for the missing domains: what the sender already saw for the known ones stands
 * (a block stays a block, in the service's words for it), the rest is decided by decisionWithoutAnswer (decision.ts).
 */
export function outcomeWithoutAnswer(known: DomainResult[], texts: MessageTexts | null, failMode: FailMode, error: unknown, language: Language): SendOutcome {
  const refused = isRefusal(error);
  const decision = decisionWithoutAnswer(known, failMode, refused);
  if (strictest(known.map((r) => r.decision)) === "block") return { decision: "block", message: knownBlockText(known, texts) };
  if (refused) return { decision, message: refusedDialogText(decision === "block", refusalReason(error, language), language) };
  return { decision, message: unreachableDialogText(failMode, failureReason(error, language), language) };
}

/** The service's dialog for the known domains when it spoke of every blocked one, else its own words per blocked domain. */
function knownBlockText(known: DomainResult[], texts: MessageTexts | null): string {
  const blocked = known.filter((r) => r.decision === "block");
  if (texts && texts.message && blocked.every((r) => texts.domains.indexOf(r.domain) >= 0)) return fitText(texts.message, DIALOG_LIMIT);
  return fitText(blocked.map((r) => `${r.domain}: ${r.decisionText}. ${r.reason}`.trim()).join(" "), DIALOG_LIMIT);
}

/**
 * Mailbox 1.12 has allowEvent and errorMessage; cancelLabel, commandId and sendModeOverride need 1.14.
 * Without 1.14 a warning cannot offer "Send Anyway" under SoftBlock, so it lets the message go:
 * the notification bar has already told the sender.
 */
export function completedOptions(outcome: SendOutcome, ctx: Pick<HandlerContext, "supportsMailbox" | "promptUser" | "language">): SendCompletedOptions {
  if (outcome.decision === "allow") return { allowEvent: true };
  const v114 = ctx.supportsMailbox("1.14");
  if (outcome.decision === "warn" && !v114) return { allowEvent: true };
  const options: SendCompletedOptions = { allowEvent: false, errorMessage: outcome.message };
  if (v114) {
    options.cancelLabel = offlineWords(ctx.language).cancelLabel;
    options.commandId = TASKPANE_COMMAND_ID;
    if (outcome.decision === "warn") options.sendModeOverride = ctx.promptUser;
  }
  return options;
}

export async function handleMessageSend(event: CompletableEvent<SendCompletedOptions>, ctx: HandlerContext): Promise<void> {
  const completion = completeOnce(event);
  const finish = (outcome: SendOutcome) => completion.complete(completedOptions(outcome, ctx));
  const failSafely = async (reason: string) => {
    const mode = (await ctx.failModes.lastSeen().catch(() => null)) ?? DEFAULT_FAIL_MODE;
    finish(outcomeWhenUnreachable(mode, reason, ctx.language));
  };
  const watchdog = setTimeout(() => void failSafely(failureReason("too-long", ctx.language)), SEND_WATCHDOG_MS);
  try {
    const { addresses, domains } = recipientSet(await getAllRecipients(ctx.item));
    // The API takes at most 500 recipients (API.md); Outlook allows 1,000, so large sends go by domain.
    const recipients = addresses.length <= MAX_RECIPIENTS ? addresses : domains;
    if (domains.length === 0) {
      completion.complete({ allowEvent: true });
      return;
    }
    let state = await loadState(ctx.item);
    const texts = textsFor(state, domains);
    if (texts) {
      // Known already: decide now and leave the audit entry (what was shown, not a new decision) to a request that outlives the event.
      const known = domains.map((d) => state.results[d]!);
      const outcome = outcomeFromAnswer({ decision: strictest(known.map((r) => r.decision)), message: texts.message });
      finish(outcome);
      ctx.api.record(shownDecision(recipients, outcome, state.policyVersion, known));
      return;
    }
    try {
      const answer = await ctx.api.assess(recipients, "send", SEND_DEADLINE_MS);
      state = mergeResults(state, answer);
      finish(outcomeFromAnswer(answer));
      await Promise.all([saveState(ctx.item, state, domains), ctx.failModes.remember(answer.failMode)]).catch(() => undefined);
    } catch (e) {
      const mode = state.failMode ?? (await ctx.failModes.lastSeen().catch(() => null)) ?? DEFAULT_FAIL_MODE;
      const known = domains.map((d) => state.results[d]).filter((r): r is DomainResult => r !== undefined);
      finish(outcomeWithoutAnswer(known, state.texts, mode, e, ctx.language));
    }
  } catch (e) {
    await failSafely(failureReason(e, ctx.language));
  } finally {
    clearTimeout(watchdog);
  }
}
