// The ways forward under a stopped domain's row: "Encrypt with <label> and send", "Request an exception",
// "Tell their IT". Each is shown only where it applies.
import type { WaysForwardApi } from "../shared/api-client";
import type { DomainResult, ProtectingLabel } from "../shared/api-types";
import { LEVELS } from "../shared/api-types";
import { applyLabel, requestStatusText, tellTheirIt, type WaysForwardOffice } from "../shared/ways-forward";
import { failureReason, fill, type Language, type OfflineWords } from "../shared/offline-text";
import { el } from "./dom";

const CALL_DEADLINE_MS = 15_000;
const MAX_REASON = 500;

export interface WaysForwardEnv {
  office: WaysForwardOffice;
  api: WaysForwardApi;
  /** The label this mailbox can apply, or null (option hidden). */
  label: ProtectingLabel | null;
  /** The task pane's own words (offline-text.ts), in Office's language. */
  words: OfflineWords;
  language: Language;
}

function belowVerified(result: DomainResult): boolean {
  return result.level !== null && result.level !== "unknown" && result.level !== "no-mail" && LEVELS.indexOf(result.level) < LEVELS.indexOf("verified");
}

export function waysForwardRow(result: DomainResult, env: WaysForwardEnv): HTMLElement | null {
  if (result.internal) return null;
  const stopped = result.decision !== "allow";
  const canTell = belowVerified(result) && !!env.office.displayNewMessageForm;
  const request = result.exceptionRequest ?? null;
  if (!stopped && !canTell && !request) return null;

  const w = env.words;
  const status = el("p", { class: "way-status", role: "status" }, request ? requestStatusText(request, w) : "");
  const actions = el("div", { class: "ways" });

  if (stopped && env.label) {
    const label = env.label;
    const button = el("button", { type: "button", class: "button primary", "data-way": "label" }, fill(w.waysLabel, { label: label.name }));
    button.addEventListener("click", () => {
      button.disabled = true;
      applyLabel(env.office, label).then(
        () => (status.textContent = fill(w.waysLabelApplied, { label: label.name })),
        (e) => {
          button.disabled = false;
          status.textContent = fill(w.waysLabelFailed, { reason: failureReason(e, env.language) });
        },
      );
    });
    actions.append(button);
  }

  if (result.decision === "block" && request?.status !== "pending" && request?.status !== "approved") {
    const reason = el("textarea", { id: `reason-${result.domain}`, maxlength: String(MAX_REASON), rows: "3", required: "" });
    const send = el("button", { type: "submit", class: "button" }, w.waysSendRequest);
    const form = el(
      "form",
      { class: "request-form", hidden: "" },
      el("label", { for: `reason-${result.domain}` }, w.waysReasonPrompt),
      reason,
      send,
    );
    const open = el("button", { type: "button", class: "button", "data-way": "request" }, w.waysRequest);
    open.addEventListener("click", () => {
      form.hidden = false;
      open.hidden = true;
      reason.focus();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const text = reason.value.trim();
      if (text.length === 0) return void (status.textContent = w.waysReasonMissing);
      send.disabled = true;
      env.api.requestException(result.domain, text.slice(0, MAX_REASON), CALL_DEADLINE_MS).then(
        (answer) => {
          form.hidden = true;
          status.textContent = requestStatusText(answer, w);
        },
        (e) => {
          send.disabled = false;
          status.textContent = fill(w.waysRequestFailed, { reason: failureReason(e, env.language) });
        },
      );
    });
    actions.append(open, form);
  }

  if (canTell) {
    const tell = el("button", { type: "button", class: "button subtle", "data-way": "tell" }, w.waysTell);
    tell.addEventListener("click", () => {
      tell.disabled = true;
      env.api.partnerNote(result.domain, CALL_DEADLINE_MS).then(
        (note) => {
          tell.disabled = false;
          if (!tellTheirIt(env.office, note)) status.textContent = w.waysTellUnsupported;
        },
        (e) => {
          tell.disabled = false;
          status.textContent = fill(w.waysTellFailed, { reason: failureReason(e, env.language) });
        },
      );
    });
    actions.append(tell);
  }

  return el("section", { class: "ways-forward", "aria-label": fill(w.waysFor, { domain: result.domain }) }, actions, status);
}
