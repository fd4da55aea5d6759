// One HTTP attempt, and the loop that drives a call through its attempts
// and waits, for the wasm module. Kept in JS because timers, AbortSignal
// listeners and promises are native there; what to send, how to read the
// answer and the policy (whether to retry, how long to wait) are Rust.
//
// Failures reject with a `Stop { kind, cause }`, where kind is "timeout"
// (our per-attempt timer fired), "abort" (the caller's signal), "refused"
// (the connection could not be made: the request never left), "network"
// (fetch failed before an answer, maybe after sending), "body" (the answer
// broke off), "hook" (a hook threw), "response" (the fetch function gave
// something that is not a response) or "invocation" (the runtime refused to
// run the fetch function without its object, as a Workers service binding's
// `fetch` passed alone). Every timer and listener is removed
// before the promise settles, so nothing keeps a Node process alive.

/** How an attempt ended without an answer. */
class Stop {
  constructor(kind, cause) {
    this.kind = kind;
    this.cause = cause;
  }
}

// Connection errors that say the request never reached the server: Node's
// (undici) and Bun's codes, Deno's and Rust's messages. A browser says only
// "Failed to fetch", which counts as "maybe sent".
const REFUSED = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT_TIMEOUT|ConnectionRefused|connection refused|dns error|failed to lookup address/i;

// What browsers and workerd say when a platform method runs without its object.
const INVOCATION = /illegal invocation|does not implement interface|incorrect `this`/i;

function wasRefused(error) {
  try {
    for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = e.cause, depth++) {
      for (const text of [e.code, e.name, e.message]) {
        if (typeof text === "string" && REFUSED.test(text)) return true;
      }
    }
  } catch {
    // A hostile error object: say nothing about it.
  }
  return false;
}

/**
 * The headers of an answer as a plain object (names in lower case) and the
 * request id among them, for errors and the `afterResponse` hook.
 */
export function answerInfo(h) {
  const headers = {};
  const put = (k, v) =>
    Object.defineProperty(headers, String(k).toLowerCase(), { value: String(v), enumerable: true, writable: true, configurable: true });
  try {
    if (h && typeof h.forEach === "function") h.forEach((v, k) => put(k, v));
    else if (h && typeof h === "object") for (const [k, v] of Object.entries(h)) put(k, v);
  } catch {
    // Keep what could be read.
  }
  let requestId;
  for (const name of ["x-request-id", "request-id", "x-amzn-requestid", "x-correlation-id", "cf-ray"]) {
    if (Object.prototype.hasOwnProperty.call(headers, name)) {
      requestId = headers[name];
      break;
    }
  }
  return { headers, requestId };
}

/**
 * Sends one request and reads the whole body. `env` holds the client's
 * `fetch` and hooks (made once per client); the rest changes per attempt.
 * Resolves to `{ status, flags, ms, text, json, headers, retryAfter,
 * retryAfterMs, location }`, where `json` is the parsed body, or undefined
 * when it is not JSON, and `flags` says whether a redirect was followed (1)
 * or is opaque (2).
 *
 * One promise per attempt, settled by whichever comes first: the last
 * step, our timer, the caller's signal, or a failure. Every promise the
 * caller's code gives (hooks, fetch, the body) only moves the attempt on
 * while it is still running, so none can keep a call past its timeout or
 * its abort, and each step costs one `then` and nothing more.
 */
export function attempt(env, signal, method, url, headers, body, timeoutMs, number) {
  if (signal && signal.aborted) return Promise.reject(new Stop("abort", signal.reason));
  return new Promise((resolve, reject) => {
    const controller = new AbortController();
    let running = true;
    let why = "network";
    let timer;
    const end = () => {
      running = false;
      clearTimeout(timer);
      if (signal) signal.removeEventListener("abort", onAbort);
    };
    const stop = (failure) => {
      if (running) {
        end();
        reject(failure);
      }
    };
    const onAbort = () => {
      why = "abort";
      controller.abort(signal.reason);
      stop(new Stop("abort", signal.reason));
    };
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
    timer = setTimeout(() => {
      why = "timeout";
      const cause = new Error("the attempt timed out after " + timeoutMs + " ms");
      controller.abort(cause);
      stop(new Stop("timeout", cause));
    }, timeoutMs);
    // Runs `next` with what `promise` gives, or `failed` with its error,
    // while the attempt runs; an error thrown by `next` ends the attempt.
    const then = (promise, next, failed) =>
      promise.then(
        (value) => {
          if (!running) return;
          try {
            next(value);
          } catch (e) {
            stop(e);
          }
        },
        (e) => {
          if (running) failed(e);
        },
      );
    const started = Date.now();
    // Redirects are never followed: `fetch` would send the key to whatever
    // origin a Location names, and over plain http if it says so.
    const init = { method, headers, signal: controller.signal, redirect: "manual" };
    if (body !== undefined) init.body = body;

    const send = () => {
      // A function is called as a plain function: the platform's fetch
      // throws "Illegal invocation" when it is called as a method of another
      // object. An object with a `fetch` method (a Workers service binding)
      // is called as its method, the only way its fetch runs.
      const given = env.fetch || fetch;
      const sent = new Promise((ok) => ok(typeof given === "function" ? given(url, init) : given.fetch(url, init)));
      then(sent, read, (e) => {
        let kind = why;
        if (why === "network" && wasRefused(e)) kind = "refused";
        else if (why === "network" && e instanceof TypeError && INVOCATION.test(String(e.message))) kind = "invocation";
        stop(new Stop(kind, e));
      });
    };

    const read = (res) => {
      let status;
      try {
        status = res.status;
        if (!Number.isInteger(status) || status < 0 || status > 999 || typeof res.text !== "function") throw 0;
      } catch {
        return stop(new Stop("response", res));
      }
      then(
        new Promise((ok) => ok(res.text())),
        (text) => answer(res, status, text),
        (e) => stop(new Stop(why === "network" ? "body" : why, e)),
      );
    };

    const answer = (res, status, text) => {
      if (typeof text !== "string") text = "";
      let json;
      try {
        json = JSON.parse(text);
      } catch {
        // Not JSON: the caller reports it with the raw text.
      }
      let h;
      let flags = 0;
      try {
        h = res.headers;
        if (res.redirected === true) flags |= 1;
        if (res.type === "opaqueredirect") flags |= 2;
      } catch {
        // A response-like object with throwing getters: no headers.
      }
      const header = (name) => {
        try {
          const v = h && typeof h.get === "function" ? h.get(name) : null;
          return typeof v === "string" ? v : undefined;
        } catch {
          return undefined;
        }
      };
      const ms = Date.now() - started;
      const result = {
        status,
        flags,
        ms,
        text,
        json,
        headers: h,
        retryAfter: header("retry-after"),
        retryAfterMs: header("retry-after-ms"),
        location: header("location"),
      };
      const done = () => {
        end();
        resolve(result);
      };
      if (!env.afterResponse) return done();
      const { headers: all, requestId } = answerInfo(h);
      then(hook(env.afterResponse, { method, url, attempt: number, status, durationMs: ms, headers: all, requestId }), done, stop);
    };

    if (env.beforeRequest) then(hook(env.beforeRequest, { method, url, attempt: number }), send, stop);
    else send();
  });
}

// A hook's own error reaches the caller unchanged.
async function hook(fn, info) {
  try {
    await fn(info);
  } catch (cause) {
    throw new Stop("hook", cause);
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
      let r;
      let failed = false;
      try {
        r = await pending;
      } catch (f) {
        r = f;
        failed = true;
      }
      const value = !failed
        ? call.settle(r.status, r.flags, r.ms, r.text, r.json, r.headers, r.retryAfter, r.retryAfterMs, r.location)
        : r instanceof Stop
          ? call.fail(r.kind, r.cause)
          : call.fail("network", r);
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

/** Waits `ms`, or rejects with a `Stop("abort")` as soon as `signal` aborts. */
function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal && signal.aborted) return reject(new Stop("abort", signal.reason));
    const onAbort = () => {
      clearTimeout(timer);
      reject(new Stop("abort", signal.reason));
    };
    const timer = setTimeout(() => {
      if (signal) signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    if (signal) signal.addEventListener("abort", onAbort, { once: true });
  });
}
