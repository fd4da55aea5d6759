// The sign-in demo: the ding-otp package in the browser, against the local
// mock server, on either API (the switch at the top, or ?api=v1 / ?api=v2):
//
// v2 (Prelude, the default): number -> verification.create (with
//   options.callbackUrl: the demo server's webhook receiver) -> code ->
//   verification.check -> signed in. "Resend" is create again (`retry`, same
//   id). The timeline shows the webhook events the demo server received and
//   verified (GET /events); v2 has no status endpoint.
// v1 (Ding, deprecated): number -> createAuthentication -> code -> check ->
//   signed in -> feedback; retry with a countdown; the timeline comes from
//   getAuthenticationStatus.
// Both: the mock's test inbox and a number lookup.
//
// A real site never does this in the browser: the API key would be public.
// Here the key is a made-up one that only the local mock accepts.
import { Ding } from "ding-otp";
import { Prelude } from "ding-otp/prelude";
import { COUNTRIES, country, defaultCountry, parsePhone } from "./phone.js";
import {
  blockReasonLabel,
  channelLabel,
  checkStatusMessage,
  checkV2StatusMessage,
  clock,
  createStatusMessage,
  describeError,
  lineTypeText,
  remainingText,
  resendStatusMessage,
  retryStatusMessage,
  riskFactorsText,
  sendStatusMessage,
} from "./messages.js";
import { describeV1Event, describeWebhookEvent } from "./events.js";

const $ = (id) => document.getElementById(id);
const el = {};
for (const id of [
  "mock-url", "customer-uuid", "boot-error", "webhook-url", "api-v1", "api-v2", "api-status",
  "phone-form", "country", "dial", "phone", "phone-hint", "phone-error", "send",
  "code-form", "code-title", "code-number", "change-number", "code", "code-error", "code-info",
  "verify", "send-new", "restart", "resend", "resend-info", "expiry",
  "done", "done-title", "done-number", "fb-yes", "fb-no", "fb-result", "sign-out",
  "inbox", "inbox-sub", "inbox-live",
  "auth-badge", "auth-number", "auth-id", "auth-created", "auth-extra", "auth-risk", "timeline", "status-live",
  "lookup", "lookup-error", "lookup-result",
]) {
  el[id] = $(id);
}
const phoneField = el.phone.closest(".phone-field");

const INBOX_EVERY_MS = 1500;
const STATUS_EVERY_MS = 2000; // v1: getAuthenticationStatus
const EVENTS_EVERY_MS = 1000; // v2: the webhook events the demo server kept

const API_ANNOUNCE = {
  v2: "Using the v2 API (Prelude).",
  v1: "Using the v1 API (Ding), which is deprecated.",
};

const state = {
  /** "v2" (Prelude) or "v1" (Ding). */
  api: document.documentElement.dataset.api === "v1" ? "v1" : "v2",
  ding: null,
  prelude: null,
  /** The mock's origin (the Prelude serverURL) and its /v1 base (the Ding serverURL). */
  origin: "",
  v1URL: "",
  customerUuid: "",
  /** Where the mock POSTs v2 webhooks (the demo server), and where the page reads them. */
  webhookURL: "",
  eventsURL: "events",
  /** False when the page talks to another mock than the demo server's: its webhooks would not verify. */
  webhooksTrusted: true,
  /** The parsed number of the current sign-in. */
  phone: null,
  /**
   * The current authentication (v1) or verification (v2): { id, createdAt,
   * expiresAt (v1), channel, status, reason, riskFactors (v2) }.
   */
  auth: null,
  /** Latest outcome shown in the panel badge, like "v1:invalid" or "v2:retry". */
  outcome: null,
  nextRetryAt: null,
  remaining: null,
  signedIn: false,
  /** Bumped on every new sign-in and API switch, so late answers of an old one are dropped. */
  generation: 0,
  seenMessages: new Set(),
  lastTimeline: "",
};

// ---- small helpers --------------------------------------------------------

const time = (d) =>
  d instanceof Date && !Number.isNaN(d.getTime())
    ? d.toLocaleTimeString([], { hour: "numeric", minute: "2-digit", second: "2-digit" })
    : "—";

function setMessage(node, text, tone) {
  node.textContent = text || "";
  node.classList.toggle("ok", tone === "ok");
}

function show(step) {
  el["phone-form"].hidden = step !== "phone";
  el["code-form"].hidden = step !== "code";
  el.done.hidden = step !== "done";
}

function busy(button, label) {
  const idle = button.textContent;
  button.disabled = true;
  button.setAttribute("aria-busy", "true");
  button.textContent = label;
  return () => {
    button.textContent = idle;
    button.removeAttribute("aria-busy");
    button.disabled = false;
  };
}

const isV2 = () => state.api === "v2";
const target = () => ({ type: "phone_number", value: state.phone.e164 });

/** The mock's origin from its /v1 or /v2 base URL, or from the origin itself. */
const originOf = (url) => String(url || "").replace(/\/+$/, "").replace(/\/v[12]$/, "");

// ---- API switch --------------------------------------------------------------

function applyApi(api) {
  state.api = api;
  document.documentElement.dataset.api = api;
  el["api-v1"].checked = api === "v1";
  el["api-v2"].checked = api === "v2";
  el["mock-url"].textContent = state.origin ? (api === "v2" ? `${state.origin}/v2` : state.v1URL) : "not set";
}

for (const radio of [el["api-v1"], el["api-v2"]]) {
  radio.addEventListener("change", () => {
    if (!radio.checked || radio.value === state.api) return;
    applyApi(radio.value);
    const url = new URL(location.href);
    url.searchParams.set("api", radio.value);
    history.replaceState(null, "", url);
    el["api-status"].textContent = API_ANNOUNCE[radio.value];
    // A sign-in of the other API means nothing here: start from the number.
    const keepFocus = document.activeElement;
    startOver({ focus: false });
    resetPanels();
    keepFocus?.focus();
  });
}

// ---- phone step ------------------------------------------------------------

function fillCountries() {
  const initial = defaultCountry(navigator.languages || [navigator.language]);
  for (const c of COUNTRIES) {
    const opt = document.createElement("option");
    opt.value = c.iso;
    opt.textContent = `${c.name} (+${c.dial})`;
    el.country.append(opt);
  }
  el.country.value = initial;
  updatePhoneHint();
}

/** Parses the field; updates the dial prefix, hint and lookup button. Returns the parse. */
function updatePhoneHint() {
  const typed = el.phone.value;
  const parsed = parsePhone(typed, el.country.value);
  const intl = /^\s*(\+|00)/.test(typed);
  // A number typed with + picks its country in the list.
  if (intl && parsed.country && parsed.country.iso !== el.country.value) el.country.value = parsed.country.iso;
  const c = country(el.country.value);
  phoneField.classList.toggle("intl", intl);
  el.dial.textContent = c ? `+${c.dial}` : "+";
  el.phone.placeholder = c ? c.example : "";
  if (parsed.ok) {
    el["phone-hint"].textContent = `We'll text ${parsed.display}`;
  } else {
    el["phone-hint"].textContent = c ? `For example ${c.example}` : "Type the number with + and its country code";
  }
  el.lookup.disabled = !parsed.ok || !state.ding;
  el.lookup.textContent = parsed.ok ? `Look up ${parsed.display}` : "Look up";
  return parsed;
}

function phoneError(text) {
  setMessage(el["phone-error"], text);
  el.phone.setAttribute("aria-invalid", text ? "true" : "false");
}

el.phone.addEventListener("input", () => {
  updatePhoneHint();
  if (el["phone-error"].textContent) phoneError("");
});
el.country.addEventListener("change", () => {
  // Choosing a country re-reads the number as a national one of it.
  if (/^\s*(\+|00)/.test(el.phone.value)) el.phone.value = "";
  updatePhoneHint();
  phoneError("");
});

/** v2: asks for a code (a new verification, or another attempt of the open one). */
function createVerification() {
  const options = state.webhookURL && state.webhooksTrusted ? { callbackUrl: state.webhookURL } : undefined;
  return state.prelude.verification.create({
    target: target(),
    options,
    // What a web page can honestly say about its user's device.
    signals: { devicePlatform: "web" },
  });
}

/** v2: the panel's record of a create answer. */
function verificationOf(res) {
  return {
    id: res.id,
    createdAt: new Date(),
    channel: res.channels?.[0] || null,
    status: res.status,
    reason: res.reason || null,
    riskFactors: res.riskFactors || [],
  };
}

el["phone-form"].addEventListener("submit", async (ev) => {
  ev.preventDefault();
  if (!state.ding) return;
  const parsed = updatePhoneHint();
  if (!parsed.ok) {
    phoneError(parsed.message);
    el.phone.focus();
    return;
  }
  phoneError("");
  const done = busy(el.send, "Sending…");
  const generation = ++state.generation;
  const api = state.api;
  try {
    if (api === "v2") {
      state.phone = parsed;
      const res = await createVerification();
      if (generation !== state.generation) return;
      beginSignIn(parsed, verificationOf(res), `v2:${res.status}`);
      const meaning = createStatusMessage(res);
      if (!meaning.sent) {
        // Blocked: nothing was sent, so no code step. The panel shows why.
        phoneError(meaning.text);
        el.phone.focus();
        refreshInbox();
        refreshTimeline();
        schedulePolling();
        return;
      }
      enterCodeStep(meaning.text);
      return;
    }
    const auth = await state.ding.otp.createAuthentication({
      customerUuid: state.customerUuid,
      phoneNumber: parsed.e164,
      // What a web page can honestly say about its user's device.
      deviceType: "WEB",
      locale: navigator.language || undefined,
    });
    if (generation !== state.generation) return;
    beginSignIn(
      parsed,
      { id: auth.authenticationUuid, createdAt: auth.createdAt, expiresAt: auth.expiresAt, status: auth.status },
      `v1:${auth.status}`,
    );
    const notSent = sendStatusMessage(auth.status);
    if (notSent) {
      // Stored but nothing sent: the panel shows it, the person reads why.
      phoneError(notSent);
      refreshInbox();
      refreshTimeline();
      schedulePolling();
      return;
    }
    enterCodeStep();
  } catch (err) {
    if (generation === state.generation) phoneError(describeError(err, "send"));
  } finally {
    done();
  }
});

function beginSignIn(parsed, auth, outcome) {
  state.phone = parsed;
  state.auth = auth;
  state.outcome = outcome;
  state.nextRetryAt = null;
  state.remaining = null;
  state.signedIn = false;
  state.lastTimeline = "";
  renderAuthFacts();
  renderTimeline([], auth.status === "blocked" ? "Nothing was sent, so no webhook came." : "No events yet.");
}

// ---- code step ---------------------------------------------------------------

function enterCodeStep(note = "") {
  el["code-number"].textContent = state.phone.display;
  el.code.value = "";
  el.code.setAttribute("aria-invalid", "false");
  setMessage(el["code-error"], "");
  setMessage(el["code-info"], note, note ? "ok" : "");
  reopenCode();
  el["resend-info"].textContent = "";
  show("code");
  el.code.focus();
  updateCountdowns();
  refreshInbox();
  refreshTimeline();
  schedulePolling();
}

/** Makes the code step usable again (after a v2 "send a new code"). */
function reopenCode() {
  el.restart.hidden = true;
  el["send-new"].hidden = true;
  el.verify.hidden = false;
  el.verify.disabled = false;
  el.code.disabled = false;
  el.resend.disabled = false;
  el["code-form"].classList.remove("over");
}

/**
 * Shows a code error. `restart`: this sign-in is over, only a new one helps
 * (v1). `sendNew`: this code is over, a new create helps (v2).
 */
function codeError(text, { restart = false, sendNew = false } = {}) {
  setMessage(el["code-error"], text);
  setMessage(el["code-info"], "");
  el.code.setAttribute("aria-invalid", text ? "true" : "false");
  if (restart || sendNew) {
    el.verify.hidden = true;
    el.restart.hidden = !restart;
    el["send-new"].hidden = !sendNew;
    el.resend.disabled = true;
    el.code.disabled = true;
    el["code-form"].classList.add("over");
    for (const b of el.inbox.querySelectorAll(".sms-use")) b.remove();
    (restart ? el.restart : el["send-new"]).focus();
  }
}

el.code.addEventListener("input", () => {
  // Keep digits only, so a pasted "613 554" works.
  const digits = el.code.value.replace(/\D/g, "");
  if (digits !== el.code.value) el.code.value = digits;
  if (el["code-error"].textContent && !el.verify.hidden) codeError("");
});

el["code-form"].addEventListener("submit", async (ev) => {
  ev.preventDefault();
  if (!state.auth || el.verify.hidden) return;
  const code = el.code.value.trim();
  if (!code) return codeError("Type the code from the text message.");
  if (code.length < 4) return codeError("That code is too short: type every digit of the code.");
  const generation = state.generation;
  const done = busy(el.verify, "Checking…");
  try {
    if (isV2()) {
      const res = await state.prelude.verification.check({ target: target(), code });
      if (generation !== state.generation) return;
      state.outcome = `v2:check_${res.status}`;
      renderBadge();
      const meaning = checkV2StatusMessage(res.status);
      if (meaning.ok) signedIn();
      else {
        codeError(meaning.text, { sendNew: meaning.sendNew });
        if (!meaning.sendNew) el.code.select();
      }
      refreshTimeline();
      return;
    }
    const res = await state.ding.otp.check({
      authenticationUuid: state.auth.id,
      checkCode: code,
      customerUuid: state.customerUuid,
    });
    if (generation !== state.generation) return;
    state.outcome = `v1:${res.status}`;
    renderBadge();
    const meaning = checkStatusMessage(res.status);
    if (meaning.ok) {
      signedIn(meaning.text);
    } else {
      codeError(meaning.text, { restart: meaning.restart });
      if (!meaning.restart) el.code.select();
    }
    refreshTimeline();
  } catch (err) {
    if (generation === state.generation) codeError(describeError(err, "check"));
  } finally {
    done();
  }
});

/** v2 "Resend code" and "Send a new code": create again for the same number. */
async function resendV2(button) {
  const generation = state.generation;
  const previous = state.auth;
  const done = busy(button, "Sending…");
  try {
    const res = await createVerification();
    if (generation !== state.generation) return;
    const meaning = resendStatusMessage(res, previous.id);
    if (!meaning.sent) {
      // Refused (too many attempts, say): an open code still works.
      state.outcome = "v2:resend_blocked";
      state.auth = { ...previous, reason: res.reason || null, riskFactors: res.riskFactors || [], status: "blocked" };
      renderAuthFacts();
      setMessage(el["code-info"], "");
      setMessage(el["code-error"], meaning.text);
      return;
    }
    if (res.id !== previous.id) {
      // A new verification: the old window had closed (expired, used, or out of attempts).
      state.auth = verificationOf(res);
      state.lastTimeline = "";
      renderTimeline([]);
    } else {
      state.auth = { ...previous, status: res.status, channel: res.channels?.[0] || previous.channel };
    }
    state.outcome = `v2:${res.status}`;
    renderAuthFacts();
    reopenCode();
    el.code.value = "";
    el.code.setAttribute("aria-invalid", "false");
    setMessage(el["code-error"], "");
    setMessage(el["code-info"], meaning.text, "ok");
    el.code.focus();
    refreshInbox();
    refreshTimeline();
  } catch (err) {
    if (generation === state.generation) {
      setMessage(el["code-info"], "");
      setMessage(el["code-error"], describeError(err, "resend"));
    }
  } finally {
    done();
    updateCountdowns();
  }
}

el["send-new"].addEventListener("click", () => {
  if (state.auth && isV2()) resendV2(el["send-new"]);
});

el.resend.addEventListener("click", async () => {
  if (!state.auth) return;
  if (isV2()) return resendV2(el.resend);
  const generation = state.generation;
  const done = busy(el.resend, "Sending…");
  try {
    const res = await state.ding.otp.retry({
      authenticationUuid: state.auth.id,
      customerUuid: state.customerUuid,
    });
    if (generation !== state.generation) return;
    state.nextRetryAt = res.nextRetryAt ?? null;
    state.remaining = typeof res.remainingRetry === "number" ? res.remainingRetry : state.remaining;
    if (res.status !== "approved") state.outcome = `v1:retry_${res.status}`;
    renderBadge();
    const meaning = retryStatusMessage(res.status);
    if (meaning.restart) {
      codeError(meaning.text, { restart: true });
    } else if (meaning.sent) {
      setMessage(el["code-error"], "");
      setMessage(el["code-info"], meaning.text, "ok");
      el.code.focus();
    } else {
      // Not an error of the person's: the countdown on the button says when.
      codeError("");
      setMessage(el["code-info"], meaning.text);
    }
    refreshInbox();
    refreshTimeline();
  } catch (err) {
    if (generation === state.generation) {
      setMessage(el["code-info"], "");
      setMessage(el["code-error"], describeError(err, "resend"));
    }
  } finally {
    done();
    updateCountdowns();
  }
});

el["change-number"].addEventListener("click", () => startOver());
el.restart.addEventListener("click", () => startOver());

function startOver({ focus = true } = {}) {
  state.generation++;
  state.auth = null;
  state.signedIn = false;
  reopenCode();
  show("phone");
  phoneError("");
  for (const b of [el["fb-yes"], el["fb-no"]]) {
    b.disabled = false;
    b.removeAttribute("aria-pressed");
  }
  setMessage(el["fb-result"], "");
  updatePhoneHint();
  if (focus) {
    el.phone.focus();
    el.phone.select();
  }
  schedulePolling();
}

/** Empties the panels (on an API switch): they described the other API's sign-in. */
function resetPanels() {
  state.phone = null;
  state.outcome = null;
  renderAuthFacts();
  state.lastTimeline = "";
  renderTimeline([], "Events appear here as they happen.");
  el.inbox.dataset.key = "";
  el.inbox.innerHTML = '<li class="empty">No messages yet. Send a code and it shows up here.</li>';
  el["inbox-sub"].textContent = "The mock server delivers texts here instead of to a phone.";
  for (const live of [el["inbox-live"], el["status-live"]]) setLive(live, null, "");
  el["lookup-result"].hidden = true;
  el["lookup-result"].innerHTML = "";
  setMessage(el["lookup-error"], "");
}

/** Ticks the resend countdown and the expiry line (4 times a second while on the code step). */
function updateCountdowns() {
  if (el["code-form"].hidden || !state.auth) return;
  const now = Date.now();
  const resendBusy = el.resend.getAttribute("aria-busy") === "true";
  if (!resendBusy && !el.code.disabled) {
    const wait = state.nextRetryAt ? (state.nextRetryAt.getTime() - now) / 1000 : 0;
    if (state.remaining === 0) {
      el.resend.disabled = true;
      el.resend.textContent = "Resend code";
    } else if (wait > 0) {
      el.resend.disabled = true;
      el.resend.textContent = `Resend code in ${clock(wait)}`;
    } else {
      el.resend.disabled = false;
      el.resend.textContent = "Resend code";
    }
  }
  el["resend-info"].textContent = remainingText(state.remaining);
  // v2 answers carry no expiry: the check says when a code is over.
  const left = state.auth.expiresAt ? (state.auth.expiresAt.getTime() - now) / 1000 : null;
  if (left === null) {
    el.expiry.textContent = "";
  } else if (left > 0) {
    el.expiry.textContent = `The code works for ${clock(left)} more.`;
    el.expiry.classList.remove("expired");
  } else {
    el.expiry.textContent = "The code has expired.";
    el.expiry.classList.add("expired");
  }
}
setInterval(() => {
  updateCountdowns();
  renderBadge();
}, 250);

// ---- signed in and feedback ----------------------------------------------------

function signedIn(note) {
  state.signedIn = true;
  for (const b of el.inbox.querySelectorAll(".sms-use")) b.remove();
  el["done-number"].textContent = state.phone.display;
  setMessage(el["fb-result"], note || "");
  show("done");
  el["done-title"].focus();
  schedulePolling();
}

async function sendFeedback(status, button) {
  const generation = state.generation;
  const other = button === el["fb-yes"] ? el["fb-no"] : el["fb-yes"];
  const done = busy(button, "Saving…");
  other.disabled = true;
  try {
    await state.ding.otp.feedback({
      customerUuid: state.customerUuid,
      phoneNumber: state.phone.e164,
      status,
    });
    if (generation !== state.generation) return;
    done();
    button.setAttribute("aria-pressed", "true");
    button.disabled = true;
    setMessage(el["fb-result"], "Thanks! We saved your answer.", "ok");
    return;
  } catch (err) {
    if (generation !== state.generation) return;
    setMessage(el["fb-result"], describeError(err, "feedback"));
    // An answer already on record counts as saved.
    if (err?.code === "duplicated_feedback_status") {
      done();
      button.setAttribute("aria-pressed", "true");
      button.disabled = true;
      return;
    }
    done();
    other.disabled = false;
  }
}
el["fb-yes"].addEventListener("click", () => sendFeedback("onboarded", el["fb-yes"]));
el["fb-no"].addEventListener("click", () => sendFeedback("not_onboarded", el["fb-no"]));
el["sign-out"].addEventListener("click", () => startOver());

// ---- authentication / verification panel --------------------------------------

const BADGES = {
  "v1:pending": ["Waiting for the code", "pending"],
  "v1:invalid": ["Wrong code entered", "pending"],
  "v1:valid": ["Verified", "ok"],
  "v1:already_validated": ["Code already used", "bad"],
  "v1:expired_auth": ["Expired", "bad"],
  "v1:rate_limited": ["Locked: too many tries", "bad"],
  "v1:spam_detected": ["Blocked as spam", "bad"],
  "v1:without_attempt": ["No code sent", "bad"],
  "v1:retry_denied": ["Waiting for the code", "pending"],
  "v1:retry_rate_limited": ["No new codes left", "pending"],
  "v1:retry_expired_auth": ["Expired", "bad"],
  "v1:retry_no_attempt": ["No code sent", "bad"],
  "v1:retry_already_validated": ["Code already used", "bad"],
  "v2:success": ["Waiting for the code", "pending"],
  "v2:retry": ["Code sent again", "pending"],
  "v2:challenged": ["Challenged: no SMS", "pending"],
  "v2:shadow_blocked": ["Waiting for the code", "pending"],
  "v2:blocked": ["Blocked", "bad"],
  "v2:resend_blocked": ["Resend blocked", "bad"],
  "v2:check_success": ["Verified", "ok"],
  "v2:check_failure": ["Wrong code entered", "pending"],
  "v2:check_expired_or_not_found": ["Expired or used", "bad"],
};

function renderBadge() {
  const badge = el["auth-badge"];
  let label = "None yet";
  let tone = "";
  if (state.auth) {
    const raw = String(state.outcome || "").replace(/^v\d:/, "");
    [label, tone] = BADGES[state.outcome] || [raw.replace(/_/g, " ") || "Unknown", ""];
    const expired = state.auth.expiresAt && state.auth.expiresAt.getTime() <= Date.now();
    if (expired && tone !== "ok" && state.outcome !== "v1:already_validated") [label, tone] = ["Expired", "bad"];
  }
  if (badge.textContent !== label) badge.textContent = label;
  badge.className = `badge ${tone}`.trim();
}

/** The v2 anti-fraud line: why it was blocked, or the dry-run rule that matched. */
function riskText(a) {
  const factors = riskFactorsText(a.riskFactors);
  const withFactors = (s) => (factors ? `${s} (${factors})` : s);
  if (a.status === "blocked") return withFactors(`Blocked: ${blockReasonLabel(a.reason)}`);
  if (a.status === "shadow_blocked") return withFactors(`Dry-run rule matched (${blockReasonLabel(a.reason)}): sent anyway`);
  if (a.status === "challenged") return "Challenged: a channel safer than SMS";
  return "No rule matched";
}

function renderAuthFacts() {
  const a = state.auth;
  el["auth-number"].textContent = a ? state.phone?.display || "—" : "—";
  el["auth-id"].innerHTML = "";
  if (a?.id) {
    const code = document.createElement("code");
    code.textContent = a.id;
    el["auth-id"].append(code);
  } else {
    el["auth-id"].textContent = "—";
  }
  el["auth-created"].textContent = a ? time(a.createdAt) : "—";
  if (!a) el["auth-extra"].textContent = "—";
  else if (isV2()) el["auth-extra"].textContent = a.channel ? channelLabel(a.channel) : "—";
  else el["auth-extra"].textContent = time(a.expiresAt);
  el["auth-risk"].textContent = a && isV2() ? riskText(a) : "—";
  renderBadge();
}

/** Renders timeline items { key, kind, type, text, detail, tone, at }; `empty` when there are none. */
function renderTimeline(items, empty = "No events yet.") {
  const sorted = [...items].sort((a, b) => (a.at?.getTime() ?? 0) - (b.at?.getTime() ?? 0));
  const list = el.timeline;
  const key = JSON.stringify([empty, sorted.map((e) => e.key)]);
  if (key === state.lastTimeline) return;
  state.lastTimeline = key;
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.innerHTML = "";
  if (!sorted.length) {
    const li = document.createElement("li");
    li.className = "empty";
    li.textContent = empty;
    list.append(li);
    return;
  }
  for (const e of sorted) {
    const li = document.createElement("li");
    li.className = `event ${e.kind}${e.tone ? ` ${e.tone}` : ""}`;
    li.dataset.type = e.type;
    const dot = document.createElement("span");
    dot.className = "dot";
    const body = document.createElement("div");
    body.className = "event-text";
    body.textContent = e.text;
    if (e.detail) {
      const small = document.createElement("div");
      small.className = "event-detail";
      small.textContent = e.detail;
      body.append(small);
    }
    const when = document.createElement("time");
    when.className = "event-time";
    if (e.at) when.dateTime = e.at.toISOString();
    when.textContent = time(e.at);
    li.append(dot, body, when);
    list.append(li);
  }
  if (atBottom) list.scrollTop = list.scrollHeight;
}

/** `ok`: true (green), false (red) or null (nothing shown). */
function setLive(node, ok, text) {
  node.textContent = text;
  node.classList.toggle("on", ok === true);
  node.classList.toggle("down", ok === false);
}

let timelineInFlight = false;
async function refreshTimeline() {
  const auth = state.auth;
  if (!auth?.id || timelineInFlight) return;
  timelineInFlight = true;
  const generation = state.generation;
  try {
    if (isV2()) {
      if (!state.webhooksTrusted) {
        renderTimeline([], "No webhooks: the demo server only trusts the mock it was started with.");
        return;
      }
      const res = await fetch(`${state.eventsURL}?verificationId=${encodeURIComponent(auth.id)}`, { cache: "no-store" });
      if (!res.ok) throw new Error(`events answered ${res.status}`);
      const { events = [] } = await res.json();
      if (generation !== state.generation || state.auth?.id !== auth.id) return;
      const items = events.map((e) => ({
        key: e.id,
        type: e.type,
        at: e.createdAt ? new Date(e.createdAt) : null,
        ...describeWebhookEvent(e),
      }));
      const empty = auth.status === "blocked" && !items.length ? "Nothing was sent, so no webhook came." : "No webhook yet.";
      renderTimeline(items, empty);
      setLive(el["status-live"], true, `updated ${time(new Date())}`);
      return;
    }
    const st = await state.ding.otp.getAuthenticationStatus(auth.id);
    if (generation !== state.generation) return;
    const items = (st.events || []).map((e) => ({
      key: [e.type, e.createdAt?.getTime(), e.status, e.code, e.id].join("|"),
      type: e.type,
      at: e.createdAt,
      ...describeV1Event(e),
    }));
    renderTimeline(items);
    setLive(el["status-live"], true, `updated ${time(new Date())}`);
  } catch (err) {
    if (generation === state.generation) setLive(el["status-live"], false, describeShort(err));
  } finally {
    timelineInFlight = false;
  }
}

function describeShort(err) {
  if (isV2()) return "can't reach the demo server";
  return err?.name === "DingNetworkError" ? "can't reach the server" : "couldn't update";
}

// ---- inbox ---------------------------------------------------------------------

const messageOwner = (m) => (isV2() ? m.verification_id : m.authentication_uuid);

function renderInbox(messages) {
  const list = el.inbox;
  const mine = messages.filter((m) => m.phone_number === state.phone?.e164 && messageOwner(m)).reverse();
  const key = mine.map((m) => `${messageOwner(m)}/${m.created_at}`).join(",");
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.innerHTML = "";
  if (!mine.length) {
    list.innerHTML = '<li class="empty">No messages to this number yet.</li>';
    return;
  }
  for (const m of mine) {
    const owner = messageOwner(m);
    const id = `${owner}/${m.created_at}`;
    const current = owner === state.auth?.id;
    const li = document.createElement("li");
    li.className = `sms${current ? "" : " old"}${state.seenMessages.has(id) ? "" : " new"}`;
    state.seenMessages.add(id);
    const meta = document.createElement("div");
    meta.className = "sms-meta";
    const from = document.createElement("span");
    from.className = "sms-from";
    const sender = isV2() ? "Prelude" : "Ding";
    const via = isV2() && m.channel && m.channel !== "sms" ? ` · ${channelLabel(m.channel)}` : "";
    from.textContent = current ? `${sender}${via}` : `${sender} · earlier code`;
    const when = document.createElement("time");
    when.textContent = time(new Date(m.created_at));
    meta.append(from, when);
    const text = document.createElement("p");
    text.className = "sms-text";
    const at = m.content.indexOf(m.code);
    if (at >= 0) {
      const code = document.createElement("span");
      code.className = "sms-code";
      code.textContent = m.code;
      text.append(m.content.slice(0, at), code, m.content.slice(at + m.code.length));
    } else {
      text.textContent = m.content;
    }
    li.append(meta, text);
    if (current && !state.signedIn && !el.code.disabled) {
      const use = document.createElement("button");
      use.type = "button";
      use.className = "secondary sms-use";
      use.textContent = "Use this code";
      use.addEventListener("click", () => {
        if (el["code-form"].hidden || el.code.disabled) return;
        el.code.value = m.code;
        el.code.focus();
      });
      li.append(use);
    }
    list.append(li);
  }
}

let inboxInFlight = false;
async function refreshInbox() {
  if (!state.phone || inboxInFlight) return;
  inboxInFlight = true;
  const generation = state.generation;
  try {
    const base = isV2() ? `${state.origin}/v2` : state.v1URL;
    const url = `${base}/_mock/messages?phone_number=${encodeURIComponent(state.phone.e164)}`;
    const res = await fetch(url, { cache: "no-store" });
    if (!res.ok) throw new Error(`inbox answered ${res.status}`);
    const body = await res.json();
    if (generation !== state.generation) return;
    el["inbox-sub"].textContent = `Texts the mock "sent" to ${state.phone.display}. Newest first.`;
    renderInbox(body.messages || []);
    setLive(el["inbox-live"], true, "live");
  } catch {
    if (generation === state.generation) setLive(el["inbox-live"], false, "can't reach the mock");
  } finally {
    inboxInFlight = false;
  }
}

// ---- polling ---------------------------------------------------------------------

let inboxTimer = 0;
let statusTimer = 0;
function schedulePolling() {
  clearInterval(inboxTimer);
  clearInterval(statusTimer);
  if (!state.auth) return;
  // The inbox matters until the person is in; the timeline keeps updating.
  if (!state.signedIn) inboxTimer = setInterval(refreshInbox, INBOX_EVERY_MS);
  statusTimer = setInterval(refreshTimeline, isV2() ? EVENTS_EVERY_MS : STATUS_EVERY_MS);
}
document.addEventListener("visibilitychange", () => {
  if (document.hidden) {
    clearInterval(inboxTimer);
    clearInterval(statusTimer);
  } else {
    schedulePolling();
  }
});

// ---- lookup --------------------------------------------------------------------------

const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

function countryText(code) {
  if (!code) return "—";
  const region = code !== "ZZ" ? regionNames?.of(code) : null;
  return region ? `${region} (${code})` : code;
}

const yesNo = (b) => (b === true ? "Yes" : b === false ? "No" : "—");
const network = (n) => (n?.mcc || n?.mnc ? `${n.mcc || "?"} / ${n.mnc || "?"}` : "—");

/** v2: prelude.lookup.lookup (snake_case line types, flags, network info). */
async function lookupV2(parsed) {
  const r = await state.prelude.lookup.lookup(parsed.e164, { type: ["cnam"] });
  const flags = r.flags || [];
  const ported = flags.includes("ported");
  const original = r.originalNetworkInfo?.carrierName;
  const movedFrom = ported && original && original !== r.networkInfo?.carrierName ? ` (first carrier: ${original})` : "";
  return [
    ["Number", r.phoneNumber || parsed.e164],
    ["Country", countryText(r.countryCode)],
    ["Line type", lineTypeText(r.lineType)],
    ["Carrier", r.networkInfo?.carrierName || "—"],
    ["Network (MCC/MNC)", network(r.networkInfo)],
    ["Caller name", r.callerName || "—"],
    ["Ported", ported ? `Yes${movedFrom}` : "No"],
    ["Temporary number", flags.includes("temporary") ? "Yes: likely disposable" : "No"],
  ];
}

/** v1: ding.lookup.lookup (PascalCase line types, booleans). */
async function lookupV1(parsed) {
  const r = await state.ding.lookup.lookup(state.customerUuid, parsed.e164, ["cnam"]);
  return [
    ["Number", r.phoneNumber || parsed.e164],
    ["Country", countryText(r.countryCode)],
    ["Line type", lineTypeText(r.lineType)],
    ["Carrier", r.carrier || "—"],
    ["Network (MCC/MNC)", network(r)],
    ["Caller name", r.callerName || "—"],
    ["Ported", yesNo(r.numberPorted)],
    ["Temporary number", yesNo(r.temporaryPhoneNumber)],
  ];
}

el.lookup.addEventListener("click", async () => {
  const parsed = updatePhoneHint();
  if (!parsed.ok) return;
  const api = state.api;
  const done = busy(el.lookup, "Looking up…");
  setMessage(el["lookup-error"], "");
  try {
    const rows = await (api === "v2" ? lookupV2(parsed) : lookupV1(parsed));
    if (api !== state.api) return; // the API was switched meanwhile
    const dl = el["lookup-result"];
    dl.innerHTML = "";
    for (const [k, v] of rows) {
      const div = document.createElement("div");
      const dt = document.createElement("dt");
      dt.textContent = k;
      const dd = document.createElement("dd");
      dd.textContent = v;
      div.append(dt, dd);
      dl.append(div);
    }
    dl.hidden = false;
  } catch (err) {
    if (api !== state.api) return;
    el["lookup-result"].hidden = true;
    setMessage(el["lookup-error"], describeError(err, "lookup"));
  } finally {
    done();
    updatePhoneHint();
  }
});

// ---- start ---------------------------------------------------------------------------

async function start() {
  let config = {};
  try {
    const res = await fetch("config.json", { cache: "no-store" });
    if (res.ok) config = await res.json();
  } catch {
    // No config endpoint: the ?mock= parameter may still say where the mock is.
  }
  // ?mock=URL points the page at another local mock (the tests use it).
  const fromQuery = new URLSearchParams(location.search).get("mock");
  const local = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+|\[::1\])(:\d+)?\//;
  const configured = originOf(config.mockOrigin || config.mockURL);
  state.origin = originOf(fromQuery && local.test(fromQuery + "/") ? fromQuery : configured);
  state.v1URL = state.origin ? `${state.origin}/v1` : "";
  state.customerUuid = config.customerUuid || "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
  // The demo server checks webhooks with its own mock's key only.
  state.webhookURL = local.test(`${config.webhookURL || ""}/`) ? config.webhookURL : "";
  state.eventsURL = String(config.eventsURL || "events").replace(/^\//, "");
  state.webhooksTrusted = Boolean(state.webhookURL) && state.origin === configured;
  el["webhook-url"].textContent = state.webhookURL || "/webhooks/prelude";
  applyApi(state.api);
  el["mock-url"].closest(".mode").hidden = false;
  el["customer-uuid"].textContent = state.customerUuid;
  fillCountries();
  if (!state.origin) {
    el["boot-error"].hidden = false;
    return;
  }
  try {
    const apiKey = config.apiKey || "demo-key-for-the-mock";
    state.ding = new Ding({ apiKey, serverURL: state.v1URL });
    state.prelude = new Prelude({ apiKey, serverURL: state.origin });
  } catch (err) {
    el["boot-error"].hidden = false;
    el["boot-error"].textContent = `The demo could not start: ${err.message}`;
    return;
  }
  el.send.disabled = false;
  updatePhoneHint();
  document.documentElement.dataset.ready = "true";
}

start();
