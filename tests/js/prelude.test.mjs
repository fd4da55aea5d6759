// The v2 client from the installed package, against the mock's /v2: the
// flow a user goes through, the Watch and management calls, and a webhook
// delivered by the mock to a real loopback receiver and verified there.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { Prelude, verifyWebhook, DingWebhookError, DingHttpError, DingValidationError } from "ding-otp/prelude";
import { freshNumber } from "./flow.mjs";

const origin = new URL(process.env.DING_MOCK_URL).origin;
const prelude = new Prelude({ apiKey: "test-key", serverURL: origin });
const mock = async (path) => (await fetch(`${origin}/v2/_mock${path}`)).json();
const inbox = async (value) => (await mock(`/messages?phone_number=${encodeURIComponent(value)}`)).messages;

test("create, wrong code, resend in the window, right code, then a new window", async () => {
  const target = { type: "phone_number", value: freshNumber() };
  const v = await prelude.verification.create({ target, metadata: { correlationId: "js-1" }, signals: { ip: "::ffff:203.0.113.7" } });
  assert.equal(v.status, "success");
  assert.match(v.id, /^vrf_/);
  assert.deepEqual(v.metadata, { correlationId: "js-1" });
  const [first] = await inbox(target.value);
  assert.equal((await prelude.verification.check({ target, code: first.code === "000000" ? "111111" : "000000" })).status, "failure");
  const again = await prelude.verification.create({ target });
  assert.equal(again.status, "retry");
  assert.equal(again.id, v.id);
  const messages = await inbox(target.value);
  assert.equal(messages.length, 2);
  const ok = await prelude.verification.check({ target, code: messages.at(-1).code });
  assert.equal(ok.status, "success");
  assert.equal((await prelude.verification.check({ target, code: messages.at(-1).code })).status, "expired_or_not_found");
});

test("lookup, Watch and the lists; a blocked number gets nothing", async () => {
  const info = await prelude.lookup.lookup("+14155550123", { type: ["cnam"] });
  assert.equal(info.countryCode, "US");
  assert.equal(typeof info.networkInfo.carrierName, "string");
  const value = freshNumber();
  const target = { type: "phone_number", value };
  const p = await prelude.watch.predict({ target, metadata: { correlationId: "w" } });
  assert.equal(p.prediction, "legitimate");
  assert.equal((await prelude.watch.sendFeedbacks({ feedbacks: [{ target, type: "verification.started" }] })).status, "success");
  assert.equal((await prelude.watch.sendEvents({ events: [{ target, label: "a", confidence: "high" }] })).status, "success");
  await prelude.verificationManagement.setPhoneNumber("block", { phoneNumber: value });
  const listed = await prelude.verificationManagement.listPhoneNumbers("block");
  assert.ok(listed.phoneNumbers.some((n) => n.phoneNumber === value && n.createdAt instanceof Date));
  const blocked = await prelude.verification.create({ target });
  assert.deepEqual([blocked.status, blocked.reason], ["blocked", "in_block_list"]);
  assert.deepEqual(await inbox(value), []);
  await prelude.verificationManagement.deletePhoneNumber("block", { phoneNumber: value });
  assert.equal((await prelude.verification.create({ target })).status, "success");
  await assert.rejects(prelude.verification.create({ target: { type: "phone_number", value: "+33 6 12" } }), DingValidationError);
  await assert.rejects(new Prelude({ apiKey: "nope-nope", serverURL: origin }).lookup.lookup("+14155550123"), (e) => {
    return e instanceof DingHttpError && e.status === 401 && e.code === "invalid_api_key" && typeof e.requestId === "string";
  });
});

test("a webhook posted by the mock to a loopback receiver is verified on its raw body", async () => {
  const { pem, jwk } = await mock("/webhook-key");
  const received = [];
  const server = createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", async () => {
      const raw = Buffer.concat(chunks);
      try {
        // Bytes for one key form, text for the other: both are the raw body.
        const event = await verifyWebhook({ body: new Uint8Array(raw), signature: req.headers["x-webhook-signature"] ?? null, publicKey: pem });
        const again = await verifyWebhook({ body: raw.toString("utf8"), signature: req.headers["x-webhook-signature"], publicKey: JSON.stringify(jwk) });
        assert.equal(again.id, event.id);
        received.push(event);
        res.writeHead(200).end();
      } catch (e) {
        received.push(e);
        res.writeHead(401).end();
      }
    });
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  try {
    const callbackUrl = `http://127.0.0.1:${server.address().port}/hook`;
    const v = await prelude.verification.create({ target: { type: "phone_number", value: freshNumber() }, options: { callbackUrl }, metadata: { correlationId: "hook-1" } });
    for (let i = 0; i < 100 && received.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    const kinds = received.map((e) => e.type).sort();
    assert.deepEqual(kinds, ["verify.attempt", "verify.authentication", "verify.delivery_status"], String(received));
    for (const e of received) {
      assert.equal(e.payload.verificationId, v.id);
      assert.equal(e.payload.metadata.correlationId, "hook-1");
      assert.ok(e.createdAt instanceof Date);
    }
    const auth = received.find((e) => e.type === "verify.authentication");
    assert.equal(typeof auth.payload.price.amount, "number");
    const delivered = received.find((e) => e.type === "verify.delivery_status");
    assert.equal(delivered.payload.status, "delivered");
    // The mock's log says the receiver answered 200 to each.
    const { deliveries } = await mock(`/webhooks?verification_id=${v.id}`);
    assert.ok(deliveries.length >= 3 && deliveries.every((d) => d.status_or_error === 200), JSON.stringify(deliveries));
    // Re-serialised JSON has other bytes than the signed ones.
    const d = deliveries[0];
    const pretty = JSON.stringify(JSON.parse(d.body), null, 2);
    await assert.rejects(verifyWebhook({ body: pretty, signature: d.signature, publicKey: pem }), (e) => e instanceof DingWebhookError && e.code === "bad_signature");
  } finally {
    server.close();
  }
});
