// The browser app: the no-bundler page loads it as it is (with an import
// map for "ding-otp"); esbuild and Vite bundle it. The mock URL comes in the
// page's query string; the result is left in window.__result for the driver.
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { runFlow, runPreludeFlow } from "./flow.mjs";

const serverURL = new URLSearchParams(location.search).get("mock");
(async () => {
  const summary = await runFlow(sdk, { serverURL, platformFetch: window.fetch });
  const prelude = await runPreludeFlow(v2, { serverURL, platformFetch: window.fetch });
  return { ...summary, prelude };
})().then(
  (summary) => (window.__result = summary),
  (err) => (window.__result = { error: String((err && err.stack) || err) }),
);
