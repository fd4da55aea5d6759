// The sign-in demo: the ding-otp package in the browser, against the mock
// Ding server. Flow: number -> createAuthentication -> code -> check ->
// signed in -> feedback; retry with a countdown; the authentication's status
// and timeline (getAuthenticationStatus), the mock's inbox and a lookup.
//
// A real site never does this in the browser: the API key would be public.
// Here the key is a made-up one that only the local mock accepts.
import { Ding } from "ding-otp";
import { COUNTRIES, country, defaultCountry, parsePhone } from "./phone.js";
import {
  checkStatusMessage,
  clock,
  describeError,
  remainingText,
  retryStatusMessage,
  sendStatusMessage,
} from "./messages.js";

const $ = (id) => document.getElementById(id);
const el = {};
for (const id of [
  "mock-url", "customer-uuid", "boot-error",
  "phone-form", "country", "dial", "phone", "phone-hint", "phone-error", "send",
  "code-form", "code-title", "code-number", "change-number", "code", "code-error", "code-info",
  "verify", "restart", "resend", "resend-info", "expiry",
  "done", "done-title", "done-number", "fb-yes", "fb-no", "fb-result", "sign-out",
  "inbox", "inbox-sub", "inbox-live",
  "auth-badge", "auth-number", "auth-id", "auth-created", "auth-expires", "timeline", "status-live",
  "lookup", "lookup-error", "lookup-result",
]) {
  el[id] = $(id);
}
const phoneField = el.phone.closest(".phone-field");

const INBOX_EVERY_MS = 1500;
const STATUS_EVERY_MS = 2000;

const state = {
  ding: null,
  mockURL: "",
  customerUuid: "",
  /** The parsed number of the current authentication. */
  phone: null,
  /** { uuid, createdAt, expiresAt, status } of the current authentication. */
  auth: null,
  /** Latest outcome shown in the panel badge: a create, check or retry status. */
  outcome: null,
  nextRetryAt: null,
  remaining: null,
  signedIn: false,
  /** Bumped on every new authentication, so late answers of an old one are dropped. */
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
  try {
    const auth = await state.ding.otp.createAuthentication({
      customerUuid: state.customerUuid,
      phoneNumber: parsed.e164,
      // What a web page can honestly say about its user's device.
      deviceType: "WEB",
      locale: navigator.language || undefined,
    });
    if (generation !== state.generation) return;
    state.phone = parsed;
    state.auth = {
      uuid: auth.authenticationUuid,
      createdAt: auth.createdAt,
      expiresAt: auth.expiresAt,
    };
    state.outcome = auth.status;
    state.nextRetryAt = null;
    state.remaining = null;
    state.signedIn = false;
    state.lastTimeline = "";
    renderAuthFacts();
    const notSent = sendStatusMessage(auth.status);
    if (notSent) {
      // Stored but nothing sent: the panel shows it, the person reads why.
      phoneError(notSent);
      refreshStatus();
      return;
    }
    enterCodeStep();
  } catch (err) {
    if (generation === state.generation) phoneError(describeError(err, "send"));
  } finally {
    done();
  }
});

// ---- code step ---------------------------------------------------------------

function enterCodeStep() {
  el["code-number"].textContent = state.phone.display;
  el.code.value = "";
  el.code.setAttribute("aria-invalid", "false");
  setMessage(el["code-error"], "");
  setMessage(el["code-info"], "");
  el.restart.hidden = true;
  el.verify.hidden = false;
  el.verify.disabled = false;
  el["resend-info"].textContent = "";
  show("code");
  el.code.focus();
  updateCountdowns();
  refreshInbox();
  refreshStatus();
  schedulePolling();
}

function codeError(text, { restart = false } = {}) {
  setMessage(el["code-error"], text);
  setMessage(el["code-info"], "");
  el.code.setAttribute("aria-invalid", text ? "true" : "false");
  if (restart) {
    // This authentication is over: only a new one helps.
    el.verify.hidden = true;
    el.restart.hidden = false;
    el.resend.disabled = true;
    el.code.disabled = true;
    el["code-form"].classList.add("over");
    for (const b of el.inbox.querySelectorAll(".sms-use")) b.remove();
    el.restart.focus();
  }
}

el.code.addEventListener("input", () => {
  // Keep digits only, so a pasted "613 554" works.
  const digits = el.code.value.replace(/\D/g, "");
  if (digits !== el.code.value) el.code.value = digits;
  if (el["code-error"].textContent && el.restart.hidden) codeError("");
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
    const res = await state.ding.otp.check({
      authenticationUuid: state.auth.uuid,
      checkCode: code,
      customerUuid: state.customerUuid,
    });
    if (generation !== state.generation) return;
    state.outcome = res.status;
    renderBadge();
    const meaning = checkStatusMessage(res.status);
    if (meaning.ok) {
      signedIn(meaning.text);
    } else {
      codeError(meaning.text, { restart: meaning.restart });
      if (!meaning.restart) el.code.select();
    }
    refreshStatus();
  } catch (err) {
    if (generation === state.generation) codeError(describeError(err, "check"));
  } finally {
    done();
  }
});

el.resend.addEventListener("click", async () => {
  if (!state.auth) return;
  const generation = state.generation;
  const done = busy(el.resend, "Sending…");
  try {
    const res = await state.ding.otp.retry({
      authenticationUuid: state.auth.uuid,
      customerUuid: state.customerUuid,
    });
    if (generation !== state.generation) return;
    state.nextRetryAt = res.nextRetryAt ?? null;
    state.remaining = typeof res.remainingRetry === "number" ? res.remainingRetry : state.remaining;
    if (res.status !== "approved") state.outcome = `retry_${res.status}`;
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
    refreshStatus();
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

function startOver() {
  state.generation++;
  state.auth = null;
  state.signedIn = false;
  el.code.disabled = false;
  el.resend.disabled = false;
  el["code-form"].classList.remove("over");
  show("phone");
  phoneError("");
  for (const b of [el["fb-yes"], el["fb-no"]]) {
    b.disabled = false;
    b.removeAttribute("aria-pressed");
  }
  setMessage(el["fb-result"], "");
  updatePhoneHint();
  el.phone.focus();
  el.phone.select();
  schedulePolling();
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

// ---- authentication panel ------------------------------------------------------

const BADGES = {
  pending: ["Waiting for the code", "pending"],
  invalid: ["Wrong code entered", "pending"],
  valid: ["Verified", "ok"],
  already_validated: ["Verified", "ok"],
  expired_auth: ["Expired", "bad"],
  rate_limited: ["Locked: too many tries", "bad"],
  spam_detected: ["Blocked as spam", "bad"],
  without_attempt: ["No code sent", "bad"],
  retry_denied: ["Waiting for the code", "pending"],
  retry_rate_limited: ["No new codes left", "pending"],
  retry_expired_auth: ["Expired", "bad"],
  retry_no_attempt: ["No code sent", "bad"],
  retry_already_validated: ["Verified", "ok"],
};

function renderBadge() {
  const badge = el["auth-badge"];
  let label = "None yet";
  let tone = "";
  if (state.auth) {
    [label, tone] = BADGES[state.outcome] || [String(state.outcome || "Unknown"), ""];
    const expired = state.auth.expiresAt && state.auth.expiresAt.getTime() <= Date.now();
    if (expired && tone !== "ok") [label, tone] = ["Expired", "bad"];
    if (!state.signedIn && state.outcome === "pending" && !expired) tone = "pending";
  }
  if (badge.textContent !== label) badge.textContent = label;
  badge.className = `badge ${tone}`.trim();
}

function renderAuthFacts() {
  const a = state.auth;
  el["auth-number"].textContent = a ? state.phone?.display || "—" : "—";
  el["auth-id"].innerHTML = "";
  if (a?.uuid) {
    const code = document.createElement("code");
    code.textContent = a.uuid;
    el["auth-id"].append(code);
  } else {
    el["auth-id"].textContent = "—";
  }
  el["auth-created"].textContent = a ? time(a.createdAt) : "—";
  el["auth-expires"].textContent = a ? time(a.expiresAt) : "—";
  renderBadge();
}

const CHECK_WORDS = {
  valid: "correct",
  invalid: "wrong",
  expired_auth: "too late: expired",
  rate_limited: "refused: too many tries",
  already_validated: "already used",
  without_attempt: "no code was sent",
};

function describeEvent(e) {
  switch (e.type) {
    case "attempt":
      return {
        text: `Code sent by ${e.capability === "text" ? "SMS" : e.capability || "message"}${
          e.attemptNumber ? ` (attempt ${e.attemptNumber})` : ""
        }`,
        detail: [e.senderId && `from ${e.senderId}`, e.status].filter(Boolean).join(" · "),
      };
    case "delivery_status":
      return {
        text: `Delivery report: ${String(e.status || "unknown").replace(/_/g, " ")}`,
        detail: e.attemptNumber ? `attempt ${e.attemptNumber}` : "",
      };
    case "check": {
      const word = CHECK_WORDS[e.status] || e.status || "checked";
      return {
        text: `Code ${e.code || ""} checked: ${word}`,
        detail: "",
        tone: e.status === "valid" ? "good" : "bad",
      };
    }
    case "balance_update": {
      const amount = typeof e.amount === "number" ? e.amount.toFixed(3).replace("-", "−") : "";
      return {
        text: `Balance ${amount}`,
        detail: String(e.balanceUpdateType || "").replace(/_/g, " "),
      };
    }
    default:
      return { text: `Event "${e.rawType || e.type}"`, detail: "not known to this SDK version" };
  }
}

function renderTimeline(events) {
  const sorted = [...events].sort(
    (a, b) => (a.createdAt?.getTime() ?? 0) - (b.createdAt?.getTime() ?? 0),
  );
  const list = el.timeline;
  const key = JSON.stringify(sorted.map((e) => [e.type, e.createdAt?.getTime(), e.status, e.code, e.id]));
  if (key === state.lastTimeline) return;
  state.lastTimeline = key;
  const atBottom = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.innerHTML = "";
  if (!sorted.length) {
    list.innerHTML = '<li class="empty">No events yet.</li>';
    return;
  }
  for (const e of sorted) {
    const d = describeEvent(e);
    const li = document.createElement("li");
    li.className = `event ${e.type}${d.tone ? ` ${d.tone}` : ""}`;
    li.dataset.type = e.type;
    const dot = document.createElement("span");
    dot.className = "dot";
    const body = document.createElement("div");
    body.className = "event-text";
    body.textContent = d.text;
    if (d.detail) {
      const small = document.createElement("div");
      small.className = "event-detail";
      small.textContent = d.detail;
      body.append(small);
    }
    const when = document.createElement("time");
    when.className = "event-time";
    if (e.createdAt) when.dateTime = e.createdAt.toISOString();
    when.textContent = time(e.createdAt);
    li.append(dot, body, when);
    list.append(li);
  }
  if (atBottom) list.scrollTop = list.scrollHeight;
}

function setLive(node, ok, text) {
  node.textContent = text;
  node.classList.toggle("on", ok);
  node.classList.toggle("down", !ok);
}

let statusInFlight = false;
async function refreshStatus() {
  if (!state.auth?.uuid || statusInFlight) return;
  statusInFlight = true;
  const generation = state.generation;
  try {
    const st = await state.ding.otp.getAuthenticationStatus(state.auth.uuid);
    if (generation !== state.generation) return;
    renderTimeline(st.events || []);
    setLive(el["status-live"], true, `updated ${time(new Date())}`);
  } catch (err) {
    if (generation === state.generation) setLive(el["status-live"], false, describeShort(err));
  } finally {
    statusInFlight = false;
  }
}

function describeShort(err) {
  return err?.name === "DingNetworkError" ? "can't reach the server" : "couldn't update";
}

// ---- inbox ---------------------------------------------------------------------

function renderInbox(messages) {
  const list = el.inbox;
  const mine = messages.filter((m) => m.phone_number === state.phone?.e164).reverse();
  const key = mine.map((m) => `${m.authentication_uuid}/${m.created_at}`).join(",");
  if (list.dataset.key === key) return;
  list.dataset.key = key;
  list.innerHTML = "";
  if (!mine.length) {
    list.innerHTML = '<li class="empty">No messages to this number yet.</li>';
    return;
  }
  for (const m of mine) {
    const id = `${m.authentication_uuid}/${m.created_at}`;
    const current = m.authentication_uuid === state.auth?.uuid;
    const li = document.createElement("li");
    li.className = `sms${current ? "" : " old"}${state.seenMessages.has(id) ? "" : " new"}`;
    state.seenMessages.add(id);
    const meta = document.createElement("div");
    meta.className = "sms-meta";
    const from = document.createElement("span");
    from.className = "sms-from";
    from.textContent = current ? "Ding" : "Ding · earlier sign-in";
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
    const url = `${state.mockURL}/_mock/messages?phone_number=${encodeURIComponent(state.phone.e164)}`;
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
  statusTimer = setInterval(refreshStatus, STATUS_EVERY_MS);
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

const LINE_TYPES = { FixedLine: "Landline", TollFree: "Toll-free", Voip: "VoIP", VoiceMail: "Voicemail" };
const regionNames = (() => {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" });
  } catch {
    return null;
  }
})();

el.lookup.addEventListener("click", async () => {
  const parsed = updatePhoneHint();
  if (!parsed.ok) return;
  const done = busy(el.lookup, "Looking up…");
  setMessage(el["lookup-error"], "");
  try {
    const r = await state.ding.lookup.lookup(state.customerUuid, parsed.e164, ["cnam"]);
    const yesNo = (b) => (b === true ? "Yes" : b === false ? "No" : "—");
    const region = r.countryCode && r.countryCode !== "ZZ" ? regionNames?.of(r.countryCode) : null;
    const rows = [
      ["Number", r.phoneNumber || parsed.e164],
      ["Country", r.countryCode ? (region ? `${region} (${r.countryCode})` : r.countryCode) : "—"],
      ["Line type", LINE_TYPES[r.lineType] || r.lineType || "—"],
      ["Carrier", r.carrier || "—"],
      ["Network (MCC/MNC)", r.mcc || r.mnc ? `${r.mcc || "?"} / ${r.mnc || "?"}` : "—"],
      ["Caller name", r.callerName || "—"],
      ["Ported", yesNo(r.numberPorted)],
      ["Temporary number", yesNo(r.temporaryPhoneNumber)],
    ];
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
  const local = /^http:\/\/(localhost|127\.\d+\.\d+\.\d+)(:\d+)?\//;
  state.mockURL = (fromQuery && local.test(fromQuery + "/") ? fromQuery : config.mockURL || "").replace(/\/+$/, "");
  state.customerUuid = config.customerUuid || "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
  el["mock-url"].textContent = state.mockURL || "not set";
  el["mock-url"].closest(".mode").hidden = false;
  el["customer-uuid"].textContent = state.customerUuid;
  fillCountries();
  if (!state.mockURL) {
    el["boot-error"].hidden = false;
    return;
  }
  try {
    state.ding = new Ding({ apiKey: config.apiKey || "demo-key-for-the-mock", serverURL: state.mockURL });
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
