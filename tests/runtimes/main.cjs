// Node and Bun (require): loads the installed package with require(), so the
// CommonJS entries and their own error classes are used (the resolved files
// must be EXPECT_ENTRY), then runs the v1 and v2 flows against the mock and
// on the sandbox.
"use strict";
const sdk = require("ding-otp");
const v2 = require("ding-otp/prelude");
const { createSandbox } = require("ding-otp/sandbox");
for (const spec of ["ding-otp", "ding-otp/prelude", "ding-otp/sandbox"]) {
  const entry = require.resolve(spec).split(/[\\/]/).pop();
  if (entry !== process.env.EXPECT_ENTRY) throw new Error(`"${spec}" resolved to ${entry}, expected ${process.env.EXPECT_ENTRY}`);
}

import("./flow.mjs")
  .then(async ({ runFlow, assertSummary, runPreludeFlow, assertPreludeSummary, runOnSandbox }) => {
    const summary = await runFlow(sdk, { serverURL: process.env.DING_MOCK_URL });
    assertSummary(summary);
    const prelude = await runPreludeFlow(v2, { serverURL: process.env.DING_MOCK_URL });
    assertPreludeSummary(prelude);
    const onSandbox = await runOnSandbox(sdk, v2, createSandbox);
    assertSummary(onSandbox);
    assertPreludeSummary(onSandbox.prelude);
    console.log(JSON.stringify({ entry: require.resolve("ding-otp"), ...summary, prelude, sandbox: "both flows" }));
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
