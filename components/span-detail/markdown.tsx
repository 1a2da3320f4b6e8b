"use client";

import ReactMarkdown, { defaultUrlTransform, type Components } from "react-markdown";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { isSafeDataImage } from "@/lib/span-detail/messages";

/**
 * Untrusted markdown (span payloads, comments). react-markdown never renders raw HTML (it is
 * dropped, not parsed), rehype-sanitize (GitHub's schema) strips anything dangerous that markdown
 * itself could produce, and links/images are restricted: embedded raster images are shown, remote
 * images become links and are never fetched (no tracking pixels, no leaks of who looked at a span).
 */
const schema = {
  ...defaultSchema,
  protocols: { ...defaultSchema.protocols, src: [...(defaultSchema.protocols?.src ?? []), "data"] },
};

const urlTransform = (url: string, key: string) => (key === "src" && isSafeDataImage(url) ? url : defaultUrlTransform(url));

const components: Components = {
  img: ({ src, alt }) => {
    const url = typeof src === "string" ? src : "";
    if (isSafeDataImage(url)) {
      // eslint-disable-next-line @next/next/no-img-element -- a data: URL: nothing for next/image to optimise.
      return <img src={url} alt={alt ?? "embedded image"} className="my-2 max-h-96 max-w-full rounded border border-slate-200 dark:border-slate-700" />;
    }
    if (!url) return <span>[image: {alt || "no source"}]</span>;
    return (
      <a href={url} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-800 underline dark:text-sky-300">
        [image: {alt || url}]
      </a>
    );
  },
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer nofollow" className="text-sky-800 underline dark:text-sky-300">
      {children}
    </a>
  ),
};

export function Markdown({ text }: { text: string }) {
  return (
    <div className="markdown space-y-2 text-sm leading-relaxed break-words [&_code]:rounded [&_code]:bg-slate-100 [&_code]:px-1 dark:[&_code]:bg-slate-800 [&_h1]:text-lg [&_h1]:font-semibold [&_h2]:font-semibold [&_ol]:list-decimal [&_ol]:pl-5 [&_pre]:overflow-x-auto [&_pre]:rounded [&_pre]:bg-slate-100 [&_pre]:p-2 dark:[&_pre]:bg-slate-900 [&_ul]:list-disc [&_ul]:pl-5">
      <ReactMarkdown rehypePlugins={[[rehypeSanitize, schema]]} urlTransform={urlTransform} components={components}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
