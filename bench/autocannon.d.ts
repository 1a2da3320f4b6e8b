// The part of autocannon's API bench/load.ts uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  export type Request = { method?: string; path: string; headers?: Record<string, string>; body?: string };
  export type Options = {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    pipelining?: number;
    connectionRate?: number;
    overallRate?: number;
    requests?: Request[];
    headers?: Record<string, string>;
    /** Called with each connection's client; its `headers` event carries the raw header list [name, value, …]. */
    setupClient?: (client: EventEmitter) => void;
  };
  export type Result = {
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
    requests: { total: number; average: number };
    latency: { p50: number; p99: number; max: number };
  };
  export interface Instance extends EventEmitter {
    on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): this;
    on(event: "reqError", listener: (error: Error) => void): this;
    on(event: "done", listener: (result: Result) => void): this;
    stop(): void;
  }
  function autocannon(options: Options, callback: (error: Error | null, result: Result) => void): Instance;
  export default autocannon;
}
