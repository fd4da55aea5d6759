// The sandbox from the installed package, as an app's own tests would use
// it: no server, no key, no network. Both clients' whole flows through
// `sandbox.fetch`, faults, the inbox, webhooks to an in-process handler,
// and the sandbox's answers to raw requests (the contract's codes).
import { test } from "node:test";
import assert from "node:assert/strict";
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { assertSummary, assertPreludeSummary, runOnSandbox } from "./flow.mjs";

test("the whole v1 and v2 flows run in process, on the clients' default servers", async () => {
  // The real APIs' URLs: the sandbox answers them by their paths.
  const summary = await runOnSandbox(sdk, v2, createSandbox);
  assertSummary(summary);
  assertPreludeSummary(summary.prelude);
});

test("faults for the next N requests, or all of them, and the inbox", async () => {
  const sandbox = createSandbox({ code: "482913" });
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch, retries: { initialDelayMs: 5 } });
  const target = { type: "phone_number", value: "+33612345678" };
  // A 503 twice: a lookup (a read) is retried through it.
  sandbox.fault("status=503", { times: 2 });
  const info = await prelude.lookup.lookup("+14155550123");
  assert.equal(info.countryCode, "US");
  const v = await prelude.verification.create({ target });
  assert.equal(v.status, "success");
  // A connection broken on a check: not repeated (it may have been acted on).
  sandbox.fault("drop;key=d1;times=1");
  await assert.rejects(prelude.verification.check({ target, code: "000000" }), v2.DingNetworkError);
  assert.equal(sandbox.requests("d1"), 1, "sent once");
  // A 500 on every request until it is lifted.
  sandbox.fault("status=500");
  await assert.rejects(prelude.verification.check({ target, code: "482913" }), (e) => e instanceof v2.DingHttpError && e.status === 500);
  await assert.rejects(prelude.lookup.lookup("+14155550123", undefined, { retries: 0 }), v2.DingHttpError);
  sandbox.fault(null);
  const messages = sandbox.inbox("+33612345678");
  assert.equal(messages.length, 1);
  assert.deepEqual(Object.keys(messages[0]).sort(), ["channel", "code", "sentAt", "text", "to", "verificationId"]);
  assert.equal(messages[0].code, "482913");
  assert.equal(messages[0].verificationId, v.id);
  assert.ok(messages[0].sentAt instanceof Date && messages[0].text.includes("482913"));
  assert.equal((await prelude.verification.check({ target, code: "482913" })).status, "success");
  assert.throws(() => sandbox.fault("explode"), TypeError);
  assert.throws(() => createSandbox({ codes: "1" }), /unknown option codes/);
  assert.throws(() => createSandbox({ code: "12" }), TypeError);
  sandbox.reset();
  assert.deepEqual(sandbox.inbox(), []);
});

test("a caller that gives up during a delay leaves the state unchanged", async () => {
  const sandbox = createSandbox({ code: "111111" });
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch, timeoutMs: 100, retries: 0 });
  const target = { type: "phone_number", value: "+33612345670" };
  sandbox.fault("delay=2000", { times: 1 });
  await assert.rejects(prelude.verification.create({ target }), v2.DingTimeoutError);
  assert.deepEqual(sandbox.inbox("+33612345670"), [], "nothing was sent");
  sandbox.fault("late=400", { times: 1 });
  await assert.rejects(prelude.verification.create({ target }), v2.DingTimeoutError);
  assert.equal(sandbox.inbox("+33612345670").length, 1, "late acts first, then answers");
});

test("webhooks reach an in-process handler, signed, whatever the callback URL", async () => {
  const received = [];
  const sandbox = createSandbox({
    onWebhook: async (request) => {
      const { pem } = sandbox.webhookKey();
      received.push(await v2.verifyWebhook({ body: await request.text(), signature: request.headers.get("x-webhook-signature"), publicKey: pem }));
      return new Response(null, { status: 204 });
    },
  });
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch });
  const v = await prelude.verification.create({ target: { type: "phone_number", value: "+14155550100" }, options: { callbackUrl: "https://app.example/hooks/prelude" } });
  for (let i = 0; i < 100 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 20));
  // In the order the native mock sends them: one after another.
  assert.deepEqual(received.map((e) => e.type), ["verify.authentication", "verify.attempt", "verify.delivery_status"]);
  assert.ok(received.every((e) => e.payload.verificationId === v.id));
  assert.deepEqual(sandbox.webhooks(v.id).map((d) => d.status_or_error), [204, 204, 204]);
});

test("raw requests get the contract's answers: 400 with codes, 401 without a key, CORS", async () => {
  const sandbox = createSandbox();
  const post = (url, body, headers = { authorization: "Bearer k", "content-type": "application/json" }) =>
    sandbox.fetch(url, { method: "POST", headers, body: JSON.stringify(body) });
  let res = await post("http://localhost/v2/verification", { target: { type: "phone_number", value: "0612" } });
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.equal(body.code, "invalid_phone_number");
  assert.equal(body.param, "target.value");
  res = await post("http://localhost/v2/verification", { target: { type: "phone_number", value: "+33612345678" } }, { "content-type": "application/json" });
  assert.equal(res.status, 401);
  res = await sandbox.fetch(new Request("http://localhost/v1/authentication", { method: "POST", headers: { "x-api-key": "k" }, body: "{" }));
  assert.equal(res.status, 400);
  assert.equal((await res.json()).code, "bad_request");
  res = await sandbox.fetch(new URL("http://localhost/v1/check"), { method: "OPTIONS", headers: { origin: "http://a.test", "access-control-request-method": "POST" } });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get("access-control-allow-origin"), "*");
  const controller = new AbortController();
  controller.abort(new Error("gone"));
  await assert.rejects(sandbox.fetch("http://localhost/v2/lookup/%2B14155550123", { signal: controller.signal }), /gone/);
});

// The two examples of the README's "Testing your app" section, as written there.
test("README: sign-in with a code", async () => {
  const sandbox = createSandbox({ code: "123456" });
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch });
  const target = { type: "phone_number", value: "+33612345678" };
  await prelude.verification.create({ target });
  assert.equal(sandbox.inbox("+33612345678")[0].code, "123456");
  assert.equal((await prelude.verification.check({ target, code: "123456" })).status, "success");
  sandbox.close();
});

test("README: a webhook route tested without a network", async () => {
  const seen = [];
  const app = {
    async fetch(request) {
      const url = new URL(request.url);
      if (request.method !== "POST" || url.pathname !== "/hooks/prelude") return new Response(null, { status: 404 });
      try {
        const event = await v2.verifyWebhook({
          body: await request.text(),
          signature: request.headers.get("x-webhook-signature"),
          publicKey: sandbox.webhookKey().pem,
        });
        seen.push(event.type);
        return new Response(null, { status: 200 });
      } catch (e) {
        return new Response(String(e), { status: e instanceof v2.DingWebhookError ? 401 : 500 });
      }
    },
  };
  const sandbox = createSandbox({ onWebhook: (request) => app.fetch(request) });
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch });
  const target = { type: "phone_number", value: "+14155550101" };
  const v = await prelude.verification.create({ target, options: { callbackUrl: "https://app.example/hooks/prelude" } });
  for (let i = 0; i < 100 && sandbox.webhooks(v.id).some((d) => d.status_or_error === "pending"); i++) await new Promise((r) => setTimeout(r, 20));
  const statuses = sandbox.webhooks(v.id).map((d) => d.status_or_error);
  assert.ok(statuses.length >= 1 && statuses.every((s) => s === 200), `every webhook accepted: ${statuses}`);
  assert.equal(seen.length, statuses.length);
  sandbox.close();
});

// The README's Vitest and Worker examples, the same calls under node:test.
test("README: a check whose answer is lost is not sent twice", async () => {
  const sandbox = createSandbox({ code: "482913" });
  const ding = new sdk.Ding({ apiKey: "any", fetch: sandbox.fetch });
  try {
    const customerUuid = crypto.randomUUID();
    const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber: "+33612345678" });
    sandbox.fault("drop;key=c1", { times: 1 });
    await assert.rejects(
      ding.otp.check({ customerUuid, authenticationUuid: auth.authenticationUuid, checkCode: "482913" }),
      sdk.DingNetworkError,
    );
    assert.equal(sandbox.requests("c1"), 1);
  } finally {
    sandbox.close();
  }
});

test("README: a Worker tested with the sandbox as its API fetch", async () => {
  const worker = {
    async fetch(request, env) {
      const prelude = new v2.Prelude({ apiKey: env.PRELUDE_API_KEY, fetch: env.PRELUDE_FETCH });
      const { phone } = await request.json();
      const v = await prelude.verification.create({ target: { type: "phone_number", value: phone } });
      return Response.json({ status: v.status });
    },
  };
  const sandbox = createSandbox();
  const res = await worker.fetch(
    new Request("https://app.example/start", { method: "POST", body: JSON.stringify({ phone: "+33612345678" }) }),
    { PRELUDE_API_KEY: "any", PRELUDE_FETCH: sandbox.fetch },
  );
  assert.equal((await res.json()).status, "success");
  assert.match(sandbox.inbox("+33612345678")[0].code, /^\d{6}$/);
  // Unset in production: the platform's fetch.
  assert.doesNotThrow(() => new v2.Prelude({ apiKey: "any", fetch: undefined }));
  sandbox.close();
});

test("fault(spec, { times }) keeps the spec's own key, and refuses times given twice", async () => {
  const sandbox = createSandbox();
  const prelude = new v2.Prelude({ apiKey: "any", fetch: sandbox.fetch, retries: 0 });
  sandbox.fault("status=500;key=k7", { times: 2 });
  for (let i = 0; i < 3; i++) await prelude.lookup.lookup("+14155550123").catch(() => {});
  assert.equal(sandbox.requests("k7"), 3, "every request counted under the spec's key");
  assert.equal((await prelude.lookup.lookup("+14155550123")).countryCode, "US", "after two, normal answers");
  assert.throws(() => sandbox.fault("status=500;times=1", { times: 2 }), /not both/);
  sandbox.close();
});
