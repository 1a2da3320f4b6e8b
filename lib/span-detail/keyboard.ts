/**
 * Keyboard-first annotation: which key does what, and the rule that shortcuts never fire while the
 * person types (inputs, textareas, selects, contenteditable) or holds a modifier (so Ctrl+C, Cmd+K
 * and AltGr characters keep their meaning).
 */
export type ShortcutAction = "next" | "prev" | "comment" | "help" | "close" | { score: number };

export const SHORTCUTS: readonly { keys: string; does: string }[] = [
  { keys: "j", does: "Next span" },
  { keys: "k", does: "Previous span" },
  { keys: "0 – 9", does: "Set the chosen score to that value" },
  { keys: "c", does: "Write a comment" },
  { keys: "?", does: "Show this list" },
  { keys: "Esc", does: "Close the panel or this list" },
  { keys: "↑ ↓", does: "Move in the span tree" },
  { keys: "← →", does: "Collapse / expand in the span tree" },
  { keys: "Enter", does: "Open the span under focus in the tree" },
];

type KeyLike = { key: string; ctrlKey?: boolean; metaKey?: boolean; altKey?: boolean; target?: unknown; defaultPrevented?: boolean };

type ElementLike = { tagName?: string; isContentEditable?: boolean; closest?: (s: string) => unknown; type?: string };

/** True when the key goes to something the person is typing into. */
export function isTypingTarget(target: unknown): boolean {
  if (!target || typeof target !== "object") return false;
  const el = target as ElementLike;
  const tag = (el.tagName ?? "").toUpperCase();
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag === "INPUT") return !["checkbox", "radio", "button", "submit", "reset"].includes((el.type ?? "text").toLowerCase());
  if (el.isContentEditable) return true;
  return false;
}

/** The action for a key press, or null when it is not a shortcut here (or must not fire). */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return null;
  if (isTypingTarget(event.target)) return null;
  if (event.key === "Escape") return "close";
  switch (event.key) {
    case "j":
      return "next";
    case "k":
      return "prev";
    case "c":
      return "comment";
    case "?":
      return "help";
  }
  if (/^[0-9]$/.test(event.key)) return { score: Number(event.key) };
  return null;
}
