// A Cloudflare Worker that imports the package by name: on any request it
// runs the v1 and v2 flows against the mock named by its bindings and
// answers the summary as JSON (status 500 with the error otherwise). With a
// service binding MOCK (miniflare), the binding itself is the clients'
// `fetch` option, and its `fetch` method alone gives a clear error.
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { runFlow, runPreludeFlow } from "./flow.mjs";

export default {
  async fetch(request, env) {
    try {
      const platformFetch = env.MOCK || fetch;
      const options = { serverURL: env.DING_MOCK_URL, apiKey: env.DING_API_KEY, platformFetch };
      const summary = await runFlow(sdk, options);
      const prelude = await runPreludeFlow(v2, options);
      let alone = "no binding";
      if (env.MOCK) {
        // workerd runs a binding's fetch only on its binding: a typed error that says so, nothing retried.
        const ding = new sdk.Ding({ apiKey: env.DING_API_KEY, serverURL: env.DING_MOCK_URL, fetch: env.MOCK.fetch });
        try {
          await ding.lookup.lookup("0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84", "+14155550123");
          alone = "resolved";
        } catch (e) {
          alone = e instanceof sdk.DingValidationError && e.field === "fetch" && e.attempts === 1 ? "explained" : String(e);
        }
      }
      return Response.json({ ...summary, prelude, binding: alone });
    } catch (err) {
      return Response.json({ error: String((err && err.stack) || err) }, { status: 500 });
    }
  },
};
