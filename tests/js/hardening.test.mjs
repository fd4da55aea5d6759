// The installed package as an app meets it: the platform's own fetch
// passed as it is, error classes recognised across the ESM and CommonJS
// builds and across the two entries, nothing that prints a client or an
// error shows the key, and state-changing calls not repeated after an
// ambiguous failure. Against the mock server (DING_MOCK_URL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { inspect } from "node:util";
import * as esm from "ding-otp";
import * as esmPrelude from "ding-otp/prelude";

const require = createRequire(import.meta.url);
const cjs = require("ding-otp");
const cjsPrelude = require("ding-otp/prelude");
const serverURL = process.env.DING_MOCK_URL;
const origin = new URL(serverURL).origin;
const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const secret = "test-key";
const faultFetch = (fault) => (url, init) => fetch(url, { ...init, headers: { ...init.headers, "x-ding-mock-fault": fault } });
const count = async (key) => (await (await fetch(`${serverURL}/_mock/requests?key=${key}`)).json()).count;
const uniqueKey = () => "js-" + Math.random().toString(36).slice(2);

test("the platform's fetch, passed as it is, works", async () => {
  const ding = new esm.Ding({ apiKey: secret, serverURL, fetch: globalThis.fetch });
  const info = await ding.lookup.lookup(customerUuid, "+14155550123");
  assert.equal(info.countryCode, "US");
  const prelude = new esmPrelude.Prelude({ apiKey: secret, serverURL: origin, fetch });
  assert.equal(String(prelude), `Prelude { serverURL: "${origin}" }`);
});

test("an error of any build or entry is an instance of every copy of its class", async () => {
  const builds = [esm, cjs, esmPrelude, cjsPrelude];
  for (const b of builds) assert.equal(typeof b.DingApiError, "function");
  assert.notEqual(esm.DingApiError, cjs.DingApiError, "two builds, two classes");
  const errors = [];
  for (const { Ding } of [esm, cjs]) {
    const ding = new Ding({ apiKey: secret, serverURL });
    await assert.rejects(ding.otp.getAuthenticationStatus("00000000-0000-4000-8000-000000000000"), (e) => (errors.push(e), true));
  }
  for (const e of errors) {
    for (const b of builds) {
      assert.ok(e instanceof b.DingApiError, `${e.name} is a DingApiError of every build`);
      assert.ok(e instanceof b.DingError && e instanceof Error);
      assert.ok(!(e instanceof b.DingHttpError) && !(e instanceof b.DingValidationError));
    }
    assert.equal(e.code, "invalid_auth_uuid");
  }
  assert.ok(!({} instanceof esm.DingError) && !(new Error("x") instanceof cjs.DingApiError) && !(null instanceof esm.DingError));
  const mine = new esm.DingValidationError("made by an app", { field: "x" });
  assert.ok(mine instanceof cjs.DingValidationError && mine instanceof esmPrelude.DingError);
  class AppError extends esm.DingApiError {}
  assert.ok(!(errors[0] instanceof AppError), "an app's own subclass keeps plain instanceof");
  assert.ok(new AppError("mine") instanceof AppError);
});

test("nothing that prints a client or an error shows the key", async () => {
  const key = "sk_live_0f9e8d7c6b5a_4321";
  const ding = new esm.Ding({ apiKey: key, serverURL, fetch: faultFetch("echo-key"), retries: 0 });
  const prelude = new esmPrelude.Prelude({ apiKey: key, serverURL: origin, fetch: faultFetch("echo-key"), retries: 0 });
  let err;
  await assert.rejects(ding.lookup.lookup(customerUuid, "+14155550123"), (e) => ((err = e), true));
  const shown = [inspect(ding, { depth: 5 }), inspect(prelude, { depth: 5 }), String(ding), JSON.stringify(prelude), inspect(err, { depth: 8 }), JSON.stringify(err), String(err), err.stack];
  for (const s of shown) {
    for (const spelling of [key, encodeURIComponent(key), key.replace(/_/g, "%5F"), key.slice(0, -3)]) {
      assert.ok(!s.includes(spelling), `${spelling} in ${s}`);
    }
  }
  assert.equal(err.status, 401);
  assert.match(err.headers["x-echo-key"], /\[redacted\]/);
  assert.match(err.requestId, /\[redacted\]/, "the body's request_id had the key too");
});

test("a check is sent once after a 500, a timeout or a broken connection", async () => {
  const ding = new esm.Ding({ apiKey: secret, serverURL, retries: { initialDelayMs: 5 } });
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber: "+14155550911" });
  for (const fault of ["status=500", "status=503", "drop", "late=800"]) {
    const key = uniqueKey();
    const faulty = new esm.Ding({ apiKey: secret, serverURL, retries: { initialDelayMs: 5 }, timeoutMs: 300, fetch: faultFetch(`${fault};key=${key};times=1`) });
    await assert.rejects(faulty.otp.check({ customerUuid, authenticationUuid: auth.authenticationUuid, checkCode: "000000" }));
    assert.equal(await count(key), 1, fault);
  }
});
