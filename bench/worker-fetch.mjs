// Imported first by the Worker apps of bench/worker-start.mjs: makes the
// Worker's global `fetch` the benchmark's in-memory one (a new platform
// `Response` per call, bench/fake-fetch.mjs), so that the create + check
// apps, which use the global `fetch` and the APIs' real hosts, run in
// workerd with no network.
import { makeResponseFetch } from "./fake-fetch.mjs";

globalThis.fetch = makeResponseFetch();
