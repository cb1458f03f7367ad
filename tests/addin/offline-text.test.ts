import { describe, expect, it } from "vitest";
import { ApiError } from "../../addin/src/shared/api-error";
import {
  checkFailedText, checkingText, DIALOG_LIMIT, failureReason, fitText, LANGUAGES, languageOf, NOTIFICATION_LIMIT, offlineWords, unreachableDialogText,
} from "../../addin/src/shared/offline-text";

describe("the language of the add-in's own texts", () => {
  it.each([
    ["de-DE", "de"], ["de-CH", "de"], ["fr-FR", "fr"], ["fr-CA", "fr"], ["nl-NL", "nl"], ["nl-BE", "nl"],
    ["en-US", "en"], ["en-GB", "en"], ["ja-JP", "en"], ["pt-BR", "en"], ["", "en"], [undefined, "en"], [null, "en"], ["DE-de", "de"], ["de_AT", "de"],
  ])("Office's display language %s speaks %s", (display, language) => {
    expect(languageOf(display)).toBe(language);
  });

  it("a German Office reads the offline dialog in German", () => {
    expect(unreachableDialogText("safe", failureReason(new ApiError("network", "x"), "de"), "de")).toBe(
      "TLS Preflight konnte die Mailserver der Empfänger nicht prüfen: Der TLS-Preflight-Dienst ist nicht erreichbar. "
        + "Ihre Organisation verlangt eine erfolgreiche Prüfung, daher wurde die Nachricht nicht gesendet. Versuchen Sie es gleich noch einmal.",
    );
    expect(offlineWords("de").cancelLabel).toBe("Prüfen");
  });

  it("English stays as it was", () => {
    expect(unreachableDialogText("open", "down", "en")).toBe(
      "TLS Preflight could not check the recipients' mail servers: down. The message may travel without encryption. Send anyway, or wait and try again.",
    );
    expect(failureReason(new ApiError("timeout", "x", undefined, 3000), "en")).toBe("the TLS Preflight service did not answer within 3 s");
  });
});

describe("the offline texts in every language", () => {
  it.each(LANGUAGES)("%s has every text, each within Outlook's limits", (language) => {
    const words = offlineWords(language);
    for (const [key, text] of Object.entries(words)) expect(text.trim().length, `${language}.${key}`).toBeGreaterThan(0);
    expect(words.cancelLabel.length).toBeLessThanOrEqual(20);
    const long = "x".repeat(600);
    for (const mode of ["open", "safe"] as const) {
      const text = unreachableDialogText(mode, long, language);
      expect(text.length).toBeLessThanOrEqual(DIALOG_LIMIT);
      expect(text.endsWith(mode === "safe" ? words.unreachableSafe : words.unreachableOpen)).toBe(true);
    }
    const many = Array.from({ length: 40 }, (_, i) => `a-rather-long-subdomain-name-${i}.partner.example`);
    expect(checkingText(many, language).length).toBeLessThanOrEqual(NOTIFICATION_LIMIT);
    expect(checkFailedText(long, language).length).toBeLessThanOrEqual(NOTIFICATION_LIMIT);
    for (const failure of ["network", "timeout", "auth", "http", "invalid-response"] as const) {
      expect(failureReason(new ApiError(failure, "x", 503, 3000), language)).not.toMatch(/\{\w+\}/);
    }
  });

  it("no two languages share a sentence by accident, except the product's name", () => {
    const en = offlineWords("en");
    for (const language of LANGUAGES.filter((l) => l !== "en")) {
      const words = offlineWords(language);
      const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === words[k as keyof typeof words]);
      expect(same, language).toEqual([]);
    }
  });
});

describe("fitText", () => {
  it("cuts at a word boundary and marks the cut", () => {
    const text = fitText("one two three four five six seven", 20);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text).toBe("one two three four…");
    expect(fitText("short", 20)).toBe("short");
  });
});
