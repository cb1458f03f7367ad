import { afterEach, describe, expect, it, vi } from "vitest";
import { createTokenProvider, SignInRequired } from "../../addin/src/shared/auth";
import { DEFAULT_CONFIG, DEV_TENANT_ID } from "../../addin/src/shared/config";

const sender = () => ({ emailAddress: "sam@contoso.example", displayName: "Sam" });

afterEach(() => vi.unstubAllGlobals());

describe("sign-in", () => {
  it("uses the development token without a client id, once per lifetime", async () => {
    const calls: { url: string; body: unknown }[] = [];
    const fetchFn = (async (url: string, init: RequestInit) => {
      calls.push({ url, body: JSON.parse(init.body as string) });
      return new Response(JSON.stringify({ accessToken: "dev-token", expiresIn: 3600 }), { status: 200 });
    }) as typeof fetch;
    const tokens = createTokenProvider(DEFAULT_CONFIG, "http://127.0.0.1:5080/", sender, fetchFn);
    expect(await tokens({ interactive: false })).toBe("dev-token");
    expect(await tokens({ interactive: false })).toBe("dev-token");
    expect(calls).toEqual([{ url: "http://127.0.0.1:5080/dev/token", body: { tenantId: DEV_TENANT_ID, userId: "sam@contoso.example", name: "sam@contoso.example" } }]);
  });

  it("says clearly when the development sign-in is refused", async () => {
    const fetchFn = (async () => new Response("", { status: 404 })) as unknown as typeof fetch;
    const tokens = createTokenProvider(DEFAULT_CONFIG, "http://127.0.0.1:5080", sender, fetchFn);
    await expect(tokens({ interactive: false })).rejects.toThrow("development sign-in refused (404)");
  });

  const entra = { ...DEFAULT_CONFIG, clientId: "00000000-0000-0000-0000-0000000000aa", apiScope: "api://tls.example/aa/access_as_user" };

  it("falls back to Office single sign-on where Nested App Authentication is not supported, silently in handlers", async () => {
    const requests: unknown[] = [];
    vi.stubGlobal("Office", { context: { requirements: { isSetSupported: () => false } } });
    vi.stubGlobal("OfficeRuntime", { auth: { getAccessToken: async (o: unknown) => (requests.push(o), "sso-token") } });
    const tokens = createTokenProvider(entra, "https://tls.example", sender);
    expect(await tokens({ interactive: false })).toBe("sso-token");
    expect(requests).toEqual([{ allowSignInPrompt: false, allowConsentPrompt: false, forMSGraphAccess: false }]);
  });

  it("reports SignInRequired when no sign-in route works", async () => {
    vi.stubGlobal("Office", { context: { requirements: { isSetSupported: () => false } } });
    vi.stubGlobal("OfficeRuntime", { auth: { getAccessToken: async () => Promise.reject(new Error("13001: not signed in")) } });
    const tokens = createTokenProvider(entra, "https://tls.example", sender);
    await expect(tokens({ interactive: false })).rejects.toBeInstanceOf(SignInRequired);
    await expect(tokens({ interactive: false })).rejects.toThrow("13001: not signed in");
  });
});
