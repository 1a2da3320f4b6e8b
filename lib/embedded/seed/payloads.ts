import type { Prng } from "./prng";
import {
  ANSWER_CLOSERS, ANSWER_OPENERS, KB_SENTENCES, KB_TITLES, PLANNER_PROMPT, PLANS, PRODUCTS, QUESTIONS,
  SYSTEM_PROMPT, TOOLS, HISTORY, TOPICS, WEB_SITES, type Topic,
} from "./vocab-text";
import { FIRST_NAMES } from "./vocab";

/**
 * Input/output payloads in the shapes real SDK integrations log: OpenAI-style chat messages and
 * choices for llm spans, arguments/results for tools, documents for retrieval. Everything about
 * one conversation (question, order, retrieved documents, answer) is fixed per trace so the spans
 * of a trace tell one coherent story.
 */

export type Doc = { id: string; title: string; score: number; text: string; url: string };
export type IO = { input: Record<string, unknown>; output: Record<string, unknown> };

export type Conversation = {
  topic: Topic;
  question: string;
  orderId: string;
  product: string;
  plan: string;
  docs: Doc[];
  answer: string;
};

export function newConversation(rng: Prng): Conversation {
  const topic = rng.pick(TOPICS);
  const orderId = `ORD-${rng.range(10000, 99999)}`;
  const product = rng.pick(PRODUCTS);
  const plan = rng.pick(PLANS);
  const email = `${rng.pick(FIRST_NAMES)}.${rng.hex(4)}@example.com`;
  const question = rng
    .pick(QUESTIONS[topic])
    .replace("{order}", orderId)
    .replace("{product}", product)
    .replace("{plan}", plan)
    .replace("{email}", email);
  const sentences = KB_SENTENCES[topic];
  const docs: Doc[] = [];
  const count = rng.range(5, 7);
  for (let i = 0; i < count; i++) {
    const id = 1000 + rng.int(400);
    docs.push({
      id: `kb-${id}#${rng.int(12)}`,
      title: rng.pick(KB_TITLES[topic]),
      score: Math.round((0.92 - i * 0.07 - rng.next() * 0.05) * 1000) / 1000,
      text: rng.sample(sentences, 3).join(" "),
      url: `https://support.acme.example/articles/${id}`,
    });
  }
  const body = rng.sample(sentences, 2).join(" ");
  const answer = `${rng.pick(ANSWER_OPENERS)} ${body} For ${product}${topic === "refund" || topic === "shipping" ? ` (order ${orderId})` : ""}, this applies to your ${plan} plan as well. ${rng.pick(ANSWER_CLOSERS)}`;
  return { topic, question, orderId, product, plan, docs, answer };
}

const context = (c: Conversation) => c.docs.map((d, i) => `[${i + 1}] ${d.title}: ${d.text}`).join("\n");

const chatOutput = (rng: Prng, content: string, model: string) => ({
  id: `chatcmpl-${rng.hex(24)}`,
  object: "chat.completion",
  created: 1735689600 + rng.int(15_000_000),
  model,
  choices: [{ index: 0, message: { role: "assistant", content, refusal: null }, logprobs: null, finish_reason: "stop" }],
  system_fingerprint: `fp_${rng.hex(10)}`,
});

export function rootIO(rng: Prng, c: Conversation, conversationId: string, steps: number): IO {
  const history = HISTORY.slice(0, rng.pick([0, 2, 4]));
  return {
    input: { query: c.question, conversation_id: conversationId, history, channel: rng.pick(["chat", "email", "widget"]), locale: "en-US" },
    output: {
      answer: c.answer,
      sources: c.docs.slice(0, 3).map((d) => ({ id: d.id, title: d.title, url: d.url })),
      steps,
      escalated: rng.chance(0.08),
    },
  };
}

export function answerIO(rng: Prng, c: Conversation, model: string): IO {
  return {
    input: {
      messages: [
        { role: "system", content: SYSTEM_PROMPT },
        ...HISTORY.slice(0, rng.pick([0, 2])),
        { role: "user", content: `${c.question}\n\nContext:\n${context(c)}` },
      ],
      temperature: 0.2,
    },
    output: chatOutput(rng, c.answer, model),
  };
}

export function plannerIO(rng: Prng, c: Conversation, model: string, tools: string[]): IO {
  const steps = tools.map((tool) => ({
    tool,
    args: tool === "lookup_order" ? { order_id: c.orderId } : tool === "web_search" ? { query: `${c.product} ${c.topic}` } : { query: c.question.slice(0, 80), top_k: 5 },
    why: `Need ${tool === "lookup_order" ? "the order status" : "policy details"} to answer the ${c.topic} question.`,
  }));
  return {
    input: { messages: [{ role: "system", content: PLANNER_PROMPT }, { role: "user", content: c.question }], tools: TOOLS, tool_choice: "auto" },
    output: chatOutput(rng, JSON.stringify({ steps }), model),
  };
}

export function stepIO(c: Conversation, index: number, tool: string): IO {
  return {
    input: { step: index + 1, tool, thought: `I should call ${tool} to get information about the customer's ${c.topic} question.` },
    output: {
      observation: `${tool} returned ${c.docs.length} results; the most relevant are "${c.docs[0]!.title}": ${c.docs[0]!.text} and "${c.docs[1]!.title}": ${c.docs[1]!.text}`,
      done: false,
    },
  };
}

export function retrieveIO(c: Conversation): IO {
  return {
    input: { query: c.question, top_k: c.docs.length, filters: { product: c.product, language: "en" } },
    output: { documents: c.docs },
  };
}

export function embedIO(rng: Prng, c: Conversation): IO {
  const head = Array.from({ length: 24 }, () => Math.round((rng.next() - 0.5) * 20000) / 100000);
  return { input: { input: c.question, model: "text-embedding-3-small" }, output: { dimensions: 1536, embedding_preview: head } };
}

export function vectorSearchIO(rng: Prng, c: Conversation): IO {
  return {
    input: { index: "kb-articles-v3", namespace: "en", top_k: 20, include_metadata: true },
    output: {
      matches: c.docs.map((d) => ({ id: d.id, score: d.score, metadata: { title: d.title, url: d.url, chunk: d.text.slice(0, 90) } })),
      took_ms: rng.range(8, 90),
    },
  };
}

export function rerankIO(c: Conversation): IO {
  return {
    input: { query: c.question, candidates: c.docs.map((d) => ({ id: d.id, title: d.title, snippet: d.text.slice(0, 100) })) },
    output: { ranking: c.docs.map((d) => ({ id: d.id, relevance: d.score })) },
  };
}

export function rerankLlmIO(rng: Prng, c: Conversation, model: string): IO {
  const list = c.docs.map((d, i) => `${i + 1}. ${d.title}: ${d.text.slice(0, 120)}`).join("\n");
  return {
    input: { messages: [{ role: "user", content: `Rank these passages by relevance to: "${c.question}"\n${list}\nAnswer with the numbers only.` }] },
    output: chatOutput(rng, c.docs.map((_, i) => i + 1).join(", "), model),
  };
}

export function webSearchIO(rng: Prng, c: Conversation): IO {
  const results = rng.sample(WEB_SITES, 3).map((site, i) => ({
    title: `${c.product}: ${c.docs[i % c.docs.length]!.title}`,
    url: `https://${site}/${c.topic}/${rng.hex(6)}`,
    snippet: c.docs[i % c.docs.length]!.text.slice(0, 160),
  }));
  return { input: { query: `${c.product} ${c.topic}`, num_results: 3, safe_search: true }, output: { results } };
}

export function fetchPageIO(rng: Prng, c: Conversation): IO {
  return {
    input: { url: `https://${rng.pick(WEB_SITES)}/${c.topic}/${rng.hex(6)}`, timeout_s: 10 },
    output: { status: 200, content_type: "text/html", text: context(c).slice(0, 600) },
  };
}

export function summarizeIO(rng: Prng, c: Conversation, model: string): IO {
  return {
    input: { messages: [{ role: "system", content: SYSTEM_PROMPT }, { role: "user", content: `Summarise for a support agent:\n${context(c).slice(0, 600)}` }], tools: TOOLS.slice(0, 3) },
    output: chatOutput(rng, c.docs[0]!.text, model),
  };
}

export function lookupOrderIO(rng: Prng, c: Conversation): IO {
  return {
    input: { order_id: c.orderId },
    output: {
      order: {
        id: c.orderId,
        status: rng.pick(["processing", "shipped", "delivered", "refund_pending", "cancelled"]),
        items: [{ sku: `SKU-${rng.range(100, 999)}`, name: c.product, qty: 1, price: rng.range(19, 499) + 0.99 }],
        carrier: rng.pick(["DHL", "UPS", "PostNord", "FedEx"]),
        tracking_number: `1Z${rng.hex(16).toUpperCase()}`,
        shipping_address: { city: rng.pick(["Berlin", "Oslo", "Austin", "Lyon", "Pune"]), country: rng.pick(["DE", "NO", "US", "FR", "IN"]), line1: "*** redacted ***" },
        payments: [{ method: "card", last4: String(rng.range(1000, 9999)), status: rng.pick(["captured", "refunded", "pending"]) }],
        events: ["created", "paid", "label_created", "in_transit"].slice(0, rng.range(2, 4)).map((e, i) => ({ event: e, at: `2025-01-0${i + 1}T1${i}:00:00Z` })),
        created_at: "2025-01-0" + rng.range(1, 9),
      },
    },
  };
}

export function profileIO(rng: Prng, userId: string, c: Conversation): IO {
  return {
    input: { user_id: userId },
    output: {
      user_id: userId, plan: c.plan, seats: rng.range(1, 250), country: rng.pick(["DE", "US", "NO", "FR", "IN", "BR", "JP"]), open_tickets: rng.int(4),
      products: rng.sample(PRODUCTS, 3), signup_date: `20${rng.range(19, 24)}-0${rng.range(1, 9)}-1${rng.range(0, 9)}`,
      recent_tickets: [{ id: `SUP-${rng.range(10000, 99999)}`, subject: c.question.slice(0, 60), status: "closed" }],
    },
  };
}

export function guardrailIO(c: Conversation, check: string, passed: boolean): IO {
  return {
    input: { text: check === "prompt_injection" ? c.question : c.answer },
    output: {
      guardrail_result: passed ? "passed" : "failed",
      validations: [{ type: check.toUpperCase(), passed, details: passed ? {} : { entities: ["EMAIL_ADDRESS"], score: 0.91 } }],
    },
  };
}

export function formatIO(c: Conversation): IO {
  return {
    input: { draft: c.answer, format: "markdown", sources: c.docs.map((d) => ({ title: d.title, url: d.url })) },
    output: { answer: `${c.answer}\n\nSources:\n${c.docs.slice(0, 3).map((d) => `- [${d.title}](${d.url})`).join("\n")}\n\n— Acme Support` },
  };
}

export function classifyIO(rng: Prng, c: Conversation, model: string): IO {
  return {
    input: { messages: [{ role: "system", content: "Classify the ticket into one of: " + TOPICS.join(", ") }, { role: "user", content: c.question }] },
    output: chatOutput(rng, JSON.stringify({ category: c.topic, priority: rng.pick(["low", "normal", "high"]) }), model),
  };
}

export function ticketIO(rng: Prng, c: Conversation): IO {
  return {
    input: { summary: c.question.slice(0, 120), priority: rng.pick(["low", "normal", "high"]), tags: [c.topic] },
    output: { ticket_id: `SUP-${rng.range(10000, 99999)}`, url: `https://support.acme.example/tickets/${rng.hex(8)}` },
  };
}
