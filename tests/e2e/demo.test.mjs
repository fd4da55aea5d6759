// End-to-end test of the sign-in demo (www/) in Debian's chromium: the page
// loads the built package from pkg/, and runs the whole OTP flow against the
// mock Ding server with random codes read from the page's test inbox.
// Screenshots (desktop 1280x800, phone 390x844) go to tests/artifacts/screenshots/.
// Every test fails on a console error or page error.
import { after, afterEach, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import {
  CUSTOMER_UUID,
  cleanScreenshots,
  inbox,
  launchBrowser,
  openPage,
  screenshot,
  startDemo,
  startMock,
} from "./support.mjs";

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
// Retry window short enough to watch the countdown end; 3 wrong codes lock.
const MOCK_ARGS = ["--retry-window-secs", "5", "--max-check-attempts", "3"];

let mock;
let demo;
let browser;
let current; // the page of the running test, checked after it
const servers = [];

before(async () => {
  cleanScreenshots();
  mock = await startMock(MOCK_ARGS);
  servers.push(mock);
  demo = await startDemo(mock.url);
  servers.push(demo);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close().catch(() => {});
  await Promise.all(servers.map((s) => s.stop()));
});

afterEach(async () => {
  if (!current) return;
  const { problems, context } = current;
  current = null;
  await context.close().catch(() => {});
  assert.deepEqual(problems(), [], "console errors or page errors");
});

async function open(viewport = DESKTOP, { mock: mockURL, mobile = false } = {}) {
  current = await openPage(browser, { viewport, mobile });
  const url = mockURL ? `${demo.url}?mock=${encodeURIComponent(mockURL)}` : demo.url;
  await current.page.goto(url);
  await current.page.waitForSelector("html[data-ready]", { state: "attached" });
  return current;
}

const text = (page, sel) => page.locator(sel).innerText();
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
  test("loads the package from pkg/ and says the key belongs on a server", async () => {
    const s = await open();
    const { page } = s;
    assert.ok(s.requests.some((u) => u.endsWith("/pkg/index.js")), "imports pkg/index.js");
    const wasm = await page.evaluate(async () => (await fetch("pkg/ding_otp_bg.wasm")).headers.get("content-type"));
    assert.equal(wasm, "application/wasm");
    assert.equal(await text(page, "#mock-url"), mock.url);
    assert.equal(await text(page, "#customer-uuid"), CUSTOMER_UUID);
    assert.match(await text(page, ".about"), /A real deployment keeps the API key on a server/);
    assert.match(await page.locator("#server-link").getAttribute("href"), /\/examples\/worker$/);
    assert.equal(await page.locator("#country").inputValue(), "US");
    assert.equal(await activeId(page), "phone");
    assert.equal(await page.locator("#send").isEnabled(), true);
    await noHorizontalScroll(page);
    await screenshot(page, "desktop-1-start");
    await assertStable(s);
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
    await screenshot(page, "desktop-2-invalid-number");
    assert.match(await tryNumber("FR", "+33 06 12 34 56 78"), /After \+33, leave out the 0/);
    assert.match(await tryNumber("US", "015 555 0123"), /area code .* cannot start with 0 or 1/);
    assert.match(await tryNumber("GB", "07700 9001234"), /too long: numbers in the United Kingdom have 10 digits/);
    assert.match(await tryNumber("DE", "call me"), /only digits/);
    assert.equal(s.requests.filter((u) => u.startsWith(mock.url)).length, 0, "no request reached the mock");
    // Typing the country code picks the country, and the hint shows the E.164 form.
    await page.locator("#phone").fill("+44 7700 900123");
    assert.equal(await page.locator("#country").inputValue(), "GB");
    assert.equal(await text(page, "#phone-hint"), "We'll text +44 7700 900123");
    // A number the API refuses: the SDK's DingApiError, in plain words.
    s.allow(/status of 400/, `${mock.url}/authentication`);
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
    const sent = await inbox(mock.url, phone);
    assert.equal(sent.length, 1);
    assert.equal(first, sent[0].code);
    assert.equal(await text(page, "#auth-id"), sent[0].authentication_uuid);
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
    await screenshot(page, "desktop-3-wrong-code");

    // Resend too early: denied, and the button counts down from next_retry_at.
    await page.focus("#resend");
    await page.keyboard.press("Enter");
    await page.locator("#code-info", { hasText: "when the countdown ends" }).waitFor();
    assert.equal(await text(page, "#resend-info"), "3 new codes left");
    assert.equal(await page.locator("#resend").isDisabled(), true);
    const t1 = await countdownSeconds(page);
    assert.ok(t1 >= 1 && t1 <= 5, `countdown starts at ${t1}`);
    await screenshot(page, "desktop-4-resend-countdown");
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
    assert.equal((await inbox(mock.url, phone)).length, 2);
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
      await fetch(`${mock.url}/lookup/${encodeURIComponent(phone)}?type=cnam`, {
        headers: { "x-api-key": "k", "customer-uuid": CUSTOMER_UUID },
      })
    ).json();
    const shown = await text(page, "#lookup-result");
    assert.match(shown, /United States \(US\)/);
    assert.ok(shown.includes(direct.carrier), `carrier ${direct.carrier} shown`);
    assert.ok(shown.includes(direct.caller_name), `caller name ${direct.caller_name} shown`);
    await page.waitForTimeout(2200); // one more timeline refresh, to catch late errors
    await screenshot(page, "desktop-5-signed-in");
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
    await screenshot(page, "desktop-6-rate-limited");
    await page.keyboard.press("Enter");
    await page.locator("#phone-form").waitFor({ state: "visible" });
    assert.equal(await activeId(page), "phone");
  });

  test("an expired code says so", async () => {
    const short = await startMock(["--expiry-secs", "1.5"]);
    servers.push(short);
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
    await screenshot(page, "desktop-7-expired");
    // Close the page before its mock goes: its status poll would hit a closed port.
    await s.context.close();
    await short.stop();
  });

  test("the server goes away mid-flow: network error in plain words", async () => {
    const doomed = await startMock();
    servers.push(doomed);
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
    await screenshot(page, "desktop-8-network-down");
  });

  test("phone-sized window: the flow fits, using the inbox's button", async () => {
    const s = await open(PHONE, { mobile: true });
    const { page } = s;
    await noHorizontalScroll(page);
    await screenshot(page, "phone-1-start");
    await page.selectOption("#country", "FR");
    await page.locator("#phone").fill("06 98 76 54 32");
    assert.equal(await text(page, "#phone-hint"), "We'll text +33 6 98 76 54 32");
    await page.locator("#send").tap();
    await page.locator("#code-form").waitFor({ state: "visible" });
    await page.locator("#inbox .sms-use").first().tap();
    assert.match(await page.locator("#code").inputValue(), /^\d{6}$/);
    await page.locator("#timeline .event").nth(2).waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, "phone-2-code-step");
    await page.locator("#verify").tap();
    await page.locator("#done").waitFor({ state: "visible" });
    await page.locator("#fb-no").tap();
    await page.locator("#fb-result", { hasText: "Thanks!" }).waitFor();
    await page.locator("#lookup").tap();
    await page.locator("#lookup-result", { hasText: "France (FR)" }).waitFor();
    await page.locator("#timeline .event.check.good").waitFor();
    await noHorizontalScroll(page);
    await screenshot(page, "phone-3-signed-in");
    await assertStable(s);
  });
});
