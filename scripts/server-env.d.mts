// Types for server-env.mjs, which the scripts import as plain JavaScript and the tests from TypeScript.
export function serverEnv(env?: Record<string, string | undefined>): NodeJS.ProcessEnv;
