import { opikConfig, resetOpikConfig, type OpikConfig } from "./config";
import { feedbackEndpoints } from "./endpoints/feedback";
import { projectEndpoints } from "./endpoints/projects";
import { spanEndpoints, type ListSpansParams, type ProjectRef, type SpanPublic } from "./endpoints/spans";
import { OpikError } from "./errors";
import { Transport, type CallOptions, type TransportOptions } from "./http";

/**
 * The one Opik REST client of the server side. Every Opik — the embedded one, a self-hosted one, Opik
 * Cloud — is reached through it; methods take and return Opik's snake_case wire shapes, validated by
 * the contracts in ./schemas, and fail only with OpikError.
 */
export type OpikClientOptions = Partial<TransportOptions> & { mode?: OpikConfig["mode"]; defaultProject?: string };

export type PingResult =
  | { ok: true; latencyMs: number; baseUrl: string }
  | { ok: false; latencyMs: number; baseUrl: string; error: OpikError };

export type OpikClient = ReturnType<typeof createOpikClient>;

/** Without a `baseUrl` the configuration (OPIK_* / ~/.opik.config) decides where Opik is. */
export function createOpikClient(options: OpikClientOptions = {}) {
  const config: OpikConfig =
    options.baseUrl === undefined
      ? opikConfig()
      : {
          mode: options.mode ?? "remote",
          baseUrl: options.baseUrl,
          apiKey: options.apiKey,
          workspace: options.workspace ?? "default",
          defaultProject: options.defaultProject ?? "Default Project",
        };
  const transport = new Transport({ ...options, baseUrl: config.baseUrl, apiKey: config.apiKey, workspace: config.workspace });
  const spans = spanEndpoints(transport);
  const projects = projectEndpoints(transport);

  return {
    /** Where this client points; `apiKey` is left out so it can be shown or logged safely. */
    config: { mode: config.mode, baseUrl: transport.baseUrl, workspace: config.workspace, defaultProject: config.defaultProject },
    ...spans,
    ...feedbackEndpoints(transport),
    ...projects,

    /**
     * Every span of a trace, paging through the list endpoint to the end. Opik lists need a project;
     * without one the trace is read first to learn it.
     */
    listSpansOfTrace: async (
      traceId: string,
      params: ProjectRef & Pick<ListSpansParams, "truncate" | "exclude" | "sorting" | "strip_attachments"> & { size?: number } = {},
      options?: CallOptions,
    ): Promise<SpanPublic[]> => {
      const { size = 500, project_id, project_name, ...rest } = params;
      let project: ProjectRef = { project_id, project_name };
      if (!project_id && !project_name) {
        const trace = await projects.getTrace(traceId, {}, options);
        if (!trace.project_id) {
          const message = `trace ${traceId} came back without a project_id`;
          throw new OpikError({ kind: "bad_response", status: 200, endpoint: "GET /v1/private/traces/{id}", message });
        }
        project = { project_id: trace.project_id };
      }
      const all: SpanPublic[] = [];
      for (let page = 1; ; page++) {
        const res = await spans.listSpans({ ...rest, ...project, trace_id: traceId, page, size }, options);
        all.push(...res.content);
        // Stop on a short page too: `total` may move while we page (spans still arriving).
        if (res.content.length < size || all.length >= res.total) return all;
      }
    },

    /** "Does the backend answer?": one cheap read, no retries, with its latency either way. */
    ping: async (options?: CallOptions): Promise<PingResult> => {
      const started = performance.now();
      const latency = () => Math.round((performance.now() - started) * 10) / 10;
      try {
        await transport.send({
          method: "GET",
          path: "/v1/private/projects",
          endpoint: "GET /v1/private/projects",
          query: { size: 1 },
          idempotent: true,
          maxAttempts: 1,
          options,
        });
        return { ok: true, latencyMs: latency(), baseUrl: transport.baseUrl };
      } catch (error) {
        const failure = error instanceof OpikError ? error : new OpikError({ kind: "server", status: 0, message: String(error) });
        return { ok: false, latencyMs: latency(), baseUrl: transport.baseUrl, error: failure };
      }
    },
  };
}

let shared: OpikClient | undefined;

/**
 * The process-wide client built from the configuration on first use. `embeddedFetch` carries its
 * calls when the configuration is the embedded server (lib/backend hands in its in-process fetch).
 */
export function opik(embeddedFetch?: typeof fetch): OpikClient {
  if (shared) return shared;
  const embedded = embeddedFetch !== undefined && opikConfig().mode === "embedded";
  return (shared = createOpikClient(embedded ? { fetch: embeddedFetch } : {}));
}

/** After the configuration changed in-process (tests, settings). */
export function resetOpik(): void {
  shared = undefined;
  resetOpikConfig();
}

export { OpikError, isOpikError, toOpikErrorInfo, type OpikErrorInfo, type OpikErrorKind } from "./errors";
export type { CallOptions } from "./http";
export type { LineStream } from "./stream";
export type * from "./endpoints/spans";
export type * from "./endpoints/feedback";
export type * from "./endpoints/projects";
