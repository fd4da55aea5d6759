// The call loop every CPU measurement of the benchmark runs
// (bench/calls.mjs, bench/card-variant/compare.mjs): check a client's
// answers first, then time sequential calls over the API's operations.
import { expectedOf } from "./apis.mjs";

/** Runs every operation of `api` once on `client` and throws unless each answer is what a `kind` client must give. */
export async function checkAnswers(api, kind, client, label = `${api.id} ${kind}`) {
  const expected = expectedOf(api, kind);
  for (let i = 0; i < api.operations.length; i++) {
    const [name, op] = api.operations[i];
    let r;
    try {
      r = await op(client);
    } catch (e) {
      throw new Error(`${label} ${name}: failed: ${e && e.stack ? e.stack : e}`);
    }
    if (!expected[i](r)) throw new Error(`${label} ${name}: unexpected result ${JSON.stringify(r)}`);
  }
}

/** Runs `n` calls one after another, cycling through `fns` from `start`. */
export async function sequential(client, n, fns, start = 0) {
  const m = fns.length;
  for (let i = 0; i < n; i++) await fns[(start + i) % m](client);
}

/** CPU (user + system) and wall µs per call of `n` sequential calls. */
export async function perCall(client, n, fns) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await sequential(client, n, fns);
  const t1 = performance.now();
  const c = process.cpuUsage(c0);
  return { cpu: (c.user + c.system) / n, wall: ((t1 - t0) * 1000) / n };
}
