// Event-based activation entry point. Classic Outlook on Windows loads this one bundled file in a
// JavaScript-only runtime: no DOM, no Office.onReady, ES2016 — so no top-level awaits or imports
// survive the build, and the handlers are associated at the top level below.
import { handleMessageSend, type SendCompletedOptions } from "./message-send";
import { handleRecipientsChanged } from "./recipients-changed";
import { completeOnce, type CompletableEvent } from "./completion";
import { officeHandlerContext } from "./office-context";

export function onRecipientsChanged(event: CompletableEvent<unknown>): void {
  let ctx;
  try {
    ctx = officeHandlerContext();
  } catch {
    event.completed();
    return;
  }
  void handleRecipientsChanged(event, ctx);
}

export function onMessageSend(event: CompletableEvent<SendCompletedOptions>): void {
  let ctx;
  try {
    ctx = officeHandlerContext();
  } catch (e) {
    // No context means no check: SoftBlock must still end the event; say why and let the manifest mode apply.
    completeOnce(event).complete({ allowEvent: false, errorMessage: `TLS Preflight could not start: ${e instanceof Error ? e.message : String(e)}` });
    return;
  }
  void handleMessageSend(event, ctx);
}

// Manifest FunctionName → function. Without this a SoftBlock add-in blocks every send.
Office.actions.associate("onRecipientsChanged", onRecipientsChanged);
Office.actions.associate("onMessageSend", onMessageSend);
