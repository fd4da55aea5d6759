// A Cloudflare Worker that tests with the sandbox, as an app's Worker
// tests would: both flows through `sandbox.fetch`, inside workerd, with no
// mock server at all. Answers the summaries as JSON (500 with the error).
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { runOnSandbox } from "./flow.mjs";

export default {
  async fetch() {
    try {
      return Response.json({ ...(await runOnSandbox(sdk, v2, createSandbox)), binding: "none: the sandbox" });
    } catch (err) {
      return Response.json({ error: String((err && err.stack) || err) }, { status: 500 });
    }
  },
};
