import type { z } from "zod";
import { OpikError, kindForStatus } from "./errors";
import { badResponse, networkDetail, snippet, validate, type OpenStream } from "./http";

/**
 * Opik's search endpoints answer with one compact JSON object per line, `\r\n`-terminated, ended by
 * closing the connection (opik-spans-api.md §12). This reads them as they arrive, so the first span
 * renders before the last one is sent and memory stays flat.
 */
export type LineStream<T> = AsyncIterable<T> & {
  /** Stops reading and closes the connection; a loop over the stream then simply ends. */
  cancel(): void;
};

type Options<S extends z.ZodType> = {
  endpoint: string;
  schema: S;
  /** Caller's signal: aborting it ends the loop with an OpikError of kind "cancelled". */
  signal?: AbortSignal;
  open: (signal: AbortSignal) => Promise<OpenStream>;
};

export function lineStream<S extends z.ZodType>(opts: Options<S>): LineStream<z.output<S>> {
  const stop = new AbortController();
  const signal = opts.signal ? AbortSignal.any([opts.signal, stop.signal]) : stop.signal;
  let running: AsyncGenerator<z.output<S>> | undefined;
  return {
    [Symbol.asyncIterator]: () => (running ??= read(opts, signal, stop.signal)),
    cancel: () => stop.abort(),
  };
}

async function* read<S extends z.ZodType>(opts: Options<S>, signal: AbortSignal, stopped: AbortSignal): AsyncGenerator<z.output<S>> {
  let stream: OpenStream;
  try {
    stream = await opts.open(signal);
  } catch (error) {
    if (stopped.aborted && !opts.signal?.aborted) return;
    throw error;
  }
  const { body, deadline } = stream;
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let line = 0;
  let spans = 0;
  let finished = false;
  const parse = (text: string, terminated: boolean) => {
    line++;
    const item = parseLine(text, terminated, opts, line, spans);
    if (item !== undefined) spans++;
    return item;
  };
  try {
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      deadline.restart();
      try {
        chunk = await reader.read();
      } catch (error) {
        if (stopped.aborted && !opts.signal?.aborted) return;
        const failure = deadline.failure(error, opts.endpoint, "");
        throw failure.kind === "unavailable" ? cut(opts.endpoint, spans, networkDetail(error)) : failure;
      } finally {
        deadline.pause();
      }
      if (chunk.done) break;
      buffer += decoder.decode(chunk.value, { stream: true });
      // A chunk may end mid-line (or mid-character: the decoder keeps partial UTF-8 sequences).
      for (let nl = buffer.indexOf("\n"); nl >= 0; nl = buffer.indexOf("\n")) {
        const item = parse(buffer.slice(0, nl), true);
        buffer = buffer.slice(nl + 1);
        if (item !== undefined) yield item;
      }
    }
    finished = true;
    buffer += decoder.decode();
    const last = parse(buffer, false);
    if (last !== undefined) yield last;
  } finally {
    deadline.dispose();
    // Breaking out of the loop (or cancel()) must close the connection, not leave it streaming.
    if (!finished) await reader.cancel().catch(() => undefined);
  }
}

const SKIP = new Set(["", "{}", "[]", "null"]);

function parseLine<S extends z.ZodType>(raw: string, terminated: boolean, opts: Options<S>, line: number, spans: number): z.output<S> | undefined {
  const text = raw.trim();
  if (SKIP.has(text)) return undefined;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // An unterminated last line that does not parse is a connection that ended mid-span.
    if (!terminated) throw cut(opts.endpoint, spans, "the last line was incomplete");
    throw badResponse(opts.endpoint, `sent stream line ${line} that is not JSON: ${snippet(text)}`);
  }
  // After the 200 is out, Opik reports failures as a final `{"code":500,"message":…}` line.
  if (isErrorLine(data)) {
    throw new OpikError({ kind: kindForStatus(data.code), status: data.code, endpoint: opts.endpoint, message: data.message });
  }
  return validate(opts.schema, data, opts.endpoint, `sent stream line ${line}`);
}

function isErrorLine(data: unknown): data is { code: number; message: string } {
  if (typeof data !== "object" || data === null || "id" in data) return false;
  const d = data as { code?: unknown; message?: unknown };
  return typeof d.code === "number" && typeof d.message === "string";
}

function cut(endpoint: string, spans: number, detail: string): OpikError {
  return new OpikError({
    kind: "unavailable",
    status: 0,
    endpoint,
    message: `the connection closed in the middle of the stream after ${spans} item${spans === 1 ? "" : "s"} (${detail})`,
  });
}
