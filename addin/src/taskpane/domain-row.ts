// One row per recipient domain: level by icon, colour and the service's words; the decision and why; findings.
import type { DomainResult } from "../shared/api-types";
import { fill, type OfflineWords } from "../shared/offline-text";
import { el } from "./dom";
import { LEVEL_ICONS } from "./level-icons";

export function levelClass(result: DomainResult): string {
  return result.internal || result.level === null ? "level-internal" : `level-${result.level}`;
}

/** "The certificate is not trusted (mx.example.com: self-signed certificate)." */
function findingLine(text: string, host: string | null, detail: string | null): string {
  const parts = [host, detail].filter((p): p is string => !!p);
  return parts.length > 0 ? `${text.replace(/\.$/, "")} (${parts.join(": ")}).` : text;
}

export function domainRow(result: DomainResult, details: HTMLDetailsElement, words: OfflineWords): HTMLLIElement {
  const internal = result.internal || result.level === null;
  const badge = el(
    "span",
    { class: "level-badge" },
    el("span", { class: "level-icon", "aria-hidden": "true" }, LEVEL_ICONS[internal ? "internal" : result.level!]),
    el("span", { class: "level-label" }, result.levelLabel || (result.level ?? "")),
  );
  const decision = [result.decisionText ? `${result.decisionText}.` : "", internal ? "" : result.requirement].filter((s) => s).join(" ");
  const findings = result.findings.filter((f) => f.text.length > 0);
  return el(
    "li",
    { class: `domain ${levelClass(result)}`, "data-domain": result.domain, "data-level": result.level ?? "internal", "data-decision": result.decision },
    el("div", { class: "domain-head" }, el("h2", { class: "domain-name" }, result.domain), badge),
    result.levelMeaning ? el("p", { class: "meaning" }, result.levelMeaning) : null,
    decision ? el("p", { class: `decision decision-${result.decision}` }, decision) : null,
    // The reason usually repeats the first finding; the finding line says more (host, detail).
    result.reason && !findings.some((f) => f.text === result.reason) ? el("p", { class: "reason" }, result.reason) : null,
    findings.length > 0
      ? el("ul", { class: "findings", "aria-label": fill(words.foundFor, { domain: result.domain }) }, ...findings.map((f) => el("li", {}, findingLine(f.text, f.host, f.detail))))
      : null,
    internal ? null : details,
  );
}
