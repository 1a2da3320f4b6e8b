"use client";

import { useEffect, useId, useRef, useState } from "react";
import { readKeyScore } from "@/lib/span-detail/key-score";
import { SHORTCUTS, shortcutFor } from "@/lib/span-detail/keyboard";
import { useScoreSpan } from "@/lib/spans/mutations";
import { notify } from "@/lib/ui/notices";

type Props = {
  spanId: string;
  projectId: string;
  onNext?(): void;
  onPrev?(): void;
  onClose?(): void;
  onComment(): void;
};

/**
 * Keyboard-first annotation for the span on screen: j/k, digits (the chosen score), c, ?, Esc.
 * Listens on the window in the capture phase and marks handled keys `defaultPrevented`, so a table
 * underneath (which should ignore prevented keys) does not act on them twice. Never fires while
 * the person types or while a dialog is open.
 */
export function AnnotationKeys({ spanId, projectId, onNext, onPrev, onClose, onComment }: Props) {
  const [help, setHelp] = useState(false);
  const score = useScoreSpan();
  const latest = useRef({ spanId, projectId, onNext, onPrev, onClose, onComment, mutate: score.mutate });
  useEffect(() => {
    latest.current = { spanId, projectId, onNext, onPrev, onClose, onComment, mutate: score.mutate };
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A modal dialog (confirmations, this help) owns the keyboard.
      if (document.querySelector("dialog[open]")) return;
      const action = shortcutFor(e);
      if (!action) return;
      const l = latest.current;
      if (action === "close") {
        if (!l.onClose) return;
        l.onClose();
      } else if (action === "next") {
        if (!l.onNext) return;
        l.onNext();
      } else if (action === "prev") {
        if (!l.onPrev) return;
        l.onPrev();
      } else if (action === "comment") l.onComment();
      else if (action === "help") setHelp(true);
      else {
        const name = readKeyScore(l.projectId);
        if (!name) {
          notify("Choose the score the number keys set (Feedback scores → “Number keys set”).", "info");
        } else {
          l.mutate({ span_id: l.spanId, name, value: action.score });
          notify(`${name} = ${action.score}`, "info");
        }
      }
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, []);

  return help ? <ShortcutsDialog onClose={() => setHelp(false)} /> : null;
}

function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    d?.showModal();
    return () => d?.close();
  }, []);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onClose={onClose}
      className="m-auto w-96 max-w-[90vw] rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <h2 id={titleId} className="mb-3 text-lg font-semibold">
        Keyboard shortcuts
      </h2>
      <table className="w-full text-sm">
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.keys}>
              <td className="py-0.5 pr-4">
                <kbd className="rounded border border-slate-300 px-1 font-mono dark:border-slate-600">{s.keys}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">Shortcuts never fire while you type in a field.</p>
      <button type="button" autoFocus onClick={onClose} className="mt-3 rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
        Close
      </button>
    </dialog>
  );
}
