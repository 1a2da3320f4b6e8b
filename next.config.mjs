import { API_HEADERS } from "./scripts/api-headers.mjs";
import { compressResponses } from "./scripts/listen.mjs";

/** @type {import('next').NextConfig} */
const nextConfig = {
  // better-sqlite3 is a native addon: it must be required at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
  // Parallel builds (one per engineer or CI job) can each have their own output directory.
  distDir: process.env.SPANBOARD_DIST_DIR || ".next",
  poweredByHeader: false,
  // gzip only beyond loopback (or as SPANBOARD_COMPRESS says): scripts/listen.mjs.
  compress: compressResponses(),
  // The embedded API answers JSON only; proxy.ts (which secures the pages) does not run for it.
  async headers() {
    return [
      {
        source: "/api/:path*",
        headers: API_HEADERS,
      },
    ];
  },
  reactStrictMode: true,
  experimental: {
    serverActions: {
      // An import (createSpans) carries up to 1000 spans and a bulk score up to 5000 items; the
      // default 1 MB would cut both. The actions' zod schemas bound the counts.
      bodySizeLimit: "16mb",
    },
  },
};

export default nextConfig;
