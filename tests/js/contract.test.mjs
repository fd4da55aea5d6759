// Every request the installed package sends, checked against the contracts
// by an independent validator (ajv over spec/*.yaml, objects closed: what
// the contract does not declare must not be sent). The calls use the
// official SDKs' call shapes (every parameter, camelCased), against the
// mock, through a fetch that records what goes out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { Ding } from "ding-otp";
import { Prelude } from "ding-otp/prelude";

const specDir = process.env.DING_SPEC_DIR;
assert.ok(specDir, "DING_SPEC_DIR names the folder of the contracts");
const mockURL = process.env.DING_MOCK_URL;
const origin = new URL(mockURL).origin;

/** A copy of `node` where every object schema with properties refuses others. */
function closed(node) {
  if (Array.isArray(node)) return node.map(closed);
  if (!node || typeof node !== "object") return node;
  const out = Object.fromEntries(Object.entries(node).map(([k, v]) => [k, closed(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return out;
}

function validator(file, id) {
  const spec = parse(readFileSync(join(specDir, file), "utf8"));
  // `oneOf` is checked as such (ajv does not take a discriminator with a mapping).
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addSchema({ $id: id, components: closed(spec.components) });
  return { spec, ajv };
}

/** The operation of `spec` for a method and a concrete path, with its path parameters. */
function operation(spec, method, path) {
  for (const [template, item] of Object.entries(spec.paths)) {
    const names = [];
    const re = new RegExp("^" + template.replace(/\{(\w+)\}/g, (_, n) => (names.push(n), "([^/]+)")) + "$");
    const m = re.exec(path);
    if (m && item[method.toLowerCase()]) {
      const params = Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1])]));
      return { template, op: item[method.toLowerCase()], shared: item.parameters ?? [], params };
    }
  }
  return null;
}

function check({ spec, ajv }, id, base, sent) {
  const url = new URL(sent.url);
  const path = url.pathname.slice(new URL(base).pathname.replace(/\/$/, "").length) || "/";
  const found = operation(spec, sent.method, path);
  assert.ok(found, `${sent.method} ${path} is an operation of the contract`);
  const { op, shared, params } = found;
  const problems = [];
  const validate = (schema, value, what) => {
    const fn = ajv.compile(schema);
    if (!fn(value)) problems.push(`${what}: ${ajv.errorsText(fn.errors)} in ${JSON.stringify(value)}`);
  };
  const refTo = (s) => (s && s.$ref ? { $ref: `${id}${s.$ref}` } : s);
  const deref = (s) => JSON.parse(JSON.stringify(s).replace(/"#\/components/g, `"${id}#/components`));
  for (const p of [...shared, ...(op.parameters ?? [])]) {
    if (p.in === "path") validate(deref(p.schema), params[p.name], `path ${p.name}`);
    if (p.in === "query") {
      const values = url.searchParams.getAll(p.name);
      if (values.length) {
        const items = p.explode === false ? values.join(",").split(",") : values;
        validate(deref(p.schema), p.schema.type === "array" ? items : items[0], `query ${p.name}`);
      }
    }
    if (p.in === "header" && p.required) {
      const v = sent.headers[p.name.toLowerCase()];
      assert.ok(v !== undefined, `header ${p.name} is sent`);
      validate(deref(p.schema), v, `header ${p.name}`);
    }
  }
  for (const q of url.searchParams.keys()) {
    assert.ok([...shared, ...(op.parameters ?? [])].some((p) => p.in === "query" && p.name === q), `query ${q} is declared`);
  }
  const media = op.requestBody?.content?.["application/json"];
  if (media) {
    assert.equal(sent.headers["content-type"], "application/json", `${path}: the body's type`);
    validate(refTo(media.schema), JSON.parse(sent.body), `${sent.method} ${path} body`);
  } else {
    assert.equal(sent.body, undefined, `${sent.method} ${path} sends no body`);
  }
  assert.deepEqual(problems, [], `${sent.method} ${path}`);
}

function recorder() {
  const sent = [];
  const fetchLike = (url, init) => {
    sent.push({ method: init.method, url, headers: init.headers, body: init.body });
    return fetch(url, init);
  };
  return { sent, fetchLike };
}

test("every v2 request, in the official SDK's shapes, is well formed", async () => {
  const v = validator("prelude-openapi.yaml", "prelude");
  const { sent, fetchLike } = recorder();
  const prelude = new Prelude({ apiKey: "test-key", serverURL: origin, fetch: fetchLike, retries: 0 });
  const target = { type: "phone_number", value: "+33612345678" };
  const signals = {
    appVersion: "1.2.34", deviceId: "8F0B8FDD-C2CB-4387-B20A-56E9B2E5A0D2", deviceModel: "iPhone17,2", devicePlatform: "ios",
    ip: "192.0.2.1", isTrustedUser: false, ja4Fingerprint: "t13i310900_e8f1e7e78f70_1f22a2ca17c4", osVersion: "18.0.1",
    userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0_1 like Mac OS X)",
  };
  const calls = [
    () => prelude.verification.create({
      target: { type: "phone_number", value: "+30123456789" },
      dispatchId: "a2b5a2b5-a2b5-a2b5-a2b5-a2b5a2b5a2b5",
      metadata: { correlationId: "correlation_id" },
      options: {
        appRealm: { platform: "android", value: "FA+9qCX9VSu" }, callbackUrl: "https://example.com/callback",
        codeSize: 5, locale: "el-GR", method: "auto", preferredChannel: "sms", senderId: "sender_id",
        templateId: "prelude:psd2", variables: { foo: "bar" }, forceChallenge: false, maxAutoFallbacks: 1,
      },
      signals,
    }),
    () => prelude.verification.create({ target, options: { channels: ["whatsapp", "sms"], customCode: "482913" } }),
    () => prelude.verification.create({ target: { type: "email_address", value: "jane.doe@example.com" } }),
    () => prelude.verification.check({ target: { type: "phone_number", value: "+30123456789" }, code: "12345" }),
    () => prelude.verification.check({ target, code: "730155", psd2: { amount: "149.90", currency: "EUR", recipient: "Example Store SAS" } }),
    () => prelude.lookup.lookup("+12065550100", { type: ["cnam"] }),
    () => prelude.lookup.lookup("+12065550100"),
    () => prelude.watch.predict({ target, dispatchId: "a2b5a2b5-a2b5-a2b5-a2b5-a2b5a2b5a2b5", metadata: { correlationId: "c" }, signals }),
    () => prelude.watch.sendFeedbacks({ feedbacks: [{ target, type: "verification.started", metadata: { correlationId: "c" } }, { target, type: "verification.completed" }] }),
    () => prelude.watch.sendEvents({ events: [{ target, label: "onboarding.start", confidence: "maximum" }] }),
    () => prelude.verificationManagement.listPhoneNumbers("allow"),
    () => prelude.verificationManagement.setPhoneNumber("block", { phoneNumber: "+30123456789" }),
    () => prelude.verificationManagement.deletePhoneNumber("block", { phoneNumber: "+30123456789" }),
    () => prelude.verificationManagement.listSenderIds(),
    () => prelude.verificationManagement.submitSenderId({ senderId: "Prelude" }),
  ];
  for (const call of calls) await call().catch(() => {}); // the answer does not matter here
  assert.equal(sent.length, calls.length, "each call sent one request");
  for (const s of sent) {
    assert.equal(s.headers.authorization, "Bearer test-key");
    assert.equal(s.headers.accept, "application/json");
    assert.equal(s.headers["x-api-key"], undefined, "no v1 header");
    check(v, "prelude", origin, s);
  }
});

test("every v1 request, in the official SDK's shapes, is well formed", async () => {
  const v = validator("ding-openapi.yaml", "ding");
  const { sent, fetchLike } = recorder();
  const ding = new Ding({ apiKey: "test-key", serverURL: mockURL, fetch: fetchLike, retries: 0 });
  const customerUuid = "cf2edc1c-7fc6-48fb-86da-b7508c6b7b71";
  const authenticationUuid = "d8446450-f2fa-4dd9-806b-df5b8c661f23";
  const calls = [
    () => ding.otp.createAuthentication({
      customerUuid, phoneNumber: "+1234567890", appRealm: "FA+9qCX9VSu", appVersion: "1.0.0",
      callbackUrl: "https://example.com/callback", correlationId: "signup-1", deviceId: "d-1", deviceModel: "iPhone15,2",
      deviceType: "IOS", ip: "::ffff:192.168.0.1", isReturningUser: true, locale: "fr-FR", osVersion: "17.1",
      senderId: "Ding", templateId: "tpl_1",
    }),
    () => ding.otp.check({ authenticationUuid, checkCode: "123456", customerUuid }),
    () => ding.otp.retry({ authenticationUuid, customerUuid }),
    () => ding.otp.feedback({ customerUuid, phoneNumber: "+1234567890", status: "onboarded" }),
    () => ding.otp.getAuthenticationStatus(authenticationUuid),
    () => ding.lookup.lookup(customerUuid, "+1234567890", ["cnam"]),
  ];
  for (const call of calls) await call().catch(() => {});
  assert.equal(sent.length, calls.length);
  for (const s of sent) {
    assert.equal(s.headers["x-api-key"], "test-key");
    assert.equal(s.headers.authorization, undefined, "no v2 header");
    check(v, "ding", mockURL, s);
  }
  assert.equal(JSON.parse(sent[0].body).ip, "192.168.0.1", "the IPv4-mapped address went as IPv4");
});
