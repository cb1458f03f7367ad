// OnMessageRecipientsChanged: when the message's domains change, ask the service about them in one batched
// preview call (it answers known domains from its cache), remember the answer for this message, and show
// the service's notification text in the one notification bar.
import { loadState, mergeResults, saveState, textsFor } from "../shared/message-state";
import { clearNotification, showCheckFailed, showChecking, showResults } from "../shared/notification";
import { getAllRecipients } from "../shared/office-async";
import { failureReason } from "../shared/offline-text";
import { recipientSet } from "../shared/recipients";
import { completeOnce, type CompletableEvent } from "./completion";
import { PREVIEW_DEADLINE_MS, RECIPIENTS_WATCHDOG_MS, type HandlerContext } from "./handler-context";

export async function handleRecipientsChanged(event: CompletableEvent<unknown>, ctx: HandlerContext): Promise<void> {
  const completion = completeOnce(event);
  const watchdog = setTimeout(() => completion.complete(), RECIPIENTS_WATCHDOG_MS);
  try {
    const { domains } = recipientSet(await getAllRecipients(ctx.item));
    let state = await loadState(ctx.item);
    if (domains.length === 0) {
      await clearNotification(ctx.item);
      await saveState(ctx.item, state, domains);
      return;
    }
    let texts = textsFor(state, domains);
    if (!texts) {
      const missing = domains.filter((d) => !state.results[d]);
      if (missing.length > 0) await showChecking(ctx.item, missing, ctx.language).catch(() => undefined);
      try {
        const answer = await ctx.api.assess(domains, "preview", PREVIEW_DEADLINE_MS);
        state = mergeResults(state, answer);
        texts = state.texts;
        await ctx.failModes.remember(answer.failMode).catch(() => undefined);
      } catch (e) {
        await showCheckFailed(ctx.item, failureReason(e, ctx.language), ctx.language);
        return;
      }
    }
    await saveState(ctx.item, state, domains);
    if (texts) await showResults(ctx.item, texts.notification);
  } catch (e) {
    // An Office call failed; the send handler re-checks whatever is missing.
    console.warn("TLS Preflight: recipients check stopped:", e);
  } finally {
    clearTimeout(watchdog);
    completion.complete();
  }
}
