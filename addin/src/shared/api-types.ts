// The HTTP contract in backend/TlsPreflight.Api/API.md, as the add-in reads it.

/** Weakest to strongest (PRODUCT.md "The verdict"). */
export const LEVELS = ["unknown", "no-mail", "plaintext", "encrypted", "verified", "enforced"] as const;
export type Level = (typeof LEVELS)[number];

export const ACTIONS = ["allow", "warn", "block"] as const;
export type Action = (typeof ACTIONS)[number];

export type FailMode = "open" | "safe";
export type Intent = "preview" | "send";

export interface FindingView {
  code: string;
  host: string | null;
  detail: string | null;
  /** Plain-language explanation written by the API, in the language asked for. */
  text: string;
}

/** One recipient domain in a POST /api/v1/assessments answer. */
export interface DomainResult {
  domain: string;
  /** null for internal domains, which are never assessed. */
  level: Level | null;
  requiredLevel: Level | null;
  action: Action | null;
  decision: Action;
  internal: boolean;
  matchedRule: string | null;
  reason: string;
  findings: FindingView[];
  checkedAt: string | null;
  fromCache: boolean;
  /** The service's words for this domain (API.md): "Not encrypted", what that means, the decision, the requirement. */
  levelLabel: string;
  levelMeaning: string;
  decisionText: string;
  requirement: string;
  /** A rule's stop lifted by a protecting label or an approved exception (issue 14); absent otherwise. */
  allowedBy?: "label" | "exception" | null;
  /** With allowedBy: what the TLS rule alone decided. */
  ruleDecision?: Action | null;
  exceptionExpiresAt?: string | null;
  /** The sender's own latest exception request for the domain. */
  exceptionRequest?: ExceptionStatus | null;
}

export interface ProtectingLabel {
  id: string;
  name: string;
}

export interface ExceptionStatus {
  id: string;
  status: "pending" | "approved" | "declined";
  requestedAt: string;
  answer: string | null;
  expiresAt: string | null;
}

/** GET /api/v1/domains/{domain}/partner-note: the service's message for the partner's IT, in the sender's language. */
export interface PartnerNote {
  subject: string;
  body: string;
}

export interface AssessmentResponse {
  decision: Action;
  /** The Smart Alerts dialog text (≤ 500 characters), written by the service. */
  message: string;
  /** The language of every sentence in the answer (en, de, fr, nl). */
  language: string;
  /** The decision as a sentence, the summary for the task pane, and the notification bar (≤ 150). */
  headline: string;
  summary: string;
  notification: string;
  policyVersion: number;
  failMode: FailMode;
  domains: DomainResult[];
  /** The label that allowed this message, when it carries one the tenant named. */
  protectedBy?: ProtectingLabel | null;
  /** The tenant's labels that protect content, to offer a stopped sender. */
  protectingLabels?: ProtectingLabel[];
}

/** GET /api/v1/domains/{domain}: the engine's assessment (only the parts the task pane shows). */
export interface DomainDetail {
  domain: string;
  level: Level;
  findings: { code: string; host: string | null; detail: string | null }[];
  mxHosts: MxHostDetail[];
  mtaSts: { status: string; mode: string | null; mxPatterns: string[]; error: string | null };
  dane: { status: string; mxLookupSecure: boolean; detail: string | null };
  tlsRpt: { status: string; rua: string[]; error: string | null };
  checkedAt: string;
  fromCache?: boolean;
}

export interface MxHostDetail {
  host: string;
  preference: number;
  implicit: boolean;
  level: Level;
  probes: SmtpProbeDetail[];
  dane: { dnssecStatus: string; outcome: string; records: unknown[] };
  mtaStsMatch: boolean | null;
}

export interface SmtpProbeDetail {
  address: string;
  port: number;
  outcome: string;
  step: string | null;
  error: string | null;
  startTlsOffered: boolean;
  tls: {
    protocol: string;
    cipherSuite: string;
    certificate: {
      subject: string;
      issuer: string;
      notAfter: string;
      dnsNames: string[];
      trusted: boolean;
      trustError: string | null;
      nameMatches: boolean;
      expired: boolean;
    };
  } | null;
}

/** POST /api/v1/assessments/shown: a decision the add-in made from results it already had, for the audit. */
export interface ShownDecision {
  recipients: string[];
  decision: Action;
  policyVersion: number;
  /** Each domain as the add-in decided it: the answer's fields, the finding codes and when the result was checked. */
  domains: (Pick<DomainResult, "domain" | "level" | "requiredLevel" | "action" | "decision" | "internal"> & {
    findings: string[];
    checkedAt: string | null;
  })[];
}
