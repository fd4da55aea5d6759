// The demo server's webhook receiver (scripts/serve.mjs), without a browser:
// real signatures (RSA-PSS, SHA-256, 32-byte salt, as Prelude and the mock
// sign) checked by the real verifyWebhook of pkg/prelude/node.js, with a key
// made here; then the server over HTTP against a real mock: its config, the
// mock's deliveries taken, forged ones refused, and the routes' limits.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { constants, generateKeyPairSync, sign } from "node:crypto";
import { join } from "node:path";
import { createReceiver } from "../../scripts/serve.mjs";
import { root, startDemo, startMock, v2, webhookLog } from "./support.mjs";

const { verifyWebhook } = await import(join(root, "pkg", "prelude", "node.js"));

const keyPair = () => generateKeyPairSync("rsa", { modulusLength: 2048 });
const ours = keyPair();
const pem = ours.publicKey.export({ type: "spki", format: "pem" });

function signed(body, privateKey = ours.privateKey) {
  const sig = sign("sha256", Buffer.from(body), { key: privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  return `rsassa-pss-sha256=${sig.toString("base64url")}`;
}

const event = (id, type, payload) =>
  JSON.stringify({ id, type, created_at: "2026-01-02T03:04:05.678Z", payload: { verification_id: "vrf_1", ...payload } });

const receiver = (fetchKey = async () => pem) =>
  createReceiver({ fetchKey, loadVerifier: async () => verifyWebhook });

describe("webhook receiver", () => {
  test("keeps a verified event once per id, with what the timeline needs", async () => {
    const r = receiver();
    const body = event("evt_1", "verify.attempt", { attempt_number: 2, channel: "sms", target: { type: "phone_number", value: "+14155550123" } });
    const [status, answer] = await r.receive(Buffer.from(body), signed(body));
    assert.equal(status, 200);
    assert.deepEqual(answer, { ok: true, duplicate: false });
    // Prelude may deliver an event twice: the second is taken (200) and dropped.
    const again = await r.receive(Buffer.from(body), signed(body));
    assert.deepEqual(again, [200, { ok: true, duplicate: true }]);
    const list = r.events("vrf_1");
    assert.equal(list.length, 1);
    const [e] = list;
    assert.equal(e.id, "evt_1");
    assert.equal(e.type, "verify.attempt");
    assert.equal(e.createdAt, "2026-01-02T03:04:05.678Z");
    assert.equal(e.verificationId, "vrf_1");
    assert.equal(e.attemptNumber, 2);
    assert.equal(e.channel, "sms");
    assert.deepEqual(r.events("vrf_other"), []);
  });

  test("price and delivery status; events come oldest first", async () => {
    const r = receiver();
    const late = JSON.stringify({
      id: "evt_b",
      type: "verify.delivery_status",
      created_at: "2026-01-02T03:04:06.000Z",
      payload: { verification_id: "vrf_1", status: "delivered" },
    });
    const early = event("evt_a", "verify.authentication", { price: { amount: 0.009, currency: "EUR" } });
    await r.receive(Buffer.from(late), signed(late));
    await r.receive(Buffer.from(early), signed(early));
    const list = r.events("vrf_1");
    assert.deepEqual(
      list.map((e) => e.id),
      ["evt_a", "evt_b"],
    );
    assert.deepEqual(list[0].price, { amount: 0.009, currency: "EUR" });
    assert.equal(list[1].status, "delivered");
  });

  test("refuses (401) what does not verify, and keeps none of it", async () => {
    const r = receiver();
    const body = event("evt_x", "verify.delivery_status", { status: "undeliverable" });
    const other = keyPair();
    const cases = [
      [signed(body, other.privateKey), "bad_signature"], // another key
      [signed(body.replace("undeliverable", "delivered")), "bad_signature"], // another body
      [null, "missing_signature"],
      ["", "missing_signature"],
      ["sha256=abc", "malformed_signature"],
    ];
    for (const [signature, code] of cases) {
      const [status, answer] = await r.receive(Buffer.from(body), signature);
      assert.equal(status, 401, `${signature}: ${status}`);
      assert.equal(answer.error, code);
    }
    assert.deepEqual(r.events("vrf_1"), []);
  });

  test("an unknown event type is kept, its signature checked", async () => {
    const r = receiver();
    const body = event("evt_u", "verify.brand_new", {});
    assert.equal((await r.receive(Buffer.from(body), signed(body)))[0], 200);
    const [e] = r.events("vrf_1");
    assert.equal(e.type, "unknown");
    assert.equal(e.rawType, "verify.brand_new");
  });

  test("no key yet: 503, and the key is asked for again next time", async () => {
    let calls = 0;
    const r = receiver(async () => {
      calls++;
      if (calls === 1) throw new Error("connection refused");
      return pem;
    });
    const body = event("evt_k", "verify.attempt", {});
    assert.equal((await r.receive(Buffer.from(body), signed(body)))[0], 503);
    assert.equal((await r.receive(Buffer.from(body), signed(body)))[0], 200);
    assert.equal((await r.receive(Buffer.from(body), signed(body)))[0], 200);
    assert.equal(calls, 2, "the key is fetched once it is there");
  });
});

describe("demo server with a real mock", () => {
  let mock;
  let demo;
  before(async () => {
    mock = await startMock();
    demo = await startDemo(mock.url);
  });
  after(async () => {
    await demo?.stop();
    await mock?.stop();
  });

  test("config.json: the mock and this server's receiver, all on loopback", async () => {
    const config = await (await fetch(`${demo.origin}/config.json`)).json();
    assert.equal(config.mockURL, mock.url);
    assert.equal(config.mockOrigin, mock.origin);
    assert.equal(config.webhookURL, demo.webhookURL);
    assert.match(config.webhookURL, /^http:\/\/127\.0\.0\.1:\d+\/webhooks\/prelude$/);
    assert.equal(config.eventsURL, "/events");
  });

  test("the mock's deliveries are verified and served; a replayed or forged one is not added", async () => {
    const phone = "+14155550177";
    const created = await v2(mock.origin, "POST", "/verification", {
      target: { type: "phone_number", value: phone },
      options: { callback_url: demo.webhookURL },
    });
    assert.equal(created.status, 200, JSON.stringify(created.body));
    const id = created.body.id;
    let log = [];
    for (let i = 0; i < 50 && !(log.length === 3 && log.every((d) => d.status_or_error === 200)); i++) {
      await new Promise((r) => setTimeout(r, 100));
      log = await webhookLog(mock.origin, id);
    }
    assert.deepEqual(
      log.map((d) => [d.url, d.status_or_error]),
      [
        [demo.webhookURL, 200],
        [demo.webhookURL, 200],
        [demo.webhookURL, 200],
      ],
    );
    const served = await (await fetch(`${demo.origin}/events?verificationId=${id}`)).json();
    assert.deepEqual(
      served.events.map((e) => e.type),
      ["verify.authentication", "verify.attempt", "verify.delivery_status"],
    );
    assert.deepEqual(
      served.events.map((e) => e.id),
      log.map((d) => d.event.id),
    );
    const post = (body, signature) =>
      fetch(demo.webhookURL, {
        method: "POST",
        headers: { "content-type": "application/json", ...(signature ? { "x-webhook-signature": signature } : {}) },
        body,
      });
    // A replay of a real delivery (its exact bytes and signature, from the
    // mock's log): taken, and dropped as a duplicate.
    const report = log[2];
    assert.equal(report.event.type, "verify.delivery_status");
    const replay = await post(report.body, report.signature);
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), { ok: true, duplicate: true });
    // The real signature over other bytes: refused.
    const altered = report.body.replace('"delivered"', '"undeliverable"');
    assert.notEqual(altered, report.body);
    const tampered = await post(altered, report.signature);
    assert.equal(tampered.status, 401);
    assert.equal((await tampered.json()).error, "bad_signature");
    // Re-serialised JSON (other bytes) signed by another key: refused.
    const reserialised = JSON.stringify(report.event);
    assert.equal((await post(reserialised, signed(reserialised))).status, 401);
    const after = await (await fetch(`${demo.origin}/events?verificationId=${id}`)).json();
    assert.equal(after.events.length, 3);
    assert.equal(after.events[2].status, "delivered");
  });

  test("routes: methods, sizes and parameters", async () => {
    assert.equal((await fetch(demo.webhookURL)).status, 405);
    assert.equal((await fetch(`${demo.origin}/config.json`, { method: "POST" })).status, 405);
    assert.equal((await fetch(`${demo.origin}/events`)).status, 400);
    const huge = await fetch(demo.webhookURL, { method: "POST", body: "x".repeat(65 * 1024) });
    assert.equal(huge.status, 413);
    assert.equal((await fetch(`${demo.origin}/../scripts/serve.mjs`)).status, 404);
    assert.equal((await fetch(`${demo.origin}/pkg/prelude/index.js`)).status, 200);
  });
});
