// The OTP flow every runtime test runs, written once and copied into each
// fresh project: all six operations against the mock server (started with
// `--code 123456 --api-key test-key --retry-window-secs 1`), plus the error
// classes. Web-standard JavaScript only (fetch, setTimeout, URL), so the same
// file runs in Node, Deno, Bun, workerd and browsers.
//
// runFlow(sdk, { serverURL }) takes the module namespace of "ding-otp" as the
// runtime loaded it, throws on the first wrong answer and resolves to a
// summary that the calling script checks.

const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";

function check(ok, what, got) {
  if (!ok) throw new Error(`${what} (got ${JSON.stringify(got)})`);
}

const freshNumber = () => "+1415" + String(1_000_000 + Math.floor(Math.random() * 8_999_999));
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last code the mock "sent" to `phoneNumber`. */
async function inboxCode(serverURL, phoneNumber) {
  const res = await fetch(`${serverURL}/_mock/messages?phone_number=${encodeURIComponent(phoneNumber)}`);
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

export async function runFlow(sdk, { serverURL, apiKey = "test-key" }) {
  const { Ding, DingError, DingApiError, DingValidationError } = sdk;
  check(typeof Ding === "function", "ding-otp exports Ding", typeof Ding);
  check(typeof serverURL === "string" && serverURL.startsWith("http://127.0.0.1:"), "mock URL given", serverURL);
  const ding = new Ding({ apiKey, serverURL });
  const phoneNumber = freshNumber();
  const done = [];

  // 1. createAuthentication
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber, deviceType: "ANDROID" });
  const authenticationUuid = auth.authenticationUuid;
  check(auth.status === "pending", "createAuthentication status", auth.status);
  check(auth.createdAt instanceof Date && auth.expiresAt > auth.createdAt, "createAuthentication dates", auth);
  done.push("createAuthentication");

  // 2. check: a wrong code, then (below, after the retry) the right one
  const code = await inboxCode(serverURL, phoneNumber);
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
    checkCode: await inboxCode(serverURL, phoneNumber),
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

  return {
    operations: done,
    checks,
    attempts,
    callerName: info.callerName,
    errors: [duplicate.name, invalid.name],
  };
}

/** Throws unless `summary` is what runFlow returns after a full run. */
export function assertSummary(summary) {
  const want = "createAuthentication,retry,check,feedback,getAuthenticationStatus,lookup";
  check(summary && summary.operations && summary.operations.join() === want, "all six operations ran", summary);
  check(summary.errors.join() === "DingApiError,DingValidationError", "both error classes seen", summary.errors);
}
