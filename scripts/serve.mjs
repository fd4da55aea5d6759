// Serves the demo page: www/ at /, the built package pkg/ at /pkg/, and
// /config.json telling the page where the mock Ding server is. Node's http
// only, no dependencies. Listens on 127.0.0.1 and prints one line:
//   demo listening on http://127.0.0.1:PORT/
// Usage: node scripts/serve.mjs [--port N] [--mock URL]
//   --port  port to bind (default 0: a free one; env DEMO_PORT)
//   --mock  base URL of the mock, like http://127.0.0.1:8787/v1 (env DING_MOCK_URL)
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dirs = { www: join(root, "www"), pkg: join(root, "pkg") };

// A fixed, made-up customer UUID: the mock accepts any non-nil UUID.
export const DEMO_CUSTOMER_UUID = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

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
  if (opts.mock && !/^http:\/\/(127\.\d+\.\d+\.\d+|localhost)(:\d+)?\//.test(opts.mock + "/")) {
    throw new Error("--mock must be a loopback http URL, like http://127.0.0.1:8787/v1");
  }
  return opts;
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

export function createDemoServer({ mock }) {
  const config = JSON.stringify({
    mockURL: mock.replace(/\/+$/, ""),
    customerUuid: DEMO_CUSTOMER_UUID,
    // The mock takes any non-empty key. A real key never goes into a page.
    apiKey: "demo-key-for-the-mock",
  });
  return createServer(async (req, res) => {
    const send = (status, type, body) => {
      res.writeHead(status, {
        "content-type": type,
        "cache-control": "no-store",
        "x-content-type-options": "nosniff",
      });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, TYPES[".txt"], "Method Not Allowed\n");
    const { pathname } = new URL(req.url, "http://localhost");
    if (pathname === "/config.json") return send(200, TYPES[".json"], config);
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
