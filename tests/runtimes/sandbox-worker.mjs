// A Cloudflare Worker that tests with the sandbox, as an app's Worker
// tests would: both flows through `sandbox.fetch`, inside workerd, with no
// mock server at all. Answers the summaries as JSON (500 with the error).
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { runFlow, runPreludeFlow } from "./flow.mjs";

export default {
  async fetch() {
    const sandbox = createSandbox({ code: "123456", apiKey: "test-key", retryWindowSecs: 1 });
    try {
      const options = { net: sandbox.fetch, platformFetch: sandbox.fetch };
      const summary = await runFlow(sdk, { ...options, serverURL: "https://api.ding.live/v1" });
      const prelude = await runPreludeFlow(v2, { ...options, serverURL: "https://api.prelude.dev" });
      return Response.json({ ...summary, prelude, binding: "none: the sandbox" });
    } catch (err) {
      return Response.json({ error: String((err && err.stack) || err) }, { status: 500 });
    } finally {
      sandbox.close();
    }
  },
};
