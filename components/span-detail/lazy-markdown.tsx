"use client";

import dynamic from "next/dynamic";

/**
 * The markdown renderer, loaded where markdown is shown: react-markdown and rehype-sanitize are the
 * biggest script of the span view (~200 KB), and a JSON payload or a span without text never needs
 * them. Rendered on the server as usual; the browser fetches the code only for pages that show it.
 */
export const Markdown = dynamic(() => import("./markdown").then((m) => m.Markdown), {
  loading: () => <span className="text-sm text-slate-500">…</span>,
});
