// What the demo tells the person, in plain words: one sentence for every
// error the SDK can raise (told apart by err.name, err.code, err.status and
// err.field) and for every status an answer can carry, of both APIs: v2
// (Prelude: verification.create / check) and v1 (Ding, deprecated:
// createAuthentication / check / retry). Nothing here is shown in the console.

const API_CODES = {
  // v1 (Ding)
  invalid_phone_number: "That doesn't look like a phone number we can text. Check it and try again.",
  unsupported_region: "Sorry, we can't send codes to numbers in that country or region yet.",
  blocked_number: "We can't send codes to this number.",
  invalid_line: "This number can't receive text messages. Try a mobile number.",
  invalid_auth_uuid: "This sign-in has ended or was not found. Start again with your number.",
  no_associated_auth_found: "There is no sign-in for this number to give feedback about.",
  duplicated_feedback_status: "You already told us that. Thanks!",
  account_invalid: "This site's Ding account is not set up right (customer ID refused). Please try later.",
  suspended_account: "This site can't send codes right now (its account is suspended). Please try later.",
  negative_balance: "This site can't send codes right now (its Ding account is out of credit). Please try later.",
  unauthorized_sender_id: "This site can't send codes right now (its sender name is not allowed). Please try later.",
  internal_server_error: "The code service had a problem. Please try again in a moment.",
  // v2 (Prelude)
  unsupported_country: "Sorry, we can't send codes to numbers in that country yet.",
  invalid_line_type: "This number can't receive codes. Try a mobile number.",
  blocked: "We can't send a code to this number.",
  insufficient_balance: "This site can't send codes right now (its account is out of credit). Please try later.",
  internal: "The code service had a problem. Please try again in a moment.",
  invalid_api_key: "This site's API key was refused, so no code can be sent. Please try later.",
  invalid_api_token: "This site's API key was refused, so no code can be sent. Please try later.",
  invalid_bearer_token: "This site's API key was refused, so no code can be sent. Please try later.",
  missing_api_token: "This site sent no API key, so no code can be sent. Please try later.",
  invalid_callback_url: "The code service refused this site's webhook address. Please try later.",
  channel_not_enabled_in_region: "We can't send codes that way to numbers in that country. Please try later.",
  invalid_locale: "The code service didn't accept this page's language setting. Please try again.",
  invalid_request: "The code service couldn't read that request. Please try again.",
  template_not_found: "This site's message template was not found, so no code can be sent. Please try later.",
  template_not_registered_in_country: "This site can't send codes to numbers in that country yet.",
  email_verification_not_allowed: "This site can't send codes by e-mail.",
};

const FIELDS = {
  phoneNumber: "That phone number isn't valid. Type it with its country code, like +1 415 555 0123.",
  "target.value": "That phone number isn't valid. Type it with its country code, like +1 415 555 0123.",
  checkCode: "A code has only digits. Type the code from the message.",
  code: "A code has only letters and digits. Type the code from the message.",
  authenticationUuid: "This sign-in has ended. Start again with your number.",
  "options.callbackUrl": "This site's webhook address isn't valid, so no code was sent. Please try later.",
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
    if (s === 401 || s === 403) return "This site's API key was refused, so no code can be sent. Please try later.";
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
  if (name === "DingWebhookError") {
    // Raised on a server (verifyWebhook), never for a person's action.
    return err.code === "missing_signature"
      ? "A webhook came without a signature, so it was ignored."
      : "A webhook's signature didn't check out, so it was ignored.";
  }
  const what = { check: "check the code", resend: "send a new code", feedback: "save your answer", lookup: "look the number up" };
  return `Something went wrong and we couldn't ${what[kind] || "send the code"}. Please try again.`;
}

// ---- v1 (Ding) --------------------------------------------------------------

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

const ALREADY_USED = "This code was already used. Start again.";

/**
 * What a check answer means for the person; `ok` only for a valid code,
 * `restart` when only a new sign-in helps.
 */
export function checkStatusMessage(status) {
  switch (status) {
    case "valid":
      return { ok: true, text: "" };
    case "already_validated":
      // The right code of an authentication that was validated before: a
      // replay (another tab, another device, or someone else). Not a sign-in.
      return { ok: false, restart: true, text: ALREADY_USED };
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
      return { sent: false, restart: true, text: ALREADY_USED };
    case "no_attempt":
      return { sent: false, restart: true, text: "No code was sent for this sign-in. Start again with your number." };
    default:
      return { sent: false, text: "We couldn't send a new code. Please try again later." };
  }
}

// ---- v2 (Prelude) -------------------------------------------------------------

const CHANNELS = {
  sms: "text message",
  rcs: "RCS",
  whatsapp: "WhatsApp",
  viber: "Viber",
  zalo: "Zalo",
  telegram: "Telegram",
  voice: "phone call",
  email: "e-mail",
  silent: "silent check",
};

/** "text message", "WhatsApp": how a channel reads in a sentence. */
export function channelName(channel) {
  return CHANNELS[channel] || (channel ? String(channel).replace(/_/g, " ") : "message");
}

/** "SMS", "WhatsApp": a channel as a short label. */
export function channelLabel(channel) {
  if (channel === "sms") return "SMS";
  if (channel === "voice") return "Voice call";
  const name = channelName(channel);
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** Why `verification.create` answered `blocked`, for the person. */
export function blockReasonMessage(reason) {
  switch (reason) {
    case "in_block_list":
      return "This number is on the block list, so we can't send it a code.";
    case "repeated_attempts":
      return "Too many attempts for this number, try later.";
    case "invalid_phone_line":
      return "This number can't receive codes. Try a mobile number.";
    case "invalid_phone_number":
      return "This number doesn't exist. Check it and try again.";
    case "suspicious":
      return "This request looks suspicious, so we didn't send a code. Try again later.";
    case "expired_signature":
      return "This page's security check has expired. Reload the page and try again.";
    case "invalid_signature":
      return "This page's security check failed. Reload the page and try again.";
    default:
      return "We can't send a code to this number.";
  }
}

/** A block reason as a short label for the panel ("on the block list"). */
export function blockReasonLabel(reason) {
  const labels = {
    in_block_list: "on the block list",
    repeated_attempts: "too many attempts",
    invalid_phone_line: "can't receive codes",
    invalid_phone_number: "number doesn't exist",
    suspicious: "suspicious",
    expired_signature: "expired signature",
    invalid_signature: "invalid signature",
  };
  return labels[reason] || (reason ? String(reason).replace(/_/g, " ") : "no reason given");
}

/** "prefix concentration, fraud database": risk factors for the panel. */
export function riskFactorsText(factors) {
  return Array.isArray(factors) && factors.length ? factors.map((f) => String(f).replace(/_/g, " ")).join(", ") : "";
}

/**
 * What a `verification.create` answer means. `sent`: a code is on its way;
 * `again`: it was another attempt of the open verification (`retry`).
 * `text` is shown to the person (empty for a plain first send).
 */
export function createStatusMessage(res) {
  const status = res?.status;
  switch (status) {
    case "success":
    case "shadow_blocked": // a dry-run rule matched; the code went out all the same
      return { sent: true, again: false, text: "" };
    case "retry":
      return { sent: true, again: true, text: "We sent you another code." };
    case "challenged": {
      const channel = res.channels?.[0];
      const how = channel && channel !== "sms" && channel !== "voice" ? ` by ${channelName(channel)}` : "";
      return {
        sent: true,
        again: false,
        text: `For your safety, we sent the code${how} instead of by text message or call.`,
      };
    }
    case "blocked":
      return { sent: false, again: false, text: blockReasonMessage(res.reason) };
    default:
      return { sent: false, again: false, text: "We couldn't send a code to this number. Please try again later." };
  }
}

/**
 * What "Resend code" (a new create for the same number) means. A `retry`
 * keeps the verification; a `success` with another id opened a new one
 * (the old window had closed), so only the newest code works.
 */
export function resendStatusMessage(res, previousId) {
  const meaning = createStatusMessage(res);
  if (meaning.sent && !meaning.again && res.status !== "challenged" && res.id && res.id !== previousId) {
    return { ...meaning, text: "We sent you a new code. Only the newest one works." };
  }
  if (meaning.sent && !meaning.text) return { ...meaning, text: "We sent you another code." };
  return meaning;
}

/** What a `verification.check` answer means; `ok` only for `success`. */
export function checkV2StatusMessage(status) {
  switch (status) {
    case "success":
      return { ok: true, text: "" };
    case "failure":
      return { ok: false, text: "Wrong code. Check the message and type it again." };
    case "expired_or_not_found":
      // Expired, never sent, closed after too many wrong codes, or already used.
      return { ok: false, sendNew: true, text: "This code expired or was already used: send a new one." };
    case "transaction_missing":
    case "transaction_mismatch":
      return { ok: false, sendNew: true, text: "This code was issued for another payment: send a new one." };
    default:
      return { ok: false, text: "We couldn't check that code. Please try again." };
  }
}

// ---- both --------------------------------------------------------------------

const LINE_TYPES = {
  mobile: "Mobile",
  fixed_line: "Landline",
  toll_free: "Toll-free",
  voip: "VoIP",
  voice_mail: "Voicemail",
  premium_rate: "Premium rate",
  shared_cost: "Shared cost",
  local_rate: "Local rate",
  personal_number: "Personal number",
  pager: "Pager",
  payphone: "Payphone",
  satellite: "Satellite phone",
  calling_cards: "Calling-card access number",
  isp: "Internet provider range",
  service: "Automated service",
  short_codes_commercial: "Commercial short code",
  universal_access: "Universal access number",
  vpn: "Private network number",
  other: "Other service",
  unknown: "Unknown",
};

/** A line type in words, from v1 (`FixedLine`) or v2 (`fixed_line`). */
export function lineTypeText(lineType) {
  if (!lineType) return "—";
  const snake = String(lineType)
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase();
  return LINE_TYPES[snake] || snake.replace(/_/g, " ");
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
