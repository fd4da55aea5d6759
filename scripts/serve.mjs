// Serves the demo page and plays the part of its backend's webhook endpoint.
// Node's http only, no dependencies. Listens on 127.0.0.1 and prints one line:
//   demo listening on http://127.0.0.1:PORT/
//
//   GET  /, /pkg/...         www/, and the built package pkg/
//   GET  /config.json        where the mock is, and this server's webhook URL
//   POST /webhooks/prelude   a Verify (v2) webhook: its X-Webhook-Signature is
//                            checked with verifyWebhook (pkg/prelude/node.js)
//                            against the mock's public key (GET /v2/_mock/webhook-key,
//                            fetched at start and again while it is missing);
//                            401 when it does not verify, and the event is dropped.
//                            Verified events are kept in memory per verification,
//                            once per event id (Prelude may deliver an event twice).
//   GET  /events?verificationId=vrf_...   the verified events of a verification,
//                            oldest first: the page's v2 timeline.
//
// Usage: node scripts/serve.mjs [--port N] [--mock URL]
//   --port  port to bind (default 0: a free one; env DEMO_PORT)
//   --mock  the mock's URL, like http://127.0.0.1:8787/v1 (its /v1 base, its /v2
//           base or its origin; env DING_MOCK_URL). Loopback http only.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dirs = { www: join(root, "www"), pkg: join(root, "pkg") };

// A fixed, made-up customer UUID: the mock accepts any non-nil UUID.
export const DEMO_CUSTOMER_UUID = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
// The mock takes any non-empty key. A real key never goes into a page.
const DEMO_API_KEY = "demo-key-for-the-mock";
export const WEBHOOK_PATH = "/webhooks/prelude";
export const EVENTS_PATH = "/events";

/** Largest webhook body accepted (Verify events are well under 2 KiB). */
const MAX_WEBHOOK_BYTES = 64 * 1024;
/** Verifications whose events are kept; the oldest goes first. */
const MAX_VERIFICATIONS = 500;
/** Events kept per verification. */
const MAX_EVENTS = 100;

const LOOPBACK = /^http:\/\/(127\.\d+\.\d+\.\d+|localhost|\[::1\])(:\d+)?(\/|$)/;

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
  ".d.ts": "text/plain; charset=utf-8",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

function parseArgs(argv) {
  const opts = { port: Number(process.env.DEMO_PORT || 0), mock: process.env.DING_MOCK_URL || "" };
  for (let i = 0; i < argv.length; i++) {
    const [name, inline] = argv[i].split(/=(.*)/s, 2);
    const value = inline !== undefined ? inline : argv[++i];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === "--port") opts.port = Number(value);
    else if (name === "--mock") opts.mock = value;
    else throw new Error(`unknown option ${name}`);
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) throw new Error("--port must be 0 to 65535");
  if (opts.mock && !LOOPBACK.test(opts.mock)) {
    throw new Error("--mock must be a loopback http URL, like http://127.0.0.1:8787/v1");
  }
  return opts;
}

/** The mock's origin from its /v1 or /v2 base URL (or the origin itself); "" when unset. */
export function mockOrigin(url) {
  if (!url) return "";
  return url.replace(/\/+$/, "").replace(/\/v[12]$/, "");
}

/** Maps a URL path to a file under www/ or pkg/, or null if it leaves them. */
function resolvePath(pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes("\0")) return null;
  let base = dirs.www;
  let rest = decoded;
  if (decoded === "/pkg" || decoded.startsWith("/pkg/")) {
    base = dirs.pkg;
    rest = decoded.slice(4);
  }
  if (rest === "" || rest.endsWith("/")) rest += "index.html";
  const file = normalize(join(base, rest));
  if (file !== base && !file.startsWith(base + sep)) return null;
  return file;
}

function typeOf(file) {
  if (file.endsWith(".d.ts")) return TYPES[".d.ts"];
  return TYPES[extname(file)] || "application/octet-stream";
}

/** Reads a request body up to `limit` bytes; null when it is longer. */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    let over = false;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > limit) over = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(over ? null : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/**
 * What the page needs of a verified event, in JSON: the typed event of
 * verifyWebhook, plus the attempt's number and channel, which the mock
 * sends and the SDK's typed payload leaves out (read from the verified body).
 */
function summarize(event, raw) {
  const payload = event.type === "unknown" ? raw?.payload || {} : event.payload || {};
  const rawPayload = raw?.payload || {};
  const summary = {
    id: event.id,
    type: event.type,
    createdAt: event.createdAt instanceof Date ? event.createdAt.toISOString() : null,
    receivedAt: new Date().toISOString(),
    verificationId: payload.verificationId ?? rawPayload.verification_id ?? null,
  };
  if (event.type === "unknown") summary.rawType = event.rawType ?? null;
  if (typeof payload.status === "string") summary.status = payload.status;
  if (payload.price && typeof payload.price.amount === "number") {
    summary.price = { amount: payload.price.amount, currency: payload.price.currency ?? "" };
  }
  if (Number.isInteger(rawPayload.attempt_number)) summary.attemptNumber = rawPayload.attempt_number;
  if (typeof rawPayload.channel === "string") summary.channel = rawPayload.channel;
  return summary;
}

/**
 * The webhook receiver: verifies deliveries with `verify` (verifyWebhook)
 * against the key `fetchKey` gives, and keeps the verified events.
 */
export function createReceiver({ fetchKey, loadVerifier, log = () => {} }) {
  const byVerification = new Map(); // verification id -> Map(event id -> summary)
  let key = null;
  let verifier = null;

  const publicKey = () => {
    key ??= fetchKey().catch((err) => {
      key = null; // ask again next time: the mock may not be up yet
      throw err;
    });
    return key;
  };
  const verifyFn = () => {
    verifier ??= loadVerifier().catch((err) => {
      verifier = null;
      throw err;
    });
    return verifier;
  };

  function keep(summary) {
    const vid = summary.verificationId;
    if (!vid) return false;
    let events = byVerification.get(vid);
    if (!events) {
      if (byVerification.size >= MAX_VERIFICATIONS) byVerification.delete(byVerification.keys().next().value);
      events = new Map();
      byVerification.set(vid, events);
    }
    const eventKey = summary.id ?? `${summary.type}@${summary.createdAt}`;
    if (events.has(eventKey)) return false;
    if (events.size >= MAX_EVENTS) return false;
    events.set(eventKey, summary);
    return true;
  }

  /** Handles one delivery: resolves with [status, JSON body]. */
  async function receive(body, signature) {
    let verify;
    let pem;
    try {
      [verify, pem] = await Promise.all([verifyFn(), publicKey()]);
    } catch (err) {
      log(`cannot check webhooks yet: ${err.message}`);
      return [503, { error: "no_key", message: "the webhook key of the mock is not available yet" }];
    }
    let event;
    try {
      event = await verify({ body, signature, publicKey: pem });
    } catch (err) {
      const code = err?.name === "DingWebhookError" ? err.code || "invalid" : "invalid";
      log(`refused a webhook (${code})`);
      return [401, { error: code }];
    }
    let raw = null;
    try {
      raw = JSON.parse(Buffer.from(body).toString("utf8"));
    } catch {
      // verifyWebhook read it; an unreadable one is an "unknown" event
    }
    const summary = summarize(event, raw);
    const added = keep(summary);
    return [200, { ok: true, duplicate: !added }];
  }

  function events(verificationId) {
    const list = [...(byVerification.get(verificationId)?.values() || [])];
    return list.sort((a, b) => (a.createdAt || a.receivedAt).localeCompare(b.createdAt || b.receivedAt));
  }

  return { receive, events, warm: () => publicKey() };
}

export function createDemoServer({ mock }) {
  const origin = mockOrigin(mock);
  let receiverURL = "";
  const receiver = createReceiver({
    fetchKey: async () => {
      if (!origin) throw new Error("no --mock URL");
      const res = await fetch(`${origin}/v2/_mock/webhook-key`);
      if (!res.ok) throw new Error(`${origin}/v2/_mock/webhook-key answered ${res.status}`);
      const { pem } = await res.json();
      if (typeof pem !== "string") throw new Error("the mock's webhook key has no pem");
      return pem;
    },
    loadVerifier: async () => {
      const mod = await import(pathToFileURL(join(dirs.pkg, "prelude", "node.js")).href);
      return mod.verifyWebhook;
    },
    log: (line) => console.error(`serve.mjs: ${line}`),
  });
  const config = () =>
    JSON.stringify({
      // v1 base URL (the Ding client's serverURL), as before.
      mockURL: origin ? `${origin}/v1` : "",
      // The Prelude client's serverURL: its paths start with /v2.
      mockOrigin: origin,
      customerUuid: DEMO_CUSTOMER_UUID,
      apiKey: DEMO_API_KEY,
      // The page passes this as options.callbackUrl: the mock POSTs the
      // verification's signed webhooks here (it calls loopback http only).
      webhookURL: receiverURL,
      eventsURL: EVENTS_PATH,
    });

  const server = createServer(async (req, res) => {
    const send = (status, type, body, headers = {}) => {
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
        ...headers,
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    const json = (status, value) => send(status, TYPES[".json"], JSON.stringify(value));
    const url = new URL(req.url, "http://localhost");
    const { pathname } = url;

    if (pathname === WEBHOOK_PATH) {
      if (req.method !== "POST") return send(405, TYPES[".txt"], "Method Not Allowed\n", { allow: "POST" });
      let body;
      try {
        body = await readBody(req, MAX_WEBHOOK_BYTES);
      } catch {
        return;
      }
      if (body === null) return json(413, { error: "too_large" });
      const [status, answer] = await receiver.receive(body, req.headers["x-webhook-signature"] ?? null);
      return json(status, answer);
    }
    if (req.method !== "GET" && req.method !== "HEAD") {
      return send(405, TYPES[".txt"], "Method Not Allowed\n", { allow: "GET, HEAD" });
    }
    if (pathname === "/config.json") return send(200, TYPES[".json"], config());
    if (pathname === EVENTS_PATH) {
      const id = url.searchParams.get("verificationId");
      if (!id) return json(400, { error: "verificationId is required" });
      return json(200, { events: receiver.events(id) });
    }
    const file = resolvePath(pathname);
    if (!file) return send(404, TYPES[".txt"], "Not Found\n");
    try {
      const info = await stat(file);
      if (!info.isFile()) return send(404, TYPES[".txt"], "Not Found\n");
      send(200, typeOf(file), await readFile(file));
    } catch {
      const hint = file.startsWith(dirs.pkg) ? " (is the package built? run scripts/build.sh)" : "";
      send(404, TYPES[".txt"], `Not Found${hint}\n`);
    }
  });
  server.on("listening", () => {
    receiverURL = `http://127.0.0.1:${server.address().port}${WEBHOOK_PATH}`;
    // Ask for the key now: the mock makes it on first use, which takes a
    // moment in a debug build, better spent before the first sign-in.
    if (origin) {
      receiver.warm().catch((err) => console.error(`serve.mjs: no webhook key yet (${err.message}); asking again on the first webhook`));
    }
  });
  return server;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === normalize(process.argv[1])) {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`serve.mjs: ${err.message}`);
    process.exit(2);
  }
  if (!opts.mock) console.error("serve.mjs: no --mock URL (or DING_MOCK_URL): the page will ask for one");
  const server = createDemoServer(opts);
  server.listen(opts.port, "127.0.0.1", () => {
    console.log(`demo listening on http://127.0.0.1:${server.address().port}/`);
  });
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
