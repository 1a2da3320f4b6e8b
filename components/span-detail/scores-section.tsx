"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { SpanPublic } from "@/lib/opik/client";
import { formatInstant } from "@/lib/span-detail/format";
import { setKeyScore, useKeyScore } from "@/lib/span-detail/key-score";
import { useDeleteScore, useScoreSpan } from "@/lib/spans/mutations";
import { spanScoreNamesQuery } from "@/lib/spans/queries";
import { ConfirmButton } from "./confirm-button";
import { ScoreForm, type ScoreDraft } from "./score-form";

type Score = NonNullable<SpanPublic["feedback_scores"]>[number];
const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

/**
 * Feedback scores: each with its value, category, reason, source, authors and every author's own
 * value; add, change and delete (optimistic, rolled back with a notice on failure), and the score
 * the number keys set.
 */
export function ScoresSection({ span, projectId }: { span: SpanPublic; projectId: string }) {
  const scores = span.feedback_scores ?? [];
  const names = useQuery(spanScoreNamesQuery({ project_id: projectId }));
  const keyScore = useKeyScore(projectId);
  const score = useScoreSpan();
  const remove = useDeleteScore();
  const [editing, setEditing] = useState<string | null>(null);
  const known = [...new Set([...(names.data ?? []).map((n) => n.name), ...scores.map((s) => s.name)])].sort();
  const save = (d: ScoreDraft) => score.mutate({ span_id: span.id, ...d });

  return (
    <section aria-label="Feedback scores" className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold">Feedback scores</h2>
        <label className="ml-auto flex items-center gap-1 text-xs">
          Number keys set
          <select
            value={keyScore}
            onChange={(e) => setKeyScore(projectId, e.target.value)}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-700 dark:bg-slate-900"
          >
            <option value="">(no score)</option>
            {[...new Set([...known, ...(keyScore ? [keyScore] : [])])].map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
      {scores.length === 0 ? <p className="text-sm text-slate-600 italic dark:text-slate-400">No scores yet.</p> : null}
      <ul aria-label="Scores" className="space-y-2">
        {scores.map((s) => (
          <li key={s.name} aria-label={s.name} className="rounded border border-slate-200 p-2 text-sm dark:border-slate-800">
            {editing === s.name ? (
              <ScoreForm
                initial={{ name: s.name, value: s.value, category_name: s.category_name, reason: s.reason }}
                submitText="Save score"
                onCancel={() => setEditing(null)}
                onSubmit={(d) => {
                  save(d);
                  setEditing(null);
                }}
              />
            ) : (
              <ScoreView
                score={s}
                onEdit={() => setEditing(s.name)}
                onDelete={() => remove.mutate({ span_id: span.id, name: s.name })}
              />
            )}
          </li>
        ))}
      </ul>
      <details className="rounded border border-dashed border-slate-300 p-2 dark:border-slate-700">
        <summary className="cursor-pointer text-sm font-medium">Add a score</summary>
        <div className="mt-2">
          <ScoreForm names={known} submitText="Add score" onSubmit={save} />
        </div>
      </details>
    </section>
  );
}

function ScoreView({ score, onEdit, onDelete }: { score: Score; onEdit(): void; onDelete(): void }) {
  const authors = Object.entries(score.value_by_author ?? {});
  const who = score.last_updated_by ?? score.created_by;
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2">
        <span className="font-semibold">{score.name}</span>
        <span className="rounded bg-emerald-100 px-1.5 font-mono text-emerald-900 dark:bg-emerald-950 dark:text-emerald-200">{score.value}</span>
        {score.category_name ? <span className="rounded bg-slate-200 px-1.5 dark:bg-slate-800">{score.category_name}</span> : null}
        {score.source ? <span className="text-xs text-slate-600 dark:text-slate-400">source: {score.source}</span> : null}
        {who ? <span className="text-xs text-slate-600 dark:text-slate-400">by {who}</span> : null}
        {score.last_updated_at ? <span className="text-xs text-slate-600 dark:text-slate-400">{formatInstant(score.last_updated_at)}</span> : null}
        <span className="ml-auto flex gap-1">
          <button type="button" className={small} onClick={onEdit} aria-label={`Change the score ${score.name}`}>
            Edit
          </button>
          <ConfirmButton
            label={`Delete the score ${score.name}`}
            title={`Delete the score “${score.name}”?`}
            message={<p>The score and its reason are removed from this span.</p>}
            confirmText="Delete score"
            onConfirm={onDelete}
            className={small}
          >
            Delete
          </ConfirmButton>
        </span>
      </div>
      {score.reason ? <p className="text-sm break-words whitespace-pre-wrap">{score.reason}</p> : null}
      {authors.length ? (
        <table className="mt-1 text-xs">
          <caption className="sr-only">Values by author for {score.name}</caption>
          <thead>
            <tr className="text-left text-slate-600 dark:text-slate-400">
              <th className="pr-3 font-medium">Author</th>
              <th className="pr-3 font-medium">Value</th>
              <th className="pr-3 font-medium">Category</th>
              <th className="font-medium">Reason</th>
            </tr>
          </thead>
          <tbody>
            {authors.map(([author, v]) => (
              <tr key={author}>
                <td className="pr-3">{author}</td>
                <td className="pr-3 font-mono">{v.value}</td>
                <td className="pr-3">{v.category_name ?? "–"}</td>
                <td className="break-words">{v.reason ?? "–"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </div>
  );
}
