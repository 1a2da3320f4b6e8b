import { z } from "zod";
import { Id, Instant, Page, ProjectName, Text, pageSize } from "@/lib/actions/fields";
import { FeedbackScoreWrite } from "@/lib/opik/schemas/scores";
import { SpanWrite } from "@/lib/opik/schemas/spans";
import { SpanFilters } from "./filters";

/**
 * The input contract of every span action. The browser can send anything, so each action re-parses
 * its input with one of these; they double as the types the UI builds requests with.
 */
export const SPAN_TYPES = ["general", "tool", "llm", "guardrail"] as const;

/**
 * Fields Opik lets a read leave out (§8.3), less `start_time`: the client's span contract needs it,
 * so a span without it would be refused as a bad answer.
 */
export const EXCLUDABLE = [
  "name", "type", "end_time", "input", "output", "metadata", "model", "provider", "tags", "usage",
  "error_info", "created_at", "created_by", "last_updated_by", "feedback_scores", "comments", "total_estimated_cost",
  "total_estimated_cost_version", "duration", "ttft", "source", "environment",
] as const;

/** Sortable span fields (§7); `feedback_scores.<name>` sorts by one score. */
export const SORTABLE = [
  "id", "name", "type", "trace_id", "parent_span_id", "input", "output", "metadata", "start_time", "end_time", "duration",
  "ttft", "usage", "usage.total_tokens", "usage.prompt_tokens", "usage.completion_tokens", "tags", "created_at",
  "last_updated_at", "model", "provider", "total_estimated_cost", "error_info", "created_by",
] as const;

const Sorting = z
  .array(
    z.object({
      field: z
        .string()
        .refine((f) => (SORTABLE as readonly string[]).includes(f) || /^feedback_scores\.\S.{0,254}$/.test(f), "is not a sortable span field"),
      direction: z.enum(["ASC", "DESC"]).default("DESC"),
    }),
  )
  .max(1, "Opik sorts by one field");

const Exclude = z.array(z.enum(EXCLUDABLE, { message: `must be one of ${EXCLUDABLE.join(", ")}` })).max(EXCLUDABLE.length);

const ProjectRef = z.object({ project_id: Id.optional(), project_name: ProjectName.optional() });
const needsProject = (p: { project_id?: string; project_name?: string }) => Boolean(p.project_id || p.project_name);
const PROJECT_REQUIRED = { message: "Either project_id or project_name must be given", path: ["project_id"] };

/** What narrows a set of spans: shared by the list, the stats and the export. */
const Criteria = ProjectRef.extend({
  trace_id: Id.optional(),
  type: z.enum(SPAN_TYPES).optional(),
  filters: SpanFilters.optional(),
  search: z.string().trim().max(1000, "must be at most 1000 characters").optional(),
  from_time: Instant.optional(),
  to_time: Instant.optional(),
});

export const ListSpansInput = Criteria.extend({
  page: Page,
  size: pageSize(50, 500),
  sorting: Sorting.optional(),
  exclude: Exclude.optional(),
  /** Tables want short previews: long input/output values are cut server-side (§8.1). */
  truncate: z.boolean().default(true),
}).refine(needsProject, PROJECT_REQUIRED);
export type ListSpansInput = z.input<typeof ListSpansInput>;

export const SpanStatsInput = Criteria.refine(needsProject, PROJECT_REQUIRED);
export type SpanStatsInput = z.input<typeof SpanStatsInput>;

/** The most spans one `searchSpans` call collects; larger exports use the streaming route. */
export const SEARCH_MAX = 5000;

export const SearchSpansInput = Criteria.omit({ search: true })
  .extend({
    limit: z.number().int().min(1).max(SEARCH_MAX, `must be at most ${SEARCH_MAX}`).default(1000),
    last_retrieved_id: Id.optional(),
    exclude: Exclude.optional(),
    truncate: z.boolean().default(true),
  })
  .refine(needsProject, PROJECT_REQUIRED);
export type SearchSpansInput = z.input<typeof SearchSpansInput>;

export const GetSpanInput = z.object({ id: Id, strip_attachments: z.boolean().optional() });
export type GetSpanInput = z.input<typeof GetSpanInput>;

export const GetTraceInput = z.object({ trace_id: Id, project_id: Id.optional() });
export type GetTraceInput = z.input<typeof GetTraceInput>;

export const SpanScoreNamesInput = z.object({ project_id: Id, type: z.enum(SPAN_TYPES).optional() });
export type SpanScoreNamesInput = z.input<typeof SpanScoreNamesInput>;

// ── writes ────────────────────────────────────────────────────────────────────────────────────────

export const MAX_IMPORT = 1000;
export const CreateSpanInput = SpanWrite;
export type CreateSpanInput = z.input<typeof CreateSpanInput>;
export const CreateSpansInput = z.object({
  spans: z.array(SpanWrite).min(1, "at least one span").max(MAX_IMPORT, `at most ${MAX_IMPORT} spans per call`),
});
export type CreateSpansInput = z.input<typeof CreateSpansInput>;

const Tag = Text(200);
export const UpdateSpanInput = z
  .object({
    id: Id,
    name: Text(1000).optional(),
    tags: z.array(Tag).max(100, "at most 100 tags").optional(),
    metadata: z.record(z.string(), z.unknown()).optional(),
  })
  .refine((u) => u.name !== undefined || u.tags !== undefined || u.metadata !== undefined, "Nothing to update: give a name, tags or metadata");
export type UpdateSpanInput = z.input<typeof UpdateSpanInput>;

export const DeleteSpanInput = z.object({ id: Id });
export type DeleteSpanInput = z.input<typeof DeleteSpanInput>;

// ── feedback ──────────────────────────────────────────────────────────────────────────────────────

/** Langfuse's limit; long enough for a review note, short enough to stay readable in a thread. */
export const MAX_COMMENT = 5000;
const CommentText = Text(MAX_COMMENT);

export const AddCommentInput = z.object({ span_id: Id, text: CommentText });
export type AddCommentInput = z.input<typeof AddCommentInput>;
export const GetCommentInput = z.object({ span_id: Id, comment_id: Id });
export type GetCommentInput = z.input<typeof GetCommentInput>;
export const UpdateCommentInput = z.object({ span_id: Id, comment_id: Id, text: CommentText });
export type UpdateCommentInput = z.input<typeof UpdateCommentInput>;
export const DeleteCommentsInput = z.object({
  span_id: Id.optional(),
  ids: z.array(Id).min(1, "at least one comment id").max(1000, "at most 1000 comment ids"),
});
export type DeleteCommentsInput = z.input<typeof DeleteCommentsInput>;

const Score = FeedbackScoreWrite.shape.value.refine(Number.isFinite, "must be a finite number");
const ScoreFields = {
  name: Text(255),
  value: Score,
  reason: z.string().max(MAX_COMMENT, `must be at most ${MAX_COMMENT} characters`).nullish(),
  category_name: z.string().max(255).nullish(),
};

export const ScoreSpanInput = z.object({ span_id: Id, ...ScoreFields });
export type ScoreSpanInput = z.input<typeof ScoreSpanInput>;
export const DeleteScoreInput = z.object({ span_id: Id, name: Text(255) });
export type DeleteScoreInput = z.input<typeof DeleteScoreInput>;
export const BatchScoreInput = z.object({
  scores: z
    .array(z.object({ span_id: Id, ...ProjectRef.shape, ...ScoreFields }).refine(needsProject, PROJECT_REQUIRED))
    .min(1, "at least one score")
    .max(5000, "at most 5000 scores per call"),
});
export type BatchScoreInput = z.input<typeof BatchScoreInput>;
