/**
 * Chat-message detection for LLM span inputs and outputs: OpenAI-style (`messages`, `choices`,
 * `tool_calls`, `image_url`) and Anthropic-style (`system`, content blocks `text`, `image`,
 * `tool_use`, `tool_result`) normalised to one shape the UI draws. Anything else is `null` and the
 * UI falls back to the JSON/markdown views. Pure and bounded: it never copies large strings.
 */
export type MessagePart =
  | { kind: "text"; text: string }
  | { kind: "image"; src: string; remote: boolean; alt?: string }
  | { kind: "tool_call"; id?: string; name: string; args: unknown }
  | { kind: "tool_result"; id?: string; content: unknown }
  | { kind: "json"; value: unknown };

export type ChatMessage = { role: string; name?: string; toolCallId?: string; parts: MessagePart[] };
export type ChatFormat = "openai" | "anthropic";
export type Conversation = { format: ChatFormat; messages: ChatMessage[] };

/** More than this many messages is shown as JSON: nobody reads 10,000 chat turns as bubbles. */
export const MAX_MESSAGES = 500;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const ROLES = new Set(["system", "user", "assistant", "tool", "function", "developer", "model"]);

/** Raster images embedded as data URLs are shown; anything else (SVG, remote) is not fetched. */
const SAFE_DATA_IMAGE = /^data:image\/(png|jpe?g|gif|webp|avif|bmp);base64,/i;
export const isSafeDataImage = (src: string): boolean => SAFE_DATA_IMAGE.test(src);

function imagePart(src: string, alt?: string): MessagePart {
  if (isSafeDataImage(src)) return { kind: "image", src, remote: false, alt };
  return { kind: "image", src, remote: true, alt };
}

function parseArgs(args: unknown): unknown {
  if (typeof args !== "string") return args;
  try {
    return JSON.parse(args);
  } catch {
    return args;
  }
}

function contentParts(content: unknown): { parts: MessagePart[]; anthropic: boolean } {
  if (content == null) return { parts: [], anthropic: false };
  if (typeof content === "string") return { parts: [{ kind: "text", text: content }], anthropic: false };
  if (!Array.isArray(content)) return { parts: [{ kind: "json", value: content }], anthropic: false };
  let anthropic = false;
  const parts: MessagePart[] = [];
  for (const block of content) {
    if (typeof block === "string") {
      parts.push({ kind: "text", text: block });
      continue;
    }
    if (!isObj(block)) {
      parts.push({ kind: "json", value: block });
      continue;
    }
    const type = block.type;
    if ((type === "text" || type === "input_text" || type === "output_text") && typeof block.text === "string") {
      parts.push({ kind: "text", text: block.text });
    } else if (type === "image_url" || type === "input_image") {
      const url = isObj(block.image_url) ? block.image_url.url : (block.image_url ?? block.url);
      parts.push(typeof url === "string" ? imagePart(url) : { kind: "json", value: block });
    } else if (type === "image" && isObj(block.source)) {
      anthropic = true;
      const s = block.source;
      if (s.type === "base64" && typeof s.data === "string" && typeof s.media_type === "string") {
        parts.push(imagePart(`data:${s.media_type};base64,${s.data}`));
      } else if (typeof s.url === "string") parts.push(imagePart(s.url));
      else parts.push({ kind: "json", value: block });
    } else if (type === "tool_use") {
      anthropic = true;
      parts.push({ kind: "tool_call", id: str(block.id), name: str(block.name) ?? "tool", args: block.input });
    } else if (type === "tool_result") {
      anthropic = true;
      const inner = contentParts(block.content).parts;
      const only = inner.length === 1 && inner[0]!.kind === "text" ? inner[0]!.text : block.content;
      parts.push({ kind: "tool_result", id: str(block.tool_use_id), content: only });
    } else if (type === "thinking" && typeof block.thinking === "string") {
      anthropic = true;
      parts.push({ kind: "text", text: block.thinking });
    } else parts.push({ kind: "json", value: block });
  }
  return { parts, anthropic };
}

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);

function toMessage(raw: unknown): { message: ChatMessage; anthropic: boolean } | null {
  if (!isObj(raw) || typeof raw.role !== "string" || !ROLES.has(raw.role)) return null;
  const { parts, anthropic } = contentParts(raw.content);
  if (Array.isArray(raw.tool_calls)) {
    for (const call of raw.tool_calls) {
      if (!isObj(call)) continue;
      const fn = isObj(call.function) ? call.function : call;
      parts.push({ kind: "tool_call", id: str(call.id), name: str(fn.name) ?? "tool", args: parseArgs(fn.arguments) });
    }
  }
  if (isObj(raw.function_call)) {
    parts.push({ kind: "tool_call", name: str(raw.function_call.name) ?? "function", args: parseArgs(raw.function_call.arguments) });
  }
  const message: ChatMessage = { role: raw.role, parts };
  if (typeof raw.name === "string") message.name = raw.name;
  if (typeof raw.tool_call_id === "string") message.toolCallId = raw.tool_call_id;
  return { message, anthropic };
}

function fromList(list: unknown[], system?: unknown): Conversation | null {
  if (list.length === 0 || list.length > MAX_MESSAGES) return null;
  const messages: ChatMessage[] = [];
  let anthropic = false;
  if (system !== undefined && system !== null) {
    const { parts } = contentParts(system);
    messages.push({ role: "system", parts });
    anthropic = true;
  }
  for (const raw of list) {
    const m = toMessage(raw);
    if (!m) return null;
    anthropic ||= m.anthropic;
    messages.push(m.message);
  }
  return { format: anthropic ? "anthropic" : "openai", messages };
}

/** The conversation in a span's input or output, or `null` when it is not chat-shaped. */
export function detectConversation(value: unknown): Conversation | null {
  if (Array.isArray(value)) return fromList(value);
  if (!isObj(value)) return null;
  if (Array.isArray(value.messages)) return fromList(value.messages, value.system);
  // OpenAI chat completion response.
  if (Array.isArray(value.choices) && value.choices.length > 0 && value.choices.length <= MAX_MESSAGES) {
    const msgs = value.choices.map((c) => (isObj(c) ? c.message : undefined));
    if (msgs.every(isObj)) return fromList(msgs);
  }
  // Anthropic message response: `{ type: "message", role: "assistant", content: [blocks] }`, or a
  // single message object.
  if (typeof value.role === "string" && "content" in value) {
    const m = toMessage(value);
    return m ? { format: m.anthropic || value.type === "message" ? "anthropic" : "openai", messages: [m.message] } : null;
  }
  return null;
}
