import { v7 } from "uuid";
import { formatInstant } from "@/lib/opik/instant";
import type { SpanWrite } from "@/lib/opik/schemas/spans";
import type { Prng } from "./prng";
import type { IO } from "./payloads";
import { ERROR_RATE, ERRORS, type ModelSpec } from "./vocab";

/**
 * Builds the spans of one trace. Spans are opened parent-first (so each id's UUIDv7 timestamp is
 * its start time) and closed once their children have run, which gives every parent an end time
 * that covers its children, as a real tracer does.
 */

export type SpanType = "general" | "tool" | "llm" | "guardrail";
export const MAX_DEPTH = 5;

/** Fields every span of the trace shares. */
export type TraceShared = {
  projectName: string;
  traceId: string;
  environment: string;
  userId: string;
  sessionId: string;
  promptVersion: string;
  tags: string[];
};

export type Node = { span: SpanWrite; depth: number; failed: boolean };

export type LlmCall = { spec: ModelSpec; promptTokens: number; completionTokens: number; temperature?: number };

const ms = (micros: number) => Math.floor(micros / 1000);

export class TraceBuilder {
  readonly spans: SpanWrite[] = [];

  constructor(
    private readonly rng: Prng,
    private readonly shared: TraceShared,
    private budget: number,
  ) {}

  get exhausted(): boolean {
    return this.budget <= 0;
  }

  /** A new span id whose v7 timestamp is the given start instant. */
  id(startMicros: number): string {
    return v7({ msecs: ms(startMicros), random: this.rng.bytes16() });
  }

  /**
   * Opens a span under `parent` (null for the root). Returns null when the trace's span budget is
   * spent or the depth limit would be passed; callers then skip that subtree.
   */
  open(parent: Node | null, name: string, type: SpanType, start: number, meta: Record<string, unknown> = {}): Node | null {
    const depth = parent ? parent.depth + 1 : 1;
    if (this.budget <= 0 || depth > MAX_DEPTH) return null;
    this.budget--;
    const s = this.shared;
    const span: SpanWrite = {
      id: this.id(start),
      project_name: s.projectName,
      trace_id: s.traceId,
      parent_span_id: parent ? parent.span.id : null,
      name,
      type,
      start_time: formatInstant(start),
      end_time: null,
      input: undefined,
      output: undefined,
      metadata: { environment: s.environment, user_id: s.userId, session_id: s.sessionId, ...meta },
      model: null,
      provider: null,
      tags: parent ? (this.rng.chance(0.4) ? s.tags.slice(0, 1) : null) : s.tags,
      usage: null,
      error_info: null,
      last_updated_at: null,
      total_estimated_cost: null,
      total_estimated_cost_version: null,
      ttft: null,
      source: "sdk",
      environment: s.environment,
    };
    this.spans.push(span);
    return { span, depth, failed: false };
  }

  /**
   * Closes a span: sets its end, payload and — with probability ERROR_RATE, or when `fail` says so
   * — an error with a Python traceback, in which case tool and llm spans have no output.
   */
  close(node: Node, end: number, io: IO, fail?: boolean): number {
    const span = node.span;
    span.end_time = formatInstant(end);
    span.input = io.input;
    const type = span.type as SpanType;
    if (fail ?? this.rng.chance(ERROR_RATE)) {
      node.failed = true;
      span.error_info = this.errorInfo(type, span.name ?? "");
      if (type === "tool" || type === "llm") return end;
    }
    span.output = io.output;
    return end;
  }

  /** Model, usage, ttft and (for models the server cannot price) the SDK-reported cost. */
  llm(node: Node, call: LlmCall, durationMs: number): void {
    const span = node.span;
    span.model = call.spec.model;
    span.provider = call.spec.provider;
    const total = call.promptTokens + call.completionTokens;
    span.usage = { prompt_tokens: call.promptTokens, completion_tokens: call.completionTokens, total_tokens: total };
    if (call.spec.pricePerM) {
      const [inPrice, outPrice] = call.spec.pricePerM;
      span.total_estimated_cost = Math.round(((call.promptTokens * inPrice + call.completionTokens * outPrice) / 1e6) * 1e9) / 1e9;
      span.total_estimated_cost_version = "sdk";
    }
    if (call.completionTokens > 0) span.ttft = Math.round(durationMs * (0.12 + this.rng.next() * 0.3) * 1000) / 1000;
    const meta = span.metadata as Record<string, unknown>;
    meta.prompt_version = this.shared.promptVersion;
    if (call.temperature !== undefined) meta.temperature = call.temperature;
    meta.max_tokens = call.completionTokens > 0 ? 1024 : undefined;
    if (meta.max_tokens === undefined) delete meta.max_tokens;
  }

  private errorInfo(type: SpanType, spanName: string) {
    const spec = this.rng.pick(ERRORS[type]);
    const lines = ["Traceback (most recent call last):"];
    lines.push(`  File "/app/agent/runner.py", line ${this.rng.range(90, 180)}, in run_step`);
    lines.push(`    result = await self._invoke("${spanName}", payload)`);
    for (const frame of spec.frames) {
      lines.push(`  File "${frame}`);
      lines.push(`    ${frame.includes("site-packages") ? "return self._retry_request(options, cast_to, retries_taken)" : "response = client.call(**kwargs)"}`);
    }
    lines.push(`    ${spec.last}`);
    lines.push(`${spec.type}: ${spec.message}`);
    return { exception_type: spec.type, message: spec.message, traceback: lines.join("\n") };
  }
}
