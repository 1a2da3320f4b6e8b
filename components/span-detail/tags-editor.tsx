"use client";

import { useState } from "react";
import { errorMessage } from "@/lib/actions/result";
import { useUpdateSpan } from "@/lib/spans/mutations";

/** The span's tags: remove one with its ✕, add one with the field. Saved through updateSpan. */
export function TagsEditor({ spanId, tags }: { spanId: string; tags: string[] }) {
  const update = useUpdateSpan();
  const [draft, setDraft] = useState("");
  const save = (next: string[]) => update.mutateAsync({ id: spanId, tags: next });
  const add = () => {
    const tag = draft.trim();
    if (!tag || tags.includes(tag)) return setDraft("");
    save([...tags, tag]).then(() => setDraft(""), () => undefined);
  };
  return (
    <div className="space-y-2">
      {tags.length ? (
        <ul aria-label="Tags of the span" className="flex flex-wrap gap-1">
          {tags.map((t) => (
            <li key={t} className="flex items-center gap-1 rounded-full bg-slate-200 px-2 py-0.5 text-xs dark:bg-slate-800">
              <span>{t}</span>
              <button type="button" aria-label={`Remove the tag ${t}`} disabled={update.isPending} onClick={() => save(tags.filter((x) => x !== t)).catch(() => undefined)}>
                ✕
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="text-sm text-slate-600 italic dark:text-slate-400">No tags.</p>
      )}
      <form
        className="flex gap-2"
        onSubmit={(e) => {
          e.preventDefault();
          add();
        }}
      >
        <input
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          maxLength={200}
          aria-label="New tag"
          placeholder="Add a tag"
          className="min-w-0 flex-1 rounded border border-slate-300 bg-white px-2 py-0.5 text-sm dark:border-slate-700 dark:bg-slate-900"
        />
        <button type="submit" disabled={update.isPending || !draft.trim()} className="rounded border border-slate-300 px-2 py-0.5 text-sm disabled:opacity-50 dark:border-slate-700">
          Add tag
        </button>
      </form>
      {update.isError ? (
        <p role="alert" className="text-sm text-red-800 dark:text-red-300">
          The tags were not saved: {errorMessage(update.error)}
        </p>
      ) : null}
    </div>
  );
}
