// The message's decision: the strictest over its recipient domains (PRODUCT.md "Policy and decisions").
import type { Action, FailMode } from "./api-types";

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
