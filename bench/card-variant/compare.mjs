// The real v1 client (pkg/) beside the card variant (bench/card-variant,
// built by its build.sh into target/card-variant/), measured the way the
// benchmark measures the real one:
//
//   node bench/card-variant/compare.mjs [--quick] [--pkg DIR]
//
// - size: the create + check app of scripts/sizes.mjs ("ding-otp"),
//   bundled by esbuild with the same options, plus the build's .wasm,
//   gzip -9; and the .wasm alone, raw and gzip -9.
// - import + init + construct: bench/startup.mjs in fresh node processes
//   (15, a different build first each round), median.
// - CPU per call: bench/calls.mjs's loop (18,000 sequential calls cycling
//   through the six operations per round, 5 rounds, the clients taking turns
//   at going first, process.cpuUsage() per call, median), with the Response
//   fake and the instant fake, in one fresh process for all the builds.
//
// Builds compared (target/card-variant/<name>):
//   fetch    the card variant: serde + serde-wasm-bindgen models, async
//            exports (wasm-bindgen-futures), the `fetch` given in the options
//   gloo     the same with the request sent by gloo-net (global fetch only:
//            here it is given the fake through a global `fetch` that reads
//            the platform Request gloo-net builds; it cannot run with the
//            instant fake, whose answers are not platform Responses)
//   js-loop  the same serde models with synchronous exports: JS awaits the
//            fetch (no futures in the module), as in the real client
// pkg/ is copied to target/card-variant/real first, so a rebuild during the
// run cannot change what is measured.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { APPS, entrySizes, gzip9 } from "../../scripts/sizes.mjs";
import { appSize } from "../app-size.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "..", "..");
const out = join(root, "target", "card-variant");
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

// ---- the CPU section, run in its own process ----------------------------

async function cpuSection({ dirs, rounds, calls, perOp }) {
  const { APIS, FAKE_ORIGIN, clientOf } = await import("../apis.mjs");
  const { makeFakeFetch, makeResponseFetch } = await import("../fake-fetch.mjs");
  const { checkAnswers, perCall, sequential } = await import("../loop.mjs");
  const api = APIS.v1;
  const ops = api.operations.map(([, f]) => f);
  // gloo-net calls the global fetch with a platform Request: hand its
  // method and URL to the current fake, as the other clients call it.
  let current;
  const platformFetch = globalThis.fetch;
  globalThis.fetch = (input, init) =>
    input instanceof Request ? current(input.url, { method: input.method }) : current(input, init);
  const ding = clientOf(api, "ding");
  const raw = clientOf(api, "raw");
  const loaded = {};
  for (const [name, dir] of Object.entries(dirs)) loaded[name] = await ding.load(dir);
  const RawDing = await raw.load();
  const result = {};
  for (const [mode, make] of [
    ["response", makeResponseFetch],
    ["instant", makeFakeFetch],
  ]) {
    current = make();
    const names = Object.keys(dirs).filter((n) => mode === "response" || n !== "gloo");
    const clients = {};
    for (const n of names) clients[n] = ding.make(loaded[n], { fetch: n === "gloo" ? undefined : current, origin: FAKE_ORIGIN });
    clients.raw = raw.make(RawDing, { fetch: current, origin: FAKE_ORIGIN });
    const kinds = [...names, "raw"];
    const m = (result[mode] = {});
    for (const k of kinds) {
      await checkAnswers(api, k === "raw" ? "raw" : "ding", clients[k], k);
      await sequential(clients[k], calls / 2, ops); // warm-up
      m[k] = { mixed: [], perOp: Object.fromEntries(api.operations.map(([n]) => [n, []])) };
    }
    for (let round = 0; round < rounds; round++) {
      const order = kinds.map((_, i) => kinds[(i + round) % kinds.length]);
      for (const k of order) m[k].mixed.push(await perCall(clients[k], calls, ops));
      if (mode !== "instant") continue;
      for (let i = 0; i < ops.length; i++) {
        for (const k of order) m[k].perOp[api.operations[i][0]].push(await perCall(clients[k], perOp, [ops[i]]));
      }
    }
  }
  globalThis.fetch = platformFetch;
  return result;
}

// What a few platform objects cost alone, to read the CPU rows: the real
// client makes an AbortController and a timer per attempt, which the
// variant does not; gloo-net builds a Request for the URL, a URL, a Headers
// and the Request it sends, where the others hand (url, init) to fetch.
function platformSection() {
  const n = 50000;
  const url = "http://127.0.0.1:9/v1/authentication";
  const body = JSON.stringify({ customer_uuid: "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", phone_number: "+14155550123" });
  const headers = () => {
    const h = new Headers();
    h.append("accept", "application/json");
    h.append("x-api-key", "k");
    h.append("content-type", "application/json");
    return h;
  };
  const cases = {
    "AbortController + its signal + setTimeout + clearTimeout": () => {
      const c = new AbortController();
      c.signal;
      clearTimeout(setTimeout(() => {}, 30000));
    },
    "new Request(url), no body": () => new Request(url),
    "new URL(url) + toString": () => String(new URL(url)),
    "new Headers + 3 append": headers,
    "new Request(url, { method, headers, body })": () => new Request(url, { method: "POST", headers: headers(), body }),
  };
  const out = {};
  for (const [name, f] of Object.entries(cases)) {
    for (let i = 0; i < 5000; i++) f();
    const c0 = process.cpuUsage();
    for (let i = 0; i < n; i++) f();
    const c = process.cpuUsage(c0);
    out[name] = (c.user + c.system) / n;
  }
  return out;
}

if (args[0] === "--platform") {
  console.log(JSON.stringify(platformSection()));
  process.exit(0);
}

if (args[0] === "--cpu") {
  console.log(JSON.stringify(await cpuSection(JSON.parse(args[1]))));
  process.exit(0);
}

// ---- the comparison --------------------------------------------------------

const quick = args.includes("--quick");
const plan = { startups: quick ? 5 : 15, rounds: quick ? 2 : 5, calls: quick ? 6000 : 18000, perOp: quick ? 600 : 3000 };
const log = (s) => process.stderr.write(`[card-variant] ${s}\n`);

const pkg = resolve(flag("--pkg", join(root, "pkg")));
const builds = { fetch: "card variant", gloo: "+ gloo-net", "js-loop": "- futures" };
for (const dir of [pkg, ...Object.keys(builds).map((b) => join(out, b))]) {
  if (!existsSync(join(dir, "node.js"))) {
    console.error(`${dir}/node.js not found: build pkg/ (scripts/build.sh) and the variant (bench/card-variant/build.sh) first`);
    process.exit(2);
  }
}
// Other work on the machine skews the times: say so when a test, a benchmark
// or a cargo build runs at the start or at the end.
const others = () =>
  spawnSync("pgrep", ["-f", "scripts/test.sh|scripts/bench.sh|bench/run.mjs|cargo build"], { encoding: "utf8" }).stdout.trim();
const busyStart = others();
if (busyStart) log(`warning: a test, benchmark or build is running (pids ${busyStart.split("\n").join(" ")}): the times will be off`);

const realDir = join(out, "real");
rmSync(realDir, { recursive: true, force: true });
cpSync(pkg, realDir, { recursive: true });
const dirs = { real: realDir, ...Object.fromEntries(Object.keys(builds).map((b) => [b, join(out, b)])) };
const names = Object.keys(dirs);
const loadStart = loadavg();

// 1. size
log("size: esbuild bundles of the create + check app");
const size = {};
{
  const e = (await entrySizes(realDir)).find((x) => x.entry === "ding-otp");
  size.real = e;
  const work = mkdtempSync(join(tmpdir(), "card-variant-"));
  try {
    mkdirSync(join(work, "node_modules"));
    for (const b of Object.keys(builds)) {
      const link = join(work, "node_modules", "ding-otp");
      rmSync(link, { force: true });
      symlinkSync(dirs[b], link, "dir");
      const js = await appSize(APPS["ding-otp"].source, { resolveDir: work });
      const w = readFileSync(join(dirs[b], "card_variant_bg.wasm"));
      const wasm = { raw: w.length, gzip: gzip9(w) };
      size[b] = { js, wasm, total: { raw: js.raw + wasm.raw, gzip: js.gzip + wasm.gzip } };
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

// 2. import + init + construct, each in a fresh node
log(`start-up: ${plan.startups} fresh node processes per build`);
const startup = Object.fromEntries(names.map((n) => [n, { ms: [], proc: [] }]));
for (let i = 0; i < plan.startups; i++) {
  for (let j = 0; j < names.length; j++) {
    const n = names[(i + j) % names.length];
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(here, "..", "startup.mjs"), "v1", "ding", dirs[n]], { encoding: "utf8" });
    const t1 = performance.now();
    if (r.status !== 0) throw new Error(`startup.mjs ${n} failed:\n${r.stderr}`);
    startup[n].proc.push(t1 - t0);
    startup[n].ms.push(JSON.parse(r.stdout.trim().split("\n").pop()).ms);
  }
}

// 3. CPU per call, one fresh process for all builds
log(`CPU per call: ${plan.rounds} rounds of ${plan.calls} calls per build and fake`);
const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--cpu", JSON.stringify({ dirs, ...plan })], {
  encoding: "utf8",
  maxBuffer: 64 << 20,
});
if (r.status !== 0) throw new Error(`CPU section failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
const cpu = JSON.parse(r.stdout.trim().split("\n").pop());
const p = spawnSync(process.execPath, [fileURLToPath(import.meta.url), "--platform"], { encoding: "utf8" });
if (p.status !== 0) throw new Error(`platform section failed:\n${p.stderr}`);
const platform = JSON.parse(p.stdout.trim().split("\n").pop());
const loadEnd = loadavg();
const busyEnd = others();

// ---- the table --------------------------------------------------------------

const kb = (n) => (n / 1024).toFixed(1) + " KB";
const ms = (n) => n.toFixed(2) + " ms";
const us = (n) => n.toFixed(1) + " µs";
const cols = ["real", ...Object.keys(builds)];
const header = ["figure", "real (pkg/)", ...Object.keys(builds).flatMap((b) => [`${b}: ${builds[b]}`, "ratio"])];
const rows = [];
const row = (label, values, fmt, spread) => {
  const cells = [label, values.real === undefined ? "—" : fmt(values.real)];
  for (const b of Object.keys(builds)) {
    const v = values[b];
    cells.push(v === undefined ? "—" : fmt(v), v === undefined || !values.real ? "—" : (v / values.real).toFixed(2) + "×");
  }
  rows.push(cells);
  if (spread) rows.push(["  (min – max)", ...cols.flatMap((c, i) => { const s = spread[c]; const t = s ? `${fmt(Math.min(...s))} – ${fmt(Math.max(...s))}` : "—"; return i ? [t, ""] : [t]; })]);
};
const pick = (f) => Object.fromEntries(cols.map((c) => [c, f(c)]));
row("size: create + check app + .wasm, gzip -9", pick((c) => size[c].total.gzip), kb);
row("  JS bundle, gzip -9", pick((c) => size[c].js.gzip), kb);
row("  .wasm alone, gzip -9", pick((c) => size[c].wasm.gzip), kb);
row("  .wasm alone, raw", pick((c) => size[c].wasm.raw), kb);
row(`import + init + construct, median of ${plan.startups}`, pick((c) => median(startup[c].ms)), ms, pick((c) => startup[c].ms));
row("  (whole node process, spawn to exit)", pick((c) => median(startup[c].proc)), ms);
for (const [mode, label] of [
  ["response", "CPU per call, fake fetch → new Response"],
  ["instant", "CPU per call, instant fake (client's own)"],
]) {
  const m = cpu[mode];
  const get = (c) => (m[c] ? median(m[c].mixed.map((x) => x.cpu)) : undefined);
  row(label, pick(get), us, pick((c) => m[c] && m[c].mixed.map((x) => x.cpu)));
  row("  (wall time per call, same loop)", pick((c) => (m[c] ? median(m[c].mixed.map((x) => x.wall)) : undefined)), us);
}
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
const line = (cells) => cells.map((c, i) => (i ? String(c).padStart(widths[i]) : String(c).padEnd(widths[i]))).join("  ");
console.log(`card variant vs the real v1 client (${new Date().toISOString().slice(0, 10)}), Node ${process.version}, ${cpus().length} × ${cpus()[0].model.trim()}`);
console.log(`load average ${loadStart.map((x) => x.toFixed(2)).join(" ")} at the start, ${loadEnd.map((x) => x.toFixed(2)).join(" ")} at the end; ratio = build / real`);
if (busyStart || busyEnd) console.log("WARNING: a test, benchmark or cargo build was running at the start or the end: the times are not comparable");
console.log(line(header));
console.log(widths.map((w) => "-".repeat(w)).join("  "));
for (const r of rows) console.log(line(r));
const rawOf = (mode) => us(median(cpu[mode].raw.mixed.map((x) => x.cpu)));
console.log(`raw fetch baseline in the same process: ${rawOf("response")} (Response fake), ${rawOf("instant")} (instant fake)`);
console.log("gloo: no instant-fake figure (gloo-net refuses an answer that is not a platform Response)");

console.log(`\nCPU per call by operation, instant fake, median of ${plan.rounds} rounds of ${plan.perOp} calls`);
const opNames = Object.keys(cpu.instant.real.perOp);
const opCols = ["real", "fetch", "js-loop", "raw"];
const opRows = opNames.map((op) => {
  const v = Object.fromEntries(opCols.map((c) => [c, median(cpu.instant[c].perOp[op].map((x) => x.cpu))]));
  return [op, us(v.real), us(v.fetch), (v.fetch / v.real).toFixed(2) + "×", us(v["js-loop"]), (v["js-loop"] / v.real).toFixed(2) + "×", us(v.raw)];
});
const opHeader = ["operation", "real", "fetch", "ratio", "js-loop", "ratio", "raw fetch"];
const ow = opHeader.map((h, i) => Math.max(h.length, ...opRows.map((r) => r[i].length)));
const oline = (cells) => cells.map((c, i) => (i ? c.padStart(ow[i]) : c.padEnd(ow[i]))).join("  ");
console.log(oline(opHeader));
console.log(ow.map((w) => "-".repeat(w)).join("  "));
for (const r of opRows) console.log(oline(r));

console.log("\nplatform objects alone (CPU per object, 50,000 in a loop, fresh process), to read the CPU rows:");
for (const [name, v] of Object.entries(platform)) console.log(`  ${name.padEnd(58)} ${us(v).padStart(8)}`);
