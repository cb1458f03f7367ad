// Follows the Office theme when the host reports one, else the system's prefers-color-scheme (CSS).

export function applyOfficeTheme(root: HTMLElement, theme: Office.OfficeTheme | undefined): void {
  if (!theme?.bodyBackgroundColor) return;
  const dark = luminance(theme.bodyBackgroundColor) < 0.4;
  root.classList.toggle("theme-dark", dark);
  root.classList.toggle("theme-light", !dark);
  root.style.setProperty("--bg", theme.bodyBackgroundColor);
  if (theme.bodyForegroundColor) root.style.setProperty("--fg", theme.bodyForegroundColor);
  if (theme.controlBackgroundColor) root.style.setProperty("--card", theme.controlBackgroundColor);
}

/** Relative luminance of #rgb / #rrggbb (WCAG 2.x), 0 dark … 1 light. */
export function luminance(color: string): number {
  let hex = color.trim().replace(/^#/, "");
  if (hex.length === 3) hex = hex.split("").map((c) => c + c).join("");
  if (!/^[0-9a-f]{6}$/i.test(hex)) return 1;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}
