import type { RequestContext } from "./context";

export type Handler = (ctx: RequestContext) => Response | Promise<Response>;

/**
 * A write whose CPU work (parsing, validating, building rows) needs no database: `prepare` runs
 * on a thread of its own and `commit` on the writer, with what `prepare` returned (it must survive
 * `v8.serialize`). Served inline, the handler is the one after the other.
 */
export type Stages<T> = { prepare: (ctx: RequestContext) => Promise<T>; commit: (ctx: RequestContext, prepared: T) => Response };

export function staged<T>(stages: Stages<T>): { handler: Handler; stages: Stages<unknown> } {
  return { handler: async (ctx) => stages.commit(ctx, await stages.prepare(ctx)), stages: stages as Stages<unknown> };
}
