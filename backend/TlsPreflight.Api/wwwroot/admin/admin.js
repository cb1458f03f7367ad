// Copy buttons on the admin pages: <button data-copy="#selector"> copies that element's text.
document.addEventListener("click", async (event) => {
  const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
  if (!button) return;
  const source = document.querySelector(button.getAttribute("data-copy"));
  const status = document.querySelector("[data-copy-status]");
  if (!source) return;
  try {
    await navigator.clipboard.writeText(source.textContent ?? "");
    if (status) status.textContent = "Copied to the clipboard.";
  } catch {
    // No clipboard access (e.g. plain http): select the text so Ctrl+C works.
    const range = document.createRange();
    range.selectNodeContents(source);
    const selection = window.getSelection();
    selection?.removeAllRanges();
    selection?.addRange(range);
    if (status) status.textContent = "Press Ctrl+C to copy the selected script.";
  }
});
