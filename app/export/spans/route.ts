import { exportSpans } from "@/lib/spans/export";

// Span file export (CSV or JSON Lines), streamed from Opik's search stream; see lib/spans/export.ts.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return exportSpans(new URL(req.url), req.signal);
}
