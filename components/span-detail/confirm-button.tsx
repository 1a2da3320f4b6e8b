"use client";

import { useId, useRef, type ReactNode } from "react";

type Props = {
  /** The button's text. */
  children: ReactNode;
  /** Accessible name of the button when its text is not enough ("Delete the score helpfulness"). */
  label?: string;
  title: string;
  message: ReactNode;
  confirmText: string;
  onConfirm(): void;
  className?: string;
};

/**
 * A destructive action behind a confirmation: a native modal <dialog> (focus trapped, Esc cancels)
 * whose default button is Cancel.
 */
export function ConfirmButton({ children, label, title, message, confirmText, onConfirm, className }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  return (
    <>
      <button type="button" aria-label={label} onClick={() => dialog.current?.showModal()} className={className}>
        {children}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onKeyDown={(e) => e.stopPropagation()}
        className="m-auto max-w-md rounded-lg border border-slate-300 bg-white p-5 text-slate-900 shadow-xl backdrop:bg-slate-900/40 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {title}
        </h2>
        <div className="mt-2 text-sm">{message}</div>
        <div className="mt-4 flex justify-end gap-2">
          <button type="button" autoFocus onClick={() => dialog.current?.close()} className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-600">
            Cancel
          </button>
          <button
            type="button"
            onClick={() => {
              dialog.current?.close();
              onConfirm();
            }}
            className="rounded bg-red-700 px-3 py-1 text-sm font-medium text-white hover:bg-red-800"
          >
            {confirmText}
          </button>
        </div>
      </dialog>
    </>
  );
}
