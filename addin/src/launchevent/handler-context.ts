// What the handlers need from their surroundings, passed in so tests can give a shim instead of Office.
import type { AssessmentApi } from "../shared/api-client";
import type { FailMode } from "../shared/api-types";
import type { ComposeItem } from "../shared/office-async";
import type { Language } from "../shared/offline-text";

export interface FailModeMemory {
  /** The tenant's fail mode as last seen on any message, or null when never seen. */
  lastSeen(): Promise<FailMode | null>;
  remember(mode: FailMode): Promise<void>;
}

export interface HandlerContext {
  item: ComposeItem;
  api: AssessmentApi;
  /** Office.context.requirements.isSetSupported("Mailbox", version). */
  supportsMailbox(version: string): boolean;
  failModes: FailModeMemory;
  /** Office.MailboxEnums.SendModeOverride.PromptUser */
  promptUser: string;
  /** Office's display language, for the few texts the add-in says itself (the service answers in it too). */
  language: Language;
}

/** Recipients changed: the preview may wait for a first probe of an unknown domain. */
export const PREVIEW_DEADLINE_MS = 25_000;
/** Send: Outlook shows its own dialog after ~5 s, so missing domains get about 3 s (issue 4). */
export const SEND_DEADLINE_MS = 3_000;
/** A last guard for Office calls that never call back. */
export const SEND_WATCHDOG_MS = 4_500;
export const RECIPIENTS_WATCHDOG_MS = 28_000;
/** Never seen the tenant's choice: delivery first, the product's default. */
export const DEFAULT_FAIL_MODE: FailMode = "open";
