// The OTP flow every runtime test runs, written once and copied into each
// fresh project: all six operations against the mock server (started with
// `--code 123456 --api-key test-key --retry-window-secs 1`), plus the error
// classes. Web-standard JavaScript only (fetch, setTimeout, URL), so the same
// file runs in Node, Deno, Bun, workerd and browsers.
//
// runFlow(sdk, { serverURL }) takes the module namespace of "ding-otp" as the
// runtime loaded it, runPreludeFlow(v2, { serverURL }) that of
// "ding-otp/prelude"; each throws on the first wrong answer and resolves to
// a summary that the calling script checks (assertSummary,
// assertPreludeSummary). Both also pass the runtime's own `fetch` as the
// `fetch` option, unwrapped (browsers and workerd refuse it a foreign
// `this`), and check that a redirect is refused without being followed.

const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

function check(ok, what, got) {
  if (!ok) throw new Error(`${what} (got ${JSON.stringify(got)})`);
}

/**
 * A US number no earlier test used (one of 7.2 million). Its last four
 * digits run from 1000 to 9999, so it is never one of the mock's magic
 * numbers (last four digits 0666 to 0669: spam, blocked, flags).
 */
export const freshNumber = () =>
  "+1415" + String(200 + Math.floor(Math.random() * 800)) + String(1000 + Math.floor(Math.random() * 9000));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last code the mock "sent" to `phoneNumber`. */
async function inboxCode(serverURL, phoneNumber, net = fetch) {
  const res = await net(`${serverURL}/_mock/messages?phone_number=${encodeURIComponent(phoneNumber)}`);
  check(res.ok, "mock inbox answers", res.status);
  const { messages } = await res.json();
  check(messages.length > 0, "the mock sent a code", messages);
  return messages[messages.length - 1].code;
}

/** Awaits `promise` and returns what it rejected with; fails if it resolved. */
async function rejection(promise, what) {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error(`${what}: resolved instead of rejecting`);
}

/** `fetch` adding the mock's fault header; the rest of `init` (`redirect: "manual"`) unchanged. */
const withFault = (spec, base = fetch) => (url, init) =>
  base(url, { ...init, headers: { ...init.headers, "x-ding-mock-fault": spec } });

async function requestCount(serverURL, key, net = fetch) {
  const res = await net(`${serverURL}/_mock/requests?key=${key}`);
  return (await res.json()).count;
}

/** A redirect to another path of the mock: refused, not followed (the mock would count it twice). */
async function redirectRefused(call, serverURL, key, HttpError, net) {
  const err = await rejection(call(), "a redirect");
  check(err instanceof HttpError, "a redirect is a DingHttpError", String(err));
  check(err.status === 307 || err.status === 0, "with the redirect's status (0: a browser's opaque redirect)", err.status);
  const count = await requestCount(serverURL, key, net);
  check(count === 1, "the redirect was not followed", count);
  return err.status;
}

/**
 * Options of both flows: `serverURL` (the mock's /v1 URL), `apiKey`,
 * `platformFetch` (the clients' `fetch` option for the call that checks
 * it) and `net`: the fetch everything else goes through, the mock's
 * endpoints included (the global fetch, or a sandbox's).
 */
export async function runFlow(sdk, { serverURL, apiKey = "test-key", platformFetch = globalThis.fetch, net }) {
  const { Ding, DingError, DingApiError, DingValidationError } = sdk;
  check(typeof Ding === "function", "ding-otp exports Ding", typeof Ding);
  check(typeof serverURL === "string" && (net || serverURL.startsWith("http://127.0.0.1:")), "mock URL given", serverURL);
  net ??= globalThis.fetch;
  const ding = new Ding({ apiKey, serverURL, fetch: net });
  const phoneNumber = freshNumber();
  const done = [];

  // 1. createAuthentication
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber, deviceType: "ANDROID" });
  const authenticationUuid = auth.authenticationUuid;
  check(auth.status === "pending", "createAuthentication status", auth.status);
  check(auth.createdAt instanceof Date && auth.expiresAt > auth.createdAt, "createAuthentication dates", auth);
  done.push("createAuthentication");

  // 2. check: a wrong code, then (below, after the retry) the right one
  const code = await inboxCode(serverURL, phoneNumber, net);
  check(/^\d{6}$/.test(code), "a six-digit code in the inbox", code);
  const wrongCode = code === "000000" ? "111111" : "000000";
  const wrong = await ding.otp.check({ authenticationUuid, checkCode: wrongCode, customerUuid });
  check(wrong.status === "invalid" && wrong.authenticationUuid === authenticationUuid, "wrong code is invalid", wrong);

  // 3. retry: denied inside the one-second window, approved after it
  const denied = await ding.otp.retry({ authenticationUuid, customerUuid });
  check(denied.status === "denied" && denied.nextRetryAt instanceof Date, "early retry denied", denied);
  await sleep(1100);
  const approved = await ding.otp.retry({ authenticationUuid, customerUuid });
  check(approved.status === "approved", "retry approved", approved);
  check(approved.remainingRetry === denied.remainingRetry - 1, "a retry used", [denied, approved]);
  done.push("retry");

  const right = await ding.otp.check({
    authenticationUuid,
    checkCode: await inboxCode(serverURL, phoneNumber, net),
    customerUuid,
  });
  check(right.status === "valid", "right code is valid", right);
  done.push("check");

  // 4. feedback, and the same feedback again: a DingApiError
  const feedback = await ding.otp.feedback({ customerUuid, phoneNumber, status: "onboarded" });
  check(/^[0-9a-f-]{36}$/.test(feedback.uuid), "feedback uuid", feedback);
  done.push("feedback");
  const duplicate = await rejection(
    ding.otp.feedback({ customerUuid, phoneNumber, status: "onboarded" }),
    "duplicate feedback",
  );
  check(
    duplicate instanceof DingApiError && duplicate instanceof DingError && duplicate instanceof Error,
    "duplicate feedback rejects with the exported DingApiError class",
    String(duplicate),
  );
  check(duplicate.code === "duplicated_feedback_status" && duplicate.status === 400, "error code", duplicate.code);

  // 5. getAuthenticationStatus: the whole history
  const st = await ding.otp.getAuthenticationStatus(authenticationUuid);
  check(st.uuid === authenticationUuid && st.phoneNumber === phoneNumber, "status identifies the auth", st.uuid);
  check(st.signals.deviceType === "ANDROID", "signals kept", st.signals);
  const attempts = st.events.filter((e) => e.type === "attempt").map((e) => e.attemptNumber);
  check(attempts.join() === "1,2", "two attempts in the history", attempts);
  const checks = st.events.filter((e) => e.type === "check").map((e) => e.status);
  check(checks.join() === "invalid,valid", "both checks in the history", checks);
  check(st.events.every((e) => e.createdAt instanceof Date), "event dates are Dates", st.events);
  done.push("getAuthenticationStatus");

  // 6. lookup with the caller name
  const info = await ding.lookup.lookup(customerUuid, "+14155550123", ["cnam"]);
  check(info.phoneNumber === "+14155550123" && info.countryCode === "US", "lookup answer", info);
  check(typeof info.callerName === "string" && info.callerName.length > 0, "cnam caller name", info.callerName);
  done.push("lookup");

  // A bad input never leaves: DingValidationError naming the field.
  const invalid = await rejection(ding.otp.check({ customerUuid, checkCode: "1" }), "check without a uuid");
  check(invalid instanceof DingValidationError && invalid instanceof DingError, "validation error class", String(invalid));
  check(invalid.field === "authenticationUuid", "validation error field", invalid.field);

  // The runtime's own fetch, as it is.
  const direct = new Ding({ apiKey, serverURL, fetch: platformFetch });
  const again = await direct.lookup.lookup(customerUuid, "+14155550123");
  check(again.countryCode === "US", "a call through the platform's fetch", again);
  done.push("platformFetch");

  const key = "rt-" + Math.random().toString(36).slice(2);
  const target = `${serverURL}/lookup/%2B1415555${String(Math.floor(Math.random() * 9000) + 1000)}`;
  const redirecting = new Ding({ apiKey, serverURL, fetch: withFault(`status=307;location=${target};key=${key}`, net) });
  const redirect = await redirectRefused(
    () => redirecting.lookup.lookup(customerUuid, "+14155550177"),
    serverURL,
    key,
    sdk.DingHttpError,
    net,
  );
  done.push("redirect");

  return {
    operations: done,
    checks,
    attempts,
    callerName: info.callerName,
    errors: [duplicate.name, invalid.name],
    redirect,
  };
}

/** The v2 flow: create, inbox, wrong code, resend, right code, lookup, a webhook verified. */
export async function runPreludeFlow(v2, { serverURL, apiKey = "test-key", platformFetch = globalThis.fetch, net = globalThis.fetch }) {
  const { Prelude, DingApiError, DingError, DingHttpError, DingValidationError, DingWebhookError, verifyWebhook } = v2;
  check(typeof Prelude === "function" && typeof verifyWebhook === "function", "ding-otp/prelude exports", Object.keys(v2));
  const origin = new URL(serverURL).origin;
  const mock = (path) => net(`${origin}/v2/_mock${path}`).then((r) => r.json());
  const prelude = new Prelude({ apiKey, serverURL: origin, fetch: platformFetch });
  const value = freshNumber();
  const target = { type: "phone_number", value };
  const done = [];

  const created = await prelude.verification.create({ target, metadata: { correlationId: "rt-v2" } });
  check(created.status === "success" && created.id.startsWith("vrf_"), "create opens a verification", created);
  const inbox = async () => (await mock(`/messages?phone_number=${encodeURIComponent(value)}`)).messages;
  const first = await inbox();
  check(first.length === 1, "the code is in the inbox", first);
  const code = first[0].code;
  const wrong = await prelude.verification.check({ target, code: code === "000000" ? "111111" : "000000" });
  check(wrong.status === "failure", "a wrong code is a failure", wrong);
  const resent = await prelude.verification.create({ target });
  check(resent.status === "retry" && resent.id === created.id, "create inside the window resends", resent);
  check((await inbox()).length === 2, "a second message", await inbox());
  const right = await prelude.verification.check({ target, code: (await inbox()).at(-1).code });
  check(right.status === "success", "the right code", right);
  done.push("verification");

  const info = await prelude.lookup.lookup("+14155550123", { type: ["cnam"] });
  check(info.countryCode === "US" && typeof info.callerName === "string", "lookup with cnam", info);
  done.push("lookup");

  // A webhook the mock signed, checked with the key it publishes.
  const hooked = await prelude.verification.create({ target: { type: "phone_number", value: freshNumber() }, options: { callbackUrl: "http://127.0.0.1:9/hook" } });
  let delivery;
  for (let i = 0; i < 50 && !delivery; i++) {
    delivery = (await mock(`/webhooks?verification_id=${hooked.id}`)).deliveries.find((d) => d.event.type === "verify.authentication");
    if (!delivery) await sleep(100);
  }
  check(delivery, "the mock signed a webhook", hooked.id);
  const { pem } = await mock("/webhook-key");
  const event = await verifyWebhook({ body: delivery.body, signature: delivery.signature, publicKey: pem });
  check(event.type === "verify.authentication" && event.payload.verificationId === hooked.id, "a verified, typed event", event);
  check(event.createdAt instanceof Date, "event dates are Dates", event.createdAt);
  const forged = await rejection(
    verifyWebhook({ body: delivery.body.replace(hooked.id, created.id), signature: delivery.signature, publicKey: pem }),
    "a forged webhook",
  );
  check(forged instanceof DingWebhookError && forged.code === "bad_signature", "a forged body is refused", forged.code);
  done.push("webhook");

  const invalid = await rejection(prelude.verification.create({ target: { type: "phone_number", value: "06 12" } }), "a bad target");
  check(invalid instanceof DingValidationError && invalid instanceof DingError && invalid.field === "target.value", "validation", invalid.field);
  const unauthorized = await rejection(
    new Prelude({ apiKey: "wrong", serverURL: origin, fetch: net }).verification.create({ target }),
    "a wrong key",
  );
  check(unauthorized instanceof DingHttpError && unauthorized.status === 401, "a wrong key is a 401", String(unauthorized));
  check(!(unauthorized instanceof DingApiError), "not a refusal of the content", unauthorized.name);

  const key = "rt2-" + Math.random().toString(36).slice(2);
  const redirecting = new Prelude({
    apiKey,
    serverURL: origin,
    fetch: withFault(`status=307;location=${origin}/v2/lookup/%2B14155550188;key=${key}`, net),
  });
  const redirect = await redirectRefused(() => redirecting.lookup.lookup("+14155550199"), `${origin}/v2`, key, DingHttpError, net);
  done.push("redirect");
  return { operations: done, errors: [invalid.name, unauthorized.name, forged.name], event: event.type, redirect };
}

/**
 * Both flows on a fresh sandbox of the installed package (`createSandbox`
 * from "ding-otp/sandbox"): every call through `sandbox.fetch`, on the
 * clients' real default URLs, with no server. Resolves to
 * `{ ...v1 summary, prelude: v2 summary }`; the sandbox is closed after.
 */
export async function runOnSandbox(sdk, v2, createSandbox) {
  const sandbox = createSandbox({ code: "123456", apiKey: "test-key", retryWindowSecs: 1 });
  try {
    const options = { net: sandbox.fetch, platformFetch: sandbox.fetch };
    const summary = await runFlow(sdk, { ...options, serverURL: "https://api.ding.live/v1" });
    const prelude = await runPreludeFlow(v2, { ...options, serverURL: "https://api.prelude.dev" });
    return { ...summary, prelude };
  } finally {
    sandbox.close();
  }
}

/** Throws unless `summary` is what runPreludeFlow returns after a full run. */
export function assertPreludeSummary(summary) {
  check(summary && summary.operations && summary.operations.join() === "verification,lookup,webhook,redirect", "the v2 flow ran", summary);
  check(summary.errors.join() === "DingValidationError,DingHttpError,DingWebhookError", "the v2 error classes", summary.errors);
}

/** Throws unless `summary` is what runFlow returns after a full run. */
export function assertSummary(summary) {
  const want = "createAuthentication,retry,check,feedback,getAuthenticationStatus,lookup,platformFetch,redirect";
  check(summary && summary.operations && summary.operations.join() === want, "all six operations ran", summary);
  check(summary.errors.join() === "DingApiError,DingValidationError", "both error classes seen", summary.errors);
}
