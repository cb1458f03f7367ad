// The real HandlerContext, built from the Office globals of whichever runtime loaded us.
import { createApiClient } from "../shared/api-client";
import type { FailMode } from "../shared/api-types";
import { createTokenProvider, type AccessTokenProvider } from "../shared/auth";
import { addinConfig, serviceBaseUrl } from "../shared/config";
import type { ComposeItem } from "../shared/office-async";
import { officeRuntime } from "../shared/office-runtime";
import { languageOf } from "../shared/offline-text";
import type { FailModeMemory, HandlerContext } from "./handler-context";

const FAIL_MODE_KEY = "tlsPreflight.failMode";

/** OfficeRuntime.storage outlives one message (it is there in the JS-only runtime; no localStorage). */
function failModeMemory(): FailModeMemory {
  const storage = officeRuntime()?.storage;
  let inMemory: FailMode | null = null;
  return {
    async lastSeen() {
      if (!storage) return inMemory;
      const v = await storage.getItem(FAIL_MODE_KEY);
      return v === "open" || v === "safe" ? v : inMemory;
    },
    async remember(mode) {
      inMemory = mode;
      if (storage) await storage.setItem(FAIL_MODE_KEY, mode);
    },
  };
}

let tokens: AccessTokenProvider | null = null;

export function officeTokens(baseUrl: string): AccessTokenProvider {
  tokens ??= createTokenProvider(addinConfig(), baseUrl, () => {
    const profile = Office.context.mailbox.userProfile;
    return { emailAddress: profile?.emailAddress ?? "", displayName: profile?.displayName ?? "" };
  });
  return tokens;
}

export function officeHandlerContext(): HandlerContext {
  const baseUrl = serviceBaseUrl();
  const getToken = officeTokens(baseUrl);
  const displayLanguage = Office.context.displayLanguage;
  return {
    item: Office.context.mailbox.item as unknown as ComposeItem,
    api: createApiClient(baseUrl, () => getToken({ interactive: false }), undefined, displayLanguage),
    language: languageOf(displayLanguage),
    supportsMailbox: (version) => Office.context.requirements.isSetSupported("Mailbox", version),
    failModes: failModeMemory(),
    promptUser: Office.MailboxEnums?.SendModeOverride?.PromptUser ?? "promptUser",
  };
}
