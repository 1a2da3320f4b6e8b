export default function HomePage() {
  return (
    <main className="mx-auto max-w-3xl px-6 py-12">
      <h1 className="text-3xl font-semibold">Spanboard</h1>
      <p className="mt-3 text-slate-600 dark:text-slate-300">
        Browse, comment on and score the spans your LLM application logs to Opik.
      </p>
      <section aria-labelledby="embedded" className="mt-8 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
        <h2 id="embedded" className="text-lg font-medium">
          Embedded Opik server
        </h2>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-300">
          This instance serves Opik&apos;s REST API from a local SQLite file. Point the official SDK at it:
        </p>
        <pre className="mt-3 overflow-x-auto rounded bg-slate-100 p-3 text-sm dark:bg-slate-900">
          <code>OPIK_URL_OVERRIDE=http://localhost:3000/api</code>
        </pre>
      </section>
    </main>
  );
}
