/**
 * A path with a malformed %-escape (`/projects/%E0%A4`), which Next would answer with a bare
 * "Internal Server Error". The proxy (gate.ts) and the production server's direct API path
 * (lib/backend/direct-api.ts) both turn it away with this message.
 */
export const MALFORMED_PATH_MESSAGE = "The address has a malformed %-escape (a % must be followed by two hex digits of valid UTF-8)";

export function decodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}
