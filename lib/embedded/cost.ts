/**
 * Opik estimates a span's cost from its model, provider and token usage when no cost was sent.
 * Prices are USD per million tokens (input, output) for the models people log most; an unknown
 * model has no estimate, as in Opik.
 */
const PRICES: Record<string, [number, number]> = {
  "gpt-4o": [2.5, 10],
  "gpt-4o-mini": [0.15, 0.6],
  "gpt-4.1": [2, 8],
  "gpt-4.1-mini": [0.4, 1.6],
  "gpt-4.1-nano": [0.1, 0.4],
  "gpt-4-turbo": [10, 30],
  "gpt-4": [30, 60],
  "gpt-3.5-turbo": [0.5, 1.5],
  "gpt-3.5-turbo-1106": [1, 2],
  "o1": [15, 60],
  "o3-mini": [1.1, 4.4],
  "claude-3-5-sonnet": [3, 15],
  "claude-3-7-sonnet": [3, 15],
  "claude-sonnet-4": [3, 15],
  "claude-3-5-haiku": [0.8, 4],
  "claude-3-haiku": [0.25, 1.25],
  "claude-3-opus": [15, 75],
  "claude-opus-4": [15, 75],
  "gemini-1.5-pro": [1.25, 5],
  "gemini-1.5-flash": [0.075, 0.3],
  "gemini-2.0-flash": [0.1, 0.4],
  "gemini-2.5-pro": [1.25, 10],
  "mistral-large": [2, 6],
  "text-embedding-3-small": [0.02, 0],
  "text-embedding-3-large": [0.13, 0],
};

function priceOf(model: string): [number, number] | undefined {
  const m = model.toLowerCase().replace(/^[a-z]+\//, "");
  if (PRICES[m]) return PRICES[m];
  // Dated snapshots (gpt-4o-2024-08-06, claude-3-5-sonnet-20241022) price like their family.
  const family = Object.keys(PRICES)
    .filter((k) => m.startsWith(k + "-"))
    .sort((a, b) => b.length - a.length)[0];
  return family ? PRICES[family] : undefined;
}

export function estimateCost(model: string | null | undefined, usage: Record<string, number> | null | undefined): number {
  if (!model || !usage) return 0;
  const price = priceOf(model);
  if (!price) return 0;
  const prompt = usage.prompt_tokens ?? usage.input_tokens ?? 0;
  const completion = usage.completion_tokens ?? usage.output_tokens ?? 0;
  const cost = (prompt * price[0] + completion * price[1]) / 1_000_000;
  return Math.round(cost * 1e9) / 1e9;
}
