// Access tokens for the TLS Preflight API.
// Order (platform notes "Auth to our backend"): Nested App Authentication with MSAL.js, then the
// legacy OfficeRuntime.auth.getAccessToken; a build without a client id uses the development token.
import { DEV_TENANT_ID, type AddinConfig } from "./config";
import { nestedAppToken } from "./nested-app-auth";
import { officeRuntime } from "./office-runtime";

/** False in a development build (no client id): the bundler then drops MSAL, a third of a megabyte
 *  that classic Outlook would otherwise load for every event. Set by the build and by vitest.config.ts. */
declare const __TLSPREFLIGHT_NAA__: boolean;

export class SignInRequired extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SignInRequired";
  }
}

export interface TokenOptions {
  /** Only the task pane may show sign-in UI; event handlers have none. */
  interactive: boolean;
}

export interface SenderIdentity {
  emailAddress: string;
  displayName: string;
}

export type AccessTokenProvider = (options: TokenOptions) => Promise<string>;

interface CachedToken {
  value: string;
  expiresAt: number;
}

export function createTokenProvider(
  config: AddinConfig,
  baseUrl: string,
  sender: () => SenderIdentity,
  fetchFn?: typeof fetch,
): AccessTokenProvider {
  let cached: CachedToken | null = null;

  async function developmentToken(): Promise<string> {
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const who = sender();
    const response = await (fetchFn ?? fetch)(baseUrl.replace(/\/+$/, "") + "/dev/token", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ tenantId: DEV_TENANT_ID, userId: who.emailAddress, name: who.emailAddress || who.displayName }),
    });
    if (!response.ok) throw new Error(`development sign-in refused (${response.status})`);
    const body = (await response.json()) as { accessToken?: string; expiresIn?: number };
    if (typeof body.accessToken !== "string") throw new Error("development sign-in returned no token");
    cached = { value: body.accessToken, expiresAt: Date.now() + Math.max(0, (body.expiresIn ?? 300) - 60) * 1000 };
    return body.accessToken;
  }

  async function officeSsoToken(interactive: boolean): Promise<string> {
    const runtime = officeRuntime();
    if (!runtime?.auth?.getAccessToken) throw new SignInRequired("Office single sign-on is not available here");
    return runtime.auth.getAccessToken({ allowSignInPrompt: interactive, allowConsentPrompt: interactive, forMSGraphAccess: false });
  }

  return async ({ interactive }) => {
    if (!config.clientId) return developmentToken();
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const office = (globalThis as { Office?: typeof Office }).Office;
    const naaSupported = office?.context?.requirements?.isSetSupported?.("NestedAppAuth", "1.1") === true;
    let firstError: unknown = null;
    if (__TLSPREFLIGHT_NAA__ && naaSupported) {
      try {
        return await nestedAppToken(config, interactive);
      } catch (e) {
        firstError = e;
      }
    }
    try {
      return await officeSsoToken(interactive);
    } catch (e) {
      const reason = firstError ?? e;
      throw new SignInRequired(reason instanceof Error ? reason.message : String(reason));
    }
  };
}
