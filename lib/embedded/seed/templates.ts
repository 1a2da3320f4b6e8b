import type { Prng } from "./prng";
import * as P from "./payloads";
import type { Conversation, IO } from "./payloads";
import type { Node, SpanType, TraceBuilder } from "./trace-builder";
import { CHAT_MODEL_WEIGHTS, CHAT_MODELS, EMBEDDING_MODEL, SMALL_MODELS, TEMPERATURES, type ModelSpec } from "./vocab";

/**
 * The shapes of trace the demo agent produces: a tool-using support agent (deepest: run → step →
 * retrieve_documents → rerank → rerank_llm), a RAG pipeline, a bare chat completion and a ticket
 * triage. Times are microseconds; every function returns the end of what it built.
 */

export type Built = { root: Node | null; answer: Node | null; retrievals: Node[] };
type Ctx = { b: TraceBuilder; rng: Prng; c: Conversation; userId: string; conversationId: string; built: Built };

const gap = (rng: Prng) => rng.range(80, 4000);
const chatModel = (rng: Prng) => rng.weighted(CHAT_MODELS, CHAT_MODEL_WEIGHTS);
const perToken = (spec: ModelSpec) => (/mini|haiku|flash|small/.test(spec.model) ? 7 : /sonnet|pro|4\.1$/.test(spec.model) ? 18 : 13);

function llm(x: Ctx, parent: Node | null, name: string, start: number, spec: ModelSpec, io: IO, prompt: number, completion: number): number {
  const node = x.b.open(parent, name, "llm", start);
  if (!node) return start;
  const durMs = (250 + completion * perToken(spec)) * x.rng.logNormal(1, 0.35);
  const temperature = completion > 0 ? x.rng.pick(TEMPERATURES) : undefined;
  x.b.llm(node, { spec, promptTokens: Math.round(prompt), completionTokens: Math.round(completion), temperature }, durMs);
  if (!parent) x.built.root = node;
  if (name === "call_llm" || !parent) x.built.answer = node;
  return x.b.close(node, start + Math.round(durMs * 1000), io);
}

function leaf(x: Ctx, parent: Node, name: string, type: SpanType, start: number, medianMs: number, io: IO, meta?: Record<string, unknown>): number {
  const node = x.b.open(parent, name, type, start, meta);
  if (!node) return start;
  return x.b.close(node, start + Math.round(x.rng.logNormal(medianMs, 0.6) * 1000), io);
}

/** Runs `children` sequentially inside a new span and closes it after the last one. */
function group(
  x: Ctx, parent: Node | null, name: string, type: SpanType, start: number, io: IO,
  children: (node: Node, at: number) => number, meta?: Record<string, unknown>,
): number {
  const node = x.b.open(parent, name, type, start, meta);
  if (!node) return start;
  if (!parent) x.built.root = node;
  const before = x.b.spans.length;
  const end = children(node, start + gap(x.rng)) + x.rng.range(200, 20_000);
  const childFailed = x.b.spans.slice(before).some((s) => s.parent_span_id === node.span.id && s.error_info);
  return x.b.close(node, end, io, childFailed && x.rng.chance(0.25) ? true : undefined);
}

const toolMeta = (rng: Prng) => ({ tool_version: rng.pick(["1.4.2", "1.5.0", "2.0.1"]), cached: rng.chance(0.15) });

function retrieve(x: Ctx, parent: Node, at: number): number {
  const { rng, c } = x;
  let node: Node | null = null;
  const end = group(x, parent, "retrieve_documents", "tool", at, P.retrieveIO(c), (n, t) => {
    node = n;
    t = llm(x, n, "embed_query", t, EMBEDDING_MODEL, P.embedIO(rng, c), rng.range(12, 60), 0) + gap(rng);
    t = leaf(x, n, "vector_search", "tool", t, 45, P.vectorSearchIO(rng, c), toolMeta(rng)) + gap(rng);
    return group(x, n, "rerank", "general", t, P.rerankIO(c), (r, t2) => {
      if (!rng.chance(0.55)) return t2 + rng.range(2000, 30_000);
      const spec = rng.pick(SMALL_MODELS);
      return llm(x, r, "rerank_llm", t2, spec, P.rerankLlmIO(rng, c, spec.model), rng.logNormal(450, 0.3), rng.range(8, 20));
    });
  }, toolMeta(rng));
  if (node) x.built.retrievals.push(node);
  return end;
}

function webSearch(x: Ctx, parent: Node, at: number): number {
  const { rng, c } = x;
  return group(x, parent, "web_search", "tool", at, P.webSearchIO(rng, c), (n, t) => {
    if (rng.chance(0.7)) t = leaf(x, n, "fetch_page", "tool", t, 600, P.fetchPageIO(rng, c), toolMeta(rng)) + gap(rng);
    if (rng.chance(0.7)) {
      const spec = rng.pick(SMALL_MODELS);
      t = llm(x, n, "summarize_page", t, spec, P.summarizeIO(rng, c, spec.model), rng.logNormal(500, 0.3), rng.logNormal(120, 0.4));
    }
    return t;
  }, toolMeta(rng));
}

function tool(x: Ctx, parent: Node, name: string, at: number): number {
  const { rng, c } = x;
  if (name === "retrieve_documents") return retrieve(x, parent, at);
  if (name === "web_search") return webSearch(x, parent, at);
  if (name === "lookup_order") return leaf(x, parent, name, "tool", at, 120, P.lookupOrderIO(rng, c), toolMeta(rng));
  return leaf(x, parent, name, "tool", at, 60, P.profileIO(rng, x.userId, c), toolMeta(rng));
}

function guardrail(x: Ctx, parent: Node, check: string, at: number): number {
  const node = x.b.open(parent, `guardrail:${check}`, "guardrail", at);
  if (!node) return at;
  const passed = !x.rng.chance(0.06);
  const end = at + Math.round(x.rng.logNormal(40, 0.5) * 1000);
  // A failed guardrail raises in the app, so it is also the span's error.
  return x.b.close(node, end, P.guardrailIO(x.c, check, passed), !passed);
}

function supportAgent(x: Ctx, start: number): number {
  const { rng, c } = x;
  const tools = rng.sample(["retrieve_documents", "web_search", "lookup_order", "get_customer_profile"], rng.weighted([1, 2, 3], [35, 45, 20]));
  const spec = chatModel(rng);
  return group(x, null, "support_agent.run", "general", start, P.rootIO(rng, c, x.conversationId, tools.length), (root, t) => {
    if (rng.chance(0.5)) t = guardrail(x, root, "prompt_injection", t) + gap(rng);
    t = llm(x, root, "planner", t, spec, P.plannerIO(rng, c, spec.model, tools), rng.logNormal(650, 0.25), rng.logNormal(140, 0.3)) + gap(rng);
    tools.forEach((name, i) => {
      t = group(x, root, "agent_step", "general", t, P.stepIO(c, i, name), (step, t2) => {
        t2 = tool(x, step, name, t2);
        return rng.chance(0.35) ? llm(x, step, "reflect", t2 + gap(rng), spec, P.summarizeIO(rng, c, spec.model), rng.logNormal(900, 0.3), rng.logNormal(60, 0.4)) : t2;
      }) + gap(rng);
    });
    t = llm(x, root, "call_llm", t, spec, P.answerIO(rng, c, spec.model), rng.logNormal(1400, 0.4), rng.logNormal(190, 0.4)) + gap(rng);
    t = guardrail(x, root, "pii", t) + gap(rng);
    return leaf(x, root, "format_answer", "general", t, 3, P.formatIO(c));
  });
}

function ragPipeline(x: Ctx, start: number): number {
  const { rng, c } = x;
  const spec = chatModel(rng);
  return group(x, null, "rag_pipeline", "general", start, P.rootIO(rng, c, x.conversationId, 1), (root, t) => {
    t = retrieve(x, root, t) + gap(rng);
    t = llm(x, root, "call_llm", t, spec, P.answerIO(rng, c, spec.model), rng.logNormal(1300, 0.4), rng.logNormal(170, 0.4)) + gap(rng);
    return rng.chance(0.6) ? guardrail(x, root, "pii", t) : t;
  });
}

function chatCompletion(x: Ctx, start: number): number {
  const spec = chatModel(x.rng);
  return llm(x, null, "ChatOpenAI", start, spec, P.answerIO(x.rng, x.c, spec.model), x.rng.logNormal(900, 0.5), x.rng.logNormal(160, 0.5));
}

function triage(x: Ctx, start: number): number {
  const { rng, c } = x;
  const spec = rng.pick(SMALL_MODELS);
  return group(x, null, "triage_ticket", "general", start, { input: { ticket: c.question }, output: { category: c.topic } }, (root, t) => {
    t = llm(x, root, "classify_ticket", t, spec, P.classifyIO(rng, c, spec.model), rng.logNormal(250, 0.3), rng.range(12, 30)) + gap(rng);
    return leaf(x, root, "create_ticket", "tool", t, 180, P.ticketIO(rng, c), toolMeta(rng));
  });
}

const SHAPES = [supportAgent, ragPipeline, chatCompletion, triage];
const SHAPE_WEIGHTS = [55, 25, 12, 8];

/** Builds one trace of a randomly chosen shape starting at `start`; returns what scoring needs. */
export function buildTrace(b: TraceBuilder, rng: Prng, c: Conversation, userId: string, conversationId: string, start: number): Built & { end: number } {
  const built: Built = { root: null, answer: null, retrievals: [] };
  const end = rng.weighted(SHAPES, SHAPE_WEIGHTS)({ b, rng, c, userId, conversationId, built }, start);
  return { ...built, end };
}
