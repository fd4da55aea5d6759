// Helpers for the end-to-end tests: start the mock server (v1 and v2 APIs)
// and the demo's server (static files and the webhook receiver) on free
// loopback ports (and stop them, even when a test fails), launch Debian's
// chromium with playwright-core, watch a page for console errors and
// layout shifts, and register the hooks both demo suites share
// (demoSuite).
import { after, afterEach, before } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const root = fileURLToPath(new URL("../..", import.meta.url));
export const screenshotDir = join(root, "tests", "artifacts", "screenshots");
export const CUSTOMER_UUID = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

const children = new Set();
function killAll() {
  for (const child of children) {
    try {
      child.kill("SIGTERM");
    } catch {
      // already gone
    }
  }
}
process.on("exit", killAll);
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    killAll();
    process.exit(130);
  });
}

/** Spawns a server and resolves with the URL from its "<prefix> URL" start line. */
function startServer(command, args, prefix, name) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let out = "";
    const timer = setTimeout(() => fail(new Error(`${name} did not start in 20 s:\n${out}`)), 20_000);
    const fail = (err) => {
      clearTimeout(timer);
      child.kill("SIGTERM");
      reject(err);
    };
    const onData = (chunk) => {
      out += chunk;
      const m = out.match(new RegExp(`^${prefix} (\\S+)`, "m"));
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: () => stopChild(child),
          log: () => out,
        });
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", (chunk) => (out += chunk));
    child.on("error", fail);
    child.on("exit", (code) => {
      children.delete(child);
      if (!/listening on/.test(out)) fail(new Error(`${name} exited with ${code}:\n${out}`));
    });
  });
}

function stopChild(child) {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

/**
 * Starts the mock on a free port: target/debug/ding-mock, or with
 * DING_E2E_MOCK=sandbox the package's own `ding-otp-mock` command
 * (pkg/sandbox/cli.js, the mock's core compiled to wasm), so that the demo
 * is tested against both hosts. `url` is its v1 base, like
 * http://127.0.0.1:P/v1; `origin` its origin (the v2 API is under /v2).
 * Waits for its webhook key: the mock makes it on first use, which takes
 * seconds in a debug build and holds every request meanwhile.
 */
export async function startMock(args = []) {
  const sandbox = process.env.DING_E2E_MOCK === "sandbox";
  const [command, prefix] = sandbox
    ? [process.execPath, [join(root, "pkg", "sandbox", "cli.js")]]
    : [join(root, "target", "debug", "ding-mock"), []];
  const mock = await startServer(
    command,
    [...prefix, "--host", "127.0.0.1", "--port", "0", ...args],
    "ding-mock listening on",
    sandbox ? "ding-otp-mock" : "ding-mock",
  );
  mock.origin = originOf(mock.url);
  const res = await fetch(`${mock.origin}/v2/_mock/webhook-key`);
  if (!res.ok) throw new Error(`the mock has no webhook key (${res.status}): does it serve /v2?`);
  mock.key = await res.json();
  return mock;
}

/** http://127.0.0.1:P from http://127.0.0.1:P/v1 (or /v2). */
export function originOf(url) {
  return url.replace(/\/+$/, "").replace(/\/v[12]$/, "");
}

/**
 * Starts scripts/serve.mjs for www/ and pkg/ on a free port, pointing the
 * page at `mockURL`; `webhookURL` is its receiver, `origin` its origin.
 */
export async function startDemo(mockURL) {
  const demo = await startServer(
    process.execPath,
    [join(root, "scripts", "serve.mjs"), "--port", "0", "--mock", mockURL],
    "demo listening on",
    "demo server",
  );
  demo.origin = demo.url.replace(/\/+$/, "");
  demo.webhookURL = `${demo.origin}/webhooks/prelude`;
  return demo;
}

export function launchBrowser() {
  // launch() gives every run a fresh temporary profile (user data dir).
  return chromium.launch({
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--disable-dev-shm-usage",
    ],
  });
}

/** Removes the screenshots whose names start with `prefix` (each test file has its own). */
export function cleanScreenshots(prefix = "") {
  mkdirSync(screenshotDir, { recursive: true });
  for (const f of readdirSync(screenshotDir)) {
    if (f.endsWith(".png") && f.startsWith(prefix)) rmSync(join(screenshotDir, f));
  }
}

export async function screenshot(page, name) {
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path, fullPage: true, animations: "disabled" });
  return path;
}

// Records layout shifts not caused by the person's own input (the CLS rule).
const LAYOUT_SHIFT_PROBE = () => {
  window.__layoutShift = 0;
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__layoutShift += e.value;
      window.__layoutShifts.push({
        value: e.value,
        nodes: (e.sources || []).map((s) => s.node?.id || s.node?.className || s.node?.nodeName || "?"),
      });
    }
  }).observe({ type: "layout-shift", buffered: true });
};

/**
 * A page that records console errors and page errors. `allow(pattern, urlPrefix)`
 * tolerates Chrome's own "Failed to load resource" lines for requests a test
 * makes fail on purpose (a refused number, a stopped server); `problems()`
 * returns everything else, and `allowed()` what was tolerated.
 */
export async function openPage(browser, { viewport, mobile = false }) {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: mobile ? 2 : 1,
    isMobile: mobile,
    hasTouch: mobile,
    locale: "en-US",
    timezoneId: "UTC",
  });
  await context.addInitScript(LAYOUT_SHIFT_PROBE);
  const page = await context.newPage();
  page.setDefaultTimeout(10_000);
  const errors = [];
  const rules = [];
  const tolerated = [];
  page.on("console", (msg) => {
    if (msg.type() !== "error") return;
    const entry = { text: msg.text(), url: msg.location()?.url || "" };
    const rule = rules.find(
      (r) => entry.text.startsWith("Failed to load resource") && r.pattern.test(entry.text) && entry.url.startsWith(r.urlPrefix),
    );
    (rule ? tolerated : errors).push(entry);
  });
  page.on("pageerror", (err) => errors.push({ text: `page error: ${err.message}`, url: "" }));
  const requests = [];
  page.on("request", (req) => requests.push(req.url()));
  return {
    context,
    page,
    requests,
    allow: (pattern, urlPrefix) => rules.push({ pattern, urlPrefix }),
    problems: () => errors.map((e) => `${e.text} ${e.url}`.trim()),
    allowed: () => tolerated,
    layoutShift: () => page.evaluate(() => ({ total: window.__layoutShift, shifts: window.__layoutShifts })),
  };
}

/** The mock's v1 inbox for a number, read directly (not through the page). */
export async function inbox(mockURL, phone) {
  const res = await fetch(`${mockURL}/_mock/messages?phone_number=${encodeURIComponent(phone)}`);
  return (await res.json()).messages;
}

/** The mock's v2 inbox for a number (messages with a verification_id). */
export async function inboxV2(origin, phone) {
  const res = await fetch(`${origin}/v2/_mock/messages?phone_number=${encodeURIComponent(phone)}`);
  return (await res.json()).messages.filter((m) => m.verification_id);
}

/** What the mock logged of a verification's webhooks: [{ url, status_or_error, event }]. */
export async function webhookLog(origin, verificationId) {
  const res = await fetch(`${origin}/v2/_mock/webhooks?verification_id=${encodeURIComponent(verificationId)}`);
  return (await res.json()).deliveries;
}

/** A v2 API call straight to the mock (not through the page). */
export async function v2(origin, method, path, body) {
  const res = await fetch(`${origin}/v2${path}`, {
    method,
    headers: { authorization: "Bearer test-key-for-the-mock", "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json().catch(() => null) };
}

/**
 * Registers the hooks an e2e suite of the demo shares, and returns its state.
 * Before the tests: the screenshots whose names start with one of
 * `screenshots` removed, a mock started with `mockArgs`, the demo's server on
 * it, and chromium. After them: chromium closed and every server in
 * `suite.servers` stopped (a test adds its own there). After each test: the
 * page it opened with `suite.openPage` closed, and the test failed on a
 * console error, a page error or a layout shift of 0.05 or more.
 */
export function demoSuite({ mockArgs, screenshots }) {
  const suite = {
    mock: null,
    demo: null,
    browser: null,
    servers: [],
    current: null, // the page of the running test, checked after it
    /** A page of its own for the running test (see openPage). */
    async openPage(options) {
      suite.current = await openPage(suite.browser, options);
      return suite.current;
    },
  };
  before(async () => {
    for (const prefix of screenshots) cleanScreenshots(prefix);
    suite.mock = await startMock(mockArgs);
    suite.servers.push(suite.mock);
    suite.demo = await startDemo(suite.mock.url);
    suite.servers.push(suite.demo);
    suite.browser = await launchBrowser();
  });
  after(async () => {
    await suite.browser?.close().catch(() => {});
    await Promise.all(suite.servers.map((s) => s.stop()));
  });
  afterEach(async () => {
    if (!suite.current) return;
    const session = suite.current;
    suite.current = null;
    // Layout shifts over the whole test (unless the test closed its page itself).
    const shift = await session.layoutShift().catch(() => null);
    await session.context.close().catch(() => {});
    assert.deepEqual(session.problems(), [], "console errors or page errors");
    if (shift) assert.ok(shift.total < 0.05, `layout shifts ${shift.total}: ${JSON.stringify(shift.shifts)}`);
  });
  return suite;
}
