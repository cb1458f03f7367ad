// One row per recipient domain: level by icon, colour and words; the decision and why; findings.
import type { DomainResult } from "../shared/api-types";
import { DECISION_WORDS, INTERNAL_WORDS, LEVEL_WORDS } from "../shared/level-words";
import { el } from "./dom";

export function levelClass(result: DomainResult): string {
  return result.internal || result.level === null ? "level-internal" : `level-${result.level}`;
}

function ruleWords(rule: string | null): string {
  if (!rule) return "";
  return rule === "default" ? " (default rule)" : ` (forced TLS rule ${rule})`;
}

/** "The certificate is not trusted (mx.example.com: self-signed certificate)." */
function findingLine(text: string, host: string | null, detail: string | null): string {
  const parts = [host, detail].filter((p): p is string => !!p);
  return parts.length > 0 ? `${text.replace(/\.$/, "")} (${parts.join(": ")}).` : text;
}

export function domainRow(result: DomainResult, details: HTMLDetailsElement): HTMLLIElement {
  const words = result.internal || result.level === null ? INTERNAL_WORDS : LEVEL_WORDS[result.level];
  const badge = el(
    "span",
    { class: "level-badge" },
    el("span", { class: "level-icon", "aria-hidden": "true" }, words.icon),
    el("span", { class: "level-label" }, words.label),
  );
  const required =
    result.requiredLevel && !result.internal
      ? ` Your policy requires ${LEVEL_WORDS[result.requiredLevel].label.toLowerCase()}${ruleWords(result.matchedRule)}.`
      : "";
  const findings = result.findings.filter((f) => f.text.length > 0);
  return el(
    "li",
    { class: `domain ${levelClass(result)}`, "data-domain": result.domain, "data-level": result.level ?? "internal", "data-decision": result.decision },
    el("div", { class: "domain-head" }, el("h2", { class: "domain-name" }, result.domain), badge),
    el("p", { class: "meaning" }, words.meaning),
    el("p", { class: `decision decision-${result.decision}` }, `${DECISION_WORDS[result.decision]}.${required}`),
    // The reason usually repeats the first finding; the finding line says more (host, detail).
    result.reason && !findings.some((f) => f.text === result.reason) ? el("p", { class: "reason" }, result.reason) : null,
    findings.length > 0
      ? el("ul", { class: "findings", "aria-label": `What we found for ${result.domain}` }, ...findings.map((f) => el("li", {}, findingLine(f.text, f.host, f.detail))))
      : null,
    result.internal ? null : details,
  );
}
