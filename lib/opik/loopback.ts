/** Host names (as `URL.hostname` gives them) that reach this machine without leaving it. */
const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]", "::1", "0.0.0.0"]);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK.has(hostname);
