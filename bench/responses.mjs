// The answers of the benchmark's fake APIs, shared by the local server
// (server.mjs) and the in-memory fetches (fake-fetch.mjs): contract-shaped
// JSON, serialised once. Ding v1 under `/v1/` (spec/ding-openapi.yaml),
// Prelude v2 under `/v2/` (spec/prelude-openapi.yaml).

const AUTH_UUID = "5d137d2c-bff8-4d8b-a5a7-56912aefa916";
const VERIFICATION_ID = "vrf_01jxb7q4n2d9s6k3m8p5t0w1yz";
const CORRELATION_ID = "signup-4e1b9c";

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

  // Prelude v2. The five answers of these operations hold no date in the
  // contract; they have nested objects and arrays instead.
  v2Create: {
    id: VERIFICATION_ID,
    status: "success",
    method: "message",
    channels: ["rcs", "sms"],
    metadata: { correlation_id: CORRELATION_ID },
    request_id: "b6e2d0a4-91c3-4f7e-8d25-3a1c7e9f0b48",
  },
  v2Check: {
    id: VERIFICATION_ID,
    status: "success",
    metadata: { correlation_id: CORRELATION_ID },
    request_id: "0f9a3c61-7e2b-4d58-a4c1-6b8e2d7f3a90",
  },
  v2Lookup: {
    phone_number: "+14155550123",
    country_code: "US",
    line_type: "mobile",
    flags: ["ported"],
    network_info: { carrier_name: "T-Mobile USA", mcc: "310", mnc: "260" },
    original_network_info: { carrier_name: "AT&T Mobility", mcc: "310", mnc: "410" },
  },
  get v2LookupCnam() {
    return { ...this.v2Lookup, caller_name: "JANE DOE" };
  },
  v2Predict: {
    id: "01jxb7r8c5f2h9k4m1n6q3s0v7",
    prediction: "suspicious",
    risk_factors: ["prefix_concentration", "temporary_phone_number"],
    request_id: "5c1e8b3f-2a7d-4e96-b0c4-9d3f6a2e8c17",
  },
  v2Feedback: { status: "success", request_id: "e3a7c2d9-4b1f-4a60-9e8c-7d2b5f1a0c36" },
  v2NotFound: { code: "invalid_request", message: "no such operation" },
};

/** The JSON text of each answer, by operation name. */
export const texts = Object.fromEntries(Object.entries(bodies).map(([k, v]) => [k, JSON.stringify(v)]));

/** The ids the answers use. */
export { AUTH_UUID, VERIFICATION_ID, CORRELATION_ID };

/**
 * Picks the answer to `method url` (url: an absolute URL or a path; the API
 * root is the part before "/v1/" or "/v2/"). Returns `{ status, text }`.
 */
export function answer(method, url) {
  const v2 = url.indexOf("/v2/");
  if (v2 >= 0) return answerV2(method, url.slice(v2 + 3));
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

/** The answer to a v2 request; `rest` is the URL after "/v2". */
function answerV2(method, rest) {
  const q = rest.indexOf("?");
  const path = q < 0 ? rest : rest.slice(0, q);
  const query = q < 0 ? "" : rest.slice(q + 1);
  if (method === "POST") {
    if (path === "/verification") return { status: 200, text: texts.v2Create };
    if (path === "/verification/check") return { status: 200, text: texts.v2Check };
    if (path === "/watch/predict") return { status: 200, text: texts.v2Predict };
    if (path === "/watch/feedback") return { status: 200, text: texts.v2Feedback };
  } else if (method === "GET" && path.startsWith("/lookup/") && path.length > 8) {
    // `type` is a comma-separated list (the official SDKs' form), or repeated.
    const cnam = query.split("&").some((p) => p.startsWith("type=") && p.slice(5).split(/,|%2C/i).includes("cnam"));
    return { status: 200, text: cnam ? texts.v2LookupCnam : texts.v2Lookup };
  }
  return { status: 404, text: texts.v2NotFound };
}
