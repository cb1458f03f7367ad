// Nested App Authentication (MSAL.js in Office): silent in event handlers, a popup only in the task pane
// (redirect flows throw inside Office). Platform notes "Auth to our backend".
import { createNestablePublicClientApplication, InteractionRequiredAuthError, type IPublicClientApplication } from "@azure/msal-browser";
import type { AddinConfig } from "./config";

let pca: Promise<IPublicClientApplication> | null = null;

export async function nestedAppToken(config: AddinConfig, interactive: boolean): Promise<string> {
  pca ??= createNestablePublicClientApplication({ auth: { clientId: config.clientId, authority: config.authority } });
  const app = await pca;
  const request = { scopes: [config.apiScope] };
  try {
    return (await app.acquireTokenSilent(request)).accessToken;
  } catch (e) {
    if (interactive && e instanceof InteractionRequiredAuthError) return (await app.acquireTokenPopup(request)).accessToken;
    throw e;
  }
}
