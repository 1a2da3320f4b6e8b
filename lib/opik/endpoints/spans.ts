import type { z } from "zod";
import { encodeFilterValues, type FilterInput } from "../filter-values";
import type { CallOptions, Transport } from "../http";
import { SearchSpansBody, SpanPage, SpanPublic, SpanStats, type SpanUpdate, type SpanWrite } from "../schemas/spans";
import type { SortingField } from "../schemas/filters";
import { lineStream, type LineStream } from "../stream";
import { badResponse } from "../http";

export type { SpanPage, SpanPublic, SpanStats } from "../schemas/spans";

/** Reads name a project by name or id; Opik wants one of them and prefers the id (§2.1). */
export type ProjectRef = { project_name?: string; project_id?: string };

type Window = { search?: string; from_time?: string; to_time?: string };

export type ListSpansParams = ProjectRef &
  Window & {
    page?: number;
    size?: number;
    trace_id?: string;
    type?: string;
    filters?: FilterInput[];
    sorting?: z.input<typeof SortingField>[];
    /** Field names to leave out of each span (§8.3). */
    exclude?: string[];
    truncate?: boolean;
    strip_attachments?: boolean;
  };

export type SpanStatsParams = ProjectRef & Window & { trace_id?: string; type?: string; filters?: FilterInput[] };
export type SearchSpansParams = Omit<z.input<typeof SearchSpansBody>, "filters"> & { filters?: FilterInput[] };
export type SpanWriteInput = z.input<typeof SpanWrite>;
export type SpanUpdateInput = z.input<typeof SpanUpdate>;
export type UpdateSpansInput = { ids: string[]; update: SpanUpdateInput; merge_tags?: boolean };

const P = "/v1/private/spans";
/** Opik takes at most 1000 items per batch call; bigger inputs go out as several calls. */
export const BATCH_LIMIT = 1000;
const id = (value: string) => encodeURIComponent(value);

export function spanEndpoints(t: Transport) {
  return {
    listSpans: (params: ListSpansParams, options?: CallOptions): Promise<SpanPage> =>
      t.json(
        {
          method: "GET",
          path: P,
          endpoint: `GET ${P}`,
          query: { ...params, filters: encodeFilterValues(params.filters) },
          idempotent: true,
          options,
        },
        SpanPage,
      ),

    getSpan: (spanId: string, params: { strip_attachments?: boolean } = {}, options?: CallOptions): Promise<SpanPublic> =>
      t.json({ method: "GET", path: `${P}/${id(spanId)}`, endpoint: `GET ${P}/{id}`, query: params, idempotent: true, options }, SpanPublic),

    spanStats: (params: SpanStatsParams, options?: CallOptions): Promise<SpanStats> =>
      t.json(
        {
          method: "GET",
          path: `${P}/stats`,
          endpoint: `GET ${P}/stats`,
          query: { ...params, filters: encodeFilterValues(params.filters) },
          idempotent: true,
          options,
        },
        SpanStats,
      ),

    /**
     * Spans newest first (id descending), yielded as they arrive. At most `limit` (default 500, max
     * 2000) per call; continue with `last_retrieved_id` = the last id received. Lazy: the request goes
     * out when iteration starts. `truncate` is always sent because an omitted one means false on the
     * server despite the documented default (§12).
     */
    searchSpans: (body: SearchSpansParams, options?: CallOptions): LineStream<SpanPublic> => {
      const endpoint = `POST ${P}/search`;
      const wire = { ...body, truncate: body.truncate ?? false, filters: encodeFilterValues(body.filters) };
      return lineStream({
        endpoint,
        schema: SpanPublic,
        signal: options?.signal,
        open: (signal) =>
          t.open({
            method: "POST",
            path: `${P}/search`,
            endpoint,
            body: wire,
            accept: "application/octet-stream, application/json",
            idempotent: true,
            options: { ...options, signal },
          }),
      });
    },

    /** Returns the span's id: Opik's `Location` header, else the id that was sent. */
    createSpan: async (span: SpanWriteInput, options?: CallOptions): Promise<{ id: string }> => {
      const endpoint = `POST ${P}`;
      const res = await t.send({ method: "POST", path: P, endpoint, body: span, options });
      const created = res.headers.get("location")?.split("/").pop() ?? span.id ?? undefined;
      if (!created) throw badResponse(endpoint, "answered without a Location header", res.status);
      return { id: decodeURIComponent(created) };
    },

    createSpans: async (spans: SpanWriteInput[], options?: CallOptions): Promise<void> => {
      for (let i = 0; i < spans.length; i += BATCH_LIMIT) {
        const body = { spans: spans.slice(i, i + BATCH_LIMIT) };
        await t.send({ method: "POST", path: `${P}/batch`, endpoint: `POST ${P}/batch`, body, options });
      }
    },

    /** Opik creates a partial span when the id is unknown; trace_id is required (§2.6). */
    updateSpan: async (spanId: string, update: SpanUpdateInput, options?: CallOptions): Promise<void> => {
      await t.send({ method: "PATCH", path: `${P}/${id(spanId)}`, endpoint: `PATCH ${P}/{id}`, body: update, options });
    },

    updateSpans: async ({ ids, update, merge_tags }: UpdateSpansInput, options?: CallOptions): Promise<void> => {
      for (let i = 0; i < ids.length; i += BATCH_LIMIT) {
        const body = { ids: ids.slice(i, i + BATCH_LIMIT), update, ...(merge_tags === undefined ? {} : { merge_tags }) };
        await t.send({ method: "PATCH", path: `${P}/batch`, endpoint: `PATCH ${P}/batch`, body, options });
      }
    },

    /** Real Opik answers 501: spans only go away with their trace or project (§2.7). */
    deleteSpan: async (spanId: string, options?: CallOptions): Promise<void> => {
      await t.send({
        method: "DELETE",
        path: `${P}/${id(spanId)}`,
        endpoint: `DELETE ${P}/{id}`,
        statusMessages: { 501: "this Opik server does not support deleting single spans" },
        options,
      });
    },
  };
}
