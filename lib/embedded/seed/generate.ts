import { v7 } from "uuid";
import type { SpanWrite } from "@/lib/opik/schemas/spans";
import type { TraceWrite } from "@/lib/opik/schemas/traces";
import { newConversation } from "./payloads";
import { Prng } from "./prng";
import { commentTrace, reviewTrace, type SeedComment, type SeedScore } from "./reviews";
import { buildTrace } from "./templates";
import { TraceBuilder } from "./trace-builder";
import {
  AGENT_VERSIONS, ENVIRONMENT_WEIGHTS, ENVIRONMENTS, PROMPT_VERSION_WEIGHTS, PROMPT_VERSIONS, REGION_WEIGHTS, REGIONS,
  TAGS, TIER_WEIGHTS, TIERS, USER_COUNT,
} from "./vocab";

/**
 * Streams demo traces in Opik's wire shapes, `batchSize` spans at a time, so a million spans never
 * sit in memory at once. Deterministic: the same options (seed and end instant included) give the
 * same batches. Traces are laid out in time order across the window, so ids (UUIDv7 of each span's
 * start) grow with position and `from_time`/`to_time` select proportional slices.
 */

export type SeedBatch = { spans: SpanWrite[]; traces: TraceWrite[]; scores: SeedScore[]; comments: SeedComment[] };

export type GenerateOptions = {
  projectName: string;
  /** Exact number of spans to produce; the last trace is cut short to hit it. */
  spans: number;
  seed?: number;
  /** End of the time window (epoch ms); defaults to now. Fix it for reproducible output. */
  endMs?: number;
  days?: number;
  batchSize?: number;
};

export const DEFAULT_SEED = 42;
const AVG_SPANS_PER_TRACE = 9;

type Session = { id: string; userId: string; environment: string; region: string; tier: string; promptVersion: string; agentVersion: string; tags: string[] };

function newSession(rng: Prng): Session {
  const environment = rng.weighted(ENVIRONMENTS, ENVIRONMENT_WEIGHTS);
  const tags = ["support-agent", ...rng.sample(TAGS.slice(1), rng.weighted([0, 1, 2], [40, 40, 20]))];
  if (environment !== "production") tags.push(environment === "staging" ? "beta" : "eval");
  return {
    id: `sess_${rng.hex(12)}`,
    userId: `user_${String(rng.skewed(USER_COUNT)).padStart(4, "0")}`,
    environment,
    region: rng.weighted(REGIONS, REGION_WEIGHTS),
    tier: rng.weighted(TIERS, TIER_WEIGHTS),
    promptVersion: rng.weighted(PROMPT_VERSIONS, PROMPT_VERSION_WEIGHTS),
    agentVersion: rng.pick(AGENT_VERSIONS),
    tags: [...new Set(tags)],
  };
}

export function* generateBatches(options: GenerateOptions): Generator<SeedBatch> {
  const total = Math.max(0, Math.floor(options.spans));
  const batchSize = options.batchSize ?? 1000;
  const rng = new Prng(options.seed ?? DEFAULT_SEED);
  const endMs = options.endMs ?? Date.now();
  const windowMicros = (options.days ?? 14) * 86_400_000_000;
  const startMicros = endMs * 1000 - windowMicros;
  const nowMicros = endMs * 1000;
  // Traces start in order across the window; the last ones must end before `endMs`.
  const usable = windowMicros - 120_000_000;
  const step = usable / Math.max(1, total / AVG_SPANS_PER_TRACE);

  let emitted = 0;
  let batch: SeedBatch = { spans: [], traces: [], scores: [], comments: [] };
  let session = newSession(rng);
  let cursor = startMicros;

  while (emitted < total) {
    if (rng.chance(0.35)) session = newSession(rng);
    // Position follows progress through the span budget, with jitter, so the window fills evenly.
    const progress = startMicros + (emitted / total) * usable;
    cursor = Math.min(startMicros + usable, Math.max(cursor + 1000, progress + Math.floor(rng.next() * step)));
    const start = Math.floor(cursor);
    const traceId = v7({ msecs: Math.floor(start / 1000), random: rng.bytes16() });
    const builder = new TraceBuilder(
      rng,
      { projectName: options.projectName, traceId, environment: session.environment, userId: session.userId, sessionId: session.id, promptVersion: session.promptVersion, tags: session.tags },
      total - emitted,
    );
    const conversation = newConversation(rng);
    const built = buildTrace(builder, rng, conversation, session.userId, session.id, start);
    const root = built.root?.span;
    if (root) {
      Object.assign(root.metadata as Record<string, unknown>, {
        region: session.region,
        customer_tier: session.tier,
        prompt_version: session.promptVersion,
        agent: { name: "support-agent", version: session.agentVersion },
      });
      batch.traces.push(traceOf(root, session.id));
    }
    const scores: SeedScore[] = [];
    const comments: SeedComment[] = [];
    reviewTrace(rng, built, scores);
    commentTrace(rng, built, built.end, nowMicros, comments);

    // Split the trace's spans over batches; its scores and comments go with its last span, so
    // they are written after every span they refer to.
    const spans = builder.spans;
    for (let i = 0; i < spans.length; i++) {
      batch.spans.push(spans[i]!);
      emitted++;
      if (batch.spans.length === batchSize && i < spans.length - 1) {
        yield batch;
        batch = { spans: [], traces: [], scores: [], comments: [] };
      }
    }
    batch.scores.push(...scores);
    batch.comments.push(...comments);
    if (batch.spans.length >= batchSize) {
      yield batch;
      batch = { spans: [], traces: [], scores: [], comments: [] };
    }
  }
  if (batch.spans.length > 0 || batch.scores.length > 0) yield batch;
}

function traceOf(root: SpanWrite, threadId: string): TraceWrite {
  return {
    id: root.trace_id,
    project_name: root.project_name,
    name: root.name,
    start_time: root.start_time,
    end_time: root.end_time,
    input: root.input,
    output: root.output,
    metadata: root.metadata,
    tags: root.tags,
    error_info: root.error_info,
    last_updated_at: null,
    thread_id: threadId,
    ttft: null,
    source: "sdk",
    environment: root.environment,
  };
}
