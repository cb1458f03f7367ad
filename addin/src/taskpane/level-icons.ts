// A glyph per level, drawn in the level's colour beside the service's label (never colour or glyph alone).
import type { Level } from "../shared/api-types";

export const LEVEL_ICONS: Record<Level | "internal", string> = {
  unknown: "?",
  "no-mail": "∅",
  plaintext: "✕",
  encrypted: "●",
  verified: "✓",
  enforced: "★",
  internal: "⌂",
};
