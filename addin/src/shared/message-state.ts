// What the add-in knows about the message being written, kept in Office.sessionData so the
// launch-event runtime and the task pane share it (Mailbox 1.11; ≤ 50,000 characters up to 1.15).
import type { AssessmentResponse, DomainResult, FailMode } from "./api-types";
import { readSessionData, writeSessionData, type ComposeItem } from "./office-async";

export const SESSION_KEY = "tlsPreflight";
const SESSION_LIMIT = 50_000;

/** The service's sentences for the whole message, and the exact set of domains they speak of. */
export interface MessageTexts {
  domains: string[];
  language: string;
  headline: string;
  summary: string;
  notification: string;
  message: string;
}

export interface MessageState {
  /** The tenant's fail mode in the last answer, for when the service cannot be reached. */
  failMode: FailMode | null;
  policyVersion: number | null;
  results: Record<string, DomainResult>;
  texts: MessageTexts | null;
}

export function emptyState(): MessageState {
  return { failMode: null, policyVersion: null, results: {}, texts: null };
}

export async function loadState(item: ComposeItem): Promise<MessageState> {
  const text = await readSessionData(item, SESSION_KEY);
  if (!text) return emptyState();
  try {
    const parsed = JSON.parse(text) as Partial<MessageState>;
    const texts = parsed.texts;
    return {
      failMode: parsed.failMode === "open" || parsed.failMode === "safe" ? parsed.failMode : null,
      policyVersion: typeof parsed.policyVersion === "number" ? parsed.policyVersion : null,
      results: parsed.results && typeof parsed.results === "object" ? parsed.results : {},
      texts: texts && Array.isArray(texts.domains) && typeof texts.message === "string" && typeof texts.notification === "string" ? texts : null,
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
  if (text.length > SESSION_LIMIT) text = JSON.stringify(Object.assign({}, state, { results: {}, texts: null }));
  await writeSessionData(item, SESSION_KEY, text).catch(() => undefined);
}

/** The answer's results join the known ones; its sentences replace the old, for the domains it was asked about. */
export function mergeResults(state: MessageState, answer: AssessmentResponse): MessageState {
  const results: Record<string, DomainResult> = Object.assign({}, state.results);
  for (const d of answer.domains) results[d.domain] = d;
  const texts: MessageTexts = {
    domains: sameSet(answer.domains.map((d) => d.domain)),
    language: answer.language,
    headline: answer.headline,
    summary: answer.summary,
    notification: answer.notification,
    message: answer.message,
  };
  return { failMode: answer.failMode, policyVersion: answer.policyVersion, results, texts };
}

/**
 * The service's sentences speak of a set of domains: when the message's set differs (a recipient added or
 * removed), the add-in asks again for the whole set, which the service answers from its cache for the known ones.
 */
export function textsFor(state: MessageState, domains: string[]): MessageTexts | null {
  if (!state.texts || domains.some((d) => !state.results[d])) return null;
  const have = state.texts.domains;
  const want = sameSet(domains);
  return have.length === want.length && have.every((d, i) => d === want[i]) ? state.texts : null;
}

function sameSet(domains: string[]): string[] {
  return domains.filter((d, i) => domains.indexOf(d) === i).sort();
}
