// How a Worker is bundled and run as wrangler does it, shared by the runtime
// tests (run-worker.mjs) and the benchmark's Worker cold start
// (bench/worker-start.mjs).
import { join } from "node:path";

/** esbuild options: an ES module for workerd, each `.wasm` left as an import beside the bundle. */
export const WORKER_BUNDLE = {
  bundle: true,
  format: "esm",
  platform: "neutral",
  conditions: ["workerd", "worker", "browser"],
  mainFields: ["browser", "module", "main"],
  external: ["*.wasm"],
  logLevel: "warning",
};

/** Miniflare options for the bundle `dist/worker.js`, with the `.wasm` files beside it as compiled modules. */
export const workerOptions = (dist) => ({
  modules: true,
  scriptPath: join(dist, "worker.js"),
  modulesRoot: dist,
  modulesRules: [{ type: "CompiledWasm", include: ["**/*.wasm"] }],
  compatibilityDate: "2025-06-01",
  cf: false, // a fixed Request.cf: never fetch Cloudflare's from the network
});
