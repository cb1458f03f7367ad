// The add-in's client for the TLS Preflight API (backend/TlsPreflight.Api/API.md).
import type { AssessmentResponse, DomainDetail, Intent, ShownDecision } from "./api-types";
import { parseAssessmentResponse } from "./api-parse";
import { DeadlineExceeded, withDeadline } from "./deadline";
import { ApiError, type ApiFailure } from "./api-error";

export { ApiError } from "./api-error";

export type TokenSource = () => Promise<string>;

export interface AssessmentApi {
  assess(recipients: string[], intent: Intent, deadlineMs: number): Promise<AssessmentResponse>;
  /**
   * The audit entry for a decision made from results already known: what the sender saw, never re-decided by
   * the service. Fire-and-forget: survives the page being torn down where `keepalive` exists.
   */
  record(shown: ShownDecision): void;
  domainDetail(domain: string, refresh: boolean, deadlineMs: number): Promise<DomainDetail>;
}

/**
 * `language` is Office's display language ("de-DE"), sent as Accept-Language so the service answers in it;
 * the task pane's browser and the JavaScript-only runtime may otherwise send another or none.
 */
export function createApiClient(baseUrl: string, token: TokenSource, fetchImpl?: typeof fetch, language?: string): AssessmentApi {
  // Looked up per call, not at creation: a runtime without fetch must still load and decide from cache.
  const fetchFn: typeof fetch = (input, init) => (fetchImpl ?? fetch)(input, init);
  const base = baseUrl.replace(/\/+$/, "");
  const languageHeader: Record<string, string> = language ? { "Accept-Language": language } : {};

  async function call(path: string, init: RequestInit, signal: AbortSignal | undefined): Promise<unknown> {
    let bearer: string;
    try {
      bearer = await token();
    } catch (e) {
      throw new ApiError("auth", `sign-in failed: ${errorText(e)}`);
    }
    let response: Response;
    try {
      response = await fetchFn(base + path, {
        ...init,
        signal,
        headers: Object.assign({ Accept: "application/json", "Content-Type": "application/json", Authorization: `Bearer ${bearer}` }, languageHeader),
      });
    } catch (e) {
      if (signal?.aborted) throw e; // the deadline's own error wins the race
      throw new ApiError("network", `the TLS Preflight service cannot be reached (${errorText(e)})`);
    }
    const text = await response.text();
    if (!response.ok) {
      const kind: ApiFailure = response.status === 401 || response.status === 403 ? "auth" : "http";
      throw new ApiError(kind, problemText(response.status, text), response.status, undefined, problemWords(text) ?? undefined);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new ApiError("invalid-response", "the service answered with something that is not JSON");
    }
  }

  function bounded<T>(ms: number, work: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    return withDeadline(ms, work).catch((e: unknown) => {
      if (e instanceof DeadlineExceeded) throw new ApiError("timeout", `the TLS Preflight service did not answer within ${ms / 1000} s`, undefined, ms);
      throw e;
    });
  }

  return {
    assess(recipients, intent, deadlineMs) {
      return bounded(deadlineMs, async (signal) =>
        parseAssessmentResponse(
          await call("/api/v1/assessments", { method: "POST", body: JSON.stringify({ recipients, intent }) }, signal),
        ),
      );
    },
    record(shown) {
      void token()
        .then((bearer) =>
          fetchFn(base + "/api/v1/assessments/shown", {
            method: "POST",
            keepalive: true,
            body: JSON.stringify(shown),
            headers: Object.assign({ "Content-Type": "application/json", Authorization: `Bearer ${bearer}` }, languageHeader),
          }),
        )
        .catch(() => undefined); // the decision is already made; a lost audit entry must not fail the send
    },
    domainDetail(domain, refresh, deadlineMs) {
      const path = `/api/v1/domains/${encodeURIComponent(domain)}${refresh ? "?refresh=true" : ""}`;
      return bounded(deadlineMs, async (signal) => (await call(path, { method: "GET" }, signal)) as DomainDetail);
    },
  };
}

/** RFC 9457 problem details → one line; anything else → the status. */
function problemText(status: number, body: string): string {
  const words = problemWords(body);
  return words !== null ? `the service refused the request (${status}): ${words}` : `the service answered ${status}`;
}

/** A problem document's title and detail as one line; null when the body is not one. */
function problemWords(body: string): string | null {
  try {
    const problem = JSON.parse(body) as { title?: string; detail?: string };
    const words = [problem.title, problem.detail].filter((s) => typeof s === "string" && s.length > 0);
    if (words.length > 0) return words.join(": ");
  } catch {
    // not a problem document
  }
  return null;
}

export function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
