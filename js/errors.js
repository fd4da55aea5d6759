// Error classes of ding-otp. The wasm module builds every error it throws
// through `makeError`, so each is a real `Error` of one of these classes and
// `instanceof` works with the classes exported by the package.

/** Base class of every error thrown by ding-otp. */
export class DingError extends Error {
  constructor(message, props) {
    super(message, props && "cause" in props ? { cause: props.cause } : undefined);
    if (props) {
      for (const key of ["status", "code", "docUrl", "body", "field", "attempts"]) {
        if (props[key] !== undefined) this[key] = props[key];
      }
    }
  }
}

/** The input failed a check; nothing was sent. `field` names the input. */
export class DingValidationError extends DingError {}
/** The API refused the request (HTTP 400) with an error code. */
export class DingApiError extends DingError {}
/** The API answered another non-2xx status (401, 403, 429, 5xx...). */
export class DingHttpError extends DingError {}
/** No answer: the request could not be sent or the connection broke. */
export class DingNetworkError extends DingError {}
/** A success answer that does not match the API contract; `body` keeps it. */
export class DingDecodeError extends DingError {}
/** An attempt outlived `timeoutMs`, or the call its `deadlineMs`. */
export class DingTimeoutError extends DingError {}
/** The caller's `AbortSignal` aborted the call; `cause` is the signal's reason. */
export class DingAbortError extends DingError {}

const classes = {
  DingError,
  DingValidationError,
  DingApiError,
  DingHttpError,
  DingNetworkError,
  DingDecodeError,
  DingTimeoutError,
  DingAbortError,
};

for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls.prototype, "name", {
    value: name,
    writable: true,
    enumerable: false,
    configurable: true,
  });
}

/** Used by the wasm module: builds an error of class `name`. */
export function makeError(name, message, props) {
  const Cls = classes[name] || DingError;
  return new Cls(message, props);
}
