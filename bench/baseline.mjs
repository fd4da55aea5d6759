// The baseline of the benchmark: what a developer writes by hand with
// `fetch` and JSON instead of an SDK. Same method names and inputs as
// ding-otp so one loop drives both, but nothing else: no input checks, no
// camelCase or Date conversion (answers are the parsed snake_case JSON), one
// generic Error for a non-2xx answer.
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
