// The call-loop measurements of the benchmark, each run by bench/run.mjs in
// a fresh `node` so the sections do not share JIT or heap state:
//   node bench/calls.mjs cpu        '{"api":"v1","pkg":…,"peer":true,"rounds":5,"calls":18000,"perOp":3000}'
//   node bench/calls.mjs throughput '{"api":"v1","pkg":…,"peer":true,"origin":…,"rounds":5,"ms":2000,"inFlight":[1,50]}'
//   node bench/calls.mjs memory     '{"api":"v1","pkg":…,"warmup":5000,"calls":100000,"cached":false}'
// `api` names a definition of bench/apis.mjs, `pkg` is the package folder,
// `peer` says whether to measure the official SDK too. Prints one JSON line.
// Each SDK is used through its public API only; the memory section also asks
// the wasm-bindgen glue for the wasm exports to read `memory`.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { APIS, FAKE_ORIGIN, clientOf } from "./apis.mjs";
import { makeFakeFetch, makeResponseFetch } from "./fake-fetch.mjs";
import { checkAnswers, perCall, sequential } from "./loop.mjs";

/** One client of each of `kinds`, talking to `origin` through `fetch` (undefined: the client's default). */
async function makeClients(api, pkg, kinds, { fetch, origin }) {
  const out = {};
  for (const kind of kinds) {
    const c = clientOf(api, kind);
    out[kind] = c.make(await c.load(pkg), { fetch, origin });
  }
  return out;
}

/** The clients in another order each round, so none always goes first. */
const order = (kinds, round) => kinds.map((_, i) => kinds[(i + round) % kinds.length]);

/**
 * CPU and wall µs per call with each fake fetch ("response": a new Response
 * per call; "instant": cached Response-like objects), all operations mixed,
 * plus each operation alone with the instant fake. The official SDK runs with
 * the Response fake only (the instant fake's objects are not full Responses:
 * no `headers`, which it reads on every answer).
 */
async function cpu({ api: id, pkg, peer, rounds, calls, perOp }) {
  const api = APIS[id];
  const ops = api.operations.map(([, f]) => f);
  const out = {};
  for (const [mode, make, kinds] of [
    ["response", makeResponseFetch, peer ? ["ding", "raw", "peer"] : ["ding", "raw"]],
    ["instant", makeFakeFetch, ["ding", "raw"]],
  ]) {
    const cs = await makeClients(api, pkg, kinds, { fetch: make(), origin: FAKE_ORIGIN });
    const m = (out[mode] = {});
    for (const kind of kinds) {
      m[kind] = { mixed: [], perOp: {} };
      await checkAnswers(api, kind, cs[kind]);
      await sequential(cs[kind], calls / 2, ops); // warm-up
      for (const [name] of api.operations) m[kind].perOp[name] = [];
    }
    for (let round = 0; round < rounds; round++) {
      for (const kind of order(kinds, round)) m[kind].mixed.push(await perCall(cs[kind], calls, ops));
      if (mode !== "instant") continue;
      for (let i = 0; i < ops.length; i++) {
        for (const kind of order(kinds, round)) m[kind].perOp[api.operations[i][0]].push(await perCall(cs[kind], perOp, [ops[i]]));
      }
    }
  }
  return out;
}

/** Calls per second with `inFlight` concurrent callers for `ms` milliseconds. */
async function callsPerSecond(client, ops, inFlight, ms) {
  let count = 0;
  const t0 = performance.now();
  const end = t0 + ms;
  const worker = async (k) => {
    for (let i = k; performance.now() < end; i++) {
      await ops[i % ops.length](client);
      count++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, k) => worker(k)));
  return count / ((performance.now() - t0) / 1000);
}

/**
 * Calls/s against the local server at `origin`. ding-otp and the baseline
 * use Node's global fetch by default; the official SDK is given that same
 * fetch ("peer") and also runs on the transport it picks by itself
 * ("peerOwn").
 */
async function throughput({ api: id, pkg, peer, origin, rounds, ms, inFlight }) {
  const api = APIS[id];
  const ops = api.operations.map(([, f]) => f);
  const kinds = peer ? ["ding", "raw", "peer", "peerOwn"] : ["ding", "raw"];
  const cs = await makeClients(api, pkg, ["ding", "raw"], { origin });
  if (peer) Object.assign(cs, await makeClients(api, pkg, ["peer"], { origin, fetch: globalThis.fetch }));
  if (peer) Object.assign(cs, await makeClients(api, pkg, ["peerOwn"], { origin }));
  const out = {};
  for (const kind of kinds) {
    await checkAnswers(api, kind, cs[kind]);
    out[kind] = {};
    for (const n of inFlight) out[kind][n] = [];
  }
  // Warm-up: Node's fetch (undici) needs a few seconds of calls before its
  // cost per request settles (about 5× lower than in its first second), and
  // the connections get opened. The clients share it, so all of them warm it.
  for (let round = 0; round < 2; round++) {
    for (const n of inFlight) {
      for (const kind of order(kinds, round)) await callsPerSecond(cs[kind], ops, n, 1000);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const n of inFlight) {
      for (const kind of order(kinds, round)) out[kind][n].push(await callsPerSecond(cs[kind], ops, n, ms));
    }
  }
  return out;
}

/**
 * wasm memory of the ding-otp client over `calls` calls after `warmup` ones.
 * `cached`: read the resource objects (`ding.otp`...) once instead of on
 * every call.
 */
async function memory({ api: id, pkg, warmup, calls, cached = false }) {
  const api = APIS[id];
  const ops = api.operations.map(([, f]) => f);
  // The readings need the wasm exports of the instance the client runs on.
  // The Node entries are bundled (their glue inlined), so the client is made
  // here from the package's glue, initialised here: the same code as the
  // entry's, with its exports in hand.
  const glue = await import(pathToFileURL(join(pkg, api.glue)).href);
  const wasm = glue.initSync({ module: readFileSync(join(pkg, api.wasm)) });
  const client = api.clients.ding.make(glue[api.clientClass], { fetch: makeFakeFetch(), origin: FAKE_ORIGIN });
  const ding = cached ? api.resources(client) : client;
  if (!(wasm.memory instanceof WebAssembly.Memory)) throw new Error("no wasm memory export");
  const table = wasm.__wbindgen_externrefs;
  const sample = (done) => ({
    calls: done,
    bytes: wasm.memory.buffer.byteLength,
    externrefs: table instanceof WebAssembly.Table ? table.length : null,
  });
  await checkAnswers(api, "ding", ding);
  await sequential(ding, warmup, ops);
  const samples = [sample(0)];
  const step = calls / 10;
  for (let done = 0; done < calls; done += step) {
    await sequential(ding, step, ops, done);
    samples.push(sample(done + step));
  }
  return { warmup, calls, samples };
}

const sections = { cpu, throughput, memory };
const [section, args] = process.argv.slice(2);
if (!sections[section]) throw new Error(`usage: calls.mjs ${Object.keys(sections).join("|")} '<json>'`);
const parsed = JSON.parse(args ?? "{}");
if (!APIS[parsed.api]) throw new Error(`calls.mjs: "api" must be one of ${Object.keys(APIS).join(", ")}`);
console.log(JSON.stringify(await sections[section](parsed)));
