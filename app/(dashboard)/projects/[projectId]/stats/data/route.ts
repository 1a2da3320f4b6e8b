import { handleStatsData } from "@/lib/stats/server";

// The stats view's reads (GET, so several run at once; server actions would queue): lib/stats/server.ts.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ projectId: string }> }): Promise<Response> {
  return handleStatsData(req, (await params).projectId);
}
