// The message's decision: the strictest over its recipient domains (PRODUCT.md "Policy and decisions").
import type { Action, DomainResult, FailMode } from "./api-types";

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

/** A result that fell under a forced-TLS rule (API.md `matchedRule`: a pattern, not default/internal/invalid). */
export function isForcedTls(r: DomainResult): boolean {
  return !r.internal && r.matchedRule !== null && ["default", "internal", "invalid"].indexOf(r.matchedRule) < 0;
}

/**
 * No answer for the domains not yet known. The known results keep their own decisions, so a block stays a
 * block. The rest follow the fail mode when the service cannot be reached; when it refused the request (a 4xx
 * problem, never an outage) they block if the tenant fails safe or a forced-TLS domain is on the message —
 * forced TLS means security before delivery — and warn otherwise.
 */
export function decisionWithoutAnswer(known: DomainResult[], failMode: FailMode, refused: boolean): Action {
  const forRest = refused && known.some(isForcedTls) ? "block" : failModeDecision(failMode);
  return strictest(known.map((r) => r.decision).concat([forRest]));
}
