// A Cloudflare Worker that imports the package by name: on any request it
// runs the flow against the mock named by its bindings and answers the
// summary as JSON (status 500 with the error otherwise).
import * as sdk from "ding-otp";
import { runFlow } from "./flow.mjs";

export default {
  async fetch(request, env) {
    try {
      const summary = await runFlow(sdk, { serverURL: env.DING_MOCK_URL, apiKey: env.DING_API_KEY });
      return Response.json(summary);
    } catch (err) {
      return Response.json({ error: String((err && err.stack) || err) }, { status: 500 });
    }
  },
};
