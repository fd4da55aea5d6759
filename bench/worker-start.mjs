// Worker cold start, run by bench/run.mjs in a fresh `node`:
//   node bench/worker-start.mjs '{"api":"v1","pkg":…,"peer":true,"samples":9}'
// For each kind of client (ding-otp, the raw fetch baseline, the official
// SDK when `peer`), the same create + check app as the size figure
// (scripts/sizes.mjs, bench/apis.mjs) becomes a Worker: bundled by esbuild
// as wrangler does (tests/runtimes/worker-options.mjs, the entry's .wasm
// beside the bundle as a CompiledWasm module), with the global `fetch` replaced by
// the in-memory one (bench/worker-fetch.mjs). Each sample starts a fresh
// workerd through miniflare (tests/runtimes installs it), times
// `new Miniflare` until it is ready (workerd starts, compiles the modules and
// evaluates them: the wasm is instantiated and the client constructed) and
// the first request (one sign-in: create + check), then disposes of it. The
// kinds alternate so that they share the machine's drift, after one round
// that is not kept. Prints one JSON
// line: `{ kinds: { ding: { ready: [ms], first: [ms], total: [ms] }, … } }`,
// or `{ missing: "why" }` when miniflare is not installed.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { APPS } from "../scripts/sizes.mjs";
import { APIS } from "./apis.mjs";
import { peersDir } from "./peers/load.mjs";
import { WORKER_BUNDLE, workerOptions } from "../tests/runtimes/worker-options.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const runtimesDir = join(here, "..", "tests", "runtimes");
const { api: id, pkg, peer, samples } = JSON.parse(process.argv[2] ?? "{}");
const api = APIS[id];
if (!api || !pkg || !(samples > 0)) throw new Error(`usage: worker-start.mjs '{"api":"v1|v2","pkg":DIR,"peer":BOOL,"samples":N}'`);
if (!existsSync(join(runtimesDir, "node_modules", "miniflare", "package.json"))) {
  console.log(JSON.stringify({ missing: "miniflare is not installed in tests/runtimes (scripts/bench.sh installs it)" }));
  process.exit(0);
}
const fromRuntimes = createRequire(join(runtimesDir, "package.json"));
const { Miniflare } = await import(pathToFileURL(fromRuntimes.resolve("miniflare")).href);
const { build } = await import("esbuild");

const work = mkdtempSync(join(tmpdir(), "ding-worker-start-"));
try {
  // The app of each kind, and where its imports resolve from.
  mkdirSync(join(work, "node_modules"));
  symlinkSync(pkg, join(work, "node_modules", "ding-otp"), "dir");
  const apps = {
    ding: { source: APPS[api.sizeEntry].source, resolveDir: work, wasm: APPS[api.sizeEntry].wasm },
    raw: { source: api.rawApp, resolveDir: here },
    ...(peer ? { peer: { source: api.peer.app, resolveDir: peersDir } } : {}),
  };
  const kinds = Object.keys(apps);
  const workers = {};
  for (const kind of kinds) {
    const { source, resolveDir, wasm } = apps[kind];
    const dist = join(work, kind);
    // The app's own imports are hoisted after this one: the fake fetch is
    // the global one before the app's module body constructs its client.
    const contents = `import ${JSON.stringify(join(here, "worker-fetch.mjs"))};
${source}
export default {
  async fetch() {
    const r = await signIn(...${JSON.stringify(api.signIn.args)});
    return new Response(JSON.stringify(r && r.status));
  },
};`;
    await build({
      ...WORKER_BUNDLE,
      stdin: { contents, resolveDir, sourcefile: "worker.mjs", loader: "js" },
      absWorkingDir: resolveDir,
      outfile: join(dist, "worker.js"),
    });
    if (wasm) copyFileSync(join(pkg, wasm), join(dist, wasm.split("/").pop()));
    workers[kind] = dist;
  }

  const out = Object.fromEntries(kinds.map((k) => [k, { ready: [], first: [], total: [] }]));
  // Round -1 warms the disk cache and workerd's binary up; it is not kept.
  for (let i = -1; i < samples; i++) {
    for (let j = 0; j < kinds.length; j++) {
      const kind = kinds[(i + 1 + j) % kinds.length];
      const dist = workers[kind];
      const t0 = performance.now();
      const mf = new Miniflare(workerOptions(dist));
      try {
        await mf.ready;
        const t1 = performance.now();
        const res = await mf.dispatchFetch("http://localhost/");
        const text = await res.text();
        const t2 = performance.now();
        if (res.status !== 200 || JSON.parse(text) !== api.signIn.status) {
          throw new Error(`${id} ${kind} Worker answered ${res.status} ${text}, not the ${api.signIn.status} of a sign-in`);
        }
        if (i >= 0) {
          out[kind].ready.push(t1 - t0);
          out[kind].first.push(t2 - t1);
          out[kind].total.push(t2 - t0);
        }
      } finally {
        await mf.dispose();
      }
    }
  }
  console.log(JSON.stringify({ kinds: out }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
