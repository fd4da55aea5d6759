// End-to-end test of the sign-in demo (www/) in Debian's chromium, part 1:
// the page loads both entries of the built package from pkg/, its API switch
// (v2 by default, v1 deprecated), and the whole v1 (Ding) OTP flow against
// the mock with random codes read from the page's test inbox. The v2 flow is
// in prelude.test.mjs. Screenshots (desktop 1280x800, phone 390x844) go to
// tests/artifacts/screenshots/v1-*.png and api-*.png. Every test fails on a
// console error, a page error or a layout shift.
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CUSTOMER_UUID,
  demoSuite,
  inbox,
  screenshot,
  startMock,
} from "./support.mjs";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Retry window short enough to watch the countdown end; 3 wrong codes lock.
const MOCK_ARGS = ["--retry-window-secs", "5", "--max-check-attempts", "3"];

const suite = demoSuite({ mockArgs: MOCK_ARGS, screenshots: ["v1-", "api-"] });

/** Opens the page; `api` "v1" (these tests' default), "v2", or null for none in the URL. */
async function open(viewport = DESKTOP, { mock: mockURL, mobile = false, api = "v1" } = {}) {
  const current = await suite.openPage({ viewport, mobile });
  const query = new URLSearchParams();
  if (api) query.set("api", api);
  if (mockURL) query.set("mock", mockURL);
  const url = String(query) ? `${suite.demo.url}?${query}` : suite.demo.url;
  await current.page.goto(url);
  await current.page.waitForSelector("html[data-ready]", { state: "attached" });
  return current;
}

const text = (page, sel) => page.locator(sel).innerText();
const shot = (page, name) => screenshot(page, `v1-${name}`);
const activeId = (page) => page.evaluate(() => document.activeElement?.id);

/** Waits for the resend button's countdown and returns its seconds. */
async function countdownSeconds(page) {
  const label = await page.locator("#resend").innerText();
  const m = /in (\d+):(\d\d)/.exec(label);
  assert.ok(m, `resend button shows a countdown, got "${label}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Sends a code to `typed` (with `iso` chosen) by keyboard and returns the code from the page's inbox. */
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

const wrong = (code) => code.slice(0, -1) + ((Number(code.at(-1)) + 1) % 10);

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

describe("sign-in demo", () => {
  test("loads both entries of the package, v2 by default, and says the key belongs on a server", async () => {
    const s = await open(DESKTOP, { api: null });
    const { page } = s;
    assert.ok(s.requests.some((u) => u.endsWith("/pkg/index.js")), "imports pkg/index.js (ding-otp)");
    assert.ok(s.requests.some((u) => u.endsWith("/pkg/prelude/index.js")), "imports pkg/prelude/index.js (ding-otp/prelude)");
    const wasm = await page.evaluate(async () => (await fetch("pkg/ding_otp_bg.wasm")).headers.get("content-type"));
    assert.equal(wasm, "application/wasm");
    // v2 is the default; the note says v1 is deprecated.
    assert.equal(await page.getByRole("radio", { name: /v2/ }).isChecked(), true);
    assert.equal(await page.getByRole("radio", { name: /v1/ }).isChecked(), false);
    assert.match(await text(page, "#api-note"), /v1 \(Ding\) is deprecated/);
    assert.equal(await text(page, "#mock-url"), `${suite.mock.origin}/v2`);
    assert.equal(await text(page, "#status-title"), "Verification");
    const config = await (await fetch(`${suite.demo.url}config.json`)).json();
    assert.equal(config.webhookURL, suite.demo.webhookURL);
    assert.equal(config.mockOrigin, suite.mock.origin);
    assert.equal(await text(page, "#webhook-url"), suite.demo.webhookURL);
    assert.match(await text(page, ".about"), /A real deployment keeps the API key on a server/);
    assert.match(await page.locator("#server-link").getAttribute("href"), /\/examples\/worker$/);
    assert.equal(await page.locator("#country").inputValue(), "US");
    assert.equal(await activeId(page), "phone");
    assert.equal(await page.locator("#send").isEnabled(), true);
    // Only loopback: the page and its package call nothing else.
    for (const u of s.requests) assert.match(u, /^http:\/\/127\.0\.0\.1:\d+\//, `request to ${u}`);
    await noHorizontalScroll(page);
    await screenshot(page, "api-1-default-v2");
    await assertStable(s);
  });

  test("the API switch: a labelled radio group, arrow keys, ?api=, and a fresh start", async () => {
    const s = await open(DESKTOP, { api: null });
    const { page } = s;
    assert.equal(await page.locator("#api-switch legend").innerText(), "API");
    assert.equal(await page.getByRole("group", { name: "API" }).getByRole("radio").count(), 2);
    // A v2 sign-in under way...
    await page.locator("#phone").fill("415 555 0142");
    await page.keyboard.press("Enter");
    await page.locator("#code-form").waitFor({ state: "visible" });
    await page.locator("#inbox .sms").first().waitFor();
    // ...then the keyboard: Tab order reaches the checked radio, an arrow key switches.
    await page.focus("#api-v2");
    await page.keyboard.press("ArrowRight");
    assert.equal(await page.locator("#api-v1").isChecked(), true);
    assert.equal(await activeId(page), "api-v1", "the focus stays on the switch");
    assert.equal(new URL(page.url()).searchParams.get("api"), "v1");
    assert.match(await text(page, "#api-note"), /v1 \(Ding\) is deprecated: it still works for existing integrations/);
    assert.equal(await text(page, "#api-status"), "Using the v1 API (Ding), which is deprecated.");
    assert.equal(await text(page, "#mock-url"), suite.mock.url);
    assert.equal(await text(page, "#status-title"), "Authentication");
    // The v2 sign-in is dropped: back to the number, panels emptied.
    assert.equal(await page.locator("#phone-form").isVisible(), true);
    assert.equal(await text(page, "#auth-badge"), "None yet");
    assert.equal(await page.locator("#inbox .sms").count(), 0);
    await screenshot(page, "api-2-switched-to-v1");
    // The choice survives a reload through the URL.
    await page.reload();
    await page.waitForSelector("html[data-ready]", { state: "attached" });
    assert.equal(await page.locator("#api-v1").isChecked(), true);
    assert.equal(await text(page, "#status-title"), "Authentication");
    await page.focus("#api-v1");
    await page.keyboard.press("ArrowLeft");
    assert.equal(await page.locator("#api-v2").isChecked(), true);
    assert.equal(new URL(page.url()).searchParams.get("api"), "v2");
    // Clicking a label works too.
    await page.click("label[for=api-v1]");
    assert.equal(await page.locator("#api-v1").isChecked(), true);
  });

  test("invalid numbers get country-aware messages, and nothing is sent", async () => {
    const s = await open();
    const { page } = s;
    const tryNumber = async (iso, typed) => {
      await page.selectOption("#country", iso);
      await page.locator("#phone").fill(typed);
      await page.click("#send");
      return text(page, "#phone-error");
    };
    assert.match(await tryNumber("FR", "06 12 34"), /numbers in France have 9 digits after \+33, and this one has 5/);
    assert.equal(await page.locator("#phone").getAttribute("aria-invalid"), "true");
    assert.equal(await activeId(page), "phone");
    await shot(page, "desktop-2-invalid-number");
    assert.match(await tryNumber("FR", "+33 06 12 34 56 78"), /After \+33, leave out the 0/);
    assert.match(await tryNumber("US", "015 555 0123"), /area code .* cannot start with 0 or 1/);
    assert.match(await tryNumber("GB", "07700 9001234"), /too long: numbers in the United Kingdom have 10 digits/);
    assert.match(await tryNumber("DE", "call me"), /only digits/);
    assert.equal(s.requests.filter((u) => u.startsWith(suite.mock.url)).length, 0, "no request reached the mock");
    // Typing the country code picks the country, and the hint shows the E.164 form.
    await page.locator("#phone").fill("+44 7700 900123");
    assert.equal(await page.locator("#country").inputValue(), "GB");
    assert.equal(await text(page, "#phone-hint"), "We'll text +44 7700 900123");
    // A number the API refuses: the SDK's DingApiError, in plain words.
    s.allow(/status of 400/, `${suite.mock.url}/authentication`);
    await tryNumber("US", "+999 1234 5678");
    await page.locator("#phone-error", { hasText: "can't send codes to numbers in that country or region" }).waitFor();
    assert.equal(s.allowed().length, 1, "the refused request was made once");
    assert.equal(await page.locator("#phone-form").isVisible(), true);
  });

  test("keyboard flow: send, wrong code, resend countdown, verify, timeline, feedback, lookup", async () => {
    const s = await open();
    const { page } = s;
    const phone = "+14155550123";
    const first = await sendCode(page, "(415) 555-0123", "US");
    assert.equal(await text(page, "#code-number"), "+1 415 555 0123");
    assert.equal(await activeId(page), "code", "the code field has the focus");
    // The page shows what the mock really sent.
    const sent = await inbox(suite.mock.url, phone);
    assert.equal(sent.length, 1);
    assert.equal(first, sent[0].code);
    assert.equal(await text(page, "#auth-id"), sent[0].authentication_uuid);
    assert.equal(await text(page, "#status-title"), "Authentication");
    assert.match(await text(page, "#expiry"), /^The code works for \d+:\d\d more\.$/);
    assert.equal(await text(page, "#auth-badge"), "Waiting for the code");
    await page.waitForFunction(() => document.querySelectorAll("#timeline .event").length >= 3);
    assert.deepEqual(await timelineTypes(page), ["attempt", "delivery_status", "balance_update"]);
    assert.match(await text(page, "#timeline"), /Code sent by SMS \(attempt 1\)/);

    // A wrong code: plain words, and a check event in the timeline.
    await page.keyboard.type(wrong(first));
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "That code isn't right" }).waitFor();
    assert.equal(await page.locator("#code").getAttribute("aria-invalid"), "true");
    await page.locator("#timeline .event.check", { hasText: "wrong" }).waitFor();
    await shot(page, "desktop-3-wrong-code");

    // Resend too early: denied, and the button counts down from next_retry_at.
    await page.focus("#resend");
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "when the countdown ends" }).waitFor();
    assert.equal(await text(page, "#resend-info"), "3 new codes left");
    assert.equal(await page.locator("#resend").isDisabled(), true);
    const t1 = await countdownSeconds(page);
    assert.ok(t1 >= 1 && t1 <= 5, `countdown starts at ${t1}`);
    await shot(page, "desktop-4-resend-countdown");
    await page.waitForTimeout(1100);
    const t2 = await countdownSeconds(page).catch(() => 0);
    assert.ok(t2 < t1, `countdown went from ${t1} to ${t2}`);
    await page.locator("#resend", { hasText: /^Resend code$/ }).waitFor({ timeout: 8_000 });
    assert.equal(await page.locator("#resend").isEnabled(), true);

    // Resend when allowed: a second message, one retry fewer, a new countdown.
    await page.focus("#resend");
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "A new code is on its way" }).waitFor();
    assert.equal(await text(page, "#resend-info"), "2 new codes left");
    assert.ok((await countdownSeconds(page)) >= 1);
    await page.waitForFunction(() => document.querySelectorAll("#inbox .sms:not(.old)").length === 2);
    assert.equal((await inbox(suite.mock.url, phone)).length, 2);
    const newest = await page.locator("#inbox .sms:not(.old) .sms-code").first().innerText();
    assert.equal(newest, first, "the mock resends the same code");
    await page.locator("#timeline .event.attempt", { hasText: "attempt 2" }).waitFor();

    // The right code, typed: signed in.
    await page.focus("#code");
    await page.keyboard.press("Control+A");
    await page.keyboard.type(newest);
    await page.keyboard.press("Enter");
    await page.locator("#done").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "done-title");
    assert.equal(await text(page, "#done-title"), "You're signed in");
    assert.equal(await text(page, "#done-number"), "+1 415 555 0123");
    assert.equal(await text(page, "#auth-badge"), "Verified");
    await page.locator("#timeline .event.check.good", { hasText: `Code ${newest} checked: correct` }).waitFor();
    const types = await timelineTypes(page);
    assert.deepEqual(
      types.filter((t) => t !== "check"),
      ["attempt", "delivery_status", "balance_update", "attempt", "delivery_status", "balance_update"],
    );
    assert.equal(types.filter((t) => t === "check").length, 2);

    // Feedback, by keyboard.
    await page.keyboard.press("Tab");
    assert.equal(await activeId(page), "fb-yes");
    await page.keyboard.press("Enter");
    await page.locator("#fb-result", { hasText: "Thanks! We saved your answer." }).waitFor();
    assert.equal(await page.locator("#fb-yes").getAttribute("aria-pressed"), "true");

    // Lookup of the number in the form, compared with the mock's own answer.
    await page.click("#lookup");
    await page.locator("#lookup-result").waitFor({ state: "visible" });
    const direct = await (
      await fetch(`${suite.mock.url}/lookup/${encodeURIComponent(phone)}?type=cnam`, {
        headers: { "x-api-key": "k", "customer-uuid": CUSTOMER_UUID },
      })
    ).json();
    const shown = await text(page, "#lookup-result");
    assert.match(shown, /United States \(US\)/);
    assert.ok(shown.includes(direct.carrier), `carrier ${direct.carrier} shown`);
    assert.ok(shown.includes(direct.caller_name), `caller name ${direct.caller_name} shown`);
    await page.waitForTimeout(2200); // one more timeline refresh, to catch late errors
    await shot(page, "desktop-5-signed-in");
    await assertStable(s);
  });

  test("too many wrong codes: rate limited, with a way to start again", async () => {
    const s = await open();
    const { page } = s;
    const code = await sendCode(page, "07700 900123", "GB");
    for (let i = 0; i < 3; i++) {
      await page.locator("#code").fill(wrong(code)); // typing clears the last message
      assert.equal(await text(page, "#code-error"), "");
      await page.keyboard.press("Enter");
      await page.locator("#verify:not([aria-busy])").waitFor();
      assert.equal(await text(page, "#code-error"), "That code isn't right. Check the message and type it again.");
    }
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "Too many wrong codes" }).waitFor();
    assert.equal(await page.locator("#restart").isVisible(), true);
    assert.equal(await page.locator("#verify").isVisible(), false);
    assert.equal(await activeId(page), "restart");
    assert.equal(await text(page, "#auth-badge"), "Locked: too many tries");
    await page.locator("#timeline .event.check", { hasText: "too many tries" }).waitFor();
    await shot(page, "desktop-6-rate-limited");
    await page.keyboard.press("Enter");
    await page.locator("#phone-form").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "phone");
  });

  test("a code already used (a replay) says so and offers to start again, not to sign in", async () => {
    const s = await open();
    const { page } = s;
    const phone = "+33612345600";
    const code = await sendCode(page, "06 12 34 56 00", "FR");
    const uuid = await text(page, "#auth-id");
    // Someone else (another tab, another device) checks the right code first.
    const first = await (
      await fetch(`${suite.mock.url}/check`, {
        method: "POST",
        headers: { "x-api-key": "k", "content-type": "application/json" },
        body: JSON.stringify({ customer_uuid: CUSTOMER_UUID, authentication_uuid: uuid, check_code: code }),
      })
    ).json();
    assert.equal(first.status, "valid");
    assert.equal((await inbox(suite.mock.url, phone)).length, 1);
    // The same right code, typed here: already_validated, which is no sign-in.
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "This code was already used. Start again." }).waitFor();
    assert.equal(await page.locator("#done").isVisible(), false, "not signed in");
    assert.equal(await page.locator("#restart").isVisible(), true);
    assert.equal(await page.locator("#verify").isVisible(), false);
    assert.equal(await page.locator("#code").isDisabled(), true);
    assert.equal(await activeId(page), "restart");
    assert.equal(await text(page, "#auth-badge"), "Code already used");
    assert.equal(await page.locator("#inbox .sms-use").count(), 0, "no 'Use this code' left");
    await page.locator("#timeline .event.check", { hasText: `Code ${code} checked: already used` }).waitFor();
    await shot(page, "desktop-7-already-used");
    await page.keyboard.press("Enter");
    await page.locator("#phone-form").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "phone");
    assert.equal(await page.locator("#code").isDisabled(), false);
  });

  test("an expired code says so", async () => {
    const short = await startMock(["--expiry-secs", "1.5"]);
    suite.servers.push(short);
    const s = await open(DESKTOP, { mock: short.url });
    const { page } = s;
    assert.equal(await text(page, "#mock-url"), short.url);
    const code = await sendCode(page, "+33 6 12 34 56 78");
    await page.locator("#expiry", { hasText: "The code has expired." }).waitFor();
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "This code has expired. Start again to get a new one." }).waitFor();
    assert.equal(await page.locator("#restart").isVisible(), true);
    assert.equal(await text(page, "#auth-badge"), "Expired");
    await page.locator("#timeline .event.check", { hasText: "expired" }).waitFor();
    await shot(page, "desktop-8-expired");
    // Close the page before its mock goes: its status poll would hit a closed port.
    await s.context.close();
    await short.stop();
  });

  test("the server goes away mid-flow: network error in plain words", async () => {
    const doomed = await startMock();
    suite.servers.push(doomed);
    const s = await open(DESKTOP, { mock: doomed.url });
    const { page } = s;
    const code = await sendCode(page, "612 34 56 78", "ES");
    // Chrome logs each refused connection itself; only those are tolerated.
    s.allow(/net::ERR_CONNECTION_REFUSED/, doomed.url);
    await doomed.stop();
    await page.locator("#code").fill(code);
    await page.keyboard.press("Enter");
    await page.locator("#code-error", { hasText: "Can't reach the code service" }).waitFor({ timeout: 20_000 });
    assert.equal(await page.locator("#code-form").isVisible(), true);
    await page.locator("#inbox-live", { hasText: "can't reach the mock" }).waitFor();
    await page.locator("#status-live", { hasText: "can't reach the server" }).waitFor();
    assert.ok(s.allowed().length >= 1);
    await shot(page, "desktop-9-network-down");
  });

  test("phone-sized window: the flow fits, using the inbox's button", async () => {
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
    await page.locator("#timeline .event").nth(2).waitFor();
    await noHorizontalScroll(page);
    await shot(page, "phone-2-code-step");
    await page.locator("#verify").tap();
    await page.locator("#done").waitFor({ state: "visible" });
    await page.locator("#fb-no").tap();
    await page.locator("#fb-result", { hasText: "Thanks!" }).waitFor();
    await page.locator("#lookup").tap();
    await page.locator("#lookup-result", { hasText: "France (FR)" }).waitFor();
    await page.locator("#timeline .event.check.good").waitFor();
    await noHorizontalScroll(page);
    await shot(page, "phone-3-signed-in");
    await assertStable(s);
  });
});
