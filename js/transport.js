// One HTTP attempt, and the loop that drives a call through its attempts
// and waits, for the wasm module. Kept in JS because timers, AbortSignal
// listeners and promises are native there; what to send, how to read the
// answer and the policy (whether to retry, how long to wait) are Rust.
//
// Failures reject with a plain object `{ kind, cause }` where kind is
// "timeout" (our per-attempt timer fired), "abort" (the caller's signal),
// "network" (fetch failed before an answer) or "body" (the answer broke
// off). Every timer and listener is removed before the promise settles, so
// nothing keeps a Node process alive after a call.

/**
 * Sends one request and reads the whole body. `env` holds the client's
 * `fetch` and hooks (made once per client); the rest changes per attempt.
 * Resolves to `{ status, text, json, retryAfter, retryAfterMs, ms }`, where
 * `json` is the parsed body, or undefined when it is not JSON.
 */
export async function attempt(env, signal, method, url, headers, body, timeoutMs, number) {
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
    if (timeoutMs > 0) {
      timer = setTimeout(() => {
        why = "timeout";
        const cause = new Error("the attempt timed out after " + timeoutMs + " ms");
        controller.abort(cause);
        reject({ kind: "timeout", cause });
      }, timeoutMs);
    }
  });
  stopped.catch(() => {});
  const started = Date.now();
  try {
    const init = { method, headers, signal: controller.signal };
    if (body !== undefined) init.body = body;
    if (env.beforeRequest) await hook(env.beforeRequest, { method, url, attempt: number });
    let res;
    try {
      res = await Promise.race([env.fetch ? env.fetch(url, init) : fetch(url, init), stopped]);
    } catch (e) {
      throw e && e.kind ? e : { kind: why, cause: e };
    }
    let text;
    try {
      text = await Promise.race([res.text(), stopped]);
    } catch (e) {
      throw e && e.kind ? e : { kind: why === "network" ? "body" : why, cause: e };
    }
    if (typeof text !== "string") text = "";
    let json;
    try {
      json = JSON.parse(text);
    } catch {
      // Not JSON: the caller reports it with the raw text.
    }
    const h = res.headers;
    const header = (name) => (h && typeof h.get === "function" ? h.get(name) : null) ?? undefined;
    const out = {
      status: res.status,
      text,
      json,
      retryAfter: header("retry-after"),
      retryAfterMs: header("retry-after-ms"),
      ms: Date.now() - started,
    };
    if (env.afterResponse) {
      await hook(env.afterResponse, { method, url, attempt: number, status: out.status, durationMs: out.ms });
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

/**
 * Runs a call (a `PendingCall` of the wasm module) to its end: starts each
 * attempt, hands how it ended back to the wasm module, and waits between
 * attempts as it says. Resolves to the result; rejects with the call's error.
 */
export async function drive(call, signal) {
  try {
    for (;;) {
      const pending = call.next();
      let result;
      let failed = false;
      try {
        result = await pending;
      } catch (f) {
        result = f;
        failed = true;
      }
      const value = failed ? call.fail(result) : call.settle(result);
      if (value !== undefined) return value;
      try {
        await sleep(call.wait, signal);
      } catch (f) {
        throw call.aborted(f.cause);
      }
    }
  } finally {
    call.free();
  }
}

/** Waits `ms`, or rejects with `{ kind: "abort" }` as soon as `signal` aborts. */
function sleep(ms, signal) {
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
