"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { errorMessage, unwrap } from "@/lib/actions/result";
import { deleteSpansBulk, updateSpanTags } from "@/lib/spans/bulk-actions";
import { scoreSpans } from "@/lib/spans/feedback-actions";
import { spanKeys } from "@/lib/spans/queries";
import { notify } from "@/lib/ui/notices";
import type { SpanRef } from "./use-selection";

const control = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
const button = "rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-50 focus-visible:outline-2 focus-visible:outline-sky-600 dark:border-slate-700 dark:hover:bg-slate-800";
const plural = (n: number) => `${n.toLocaleString("en-US")} span${n === 1 ? "" : "s"}`;

/** Actions on the selected spans: score, add/remove tags, delete. Lazy-loaded with the first selection. */
export function BulkBar({ projectId, selected, onClear }: { projectId: string; selected: SpanRef[]; onClear(): void }) {
  const [panel, setPanel] = useState<null | "score" | "tags" | "delete">(null);
  const toggle = (p: NonNullable<typeof panel>) => setPanel((c) => (c === p ? null : p));
  return (
    <section aria-label="Bulk actions" className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950/40">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium" aria-live="polite">
          {plural(selected.length)} selected
        </p>
        <button type="button" className={button} aria-expanded={panel === "score"} onClick={() => toggle("score")}>
          Score selected
        </button>
        <button type="button" className={button} aria-expanded={panel === "tags"} onClick={() => toggle("tags")}>
          Edit tags
        </button>
        <button type="button" className={button} aria-expanded={panel === "delete"} onClick={() => toggle("delete")}>
          Delete selected
        </button>
        <button type="button" className="underline underline-offset-2" onClick={onClear}>
          Clear selection
        </button>
      </div>
      {panel === "score" ? <ScoreForm projectId={projectId} selected={selected} done={() => setPanel(null)} /> : null}
      {panel === "tags" ? <TagsForm selected={selected} done={() => setPanel(null)} /> : null}
      {panel === "delete" ? <DeleteConfirm selected={selected} done={() => { setPanel(null); onClear(); }} /> : null}
    </section>
  );
}

function useRefresh() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: spanKeys.all });
}

function ScoreForm({ projectId, selected, done }: { projectId: string; selected: SpanRef[]; done(): void }) {
  const refresh = useRefresh();
  const [name, setName] = useState("");
  const [value, setValue] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (v: number) =>
      unwrap(scoreSpans({ scores: selected.map((s) => ({ span_id: s.id, project_id: s.project_id ?? projectId, name: name.trim(), value: v, reason: reason.trim() || undefined })) })),
    onSuccess: (r) => {
      notify(`Scored ${plural(r.scored)} with “${name.trim()}”.`, "info");
      void refresh();
      done();
    },
    onError: (e) => setError(`The scores were not saved: ${errorMessage(e)}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const v = Number(value);
    if (!name.trim()) return setError("Score name is required.");
    if (value.trim() === "" || !Number.isFinite(v)) return setError("Score value must be a number.");
    setError(null);
    mutation.mutate(v);
  };
  return (
    <form onSubmit={submit} aria-label="Score selected spans" noValidate className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-0.5">
        <span>Score name</span>
        <input value={name} onChange={(e) => setName(e.target.value)} className={control} />
      </label>
      <label className="flex flex-col gap-0.5">
        <span>Score value</span>
        <input value={value} inputMode="decimal" onChange={(e) => setValue(e.target.value)} className={`${control} w-24`} />
      </label>
      <label className="flex flex-col gap-0.5">
        <span>Reason (optional)</span>
        <input value={reason} onChange={(e) => setReason(e.target.value)} className={control} />
      </label>
      <button type="submit" className={button} disabled={mutation.isPending}>
        {mutation.isPending ? "Scoring…" : `Score ${plural(selected.length)}`}
      </button>
      {error ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{error}</p> : null}
    </form>
  );
}

const splitTags = (text: string) => [...new Set(text.split(",").map((t) => t.trim()).filter(Boolean))];

function TagsForm({ selected, done }: { selected: SpanRef[]; done(): void }) {
  const refresh = useRefresh();
  const [add, setAdd] = useState("");
  const [remove, setRemove] = useState("");
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => unwrap(updateSpanTags({ spans: selected, add: splitTags(add), remove: splitTags(remove) })),
    onSuccess: (r) => {
      notify(`Updated the tags of ${plural(r.updated)}.`, "info");
      void refresh();
      done();
    },
    onError: (e) => setError(`The tags were not changed: ${errorMessage(e)}`),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (splitTags(add).length + splitTags(remove).length === 0) return setError("Give at least one tag to add or remove.");
    setError(null);
    mutation.mutate();
  };
  return (
    <form onSubmit={submit} aria-label="Edit tags of selected spans" noValidate className="flex flex-wrap items-end gap-2">
      <label className="flex flex-col gap-0.5">
        <span>Tags to add (comma-separated)</span>
        <input value={add} onChange={(e) => setAdd(e.target.value)} className={control} />
      </label>
      <label className="flex flex-col gap-0.5">
        <span>Tags to remove (comma-separated)</span>
        <input value={remove} onChange={(e) => setRemove(e.target.value)} className={control} />
      </label>
      <button type="submit" className={button} disabled={mutation.isPending}>
        {mutation.isPending ? "Saving…" : "Apply tags"}
      </button>
      {error ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{error}</p> : null}
    </form>
  );
}

function DeleteConfirm({ selected, done }: { selected: SpanRef[]; done(): void }) {
  const refresh = useRefresh();
  const [error, setError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => unwrap(deleteSpansBulk({ ids: selected.slice(0, 1000).map((s) => s.id) })),
    onSuccess: (r) => {
      void refresh();
      if (r.error) {
        const why = r.error.kind === "not_supported" ? "This Opik server cannot delete single spans; spans go away only with their trace or project." : r.error.userMessage;
        setError(`${r.deleted.length ? `Deleted ${plural(r.deleted.length)}; ` : ""}${plural(r.failed)} not deleted. ${why}`);
        return;
      }
      notify(`Deleted ${plural(r.deleted.length)}.`, "info");
      done();
    },
    onError: (e) => setError(`Nothing was deleted: ${errorMessage(e)}`),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p>
        Delete {plural(Math.min(selected.length, 1000))} with their scores and comments? This cannot be undone.
        {selected.length > 1000 ? " (At most 1000 at a time.)" : ""}
      </p>
      <button type="button" className={`${button} border-red-400 text-red-800 dark:text-red-300`} disabled={mutation.isPending} onClick={() => mutation.mutate()}>
        {mutation.isPending ? "Deleting…" : "Yes, delete"}
      </button>
      {error ? <p role="alert" className="w-full text-red-700 dark:text-red-400">{error}</p> : null}
    </div>
  );
}
