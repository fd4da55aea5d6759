// One HTTP attempt and the waits between attempts, for the wasm module.
// Kept in JS because timers, AbortSignal listeners and promise races are
// native there; the policy (whether to retry, how long to wait) is Rust.
//
// Failures reject with a plain object `{ kind, cause }` where kind is
// "timeout" (our per-attempt timer fired), "abort" (the caller's signal),
// "network" (fetch failed before an answer) or "body" (the answer broke
// off). Every timer and listener is removed before the promise settles, so
// nothing keeps a Node process alive after a call.

/** Sends one request and reads the whole body. */
export async function attempt(o) {
  const signal = o.signal;
  if (signal && signal.aborted) throw { kind: "abort", cause: signal.reason };
  const controller = new AbortController();
  let why = "network";
  let timer;
  let onAbort;
  // Settles when the attempt must stop, even with a fetch that ignores `signal`.
  const stopped = new Promise((_, reject) => {
    onAbort = () => {
      why = "abort";
      controller.abort(signal.reason);
      reject({ kind: "abort", cause: signal.reason });
    };
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
    if (o.timeoutMs > 0) {
      timer = setTimeout(() => {
        why = "timeout";
        const cause = new Error("the attempt timed out after " + o.timeoutMs + " ms");
        controller.abort(cause);
        reject({ kind: "timeout", cause });
      }, o.timeoutMs);
    }
  });
  stopped.catch(() => {});
  const started = Date.now();
  try {
    const init = { method: o.method, headers: o.headers, signal: controller.signal };
    if (o.body !== undefined) init.body = o.body;
    if (o.beforeRequest) await hook(o.beforeRequest, { method: o.method, url: o.url, attempt: o.attempt });
    let res;
    try {
      res = await Promise.race([o.fetch ? o.fetch(o.url, init) : fetch(o.url, init), stopped]);
    } catch (e) {
      throw e && e.kind ? e : { kind: why, cause: e };
    }
    let text;
    try {
      text = await Promise.race([res.text(), stopped]);
    } catch (e) {
      throw e && e.kind ? e : { kind: why === "network" ? "body" : why, cause: e };
    }
    const h = res.headers;
    const header = (name) => (h && typeof h.get === "function" ? h.get(name) : null) ?? undefined;
    const out = {
      status: res.status,
      text: typeof text === "string" ? text : "",
      retryAfter: header("retry-after"),
      retryAfterMs: header("retry-after-ms"),
      ms: Date.now() - started,
    };
    if (o.afterResponse) {
      await hook(o.afterResponse, { method: o.method, url: o.url, attempt: o.attempt, status: out.status, durationMs: out.ms });
    }
    return out;
  } finally {
    clearTimeout(timer);
    if (signal) signal.removeEventListener("abort", onAbort);
  }
}

// A hook's own error reaches the caller unchanged.
async function hook(fn, info) {
  try {
    await fn(info);
  } catch (cause) {
    throw { kind: "hook", cause };
  }
}

/** Waits `ms`, or rejects with `{ kind: "abort" }` as soon as `signal` aborts. */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject({ kind: "abort", cause: signal.reason });
    const onAbort = () => {
      clearTimeout(timer);
      reject({ kind: "abort", cause: signal.reason });
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}
