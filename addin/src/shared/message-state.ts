// What the add-in knows about the message being written, kept in Office.sessionData so the
// launch-event runtime and the task pane share it (Mailbox 1.11; ≤ 50,000 characters up to 1.15).
import type { DomainResult, FailMode, ProtectingLabel } from "./api-types";
import { readSessionData, writeSessionData, type ComposeItem } from "./office-async";

export const SESSION_KEY = "tlsPreflight";
const SESSION_LIMIT = 50_000;

export interface MessageState {
  /** The tenant's fail mode in the last answer, for when the service cannot be reached. */
  failMode: FailMode | null;
  policyVersion: number | null;
  results: Record<string, DomainResult>;
  /** The tenant's labels that protect content, from the last answer. */
  protectingLabels?: ProtectingLabel[];
}

export function emptyState(): MessageState {
  return { failMode: null, policyVersion: null, results: {} };
}

export async function loadState(item: ComposeItem): Promise<MessageState> {
  const text = await readSessionData(item, SESSION_KEY);
  if (!text) return emptyState();
  try {
    const parsed = JSON.parse(text) as Partial<MessageState>;
    return {
      failMode: parsed.failMode === "open" || parsed.failMode === "safe" ? parsed.failMode : null,
      policyVersion: typeof parsed.policyVersion === "number" ? parsed.policyVersion : null,
      results: parsed.results && typeof parsed.results === "object" ? parsed.results : {},
      protectingLabels: Array.isArray(parsed.protectingLabels) ? parsed.protectingLabels : [],
    };
  } catch {
    return emptyState(); // unreadable state is re-fetched, never trusted
  }
}

// Object.assign, not object spread: esbuild lowers spread for ES2016 with Object.getOwnPropertyDescriptors,
// an ES2017 built-in the classic Windows runtime may lack.

/** Keeps only the domains still on the message; drops finding texts first if the limit is near. */
export async function saveState(item: ComposeItem, state: MessageState, domains: string[]): Promise<void> {
  const results: Record<string, DomainResult> = {};
  for (const d of domains) if (state.results[d]) results[d] = state.results[d];
  let text = JSON.stringify(Object.assign({}, state, { results }));
  if (text.length > SESSION_LIMIT) {
    for (const d of Object.keys(results)) results[d] = Object.assign({}, results[d], { findings: [] });
    text = JSON.stringify(Object.assign({}, state, { results }));
  }
  if (text.length > SESSION_LIMIT) text = JSON.stringify(Object.assign({}, state, { results: {} }));
  await writeSessionData(item, SESSION_KEY, text).catch(() => undefined);
}

export function mergeResults(
  state: MessageState,
  answer: { failMode: FailMode; policyVersion: number; domains: DomainResult[]; protectingLabels?: ProtectingLabel[] },
): MessageState {
  const results: Record<string, DomainResult> = Object.assign({}, state.results);
  for (const d of answer.domains) results[d.domain] = d;
  return { failMode: answer.failMode, policyVersion: answer.policyVersion, results, protectingLabels: answer.protectingLabels ?? state.protectingLabels ?? [] };
}

export function missingDomains(state: MessageState, domains: string[]): string[] {
  return domains.filter((d) => !state.results[d]);
}
