// How each level and decision reads to a sender: words first, then icon and colour (never colour alone).
import type { Action, Level } from "./api-types";

export interface LevelPresentation {
  label: string;
  /** One line a sender understands without knowing SMTP. */
  meaning: string;
  /** A glyph drawn in the level's colour; the label always sits beside it. */
  icon: string;
}

export const LEVEL_WORDS: Record<Level, LevelPresentation> = {
  unknown: { label: "Unknown", meaning: "Could not be checked right now.", icon: "?" },
  "no-mail": { label: "No mail", meaning: "This domain does not accept email.", icon: "∅" },
  plaintext: { label: "Not encrypted", meaning: "Mail may travel in clear text that others can read.", icon: "✕" },
  encrypted: { label: "Encrypted", meaning: "Encrypted, but the server's identity is not proven.", icon: "●" },
  verified: { label: "Verified", meaning: "Encrypted to a server with a valid certificate.", icon: "✓" },
  enforced: { label: "Enforced", meaning: "Encrypted and verified, as the domain's own policy demands.", icon: "★" },
};

export const INTERNAL_WORDS: LevelPresentation = {
  label: "Internal",
  meaning: "Your organisation's own domain: not checked.",
  icon: "⌂",
};

export function levelLabel(level: Level | null): string {
  return level === null ? INTERNAL_WORDS.label : LEVEL_WORDS[level].label;
}

export const DECISION_WORDS: Record<Action, string> = {
  allow: "Can be sent",
  warn: "You will be asked to confirm",
  block: "Blocked by your organisation's policy",
};
