// Types for bundles.mjs, which the scripts import as plain JavaScript and the tests from TypeScript.
export const WORKER_BUNDLE: string;
export const DIRECT_BUNDLE: string;
export function lacksBundles(distDir: string): boolean;
