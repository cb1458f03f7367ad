// Checks the shape of an assessment answer once, so the handlers can trust every field they read.
import { ACTIONS, LEVELS, type Action, type AssessmentResponse, type DomainResult, type Level } from "./api-types";
import { ApiError } from "./api-error";

export function parseAssessmentResponse(json: unknown): AssessmentResponse {
  const o = record(json, "answer");
  const failMode = o.failMode === "safe" ? "safe" : o.failMode === "open" ? "open" : bad("failMode");
  if (!Array.isArray(o.domains)) bad("domains");
  return {
    decision: action(o.decision, "decision"),
    message: text(o.message),
    language: text(o.language) || "en",
    headline: text(o.headline),
    summary: text(o.summary),
    notification: text(o.notification),
    policyVersion: typeof o.policyVersion === "number" ? o.policyVersion : 0,
    failMode,
    domains: (o.domains as unknown[]).map(parseDomain),
  };
}

function parseDomain(json: unknown): DomainResult {
  const d = record(json, "domain entry");
  if (typeof d.domain !== "string" || d.domain.length === 0) bad("domains[].domain");
  const findings = Array.isArray(d.findings) ? d.findings : [];
  return {
    domain: (d.domain as string).toLowerCase(),
    level: d.level == null ? null : level(d.level, "level"),
    requiredLevel: d.requiredLevel == null ? null : level(d.requiredLevel, "requiredLevel"),
    action: d.action == null ? null : action(d.action, "action"),
    decision: action(d.decision, "domains[].decision"),
    internal: d.internal === true,
    matchedRule: typeof d.matchedRule === "string" ? d.matchedRule : null,
    reason: typeof d.reason === "string" ? d.reason : "",
    findings: findings.map((f: unknown) => {
      const r = record(f, "finding");
      return {
        code: String(r.code ?? ""),
        host: typeof r.host === "string" ? r.host : null,
        detail: typeof r.detail === "string" ? r.detail : null,
        text: typeof r.text === "string" && r.text.length > 0 ? r.text : String(r.code ?? ""),
      };
    }),
    checkedAt: typeof d.checkedAt === "string" ? d.checkedAt : null,
    fromCache: d.fromCache === true,
    levelLabel: text(d.levelLabel),
    levelMeaning: text(d.levelMeaning),
    decisionText: text(d.decisionText),
    requirement: text(d.requirement),
  };
}

function text(v: unknown): string {
  return typeof v === "string" ? v : "";
}

function record(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== "object" || v === null || Array.isArray(v)) bad(what);
  return v as Record<string, unknown>;
}

function level(v: unknown, field: string): Level {
  if (typeof v === "string" && (LEVELS as readonly string[]).indexOf(v) >= 0) return v as Level;
  return bad(field);
}

function action(v: unknown, field: string): Action {
  if (typeof v === "string" && (ACTIONS as readonly string[]).indexOf(v) >= 0) return v as Action;
  return bad(field);
}

function bad(field: string): never {
  throw new ApiError("invalid-response", `the service's answer has no valid ${field}`);
}
