// Opens a page of a test project in headless Chromium or Firefox through
// their WebDriver servers (Debian's chromedriver, geckodriver from
// crates.io) and waits for the flow's result in window.__result.
// Usage: node browser.mjs chrome|firefox ROOT PAGE
// Serves ROOT on a free 127.0.0.1 port, passes DING_MOCK_URL in the query
// string, prints the summary as JSON, exits 1 on any failure. The browser
// options come from webdriver.json at the repository root (shared with the
// wasm-bindgen test runner).
import { createServer } from "node:http";
import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { readFileSync } from "node:fs";
import { extname, join, normalize, sep } from "node:path";
import { assertSummary, assertPreludeSummary } from "./flow.mjs";

const [browser, root, page] = process.argv.slice(2);
const mock = process.env.DING_MOCK_URL;
if (!["chrome", "firefox"].includes(browser) || !root || !page || !mock) {
  console.error("usage: DING_MOCK_URL=... node browser.mjs chrome|firefox ROOT PAGE");
  process.exit(2);
}
const webdriverJson = JSON.parse(readFileSync(new URL("../../webdriver.json", import.meta.url), "utf8"));

const types = { ".html": "text/html", ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".json": "application/json", ".css": "text/css" };
const server = createServer(async (req, res) => {
  const path = normalize(join(root, decodeURIComponent(new URL(req.url, "http://x").pathname)));
  if (!path.startsWith(normalize(root + sep))) return res.writeHead(403).end();
  try {
    const body = await readFile(path);
    res.writeHead(200, { "content-type": types[extname(path)] ?? "application/octet-stream" }).end(body);
  } catch {
    res.writeHead(404).end();
  }
});
const listen = (srv) => new Promise((resolve) => srv.listen(0, "127.0.0.1", () => resolve(srv.address().port)));
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// A free port for the driver: bind 0, read it, close.
const probe = createServer();
const driverPort = await listen(probe);
await new Promise((r) => probe.close(r));
const pagePort = await listen(server);

const drivers = {
  chrome: {
    bin: process.env.CHROMEDRIVER || "/usr/bin/chromedriver",
    args: [`--port=${driverPort}`],
    caps: { browserName: "chrome", "goog:chromeOptions": webdriverJson["goog:chromeOptions"] },
  },
  firefox: {
    bin: process.env.GECKODRIVER || "geckodriver",
    args: ["--host", "127.0.0.1", "--port", String(driverPort)],
    caps: { browserName: "firefox", "moz:firefoxOptions": webdriverJson["moz:firefoxOptions"] ?? { args: ["-headless"] } },
  },
}[browser];

let log = "";
const driver = spawn(drivers.bin, drivers.args, { stdio: ["ignore", "pipe", "pipe"] });
driver.stdout.on("data", (d) => (log += d));
driver.stderr.on("data", (d) => (log += d));
process.on("exit", () => driver.kill());

const base = `http://127.0.0.1:${driverPort}`;
async function wd(method, path, body) {
  const res = await fetch(base + path, { method, headers: { "content-type": "application/json" }, body: body && JSON.stringify(body) });
  const json = await res.json();
  if (!res.ok) throw new Error(`WebDriver ${method} ${path}: ${JSON.stringify(json.value)}`);
  return json.value;
}

let session;
let exitCode = 1;
try {
  for (let i = 0; ; i++) {
    try {
      if ((await wd("GET", "/status")).ready) break;
    } catch {}
    if (i > 100 || driver.exitCode !== null) throw new Error(`${drivers.bin} did not start:\n${log}`);
    await sleep(100);
  }
  session = (await wd("POST", "/session", { capabilities: { alwaysMatch: drivers.caps } })).sessionId;
  const url = `http://127.0.0.1:${pagePort}/${page}?mock=${encodeURIComponent(mock)}`;
  await wd("POST", `/session/${session}/url`, { url });
  let result = null;
  for (const started = Date.now(); result === null && Date.now() - started < 30_000; ) {
    result = await wd("POST", `/session/${session}/execute/sync`, { script: "return window.__result || null;", args: [] });
    if (result === null) await sleep(200);
  }
  if (result === null) throw new Error(`${page}: no result within 30 s`);
  if (result.error) throw new Error(`${page}: ${result.error}`);
  assertSummary(result);
  assertPreludeSummary(result.prelude);
  console.log(JSON.stringify({ browser, page, ...result }));
  exitCode = 0;
} catch (err) {
  console.error(err.message);
} finally {
  if (session) await wd("DELETE", `/session/${session}`).catch(() => {});
  driver.kill();
  server.close();
}
process.exit(exitCode);
