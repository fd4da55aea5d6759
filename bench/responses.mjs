// The answers of the benchmark's fake Ding API, shared by the local server
// (server.mjs) and the in-memory fetch (fake-fetch.mjs): contract-shaped
// JSON (spec/ding-openapi.yaml), serialised once.

const AUTH_UUID = "5d137d2c-bff8-4d8b-a5a7-56912aefa916";

const bodies = {
  createAuthentication: {
    authentication_uuid: AUTH_UUID,
    status: "pending",
    created_at: "2025-04-28T09:15:27.412Z",
    expires_at: "2025-04-28T09:30:27.412Z",
  },
  check: { authentication_uuid: AUTH_UUID, status: "valid" },
  retry: {
    authentication_uuid: AUTH_UUID,
    status: "approved",
    created_at: "2025-04-28T09:16:40.118Z",
    next_retry_at: "2025-04-28T09:17:40.118Z",
    remaining_retry: 2,
  },
  feedback: { uuid: "9a41c7d2-6e0f-4b3a-8c15-2d7e9f0b1a63" },
  getAuthenticationStatus: {
    uuid: AUTH_UUID,
    phone_number: "+14155550123",
    template_id: "tpl_01hw3k9s2x",
    correlation_id: "signup-7f3c2a",
    created_at: "2025-04-28T09:15:27.412Z",
    signals: {
      ip: "203.0.113.42",
      device_id: "8E7A1C52-3F0B-4D6E-9A21-5B4C3D2E1F00",
      device_type: "IOS",
      device_model: "iPhone15,2",
      os_version: "17.4",
      app_version: "3.2.1",
      is_returning_user: false,
    },
    events: [
      {
        type: "attempt",
        id: "2f8b6c1e-4a7d-4f0e-b3c9-81d5a6e7f902",
        attempt_number: 1,
        capability: "text",
        content: "Your verification code is 482913",
        sender_id: "Ding",
        status: "delivered",
        created_at: "2025-04-28T09:15:27.655Z",
      },
      {
        type: "delivery_status",
        attempt_id: "2f8b6c1e-4a7d-4f0e-b3c9-81d5a6e7f902",
        attempt_number: 1,
        status: "delivered",
        originated_at: "2025-04-28T09:15:29.000Z",
        created_at: "2025-04-28T09:15:29.387Z",
      },
      {
        type: "balance_update",
        balance_update_type: "attempt_success",
        amount: -0.045,
        created_at: "2025-04-28T09:15:29.402Z",
      },
      {
        type: "check",
        id: "7c0d9e3a-1b2f-4c5d-8e6f-a7b8c9d0e1f2",
        code: "482913",
        status: "valid",
        created_at: "2025-04-28T09:15:58.921Z",
      },
    ],
  },
  lookup: {
    phone_number: "+14155550123",
    country_code: "US",
    line_type: "Mobile",
    carrier: "AT&T",
    mcc: "310",
    mnc: "410",
    number_ported: false,
    temporary_phone_number: false,
  },
  get lookupCnam() {
    return { ...this.lookup, number_ported: true, caller_name: "JANE DOE" };
  },
  notFound: {
    code: "bad_request",
    message: "no such operation",
    doc_url: "https://docs.prelude.so/verify/v1/documentation/errors#bad_request",
  },
};

/** The JSON text of each answer, by operation name. */
export const texts = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, JSON.stringify(v)]));

/** The authentication UUID the answers use. */
export { AUTH_UUID };

/**
 * Picks the answer to `method url` (url: an absolute URL or a path; the API
 * root is the part before "/v1/"). Returns `{ status, text }`.
 */
export function answer(method, url) {
  const at = url.indexOf("/v1/");
  const rest = at < 0 ? "" : url.slice(at + 3);
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? "" : rest.slice(q + 1);
  if (method === "POST") {
    if (path === "/authentication") return { status: 200, text: texts.createAuthentication };
    if (path === "/check") return { status: 200, text: texts.check };
    if (path === "/retry") return { status: 200, text: texts.retry };
    if (path === "/authentication/feedback") return { status: 200, text: texts.feedback };
  } else if (method === "GET") {
    if (path.startsWith("/authentication/") && path.length > 16) {
      return { status: 200, text: texts.getAuthenticationStatus };
    }
    if (path.startsWith("/lookup/") && path.length > 8) {
      const cnam = query.split("&").some((p) => p === "type=cnam" || p === "type%5B%5D=cnam" || p === "type[]=cnam");
      return { status: 200, text: cnam ? texts.lookupCnam : texts.lookup };
    }
  }
  return { status: 404, text: texts.notFound };
}
