// The benchmark's local API: Node `http` with keep-alive on a free
// 127.0.0.1 port, answering the operations of both APIs with contract-shaped
// JSON (bench/responses.mjs): Ding v1 under /v1/, Prelude v2 under /v2/. It
// reads each request body to its end, requires the key as each API takes it
// (`x-api-key` for v1, `authorization: Bearer KEY` for v2), and answers with
// precomputed bodies.
//
//   node bench/server.mjs          prints "listening on http://127.0.0.1:PORT"
//                                  and serves until SIGTERM / SIGINT (or, when
//                                  stdin is a pipe, until it closes)
//   import { startServer } from "./server.mjs"   (in-process)
import { fstatSync } from "node:fs";
import { createServer } from "node:http";
import { answer } from "./responses.mjs";
import { pathToFileURL } from "node:url";

const unauthorized = JSON.stringify({ code: "bad_request", message: "missing x-api-key" });
const unauthorizedV2 = JSON.stringify({ code: "missing_api_token", message: "missing bearer token" });
const BEARER = /^Bearer \S/;
const buffers = new Map(); // answer text -> Buffer

function reply(res, status, text) {
  let b = buffers.get(text);
  if (b === undefined) buffers.set(text, (b = Buffer.from(text)));
  res.writeHead(status, { "content-type": "application/json", "content-length": b.length });
  res.end(b);
}

/**
 * Starts the server; resolves to `{ origin, url, close() }`: `origin` is
 * `http://127.0.0.1:PORT` (the v2 server URL), `url` the v1 one (origin + /v1).
 */
export function startServer({ port = 0 } = {}) {
  const server = createServer((req, res) => {
    req.on("data", () => {});
    req.on("end", () => {
      if (req.url.startsWith("/v2/")) {
        if (!BEARER.test(req.headers.authorization ?? "")) return reply(res, 401, unauthorizedV2);
      } else if (!req.headers["x-api-key"]) {
        return reply(res, 401, unauthorized);
      }
      const a = answer(req.method, req.url);
      reply(res, a.status, a.text);
    });
  });
  // Keep idle connections open longer than any client's own keep-alive
  // timeout, so no run pays for reconnecting.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.maxRequestsPerSocket = 0;
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      const { port: p } = server.address();
      resolve({
        origin: `http://127.0.0.1:${p}`,
        url: `http://127.0.0.1:${p}/v1`,
        close: () =>
          new Promise((r) => {
            server.closeAllConnections?.();
            server.close(() => r());
          }),
      });
    });
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const s = await startServer();
  console.log(`listening on ${s.origin}`);
  const stop = () => s.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
  // Started by bench/run.mjs with a pipe as stdin: stop when the parent goes away.
  if (fstatSync(0).isFIFO()) {
    process.stdin.on("end", stop);
    process.stdin.resume();
  }
}
