// Build-time settings, injected by scripts/build-addin.mjs (esbuild `define`).

export interface AddinConfig {
  /** Origin of the TLS Preflight service. Pages use their own origin; the JavaScript-only runtime
   *  of classic Outlook on Windows has no `location`, so it needs this absolute base. */
  baseUrl: string;
  /** Entra ID app (client) id for Nested App Authentication. Empty: development sign-in (POST /dev/token). */
  clientId: string;
  /** Scope of the API, e.g. api://host/<appid>/access_as_user. */
  apiScope: string;
  authority: string;
}

declare const __TLSPREFLIGHT_CONFIG__: AddinConfig | undefined;

export const DEFAULT_CONFIG: AddinConfig = {
  baseUrl: "https://localhost:5080",
  clientId: "",
  apiScope: "",
  authority: "https://login.microsoftonline.com/common",
};

/** The tenant every development token names; tests set its policy with an admin development token. */
export const DEV_TENANT_ID = "11111111-1111-1111-1111-111111111111";

/** The manifest's task pane button; Smart Alerts' cancel button opens it (Mailbox 1.14 `commandId`). */
export const TASKPANE_COMMAND_ID = "msgComposeOpenPaneButton";

export function addinConfig(): AddinConfig {
  return typeof __TLSPREFLIGHT_CONFIG__ === "undefined" ? DEFAULT_CONFIG : __TLSPREFLIGHT_CONFIG__;
}

/** Pages served over http(s) call their own origin; the JS-only runtime uses the built-in base. */
export function serviceBaseUrl(config: AddinConfig = addinConfig()): string {
  const loc = (globalThis as { location?: { origin?: string; protocol?: string } }).location;
  if (loc && (loc.protocol === "https:" || loc.protocol === "http:") && loc.origin) return loc.origin;
  return config.baseUrl.replace(/\/+$/, "");
}
