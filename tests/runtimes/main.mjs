// Node (import), Deno and Bun: imports the installed package by name, runs
// the flow against the mock (DING_MOCK_URL) and prints one JSON line with the
// entry file the runtime resolved, which must be EXPECT_ENTRY.
import * as sdk from "ding-otp";
import { runFlow, assertSummary } from "./flow.mjs";

const env = (name) => globalThis.process?.env?.[name] ?? globalThis.Deno?.env.get(name);
const resolved = await import.meta.resolve("ding-otp");
const entry = String(resolved).split("/").pop();
if (entry !== env("EXPECT_ENTRY")) throw new Error(`"ding-otp" resolved to ${resolved}, expected ${env("EXPECT_ENTRY")}`);
const summary = await runFlow(sdk, { serverURL: env("DING_MOCK_URL") });
assertSummary(summary);
console.log(JSON.stringify({ entry, ...summary }));
