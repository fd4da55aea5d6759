// Drives the examples/ projects against the mock (DING_MOCK_URL), as a user
// would, with the code read from the mock's inbox.
//   node examples.mjs cli DIR COMMAND...   DIR holds a CLI example run as
//       COMMAND send PHONE and COMMAND check UUID CODE (examples/node, deno)
//   node examples.mjs worker URL           the Worker of examples/worker,
//       served by `wrangler dev` at URL
import { spawnSync } from "node:child_process";
import { freshNumber } from "./flow.mjs";

const [mode, where, ...command] = process.argv.slice(2);
const mock = process.env.DING_MOCK_URL;
if (!mock || !where || (mode === "cli" && command.length === 0)) {
  console.error("usage: DING_MOCK_URL=... node examples.mjs cli DIR COMMAND... | worker URL");
  process.exit(2);
}
const customerUuid = "0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84";
const phoneNumber = freshNumber();
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
function check(ok, what, got) {
  if (!ok) throw new Error(`${what} (got ${JSON.stringify(got)})`);
}
async function inboxCode() {
  const { messages } = await (await fetch(`${mock}/_mock/messages?phone_number=${encodeURIComponent(phoneNumber)}`)).json();
  check(messages.length > 0, "a code in the mock inbox", messages);
  return messages[messages.length - 1].code;
}

if (mode === "cli") {
  const env = { ...process.env, DING_API_KEY: "test-key", DING_CUSTOMER_UUID: customerUuid, DING_SERVER_URL: mock };
  const run = (...args) => {
    const r = spawnSync(command[0], [...command.slice(1), ...args], { cwd: where, env, encoding: "utf8", timeout: 60_000 });
    return { status: r.status, out: (r.stdout ?? "") + (r.stderr ?? "") };
  };
  const sent = run("send", phoneNumber);
  check(sent.status === 0, "send succeeds", sent);
  const uuid = sent.out.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/)?.[0];
  check(uuid, "send prints the authentication UUID", sent.out);
  const code = await inboxCode();
  const wrong = run("check", uuid, code === "000000" ? "111111" : "000000");
  check(wrong.status === 1 && wrong.out.trim() === "invalid", "a wrong code prints invalid, exit 1", wrong);
  const right = run("check", uuid, code);
  check(right.status === 0 && right.out.trim() === "valid", "the right code prints valid, exit 0", right);
  const bad = run("send", "0612345678");
  check(bad.status === 2 && /^bad phoneNumber/.test(bad.out), "a bad number is refused before sending", bad);
  console.log(`send, wrong code, right code, bad number: ok (${uuid})`);
} else if (mode === "worker") {
  let page;
  for (let i = 0; !page; i++) {
    try {
      page = await fetch(where);
    } catch (err) {
      if (i > 300) throw new Error(`${where} never answered: ${err.message}`);
      await sleep(200);
    }
  }
  const html = await page.text();
  check(page.status === 200 && html.includes('<form id="send"'), "GET / is the sign-in page", html.slice(0, 200));
  check(!html.includes("test-key"), "the page never holds the API key", html);
  const post = async (path, body) => {
    const res = await fetch(new URL(path, where), { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    return { status: res.status, body: await res.json() };
  };
  const sent = await post("/api/send", { phoneNumber });
  check(sent.status === 200 && sent.body.status === "pending", "send", sent);
  const { authenticationUuid } = sent.body;
  const code = await inboxCode();
  const wrong = await post("/api/check", { authenticationUuid, code: code === "000000" ? "111111" : "000000" });
  check(wrong.status === 200 && wrong.body.status === "invalid", "wrong code", wrong);
  const right = await post("/api/check", { authenticationUuid, code });
  check(right.status === 200 && right.body.status === "valid", "right code", right);
  const bad = await post("/api/send", { phoneNumber: "0612345678" });
  check(bad.status === 400 && bad.body.error === "invalid_input" && bad.body.field === "phoneNumber", "bad number", bad);
  const missing = await post("/api/nowhere", {});
  check(missing.status === 404, "unknown route", missing);

  // v2: the mock delivers the webhooks to the Worker (PRELUDE_CALLBACK_URL),
  // which checks them with the key the mock publishes (PRELUDE_WEBHOOK_KEY).
  const v2Number = freshNumber();
  const v2sent = await post("/api/v2/send", { phoneNumber: v2Number });
  check(v2sent.status === 200 && v2sent.body.status === "success" && v2sent.body.id.startsWith("vrf_"), "v2 send", v2sent);
  const origin = new URL(mock).origin;
  const { messages } = await (await fetch(`${origin}/v2/_mock/messages?phone_number=${encodeURIComponent(v2Number)}`)).json();
  const v2right = await post("/api/v2/check", { phoneNumber: v2Number, code: messages.at(-1).code });
  check(v2right.status === 200 && v2right.body.status === "success", "v2 right code", v2right);
  let received = [];
  for (let i = 0; i < 50 && received.length < 3; i++) {
    received = (await (await fetch(new URL(`/api/v2/events?verificationId=${v2sent.body.id}`, where))).json()).events;
    if (received.length < 3) await sleep(200);
  }
  const kinds = received.map((e) => e.type).sort().join();
  check(kinds === "verify.attempt,verify.authentication,verify.delivery_status", "the Worker verified the mock's webhooks", received);
  const forged = await fetch(new URL("/webhooks/prelude", where), {
    method: "POST",
    headers: { "x-webhook-signature": "rsassa-pss-sha256=AAAA", "content-type": "application/json" },
    body: JSON.stringify({ id: "evt_forged", type: "verify.attempt", created_at: new Date().toISOString(), payload: {} }),
  });
  check(forged.status === 401, "a forged webhook is refused", forged.status);
  console.log(`page, v1 send/check, bad number, 404, v2 send/check, 3 webhooks verified, forged refused: ok (${authenticationUuid}, ${v2sent.body.id})`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
