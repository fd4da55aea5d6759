// One start-up sample, run in a fresh `node` by bench/run.mjs:
//   node bench/startup.mjs ding <path of pkg/node.js>
//   node bench/startup.mjs raw
// Times import + initialise + construct the client and prints
// {"ms": <milliseconds>} on stdout.
import { pathToFileURL } from "node:url";

const [which, entry] = process.argv.slice(2);
const options = { apiKey: "bench-key", serverURL: "http://127.0.0.1:9/v1" };
let t0;
let t1;
let client;
if (which === "ding") {
  t0 = performance.now();
  const { Ding } = await import(pathToFileURL(entry).href);
  client = new Ding(options);
  t1 = performance.now();
} else if (which === "raw") {
  t0 = performance.now();
  const { RawDing } = await import("./baseline.mjs");
  client = new RawDing(options);
  t1 = performance.now();
} else {
  throw new Error(`usage: startup.mjs ding <pkg/node.js> | raw (got ${which})`);
}
if (typeof client.otp.check !== "function") throw new Error("the client has no otp.check");
console.log(JSON.stringify({ ms: t1 - t0 }));
