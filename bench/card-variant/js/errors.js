// The error classes of the card variant: one base class, one for bad input
// (nothing sent), one for a non-2xx answer, one for an answer that does not
// match the models, one for a fetch that failed.

export class DingError extends Error {
  constructor(message, props) {
    super(message, props && props.cause !== undefined ? { cause: props.cause } : undefined);
    if (props) {
      for (const key of ["field", "status", "code", "docUrl"]) {
        if (props[key] !== undefined) this[key] = props[key];
      }
    }
  }
}
export class DingValidationError extends DingError {}
export class DingApiError extends DingError {}
export class DingDecodeError extends DingError {}
export class DingNetworkError extends DingError {}

const classes = { DingError, DingValidationError, DingApiError, DingDecodeError, DingNetworkError };
for (const [name, cls] of Object.entries(classes)) {
  Object.defineProperty(cls.prototype, "name", { value: name, writable: true, configurable: true });
}

/** Used by the wasm module: an error of class `name`. */
export function makeError(name, message, props) {
  return new (classes[name] || DingError)(message, props);
}
