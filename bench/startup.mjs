// One start-up sample, run in a fresh `node` by bench/run.mjs:
//   node bench/startup.mjs <api> <kind> <package folder>
// api: a definition of bench/apis.mjs (v1, v2); kind: ding, raw or peer.
// Times importing the client's module (for ding-otp: the entry, which also
// compiles and initialises its wasm) and constructing the client, and prints
// {"ms": <milliseconds>} on stdout.
import { APIS, FAKE_ORIGIN, clientOf } from "./apis.mjs";

const [id, kind, pkg] = process.argv.slice(2);
const api = APIS[id];
if (!api || !["ding", "raw", "peer"].includes(kind)) {
  throw new Error(`usage: startup.mjs ${Object.keys(APIS).join("|")} ding|raw|peer <package folder> (got ${id} ${kind})`);
}
const { load, make } = clientOf(api, kind);
const t0 = performance.now();
const client = make(await load(pkg), { origin: FAKE_ORIGIN });
const t1 = performance.now();
if (!api.ready(client)) throw new Error(`${id} ${kind}: the client has no check method`);
console.log(JSON.stringify({ ms: t1 - t0 }));
