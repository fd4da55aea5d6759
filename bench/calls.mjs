// The call-loop measurements of the benchmark, each run by bench/run.mjs in
// a fresh `node` so the sections do not share JIT or heap state:
//   node bench/calls.mjs cpu        '{"entry":…,"rounds":5,"calls":18000,"perOp":3000}'
//   node bench/calls.mjs throughput '{"entry":…,"url":…,"rounds":5,"ms":2000,"inFlight":[1,50]}'
//   node bench/calls.mjs memory     '{"entry":…,"warmup":5000,"calls":100000,"cached":false}'
// `entry` is the package's Node entry (pkg/node.js). Prints one JSON line.
// The SDK is used through its public API only; the memory section also asks
// the wasm-bindgen glue for the wasm exports to read `memory`.
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { RawDing } from "./baseline.mjs";
import { makeFakeFetch, makeResponseFetch } from "./fake-fetch.mjs";
import { AUTH_UUID } from "./responses.mjs";

const CUSTOMER = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const PHONE = "+14155550123";
const KEY = "bench-key";

/** The six operations, each as `client => Promise`, with the same inputs for both clients. */
export const operations = [
  ["createAuthentication", (c) => c.otp.createAuthentication({ customerUuid: CUSTOMER, phoneNumber: PHONE })],
  ["check", (c) => c.otp.check({ authenticationUuid: AUTH_UUID, checkCode: "482913", customerUuid: CUSTOMER })],
  ["retry", (c) => c.otp.retry({ authenticationUuid: AUTH_UUID, customerUuid: CUSTOMER })],
  ["feedback", (c) => c.otp.feedback({ customerUuid: CUSTOMER, phoneNumber: PHONE, status: "onboarded" })],
  ["getAuthenticationStatus", (c) => c.otp.getAuthenticationStatus(AUTH_UUID)],
  ["lookup", (c) => c.lookup.lookup(CUSTOMER, PHONE, ["cnam"])],
];
const ops = operations.map(([, f]) => f);

/** What each operation must give back, per client: the benchmark checks it before timing anything. */
const expected = {
  ding: [
    (r) => r.status === "pending" && r.createdAt instanceof Date && r.expiresAt instanceof Date,
    (r) => r.status === "valid" && r.authenticationUuid === AUTH_UUID,
    (r) => r.status === "approved" && r.remainingRetry === 2 && r.nextRetryAt instanceof Date,
    (r) => typeof r.uuid === "string" && r.uuid.length === 36,
    (r) =>
      r.events.map((e) => e.type).join() === "attempt,delivery_status,balance_update,check" &&
      r.events.every((e) => e.createdAt instanceof Date) &&
      r.signals.deviceType === "IOS",
    (r) => r.lineType === "Mobile" && r.callerName === "JANE DOE",
  ],
  raw: [
    (r) => r.status === "pending" && typeof r.created_at === "string",
    (r) => r.status === "valid" && r.authentication_uuid === AUTH_UUID,
    (r) => r.status === "approved" && r.remaining_retry === 2,
    (r) => typeof r.uuid === "string" && r.uuid.length === 36,
    (r) => r.events.map((e) => e.type).join() === "attempt,delivery_status,balance_update,check",
    (r) => r.line_type === "Mobile" && r.caller_name === "JANE DOE",
  ],
};

async function checkAnswers(kind, client) {
  for (let i = 0; i < ops.length; i++) {
    const r = await ops[i](client);
    if (!expected[kind][i](r)) {
      throw new Error(`${kind} ${operations[i][0]}: unexpected result ${JSON.stringify(r)}`);
    }
  }
}

async function clients(entry, fetch) {
  const { Ding } = await import(pathToFileURL(entry).href);
  const base = { apiKey: KEY, serverURL: fetch ? "http://127.0.0.1:9/v1" : undefined };
  return {
    ding: new Ding({ ...base, fetch }),
    raw: new RawDing({ ...base, fetch: fetch ?? globalThis.fetch, serverURL: base.serverURL }),
  };
}

/** Runs `n` calls one after another, cycling through `fns` from `start`. */
async function sequential(client, n, fns, start = 0) {
  const m = fns.length;
  for (let i = 0; i < n; i++) await fns[(start + i) % m](client);
}

/** CPU (user + system) and wall µs per call of `n` sequential calls. */
async function perCall(client, n, fns) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sequential(client, n, fns);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / n, wall: ((t1 - t0) * 1000) / n };
}

const order = (round) => (round % 2 === 0 ? ["ding", "raw"] : ["raw", "ding"]);

/**
 * CPU and wall µs per call with each fake fetch ("response": a new Response
 * per call; "instant": cached Response-like objects), six operations mixed,
 * plus each operation alone with the instant fake.
 */
async function cpu({ entry, rounds, calls, perOp }) {
  const out = {};
  for (const [mode, make] of [
    ["response", makeResponseFetch],
    ["instant", makeFakeFetch],
  ]) {
    const cs = await clients(entry, make());
    const m = (out[mode] = { ding: { mixed: [], perOp: {} }, raw: { mixed: [], perOp: {} } });
    for (const kind of ["ding", "raw"]) {
      await checkAnswers(kind, cs[kind]);
      await sequential(cs[kind], calls / 2, ops); // warm-up
      for (const [name] of operations) m[kind].perOp[name] = [];
    }
    for (let round = 0; round < rounds; round++) {
      for (const kind of order(round)) m[kind].mixed.push(await perCall(cs[kind], calls, ops));
      if (mode !== "instant") continue;
      for (let i = 0; i < ops.length; i++) {
        for (const kind of order(round)) m[kind].perOp[operations[i][0]].push(await perCall(cs[kind], perOp, [ops[i]]));
      }
    }
  }
  return out;
}

/** Calls per second with `inFlight` concurrent callers for `ms` milliseconds. */
async function callsPerSecond(client, inFlight, ms) {
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

async function throughput({ entry, url, rounds, ms, inFlight }) {
  const { Ding } = await import(pathToFileURL(entry).href);
  const cs = { ding: new Ding({ apiKey: KEY, serverURL: url }), raw: new RawDing({ apiKey: KEY, serverURL: url }) };
  const out = { ding: {}, raw: {} };
  for (const kind of ["ding", "raw"]) {
    await checkAnswers(kind, cs[kind]);
    for (const n of inFlight) out[kind][n] = [];
  }
  // Warm-up: Node's fetch (undici) needs a few seconds of calls before its
  // cost per request settles (about 5× lower than in its first second), and
  // the connections get opened. Both clients share it, so both warm it.
  for (let round = 0; round < 2; round++) {
    for (const n of inFlight) {
      for (const kind of order(round)) await callsPerSecond(cs[kind], n, 1000);
    }
  }
  for (let round = 0; round < rounds; round++) {
    for (const n of inFlight) {
      for (const kind of order(round)) out[kind][n].push(await callsPerSecond(cs[kind], n, ms));
    }
  }
  return out;
}

/**
 * wasm memory over `calls` calls after `warmup` ones. `cached`: read
 * `ding.otp` and `ding.lookup` once instead of on every call.
 */
async function memory({ entry, warmup, calls, cached = false }) {
  const { ding: client } = await clients(entry, makeFakeFetch());
  const ding = cached ? { otp: client.otp, lookup: client.lookup } : client;
  // The package's entry has initialised the module already: initSync then
  // returns the live wasm exports instead of instantiating again.
  const { initSync } = await import(pathToFileURL(join(dirname(entry), "ding_otp.js")).href);
  const wasm = initSync({ module: readFileSync(join(dirname(entry), "ding_otp_bg.wasm")) });
  if (!(wasm.memory instanceof WebAssembly.Memory)) throw new Error("no wasm memory export");
  const table = wasm.__wbindgen_externrefs;
  const sample = (done) => ({
    calls: done,
    bytes: wasm.memory.buffer.byteLength,
    externrefs: table instanceof WebAssembly.Table ? table.length : null,
  });
  await checkAnswers("ding", ding);
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
console.log(JSON.stringify(await sections[section](JSON.parse(args ?? "{}"))));
