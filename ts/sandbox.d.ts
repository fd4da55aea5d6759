// Typings of "ding-otp/sandbox" (hand-written; sandbox/js/sandbox.js is the code).

/** A message the sandbox "sent": what the user would have received. */
export interface SandboxMessage {
  /** The phone number (or e-mail address) it went to. */
  to: string;
  /** The whole text of the message. */
  text: string;
  /** The code in it. */
  code: string;
  /** When it was sent. */
  sentAt: Date;
  /** v2: the channel (`sms`, `whatsapp`...). */
  channel?: string;
  /** v2: the verification it belongs to. */
  verificationId?: string;
  /** v1: the authentication it belongs to. */
  authenticationUuid?: string;
}

/** A webhook the sandbox delivered or tried to. */
export interface SandboxDelivery {
  /** The callback URL. */
  url: string;
  /** The event, as JSON (snake_case). */
  event: { id: string; type: string; created_at: string; payload: Record<string, unknown> };
  /** The exact body sent, which the signature covers. */
  body: string;
  /** The `X-Webhook-Signature` header sent. */
  signature: string;
  /** The receiver's status, `"pending"`, or why it was not delivered. */
  status_or_error: number | string;
}

/** Options of `createSandbox`: the mock's command-line options, camelCased. */
export interface SandboxOptions {
  /** A fixed code for every message (4 to 10 digits); random 6 digits by default. */
  code?: string;
  /** The only API key accepted (v1 `x-api-key`, v2 bearer); any non-empty key by default. */
  apiKey?: string;
  /** v1: seconds between two approved retries (default 30). */
  retryWindowSecs?: number;
  /** Retries (v1) or extra attempts (v2) allowed (default 3). */
  maxRetries?: number;
  /** Seconds before a code expires (default 600). */
  expirySecs?: number;
  /** Wrong checks allowed before the code is refused (default 5). */
  maxCheckAttempts?: number;
  /** A fault spec applied to every API request (see `fault`). */
  fault?: string;
  /** The seed of ids, codes and the webhook key: the same seed gives the same answers. */
  seed?: number;
  /**
   * Receives each webhook as a `Request` (POST, signed), whatever its
   * `callbackUrl`, instead of a POST to a loopback `callbackUrl` with the
   * global `fetch`; its answer's status is logged. Lets a test call its own
   * webhook handler in process, with nothing sent over a network.
   */
  onWebhook?: (request: Request) => Response | Promise<Response> | unknown;
}

/** The sandbox of both APIs: a `fetch`, its inbox, faults and webhooks. */
export interface Sandbox {
  /**
   * A fetch-shaped function answering by path (`/v1/...`, `/v2/...`) for any
   * base URL, as the mock server: pass it as a client's `fetch`.
   */
  fetch(input: string | URL | Request, init?: RequestInit): Promise<Response>;
  /** The messages sent so far, oldest first (to `to` only, when given). */
  inbox(to?: string): SandboxMessage[];
  /**
   * Injects a fault into the next `times` API requests, or all of them when
   * `times` is left out; `fault(null)` stops. The spec is the mock's:
   * `status=503;retry-after=2`, `delay=1500`, `late=800`, `drop`,
   * `body=truncated`, `status=307;location=...`, `echo-key`... With a
   * `key=K` in the spec, `requests("K")` counts the requests it met.
   * Throws a `TypeError` for a bad spec, or `times` given twice.
   */
  fault(spec: string | null, options?: { times?: number }): void;
  /** How many API requests carried the fault key `key` (`fault("status=500;key=k1")`). */
  requests(key: string): number;
  /** The webhook deliveries so far, for one verification or all. */
  webhooks(verificationId?: string): SandboxDelivery[];
  /** The public key of the webhook signatures, for `verifyWebhook`. */
  webhookKey(): { pem: string; jwk: { kty: "RSA"; n: string; e: string } };
  /** Forgets every authentication, verification, message, list entry and fault. */
  reset(): void;
  /**
   * Stops the pending webhook deliveries and sends no more (the sandbox
   * still answers requests). Call it when a test ends.
   */
  close(): void;
}

/** Creates a sandbox. Throws a `TypeError` for an unknown or bad option. */
export declare function createSandbox(options?: SandboxOptions): Sandbox;
