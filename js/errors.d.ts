/** Base class of every error thrown by ding-otp. */
export declare class DingError extends Error {
  /** HTTP status of the answer, when there was one. */
  readonly status?: number;
  /** Error code of the answer's body (for a 400: see `ErrorCode`). */
  readonly code?: ErrorCode;
  /** Link to the vendor documentation of `code`. */
  readonly docUrl?: string;
  /** Raw body of the answer (cut at 64 KiB), when there was one. */
  readonly body?: string;
  /** JS name of the input field that failed a check. */
  readonly field?: string;
  /** How many attempts the call made (1 when it was not retried). */
  readonly attempts?: number;
}
/** The input failed a check; nothing was sent. `field` names the input. */
export declare class DingValidationError extends DingError {
  readonly name: "DingValidationError";
  readonly field: string;
}
/** The API refused the request (HTTP 400); `code` says why. */
export declare class DingApiError extends DingError {
  readonly name: "DingApiError";
  readonly status: number;
  readonly body: string;
}
/** The API answered another non-2xx status (401, 403, 429, 5xx...). */
export declare class DingHttpError extends DingError {
  readonly name: "DingHttpError";
  readonly status: number;
  readonly body: string;
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
