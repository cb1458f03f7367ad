// OnMessageRecipientsChanged: assess new domains in one batched preview call, remember the results
// for this message, and update the one notification bar.
import { errorText } from "../shared/api-client";
import { loadState, mergeResults, missingDomains, saveState } from "../shared/message-state";
import { clearNotification, showCheckFailed, showChecking, showResults } from "../shared/notification";
import { getAllRecipients } from "../shared/office-async";
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
    const missing = missingDomains(state, domains);
    if (missing.length > 0) {
      await showChecking(ctx.item, missing).catch(() => undefined);
      try {
        const answer = await ctx.api.assess(missing, "preview", PREVIEW_DEADLINE_MS);
        state = mergeResults(state, answer);
        await ctx.failModes.remember(answer.failMode).catch(() => undefined);
      } catch (e) {
        await showCheckFailed(ctx.item, errorText(e));
        return;
      }
    }
    await saveState(ctx.item, state, domains);
    await showResults(ctx.item, domains.map((d) => state.results[d]).filter((r) => r !== undefined));
  } catch (e) {
    // An Office call failed; the send handler re-checks whatever is missing.
    console.warn("TLS Preflight: recipients check stopped:", e);
  } finally {
    clearTimeout(watchdog);
    completion.complete();
  }
}
