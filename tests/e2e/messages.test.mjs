// The demo's plain-words layer, without a browser: phone numbers typed the
// way people type them (www/phone.js), what the page says for each error the
// real SDK throws and each status its answers carry, on both APIs
// (www/messages.js), and the timeline's lines (www/events.js). Errors and
// answers are provoked through the built package (pkg/node.js for v1,
// pkg/prelude/node.js for v2) with a fake fetch.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parsePhone, defaultCountry, COUNTRIES } from "../../www/phone.js";
import {
  describeError,
  checkStatusMessage,
  retryStatusMessage,
  sendStatusMessage,
  remainingText,
  clock,
  blockReasonMessage,
  blockReasonLabel,
  channelName,
  checkV2StatusMessage,
  createStatusMessage,
  lineTypeText,
  resendStatusMessage,
  riskFactorsText,
} from "../../www/messages.js";
import { describeV1Event, describeWebhookEvent } from "../../www/events.js";
import { root, CUSTOMER_UUID } from "./support.mjs";

const { Ding } = await import(join(root, "pkg", "node.js"));
const { Prelude, verifyWebhook } = await import(join(root, "pkg", "prelude", "node.js"));

describe("phone numbers as people type them", () => {
  const ok = [
    ["US", "(415) 555-0123", "+14155550123"],
    ["US", "1-415-555-0123", "+14155550123"],
    ["US", "011 33 6 12 34 56 78", "+33612345678"],
    ["CA", "604.555.0123", "+16045550123"],
    ["FR", "06 12 34 56 78", "+33612345678"],
    ["FR", "6 12 34 56 78", "+33612345678"],
    ["FR", "0041 78 123 45 67", "+41781234567"],
    ["GB", "07700 900123", "+447700900123"],
    ["DE", "01512 3456789", "+4915123456789"],
    ["ES", "612 34 56 78", "+34612345678"],
    ["IT", "06 1234 5678", "+390612345678"],
    ["IN", "98765 43210", "+919876543210"],
    ["BR", "(11) 91234-5678", "+5511912345678"],
    ["JP", "090-1234-5678", "+819012345678"],
    ["AU", "0412 345 678", "+61412345678"],
    ["US", "+44 7700 900123", "+447700900123"],
    ["US", "+999 1234 5678", "+99912345678"],
  ];
  for (const [iso, typed, e164] of ok) {
    test(`${iso} "${typed}" is ${e164}`, () => {
      const r = parsePhone(typed, iso);
      assert.equal(r.ok, true, r.message);
      assert.equal(r.e164, e164);
    });
  }

  const bad = [
    ["FR", "06 12 34", /too short: numbers in France have 9 digits after \+33, and this one has 5/],
    ["GB", "07700 9001234", /too long: numbers in the United Kingdom have 10 digits after \+44, and this one has 11/],
    ["DE", "0151 234", /numbers in Germany have 10 or 11 digits after \+49/],
    ["IT", "312 345", /numbers in Italy have 9 or 10 digits/],
    ["FR", "+33 06 12 34 56 78", /After \+33, leave out the 0 that numbers in France start with/],
    ["FR", "33 6 12 34 56 78", /includes the country code 33/],
    ["US", "015 555 0123", /In the United States, the area code .* cannot start with 0 or 1/],
    ["US", "415 155 0123", /3 digits after the area code cannot start with 0 or 1/],
    ["US", "", /^Enter your phone number\.$/],
    ["US", "415-CALL-NOW", /only digits/],
    ["US", "415+5550123", /\+ only at the very start/],
    ["US", "+0 415 555 0123", /never starts with 0/],
    ["US", "+999 1234567890123", /at most 15 digits/],
  ];
  for (const [iso, typed, message] of bad) {
    test(`${iso} "${typed}" is refused in plain words`, () => {
      const r = parsePhone(typed, iso);
      assert.equal(r.ok, false);
      assert.match(r.message, message);
    });
  }

  test("the country list: unique, ordered, examples that parse", () => {
    assert.equal(new Set(COUNTRIES.map((c) => c.iso)).size, COUNTRIES.length);
    const names = COUNTRIES.map((c) => c.name);
    assert.deepEqual(names, [...names].sort((a, b) => a.localeCompare(b)));
    for (const c of COUNTRIES) {
      const r = parsePhone(c.example, c.iso);
      assert.equal(r.ok, true, `${c.iso} example: ${r.message}`);
      assert.equal(r.country.iso, c.iso);
    }
    assert.equal(defaultCountry(["fr-FR", "en-US"]), "FR");
    assert.equal(defaultCountry(["en", "zz-ZZ"]), "US");
  });
});

// A `fetch` for the SDK that always answers `status` with `body`.
const answering = (status, body, headers = {}) => {
  const fake = async () => ({ status, headers: new Headers(headers), text: async () => body, ok: status < 300 });
  return fake;
};

async function sdkError(options, call) {
  const ding = new Ding({ apiKey: "test-key-for-the-mock", serverURL: "http://127.0.0.1:9/v1", ...options });
  try {
    await call(ding);
  } catch (err) {
    return err;
  }
  assert.fail("the SDK call did not throw");
}

const create = (phoneNumber = "+14155550123") => (ding) =>
  ding.otp.createAuthentication({ customerUuid: CUSTOMER_UUID, phoneNumber });

const plain = (sentence) => {
  assert.ok(sentence && /[.!]$/.test(sentence), `a sentence: ${sentence}`);
  assert.doesNotMatch(sentence, /Ding\w*Error|_|undefined|null|\[object/);
};

describe("every SDK error in plain words", () => {
  test("validation: a number the SDK refuses before sending", async () => {
    const err = await sdkError({}, create("12"));
    assert.equal(err.name, "DingValidationError");
    assert.equal(err.field, "phoneNumber");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /phone number isn't valid/);
  });

  test("validation: a code with letters", async () => {
    const err = await sdkError({}, (ding) =>
      ding.otp.check({ customerUuid: CUSTOMER_UUID, authenticationUuid: CUSTOMER_UUID, checkCode: "12ab\u0000" }),
    );
    assert.equal(err.name, "DingValidationError");
    plain(describeError(err, "check"));
  });

  const apiCases = [
    ["invalid_phone_number", /doesn't look like a phone number/],
    ["unsupported_region", /can't send codes to numbers in that country or region/],
    ["invalid_auth_uuid", /Start again/],
    ["duplicated_feedback_status", /already told us/],
    ["no_associated_auth_found", /no sign-in for this number/],
    ["blocked_number", /can't send codes to this number/],
    ["some_new_code", /refused/],
  ];
  for (const [code, sentence] of apiCases) {
    test(`API error ${code}`, async () => {
      const body = JSON.stringify({ code, message: "x", doc_url: "https://example.invalid" });
      const err = await sdkError({ fetch: answering(400, body) }, create());
      assert.equal(err.name, "DingApiError");
      assert.equal(err.code, code);
      const s = describeError(err, "send");
      plain(s);
      assert.match(s, sentence);
    });
  }

  test("every error code the typings list gets a sentence", () => {
    const dts = readFileSync(join(root, "pkg", "ding_otp.d.ts"), "utf8");
    const union = dts.match(/export type ErrorCode =([\s\S]*?);/)[1];
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(codes.length >= 20, `found ${codes.length} codes`);
    for (const code of codes) plain(describeError({ name: "DingApiError", code }, "send"));
  });

  const httpCases = [
    [429, /Too many requests/],
    [401, /API key was refused/],
    [403, /API key was refused/],
    [503, /having trouble/],
    [418, /couldn't handle that request/],
  ];
  for (const [status, sentence] of httpCases) {
    test(`HTTP ${status}`, async () => {
      const err = await sdkError(
        { fetch: answering(status, '{"message":"no"}', { "retry-after": "0" }) },
        create(),
      );
      assert.equal(err.name, "DingHttpError");
      assert.equal(err.status, status);
      const s = describeError(err, "send");
      plain(s);
      assert.match(s, sentence);
    });
  }

  test("network: the server can't be reached", async () => {
    const err = await sdkError(
      {
        fetch: async () => {
          throw new TypeError("Failed to fetch");
        },
      },
      create(),
    );
    assert.equal(err.name, "DingNetworkError");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /Can't reach the code service/);
  });

  test("timeout: no answer in time", async () => {
    const err = await sdkError({ fetch: () => new Promise(() => {}), timeoutMs: 50, retries: 0 }, create());
    assert.equal(err.name, "DingTimeoutError");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /took too long/);
  });

  test("abort: the call was cancelled", async () => {
    const controller = new AbortController();
    const err = await sdkError({ fetch: () => new Promise(() => {}) }, (ding) => {
      const p = ding.otp.createAuthentication({ customerUuid: CUSTOMER_UUID, phoneNumber: "+14155550123" }, {
        signal: controller.signal,
      });
      controller.abort();
      return p;
    });
    assert.equal(err.name, "DingAbortError");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /cancelled/);
  });

  test("decode: an answer that isn't the API's", async () => {
    const err = await sdkError({ fetch: answering(200, "<html>502</html>") }, create());
    assert.equal(err.name, "DingDecodeError");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /couldn't read/);
  });

  test("anything else still reads as a sentence", () => {
    for (const kind of ["send", "check", "resend", "feedback", "lookup"]) {
      plain(describeError(new Error("boom"), kind));
    }
    plain(describeError(undefined));
  });
});

describe("every answer status in plain words", () => {
  test("send", () => {
    assert.equal(sendStatusMessage("pending"), null);
    for (const s of ["rate_limited", "spam_detected", "brand_new_status"]) plain(sendStatusMessage(s));
    assert.match(sendStatusMessage("rate_limited"), /Too many codes/);
  });

  test("check", () => {
    assert.deepEqual(checkStatusMessage("valid"), { ok: true, text: "" });
    // The right code of an authentication validated before: a replay, not a sign-in.
    assert.deepEqual(checkStatusMessage("already_validated"), {
      ok: false,
      restart: true,
      text: "This code was already used. Start again.",
    });
    for (const s of ["invalid", "expired_auth", "rate_limited", "without_attempt", "already_validated", "unknown", "brand_new"]) {
      const m = checkStatusMessage(s);
      assert.equal(m.ok, false);
      plain(m.text);
    }
    assert.match(checkStatusMessage("invalid").text, /isn't right/);
    assert.match(checkStatusMessage("expired_auth").text, /expired/);
    assert.equal(checkStatusMessage("expired_auth").restart, true);
    assert.match(checkStatusMessage("rate_limited").text, /Too many wrong codes/);
  });

  test("retry", () => {
    assert.equal(retryStatusMessage("approved").sent, true);
    assert.equal(retryStatusMessage("already_validated").restart, true);
    assert.match(retryStatusMessage("already_validated").text, /already used/);
    for (const s of ["denied", "rate_limited", "expired_auth", "already_validated", "no_attempt", "brand_new"]) {
      const m = retryStatusMessage(s);
      assert.equal(m.sent, false);
      plain(m.text);
    }
  });

  test("counters", () => {
    assert.equal(remainingText(3), "3 new codes left");
    assert.equal(remainingText(1), "1 new code left");
    assert.equal(remainingText(0), "no new codes left");
    assert.equal(remainingText(undefined), "");
    assert.equal(clock(29.2), "0:30");
    assert.equal(clock(65), "1:05");
    assert.equal(clock(-3), "0:00");
  });
});

// ---- v2 (Prelude) ----------------------------------------------------------------

async function preludeCall(options, call) {
  const prelude = new Prelude({ apiKey: "test-key-for-the-mock", serverURL: "http://127.0.0.1:9", ...options });
  return call(prelude);
}

async function preludeError(options, call) {
  try {
    await preludeCall(options, call);
  } catch (err) {
    return err;
  }
  assert.fail("the SDK call did not throw");
}

const target = { type: "phone_number", value: "+14155550123" };
const createV2 = (value = target.value) => (p) => p.verification.create({ target: { type: "phone_number", value } });
/** A create answer as the real SDK reads it from `body`. */
const created = (body) =>
  preludeCall({ fetch: answering(200, JSON.stringify({ method: "message", request_id: "r", ...body })) }, createV2());
const checked = (body) =>
  preludeCall({ fetch: answering(200, JSON.stringify({ request_id: "r", ...body })) }, (p) =>
    p.verification.check({ target, code: "123456" }),
  );

describe("v2 errors in plain words", () => {
  test("validation: a number that isn't E.164", async () => {
    const err = await preludeError({}, createV2("12"));
    assert.equal(err.name, "DingValidationError");
    assert.equal(err.field, "target.value");
    const s = describeError(err, "send");
    plain(s);
    assert.match(s, /phone number isn't valid/);
  });

  test("validation: a code with a control character", async () => {
    const err = await preludeError({}, (p) => p.verification.check({ target, code: "12\u0000" }));
    assert.equal(err.name, "DingValidationError");
    assert.equal(err.field, "code");
    plain(describeError(err, "check"));
  });

  test("validation: a callback URL that isn't http(s)", async () => {
    const err = await preludeError({}, (p) => p.verification.create({ target, options: { callbackUrl: "ftp://x" } }));
    assert.equal(err.field, "options.callbackUrl");
    assert.match(describeError(err, "send"), /webhook address/);
  });

  const apiCases = [
    [400, "unsupported_country", /can't send codes to numbers in that country/],
    [400, "invalid_phone_number", /doesn't look like a phone number/],
    [422, "invalid_line_type", /can't receive codes/],
    [400, "invalid_callback_url", /webhook address/],
    [400, "insufficient_balance", /out of credit/],
    [400, "some_new_code", /refused/],
  ];
  for (const [status, code, sentence] of apiCases) {
    test(`API error ${code}`, async () => {
      const body = JSON.stringify({ code, message: "x", param: "target.value" });
      const err = await preludeError({ fetch: answering(status, body) }, createV2());
      assert.equal(err.name, "DingApiError");
      assert.equal(err.code, code);
      const s = describeError(err, "send");
      plain(s);
      assert.match(s, sentence);
    });
  }

  test("a refused API key (401 with a code) is an HTTP error in plain words", async () => {
    const body = JSON.stringify({ code: "invalid_api_key", message: "x" });
    const err = await preludeError({ fetch: answering(401, body) }, createV2());
    assert.equal(err.name, "DingHttpError");
    assert.match(describeError(err, "send"), /API key was refused/);
  });

  test("every error code the v2 typings list gets a sentence", () => {
    const dts = readFileSync(join(root, "pkg", "ding_prelude.d.ts"), "utf8");
    const union = dts.match(/export type ErrorCode =([\s\S]*?);/)[1];
    const codes = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(codes.length >= 30, `found ${codes.length} codes`);
    for (const code of codes) plain(describeError({ name: "DingApiError", code }, "send"));
  });

  test("network, timeout, 5xx, decode and abort on v2", async () => {
    const down = await preludeError(
      {
        fetch: async () => {
          throw new TypeError("Failed to fetch");
        },
      },
      createV2(),
    );
    assert.equal(down.name, "DingNetworkError");
    assert.match(describeError(down, "check"), /Can't reach the code service/);
    const slow = await preludeError({ fetch: () => new Promise(() => {}), timeoutMs: 50, retries: 0 }, createV2());
    assert.equal(slow.name, "DingTimeoutError");
    assert.match(describeError(slow, "send"), /took too long/);
    const broken = await preludeError(
      { fetch: answering(503, '{"code":"internal","message":"x"}'), retries: 0 },
      createV2(),
    );
    assert.equal(broken.name, "DingHttpError");
    assert.match(describeError(broken, "send"), /having trouble/);
    const garbled = await preludeError({ fetch: answering(200, "<html>502</html>") }, createV2());
    assert.equal(garbled.name, "DingDecodeError");
    assert.match(describeError(garbled, "send"), /couldn't read/);
    const controller = new AbortController();
    const aborted = await preludeError({ fetch: () => new Promise(() => {}) }, (p) => {
      const pending = p.verification.create({ target }, { signal: controller.signal });
      controller.abort();
      return pending;
    });
    assert.equal(aborted.name, "DingAbortError");
    assert.match(describeError(aborted, "send"), /cancelled/);
  });

  test("webhook errors (raised by verifyWebhook on the server) read as sentences", async () => {
    const missing = await verifyWebhook({ body: "{}", signature: null, publicKey: "x" }).catch((e) => e);
    assert.equal(missing.name, "DingWebhookError");
    assert.equal(missing.code, "missing_signature");
    plain(describeError(missing));
    assert.match(describeError(missing), /without a signature/);
    const bad = await verifyWebhook({ body: "{}", signature: "rsassa-pss-sha256=AAAA", publicKey: "not a key" }).catch((e) => e);
    assert.equal(bad.name, "DingWebhookError");
    plain(describeError(bad));
    assert.match(describeError(bad), /didn't check out/);
  });
});

describe("v2 answers in plain words", () => {
  test("create: success, retry, challenged, shadow_blocked send a code", async () => {
    const success = createStatusMessage(await created({ id: "vrf_1", status: "success", channels: ["sms"] }));
    assert.deepEqual(success, { sent: true, again: false, text: "" });
    const retry = createStatusMessage(await created({ id: "vrf_1", status: "retry", channels: ["sms"] }));
    assert.deepEqual(retry, { sent: true, again: true, text: "We sent you another code." });
    const challenged = createStatusMessage(await created({ id: "vrf_1", status: "challenged", channels: ["whatsapp"] }));
    assert.equal(challenged.sent, true);
    plain(challenged.text);
    assert.match(challenged.text, /by WhatsApp instead of by text message/);
    const shadow = await created({ id: "vrf_1", status: "shadow_blocked", reason: "suspicious", risk_factors: ["poor_conversion_history"] });
    assert.equal(shadow.reason, "suspicious");
    assert.equal(createStatusMessage(shadow).sent, true);
  });

  const reasons = [
    ["in_block_list", /This number is on the block list/, "on the block list"],
    ["repeated_attempts", /Too many attempts for this number, try later/, "too many attempts"],
    ["invalid_phone_line", /This number can't receive codes/, "can't receive codes"],
    ["invalid_phone_number", /This number doesn't exist/, "number doesn't exist"],
    ["suspicious", /This request looks suspicious/, "suspicious"],
    ["expired_signature", /security check has expired/, "expired signature"],
    ["invalid_signature", /security check failed/, "invalid signature"],
    ["brand_new_reason", /can't send a code to this number/, "brand new reason"],
  ];
  for (const [reason, sentence, label] of reasons) {
    test(`create: blocked, ${reason}`, async () => {
      const res = await created({ id: "vrf_1", status: "blocked", reason, risk_factors: ["fraud_database"] });
      assert.equal(res.reason, reason);
      const m = createStatusMessage(res);
      assert.equal(m.sent, false);
      plain(m.text);
      assert.match(m.text, sentence);
      assert.equal(blockReasonMessage(reason), m.text);
      assert.equal(blockReasonLabel(reason), label);
    });
  }

  test("create: an unknown status sends nothing, in a sentence", async () => {
    const m = createStatusMessage(await created({ id: "vrf_1", status: "brand_new_status" }));
    assert.equal(m.sent, false);
    plain(m.text);
  });

  test("resend (create again): retry keeps the id, a new id means a new code", async () => {
    const again = resendStatusMessage(await created({ id: "vrf_1", status: "retry" }), "vrf_1");
    assert.equal(again.text, "We sent you another code.");
    const fresh = resendStatusMessage(await created({ id: "vrf_2", status: "success" }), "vrf_1");
    assert.equal(fresh.sent, true);
    assert.equal(fresh.text, "We sent you a new code. Only the newest one works.");
    const blocked = resendStatusMessage(await created({ id: "vrf_3", status: "blocked", reason: "repeated_attempts" }), "vrf_1");
    assert.equal(blocked.sent, false);
    assert.match(blocked.text, /Too many attempts/);
  });

  test("check: success, failure, expired_or_not_found and the rest", async () => {
    assert.deepEqual(checkV2StatusMessage((await checked({ id: "vrf_1", status: "success" })).status), { ok: true, text: "" });
    const failure = checkV2StatusMessage((await checked({ id: "vrf_1", status: "failure" })).status);
    assert.equal(failure.ok, false);
    assert.equal(failure.text, "Wrong code. Check the message and type it again.");
    const gone = checkV2StatusMessage((await checked({ status: "expired_or_not_found" })).status);
    assert.deepEqual(gone, { ok: false, sendNew: true, text: "This code expired or was already used: send a new one." });
    for (const s of ["transaction_missing", "transaction_mismatch", "brand_new_status"]) {
      const m = checkV2StatusMessage((await checked({ id: "vrf_1", status: s })).status);
      assert.equal(m.ok, false);
      plain(m.text);
    }
  });

  test("risk factors and channels", () => {
    assert.equal(riskFactorsText(["prefix_concentration", "fraud_database"]), "prefix concentration, fraud database");
    assert.equal(riskFactorsText(undefined), "");
    assert.equal(channelName("sms"), "text message");
    assert.equal(channelName("whatsapp"), "WhatsApp");
    assert.equal(channelName("brand_new"), "brand new");
  });

  test("every line type of the v2 typings, and the v1 ones, in words", async () => {
    const dts = readFileSync(join(root, "pkg", "ding_prelude.d.ts"), "utf8");
    const union = dts.match(/export type LineType =([\s\S]*?);/)[1];
    const types = [...union.matchAll(/"(\w+)"/g)].map((m) => m[1]);
    assert.ok(types.length >= 15, `found ${types.length} line types`);
    for (const t of types) {
      const w = lineTypeText(t);
      assert.doesNotMatch(w, /_/, `${t} reads "${w}"`);
      assert.match(w, /^[A-Z]/, `${t} reads "${w}"`);
    }
    assert.equal(lineTypeText("fixed_line"), "Landline");
    assert.equal(lineTypeText("FixedLine"), "Landline");
    assert.equal(lineTypeText("TollFree"), "Toll-free");
    assert.equal(lineTypeText("mobile"), "Mobile");
    const looked = await preludeCall(
      { fetch: answering(200, JSON.stringify({ phone_number: "+1", line_type: "voice_mail", flags: ["ported"] })) },
      (p) => p.lookup.lookup("+14155550123", { type: ["cnam"] }),
    );
    assert.equal(lineTypeText(looked.lineType), "Voicemail");
  });
});

describe("the timeline's lines", () => {
  test("v2 webhook events, as the demo server summarizes them", () => {
    const auth = describeWebhookEvent({ type: "verify.authentication", price: { amount: 0.009, currency: "EUR" } });
    assert.equal(auth.text, "Verification started");
    assert.match(auth.detail, /billed 0\.009 EUR/);
    const attempt = describeWebhookEvent({ type: "verify.attempt", channel: "sms", attemptNumber: 2 });
    assert.equal(attempt.text, "Code sent by SMS (attempt 2)");
    const delivery = describeWebhookEvent({ type: "verify.delivery_status", status: "in_transit" });
    assert.equal(delivery.text, "Delivery report: in transit");
    assert.equal(describeWebhookEvent({ type: "verify.delivery_status", status: "undeliverable" }).tone, "bad");
    assert.match(describeWebhookEvent({ type: "unknown", rawType: "verify.brand_new" }).text, /verify\.brand_new/);
  });

  test("v1 status events", () => {
    assert.equal(describeV1Event({ type: "attempt", capability: "text", attemptNumber: 1 }).text, "Code sent by SMS (attempt 1)");
    assert.equal(describeV1Event({ type: "check", code: "123456", status: "already_validated" }).text, "Code 123456 checked: already used");
    assert.equal(describeV1Event({ type: "check", code: "1", status: "valid" }).tone, "good");
    assert.match(describeV1Event({ type: "unknown", rawType: "carrier_lookup" }).text, /carrier_lookup/);
  });
});
