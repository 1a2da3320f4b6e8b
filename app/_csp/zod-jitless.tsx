"use client";

import { z } from "zod";

// Zod 4 probes for `Function("")` to compile fast parsers; under the Content-Security-Policy (no
// 'unsafe-eval', proxy.ts) the probe fails harmlessly but the browser reports a violation on every
// page that parses. Jitless parsing avoids the probe. Module scope: it runs before any component parses.
z.config({ jitless: true });

export function ZodJitless() {
  return null;
}
