// Logging, hooks, concurrency and clean-up, through the installed package
// against the mock server (see flow.test.mjs).
import { test } from "node:test";
import assert from "node:assert/strict";
import { Ding, DingHttpError } from "ding-otp";

const serverURL = process.env.DING_MOCK_URL;
const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const secret = "test-key";
const faultFetch = (fault) => (url, init) =>
  fetch(url, { ...init, headers: { ...init.headers, "x-ding-mock-fault": fault } });
const uniqueKey = () => "js-" + Math.random().toString(36).slice(2);

test("the logger gets one line per attempt and retry, without the key or the number", async () => {
  const lines = [];
  const logger = { debug: (line) => lines.push(line) };
  const key = uniqueKey();
  const ding = new Ding({
    apiKey: secret,
    serverURL,
    logger,
    retries: { initialDelayMs: 5 },
    fetch: faultFetch(`status=503;key=${key};times=1`),
  });
  const info = await ding.lookup.lookup(customerUuid, "+14155550199");
  assert.equal(info.phoneNumber, "+14155550199");
  assert.equal(lines.length, 3, lines.join("\n"));
  assert.match(lines[0], /^GET http:\/\/127\.0\.0\.1:\d+\/v1\/lookup\/\[redacted\] -> HTTP 503 in \d+ ms$/);
  assert.match(lines[1], /^lookup: retrying in \d+ ms \(attempt 2\)$/);
  assert.match(lines[2], /-> HTTP 200 in \d+ ms$/);
  for (const line of lines) {
    assert.ok(!line.includes(secret) && !line.includes("4155550199"), line);
  }
  const offline = new Ding({ apiKey: secret, serverURL: "http://127.0.0.1:9/v1", logger, retries: 0 });
  await assert.rejects(offline.otp.getAuthenticationStatus(customerUuid));
  assert.match(lines.at(-1), /^GET http:\/\/127\.0\.0\.1:9\/v1\/authentication\/[0-9a-f-]+ failed: Could not reach/);
});

test("hooks see every attempt, and a hook's error reaches the caller unchanged", async () => {
  const seen = [];
  const key = uniqueKey();
  const ding = new Ding({
    apiKey: secret,
    serverURL,
    retries: { initialDelayMs: 5 },
    fetch: faultFetch(`status=502;key=${key};times=1`),
    beforeRequest: (r) => seen.push(["before", r.method, r.attempt, r.url.includes("/authentication/")]),
    afterResponse: (r) => seen.push(["after", r.status, r.attempt, typeof r.durationMs, typeof r.requestId, typeof r.headers]),
  });
  const plain = new Ding({ apiKey: secret, serverURL });
  const auth = await plain.otp.createAuthentication({ customerUuid, phoneNumber: "+14155550142" });
  // A read: retried after the 502 (a check would not be, see hardening.test.mjs).
  await ding.otp.getAuthenticationStatus(auth.authenticationUuid);
  assert.deepEqual(seen, [
    ["before", "GET", 1, true],
    ["after", 502, 1, "number", "string", "object"],
    ["before", "GET", 2, true],
    ["after", 200, 2, "number", "string", "object"],
  ]);
  for (const hook of ["beforeRequest", "afterResponse"]) {
    const mine = new Error("stop here");
    const failing = new Ding({ apiKey: secret, serverURL, [hook]: async () => { throw mine; } });
    await assert.rejects(failing.lookup.lookup(customerUuid, "+14155550123"), (e) => e === mine);
  }
  assert.throws(() => new Ding({ apiKey: secret, beforeRequest: "no" }), { name: "DingValidationError" });
  assert.throws(() => new Ding({ apiKey: secret, logger: {} }), { name: "DingValidationError" });
});

test("1,000 calls in flight on one client each get their own answer", async () => {
  const ding = new Ding({ apiKey: secret, serverURL });
  const auths = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      ding.otp.createAuthentication({ customerUuid, phoneNumber: `+3361234${String(5000 + i)}`, correlationId: `c-${i}` }),
    ),
  );
  const calls = Array.from({ length: 1000 }, (_, i) => {
    if (i % 2) {
      const number = `+1415556${String(i).padStart(4, "0")}`;
      return ding.lookup.lookup(customerUuid, number).then((r) => [number, r.phoneNumber]);
    }
    const id = auths[i % auths.length].authenticationUuid;
    return ding.otp.getAuthenticationStatus(id).then((r) => [id + " c-" + ((i % auths.length)), r.uuid + " " + r.correlationId]);
  });
  const results = await Promise.all(calls);
  assert.equal(results.length, 1000);
  for (const [asked, got] of results) assert.equal(got, asked);
});

test("no timer or listener outlives a call", async () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === "Timeout").length;
  const before = timers();
  const ding = new Ding({ apiKey: secret, serverURL, timeoutMs: 60_000 });
  const controller = new AbortController();
  let listeners = 0;
  const signal = controller.signal;
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = (...a) => { listeners++; add(...a); };
  signal.removeEventListener = (...a) => { listeners--; remove(...a); };
  await ding.lookup.lookup(customerUuid, "+14155550123", undefined, { signal });
  await assert.rejects(
    new Ding({ apiKey: "wrong", serverURL }).lookup.lookup(customerUuid, "+14155550123", undefined, { signal }),
    DingHttpError,
  );
  assert.equal(timers(), before, "the 60 s timeout timers were cleared");
  assert.equal(listeners, 0, "abort listeners were removed");
});
