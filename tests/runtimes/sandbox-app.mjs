// The browser app of sandbox.html: a component test as a page would run
// one, with the sandbox in the page and no server at all. The result is
// left in window.__result for the driver (browser.mjs).
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { runOnSandbox } from "./flow.mjs";

runOnSandbox(sdk, v2, createSandbox).then(
  (summary) => (window.__result = { ...summary, sandbox: "both flows" }),
  (err) => (window.__result = { error: String((err && err.stack) || err) }),
);
