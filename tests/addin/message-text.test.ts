import { describe, expect, it } from "vitest";
import {
  blockDialogText, CANCEL_LABEL, fitText, notificationText, unreachableDialogText, warnDialogText,
} from "../../addin/src/shared/message-text";
import { result } from "./support/fake-api";

const longDomains = Array.from({ length: 30 }, (_, i) =>
  result(`mail-${i}.a-very-long-organisation-name-that-goes-on.example`, "plaintext", i % 2 ? "block" : "warn", {
    reason: "Its mail server does not offer STARTTLS, so messages travel in clear text between the servers.",
  }),
);

describe("message texts", () => {
  it("fitText cuts at a word boundary and marks the cut", () => {
    const text = fitText("one two three four five six seven", 20);
    expect(text.length).toBeLessThanOrEqual(20);
    expect(text).toBe("one two three four…");
    expect(fitText("short", 20)).toBe("short");
  });

  it("keeps the Smart Alerts texts within 500 characters with many long domains", () => {
    const block = blockDialogText(longDomains);
    const warn = warnDialogText(longDomains);
    expect(block.length).toBeLessThanOrEqual(500);
    expect(warn.length).toBeLessThanOrEqual(500);
    expect(block).toMatch(/^This message was not sent/);
    expect(block).toMatch(/more\. Remove these recipients, or select Review for details\.$/);
    expect(warn).toMatch(/Send anyway, or select Review for details\.$/);
  });

  it("names the required level and the reason for a blocked domain", () => {
    const text = blockDialogText([result("partner.example", "plaintext", "block", { reason: "Its mail server does not offer STARTTLS." })]);
    expect(text).toBe(
      "This message was not sent: your organisation requires encrypted delivery it cannot get. " +
        "partner.example: Its mail server does not offer STARTTLS (your policy requires verified). " +
        "Remove these recipients, or select Review for details.",
    );
  });

  it("explains an unreachable service by fail mode, within 500 characters", () => {
    const reason = "x".repeat(600);
    expect(unreachableDialogText("open", reason).length).toBeLessThanOrEqual(500);
    expect(unreachableDialogText("safe", "down")).toMatch(/requires a successful check, so the message was not sent/);
    expect(unreachableDialogText("open", "down")).toMatch(/may travel without encryption/);
  });

  it("keeps the cancel label within 20 characters", () => {
    expect(CANCEL_LABEL.length).toBeLessThanOrEqual(20);
  });

  it("says when only internal recipients are on the message", () => {
    expect(notificationText([result("contoso.example", null, "allow", { internal: true })])).toBe(
      "TLS Preflight: internal recipients only, nothing to check.",
    );
  });

  it("points out domains that policy allows but that get no encryption", () => {
    expect(notificationText([result("old.example", "plaintext", "allow"), result("good.example", "verified", "allow")])).toBe(
      "TLS Preflight: mail may travel unencrypted to old.example (not encrypted). Policy allows sending.",
    );
  });
});
