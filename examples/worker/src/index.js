// The recommended way to use Ding from a web page: the browser talks to this
// Worker, and only the Worker holds the API key and calls Ding.
//   GET  /            a sign-in page (phone number, then code)
//   POST /api/send    { phoneNumber }              -> { authenticationUuid, status }
//   POST /api/check   { authenticationUuid, code } -> { status }
// Errors answer { error, field? } with 400 (bad input, refused by Ding) or
// 502 (Ding unreachable or failing). A real app would also rate-limit by IP
// and start a session when the check answers "valid".
import { Ding, DingApiError, DingValidationError } from "ding-otp";

export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (request.method === "GET" && pathname === "/") {
      return new Response(PAGE, { headers: { "content-type": "text/html; charset=utf-8" } });
    }
    const route = request.method === "POST" && Object.hasOwn(ROUTES, pathname) && ROUTES[pathname];
    if (!route) return Response.json({ error: "not_found" }, { status: 404 });
    try {
      const ding = new Ding({ apiKey: env.DING_API_KEY, ...(env.DING_SERVER_URL && { serverURL: env.DING_SERVER_URL }) });
      const body = await request.json().catch(() => ({}));
      return Response.json(await route(ding, env.DING_CUSTOMER_UUID, body));
    } catch (err) {
      if (err instanceof DingValidationError) return Response.json({ error: "invalid_input", field: err.field }, { status: 400 });
      if (err instanceof DingApiError) return Response.json({ error: err.code }, { status: 400 });
      console.error(err); // the details stay in the Worker's logs
      return Response.json({ error: "unavailable" }, { status: 502 });
    }
  },
};

const ROUTES = {
  "/api/send": async (ding, customerUuid, { phoneNumber }) => {
    const { authenticationUuid, status } = await ding.otp.createAuthentication({ customerUuid, phoneNumber });
    return { authenticationUuid, status };
  },
  "/api/check": async (ding, customerUuid, { authenticationUuid, code }) => {
    const { status } = await ding.otp.check({ customerUuid, authenticationUuid, checkCode: code });
    return { status };
  },
};

const PAGE = `<!doctype html>
<meta charset="utf-8" /><meta name="viewport" content="width=device-width" />
<title>Sign in</title>
<form id="send"><label>Phone number <input name="phoneNumber" type="tel" placeholder="+14155550123" required /></label> <button>Send code</button></form>
<form id="check" hidden><label>Code <input name="code" inputmode="numeric" autocomplete="one-time-code" required /></label> <button>Check</button></form>
<p id="out" role="status"></p>
<script type="module">
  const out = document.querySelector("#out");
  let authenticationUuid;
  async function post(path, body) {
    const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return res.json();
  }
  document.querySelector("#send").onsubmit = async (e) => {
    e.preventDefault();
    const r = await post("/api/send", { phoneNumber: e.target.phoneNumber.value });
    if (r.error) return (out.textContent = "Could not send: " + (r.field || r.error));
    authenticationUuid = r.authenticationUuid;
    document.querySelector("#check").hidden = false;
    out.textContent = r.status === "pending" ? "Code sent." : "No code sent (" + r.status + ").";
  };
  document.querySelector("#check").onsubmit = async (e) => {
    e.preventDefault();
    const r = await post("/api/check", { authenticationUuid, code: e.target.code.value });
    out.textContent = r.status === "valid" ? "Signed in." : "Wrong code (" + (r.status || r.error) + ").";
  };
</script>
`;
