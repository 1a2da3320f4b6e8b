"use client";

import { useId, useState, type FormEvent } from "react";
import { OPERATORS_BY_TYPE, SPAN_FILTER_FIELDS, SpanFilterInput, type SpanFilterField } from "@/lib/spans/filters";
import { SPAN_TYPES } from "@/lib/spans/inputs";
import type { Operator } from "@/lib/opik/schemas/filters";
import type { SpanFilter } from "@/lib/spans/search-params";
import { FIELD_LABELS, OPERATOR_LABELS, describeFilter } from "./filter-labels";

type Suggestions = { scoreNames: readonly string[]; metadataKeys: readonly string[]; tags: readonly string[] };

const SOURCES = ["sdk", "experiment", "playground", "optimization", "unknown"];
const KEYED = new Set(["DICTIONARY", "FEEDBACK_SCORES_NUMBER", "CUSTOM"]);
const NO_VALUE = new Set(["is_empty", "is_not_empty"]);

/** datetime-local gives "2024-05-01T10:15" in local time; Opik wants an instant. */
function toInstant(local: string): string {
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? local : d.toISOString();
}

/** A form for one filter of any field Opik accepts; the value is checked before any request. */
export function FilterBuilder({ onAdd, suggestions }: { onAdd(filter: SpanFilter): void; suggestions: Suggestions }) {
  const id = useId();
  const [field, setField] = useState<SpanFilterField>("name");
  const type = SPAN_FILTER_FIELDS[field];
  const operators = OPERATORS_BY_TYPE[type];
  const [operator, setOperator] = useState<Operator>(operators[0]!);
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const [error, setError] = useState<string | null>(null);

  const changeField = (next: SpanFilterField) => {
    setField(next);
    setOperator(OPERATORS_BY_TYPE[SPAN_FILTER_FIELDS[next]][0]!);
    setKey("");
    setValue("");
    setError(null);
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const raw = { field, operator, key: KEYED.has(type) ? key.trim() : undefined, value: NO_VALUE.has(operator) ? "" : type === "DATE_TIME" ? toInstant(value) : value.trim() };
    const parsed = SpanFilterInput.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const what = issue.path[0] === "key" ? (field === "feedback_scores" ? "Score name" : "Key") : issue.path[0] === "value" ? "Value" : "Filter";
      setError(`${what} ${issue.message}.`);
      return;
    }
    setError(null);
    onAdd(raw.key ? { field, operator, key: raw.key, value: raw.value } : { field, operator, value: raw.value });
    setValue("");
  };

  const keyList = field === "feedback_scores" ? suggestions.scoreNames : field === "metadata" ? suggestions.metadataKeys : [];
  const control = "rounded border border-slate-300 bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900";
  return (
    <form onSubmit={submit} aria-label="Add a filter" noValidate className="flex flex-wrap items-end gap-2 text-sm">
      <label className="flex flex-col gap-0.5">
        <span>Field</span>
        <select value={field} onChange={(e) => changeField(e.target.value as SpanFilterField)} className={control}>
          {(Object.keys(SPAN_FILTER_FIELDS) as SpanFilterField[]).map((f) => (
            <option key={f} value={f}>
              {FIELD_LABELS[f] ?? f}
            </option>
          ))}
        </select>
      </label>
      {KEYED.has(type) ? (
        <label className="flex flex-col gap-0.5">
          <span>{field === "feedback_scores" ? "Score name" : field === "custom" ? "Path (input.x or output.y)" : "Key path"}</span>
          <input value={key} onChange={(e) => setKey(e.target.value)} list={keyList.length ? `${id}-keys` : undefined} className={control} />
          {keyList.length ? (
            <datalist id={`${id}-keys`}>
              {keyList.map((k) => (
                <option key={k} value={k} />
              ))}
            </datalist>
          ) : null}
        </label>
      ) : null}
      <label className="flex flex-col gap-0.5">
        <span>Operator</span>
        <select value={operator} onChange={(e) => setOperator(e.target.value as Operator)} className={control}>
          {operators.map((o) => (
            <option key={o} value={o}>
              {OPERATOR_LABELS[o] ?? o}
            </option>
          ))}
        </select>
      </label>
      {NO_VALUE.has(operator) ? null : (
        <label className="flex flex-col gap-0.5">
          <span>Value{type === "NUMBER" && (field === "duration" || field === "ttft") ? " (ms)" : ""}</span>
          <ValueInput field={field} type={type} value={value} onChange={setValue} tags={suggestions.tags} listId={`${id}-values`} className={control} />
        </label>
      )}
      <button type="submit" className="rounded bg-sky-700 px-3 py-1 font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-600">
        Add filter
      </button>
      {error ? (
        <p role="alert" className="w-full text-red-700 dark:text-red-400">
          {error}
        </p>
      ) : null}
    </form>
  );
}

function ValueInput(props: { field: SpanFilterField; type: string; value: string; onChange(v: string): void; tags: readonly string[]; listId: string; className: string }) {
  const { field, type, value, onChange, tags, listId, className } = props;
  if (field === "type" || field === "source") {
    const options = field === "type" ? SPAN_TYPES : SOURCES;
    return (
      <select value={value} onChange={(e) => onChange(e.target.value)} className={className}>
        <option value="">Choose…</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    );
  }
  if (type === "DATE_TIME") return <input type="datetime-local" step="1" value={value} onChange={(e) => onChange(e.target.value)} className={className} />;
  return (
    <>
      <input
        value={value}
        inputMode={type === "NUMBER" || type === "FEEDBACK_SCORES_NUMBER" ? "decimal" : undefined}
        onChange={(e) => onChange(e.target.value)}
        list={type === "LIST" && tags.length ? listId : undefined}
        className={className}
      />
      {type === "LIST" && tags.length ? (
        <datalist id={listId}>
          {tags.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
      ) : null}
    </>
  );
}

/** The active filters as removable chips. */
export function FilterChips({ filters, onRemove, onClear }: { filters: SpanFilter[]; onRemove(index: number): void; onClear(): void }) {
  if (filters.length === 0) return null;
  return (
    <ul aria-label="Active filters" className="flex flex-wrap items-center gap-2 text-sm">
      {filters.map((f, i) => {
        const text = describeFilter(f);
        return (
          <li key={`${i}-${text}`} className="flex items-center gap-1 rounded-full border border-sky-300 bg-sky-50 py-0.5 pr-1 pl-3 dark:border-sky-800 dark:bg-sky-950">
            <span>{text}</span>
            <button type="button" onClick={() => onRemove(i)} aria-label={`Remove filter ${text}`} className="rounded-full px-1.5 hover:bg-sky-200 focus-visible:outline-2 focus-visible:outline-sky-600 dark:hover:bg-sky-800">
              ×
            </button>
          </li>
        );
      })}
      <li>
        <button type="button" onClick={onClear} className="underline underline-offset-2">
          Clear filters
        </button>
      </li>
    </ul>
  );
}
