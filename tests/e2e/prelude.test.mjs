// End-to-end test of the sign-in demo (www/) in Debian's chromium, part 2:
// the v2 (Prelude) flow, the page's default. verification.create with
// options.callbackUrl = the demo server's webhook receiver, the code from
// the mock's v2 inbox, verification.check; resend is create again (`retry`,
// same id); blocked numbers; the timeline of verified webhook events (and a
// forged one refused); lookup; the server going away; a phone-sized window.
// Screenshots go to tests/artifacts/screenshots/v2-*.png. Every test fails
// on a console error, a page error or a layout shift.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { constants, generateKeyPairSync, sign } from "node:crypto";
import {
  demoSuite,
  inboxV2,
  screenshot,
  startDemo,
  startMock,
  v2,
  webhookLog,
} from "./support.mjs";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Three wrong codes close a verification.
const MOCK_ARGS = ["--max-check-attempts", "3"];

const suite = demoSuite({ mockArgs: MOCK_ARGS, screenshots: ["v2-"] });

/** Opens the page of `server` (the shared demo server by default), without ?api= (v2 is the default). */
async function open(viewport = DESKTOP, { server = suite.demo, mobile = false } = {}) {
  const current = await suite.openPage({ viewport, mobile });
  await current.page.goto(server.url);
  await current.page.waitForSelector("html[data-ready]", { state: "attached" });
  assert.equal(await current.page.locator("#api-v2").isChecked(), true);
  return current;
}

/** A mock and a demo server of this test only (their own settings, or to stop them). */
async function ownServers(args = []) {
  const m = await startMock(args);
  suite.servers.push(m);
  const d = await startDemo(m.url);
  suite.servers.push(d);
  return { mock: m, demo: d };
}

const text = (page, sel) => page.locator(sel).innerText();
const activeId = (page) => page.evaluate(() => document.activeElement?.id);
const shot = (page, name) => screenshot(page, `v2-${name}`);
const wrong = (code) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);

/** Types `typed` (with `iso` chosen) and Enter; waits for the code step; returns the newest code of the page's inbox. */
async function sendCode(page, typed, iso = "US") {
  await page.selectOption("#country", iso);
  await page.locator("#phone").fill("");
  await page.focus("#phone");
  await page.keyboard.type(typed);
  await page.keyboard.press("Enter");
  await page.locator("#code-form").waitFor({ state: "visible" });
  const code = await page.locator("#inbox .sms:not(.old) .sms-code").first().innerText();
  assert.match(code, /^\d{6}$/);
  return code;
}

async function timelineTypes(page) {
  return page.locator("#timeline .event").evaluateAll((els) => els.map((e) => e.dataset.type));
}

async function noHorizontalScroll(page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= width, `page is ${scroll}px wide in a ${width}px window`);
}

async function assertStable(session) {
  const { total, shifts } = await session.layoutShift();
  assert.ok(total < 0.05, `layout shifts ${total}: ${JSON.stringify(shifts)}`);
}

/** A signature of `body` by a key that is not the mock's: well formed, and wrong. */
function forgedSignature(body) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const sig = sign("sha256", Buffer.from(body), {
    key: privateKey,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: 32,
  });
  return `rsassa-pss-sha256=${sig.toString("base64url")}`;
}

const events = async (server, id) =>
  (await (await fetch(`${server.origin}/events?verificationId=${encodeURIComponent(id)}`)).json()).events;

describe("sign-in demo, v2 (Prelude)", () => {
  test("keyboard only: number, code from the inbox, verify, signed in", async () => {
    const s = await open();
    const { page } = s;
    const phone = "+14155550123";
    assert.equal(await activeId(page), "phone", "the number field has the focus at start");
    await page.keyboard.type("(415) 555-0123");
    assert.equal(await text(page, "#phone-hint"), "We'll text +1 415 555 0123");
    await page.keyboard.press("Enter");
    await page.locator("#code-form").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "code", "the code field has the focus");
    assert.equal(await text(page, "#code-number"), "+1 415 555 0123");
    // The page shows what the mock really sent, under the verification's id.
    const code = await page.locator("#inbox .sms:not(.old) .sms-code").first().innerText();
    const sent = await inboxV2(suite.mock.origin, phone);
    assert.equal(sent.length, 1);
    assert.equal(code, sent[0].code);
    const id = await text(page, "#auth-id");
    assert.match(id, /^vrf_/);
    assert.equal(id, sent[0].verification_id);
    assert.equal(await text(page, "#auth-badge"), "Waiting for the code");
    assert.equal(await text(page, "#auth-extra"), "SMS");
    assert.equal(await text(page, "#auth-risk"), "No rule matched");
    assert.equal(await text(page, "#status-title"), "Verification");
    // No v1 parts: no expiry line (v2 answers carry none), no feedback question.
    assert.equal(await page.locator("#expiry").isVisible(), false);
    await shot(page, "desktop-1-code-step");

    await page.keyboard.type(code);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "done-title");
    assert.equal(await text(page, "#done-title"), "You're signed in");
    assert.equal(await text(page, "#done-number"), "+1 415 555 0123");
    assert.equal(await text(page, "#auth-badge"), "Verified");
    assert.equal(await page.locator("#feedback").isVisible(), false, "the v1 onboarding question is not asked");
    // Webhooks went to the demo server and it took them (200).
    await page.locator("#timeline .event").nth(2).waitFor();
    const log = await webhookLog(suite.mock.origin, id);
    assert.ok(log.length >= 3, `${log.length} webhooks logged`);
    for (const d of log) {
      assert.equal(d.url, suite.demo.webhookURL);
      assert.equal(d.status_or_error, 200, `delivery of ${d.event.type}: ${d.status_or_error}`);
    }
    // Signed out by keyboard: back to the number.
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "sign-out");
    await page.keyboard.press("Enter");
    await page.locator("#phone-form").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "phone");
    // Only loopback: the page and its package call nothing else.
    for (const u of s.requests) assert.match(u, /^http:\/\/127\.0\.0\.1:\d+\//, `request to ${u}`);
    await shot(page, "desktop-2-signed-out");
    await assertStable(s);
  });

  test("a wrong code says so; three close the verification; a new code works", async () => {
    const s = await open();
    const { page } = s;
    const code = await sendCode(page, "07700 900123", "GB");
    const firstId = await text(page, "#auth-id");
    await page.keyboard.type(wrong(code));
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "Wrong code. Check the message and type it again." }).waitFor();
    assert.equal(await page.locator("#code").getAttribute("aria-invalid"), "true");
    assert.equal(await activeId(page), "code");
    assert.equal(await text(page, "#auth-badge"), "Wrong code entered");
    await shot(page, "desktop-3-wrong-code");
    // Typing clears the message; two more wrong codes close the verification.
    for (let i = 0; i < 2; i++) {
      await page.locator("#code").fill(wrong(code));
      assert.equal(await text(page, "#code-error"), "");
      await page.keyboard.press("Enter");
      await page.locator("#verify:not([aria-busy])").waitFor();
      assert.equal(await text(page, "#code-error"), "Wrong code. Check the message and type it again.");
    }
    // Even the right code is too late now.
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "This code expired or was already used: send a new one." }).waitFor();
    assert.equal(await page.locator("#send-new").isVisible(), true);
    assert.equal(await page.locator("#verify").isVisible(), false);
    assert.equal(await page.locator("#code").isDisabled(), true);
    assert.equal(await activeId(page), "send-new");
    assert.equal(await text(page, "#auth-badge"), "Expired or used");
    // "Send a new code" is a new create: a new verification and a new code.
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "We sent you a new code. Only the newest one works." }).waitFor();
    const secondId = await text(page, "#auth-id");
    assert.notEqual(secondId, firstId);
    assert.equal(await activeId(page), "code");
    await page.waitForFunction(() => document.querySelectorAll("#inbox .sms:not(.old)").length === 1);
    assert.equal(await page.locator("#inbox .sms.old").count(), 1, "the first code is shown as earlier");
    const fresh = await page.locator("#inbox .sms:not(.old) .sms-code").innerText();
    await page.keyboard.type(fresh);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
  });

  test("resend is create again: retry, the same id, a second message and attempt 2 in the timeline", async () => {
    const s = await open();
    const { page } = s;
    const phone = "+33612345678";
    const code = await sendCode(page, "06 12 34 56 78", "FR");
    const id = await text(page, "#auth-id");
    await page.locator("#timeline .event").nth(2).waitFor();
    await page.focus("#resend");
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "We sent you another code." }).waitFor();
    assert.equal(await activeId(page), "code");
    assert.equal(await text(page, "#auth-id"), id, "the same verification");
    assert.equal(await text(page, "#auth-badge"), "Code sent again");
    await page.waitForFunction(() => document.querySelectorAll("#inbox .sms:not(.old)").length === 2);
    const sent = await inboxV2(suite.mock.origin, phone);
    assert.equal(sent.length, 2);
    assert.deepEqual(
      sent.map((m) => m.verification_id),
      [id, id],
    );
    assert.equal(sent[1].code, code, "the same code again");
    await page.locator("#timeline .event", { hasText: "Code sent by SMS (attempt 2)" }).waitFor();
    await shot(page, "desktop-4-resent");
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
    await assertStable(s);
  });

  test("webhook events fill the timeline; a forged delivery is refused and shown nowhere", async () => {
    const s = await open();
    const { page } = s;
    await sendCode(page, "612 34 56 78", "ES");
    const id = await text(page, "#auth-id");
    await page.locator("#timeline .event").nth(2).waitFor(); // the first delivery report is in
    await page.click("#resend");
    await page.locator("#code-info", { hasText: "another code" }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll("#timeline .event").length === 5);
    assert.deepEqual(await timelineTypes(page), [
      "verify.authentication",
      "verify.attempt",
      "verify.delivery_status",
      "verify.attempt",
      "verify.delivery_status",
    ]);
    const shown = await text(page, "#timeline");
    assert.match(shown, /Verification started/);
    assert.match(shown, /billed 0\.009 EUR/);
    assert.match(shown, /Code sent by SMS \(attempt 1\)/);
    assert.match(shown, /Delivery report: delivered/);
    await page.locator("#status-live", { hasText: "updated" }).waitFor();
    // What the page shows is what the mock sent and the server verified.
    const log = await webhookLog(suite.mock.origin, id);
    const kept = await events(suite.demo, id);
    assert.deepEqual(
      kept.map((e) => e.id).sort(),
      log.map((d) => d.event.id).sort(),
    );
    assert.ok(log.every((d) => d.status_or_error === 200));

    // A forged delivery: a real event, altered, signed with another key.
    const real = log.find((d) => d.event.type === "verify.delivery_status").event;
    const forged = JSON.stringify({
      ...real,
      id: "evt_forged0000000000000000000",
      payload: { ...real.payload, status: "undeliverable" },
    });
    const post = (body, headers) =>
      fetch(suite.demo.webhookURL, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });
    const refused = await post(forged, { "x-webhook-signature": forgedSignature(forged) });
    assert.equal(refused.status, 401);
    assert.equal((await refused.json()).error, "bad_signature");
    const unsigned = await post(forged, {});
    assert.equal(unsigned.status, 401);
    assert.equal((await unsigned.json()).error, "missing_signature");
    const garbled = await post(forged, { "x-webhook-signature": "rsassa-pss-sha256=not-a-signature" });
    assert.equal(garbled.status, 401);
    // The real signature of a real delivery over altered bytes: refused too.
    const genuine = log.find((d) => d.event.type === "verify.delivery_status");
    const altered = genuine.body.replace('"delivered"', '"undeliverable"');
    const tampered = await post(altered, { "x-webhook-signature": genuine.signature });
    assert.equal(tampered.status, 401);
    // A replay of the genuine one is taken and dropped as a duplicate.
    const replay = await post(genuine.body, { "x-webhook-signature": genuine.signature });
    assert.deepEqual(await replay.json(), { ok: true, duplicate: true });
    // Shown nowhere: not in the server's events, not on the page after more polls.
    const after = await events(suite.demo, id);
    assert.equal(after.length, kept.length);
    assert.ok(!after.some((e) => e.id === "evt_forged0000000000000000000"));
    await page.waitForTimeout(2200);
    assert.equal(await page.locator("#timeline .event").count(), 5);
    assert.doesNotMatch(await text(page, "#timeline"), /undeliverable/);
    await shot(page, "desktop-5-webhook-timeline");
    await assertStable(s);
  });

  test("blocked numbers: the reason in plain words, nothing sent", async () => {
    const s = await open();
    const { page } = s;
    const tryNumber = async (typed, iso = "US") => {
      await page.selectOption("#country", iso);
      await page.locator("#phone").fill(typed);
      await page.keyboard.press("Enter");
      await page.locator("#send:not([aria-busy])").waitFor();
      await page.locator("#phone-error:not(:empty)").waitFor();
      return text(page, "#phone-error");
    };
    // Last four digits 0666: the mock's anti-fraud judges it suspicious.
    assert.match(await tryNumber("415 555 0666"), /This request looks suspicious/);
    assert.equal(await page.locator("#phone-form").isVisible(), true);
    assert.equal(await activeId(page), "phone");
    assert.equal(await page.locator("#phone").getAttribute("aria-invalid"), "true");
    assert.equal(await text(page, "#auth-badge"), "Blocked");
    assert.equal(await text(page, "#auth-risk"), "Blocked: suspicious (prefix concentration, fraud database)");
    assert.match(await text(page, "#auth-id"), /^vrf_/);
    await page.locator("#timeline .empty", { hasText: "Nothing was sent, so no webhook came." }).waitFor();
    assert.equal((await inboxV2(suite.mock.origin, "+14155550666")).length, 0, "no message");
    await shot(page, "desktop-6-blocked-suspicious");
    // A toll-free number is no line for codes.
    assert.match(await tryNumber("800 555 0123"), /This number can't receive codes/);
    assert.equal(await text(page, "#auth-risk"), "Blocked: can't receive codes");
    // The unallocated area code 999.
    assert.match(await tryNumber("999 555 0123"), /This number doesn't exist/);
    // A number the account put on its block list.
    const listed = await v2(suite.mock.origin, "POST", "/verification/management/phone-numbers/block", {
      phone_number: "+14155550199",
    });
    assert.equal(listed.status, 200, JSON.stringify(listed.body));
    assert.match(await tryNumber("415 555 0199"), /This number is on the block list/);
    assert.equal(await text(page, "#auth-risk"), "Blocked: on the block list");
    // A dry-run rule (0667): noted in the panel, and the code goes out all the same.
    await page.locator("#phone").fill("415 555 0667");
    await page.keyboard.press("Enter");
    await page.locator("#code-form").waitFor({ state: "visible" });
    assert.equal(
      await text(page, "#auth-risk"),
      "Dry-run rule matched (suspicious): sent anyway (poor conversion history)",
    );
    await page.click("#change-number");
    // A country the API does not serve: a DingApiError (400), in plain words.
    s.allow(/status of 400/, `${suite.mock.origin}/v2/verification`);
    assert.match(await tryNumber("+999 1234 5678"), /can't send codes to numbers in that country/);
    assert.equal(s.allowed().length, 1, "the refused request was made once");
  });

  test("too many attempts: a resend is refused in plain words, and the open code still works", async () => {
    const s = await open();
    const { page } = s;
    const phone = "+14155550144";
    const code = await sendCode(page, "415 555 0144");
    // Nine more sends from elsewhere: ten in the hour, the mock's limit.
    for (let i = 0; i < 9; i++) {
      const res = await v2(suite.mock.origin, "POST", "/verification", { target: { type: "phone_number", value: phone } });
      assert.notEqual(res.body.status, "blocked", `send ${i + 2}`);
    }
    await page.focus("#resend");
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "Too many attempts for this number, try later." }).waitFor();
    assert.equal(await text(page, "#auth-badge"), "Resend blocked");
    assert.match(await text(page, "#auth-risk"), /^Blocked: too many attempts/);
    assert.equal(await page.locator("#verify").isVisible(), true, "the code step stays usable");
    await shot(page, "desktop-7-too-many-attempts");
    // The newest window's code still works (the open window takes checks).
    const newest = (await inboxV2(suite.mock.origin, phone)).at(-1).code;
    await page.locator("#code").fill(newest);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
    assert.ok(code);
  });

  test("an expired code: expired_or_not_found, then a new code", async () => {
    const own = await ownServers(["--expiry-secs", "3"]);
    const s = await open(DESKTOP, { server: own.demo });
    const { page } = s;
    const code = await sendCode(page, "+49 1512 3456789");
    const firstId = await text(page, "#auth-id");
    await page.waitForTimeout(3300);
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "This code expired or was already used: send a new one." }).waitFor();
    assert.equal(await page.locator("#send-new").isVisible(), true);
    assert.equal(await activeId(page), "send-new");
    assert.equal(await text(page, "#auth-badge"), "Expired or used");
    await shot(page, "desktop-8-expired");
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "We sent you a new code" }).waitFor();
    assert.notEqual(await text(page, "#auth-id"), firstId);
    await page.waitForFunction(() => document.querySelectorAll("#inbox .sms:not(.old)").length === 1);
    const fresh = await page.locator("#inbox .sms:not(.old) .sms-code").innerText();
    await page.keyboard.type(fresh);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
  });

  test("lookup: line type in words, flags, carrier, caller name", async () => {
    const s = await open();
    const { page } = s;
    /** Looks `typed` up through the page; returns the shown facts as { label: value }. */
    const lookUp = async (typed, iso = "US") => {
      await page.selectOption("#country", iso);
      await page.locator("#phone").fill(typed);
      await page.click("#lookup");
      await page.locator("#lookup:not([aria-busy])").waitFor();
      await page.locator("#lookup-result").waitFor({ state: "visible" });
      const rows = await page
        .locator("#lookup-result > div")
        .evaluateAll((divs) => divs.map((d) => [d.querySelector("dt").textContent, d.querySelector("dd").textContent]));
      return Object.fromEntries(rows);
    };
    // Ported (0669): another carrier now, the first one named.
    const ported = await lookUp("415 555 0669");
    const direct = (await v2(suite.mock.origin, "GET", `/lookup/${encodeURIComponent("+14155550669")}?type=cnam`)).body;
    assert.equal(ported["Line type"], "Mobile");
    assert.equal(ported.Country, "United States (US)");
    assert.equal(ported.Carrier, direct.network_info.carrier_name);
    assert.equal(ported["Caller name"], direct.caller_name);
    assert.equal(ported.Ported, `Yes (first carrier: ${direct.original_network_info.carrier_name})`);
    assert.equal(ported["Temporary number"], "No");
    assert.equal(ported["Network (MCC/MNC)"], `${direct.network_info.mcc} / ${direct.network_info.mnc}`);
    await shot(page, "desktop-9-lookup-ported");
    // Temporary (0668).
    const temporary = await lookUp("415 555 0668");
    assert.equal(temporary["Temporary number"], "Yes: likely disposable");
    assert.equal(temporary.Ported, "No");
    // A French landline: fixed_line, in words.
    const landline = await lookUp("01 23 45 67 89", "FR");
    assert.equal(landline["Line type"], "Landline");
    assert.equal(landline.Country, "France (FR)");
    assert.equal(landline.Carrier, "Orange");
    await assertStable(s);
  });

  test("the server goes away mid-flow: network error in plain words", async () => {
    const own = await ownServers();
    const s = await open(DESKTOP, { server: own.demo });
    const { page } = s;
    const code = await sendCode(page, "312 345 6789", "IT");
    await page.locator("#timeline .event").nth(2).waitFor();
    // Chrome logs each refused connection itself; only those are tolerated.
    s.allow(/net::ERR_CONNECTION_REFUSED/, own.mock.origin);
    await own.mock.stop();
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "Can't reach the code service" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("#code-form").isVisible(), true);
    await page.locator("#inbox-live", { hasText: "can't reach the mock" }).waitFor();
    // The timeline comes from the demo server, which is still up.
    await page.locator("#status-live", { hasText: "updated" }).waitFor();
    assert.equal(await page.locator("#timeline .event").count(), 3);
    // Resend fails the same way.
    await page.click("#resend");
    await page.locator("#code-error", { hasText: "Can't reach the code service" }).waitFor({ timeout: 20_000 });
    assert.ok(s.allowed().length >= 1);
    await shot(page, "desktop-10-network-down");
  });

  test("phone-sized window: the v2 flow fits, using the inbox's button", async () => {
    const s = await open(PHONE, { mobile: true });
    const { page } = s;
    await noHorizontalScroll(page);
    await shot(page, "phone-1-start");
    await page.selectOption("#country", "FR");
    await page.locator("#phone").fill("06 98 76 54 32");
    assert.equal(await text(page, "#phone-hint"), "We'll text +33 6 98 76 54 32");
    await page.locator("#send").tap();
    await page.locator("#code-form").waitFor({ state: "visible" });
    await page.locator("#inbox .sms-use").first().tap();
    assert.match(await page.locator("#code").inputValue(), /^\d{6}$/);
    await page.locator("#resend").tap();
    await page.locator("#code-info", { hasText: "We sent you another code." }).waitFor();
    await page.locator("#timeline .event").nth(4).waitFor();
    await page.locator("#inbox .sms-use").first().tap();
    await noHorizontalScroll(page);
    await shot(page, "phone-2-code-step");
    await page.locator("#verify").tap();
    await page.locator("#done").waitFor({ state: "visible" });
    await page.locator("#lookup").tap();
    await page.locator("#lookup-result", { hasText: "France (FR)" }).waitFor();
    await noHorizontalScroll(page);
    await shot(page, "phone-3-signed-in");
    await page.locator("#sign-out").tap();
    await page.locator("#phone").fill("06 98 76 0666");
    await page.locator("#send").tap();
    await page.locator("#phone-error", { hasText: "This request looks suspicious" }).waitFor();
    await page.locator("#inbox .empty", { hasText: "No messages to this number yet." }).waitFor();
    await noHorizontalScroll(page);
    await shot(page, "phone-4-blocked");
    await assertStable(s);
  });
});
