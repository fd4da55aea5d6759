// The baselines of the benchmark: what a developer writes by hand with
// `fetch` and JSON instead of an SDK, one per API (RawDing for v1,
// RawPrelude for v2). Same method names and inputs as ding-otp so one loop
// drives them all, but nothing else: no input checks, no camelCase or Date
// conversion (answers are the parsed snake_case JSON), one generic Error for
// a non-2xx answer.
const query = (types) => (types ? types.map((t, i) => (i ? "&type=" : "?type=") + t).join("") : "");

export class RawDing {
  constructor({ apiKey, serverURL = "https://api.ding.live/v1", fetch = globalThis.fetch }) {
    const base = serverURL.replace(/\/+$/, "");
    const call = async (method, path, body, extraHeaders) => {
      const headers = { accept: "application/json", "x-api-key": apiKey };
      if (body !== undefined) headers["content-type"] = "application/json";
      if (extraHeaders) Object.assign(headers, extraHeaders);
      const init = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await fetch(base + path, init);
      const text = await res.text();
      if (res.status < 200 || res.status > 299) throw new Error(`Ding API: HTTP ${res.status}: ${text}`);
      return JSON.parse(text);
    };
    this.otp = {
      createAuthentication: (r) =>
        call("POST", "/authentication", { customer_uuid: r.customerUuid, phone_number: r.phoneNumber }),
      check: (r) =>
        call("POST", "/check", {
          customer_uuid: r.customerUuid,
          authentication_uuid: r.authenticationUuid,
          check_code: r.checkCode,
        }),
      retry: (r) => call("POST", "/retry", { customer_uuid: r.customerUuid, authentication_uuid: r.authenticationUuid }),
      feedback: (r) =>
        call("POST", "/authentication/feedback", {
          customer_uuid: r.customerUuid,
          phone_number: r.phoneNumber,
          status: r.status,
        }),
      getAuthenticationStatus: (id) => call("GET", "/authentication/" + encodeURIComponent(id)),
    };
    this.lookup = {
      lookup: (customerUuid, phoneNumber, types) =>
        call("GET", "/lookup/" + encodeURIComponent(phoneNumber) + query(types), undefined, {
          "customer-uuid": customerUuid,
        }),
    };
  }
}

export class RawPrelude {
  constructor({ apiKey, serverURL = "https://api.prelude.dev", fetch = globalThis.fetch }) {
    const base = serverURL.replace(/\/+$/, "");
    const call = async (method, path, body) => {
      const headers = { accept: "application/json", authorization: "Bearer " + apiKey };
      if (body !== undefined) headers["content-type"] = "application/json";
      const init = { method, headers };
      if (body !== undefined) init.body = JSON.stringify(body);
      const res = await fetch(base + path, init);
      const text = await res.text();
      if (res.status < 200 || res.status > 299) throw new Error(`Prelude API: HTTP ${res.status}: ${text}`);
      return JSON.parse(text);
    };
    // The benchmark's requests have one-word keys only (target, type, value,
    // code, options, signals, feedbacks...), so the wire body is the request
    // object as it is, and no key needs renaming.
    this.verification = {
      create: (r) => call("POST", "/v2/verification", r),
      check: (r) => call("POST", "/v2/verification/check", r),
    };
    this.lookup = {
      lookup: (phoneNumber, params) =>
        call("GET", "/v2/lookup/" + encodeURIComponent(phoneNumber) + (params && params.type ? "?type=" + params.type.join(",") : "")),
    };
    this.watch = {
      predict: (r) => call("POST", "/v2/watch/predict", r),
      sendFeedbacks: (r) => call("POST", "/v2/watch/feedback", r),
    };
  }
}
