// Types for listen.mjs, which next.config.mjs and start.mjs import as plain JavaScript.
export function listenHost(env?: Record<string, string | undefined>): string;
export function isLoopbackListen(host: string): boolean;
export function compressResponses(env?: Record<string, string | undefined>): boolean;
