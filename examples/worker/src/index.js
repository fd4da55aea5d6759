// The recommended way to use Ding or Prelude from a web page: the browser
// talks to this Worker, and only the Worker holds the API keys.
//   GET  /                 a sign-in page (phone number, then code), on the v2 API
//   POST /api/send         { phoneNumber }              -> { authenticationUuid, status }  (v1)
//   POST /api/check        { authenticationUuid, code } -> { status }                      (v1)
//   POST /api/v2/send      { phoneNumber }              -> { id, status }  (create; again = resend)
//   POST /api/v2/check     { phoneNumber, code }        -> { status }
//   POST /webhooks/prelude Prelude's signed webhooks (callbackUrl), checked with verifyWebhook
//   GET  /api/v2/events?verificationId=...  the events this Worker received (a demo store)
// Errors answer { error, field? } with 400 (bad input, refused by the API)
// or 502 (the API unreachable or failing). A real app would also rate-limit
// by IP, start a session when a check succeeds, and keep webhook events in
// a Durable Object, KV or a queue rather than in memory.
import { Ding, DingApiError, DingValidationError } from "ding-otp";
import { Prelude, verifyWebhook, DingWebhookError } from "ding-otp/prelude";

/** Events received, by verification id, and the event ids seen (Prelude may deliver one twice). */
const events = new Map();
const seen = new Set();

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === "GET" && pathname === "/") {
      return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
    }
    if (request.method === "POST" && pathname === "/webhooks/prelude") return receive(request, env);
    if (request.method === "GET" && pathname === "/api/v2/events") {
      const id = new URL(request.url).searchParams.get("verificationId");
      return Response.json({ events: events.get(id) ?? [] });
    }
    const route = request.method === "POST" && Object.hasOwn(ROUTES, pathname) && ROUTES[pathname];
    if (!route) return Response.json({ error: "not_found" }, { status: 404 });
    try {
      const body = await request.json().catch(() => ({}));
      return Response.json(await route(env, body));
    } catch (err) {
      if (err instanceof DingValidationError) return Response.json({ error: "invalid_input", field: err.field }, { status: 400 });
      if (err instanceof DingApiError) return Response.json({ error: err.code }, { status: 400 });
      console.error(err); // the details stay in the Worker's logs
      return Response.json({ error: "unavailable" }, { status: 502 });
    }
  },
};

const ding = (env) => new Ding({ apiKey: env.DING_API_KEY, ...(env.DING_SERVER_URL && { serverURL: env.DING_SERVER_URL }) });
const prelude = (env) =>
  new Prelude({ apiKey: env.PRELUDE_API_KEY, ...(env.PRELUDE_SERVER_URL && { serverURL: env.PRELUDE_SERVER_URL }) });

const ROUTES = {
  "/api/send": async (env, { phoneNumber }) => {
    const customerUuid = env.DING_CUSTOMER_UUID;
    const { authenticationUuid, status } = await ding(env).otp.createAuthentication({ customerUuid, phoneNumber });
    return { authenticationUuid, status };
  },
  "/api/check": async (env, { authenticationUuid, code }) => {
    const { status } = await ding(env).otp.check({ customerUuid: env.DING_CUSTOMER_UUID, authenticationUuid, checkCode: code });
    return { status };
  },
  "/api/v2/send": async (env, { phoneNumber }) => {
    const options = env.PRELUDE_CALLBACK_URL ? { callbackUrl: env.PRELUDE_CALLBACK_URL } : undefined;
    const { id, status } = await prelude(env).verification.create({ target: { type: "phone_number", value: phoneNumber }, options });
    return { id, status };
  },
  "/api/v2/check": async (env, { phoneNumber, code }) => {
    const { status } = await prelude(env).verification.check({ target: { type: "phone_number", value: phoneNumber }, code });
    return { status };
  },
};

/** A Prelude webhook: checked on the raw body, answered 200 so Prelude stops delivering it. */
async function receive(request, env) {
  const body = await request.text(); // the raw text: never JSON.stringify(await request.json())
  try {
    const event = await verifyWebhook({
      body,
      signature: request.headers.get("x-webhook-signature"),
      publicKey: env.PRELUDE_WEBHOOK_KEY,
    });
    if (!seen.has(event.id)) {
      seen.add(event.id);
      const id = event.type === "unknown" ? undefined : event.payload.verificationId;
      if (id) events.set(id, [...(events.get(id) ?? []), { id: event.id, type: event.type, status: event.payload.status }]);
    }
    return new Response(null, { status: 200 });
  } catch (err) {
    if (err instanceof DingWebhookError) return Response.json({ error: err.code }, { status: 401 });
    throw err;
  }
}

const PAGE = `<!doctype html>
<meta charset="utf-8" /><meta name="viewport" content="width=device-width" />
<title>Sign in</title>
<form id="send"><label>Phone number <input name="phoneNumber" type="tel" placeholder="+14155550123" required /></label> <button>Send code</button></form>
<form id="check" hidden><label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required /></label> <button>Check</button></form>
<p id="out" role="status"></p>
<script type="module">
  const out = document.querySelector("#out");
  async function post(path, body) {
    const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return res.json();
  }
  let phoneNumber;
  document.querySelector("#send").onsubmit = async (e) => {
    e.preventDefault();
    phoneNumber = e.target.phoneNumber.value;
    const r = await post("/api/v2/send", { phoneNumber });
    if (r.error) return (out.textContent = "Could not send: " + (r.field || r.error));
    document.querySelector("#check").hidden = false;
    out.textContent = r.status === "success" || r.status === "retry" ? "Code sent." : "No code sent (" + r.status + ").";
  };
  document.querySelector("#check").onsubmit = async (e) => {
    e.preventDefault();
    const r = await post("/api/v2/check", { phoneNumber, code: e.target.code.value });
    out.textContent =
      r.status === "success" ? "Signed in." :
      r.status === "expired_or_not_found" ? "This code expired or was already used: send a new one." :
      "Wrong code (" + (r.status || r.error) + ").";
  };
</script>
`;
