// The benchmark: every figure of the performance targets for both entries of
// ding-otp (`ding-otp` for the Ding v1 API, `ding-otp/prelude` for the
// Prelude v2 API), each beside a hand-written fetch + JSON client
// (bench/baseline.mjs) and the official SDK of that API (bench/peers)
// measured in the same run, as medians over several rounds, with the ratios
// and the spreads. One table per entry.
//
//   node bench/run.mjs [--rounds N] [--quick] [--pkg DIR] [--api v1,v2]
//
// Run scripts/bench.sh to build the release package and install the
// official SDKs first. A benchmark, not a test: it exits non-zero only on a
// real error (a missing build, a wrong answer, a crash), never because of a
// time or a size.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { entrySizes } from "../scripts/sizes.mjs";
import { appSize } from "./app-size.mjs";
import { APIS, peerInstalled } from "./apis.mjs";
import { peersDir } from "./peers/load.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const args = process.argv.slice(2);
const flag = (name, dflt) => {
  const i = args.indexOf(name);
  return i < 0 ? dflt : args[i + 1];
};
const quick = args.includes("--quick");
const rounds = Number(flag("--rounds", quick ? 2 : 5));
const pkgDir = resolve(flag("--pkg", join(here, "..", "pkg")));
const apiIds = flag("--api", Object.keys(APIS).join(",")).split(",");
for (const id of apiIds) {
  if (!APIS[id]) {
    console.error(`--api: unknown API ${id} (known: ${Object.keys(APIS).join(", ")})`);
    process.exit(2);
  }
  const entry = join(pkgDir, APIS[id].entry);
  if (!existsSync(entry)) {
    console.error(`${entry} not found: build the package first (scripts/build.sh, or run scripts/bench.sh)`);
    process.exit(2);
  }
}
const apis = apiIds.map((id) => APIS[id]);
const plan = {
  startups: quick ? 5 : 15,
  workerStarts: quick ? 3 : 9,
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
    throw new Error(`${script} ${rest.slice(0, 2).join(" ")} failed (exit ${r.status}):\n${r.stderr}${r.stdout}`);
  }
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

// Which official SDKs can be measured: installed (scripts/bench.sh runs
// `npm ci` in bench/peers) and drivable; a reason otherwise.
const peer = {};
const peerNote = {};
for (const api of apis) {
  peer[api.id] = peerInstalled(api);
  if (peer[api.id]) {
    peerNote[api.id] = `${api.peer.name} ${peer[api.id].version}, driven through ${api.peer.how}`;
  } else if (api.peer.missing) {
    peerNote[api.id] = `${api.peer.name}: ${api.peer.missing}`;
  } else {
    peerNote[api.id] = `${api.peer.name}: not measured: not installed in bench/peers (scripts/bench.sh installs it; or npm ci there)`;
  }
}
const kindsOf = (api) => (peer[api.id] ? ["ding", "raw", "peer"] : ["ding", "raw"]);

const loadStart = loadavg();

// 1. size of a browser app doing create + check: ding-otp's entries as
// scripts/sizes.mjs bundles them (JS bundle + the entry's .wasm), the
// baselines and the official SDKs as the same app bundled the same way.
log("size: esbuild bundles of the create + check apps");
const entries = await entrySizes(pkgDir);
const size = {};
for (const api of apis) {
  const ding = entries.find((e) => e.entry === api.sizeEntry);
  if (!ding) throw new Error(`scripts/sizes.mjs has no app for ${api.sizeEntry}`);
  size[api.id] = {
    ding,
    raw: await appSize(api.rawApp, { resolveDir: here }),
    peer: peer[api.id] ? await appSize(api.peer.app, { resolveDir: peersDir }) : undefined,
  };
}

// 2. import + initialise + construct, each in a fresh node
const pairs = apis.flatMap((api) => kindsOf(api).map((kind) => [api.id, kind]));
log(`start-up: ${plan.startups} fresh node processes per client (${pairs.length} clients)`);
const startup = Object.fromEntries(apis.map((api) => [api.id, {}]));
for (const [id, kind] of pairs) startup[id][kind] = { ms: [], proc: [] };
for (let i = 0; i < plan.startups; i++) {
  // A different client goes first in each round.
  for (let j = 0; j < pairs.length; j++) {
    const [id, kind] = pairs[(i + j) % pairs.length];
    const t0 = performance.now();
    const r = child("startup.mjs", id, kind, pkgDir);
    startup[id][kind].proc.push(performance.now() - t0);
    startup[id][kind].ms.push(r.ms);
  }
}

// 2b. Worker cold start: a fresh workerd per sample (miniflare)
const worker = {};
for (const api of apis) {
  log(`Worker cold start, ${api.id}: ${plan.workerStarts} fresh workerd per client (miniflare)`);
  worker[api.id] = child("worker-start.mjs", JSON.stringify({ api: api.id, pkg: pkgDir, peer: !!peer[api.id], samples: plan.workerStarts }));
}

// 3. CPU per call with fake fetches
const cpu = {};
for (const api of apis) {
  log(`CPU per call, ${api.id}: ${rounds} rounds of ${plan.cpuCalls} calls per client and fake`);
  cpu[api.id] = child(
    "calls.mjs",
    "cpu",
    JSON.stringify({ api: api.id, pkg: pkgDir, peer: !!peer[api.id], rounds, calls: plan.cpuCalls, perOp: plan.perOpCalls }),
  );
}

// 4. calls/s against the local keep-alive server (its own process)
const server = spawn(process.execPath, [join(here, "server.mjs")], { stdio: ["pipe", "pipe", "inherit"] });
const stopServer = () => {
  if (server.exitCode === null && server.signalCode === null) server.kill("SIGTERM");
};
process.on("exit", stopServer);
const origin = await new Promise((ok, fail) => {
  const lines = createInterface({ input: server.stdout });
  lines.once("line", (l) => ok(l.replace(/^listening on /, "")));
  server.once("exit", (code) => fail(new Error(`bench/server.mjs exited (${code}) before listening`)));
});
const tput = {};
try {
  for (const api of apis) {
    log(`calls/s, ${api.id}: ${rounds} rounds of ${plan.serverMs} ms per client and concurrency`);
    tput[api.id] = child(
      "calls.mjs",
      "throughput",
      JSON.stringify({ api: api.id, pkg: pkgDir, peer: !!peer[api.id], origin, rounds, ms: plan.serverMs, inFlight: plan.inFlight }),
    );
  }
} finally {
  stopServer();
}

// 5. wasm memory over many calls
const mem = {};
for (const api of apis) {
  log(`wasm memory, ${api.id}: ${plan.memWarmup} warm-up calls, then ${plan.memCalls}`);
  const memArgs = { api: api.id, pkg: pkgDir, warmup: plan.memWarmup, calls: plan.memCalls };
  mem[api.id] = {
    plain: child("calls.mjs", "memory", JSON.stringify(memArgs)),
    cached: child("calls.mjs", "memory", JSON.stringify({ ...memArgs, cached: true })),
  };
}

// ---- the tables
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => `${n.toFixed(2)} ms`;
const us = (n) => `${n.toFixed(1)} µs`;
const perS = (n) => `${Math.round(n).toLocaleString("en-US")}/s`;
const bytes = (n) => `${n.toLocaleString("en-US")} B`;
const ratio = (a, b) => (a !== undefined && b ? `${(a / b).toFixed(2)}×` : "—");
const yesNo = (ok) => (ok ? "yes" : "NO");
const spread = (xs, fmt) => (xs && xs.length > 1 ? `${fmt(Math.min(...xs))} – ${fmt(Math.max(...xs))}` : "");
const medianOf = (xs) => (xs && xs.length ? median(xs) : undefined);

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
console.log(
  `medians over ${rounds} rounds (start-up: over ${plan.startups} processes); ratio = ding-otp / raw fetch, vs SDK = ding-otp / official SDK`,
);

for (const api of apis) {
  const id = api.id;
  const hasPeer = !!peer[id];
  const rows = [];
  // vals: { ding, raw, peer } (undefined: not measured); spreads: the samples per client.
  const row = (figure, vals, { fmt, target = "", meets = "", spreads } = {}) => {
    const cell = (v) => (v === undefined ? "—" : fmt(v));
    const range = spreads
      ? ["ding", "raw", ...(hasPeer ? ["peer"] : [])].map((k) => spread(spreads[k], fmt) || "—").join(" | ")
      : "";
    rows.push([
      figure,
      cell(vals.ding),
      cell(vals.raw),
      vals.raw === undefined ? "—" : ratio(vals.ding, vals.raw),
      cell(vals.peer),
      vals.peer === undefined ? "—" : ratio(vals.ding, vals.peer),
      target,
      meets,
      range.replace(/^(— \| )+—$/, ""),
    ]);
  };

  const sz = size[id];
  row("size: browser app (create + check), gzip -9", { ding: sz.ding.total.gzip, raw: sz.raw.gzip, peer: sz.peer?.gzip }, {
    fmt: kb,
    target: "≤ 25 KB",
    meets: yesNo(sz.ding.total.gzip <= 25 * 1024),
  });
  row("  (of which the .wasm)", { ding: sz.ding.wasm.gzip }, { fmt: kb });
  row("  (of which the JS bundle)", { ding: sz.ding.js.gzip, raw: sz.raw.gzip, peer: sz.peer?.gzip }, { fmt: kb });
  row("size: the same, raw", { ding: sz.ding.total.raw, raw: sz.raw.raw, peer: sz.peer?.raw }, { fmt: kb });

  const st = startup[id];
  const stOf = (key) => ({ ding: st.ding[key], raw: st.raw[key], peer: st.peer?.[key] });
  const stMs = stOf("ms");
  const sd = median(stMs.ding);
  row(`import + init + construct, Node, median of ${plan.startups}`, { ding: sd, raw: medianOf(stMs.raw), peer: medianOf(stMs.peer) }, {
    fmt: ms,
    target: "≤ 5 ms",
    meets: yesNo(sd <= 5),
    spreads: stMs,
  });
  const stProc = stOf("proc");
  row("  (whole node process, spawn to exit)", { ding: median(stProc.ding), raw: medianOf(stProc.raw), peer: medianOf(stProc.peer) }, {
    fmt: ms,
    spreads: stProc,
  });

  const wk = worker[id];
  if (wk.missing) {
    row(`Worker cold start, miniflare: not measured (${wk.missing})`, {}, { fmt: ms });
  } else {
    const wOf = (key) => ({ ding: wk.kinds.ding[key], raw: wk.kinds.raw[key], peer: wk.kinds.peer?.[key] });
    for (const [key, label] of [
      ["total", `Worker cold start, miniflare, median of ${plan.workerStarts}: start to first answer`],
      ["ready", "  (workerd ready: modules compiled and evaluated)"],
      ["first", "  (first request: one create + check)"],
    ]) {
      const s = wOf(key);
      row(label, { ding: median(s.ding), raw: median(s.raw), peer: medianOf(s.peer) }, { fmt: ms, spreads: s });
    }
  }

  const c = cpu[id];
  const cpuOf = (mode, key) =>
    Object.fromEntries(Object.entries(c[mode]).map(([kind, m]) => [kind, m.mixed.map((x) => x[key])]));
  for (const [mode, label, withTarget] of [
    ["response", "fake fetch → new Response", true],
    ["instant", "instant fake (client's own cost)", false],
  ]) {
    const s = cpuOf(mode, "cpu");
    const d = median(s.ding);
    const r = median(s.raw);
    row(`CPU per call, ${label}`, { ding: d, raw: r, peer: medianOf(s.peer) }, {
      fmt: us,
      target: withTarget ? "≤ 1.7× raw" : "",
      meets: withTarget ? yesNo(d / r <= 1.7) : "",
      spreads: s,
    });
    const w = cpuOf(mode, "wall");
    row("  (wall time per call, same loop)", { ding: median(w.ding), raw: median(w.raw), peer: medianOf(w.peer) }, { fmt: us });
  }

  const t = tput[id];
  for (const n of plan.inFlight) {
    const s = { ding: t.ding[n], raw: t.raw[n], peer: t.peer?.[n] };
    const d = median(s.ding);
    const r = median(s.raw);
    row(`calls/s, local keep-alive server, ${n} in flight`, { ding: d, raw: r, peer: medianOf(s.peer) }, {
      fmt: perS,
      target: "≥ 0.95× raw",
      meets: yesNo(d / r >= 0.95),
      spreads: s,
    });
  }
  if (hasPeer) {
    for (const n of plan.inFlight) {
      const own = t.peerOwn[n];
      row(`  (official SDK on its own Node transport, ${n} in flight)`, { ding: median(t.ding[n]), peer: median(own) }, {
        fmt: perS,
        spreads: { peer: own },
      });
    }
  }

  const m = mem[id].plain;
  const first = m.samples[0];
  const last = m.samples[m.samples.length - 1];
  row(`wasm memory after ${m.warmup.toLocaleString("en-US")} warm-up calls`, { ding: first.bytes }, { fmt: bytes });
  row(`wasm memory after ${m.calls.toLocaleString("en-US")} more calls`, { ding: last.bytes }, { fmt: bytes });
  row("wasm memory growth", { ding: last.bytes - first.bytes }, {
    fmt: bytes,
    target: "no growth",
    meets: yesNo(last.bytes === first.bytes),
  });
  {
    const cs = mem[id].cached.samples;
    row(`  (growth with ${api.resourcesText} read once)`, { ding: cs[cs.length - 1].bytes - cs[0].bytes }, { fmt: bytes });
  }
  if (first.externrefs !== null) {
    row("  (externref table slots, growth)", { ding: last.externrefs - first.externrefs }, { fmt: String });
  }

  console.log(`\n== ${api.title} (entry ${api.entry}, class ${api.clientClass})`);
  console.log(`official SDK: ${peerNote[id]}\n`);
  const head = ["figure", "ding-otp", "raw fetch", "ratio", "official SDK", "vs SDK", "target", "meets"];
  head.push(`min – max, ding-otp | raw${hasPeer ? " | SDK" : ""}`);
  printTable(head, rows, [1, 2, 3, 4, 5]);

  console.log(`\nCPU per call by operation, instant fake, median of ${rounds} rounds of ${plan.perOpCalls} calls`);
  const opRows = Object.keys(c.instant.ding.perOp).map((op) => {
    const d = median(c.instant.ding.perOp[op].map((x) => x.cpu));
    const r = median(c.instant.raw.perOp[op].map((x) => x.cpu));
    return [op, us(d), us(r), ratio(d, r)];
  });
  printTable(["operation", "ding-otp", "raw fetch", "ratio"], opRows, [1, 2, 3]);

  console.log(
    `\nwasm memory every ${(m.calls / 10).toLocaleString("en-US")} calls: ${m.samples.map((s) => `${(s.bytes / 65536) | 0}`).join(" ")} pages of 64 KiB`,
  );
  console.log(
    `size: ding-otp = the create + check app of scripts/sizes.mjs (${api.sizeEntry}) bundled by esbuild + ${api.wasm};` +
      "\n  raw fetch and the official SDK = the same app on their client, bundled the same way (no .wasm)",
  );
  if (hasPeer) {
    console.log(
      "official SDK: same fake fetch as the others for CPU (not run with the instant fake, whose objects have no" +
        `\n  headers); same local server and Node's global fetch for calls/s, plus a row on ${api.peer.ownTransport}`,
    );
  } else {
    console.log("official SDK: no figure, for the reason given above the table");
  }
}

console.log(
  "\nraw fetch = bench/baseline.mjs (RawDing, RawPrelude): fetch + JSON.stringify/JSON.parse by hand, no input checks," +
    "\nno camelCase or Date conversion. A benchmark, not a test: the figures never fail the run.",
);
