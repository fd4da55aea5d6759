// The benchmark: every figure of the performance targets for ding-otp and
// for a hand-written fetch + JSON client (bench/baseline.mjs) measured in
// the same run, as medians over several rounds, with the ratios.
//
//   node bench/run.mjs [--rounds N] [--quick] [--pkg DIR]
//
// Run scripts/bench.sh to build the release package first. A benchmark, not
// a test: it exits non-zero only on a real error (a missing build, a wrong
// answer, a crash), never because of a time or a size.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { packageSizes, gzip9 } from "../scripts/sizes.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const quick = args.includes("--quick");
const rounds = Number(flag("--rounds", quick ? 2 : 5));
const pkgDir = flag("--pkg", join(here, "..", "pkg"));
const entry = join(pkgDir, "node.js");
if (!existsSync(entry)) {
  console.error(`${entry} not found: build the package first (scripts/build.sh, or run scripts/bench.sh)`);
  process.exit(2);
}
const plan = {
  startups: quick ? 5 : 15,
  cpuCalls: quick ? 6000 : 18000,
  perOpCalls: quick ? 600 : 3000,
  serverMs: quick ? 1000 : 2000,
  inFlight: [1, 50],
  memWarmup: 5000,
  memCalls: quick ? 20000 : 100000,
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const log = (s) => process.stderr.write(`[bench] ${s}\n`);

/** Runs `node bench/<script> ...args`, returns its last stdout line parsed as JSON. */
function child(script, ...rest) {
  const r = spawnSync(process.execPath, [join(here, script), ...rest], { encoding: "utf8", maxBuffer: 64 << 20 });
  if (r.status !== 0) {
    throw new Error(`${script} ${rest[0] ?? ""} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

const loadStart = loadavg();

// 1. size
const sizes = packageSizes(pkgDir);
const baselineBytes = readFileSync(join(here, "baseline.mjs"));
const baseSize = { raw: baselineBytes.length, gzip: gzip9(baselineBytes) };

// 2. import + initialise + construct, each in a fresh node
log(`start-up: ${plan.startups} fresh node processes per client`);
const startup = { ding: { ms: [], proc: [] }, raw: { ms: [], proc: [] } };
for (let i = 0; i < plan.startups; i++) {
  for (const kind of i % 2 ? ["raw", "ding"] : ["ding", "raw"]) {
    const t0 = performance.now();
    const r = child("startup.mjs", kind, entry);
    startup[kind].proc.push(performance.now() - t0);
    startup[kind].ms.push(r.ms);
  }
}

// 3. CPU per call with fake fetches
log(`CPU per call: ${rounds} rounds of ${plan.cpuCalls} calls per client and fake`);
const cpu = child("calls.mjs", "cpu", JSON.stringify({ entry, rounds, calls: plan.cpuCalls, perOp: plan.perOpCalls }));

// 4. calls/s against the local keep-alive server (its own process)
log(`calls/s: ${rounds} rounds of ${plan.serverMs} ms per client and concurrency`);
const server = spawn(process.execPath, [join(here, "server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
const stopServer = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
};
process.on("exit", stopServer);
const url = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: server.stdout });
  lines.once("line", (l) => resolve(l.replace(/^listening on /, "")));
  server.once("exit", (code) => reject(new Error(`bench/server.mjs exited (${code}) before listening`)));
});
let tput;
try {
  tput = child("calls.mjs", "throughput", JSON.stringify({ entry, url, rounds, ms: plan.serverMs, inFlight: plan.inFlight }));
} finally {
  stopServer();
}

// 5. wasm memory over many calls
log(`wasm memory: ${plan.memWarmup} warm-up calls, then ${plan.memCalls}`);
const memArgs = { entry, warmup: plan.memWarmup, calls: plan.memCalls };
const mem = child("calls.mjs", "memory", JSON.stringify(memArgs));
const memCached = child("calls.mjs", "memory", JSON.stringify({ ...memArgs, cached: true }));

// ---- the table
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(2)} ms`;
const us = (n) => `${n.toFixed(1)} µs`;
const perS = (n) => `${Math.round(n).toLocaleString("en-US")}/s`;
const bytes = (n) => `${n.toLocaleString("en-US")} B`;
const ratio = (a, b) => (b ? `${(a / b).toFixed(2)}×` : "");
const yesNo = (ok) => (ok ? "yes" : "NO");
const spread = (xs, fmt) => (xs.length > 1 ? `${fmt(Math.min(...xs))} – ${fmt(Math.max(...xs))}` : "");

const rows = [];
const row = (figure, d, r, { fmt, target = "", meets = "", range = "" }) =>
  rows.push([figure, fmt(d), r === undefined ? "—" : fmt(r), r === undefined ? "—" : ratio(d, r), target, meets, range]);

const sizeTarget = 25 * 1024;
row("size: wasm + JS glue, gzip -9", sizes.total.gzip, baseSize.gzip, {
  fmt: kb,
  target: "≤ 25 KB",
  meets: yesNo(sizes.total.gzip <= sizeTarget),
});
row("size: wasm + JS glue, raw", sizes.total.raw, baseSize.raw, { fmt: kb });
const sd = median(startup.ding.ms);
row(`import + init + construct, Node, median of ${plan.startups}`, sd, median(startup.raw.ms), {
  fmt: ms,
  target: "≤ 5 ms",
  meets: yesNo(sd <= 5),
  range: `${spread(startup.ding.ms, ms)} | ${spread(startup.raw.ms, ms)}`,
});
row("  (whole node process, spawn to exit)", median(startup.ding.proc), median(startup.raw.proc), {
  fmt: ms,
  range: `${spread(startup.ding.proc, ms)} | ${spread(startup.raw.proc, ms)}`,
});
const cpuOf = (mode, kind, key = "cpu") => cpu[mode][kind].mixed.map((x) => x[key]);
for (const [mode, label, withTarget] of [
  ["response", "fake fetch → new Response", true],
  ["instant", "instant fake (client's own cost)", false],
]) {
  const d = median(cpuOf(mode, "ding"));
  const r = median(cpuOf(mode, "raw"));
  row(`CPU per call, ${label}`, d, r, {
    fmt: us,
    target: withTarget ? "≤ 1.7× raw (≤ ~25 µs)" : "",
    meets: withTarget ? yesNo(d / r <= 1.7) : "",
    range: `${spread(cpuOf(mode, "ding"), us)} | ${spread(cpuOf(mode, "raw"), us)}`,
  });
  row("  (wall time per call, same loop)", median(cpuOf(mode, "ding", "wall")), median(cpuOf(mode, "raw", "wall")), {
    fmt: us,
  });
}
for (const n of plan.inFlight) {
  const d = median(tput.ding[n]);
  const r = median(tput.raw[n]);
  row(`calls/s, local keep-alive server, ${n} in flight`, d, r, {
    fmt: perS,
    target: "≥ 0.95× raw",
    meets: yesNo(d / r >= 0.95),
    range: `${spread(tput.ding[n], perS)} | ${spread(tput.raw[n], perS)}`,
  });
}
const first = mem.samples[0];
const last = mem.samples[mem.samples.length - 1];
const callsText = mem.calls.toLocaleString("en-US");
row(`wasm memory after ${mem.warmup.toLocaleString("en-US")} warm-up calls`, first.bytes, undefined, { fmt: bytes });
row(`wasm memory after ${callsText} more calls`, last.bytes, undefined, { fmt: bytes });
row("wasm memory growth", last.bytes - first.bytes, undefined, {
  fmt: bytes,
  target: "no growth",
  meets: yesNo(last.bytes === first.bytes),
});
{
  const c = memCached.samples;
  row("  (growth with ding.otp / ding.lookup read once)", c[c.length - 1].bytes - c[0].bytes, undefined, { fmt: bytes });
}
if (first.externrefs !== null) {
  row("  (externref table slots, growth)", last.externrefs - first.externrefs, undefined, { fmt: String });
}

const head = ["figure", "ding-otp", "raw fetch", "ratio", "target", "meets", "min – max, ding-otp | raw"];
const printTable = (header, body, right) => {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r) =>
    r
      .map((c, i) => (right.includes(i) ? c.padStart(widths[i]) : c.padEnd(widths[i])))
      .join("  ")
      .trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of body) console.log(line(r));
};

const cpuModel = cpus()[0]?.model ?? "unknown CPU";
const load = (l) => l.map((x) => x.toFixed(2)).join(" ");
console.log(`\nding-otp benchmark, ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${cpus().length} × ${cpuModel}`);
console.log(`load average at start ${load(loadStart)}, at end ${load(loadavg())} (other work on the machine skews the times)`);
console.log(`medians over ${rounds} rounds (start-up: over ${plan.startups} processes); ratio = ding-otp / raw fetch\n`);
printTable(head, rows, [1, 2, 3]);

console.log(`\nCPU per call by operation, instant fake, median of ${rounds} rounds of ${plan.perOpCalls} calls`);
const opRows = Object.keys(cpu.instant.ding.perOp).map((op) => {
  const d = median(cpu.instant.ding.perOp[op].map((x) => x.cpu));
  const r = median(cpu.instant.raw.perOp[op].map((x) => x.cpu));
  return [op, us(d), us(r), ratio(d, r)];
});
printTable(["operation", "ding-otp", "raw fetch", "ratio"], opRows, [1, 2, 3]);

console.log(`\nsize by file (gzip -9): ${sizes.files.map((f) => `${f.file.replace(/^snippets\/.*\//, "snippets/…/")} ${kb(f.gzip)}`).join(", ")}`);
console.log(
  `wasm memory every ${(mem.calls / 10).toLocaleString("en-US")} calls: ${mem.samples.map((s) => `${(s.bytes / 65536) | 0}`).join(" ")} pages of 64 KiB`,
);
console.log(
  "\nraw fetch = bench/baseline.mjs: fetch + JSON.stringify/JSON.parse by hand, no input checks, no camelCase or Date" +
    "\nconversion. A benchmark, not a test: the figures never fail the run.",
);
