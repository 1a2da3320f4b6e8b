import { Alert } from "@/components/ui/alert";
import type { BackendStatus } from "@/lib/backend/status";
import { RetryButton } from "./retry-button";

/**
 * What the dashboard shows instead of a page when it cannot work (bad settings, Opik not answering),
 * and on /setup: where it points, whether that answers, and how to change it.
 */
export function SetupPanel({ status }: { status: BackendStatus }) {
  return (
    <div className="space-y-8">
      {status.state === "config_error" ? (
        <>
          <h1 className="text-2xl font-semibold">Spanboard&apos;s Opik configuration is invalid</h1>
          <Alert title="The configuration could not be read">
            <p className="font-mono break-words whitespace-pre-wrap">{status.message}</p>
            <p>Fix the setting named above, then restart Spanboard.</p>
          </Alert>
        </>
      ) : status.state === "unreachable" ? (
        <>
          <h1 className="text-2xl font-semibold">Cannot reach Opik</h1>
          <Alert title={`Spanboard tried ${status.url}`}>
            <p>{status.error.userMessage}</p>
            <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1">
              <dt className="font-medium">URL tried</dt>
              <dd className="font-mono break-all">{status.url}</dd>
              <dt className="font-medium">Workspace</dt>
              <dd>{status.workspace}</dd>
              <dt className="font-medium">Error</dt>
              <dd className="font-mono break-words">
                {status.error.kind}
                {status.error.status ? ` (HTTP ${status.error.status})` : ""}: {status.error.message}
              </dd>
            </dl>
            <div className="pt-2">
              <RetryButton />
            </div>
          </Alert>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-semibold">Setup</h1>
          <Alert tone="info" title={status.mode === "embedded" ? "Using the embedded Opik server" : `Connected to Opik at ${status.url}`}>
            <p>
              {status.url} answered in {Math.round(status.latencyMs)} ms (workspace {status.workspace}).
            </p>
          </Alert>
        </>
      )}
      {status.state !== "config_error" ? <Current status={status} /> : null}
      <HowTo />
    </div>
  );
}

function Current({ status }: { status: Exclude<BackendStatus, { state: "config_error" }> }) {
  const rows: [string, string][] = [
    ["Backend", status.mode === "embedded" ? "embedded (this server, SQLite)" : "remote Opik"],
    ["Base URL", status.url],
    ["Workspace", status.workspace],
    ["API key", status.apiKeySet ? "set (never shown)" : "not set"],
  ];
  return (
    <section aria-labelledby="current-config">
      <h2 id="current-config" className="text-lg font-medium">
        Current configuration
      </h2>
      <dl className="mt-3 grid grid-cols-[max-content_1fr] gap-x-6 gap-y-1 text-sm">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-600 dark:text-slate-400">{k}</dt>
            <dd className="font-mono break-all">{v}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

const SETTINGS: [string, string][] = [
  ["OPIK_URL_OVERRIDE", "Opik's base URL, e.g. http://localhost:5173/api (self-hosted) or https://www.comet.com/opik/api. Unset: the embedded server."],
  ["OPIK_API_KEY", "API key (Opik Cloud). Stays on the server."],
  ["OPIK_WORKSPACE", "Workspace name (Opik Cloud). Default: default."],
  ["OPIK_CONFIG_PATH", "Another config file instead of ~/.opik.config ([opik] section: url_override, api_key, workspace)."],
];

function HowTo() {
  return (
    <section aria-labelledby="how-to-configure">
      <h2 id="how-to-configure" className="text-lg font-medium">
        How to configure
      </h2>
      <p className="mt-2 text-sm text-slate-700 dark:text-slate-300">
        Spanboard reads the same settings as Opik&apos;s SDKs; the environment wins over ~/.opik.config. Restart Spanboard after a change.
      </p>
      <table className="mt-3 w-full text-left text-sm">
        <thead>
          <tr className="border-b border-slate-200 dark:border-slate-800">
            <th scope="col" className="py-1 pr-4 font-medium">
              Setting
            </th>
            <th scope="col" className="py-1 font-medium">
              Meaning
            </th>
          </tr>
        </thead>
        <tbody>
          {SETTINGS.map(([name, meaning]) => (
            <tr key={name} className="border-b border-slate-100 align-top dark:border-slate-900">
              <td className="py-1.5 pr-4 font-mono">{name}</td>
              <td className="py-1.5 text-slate-700 dark:text-slate-300">{meaning}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
