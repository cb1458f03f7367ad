// An in-process AssessmentApi for unit tests: answers from a table of domain results and records calls.
import type { AssessmentApi } from "../../../addin/src/shared/api-client";
import type { AssessmentResponse, DomainResult, FailMode, Intent, Level, ShownDecision } from "../../../addin/src/shared/api-types";
import type { FailModeMemory, HandlerContext } from "../../../addin/src/launchevent/handler-context";
import { strictest } from "../../../addin/src/shared/decision";
import type { Language } from "../../../addin/src/shared/offline-text";
import type { FakeComposeItem } from "./outlook-shim";

export function result(domain: string, level: Level | null, decision: DomainResult["decision"], extra: Partial<DomainResult> = {}): DomainResult {
  return {
    domain,
    level,
    requiredLevel: decision === "allow" ? "encrypted" : "verified",
    action: decision === "allow" ? "warn" : decision,
    decision,
    internal: level === null,
    matchedRule: null,
    reason: decision === "allow" ? "" : `Its mail server is rated ${level}.`,
    findings: [],
    checkedAt: "2026-11-28T23:50:00Z",
    fromCache: false,
    levelLabel: level ?? "Internal",
    levelMeaning: `What ${level ?? "internal"} means.`,
    decisionText: `Decision ${decision}`,
    requirement: level === null ? "" : "Your policy requires verified (default rule).",
    ...extra,
  };
}

/** The service's words for a set of results, as a fake service writes them: they name the weak domains. */
export function fakeTexts(domains: DomainResult[]): Pick<AssessmentResponse, "decision" | "message" | "language" | "headline" | "summary" | "notification"> {
  const decision = strictest(domains.map((d) => d.decision));
  const weak = domains.filter((d) => d.decision !== "allow").map((d) => d.domain);
  const summary = weak.length > 0 ? `Service summary: ${weak.join(", ")} ${decision}.` : `Service summary: ${domains.map((d) => d.domain).join(", ")} fine.`;
  return {
    decision,
    message: decision === "allow" ? "" : `Service dialog: ${weak.join(", ")} ${decision}.`,
    language: "en",
    headline: `Service headline ${decision}.`,
    summary,
    notification: `TLS Preflight: ${summary}`,
  };
}

export interface AssessCall {
  recipients: string[];
  intent: Intent;
  deadlineMs: number;
}

export class FakeApi implements AssessmentApi {
  readonly calls: AssessCall[] = [];
  readonly recorded: string[][] = [];
  readonly shown: ShownDecision[] = [];
  failMode: FailMode = "open";
  /** Replace to make a call fail or stall. */
  behaviour: (call: AssessCall) => Promise<AssessmentResponse> = async (call) => this.answer(call.recipients);

  constructor(readonly table: Record<string, DomainResult> = {}) {}

  answer(recipients: string[]): AssessmentResponse {
    const domains = [...new Set(recipients.map((r) => (r.includes("@") ? r.split("@")[1] : r)))].map(
      (d) => this.table[d] ?? result(d, "unknown", this.failMode === "safe" ? "block" : "warn"),
    );
    return Object.assign({ policyVersion: 3, failMode: this.failMode, domains }, fakeTexts(domains));
  }

  assess(recipients: string[], intent: Intent, deadlineMs: number): Promise<AssessmentResponse> {
    const call = { recipients, intent, deadlineMs };
    this.calls.push(call);
    return this.behaviour(call);
  }
  record(shown: ShownDecision): void {
    this.shown.push(shown);
    this.recorded.push(shown.recipients);
  }
  domainDetail(): never {
    throw new Error("not used by the handlers");
  }
}

export class FakeFailModes implements FailModeMemory {
  constructor(public mode: FailMode | null = null) {}
  async lastSeen() {
    return this.mode;
  }
  async remember(mode: FailMode) {
    this.mode = mode;
  }
}

export function context(item: FakeComposeItem, api: FakeApi, opts: { mailbox?: string; failMode?: FailMode | null; language?: Language } = {}): HandlerContext {
  const supported = opts.mailbox ?? "1.15";
  return {
    item,
    api,
    supportsMailbox: (v) => Number(v.split(".")[1]) <= Number(supported.split(".")[1]),
    failModes: new FakeFailModes(opts.failMode ?? null),
    promptUser: "promptUser",
    language: opts.language ?? "en",
  };
}

/** The session data an earlier recipients-changed answer leaves: results and the service's words for exactly them. */
export function rememberedState(results: DomainResult[], failMode: FailMode | null, policyVersion = 3): string {
  const texts = Object.assign({ domains: results.map((r) => r.domain).sort() }, fakeTexts(results));
  return JSON.stringify({ failMode, policyVersion, results: Object.fromEntries(results.map((r) => [r.domain, r])), texts });
}
