/**
 * Base class of every error thrown by ding-otp. `instanceof` works across
 * the package's builds (ESM and CommonJS, `ding-otp` and `ding-otp/prelude`):
 * each error carries a brand that every copy of these classes recognises.
 */
export declare class DingError extends Error {
  /** HTTP status of the answer, when there was one (0 for a browser's opaque redirect). */
  readonly status?: number;
  /** Error code of the answer's body (see `ErrorCode`). */
  readonly code?: ErrorCode;
  /** Link to the vendor documentation of `code` (v1). */
  readonly docUrl?: string;
  /** The request input the error is about, as the API names it (v2, like `target.value`). */
  readonly param?: string;
  /** Raw body of the answer (cut at 64 KiB), when there was one. */
  readonly body?: string;
  /** Where a redirect pointed, when it was readable (redirects are never followed). */
  readonly location?: string;
  /** The id of the request, from the answer's body or headers: quote it to support. */
  readonly requestId?: string;
  /** The answer's headers, names in lower case (those the runtime lets a page read). */
  readonly headers?: Record<string, string>;
  /** JS path of the input that failed a check (`phoneNumber`, `options.codeSize`). */
  readonly field?: string;
  /** How many attempts the call made (1 when it was not retried). */
  readonly attempts?: number;
}
/** The input failed a check; nothing was sent. `field` names the input. */
export declare class DingValidationError extends DingError {
  readonly name: "DingValidationError";
  readonly field: string;
}
/** The API refused the request's content; `code` says why. */
export declare class DingApiError extends DingError {
  readonly name: "DingApiError";
  readonly status: number;
  readonly body: string;
}
/** The API answered another non-2xx status (401, 403, 429, 5xx, a redirect...). */
export declare class DingHttpError extends DingError {
  readonly name: "DingHttpError";
  readonly status: number;
}
/** No answer: the request could not be sent or the connection broke. `cause` holds the platform's error. */
export declare class DingNetworkError extends DingError {
  readonly name: "DingNetworkError";
}
/** A success answer that does not match the API contract; `body` keeps it. */
export declare class DingDecodeError extends DingError {
  readonly name: "DingDecodeError";
  readonly status: number;
  readonly body: string;
}
/** An attempt outlived `timeoutMs`, or the call its `deadlineMs`. */
export declare class DingTimeoutError extends DingError {
  readonly name: "DingTimeoutError";
}
/** The caller's `AbortSignal` aborted the call; `cause` is the signal's reason. */
export declare class DingAbortError extends DingError {
  readonly name: "DingAbortError";
}
/** A webhook whose signature, key or body does not check out; `message` says why. */
export declare class DingWebhookError extends DingError {
  readonly name: "DingWebhookError";
}
