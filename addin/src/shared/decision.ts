// The message's decision: the strictest over its recipient domains (PRODUCT.md "Policy and decisions").
import type { Action, DomainResult, FailMode, Level } from "./api-types";
import { LEVELS } from "./api-types";

const STRICTNESS: Record<Action, number> = { allow: 0, warn: 1, block: 2 };

export function strictest(decisions: Action[]): Action {
  let worst: Action = "allow";
  for (const d of decisions) if (STRICTNESS[d] > STRICTNESS[worst]) worst = d;
  return worst;
}

/** Unreachable service: the tenant's fail mode chooses (open → warn, safe → block). */
export function failModeDecision(failMode: FailMode): Action {
  return failMode === "safe" ? "block" : "warn";
}

export function levelRank(level: Level | null): number {
  return level === null ? -1 : LEVELS.indexOf(level);
}

/** Domains that make the decision what it is, strictest first. */
export function weakDomains(results: DomainResult[]): DomainResult[] {
  return results
    .filter((r) => r.decision !== "allow")
    .sort((a, b) => STRICTNESS[b.decision] - STRICTNESS[a.decision] || a.domain.localeCompare(b.domain));
}

/** External domains whose mail may travel in clear or unchecked even though policy allows it. */
export function exposedDomains(results: DomainResult[]): DomainResult[] {
  return results.filter((r) => !r.internal && r.decision === "allow" && levelRank(r.level) < levelRank("encrypted"));
}
