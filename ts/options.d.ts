/**
 * A `fetch`-shaped function. The global `fetch` of browsers, Node 18+, Deno,
 * Bun and workers fits; tests and proxies can pass their own.
 */
export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string; signal: AbortSignal; redirect: "manual" },
) => Promise<{
  readonly status: number;
  readonly headers?: { get(name: string): string | null; forEach?(fn: (value: string, name: string) => void): void };
  readonly redirected?: boolean;
  readonly type?: string;
  text(): Promise<string>;
}>;

/**
 * When and how failed attempts are repeated. Defaults: 2 retries, waits
 * from 500 ms doubling up to 8 s (minus up to 25 % jitter), no retry
 * starting after 30 s. `Retry-After` (seconds or a date) and
 * `retry-after-ms` are honoured up to 60 s.
 *
 * Reads (`getAuthenticationStatus`, both `lookup`s, the management lists)
 * and the idempotent list updates retry on connection errors, timeouts,
 * 408, 429 and 5xx. Every call that changes state (sending a code, checking
 * one, feedback, Watch reports, `submitSenderId`) retries only where the
 * server certainly did not act (a refused connection, 429, and 503 with
 * `Retry-After`) unless `retryUnsafe` is set.
 */
export interface RetryOptions {
  /** Retries after the first attempt, 0 to 10 (default 2). */
  maxRetries?: number;
  /** Wait before the first retry in ms (default 500). */
  initialDelayMs?: number;
  /** Cap of any one wait in ms (default 8000). */
  maxDelayMs?: number;
  /** No retry starts after this many ms since the first attempt (default 30000). */
  budgetMs?: number;
  /**
   * Also retry ambiguous failures (timeouts, 500/502/503/504, broken
   * connections) of calls that change state, accepting that the server may
   * act twice: a second SMS, a check answered "already validated", a
   * feedback recorded twice. Default false.
   */
  retryUnsafe?: boolean;
}

/** Settings shared by the client options and the per-call options. */
export interface TimingOptions {
  /** A number of retries, `false` for none, `true` for the defaults, or the details. */
  retries?: number | boolean | RetryOptions;
  /** Timeout of each attempt in ms (default 10000). The whole call can take longer when it retries. */
  timeoutMs?: number;
  /** Overall deadline of the call in ms, attempts and waits included (default none). */
  deadlineMs?: number;
}

/** Per-call options, the optional last argument of every method. */
export interface RequestOptions extends TimingOptions {
  /** Aborts the call: it rejects with `DingAbortError` and any wait or request in flight stops. */
  signal?: AbortSignal;
}

/** What a `beforeRequest` hook receives; the API key is not part of it. */
export interface DingRequestInfo {
  method: string;
  url: string;
  /** 1 for the first attempt, 2 for the first retry... */
  attempt: number;
}

/** What an `afterResponse` hook receives. */
export interface DingResponseInfo extends DingRequestInfo {
  status: number;
  /** From sending to the end of the body. */
  durationMs: number;
  /** The answer's headers, names in lower case (those the runtime lets a page read). */
  headers: Record<string, string>;
  /** The request id among the headers (`x-request-id` and the like), to quote to support. */
  requestId?: string;
}

/** A `console`-shaped logger: `debug` is used, or else `log`. */
export interface Logger {
  debug?(message: string): void;
  log?(message: string): void;
}

/** Options shared by `new Ding(options)` and `new Prelude(options)`. */
export interface ClientOptions extends TimingOptions {
  /**
   * The `fetch` to use instead of the global one. A function is called as a
   * plain function (so `globalThis.fetch` works as it is); an object with a
   * `fetch` method, such as a Workers service binding (`env.SERVICE`), is
   * called as its method.
   */
  fetch?: FetchLike | { fetch: FetchLike };
  /**
   * Gets one line per attempt (method, URL, status, time) and per retry.
   * The API key, request bodies and the number in lookup URLs are never logged.
   */
  logger?: Logger;
  /** Called before each attempt; a throw or rejection fails the call with that value. It cannot hold a call past its timeout, deadline or signal. */
  beforeRequest?: (request: DingRequestInfo) => void | Promise<void>;
  /** Called after each answer has been read; a throw or rejection fails the call with that value. It cannot hold a call past its timeout, deadline or signal. */
  afterResponse?: (response: DingResponseInfo) => void | Promise<void>;
}

/** Options of `new Ding(options)` (the v1 API). */
export interface DingOptions extends ClientOptions {
  /**
   * Your secret API key, sent as `x-api-key`. Keep it on a server: a page
   * that holds it gives it to every visitor.
   */
  apiKey: string;
  /**
   * Base URL of the API, default `https://api.ding.live/v1`. Must be https,
   * except for localhost, 127.0.0.0/8 and [::1] (a local mock server). It is
   * read by the runtime's own URL parser, the one `fetch` uses.
   */
  serverURL?: string;
}

/** Options of `new Prelude(options)` (the v2 API). */
export interface PreludeOptions extends ClientOptions {
  /**
   * Your secret v2 API key, sent as `Authorization: Bearer <key>`. Keep it on
   * a server: a page that holds it gives it to every visitor.
   */
  apiKey: string;
  /**
   * Base URL of the API, default `https://api.prelude.dev` (paths start with
   * `/v2`). Must be https, except for localhost, 127.0.0.0/8 and [::1] (a
   * local mock server). It is read by the runtime's own URL parser.
   */
  serverURL?: string;
}
