// Error classes of ding-otp. The wasm modules build every error they throw
// through `makeError`, so each is a real `Error` of one of these classes.
//
// Each error carries a brand, `Symbol.for("ding-otp.error")`, naming its
// class, and each class answers `instanceof` by that brand. The package has
// several copies of this file (the ESM and CommonJS builds, the v1 and v2
// entries); a bundle or an app can load more than one, and an error made by
// one copy is still an instance of the same-named class of every other.

const BRAND = Symbol.for("ding-otp.error");
const KIND = Symbol("ding-otp.kind");
const PROPS = ["status", "code", "docUrl", "param", "body", "location", "requestId", "headers", "field", "attempts"];

/** Base class of every error thrown by ding-otp. */
export class DingError extends Error {
  constructor(message, props) {
    super(message, props && "cause" in props ? { cause: props.cause } : undefined);
    Object.defineProperty(this, BRAND, { value: new.target[KIND] || "DingError", enumerable: false });
    if (props) {
      for (const key of PROPS) {
        if (props[key] !== undefined) this[key] = props[key];
      }
    }
  }

  static [Symbol.hasInstance](value) {
    // A subclass of the caller's own: plain prototype-chain instanceof.
    if (!Object.prototype.hasOwnProperty.call(this, KIND)) return Function.prototype[Symbol.hasInstance].call(this, value);
    if (value === null || typeof value !== "object") return false;
    let brand;
    try {
      brand = value[BRAND];
    } catch {
      return false;
    }
    if (typeof brand !== "string") return false;
    return this[KIND] === "DingError" || brand === this[KIND];
  }
}

/** The input failed a check; nothing was sent. `field` names the input. */
export class DingValidationError extends DingError {}
/** The API refused the request's content with an error code. */
export class DingApiError extends DingError {}
/** The API answered another non-2xx status (401, 403, 429, 5xx, a redirect...). */
export class DingHttpError extends DingError {}
/** No answer: the request could not be sent or the connection broke. */
export class DingNetworkError extends DingError {}
/** A success answer that does not match the API contract; `body` keeps it. */
export class DingDecodeError extends DingError {}
/** An attempt outlived `timeoutMs`, or the call its `deadlineMs`. */
export class DingTimeoutError extends DingError {}
/** The caller's `AbortSignal` aborted the call; `cause` is the signal's reason. */
export class DingAbortError extends DingError {}
/** A webhook whose signature, key or body does not check out; `message` says why. */
export class DingWebhookError extends DingError {}

const classes = {
  DingError,
  DingValidationError,
  DingApiError,
  DingHttpError,
  DingNetworkError,
  DingDecodeError,
  DingTimeoutError,
  DingAbortError,
  DingWebhookError,
};

// Names from the keys, not from the classes: a minifier may rename classes.
for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls, KIND, { value: name });
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, enumerable: false, configurable: true });
}

/** Used by the wasm module: builds an error of class `name`. */
export function makeError(name, message, props) {
  const Cls = classes[name] || DingError;
  return new Cls(message, props);
}
