"use client";

import { JsonTree } from "@/components/json/json-tree";
import type { Conversation, MessagePart } from "@/lib/span-detail/messages";
import { Markdown } from "./lazy-markdown";

/** Longer texts are shown as plain text: markdown parsing of huge strings would block the page. */
const MARKDOWN_LIMIT = 50_000;

const ROLE_STYLE: Record<string, string> = {
  system: "border-slate-400 bg-slate-50 dark:bg-slate-900",
  user: "border-sky-400 bg-sky-50 dark:bg-sky-950/50",
  assistant: "border-emerald-400 bg-emerald-50 dark:bg-emerald-950/50",
  tool: "border-amber-400 bg-amber-50 dark:bg-amber-950/50",
};

/** An LLM conversation as messages: role, text (markdown), images, tool calls and results. */
export function MessagesView({ conversation, label }: { conversation: Conversation; label: string }) {
  return (
    <ol aria-label={`${label} messages`} className="space-y-2">
      {conversation.messages.map((m, i) => (
        <li key={i} className={`rounded border-l-4 p-2 ${ROLE_STYLE[m.role] ?? "border-slate-300 bg-white dark:bg-slate-950"}`}>
          <p className="mb-1 text-xs font-semibold tracking-wide text-slate-700 uppercase dark:text-slate-300">
            {m.role}
            {m.name ? <span className="ml-1 font-normal normal-case">({m.name})</span> : null}
            {m.toolCallId ? <span className="ml-1 font-mono font-normal normal-case">→ {m.toolCallId}</span> : null}
          </p>
          {m.parts.length === 0 ? <p className="text-sm text-slate-500 italic">(empty)</p> : null}
          <div className="space-y-2">
            {m.parts.map((part, j) => (
              <Part key={j} part={part} label={`${label} message ${i + 1}`} />
            ))}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Part({ part, label }: { part: MessagePart; label: string }) {
  switch (part.kind) {
    case "text":
      return part.text.length > MARKDOWN_LIMIT ? <pre className="text-sm whitespace-pre-wrap">{part.text}</pre> : <Markdown text={part.text} />;
    case "image":
      // Only web addresses become links: a `javascript:` (or other scheme) URL in a log is shown as text.
      if (part.remote && !/^https?:\/\//i.test(part.src)) return <span className="text-sm break-all">[image: {part.src.slice(0, 200)}]</span>;
      return part.remote ? (
        <a href={part.src} target="_blank" rel="noopener noreferrer nofollow" className="text-sm break-all text-sky-800 underline dark:text-sky-300">
          [image: {part.src.slice(0, 200)}]
        </a>
      ) : (
        // eslint-disable-next-line @next/next/no-img-element -- an embedded data: URL, shown as is.
        <img src={part.src} alt={part.alt ?? "image in the message"} className="max-h-80 max-w-full rounded border border-slate-200 dark:border-slate-700" />
      );
    case "tool_call":
      return (
        <div className="rounded border border-slate-300 p-2 dark:border-slate-700">
          <p className="mb-1 text-xs">
            <span className="font-semibold">Tool call</span> <code className="font-mono">{part.name}</code>
            {part.id ? <span className="ml-1 font-mono text-slate-500">{part.id}</span> : null}
          </p>
          <JsonTree value={part.args} label={`${label} tool call ${part.name} arguments`} maxHeight={240} />
        </div>
      );
    case "tool_result":
      return (
        <div className="rounded border border-slate-300 p-2 dark:border-slate-700">
          <p className="mb-1 text-xs">
            <span className="font-semibold">Tool result</span>
            {part.id ? <span className="ml-1 font-mono text-slate-500">{part.id}</span> : null}
          </p>
          {typeof part.content === "string" ? (
            <pre className="text-sm whitespace-pre-wrap">{part.content}</pre>
          ) : (
            <JsonTree value={part.content} label={`${label} tool result`} maxHeight={240} />
          )}
        </div>
      );
    case "json":
      return <JsonTree value={part.value} label={`${label} content`} maxHeight={240} />;
  }
}
