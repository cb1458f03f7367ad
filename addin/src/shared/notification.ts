// The one notification bar on the message. One fixed key and replaceAsync, because Outlook allows
// at most 5 notifications per item (NumberOfNotificationMessagesExceeded) and 1 on mobile.
import { checkFailedText, checkingText, fitText, NOTIFICATION_LIMIT, type Language } from "./offline-text";
import { removeNotification, replaceNotification, type ComposeItem } from "./office-async";

export const NOTIFICATION_KEY = "tlsPreflightStatus"; // ≤ 32 characters
const ICON = "Icon.16x16"; // a resid in the manifest; shown by classic Outlook on Windows only

function informational(message: string): Office.NotificationMessageDetails {
  return { type: "informationalMessage" as Office.MailboxEnums.ItemNotificationMessageType, message, icon: ICON, persistent: true };
}

export function showChecking(item: ComposeItem, domains: string[], language: Language): Promise<void> {
  return replaceNotification(item, NOTIFICATION_KEY, {
    type: "progressIndicator" as Office.MailboxEnums.ItemNotificationMessageType,
    message: checkingText(domains, language),
  });
}

/** The service's notification text for the message (it keeps within 150 characters; the cut is a guard). */
export function showResults(item: ComposeItem, notification: string): Promise<void> {
  return replaceNotification(item, NOTIFICATION_KEY, informational(fitText(notification, NOTIFICATION_LIMIT)));
}

export function showCheckFailed(item: ComposeItem, reason: string, language: Language): Promise<void> {
  return replaceNotification(item, NOTIFICATION_KEY, informational(checkFailedText(reason, language)));
}

export function clearNotification(item: ComposeItem): Promise<void> {
  return removeNotification(item, NOTIFICATION_KEY);
}
