"use client";

import { useEffect, useRef, useState } from "react";
import { Modal } from "@/components/ui/modal";
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
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} width="w-96 max-w-[90vw]">
      <table className="w-full">
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
      <p className="text-xs text-slate-600 dark:text-slate-400">Shortcuts never fire while you type in a field.</p>
    </Modal>
  );
}
