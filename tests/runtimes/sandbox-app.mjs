// The browser app of sandbox.html: a component test as a page would run
// one, with the sandbox in the page and no server at all. The result is
// left in window.__result for the driver (browser.mjs).
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { runFlow, runPreludeFlow } from "./flow.mjs";

(async () => {
  const sandbox = createSandbox({ code: "123456", apiKey: "test-key", retryWindowSecs: 1 });
  try {
    const options = { net: sandbox.fetch, platformFetch: sandbox.fetch };
    const summary = await runFlow(sdk, { ...options, serverURL: "https://api.ding.live/v1" });
    const prelude = await runPreludeFlow(v2, { ...options, serverURL: "https://api.prelude.dev" });
    return { ...summary, prelude, sandbox: "both flows" };
  } finally {
    sandbox.close();
  }
})().then(
  (summary) => (window.__result = summary),
  (err) => (window.__result = { error: String((err && err.stack) || err) }),
);
