"use client";

import { useState, type RefObject } from "react";
import type { SpanPublic } from "@/lib/opik/client";
import { formatInstant } from "@/lib/span-detail/format";
import { PENDING_COMMENT_PREFIX, useAddComment, useDeleteComments, useUpdateComment } from "@/lib/spans/comment-mutations";
import { MAX_COMMENT } from "@/lib/spans/inputs";
import { ConfirmButton } from "./confirm-button";
import { Markdown } from "./lazy-markdown";

type Comment = NonNullable<SpanPublic["comments"]>[number];
const small = "rounded border border-slate-300 px-1.5 py-0.5 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800";

const byTime = (a: Comment, b: Comment) => (a.created_at ?? "").localeCompare(b.created_at ?? "");

/**
 * The span's comment thread, oldest first: markdown (sanitised), edit, delete with confirmation,
 * a 5,000-character limit with a counter. A comment that fails to send comes back into the box.
 */
export function CommentsSection({ span, textareaRef }: { span: SpanPublic; textareaRef?: RefObject<HTMLTextAreaElement | null> }) {
  const comments = [...(span.comments ?? [])].sort(byTime);
  const add = useAddComment();
  const [draft, setDraft] = useState("");
  const [editing, setEditing] = useState<string | null>(null);
  const remove = useDeleteComments();

  const send = () => {
    const text = draft.trim();
    if (!text || text.length > MAX_COMMENT) return;
    setDraft("");
    // The draft survives a failed send: put it back unless something new was typed meanwhile.
    add.mutate({ span_id: span.id, text }, { onError: () => setDraft((now) => (now ? now : text)) });
  };

  return (
    <section aria-label="Comments" className="space-y-3 rounded-lg border border-slate-200 p-3 dark:border-slate-800">
      <h2 className="text-base font-semibold">Comments{comments.length ? ` (${comments.length})` : ""}</h2>
      {comments.length === 0 ? <p className="text-sm text-slate-600 italic dark:text-slate-400">No comments yet.</p> : null}
      <ol aria-label="Comment thread" className="space-y-2">
        {comments.map((c) => (
          <li key={c.id} aria-label={`Comment by ${c.created_by ?? "someone"}`} className={`rounded border border-slate-200 p-2 dark:border-slate-800 ${c.id.startsWith(PENDING_COMMENT_PREFIX) ? "opacity-60" : ""}`}>
            {editing === c.id ? (
              <EditComment
                comment={c}
                spanId={span.id}
                onDone={() => setEditing(null)}
              />
            ) : (
              <>
                <div className="mb-1 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                  <span className="font-semibold text-slate-800 dark:text-slate-200">{c.created_by ?? "unknown author"}</span>
                  <time dateTime={c.created_at}>{formatInstant(c.created_at)}</time>
                  {c.last_updated_at && c.created_at && c.last_updated_at !== c.created_at ? <span>(edited)</span> : null}
                  {c.id.startsWith(PENDING_COMMENT_PREFIX) ? <span>sending…</span> : null}
                  <span className="ml-auto flex gap-1">
                    <button type="button" className={small} disabled={c.id.startsWith(PENDING_COMMENT_PREFIX)} onClick={() => setEditing(c.id)}>
                      Edit
                    </button>
                    <ConfirmButton
                      label="Delete comment"
                      title="Delete this comment?"
                      message={<p>The comment is removed for everyone.</p>}
                      confirmText="Delete comment"
                      onConfirm={() => remove.mutate({ span_id: span.id, ids: [c.id] })}
                      className={small}
                    >
                      Delete
                    </ConfirmButton>
                  </span>
                </div>
                <Markdown text={c.text} />
              </>
            )}
          </li>
        ))}
      </ol>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          send();
        }}
        className="space-y-1"
      >
        <CommentBox value={draft} onChange={setDraft} label="New comment" textareaRef={textareaRef} onSubmit={send} />
        <button type="submit" disabled={!draft.trim() || draft.length > MAX_COMMENT} className="rounded bg-sky-700 px-3 py-1 text-sm font-medium text-white disabled:opacity-50">
          Comment
        </button>
      </form>
    </section>
  );
}

function CommentBox({ value, onChange, label, textareaRef, onSubmit }: { value: string; onChange(v: string): void; label: string; textareaRef?: RefObject<HTMLTextAreaElement | null>; onSubmit(): void }) {
  const over = value.length > MAX_COMMENT;
  return (
    <div>
      <textarea
        ref={textareaRef}
        aria-label={label}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            onSubmit();
          }
        }}
        rows={3}
        placeholder="Markdown is supported. Ctrl+Enter sends."
        aria-invalid={over}
        className="w-full rounded border border-slate-300 bg-white p-2 text-sm dark:border-slate-700 dark:bg-slate-900"
      />
      <p aria-live="polite" className={`text-right text-xs ${over ? "font-semibold text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-400"}`}>
        {value.length.toLocaleString("en-US")} / {MAX_COMMENT.toLocaleString("en-US")}
        {over ? " — too long" : ""}
      </p>
    </div>
  );
}

function EditComment({ comment, spanId, onDone }: { comment: Comment; spanId: string; onDone(): void }) {
  const update = useUpdateComment();
  const [text, setText] = useState(comment.text);
  const save = () => {
    const t = text.trim();
    if (!t || t.length > MAX_COMMENT) return;
    update.mutate({ span_id: spanId, comment_id: comment.id, text: t });
    onDone();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
      className="space-y-1"
    >
      <CommentBox value={text} onChange={setText} label="Edit comment" onSubmit={save} />
      <div className="flex gap-2">
        <button type="submit" disabled={!text.trim() || text.length > MAX_COMMENT} className="rounded bg-sky-700 px-3 py-1 text-sm text-white disabled:opacity-50">
          Save comment
        </button>
        <button type="button" onClick={onDone} className="rounded border border-slate-300 px-3 py-1 text-sm dark:border-slate-700">
          Cancel
        </button>
      </div>
    </form>
  );
}
