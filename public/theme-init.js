// Runs before first paint so a dark-mode reader never sees a white flash (see
// components/ui/theme-toggle.tsx). A file rather than an inline script, so a strict
// Content-Security-Policy (script-src 'self') can allow it.
try {
  var t = localStorage.getItem("theme");
  var d = t === "dark" || (t !== "light" && matchMedia("(prefers-color-scheme: dark)").matches);
  document.documentElement.classList.toggle("dark", d);
} catch {
  // No storage (private mode): the page keeps the light theme.
}
