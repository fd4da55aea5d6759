// The demo's plain-words layer, without a browser: phone numbers typed the
// way people type them (www/phone.js), and what the page says for each error
// the real SDK throws (www/messages.js), with errors provoked through the
// built package (pkg/node.js) and a fake fetch.
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
} from "../../www/messages.js";
import { root, CUSTOMER_UUID } from "./support.mjs";

const { Ding } = await import(join(root, "pkg", "node.js"));

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
  const ding = new Ding({ apiKey: "k", serverURL: "http://127.0.0.1:9/v1", ...options });
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
    assert.equal(checkStatusMessage("already_validated").ok, true);
    for (const s of ["invalid", "expired_auth", "rate_limited", "without_attempt", "unknown", "brand_new"]) {
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
