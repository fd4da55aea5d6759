// Node and Bun (require): loads the installed package with require(), so the
// CommonJS entry and its own error classes are used (the resolved file must
// be EXPECT_ENTRY), then runs the flow.
"use strict";
const sdk = require("ding-otp");
const entry = require.resolve("ding-otp").split(/[\\/]/).pop();
if (entry !== process.env.EXPECT_ENTRY) throw new Error(`"ding-otp" resolved to ${entry}, expected ${process.env.EXPECT_ENTRY}`);

import("./flow.mjs")
  .then(async ({ runFlow, assertSummary }) => {
    const summary = await runFlow(sdk, { serverURL: process.env.DING_MOCK_URL });
    assertSummary(summary);
    console.log(JSON.stringify({ entry, ...summary }));
  })
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  });
