import type { NextRequest } from "next/server";
import { gate } from "@/lib/auth/gate";

/** Every page, server action, export and /api request passes here first: lib/auth/gate.ts. */
export function proxy(request: NextRequest): Response {
  return gate(request);
}

export const config = {
  // Static build output and the public theme script need neither a nonce nor a session (the login
  // page loads them too). The embedded API checks its own key (lib/embedded/context.ts) and gets its
  // headers from next.config.mjs: a proxy in front of it would cap request bodies at Next's 10 MB
  // and copy every batch once more. Everything else — pages, their server actions (POSTs to the
  // page's path), RSC prefetches, exports — is matched.
  // An API path with a %-escape is matched too, only so that an undecodable one gets Opik's 400.
  matcher: ["/((?!_next/static/|_next/image|favicon\\.ico$|theme-init\\.js$|api/).*)", "/api/(.*%.*)"],
};
