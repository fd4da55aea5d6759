/**
 * A `fetch`-shaped function. The global `fetch` of browsers, Node 18+, Deno,
 * Bun and workers fits; tests and proxies can pass their own.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<{ readonly status: number; text(): Promise<string> }>;

/** Options of `new Ding(options)`. */
export interface DingOptions {
  /**
   * Your secret API key, sent as `x-api-key`. Keep it on a server: a page
   * that holds it gives it to every visitor.
   */
  apiKey: string;
  /**
   * Base URL of the API, default `https://api.ding.live/v1`. Must be https,
   * except for localhost and 127.0.0.1 (for example the local mock server).
   */
  serverURL?: string;
  /** The `fetch` to use instead of the global one. */
  fetch?: FetchLike;
}
