// What the demo tells the person, in plain words: one sentence for every
// error the SDK can raise (told apart by err.name, err.code, err.status and
// err.field) and for every status an answer can carry. Nothing here is
// shown in the console.

const API_CODES = {
  invalid_phone_number: "That doesn't look like a phone number we can text. Check it and try again.",
  unsupported_region: "Sorry, we can't send codes to numbers in that country or region yet.",
  blocked_number: "We can't send codes to this number.",
  invalid_line: "This number can't receive text messages. Try a mobile number.",
  invalid_auth_uuid: "This sign-in has ended or was not found. Start again with your number.",
  no_associated_auth_found: "There is no sign-in for this number to give feedback about.",
  duplicated_feedback_status: "You already told us that. Thanks!",
  account_invalid: "This site's Ding account is not set up right (customer ID refused). Please try later.",
  suspended_account: "This site can't send codes right now (its Ding account is suspended). Please try later.",
  negative_balance: "This site can't send codes right now (its Ding account is out of credit). Please try later.",
  unauthorized_sender_id: "This site can't send codes right now (its sender name is not allowed). Please try later.",
  internal_server_error: "The code service had a problem. Please try again in a moment.",
};

const FIELDS = {
  phoneNumber: "That phone number isn't valid. Type it with its country code, like +1 415 555 0123.",
  checkCode: "A code has only digits. Type the code from the message.",
  authenticationUuid: "This sign-in has ended. Start again with your number.",
};

/**
 * One sentence for an error thrown by the SDK (or anything else thrown).
 * `kind` says what the person was doing: "send", "check", "resend",
 * "feedback", "lookup", "status".
 */
export function describeError(err, kind = "send") {
  const name = err?.name;
  if (name === "DingValidationError") {
    return FIELDS[err.field] || "Something in this form isn't valid. Check it and try again.";
  }
  if (name === "DingApiError") {
    return API_CODES[err.code] || "The request was refused. Check what you typed and try again.";
  }
  if (name === "DingHttpError") {
    const s = err.status;
    if (s === 429) return "Too many requests in a short time. Wait a minute, then try again.";
    if (s === 401 || s === 403) return "This site's Ding API key was refused, so no code can be sent. Please try later.";
    if (s === 408 || s === 504) return "The code service took too long to answer. Please try again.";
    if (s >= 500) return "The code service is having trouble right now. Please try again in a moment.";
    return "The code service couldn't handle that request. Please try again.";
  }
  if (name === "DingNetworkError") {
    return "Can't reach the code service: check your internet connection (or that the mock server is still running), then try again.";
  }
  if (name === "DingDecodeError") {
    return "The code service sent an answer we couldn't read. Please try again.";
  }
  if (name === "DingTimeoutError" || name === "TimeoutError") {
    return "The code service took too long to answer. Please try again.";
  }
  if (name === "DingAbortError" || name === "AbortError") {
    return "The request was cancelled. Please try again.";
  }
  const what = { check: "check the code", resend: "send a new code", feedback: "save your answer", lookup: "look the number up" };
  return `Something went wrong and we couldn't ${what[kind] || "send the code"}. Please try again.`;
}

/** Why createAuthentication sent nothing, or null when a code is on its way. */
export function sendStatusMessage(status) {
  switch (status) {
    case "pending":
      return null;
    case "rate_limited":
      return "Too many codes were asked for this number. Wait a while before asking again.";
    case "spam_detected":
      return "We couldn't send a code to this number because it looks like abuse. Try another number.";
    default:
      return "We couldn't send a code to this number. Please try again later.";
  }
}

/** What a check answer means for the person; `ok` only for a valid code. */
export function checkStatusMessage(status) {
  switch (status) {
    case "valid":
      return { ok: true, text: "" };
    case "already_validated":
      return { ok: true, text: "This code was already used to sign in." };
    case "invalid":
      return { ok: false, text: "That code isn't right. Check the message and type it again." };
    case "expired_auth":
      return { ok: false, restart: true, text: "This code has expired. Start again to get a new one." };
    case "rate_limited":
      return { ok: false, restart: true, text: "Too many wrong codes. For your safety, start again to get a new one." };
    case "without_attempt":
      return { ok: false, restart: true, text: "No code was sent for this sign-in. Start again with your number." };
    default:
      return { ok: false, text: "We couldn't check that code. Please try again." };
  }
}

/** What a retry answer means; `sent` when a new code went out. */
export function retryStatusMessage(status) {
  switch (status) {
    case "approved":
      return { sent: true, text: "A new code is on its way." };
    case "denied":
      return { sent: false, text: "A new code can be sent when the countdown ends." };
    case "rate_limited":
      return { sent: false, text: "No more new codes can be sent for this sign-in." };
    case "expired_auth":
      return { sent: false, restart: true, text: "This sign-in has expired. Start again to get a new code." };
    case "already_validated":
      return { sent: false, text: "You're already signed in with this code." };
    case "no_attempt":
      return { sent: false, restart: true, text: "No code was sent for this sign-in. Start again with your number." };
    default:
      return { sent: false, text: "We couldn't send a new code. Please try again later." };
  }
}

/** "1 new code left", "3 new codes left", "no new codes left". */
export function remainingText(n) {
  if (typeof n !== "number") return "";
  if (n <= 0) return "no new codes left";
  return n === 1 ? "1 new code left" : `${n} new codes left`;
}

/** "0:09", "1:05" for a number of whole seconds. */
export function clock(seconds) {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}
