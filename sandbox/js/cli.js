#!/usr/bin/env node
// ding-otp-mock: the sandbox as a local HTTP server, for end-to-end tests
// and demo pages, with no Rust needed. Takes the options of the native
// mock (`--port 0 --code 123456`, `--help`), prints
//   ding-mock listening on http://HOST:PORT/v1
// and serves both APIs (/v1 and /v2, with CORS) until Ctrl-C or SIGTERM,
// then exits 0. Each request goes through the sandbox's own fetch, so this
// server and `createSandbox().fetch` are the same code.
import { createServer } from "node:http";
import { createSandboxFromArgs, parseArgs } from "./node.js";

let settings;
try {
  settings = parseArgs(process.argv.slice(2));
} catch (e) {
  process.stderr.write(`ding-otp-mock: ${e.message}\n`);
  process.exit(2);
}
if (settings.help) {
  process.stdout.write(settings.help.replace(/ding-mock/g, "ding-otp-mock"));
  process.exit(0);
}
const sandbox = createSandboxFromArgs(process.argv.slice(2));

const server = createServer(async (req, res) => {
  const controller = new AbortController();
  // The caller went away before the answer: a paused request is not acted on.
  res.on("close", () => {
    if (!res.writableFinished) controller.abort(new Error("the client closed the connection"));
  });
  try {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks);
    const headers = [];
    const hop = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade"]);
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
      if (!hop.has(req.rawHeaders[i].toLowerCase())) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
    }
    const hasBody = req.method !== "GET" && req.method !== "HEAD";
    const url = `http://${req.headers.host || "localhost"}${req.url}`;
    const answer = await sandbox.fetch(url, {
      method: req.method,
      headers,
      body: hasBody ? body : undefined,
      signal: controller.signal,
      duplex: "half",
    });
    const out = {};
    answer.headers.forEach((v, k) => (out[k] = v));
    if (!answer.body) {
      res.writeHead(answer.status, out).end();
      return;
    }
    const reader = answer.body.getReader();
    const parts = [];
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
      }
    } catch {
      // A `drop` fault: announce the whole body (the sandbox's content-length),
      // send what came, then cut the connection.
      const head = Buffer.concat(parts);
      const announced = Number(answer.headers.get("content-length"));
      const length = Number.isSafeInteger(announced) && announced > head.length ? announced : head.length + 1;
      res.writeHead(answer.status, { ...out, "content-length": String(length) });
      res.write(head, () => res.destroy());
      return;
    }
    const whole = Buffer.concat(parts);
    res.writeHead(answer.status, { ...out, "content-length": String(whole.length) }).end(whole);
  } catch (e) {
    if (controller.signal.aborted) return;
    process.stderr.write(`ding-otp-mock: ${e && e.stack ? e.stack : e}\n`);
    if (!res.headersSent) res.writeHead(500, { "content-type": "application/json" }).end('{"message":"ding-otp-mock failed"}');
  }
});

server.listen(settings.port, settings.host, () => {
  const { address, port } = server.address();
  const host = address.includes(":") ? `[${address}]` : address;
  process.stdout.write(`ding-mock listening on http://${host}:${port}/v1\n`);
});
server.on("error", (e) => {
  process.stderr.write(`ding-otp-mock: ${e.message}\n`);
  process.exit(1);
});
const stop = () => {
  sandbox.close();
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
  setTimeout(() => process.exit(0), 1000).unref();
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
