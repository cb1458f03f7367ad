// The task pane: per-domain detail, the policy decision and why, and a re-check button.
import { createApiClient, errorText, type AssessmentApi, type WaysForwardApi } from "../shared/api-client";
import type { DomainResult, ProtectingLabel } from "../shared/api-types";
import { SignInRequired } from "../shared/auth";
import { serviceBaseUrl } from "../shared/config";
import { strictest } from "../shared/decision";
import { DECISION_WORDS } from "../shared/level-words";
import { loadState, mergeResults, missingDomains, saveState, type MessageState } from "../shared/message-state";
import { notificationText } from "../shared/message-text";
import { showResults } from "../shared/notification";
import { getAllRecipients, type ComposeItem } from "../shared/office-async";
import { recipientSet } from "../shared/recipients";
import { officeTokens } from "../launchevent/office-context";
import { domainRow } from "./domain-row";
import { el } from "./dom";
import { mxDetails } from "./mx-details";
import { applyOfficeTheme } from "./theme";
import { domainFromContext, offerableLabel, type LabelCatalogLike, type WaysForwardOffice } from "../shared/ways-forward";
import { waysForwardRow } from "./ways-forward-row";

const PANE_DEADLINE_MS = 30_000;

interface Pane {
  item: ComposeItem;
  api: AssessmentApi & WaysForwardApi;
  interactiveApi: AssessmentApi;
  office: WaysForwardOffice;
  /** The label this mailbox can apply (checked once the tenant's labels are known). */
  label: ProtectingLabel | null;
  /** The domain the Smart Alerts dialog opened the pane at. */
  focusDomain: string | null;
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

function render(pane: Pane, results: DomainResult[]): void {
  const list = byId<HTMLUListElement>("domains");
  list.replaceChildren(
    ...results.map((r) => {
      const row = domainRow(r, mxDetails(r.domain, (d) => pane.api.domainDetail(d, false, PANE_DEADLINE_MS)));
      const ways = waysForwardRow(r, { office: pane.office, api: pane.api, label: pane.label });
      if (ways) row.append(ways);
      return row;
    }),
  );
  const focus = pane.focusDomain ? list.querySelector<HTMLElement>(`li[data-domain="${CSS.escape(pane.focusDomain)}"]`) : null;
  if (focus) {
    focus.classList.add("focused");
    focus.scrollIntoView({ block: "start" });
  }
  if (results.length === 0) {
    showSummary(null, "No external recipients yet.", "Add recipients to see how mail to them will travel.");
    return;
  }
  const decision = strictest(results.map((r) => r.decision));
  const line = notificationText(results).replace(/^TLS Preflight: /, "");
  showSummary(decision, DECISION_WORDS[decision] + ".", line.charAt(0).toUpperCase() + line.slice(1));
}

async function refresh(pane: Pane, force: boolean, interactive = false): Promise<void> {
  const api = interactive ? pane.interactiveApi : pane.api;
  const button = byId<HTMLButtonElement>("recheck");
  button.disabled = true;
  try {
    const { domains } = recipientSet(await getAllRecipients(pane.item));
    let state: MessageState = await loadState(pane.item);
    const known = domains.map((d) => state.results[d]).filter((r) => r !== undefined);
    render(pane, known);
    const missing = force ? domains : missingDomains(state, domains);
    if (missing.length > 0) {
      showSummary(null, force ? "Checking again…" : "Checking…", missing.join(", "));
      if (force) {
        // Bypass the service's cache for each domain first, then ask for the policy's view.
        await Promise.all(missing.map((d) => api.domainDetail(d, true, PANE_DEADLINE_MS).catch(() => undefined)));
      }
      const answer = await api.assess(missing, "preview", PANE_DEADLINE_MS);
      state = mergeResults(state, answer);
      await saveState(pane.item, state, domains);
    }
    const results = domains.map((d) => state.results[d]).filter((r) => r !== undefined);
    pane.label = await offerableLabel(pane.office, state.protectingLabels ?? []).catch(() => null);
    render(pane, results);
    if (results.length > 0) await showResults(pane.item, results).catch(() => undefined);
    byId<HTMLElement>("signin").hidden = true;
  } catch (e) {
    if (e instanceof SignInRequired || (e as { failure?: string }).failure === "auth") byId<HTMLElement>("signin").hidden = false;
    showSummary(null, "The check could not be completed.", errorText(e));
  } finally {
    button.disabled = false;
  }
}

function start(): void {
  applyOfficeTheme(document.documentElement, Office.context.officeTheme);
  const item = Office.context.mailbox.item as unknown as ComposeItem;
  const baseUrl = serviceBaseUrl();
  const tokens = officeTokens(baseUrl);
  const mailbox = Office.context.mailbox as unknown as { displayNewMessageForm?: WaysForwardOffice["displayNewMessageForm"] };
  const pane: Pane = {
    item,
    api: createApiClient(baseUrl, () => tokens({ interactive: false })),
    interactiveApi: createApiClient(baseUrl, () => tokens({ interactive: true })),
    office: {
      item,
      catalog: (Office.context as unknown as { sensitivityLabelsCatalog?: LabelCatalogLike }).sensitivityLabelsCatalog,
      supportsMailbox: (version) => Office.context.requirements.isSetSupported("Mailbox", version),
      displayNewMessageForm: mailbox.displayNewMessageForm ? (p) => mailbox.displayNewMessageForm!.call(Office.context.mailbox, p) : undefined,
    },
    label: null,
    focusDomain: null,
  };
  // Opened by the Smart Alerts button: contextData names the stopped domain (Mailbox 1.14).
  const initial = Office.context.mailbox.item as unknown as { getInitializationContextAsync?: (cb: (r: Office.AsyncResult<string>) => void) => void };
  initial.getInitializationContextAsync?.((r) => {
    pane.focusDomain = domainFromContext((r.status as unknown as string) === "succeeded" ? r.value : null);
  });
  byId<HTMLButtonElement>("recheck").addEventListener("click", () => void refresh(pane, true));
  byId<HTMLButtonElement>("signin-button").addEventListener("click", () => void refresh(pane, false, true));
  const mailItem = Office.context.mailbox.item as unknown as { addHandlerAsync?: (t: Office.EventType, h: () => void) => void };
  mailItem.addHandlerAsync?.(Office.EventType.RecipientsChanged, () => void refresh(pane, false));
  Office.context.mailbox.addHandlerAsync?.(Office.EventType.OfficeThemeChanged, () => applyOfficeTheme(document.documentElement, Office.context.officeTheme));
  void refresh(pane, false);
}

Office.onReady(() => start());
