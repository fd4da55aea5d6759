// Sends a request to the test worker and checks the summary it answers.
//   node run-worker.mjs miniflare PROJECT [SCRIPT]  bundles PROJECT/SCRIPT
//       (default worker.mjs; sandbox-worker.mjs runs on the sandbox) the way
//       wrangler does (esbuild, conditions workerd and worker, the .wasm left
//       as an import beside the bundle) and runs it in workerd through
//       miniflare's API, the .wasm as a CompiledWasm module
//   node run-worker.mjs url URL            asks a running `wrangler dev`
// Under miniflare the Worker also has a service binding MOCK to the mock,
// whose `fetch` it passes to the clients as it is.
// The mock URL and key reach the worker as bindings (DING_MOCK_URL, DING_API_KEY).
import { copyFileSync } from "node:fs";
import { join } from "node:path";
import { assertSummary, assertPreludeSummary } from "./flow.mjs";
import { WORKER_BUNDLE, workerOptions } from "./worker-options.mjs";

const [mode, where, script = "worker.mjs"] = process.argv.slice(2);
const mock = process.env.DING_MOCK_URL;
if (!mock || !where) {
  console.error("usage: DING_MOCK_URL=... node run-worker.mjs miniflare DIR | url URL");
  process.exit(2);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function answer(res) {
  const text = await res.text();
  if (res.status !== 200) throw new Error(`worker answered ${res.status}: ${text}`);
  const summary = JSON.parse(text);
  assertSummary(summary);
  assertPreludeSummary(summary.prelude);
  return summary;
}

let summary;
if (mode === "miniflare") {
  const { build } = await import("esbuild");
  const dist = join(where, "dist");
  const built = await build({ ...WORKER_BUNDLE, absWorkingDir: where, entryPoints: [script], outfile: join(dist, "worker.js") });
  // A user's Worker build must be quiet about the package.
  if (built.warnings.length) throw new Error(`esbuild warned ${built.warnings.length} times (printed above)`);
  // Each entry's .wasm beside the bundle, as wrangler does.
  for (const wasm of ["ding_otp_bg.wasm", "prelude/ding_prelude_bg.wasm", "sandbox/ding_sandbox_bg.wasm"]) {
    copyFileSync(join(where, "node_modules/ding-otp", wasm), join(dist, wasm.split("/").pop()));
  }
  const { Miniflare } = await import("miniflare");
  const mf = new Miniflare({
    ...workerOptions(dist),
    bindings: { DING_MOCK_URL: mock, DING_API_KEY: "test-key" },
    // A service binding to the mock: the Worker passes `env.MOCK.fetch` as it is.
    serviceBindings: { MOCK: { external: { address: new URL(mock).host, http: {} } } },
  });
  try {
    summary = await answer(await mf.dispatchFetch("http://localhost/"));
    if (script === "worker.mjs" && summary.binding !== "explained") throw new Error(`a binding's fetch passed alone: ${summary.binding}`);
  } finally {
    await mf.dispose();
  }
} else if (mode === "url") {
  // wrangler dev takes a few seconds to listen.
  let res;
  for (let i = 0; !res; i++) {
    try {
      res = await fetch(where);
    } catch (err) {
      if (i > 300) throw new Error(`${where} never answered: ${err.message}`);
      await sleep(200);
    }
  }
  summary = await answer(res);
} else {
  throw new Error(`unknown mode ${mode}`);
}
console.log(JSON.stringify(summary));
