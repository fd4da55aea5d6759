// The built package, installed from its tarball into a fresh project and
// imported by name exactly as a user would, running the OTP flow against the
// mock server (DING_MOCK_URL, started by scripts/test.sh with
// `--code 123456 --api-key test-key --retry-window-secs 1`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { inspect } from "node:util";
import {
  Ding,
  DingError,
  DingApiError,
  DingHttpError,
  DingNetworkError,
  DingDecodeError,
  DingValidationError,
} from "ding-otp";
import { freshNumber } from "./flow.mjs";

const serverURL = process.env.DING_MOCK_URL;
assert.ok(serverURL, "DING_MOCK_URL is set");
const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const ding = new Ding({ apiKey: "test-key", serverURL });

async function inboxCode(phoneNumber) {
  const res = await fetch(`${serverURL}/_mock/messages?phone_number=${encodeURIComponent(phoneNumber)}`);
  const { messages } = await res.json();
  return messages.at(-1).code;
}

test("send, check a wrong code, check the right one", async () => {
  const phoneNumber = freshNumber();
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber, locale: "en-US" });
  assert.equal(auth.status, "pending");
  assert.ok(auth.createdAt instanceof Date && auth.expiresAt > auth.createdAt);
  const code = await inboxCode(phoneNumber);
  assert.equal(code, "123456");
  const wrong = await ding.otp.check({ authenticationUuid: auth.authenticationUuid, checkCode: "000000", customerUuid });
  assert.deepEqual(wrong, { authenticationUuid: auth.authenticationUuid, status: "invalid" });
  const right = await ding.otp.check({ authenticationUuid: auth.authenticationUuid, checkCode: code, customerUuid });
  assert.equal(right.status, "valid");
});

test("retry, feedback, status history and lookup", async () => {
  const phoneNumber = freshNumber();
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber, deviceType: "ANDROID" });
  const authenticationUuid = auth.authenticationUuid;
  const denied = await ding.otp.retry({ authenticationUuid, customerUuid });
  assert.equal(denied.status, "denied");
  assert.ok(denied.nextRetryAt instanceof Date);
  await new Promise((r) => setTimeout(r, 1100));
  const approved = await ding.otp.retry({ authenticationUuid, customerUuid });
  assert.equal(approved.status, "approved");
  assert.equal(approved.remainingRetry, denied.remainingRetry - 1);

  await ding.otp.check({ authenticationUuid, checkCode: "123456", customerUuid });
  const fb = await ding.otp.feedback({ customerUuid, phoneNumber, status: "onboarded" });
  assert.match(fb.uuid, /^[0-9a-f-]{36}$/);

  const st = await ding.otp.getAuthenticationStatus(authenticationUuid);
  assert.equal(st.uuid, authenticationUuid);
  assert.equal(st.phoneNumber, phoneNumber);
  assert.equal(st.signals.deviceType, "ANDROID");
  const attempts = st.events.filter((e) => e.type === "attempt");
  assert.deepEqual(attempts.map((e) => e.attemptNumber), [1, 2]);
  assert.ok(st.events.some((e) => e.type === "check" && e.status === "valid"));
  assert.ok(st.events.some((e) => e.type === "delivery_status"));
  assert.ok(st.events.some((e) => e.type === "balance_update" && typeof e.amount === "number"));
  assert.ok(st.events.every((e) => e.createdAt instanceof Date));

  const info = await ding.lookup.lookup(customerUuid, "+14155550123", ["cnam"]);
  assert.equal(info.phoneNumber, "+14155550123");
  assert.equal(info.countryCode, "US");
  assert.equal(typeof info.callerName, "string");
});

test("errors are exported classes with a name per kind", async () => {
  const dup = freshNumber();
  await ding.otp.createAuthentication({ customerUuid, phoneNumber: dup });
  await ding.otp.feedback({ customerUuid, phoneNumber: dup, status: "onboarded" });
  await assert.rejects(ding.otp.feedback({ customerUuid, phoneNumber: dup, status: "onboarded" }), (e) => {
    assert.ok(e instanceof DingApiError && e instanceof DingError && e instanceof Error);
    assert.equal(e.name, "DingApiError");
    assert.equal(e.status, 400);
    assert.equal(e.code, "duplicated_feedback_status");
    assert.match(e.docUrl, /duplicated_feedback_status$/);
    return true;
  });
  await assert.rejects(ding.otp.check({ customerUuid, checkCode: "1" }), (e) => {
    assert.ok(e instanceof DingValidationError);
    assert.equal(e.field, "authenticationUuid");
    return true;
  });
  assert.throws(() => new Ding({ apiKey: "k", serverURL: "http://example.com/v1" }), DingValidationError);
  const offline = new Ding({ apiKey: "k", serverURL: "http://127.0.0.1:9/v1" });
  await assert.rejects(offline.lookup.lookup(customerUuid, "+14155550123"), DingNetworkError);
  const broken = new Ding({
    apiKey: "test-key",
    serverURL,
    fetch: (url, init) => fetch(url, { ...init, headers: { ...init.headers, "x-ding-mock-fault": "body=truncated" } }),
  });
  await assert.rejects(broken.lookup.lookup(customerUuid, "+14155550123"), (e) => {
    assert.ok(e instanceof DingDecodeError);
    assert.equal(e.status, 200);
    assert.ok(e.body.length > 0);
    return true;
  });
});

test("the API key never shows", async () => {
  const secret = "sk_live_do_not_print_4242";
  const client = new Ding({ apiKey: secret, serverURL });
  for (const shown of [String(client), JSON.stringify(client), inspect(client, { depth: 5, showHidden: true })]) {
    assert.ok(!shown.includes(secret), shown);
  }
  await assert.rejects(client.otp.createAuthentication({ customerUuid, phoneNumber: freshNumber() }), (e) => {
    assert.ok(e instanceof DingHttpError);
    assert.equal(e.status, 403);
    const all = [e.message, e.stack, e.body, JSON.stringify(e), inspect(e, { depth: 5, showHidden: true })].join("\n");
    assert.ok(!all.includes(secret), all);
    return true;
  });
});
