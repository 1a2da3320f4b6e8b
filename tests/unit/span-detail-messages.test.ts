import assert from "node:assert/strict";
import { test } from "node:test";
import { detectConversation, isSafeDataImage } from "@/lib/span-detail/messages";

test("OpenAI chat input: roles, multimodal content, tool calls with parsed arguments", () => {
  const c = detectConversation({
    model: "gpt-4o",
    messages: [
      { role: "system", content: "Be brief." },
      { role: "user", content: [{ type: "text", text: "What is this?" }, { type: "image_url", image_url: { url: "data:image/png;base64,iVBORw0KGgo=" } }, { type: "image_url", image_url: { url: "https://example.com/x.png" } }] },
      { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "lookup", arguments: '{"q":"cat"}' } }] },
      { role: "tool", tool_call_id: "call_1", content: "a cat" },
    ],
  });
  assert.equal(c?.format, "openai");
  assert.deepEqual(c!.messages.map((m) => m.role), ["system", "user", "assistant", "tool"]);
  assert.deepEqual(c!.messages[1]!.parts.map((p) => p.kind === "image" && p.remote), [false, false, true]);
  assert.deepEqual(c!.messages[2]!.parts[0], { kind: "tool_call", id: "call_1", name: "lookup", args: { q: "cat" } });
  assert.equal(c!.messages[3]!.toolCallId, "call_1");
});

test("OpenAI completion output (choices)", () => {
  const c = detectConversation({ choices: [{ index: 0, message: { role: "assistant", content: "Hello" } }] });
  assert.deepEqual(c?.messages, [{ role: "assistant", parts: [{ kind: "text", text: "Hello" }] }]);
});

test("Anthropic input (system, blocks, base64 image, tool_use, tool_result) and output", () => {
  const c = detectConversation({
    system: "You are terse.",
    messages: [
      { role: "user", content: [{ type: "image", source: { type: "base64", media_type: "image/jpeg", data: "/9j/4AAQ" } }, { type: "text", text: "Describe" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "tu_1", name: "search", input: { q: "x" } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "tu_1", content: [{ type: "text", text: "found" }] }] },
    ],
  });
  assert.equal(c?.format, "anthropic");
  assert.equal(c!.messages[0]!.role, "system");
  assert.deepEqual(c!.messages[1]!.parts[0], { kind: "image", src: "data:image/jpeg;base64,/9j/4AAQ", remote: false, alt: undefined });
  assert.deepEqual(c!.messages[2]!.parts[0], { kind: "tool_call", id: "tu_1", name: "search", args: { q: "x" } });
  assert.deepEqual(c!.messages[3]!.parts[0], { kind: "tool_result", id: "tu_1", content: "found" });
  const out = detectConversation({ type: "message", role: "assistant", content: [{ type: "text", text: "Hi" }], stop_reason: "end_turn" });
  assert.equal(out?.format, "anthropic");
});

test("non-chat values are not conversations", () => {
  for (const v of [null, "text", 42, { question: "q" }, [], [1, 2], { messages: [{ role: "wizard", content: "x" }] }, { messages: "no" }]) {
    assert.equal(detectConversation(v), null, JSON.stringify(v));
  }
});

test("only raster data: images are embeddable", () => {
  assert.ok(isSafeDataImage("data:image/png;base64,AAA"));
  assert.ok(!isSafeDataImage("data:image/svg+xml;base64,AAA"));
  assert.ok(!isSafeDataImage("https://example.com/a.png"));
  assert.ok(!isSafeDataImage("javascript:alert(1)"));
});
