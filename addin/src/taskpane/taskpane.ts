// The task pane: per-domain detail, the policy decision and why, and a re-check button.
import { createApiClient, type AssessmentApi } from "../shared/api-client";
import type { DomainResult } from "../shared/api-types";
import { SignInRequired } from "../shared/auth";
import { serviceBaseUrl } from "../shared/config";
import { strictest } from "../shared/decision";
import { loadState, mergeResults, saveState, textsFor, type MessageState, type MessageTexts } from "../shared/message-state";
import { failureReason, languageOf, offlineWords, type Language, type OfflineWords } from "../shared/offline-text";
import { showResults } from "../shared/notification";
import { getAllRecipients, type ComposeItem } from "../shared/office-async";
import { recipientSet } from "../shared/recipients";
import { officeTokens } from "../launchevent/office-context";
import { domainRow } from "./domain-row";
import { el } from "./dom";
import { mxDetails } from "./mx-details";
import { applyOfficeTheme } from "./theme";

const PANE_DEADLINE_MS = 30_000;

interface Pane {
  item: ComposeItem;
  api: AssessmentApi;
  interactiveApi: AssessmentApi;
  language: Language;
  words: OfflineWords;
}

function byId<T extends HTMLElement>(id: string): T {
  return document.getElementById(id) as T;
}

function showSummary(decision: "allow" | "warn" | "block" | null, title: string, text = ""): void {
  const summary = byId<HTMLElement>("summary");
  if (decision) summary.dataset.decision = decision;
  else delete summary.dataset.decision;
  const lines = [el("p", { class: "summary-title" }, title)];
  if (text) lines.push(el("p", { class: "summary-text" }, text));
  summary.replaceChildren(...lines);
}

/** The service's words for the message: its headline and summary, and each domain's row. */
function render(pane: Pane, results: DomainResult[], texts: MessageTexts | null): void {
  const list = byId<HTMLUListElement>("domains");
  const details = (domain: string) => mxDetails(domain, (d) => pane.api.domainDetail(d, false, PANE_DEADLINE_MS), pane.words);
  list.replaceChildren(...results.map((r) => domainRow(r, details(r.domain), pane.words)));
  if (results.length === 0) {
    showSummary(null, pane.words.noRecipients, pane.words.noRecipientsHint);
    return;
  }
  if (texts) showSummary(strictest(results.map((r) => r.decision)), texts.headline, texts.summary);
}

/** The pane's own labels, in Office's language (the service's words arrive with the answer). */
function applyWords(words: OfflineWords, language: Language): void {
  document.documentElement.lang = language;
  document.querySelectorAll<HTMLElement>("[data-words]").forEach((e) => {
    e.textContent = words[e.dataset.words as keyof OfflineWords] ?? e.textContent;
  });
  document.querySelectorAll<HTMLElement>("[data-words-label]").forEach((e) => {
    e.setAttribute("aria-label", words[e.dataset.wordsLabel as keyof OfflineWords] ?? "");
  });
}

async function refresh(pane: Pane, force: boolean, interactive = false): Promise<void> {
  const api = interactive ? pane.interactiveApi : pane.api;
  const button = byId<HTMLButtonElement>("recheck");
  button.disabled = true;
  try {
    const { domains } = recipientSet(await getAllRecipients(pane.item));
    let state: MessageState = await loadState(pane.item);
    const known = domains.map((d) => state.results[d]).filter((r) => r !== undefined);
    render(pane, known, textsFor(state, domains));
    // The service's words must be for this pane's language and for exactly these domains.
    const current = textsFor(state, domains);
    if (domains.length > 0 && (force || !current || languageOf(current.language) !== pane.language)) {
      const missing = force ? domains : domains.filter((d) => !state.results[d]);
      showSummary(null, force ? pane.words.checkingAgainTitle : pane.words.checkingTitle, (missing.length > 0 ? missing : domains).join(", "));
      if (force) {
        // Bypass the service's cache for each domain first, then ask for the policy's view.
        await Promise.all(domains.map((d) => api.domainDetail(d, true, PANE_DEADLINE_MS).catch(() => undefined)));
      }
      const answer = await api.assess(domains, "preview", PANE_DEADLINE_MS);
      state = mergeResults(state, answer);
      await saveState(pane.item, state, domains);
    }
    const results = domains.map((d) => state.results[d]).filter((r) => r !== undefined);
    const texts = textsFor(state, domains);
    render(pane, results, texts);
    if (results.length > 0 && texts) await showResults(pane.item, texts.notification).catch(() => undefined);
    byId<HTMLElement>("signin").hidden = true;
  } catch (e) {
    if (e instanceof SignInRequired || (e as { failure?: string }).failure === "auth") byId<HTMLElement>("signin").hidden = false;
    showSummary(null, pane.words.checkIncomplete, failureReason(e, pane.language));
  } finally {
    button.disabled = false;
  }
}

function start(): void {
  applyOfficeTheme(document.documentElement, Office.context.officeTheme);
  const item = Office.context.mailbox.item as unknown as ComposeItem;
  const baseUrl = serviceBaseUrl();
  const tokens = officeTokens(baseUrl);
  const displayLanguage = Office.context.displayLanguage;
  const language = languageOf(displayLanguage);
  const pane: Pane = {
    item,
    api: createApiClient(baseUrl, () => tokens({ interactive: false }), undefined, displayLanguage),
    interactiveApi: createApiClient(baseUrl, () => tokens({ interactive: true }), undefined, displayLanguage),
    language,
    words: offlineWords(language),
  };
  applyWords(pane.words, language);
  byId<HTMLButtonElement>("recheck").addEventListener("click", () => void refresh(pane, true));
  byId<HTMLButtonElement>("signin-button").addEventListener("click", () => void refresh(pane, false, true));
  const mailItem = Office.context.mailbox.item as unknown as { addHandlerAsync?: (t: Office.EventType, h: () => void) => void };
  mailItem.addHandlerAsync?.(Office.EventType.RecipientsChanged, () => void refresh(pane, false));
  Office.context.mailbox.addHandlerAsync?.(Office.EventType.OfficeThemeChanged, () => applyOfficeTheme(document.documentElement, Office.context.officeTheme));
  void refresh(pane, false);
}

Office.onReady(() => start());
