import { describe, expect, it } from "vitest";
import { createApiClient } from "../../addin/src/shared/api-client";
import { ApiError } from "../../addin/src/shared/api-error";

type Handler = (url: string, init: RequestInit) => Promise<Response>;

function client(handler: Handler, token: () => Promise<string> = async () => "t0ken") {
  const seen: { url: string; init: RequestInit }[] = [];
  const api = createApiClient("http://127.0.0.1:1/", token, ((url: string, init: RequestInit) => {
    seen.push({ url, init });
    return handler(url, init);
  }) as typeof fetch);
  return { api, seen };
}

const json = (status: number, body: unknown, type = "application/json") =>
  Promise.resolve(new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "Content-Type": type } }));

const answer = {
  decision: "warn",
  message: "m",
  policyVersion: 4,
  failMode: "safe",
  domains: [{ domain: "Partner.example", level: "encrypted", requiredLevel: "verified", action: "warn", decision: "warn", internal: false, matchedRule: "partner.example", reason: "r", findings: [{ code: "certificate-not-trusted", host: "mx", detail: null, text: "t" }], checkedAt: "2026-11-28T23:50:00Z", fromCache: true }],
};

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(ApiError);
    return e as ApiError;
  }
  throw new Error("expected the call to fail");
}

describe("the API client", () => {
  it("posts recipients and intent with the bearer token and reads the answer", async () => {
    const { api, seen } = client(() => json(200, answer));
    const result = await api.assess(["a@partner.example"], "send", 1000);
    expect(seen[0]!.url).toBe("http://127.0.0.1:1/api/v1/assessments");
    expect(JSON.parse(seen[0]!.init.body as string)).toEqual({ recipients: ["a@partner.example"], intent: "send" });
    expect((seen[0]!.init.headers as Record<string, string>).Authorization).toBe("Bearer t0ken");
    expect(result.failMode).toBe("safe");
    expect(result.domains[0]!.domain).toBe("partner.example");
  });

  it("asks for Office's display language and keeps the service's words", async () => {
    const seen: RequestInit[] = [];
    const api = createApiClient("http://127.0.0.1:1", async () => "t", ((_: string, init: RequestInit) => {
      seen.push(init);
      return json(200, Object.assign({}, answer, { language: "de", headline: "h", summary: "s", notification: "n",
        domains: [Object.assign({}, answer.domains[0], { levelLabel: "Verschlüsselt", levelMeaning: "lm", decisionText: "dt", requirement: "rq" })] }));
    }) as typeof fetch, "de-DE");
    const result = await api.assess(["a@partner.example"], "preview", 1000);
    api.record({ recipients: ["a@partner.example"], decision: "allow", policyVersion: 3, domains: [] });
    await new Promise((r) => setTimeout(r, 10));
    expect(seen.map((i) => (i.headers as Record<string, string>)["Accept-Language"])).toEqual(["de-DE", "de-DE"]);
    expect(result).toMatchObject({ language: "de", headline: "h", summary: "s", notification: "n", message: "m" });
    expect(result.domains[0]).toMatchObject({ levelLabel: "Verschlüsselt", levelMeaning: "lm", decisionText: "dt", requirement: "rq" });
    expect(result.domains[0]!.findings[0]!.text).toBe("t");
  });

  it("sends no Accept-Language of its own when it does not know Office's language", async () => {
    const { api, seen } = client(() => json(200, answer));
    await api.assess(["a@partner.example"], "preview", 1000);
    expect((seen[0]!.init.headers as Record<string, string>)["Accept-Language"]).toBeUndefined();
  });

  it("turns a problem-details answer into one clear sentence", async () => {
    const { api } = client(() => json(400, { title: "One or more validation errors occurred.", detail: "At most 500 recipients." }, "application/problem+json"));
    const e = await failure(api.assess(["x"], "preview", 1000));
    expect(e.failure).toBe("http");
    expect(e.message).toBe("the service refused the request (400): One or more validation errors occurred.: At most 500 recipients.");
  });

  it("reports 401 as a sign-in failure", async () => {
    const { api } = client(() => json(401, ""));
    expect((await failure(api.assess(["x"], "preview", 1000))).failure).toBe("auth");
  });

  it("reports a failed token acquisition as a sign-in failure without calling the service", async () => {
    const { api, seen } = client(() => json(200, answer), () => Promise.reject(new Error("no account")));
    const e = await failure(api.assess(["x"], "preview", 1000));
    expect(e.failure).toBe("auth");
    expect(e.message).toContain("no account");
    expect(seen).toHaveLength(0);
  });

  it("reports an unreachable service as a network failure", async () => {
    const { api } = client(() => Promise.reject(new TypeError("fetch failed")));
    const e = await failure(api.assess(["x"], "preview", 1000));
    expect(e.failure).toBe("network");
    expect(e.message).toBe("the TLS Preflight service cannot be reached (fetch failed)");
  });

  it("rejects an answer that is not JSON, or JSON of another shape", async () => {
    expect((await failure(client(() => json(200, "<html>proxy login</html>", "text/html")).api.assess(["x"], "preview", 1000))).failure).toBe("invalid-response");
    const wrongLevel = { ...answer, domains: [{ ...answer.domains[0], level: "super-secure" }] };
    const e = await failure(client(() => json(200, wrongLevel)).api.assess(["x"], "preview", 1000));
    expect(e.failure).toBe("invalid-response");
    expect(e.message).toContain("level");
  });

  it("gives up at the deadline and aborts the request", async () => {
    let aborted = false;
    const { api } = client((_u, init) => new Promise((_, reject) => init.signal!.addEventListener("abort", () => { aborted = true; reject(new Error("aborted")); })));
    const started = Date.now();
    const e = await failure(api.assess(["x"], "send", 150));
    expect(e.failure).toBe("timeout");
    expect(e.message).toBe("the TLS Preflight service did not answer within 0.15 s");
    expect(aborted).toBe(true);
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("asks for a fresh domain assessment with refresh=true and an encoded name", async () => {
    const { api, seen } = client(() => json(200, { domain: "x" }));
    await api.domainDetail("bücher.example", true, 1000);
    expect(seen[0]!.url).toBe("http://127.0.0.1:1/api/v1/domains/b%C3%BCcher.example?refresh=true");
  });
});
