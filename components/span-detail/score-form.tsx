"use client";

import { useId, useState } from "react";

export type ScoreDraft = { name: string; value: number; category_name?: string | null; reason?: string | null };

type Props = {
  /** Editing an existing score: the name is fixed. */
  initial?: ScoreDraft;
  names?: string[];
  submitText: string;
  onSubmit(draft: ScoreDraft): void;
  onCancel?(): void;
};

const field = "rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900";

/** Add or change a score: name (autocompleted from the project's score names), numeric or categorical. */
export function ScoreForm({ initial, names = [], submitText, onSubmit, onCancel }: Props) {
  const id = useId();
  const [name, setName] = useState(initial?.name ?? "");
  const [kind, setKind] = useState<"numeric" | "categorical">(initial?.category_name ? "categorical" : "numeric");
  const [value, setValue] = useState(initial ? String(initial.value) : "");
  const [category, setCategory] = useState(initial?.category_name ?? "");
  const [reason, setReason] = useState(initial?.reason ?? "");
  const number = Number(value);
  const valid = name.trim() !== "" && value.trim() !== "" && Number.isFinite(number) && (kind === "numeric" || category.trim() !== "");

  return (
    <form
      aria-label={initial ? `Change the score ${initial.name}` : "Add a score"}
      className="grid gap-2 text-sm sm:grid-cols-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        onSubmit({ name: name.trim(), value: number, category_name: kind === "categorical" ? category.trim() : null, reason: reason.trim() || null });
        if (!initial) {
          setValue("");
          setReason("");
          setCategory("");
        }
      }}
    >
      {initial ? null : (
        <label className="flex flex-col gap-0.5">
          Score name
          <input list={`${id}-names`} value={name} onChange={(e) => setName(e.target.value)} maxLength={255} className={field} autoComplete="off" />
          <datalist id={`${id}-names`}>
            {names.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </label>
      )}
      <label className="flex flex-col gap-0.5">
        Kind
        <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={field}>
          <option value="numeric">numeric</option>
          <option value="categorical">categorical</option>
        </select>
      </label>
      {kind === "categorical" ? (
        <label className="flex flex-col gap-0.5">
          Category
          <input value={category} onChange={(e) => setCategory(e.target.value)} maxLength={255} className={field} />
        </label>
      ) : null}
      <label className="flex flex-col gap-0.5">
        Value
        <input type="number" step="any" value={value} onChange={(e) => setValue(e.target.value)} className={field} />
      </label>
      <label className="flex flex-col gap-0.5 sm:col-span-2">
        Reason (optional)
        <textarea value={reason} onChange={(e) => setReason(e.target.value)} maxLength={5000} rows={2} className={field} />
      </label>
      <div className="flex gap-2 sm:col-span-2">
        <button type="submit" disabled={!valid} className="rounded bg-sky-700 px-3 py-1 font-medium text-white disabled:opacity-50">
          {submitText}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel} className="rounded border border-slate-300 px-3 py-1 dark:border-slate-700">
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
