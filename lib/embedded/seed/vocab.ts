/**
 * The non-prose vocabulary of the demo data: models, tags, metadata values, errors, reviewers.
 * Metadata keys deliberately differ in selectivity (3–5 values vs hundreds vs thousands) so filter
 * benchmarks exercise both the cheap and the expensive cases.
 */

export type ModelSpec = { model: string; provider: string; weight: number; pricePerM?: [number, number] };

/** Chat models; those without `pricePerM` are priced by the server from its own table. */
export const CHAT_MODELS: ModelSpec[] = [
  { model: "gpt-4o", provider: "openai", weight: 20 },
  { model: "gpt-4o-mini", provider: "openai", weight: 30 },
  { model: "gpt-4.1", provider: "openai", weight: 8 },
  { model: "gpt-4.1-mini", provider: "openai", weight: 8 },
  { model: "claude-3-5-sonnet-20241022", provider: "anthropic", weight: 12 },
  { model: "claude-3-5-haiku-20241022", provider: "anthropic", weight: 8 },
  { model: "gemini-2.0-flash", provider: "google_ai", weight: 7 },
  { model: "gemini-1.5-pro", provider: "google_vertexai", weight: 3 },
  // Models the server has no price for: the SDK reports the cost itself.
  { model: "llama-3.1-70b-versatile", provider: "groq", weight: 3, pricePerM: [0.59, 0.79] },
  { model: "mistral-small-latest", provider: "mistral", weight: 1, pricePerM: [0.2, 0.6] },
];
export const CHAT_MODEL_WEIGHTS = CHAT_MODELS.map((m) => m.weight);

export const SMALL_MODELS: ModelSpec[] = CHAT_MODELS.filter((m) => /mini|haiku|flash/.test(m.model));
export const EMBEDDING_MODEL: ModelSpec = { model: "text-embedding-3-small", provider: "openai", weight: 1 };

export const ENVIRONMENTS = ["production", "staging", "development"] as const;
export const ENVIRONMENT_WEIGHTS = [70, 20, 10];
export const REGIONS = ["us-east-1", "eu-west-1", "us-west-2", "ap-southeast-2"] as const;
export const REGION_WEIGHTS = [45, 30, 15, 10];
export const PROMPT_VERSIONS = ["v1.0", "v1.1", "v2.0", "v2.1", "v3.0-beta"] as const;
export const PROMPT_VERSION_WEIGHTS = [5, 10, 35, 40, 10];
export const TIERS = ["free", "pro", "enterprise"] as const;
export const TIER_WEIGHTS = [55, 35, 10];
export const TEMPERATURES = [0, 0.2, 0.7, 1] as const;
/** user_id takes hundreds of values, skewed: a few heavy users, a long tail. */
export const USER_COUNT = 800;
export const AGENT_VERSIONS = ["2.3.0", "2.3.1", "2.4.0"] as const;

export const TAGS = [
  "support-agent", "rag", "tools", "escalated", "vip", "regression-suite", "ab-test:A", "ab-test:B",
  "cache-hit", "long-context", "multilingual", "beta", "eval",
] as const;

export const FIRST_NAMES = ["maria", "james", "li", "fatima", "olga", "kenji", "amara", "lucas", "priya", "noah", "sofia", "ahmed"];

export type ErrorSpec = { type: string; message: string; frames: string[]; last: string };

const venv = "/app/.venv/lib/python3.11/site-packages";

/** Exceptions by span type, with the frames of a plausible Python traceback. */
export const ERRORS: Record<"llm" | "tool" | "general" | "guardrail", ErrorSpec[]> = {
  llm: [
    {
      type: "openai.RateLimitError",
      message: "Error code: 429 - {'error': {'message': 'Rate limit reached for gpt-4o in organization org-acme on tokens per min (TPM): Limit 800000, Used 799214, Requested 2310.', 'type': 'tokens', 'code': 'rate_limit_exceeded'}}",
      frames: [`${venv}/openai/resources/chat/completions.py", line 863, in create`, `${venv}/openai/_base_client.py", line 1283, in post`, `${venv}/openai/_base_client.py", line 1060, in request`],
      last: "raise self._make_status_error_from_response(err.response) from None",
    },
    {
      type: "openai.APITimeoutError",
      message: "Request timed out.",
      frames: [`${venv}/openai/_base_client.py", line 1006, in request`, `${venv}/httpx/_client.py", line 1661, in send`],
      last: "raise APITimeoutError(request=request) from err",
    },
    {
      type: "anthropic.InternalServerError",
      message: "Error code: 529 - {'type': 'error', 'error': {'type': 'overloaded_error', 'message': 'Overloaded'}}",
      frames: [`${venv}/anthropic/resources/messages.py", line 904, in create`, `${venv}/anthropic/_base_client.py", line 1058, in _request`],
      last: "raise self._make_status_error_from_response(err.response) from None",
    },
    {
      type: "openai.BadRequestError",
      message: "Error code: 400 - {'error': {'message': \"This model's maximum context length is 128000 tokens. However, your messages resulted in 131072 tokens.\", 'code': 'context_length_exceeded'}}",
      frames: [`${venv}/openai/resources/chat/completions.py", line 863, in create`, `${venv}/openai/_base_client.py", line 1283, in post`],
      last: "raise self._make_status_error_from_response(err.response) from None",
    },
  ],
  tool: [
    {
      type: "httpx.HTTPStatusError",
      message: "Server error '503 Service Unavailable' for url 'https://api.search.acme.example/v1/search'",
      frames: ["/app/agent/tools/web_search.py\", line 58, in _arun", `${venv}/httpx/_models.py", line 829, in raise_for_status`],
      last: "raise HTTPStatusError(message, request=request, response=self)",
    },
    {
      type: "KeyError",
      message: "'shipping_address'",
      frames: ["/app/agent/tools/orders.py\", line 112, in lookup_order", "/app/agent/tools/orders.py\", line 87, in _normalise"],
      last: "address = order['shipping_address']['line1']",
    },
    {
      type: "sqlalchemy.exc.OperationalError",
      message: "(psycopg.OperationalError) connection to server at \"orders-db.internal\" (10.0.3.17), port 5432 failed: timeout expired",
      frames: ["/app/agent/tools/orders.py\", line 64, in lookup_order", `${venv}/sqlalchemy/engine/base.py", line 1418, in execute`],
      last: "raise exc_value.with_traceback(exc_tb)",
    },
    {
      type: "pinecone.exceptions.ServiceException",
      message: "(503) Reason: Service Unavailable — index 'kb-articles-v3' is scaling, retry later",
      frames: ["/app/agent/retrieval/vector_store.py\", line 41, in query", `${venv}/pinecone/core/openapi/shared/rest.py", line 261, in request`],
      last: "raise ServiceException(http_resp=r)",
    },
  ],
  general: [
    {
      type: "pydantic_core._pydantic_core.ValidationError",
      message: "1 validation error for AgentPlan\nsteps.0.args.order_id\n  String should match pattern '^ORD-\\d{5}$' [type=string_pattern_mismatch, input_value='order 4821', input_type=str]",
      frames: ["/app/agent/planner.py\", line 77, in parse_plan", `${venv}/pydantic/main.py", line 627, in model_validate_json`],
      last: "return cls.__pydantic_validator__.validate_json(json_data, strict=strict, context=context)",
    },
    {
      type: "asyncio.TimeoutError",
      message: "Agent step exceeded the 30s budget",
      frames: ["/app/agent/runner.py\", line 142, in run_step", "/usr/local/lib/python3.11/asyncio/tasks.py\", line 479, in wait_for"],
      last: "raise exceptions.TimeoutError() from exc",
    },
    {
      type: "ValueError",
      message: "Answer formatter received an empty draft",
      frames: ["/app/agent/format.py\", line 23, in format_answer"],
      last: "raise ValueError(\"Answer formatter received an empty draft\")",
    },
  ],
  guardrail: [
    {
      type: "guardrails.errors.ValidationError",
      message: "Validation failed for field with errors: PII detected: EMAIL_ADDRESS, PHONE_NUMBER",
      frames: ["/app/agent/guards.py\", line 35, in check_output", `${venv}/guardrails/guard.py", line 812, in validate`],
      last: "raise ValidationError(f\"Validation failed for field with errors: {error_message}\")",
    },
  ],
};

export const ERROR_RATE = 0.04;

export const REVIEWERS = ["alice", "bob", "carol"] as const;

export const RELEVANCE_REASONS = [
  "The answer addresses the customer's question directly and cites the right policy.",
  "Partially relevant: it explains the refund policy but ignores the duplicate charge.",
  "Answer is about a different product than the one the customer asked about.",
  "Relevant and complete.",
  "Relevant, but too generic — doesn't reference the customer's order.",
];
export const HALLUCINATION_REASONS: [string, string][] = [
  ["grounded", "All claims are supported by the retrieved documents."],
  ["grounded", "The answer only restates the KB article."],
  ["hallucinated", "States a 30-day refund window; the context says 14 days."],
  ["hallucinated", "Invents an express shipping price that appears in no document."],
];
export const HELPFULNESS_REASONS = [
  "Solved the problem in one reply.",
  "Correct but the customer had to ask twice.",
  "Tone is fine, but it should have escalated.",
  "Too long; the key step is buried in the third paragraph.",
  "Wrong answer, customer opened a ticket afterwards.",
];

export const COMMENT_TEXTS = [
  "**Wrong policy cited** — this quotes the 2023 refund window. The KB was updated in March.\n\n- [ ] re-index `kb-articles-v3`\n- [ ] add a regression case",
  "Looks good to me. Nice that it asked for the order number before promising anything.",
  "Retrieval returned three near-duplicate chunks here; consider MMR or dedup before reranking.",
  "> I can't log in\n\nThe agent should have linked the 2FA troubleshooting article first. Adding to the eval set.",
  "Latency is dominated by the planner call (see the `planner` span). Could we try `gpt-4o-mini` for planning?",
  "Escalated to Tier 2 — the customer was charged twice. Ticket: SUP-{n}.",
  "The guardrail flagged an email address in the answer; it was the customer's own. False positive?",
  "Rate-limit error on the first attempt, the retry succeeded. Fine, but we should add jitter to the backoff.",
  "Answer is correct but way too long. Prompt `v2.1` tends to over-explain.",
  "🚩 Hallucinated shipping price. Marked for the weekly review.",
];
