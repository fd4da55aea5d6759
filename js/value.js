// Member access for the wasm module's value view (src/core/value.rs): one
// plain JS function each, so reading a request and building an answer cost
// a property access per member and nothing more. Neither lets an exception
// out: a throwing getter on the caller's object reads as undefined, and a
// member that cannot be set (a hostile setter on Object.prototype) is left
// out.

/** `o[k]`, or undefined when reading it throws. */
export function member(o, k) {
  try {
    return o[k];
  } catch {
    return undefined;
  }
}

/** Sets `o[k] = v` on an object the module made. */
export function put(o, k, v) {
  try {
    o[k] = v;
  } catch {
    // Left out.
  }
}
