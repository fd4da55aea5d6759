// Node (import), Deno and Bun: imports the installed package by name, runs
// the v1 and v2 flows against the mock (DING_MOCK_URL), then both again on
// the package's own sandbox (no server), and prints one JSON line with the
// entry files the runtime resolved, which must be EXPECT_ENTRY.
import * as sdk from "ding-otp";
import * as v2 from "ding-otp/prelude";
import { createSandbox } from "ding-otp/sandbox";
import { runFlow, assertSummary, runPreludeFlow, assertPreludeSummary, runOnSandbox } from "./flow.mjs";

const env = (name) => globalThis.process?.env?.[name] ?? globalThis.Deno?.env.get(name);
const entries = [];
for (const spec of ["ding-otp", "ding-otp/prelude", "ding-otp/sandbox"]) {
  const resolved = String(await import.meta.resolve(spec));
  const entry = resolved.split("/").pop();
  if (entry !== env("EXPECT_ENTRY")) throw new Error(`"${spec}" resolved to ${resolved}, expected ${env("EXPECT_ENTRY")}`);
  entries.push(resolved.split("/").slice(-2).join("/"));
}
const summary = await runFlow(sdk, { serverURL: env("DING_MOCK_URL") });
assertSummary(summary);
const prelude = await runPreludeFlow(v2, { serverURL: env("DING_MOCK_URL") });
assertPreludeSummary(prelude);
const onSandbox = await runOnSandbox(sdk, v2, createSandbox);
assertSummary(onSandbox);
assertPreludeSummary(onSandbox.prelude);
console.log(JSON.stringify({ entries, ...summary, prelude, sandbox: "both flows" }));
