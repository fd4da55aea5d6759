// The sandbox: the mock of both APIs in process, behind a real fetch-shaped
// function. The state machine is the mock's own core, compiled to wasm
// (`SandboxCore`); this file is its host: it turns a fetch into a request,
// waits where a fault says to, cuts a body short for `drop`, delivers the
// webhooks, and turns the reply into a platform `Response`.
import { SandboxCore, checkFault, parseArgs } from "../ding_sandbox.js";

export { parseArgs };

const OPTIONS = {
  code: "--code",
  apiKey: "--api-key",
  retryWindowSecs: "--retry-window-secs",
  maxRetries: "--max-retries",
  expirySecs: "--expiry-secs",
  maxCheckAttempts: "--max-check-attempts",
  fault: "--fault",
  seed: "--seed",
};

/** The command-line arguments of the mock for `options`; throws a TypeError on an unknown or bad one. */
function argsOf(options) {
  if (options === null || typeof options !== "object") throw new TypeError("createSandbox(options): options must be an object");
  const args = [];
  for (const [name, value] of Object.entries(options)) {
    if (value === undefined || name === "onWebhook") continue;
    const flag = OPTIONS[name];
    if (!flag) throw new TypeError(`createSandbox: unknown option ${name} (known: ${[...Object.keys(OPTIONS), "onWebhook"].join(", ")})`);
    args.push(flag, String(value));
  }
  return args;
}

const randomSeed = () => Math.floor(Math.random() * 2 ** 52);
const NO_BODY = new Set([204, 205, 304]);

function toPairs(flat) {
  const out = [];
  for (let i = 0; i + 1 < flat.length; i += 2) out.push([flat[i], flat[i + 1]]);
  return out;
}

/** Waits `ms`; rejects with the signal's reason when it aborts first. */
function wait(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/**
 * A sandbox of the Ding v1 and Prelude v2 APIs: `fetch` answers any base
 * URL by its path (`/v1/...`, `/v2/...`), as the mock server does, so a
 * client needs no `serverURL`:
 *
 * ```js
 * const sandbox = createSandbox({ code: "482913" });
 * const prelude = new Prelude({ apiKey: "any", fetch: sandbox.fetch });
 * ```
 *
 * Options (all optional, as the mock's command line): `code` (a fixed code
 * for every send), `apiKey` (the only key accepted), `retryWindowSecs`,
 * `maxRetries`, `expirySecs`, `maxCheckAttempts`, `fault` (a fault spec for
 * every request), `seed` (ids, codes and the webhook key: the same seed
 * gives the same answers), and `onWebhook(request)`: called with each
 * webhook as a `Request`, whatever its `callbackUrl` (nothing goes over a
 * network; its answer's status is logged); without it, webhooks to a
 * loopback `callbackUrl` are POSTed with the global `fetch`.
 */
export function createSandbox(options = {}) {
  return createSandboxFromArgs(argsOf(options), options);
}

/** A sandbox from the mock's command-line arguments (`ding-otp-mock` uses it). */
export function createSandboxFromArgs(args, { onWebhook } = {}) {
  const core = new SandboxCore(args, randomSeed());
  if (onWebhook !== undefined) core.deliverInProcess(true);
  if (onWebhook !== undefined && typeof onWebhook !== "function") throw new TypeError("createSandbox: onWebhook must be a function");
  let fault = null;
  let faultCount = 0;
  const timers = new Set();

  let closed = false;
  function later(ms, fn) {
    if (closed) return;
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    if (typeof t === "object" && typeof t.unref === "function") t.unref();
    timers.add(t);
  }

  /** Posts one delivery and reports its outcome to the core. */
  async function post(d) {
    const init = { method: "POST", headers: toPairs(d.headers), body: d.body };
    try {
      const res = onWebhook ? await onWebhook(new Request(d.url, init)) : await fetch(d.url, { ...init, signal: AbortSignal.timeout(5000) });
      const status = res && Number.isInteger(res.status) ? res.status : 200;
      core.delivered(d.id, status, undefined);
    } catch (e) {
      core.delivered(d.id, undefined, String((e && e.message) || e));
    }
  }

  /**
   * The deliveries of one reply, one after another in the order of their
   * `afterMs` (each at its time, or when the one before it is done), as the
   * native host sends them: a receiver sees a verification's events in order.
   */
  function deliverAll(deliveries) {
    if (deliveries.length === 0) return;
    const queue = [...deliveries].sort((a, b) => a.afterMs - b.afterMs);
    const start = Date.now();
    const next = (i) => {
      if (i === queue.length) return;
      later(Math.max(0, start + queue[i].afterMs - Date.now()), () => post(queue[i]).then(() => next(i + 1)));
    };
    next(0);
  }

  /** One exchange with the core: waits, deliveries; resolves to the final reply. */
  async function exchange(method, target, headers, body, signal) {
    let reply = core.handle(method, target, headers, body, Date.now());
    if (reply.delay) {
      const { ms, token } = reply.delay;
      try {
        await wait(ms, signal);
      } catch (reason) {
        core.cancel(token); // the caller gave up: nothing happens
        throw reason;
      }
      reply = core.resume(token, Date.now());
    }
    deliverAll(reply.deliveries);
    if (reply.lateMs > 0) await wait(reply.lateMs, signal); // acted on already
    return reply;
  }

  function toResponse(reply, method) {
    const headers = new Headers(toPairs(reply.headers));
    const empty = NO_BODY.has(reply.status) || method === "HEAD";
    let body = empty ? null : reply.body;
    if (!empty && reply.dropAfter !== undefined) {
      const head = reply.body.slice(0, reply.dropAfter);
      // The whole length is announced, as a server that breaks off does.
      headers.set("content-length", String(reply.body.length));
      body = new ReadableStream({
        start(controller) {
          controller.enqueue(head);
        },
        pull(controller) {
          controller.error(new TypeError("ding-otp sandbox: the connection was dropped (fault drop)"));
        },
      });
    }
    return new Response(body, { status: reply.status, headers });
  }

  /** Answers `input` (a URL string, a `URL` or a `Request`) with `init`, as `fetch` does. */
  async function sandboxFetch(input, init) {
    const request = new Request(input, init);
    const signal = request.signal;
    if (signal.aborted) throw signal.reason;
    const url = new URL(request.url);
    const headers = [];
    request.headers.forEach((v, k) => headers.push(k, v));
    const api = /^\/v[12]\//.test(url.pathname) && !/^\/v[12]\/_mock\//.test(url.pathname);
    if (fault && api && !request.headers.has("x-ding-mock-fault")) headers.push("x-ding-mock-fault", fault);
    const body = new Uint8Array(await request.arrayBuffer());
    const reply = await exchange(request.method, url.pathname + url.search, headers, body, signal);
    return toResponse(reply, request.method);
  }

  /** A mock-only endpoint's JSON, answered in process. */
  function mockJSON(path) {
    const reply = core.handle("GET", path, [], new Uint8Array(0), Date.now());
    return JSON.parse(new TextDecoder().decode(reply.body));
  }

  return {
    /** A fetch-shaped function over the sandbox: pass it as the clients' `fetch`. */
    fetch: sandboxFetch,
    /**
     * The messages "sent" so far, oldest first (to `to` only, when given):
     * `{ to, text, code, sentAt, channel?, verificationId?, authenticationUuid? }`.
     */
    inbox(to) {
      const q = to === undefined ? "" : `?${String(to).includes("@") ? "email_address" : "phone_number"}=${encodeURIComponent(to)}`;
      const v1 = mockJSON(`/v1/_mock/messages${q}`).messages;
      const v2 = mockJSON(`/v2/_mock/messages${q}`).messages.filter((m) => m.verification_id);
      const all = [...v1, ...v2].map((m) => ({
        to: m.phone_number ?? m.email_address,
        text: m.content,
        code: m.code,
        sentAt: new Date(m.created_at),
        ...(m.channel && { channel: m.channel }),
        ...(m.verification_id && { verificationId: m.verification_id }),
        ...(m.authentication_uuid && { authenticationUuid: m.authentication_uuid }),
      }));
      return all.sort((a, b) => a.sentAt - b.sentAt);
    },
    /**
     * Injects a fault (the mock's spec: `status=503;retry-after=2`,
     * `delay=1500`, `late=800`, `drop`, `body=truncated`...) into the next
     * `times` API requests, or every one when `times` is left out;
     * `fault(null)` stops.
     */
    fault(spec, { times } = {}) {
      if (spec === null || spec === undefined) {
        fault = null;
        return;
      }
      if (typeof spec !== "string") throw new TypeError("fault(spec): spec must be a string like \"status=503\"");
      checkFault(spec);
      if (times !== undefined && !(Number.isInteger(times) && times > 0)) throw new TypeError("fault: times must be a whole number above 0");
      if (times === undefined) {
        fault = spec;
      } else {
        // The count needs a key: the spec's own (so `requests(key)` counts
        // it), or one of the sandbox's.
        const items = spec.split(";").map((item) => item.trim());
        if (items.some((item) => item.startsWith("times="))) throw new TypeError("fault: give times in the spec or as an option, not both");
        const hasKey = items.some((item) => item.startsWith("key="));
        fault = `${spec}${hasKey ? "" : `;key=sandbox-fault-${++faultCount}`};times=${times}`;
      }
      checkFault(fault);
    },
    /** How many API requests carried the fault key `key` (`fault("...;key=K")`). */
    requests(key) {
      return mockJSON(`/v2/_mock/requests?key=${encodeURIComponent(key)}`).count;
    },
    /** The webhook deliveries made so far, for one verification or all: `{ url, event, body, signature, status_or_error }`. */
    webhooks(verificationId) {
      const q = verificationId === undefined ? "" : `?verification_id=${encodeURIComponent(verificationId)}`;
      return mockJSON(`/v2/_mock/webhooks${q}`).deliveries;
    },
    /** The public key of the webhook signatures: `{ pem, jwk }`, for `verifyWebhook`. */
    webhookKey() {
      return mockJSON("/v2/_mock/webhook-key");
    },
    /** Forgets every authentication, verification, message, list entry and fault (the key stays). */
    reset() {
      core.reset();
      fault = null;
    },
    /** Stops the pending webhook deliveries and sends no more; requests are still answered. */
    close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
