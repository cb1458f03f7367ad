// OnMessageSend (Smart Alerts): decide from what is known, fetch only what is missing with a short
// deadline, and end in exactly one event.completed whatever happens. The dialog's words are the service's;
// the add-in words only what it must say when the service cannot answer.
import type { Action, AssessmentResponse, FailMode } from "../shared/api-types";
import { TASKPANE_COMMAND_ID } from "../shared/config";
import { failModeDecision, strictest } from "../shared/decision";
import { loadState, mergeResults, saveState, textsFor } from "../shared/message-state";
import { getAllRecipients } from "../shared/office-async";
import { failureReason, fitText, DIALOG_LIMIT, offlineWords, unreachableDialogText, type Language } from "../shared/offline-text";
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

export function outcomeWhenUnreachable(failMode: FailMode, reason: string, language: Language): SendOutcome {
  return { decision: failModeDecision(failMode), message: unreachableDialogText(failMode, reason, language) };
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
      // Known already: decide now and leave the audit entry to a request that outlives the event.
      const known = state.results;
      finish(outcomeFromAnswer({ decision: strictest(domains.map((d) => known[d]!.decision)), message: texts.message }));
      ctx.api.record(recipients);
      return;
    }
    try {
      const answer = await ctx.api.assess(recipients, "send", SEND_DEADLINE_MS);
      state = mergeResults(state, answer);
      finish(outcomeFromAnswer(answer));
      await Promise.all([saveState(ctx.item, state, domains), ctx.failModes.remember(answer.failMode)]).catch(() => undefined);
    } catch (e) {
      const mode = state.failMode ?? (await ctx.failModes.lastSeen().catch(() => null)) ?? DEFAULT_FAIL_MODE;
      finish(outcomeWhenUnreachable(mode, failureReason(e, ctx.language), ctx.language));
    }
  } catch (e) {
    await failSafely(failureReason(e, ctx.language));
  } finally {
    clearTimeout(watchdog);
  }
}
