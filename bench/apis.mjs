// The APIs the benchmark measures, one definition each: the package entry
// that serves it, how to load and build each kind of client, the operations
// every client runs (the same inputs for all), what each kind of client must
// answer, and the create + check app whose browser size is measured.
//
// Kinds of client:
//   ding     the ding-otp client of that entry (`Ding`, `Prelude`)
//   raw      the hand-written fetch + JSON baseline (bench/baseline.mjs)
//   peer     the official SDK of that API (bench/peers), given the same fetch
//            as the others (the fake one, or Node's global fetch)
//   peerOwn  the official SDK on the transport it picks by itself in Node
//            (only for calls/s against the local server)
//
// Loading is kept apart from building so that bench/startup.mjs can time
// both in a fresh process: nothing here imports a client at load time.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { AUTH_UUID, CORRELATION_ID, VERIFICATION_ID } from "./responses.mjs";
import { importPeer, installedVersion } from "./peers/load.mjs";

export const KEY = "bench-key";
/** The origin the clients are given when a fake fetch answers (nothing listens there). */
export const FAKE_ORIGIN = "http://127.0.0.1:9";

const CUSTOMER = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const PHONE = "+14155550123";

const importEntry = async (pkgDir, file, name) => (await import(pathToFileURL(join(pkgDir, file)).href))[name];
/** Options with `fetch` only when one is given, so a client falls back to its own default. */
const withFetch = (options, fetch) => (fetch ? { ...options, fetch } : options);

const v1 = {
  id: "v1",
  title: "ding-otp, the Ding v1 API",
  /** The package entry (relative to the package folder) and the export used. */
  entry: "node.js",
  clientClass: "Ding",
  /** Key of this entry's app in scripts/sizes.mjs (APPS, entrySizes). */
  sizeEntry: "ding-otp",
  /** The wasm-bindgen glue and the .wasm of the entry (for the memory readings). */
  glue: "ding_otp.js",
  wasm: "ding_otp_bg.wasm",
  clients: {
    ding: {
      load: (pkgDir) => importEntry(pkgDir, "node.js", "Ding"),
      make: (Ding, { fetch, origin }) => new Ding(withFetch({ apiKey: KEY, serverURL: origin + "/v1" }, fetch)),
    },
    raw: {
      load: async () => (await import("./baseline.mjs")).RawDing,
      make: (RawDing, { fetch, origin }) => new RawDing({ apiKey: KEY, serverURL: origin + "/v1", fetch: fetch ?? globalThis.fetch }),
    },
  },
  peer: {
    name: "@ding-live/ding",
    // The npm registry this project's machines reach answers 404 for this
    // name, so it cannot be pinned or installed: no figure is printed for it.
    // (Its README documents `serverURL` and `httpClient: new HTTPClient({
    // fetcher })` as the way to give it a server and a fetch.)
    missing:
      "not measured: the npm registry this benchmark installs from answers 404 for @ding-live/ding, so it cannot be pinned or installed",
  },
  /** Each operation as `[name, client => Promise]`, the same inputs for every client. */
  operations: [
    ["createAuthentication", (c) => c.otp.createAuthentication({ customerUuid: CUSTOMER, phoneNumber: PHONE })],
    ["check", (c) => c.otp.check({ authenticationUuid: AUTH_UUID, checkCode: "482913", customerUuid: CUSTOMER })],
    ["retry", (c) => c.otp.retry({ authenticationUuid: AUTH_UUID, customerUuid: CUSTOMER })],
    ["feedback", (c) => c.otp.feedback({ customerUuid: CUSTOMER, phoneNumber: PHONE, status: "onboarded" })],
    ["getAuthenticationStatus", (c) => c.otp.getAuthenticationStatus(AUTH_UUID)],
    ["lookup", (c) => c.lookup.lookup(CUSTOMER, PHONE, ["cnam"])],
  ],
  /** What each operation must give back, per kind of client, checked before anything is timed. */
  expected: {
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
  },
  /** Whether a client was built (start-up reads it after timing). */
  ready: (c) => typeof c.otp?.check === "function",
  /** The resource objects read once, for the memory reading without a read per call. */
  resources: (c) => ({ otp: c.otp, lookup: c.lookup }),
  resourcesText: "ding.otp / ding.lookup",
  /** The arguments of every app's `signIn`, and the `status` it answers (the Worker start-up checks it). */
  signIn: { args: [CUSTOMER, PHONE, "482913"], status: "valid" },
  /** The create + check app of the raw baseline, as scripts/sizes.mjs has ding-otp's (resolved from bench/). */
  rawApp: `import { RawDing } from "./baseline.mjs";
const ding = new RawDing({ apiKey: "k" });
export async function signIn(customerUuid, phoneNumber, code) {
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber });
  try {
    return await ding.otp.check({ customerUuid, authenticationUuid: auth.authentication_uuid, checkCode: code });
  } catch (e) {
    return e.message;
  }
}`,
};

/** A new target object, as an app builds one per call. */
const target = () => ({ type: "phone_number", value: PHONE });

const v2 = {
  id: "v2",
  title: "ding-otp/prelude, the Prelude v2 API",
  entry: "prelude/node.js",
  clientClass: "Prelude",
  sizeEntry: "ding-otp/prelude",
  glue: "ding_prelude.js",
  wasm: "prelude/ding_prelude_bg.wasm",
  clients: {
    ding: {
      load: (pkgDir) => importEntry(pkgDir, "prelude/node.js", "Prelude"),
      make: (Prelude, { fetch, origin }) => new Prelude(withFetch({ apiKey: KEY, serverURL: origin }, fetch)),
    },
    raw: {
      load: async () => (await import("./baseline.mjs")).RawPrelude,
      make: (RawPrelude, { fetch, origin }) => new RawPrelude({ apiKey: KEY, serverURL: origin, fetch: fetch ?? globalThis.fetch }),
    },
  },
  peer: {
    name: "@prelude.so/sdk",
    // `fetch` is a constructor option (called as a plain function with a
    // URL string and an init object; it reads `status`, `ok`, `headers` and
    // `json()` of the answer), `baseURL` the server (paths start with /v2).
    // Without `fetch` it uses node-fetch through its own keep-alive agent in
    // Node: that is the "own Node transport" row. Its defaults stay as an
    // app gets them (2 retries, 60 s timeout); every answer here is a 200.
    how: "its `fetch` option and `baseURL` (`new Prelude({ apiToken, baseURL, fetch })`)",
    ownTransport: "node-fetch and its keep-alive agent, its default in Node",
    load: async () => (await importPeer("@prelude.so/sdk")).default,
    make: (Prelude, { fetch, origin }) => new Prelude(withFetch({ apiToken: KEY, baseURL: origin }, fetch)),
    /** The same create + check app as ding-otp/prelude's in scripts/sizes.mjs (resolved from bench/peers). */
    app: `import Prelude, { APIError } from "@prelude.so/sdk";
const prelude = new Prelude({ apiToken: "k" });
export async function signIn(value, code) {
  const target = { type: "phone_number", value };
  await prelude.verification.create({ target });
  try {
    return await prelude.verification.check({ target, code });
  } catch (e) {
    if (e instanceof APIError) return e.error && e.error.code;
    throw e;
  }
}`,
  },
  // The inputs have one-word keys only, so the official SDK (which takes the
  // wire's snake_case) and ding-otp (camelCase) get the same objects.
  operations: [
    [
      "verification.create",
      (c) => c.verification.create({ target: target(), options: { locale: "en-US" }, signals: { ip: "203.0.113.42" } }),
    ],
    ["verification.check", (c) => c.verification.check({ target: target(), code: "482913" })],
    ["lookup.lookup", (c) => c.lookup.lookup(PHONE, { type: ["cnam"] })],
    ["watch.predict", (c) => c.watch.predict({ target: target(), signals: { ip: "203.0.113.42" } })],
    [
      "watch.sendFeedbacks",
      (c) =>
        c.watch.sendFeedbacks({
          feedbacks: [
            { target: target(), type: "verification.started" },
            { target: target(), type: "verification.completed" },
          ],
        }),
    ],
  ],
  // The contract's answers of these five operations hold no date (the
  // typings have no Date there): the ding-otp checks look at the camelCase
  // names, nested objects and arrays instead, and that no wire name is left.
  expected: {
    ding: [
      (r) =>
        r.id === VERIFICATION_ID &&
        r.status === "success" &&
        r.method === "message" &&
        r.channels.join() === "rcs,sms" &&
        r.metadata.correlationId === CORRELATION_ID &&
        typeof r.requestId === "string" &&
        !("request_id" in r),
      (r) =>
        r.status === "success" &&
        r.id === VERIFICATION_ID &&
        r.metadata.correlationId === CORRELATION_ID &&
        typeof r.requestId === "string",
      (r) =>
        r.phoneNumber === PHONE &&
        r.lineType === "mobile" &&
        r.callerName === "JANE DOE" &&
        r.flags.join() === "ported" &&
        r.networkInfo.carrierName === "T-Mobile USA" &&
        r.originalNetworkInfo.carrierName === "AT&T Mobility" &&
        !("network_info" in r),
      (r) =>
        r.prediction === "suspicious" &&
        r.riskFactors.join() === "prefix_concentration,temporary_phone_number" &&
        typeof r.requestId === "string",
      (r) => r.status === "success" && typeof r.requestId === "string" && !("request_id" in r),
    ],
    raw: [
      (r) =>
        r.id === VERIFICATION_ID &&
        r.status === "success" &&
        r.channels.join() === "rcs,sms" &&
        r.metadata.correlation_id === CORRELATION_ID &&
        typeof r.request_id === "string",
      (r) => r.status === "success" && r.id === VERIFICATION_ID && typeof r.request_id === "string",
      (r) => r.line_type === "mobile" && r.caller_name === "JANE DOE" && r.network_info.carrier_name === "T-Mobile USA",
      (r) => r.prediction === "suspicious" && r.risk_factors.length === 2 && typeof r.request_id === "string",
      (r) => r.status === "success" && typeof r.request_id === "string",
    ],
  },
  ready: (c) => typeof c.verification?.check === "function",
  resources: (c) => ({ verification: c.verification, lookup: c.lookup, watch: c.watch }),
  resourcesText: "prelude.verification / .lookup / .watch",
  signIn: { args: [PHONE, "482913"], status: "success" },
  rawApp: `import { RawPrelude } from "./baseline.mjs";
const prelude = new RawPrelude({ apiKey: "k" });
export async function signIn(value, code) {
  const target = { type: "phone_number", value };
  await prelude.verification.create({ target });
  try {
    return await prelude.verification.check({ target, code });
  } catch (e) {
    return e.message;
  }
}`,
};

export const APIS = { v1, v2 };

/** The official SDK of `api` when it is installed: `{ name, version }`, else undefined. */
export function peerInstalled(api) {
  if (api.peer.missing) return undefined;
  const version = installedVersion(api.peer.name);
  return version ? { name: api.peer.name, version } : undefined;
}

/** How to load and build a client of `kind` ("ding", "raw", "peer", "peerOwn"). */
export function clientOf(api, kind) {
  if (kind === "ding" || kind === "raw") return api.clients[kind];
  if (kind === "peer") return api.peer;
  if (kind === "peerOwn") return { load: api.peer.load, make: (Class, o) => api.peer.make(Class, { ...o, fetch: undefined }) };
  throw new Error(`no client kind ${kind}`);
}

/** The checks of a kind: the official SDKs answer the wire's snake_case JSON, as the baseline does. */
export const expectedOf = (api, kind) => api.expected[kind] ?? api.expected.raw;
