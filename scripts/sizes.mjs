// The size of what a browser downloads for each entry of the package: an
// app doing create + check, bundled by esbuild for the browser (minified),
// plus the entry's .wasm beside it, gzip -9. `node scripts/sizes.mjs`
// prints it (scripts/build.sh, so every test run shows it); bench/run.mjs
// imports `entrySizes` and `packageSizes`.
import { mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bytes of `buf` after gzip -9. */
export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;

const defaultDir = () => fileURLToPath(new URL("../pkg/", import.meta.url));

/** The apps measured: each imports one entry by name and makes the two calls of a sign-in. */
export const APPS = {
  "ding-otp": {
    wasm: "ding_otp_bg.wasm",
    source: `import { Ding, DingApiError } from "ding-otp";
const ding = new Ding({ apiKey: "k" });
export async function signIn(customerUuid, phoneNumber, code) {
  const auth = await ding.otp.createAuthentication({ customerUuid, phoneNumber });
  try {
    return await ding.otp.check({ customerUuid, authenticationUuid: auth.authenticationUuid, checkCode: code });
  } catch (e) {
    if (e instanceof DingApiError) return e.code;
    throw e;
  }
}`,
  },
  "ding-otp/prelude": {
    wasm: "prelude/ding_prelude_bg.wasm",
    source: `import { Prelude, DingApiError } from "ding-otp/prelude";
const prelude = new Prelude({ apiKey: "k" });
export async function signIn(value, code) {
  const target = { type: "phone_number", value };
  await prelude.verification.create({ target });
  try {
    return await prelude.verification.check({ target, code });
  } catch (e) {
    if (e instanceof DingApiError) return e.code;
    throw e;
  }
}`,
  },
  // A test-time entry, measured so that its growth shows: a test page that
  // makes a sandbox and reads its inbox (the client it serves is not counted).
  "ding-otp/sandbox": {
    wasm: "sandbox/ding_sandbox_bg.wasm",
    source: `import { createSandbox } from "ding-otp/sandbox";
export async function codeFor(phoneNumber) {
  const sandbox = createSandbox();
  await sandbox.fetch("https://api.prelude.dev/v2/verification", { method: "POST", body: JSON.stringify({ target: { type: "phone_number", value: phoneNumber } }) });
  return sandbox.inbox(phoneNumber);
}`,
  },
};

/** How every measured app is bundled: for a browser, as an app's build would. */
export const BUNDLE = {
  bundle: true,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  write: false,
  logLevel: "silent",
};

/**
 * For each entry: `{ entry, js: { raw, gzip }, wasm: { raw, gzip }, total }`,
 * bundling each app with esbuild against the package in `dir` (default pkg/).
 */
export async function entrySizes(dir = defaultDir()) {
  const { build } = await import("esbuild");
  const work = mkdtempSync(join(tmpdir(), "ding-sizes-"));
  try {
    mkdirSync(join(work, "node_modules"));
    symlinkSync(dir, join(work, "node_modules", "ding-otp"), "dir");
    const out = [];
    for (const [entry, app] of Object.entries(APPS)) {
      const file = join(work, entry.replace(/\W/g, "_") + ".mjs");
      writeFileSync(file, app.source);
      const result = await build({ ...BUNDLE, entryPoints: [file], absWorkingDir: work });
      const js = Buffer.from(result.outputFiles[0].contents);
      const wasm = readFileSync(join(dir, app.wasm));
      const sizes = { js: { raw: js.length, gzip: gzip9(js) }, wasm: { raw: wasm.length, gzip: gzip9(wasm) } };
      out.push({ entry, ...sizes, total: { raw: sizes.js.raw + sizes.wasm.raw, gzip: sizes.js.gzip + sizes.wasm.gzip } });
    }
    return out;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Every file of the package a runtime may load, raw and gzip -9:
 * `{ files: [{ file, raw, gzip }] }`.
 */
export function packageSizes(dir = defaultDir()) {
  const names = readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => /\.(wasm|js|cjs)$/.test(f))
    .sort();
  return {
    files: names.map((file) => {
      const b = readFileSync(join(dir, file));
      return { file, raw: b.length, gzip: gzip9(b) };
    }),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const kb = (n) => (n / 1024).toFixed(1).padStart(6) + " KB";
  console.log("what a browser downloads for create + check (esbuild bundle, minified, + the entry's .wasm), gzip -9;");
  console.log("ding-otp/sandbox is for tests: a page that makes a sandbox and reads its inbox:");
  for (const { entry, js, wasm, total } of await entrySizes()) {
    console.log(`  ${entry.padEnd(18)} ${kb(total.gzip)}  (JS ${kb(js.gzip).trim()}, wasm ${kb(wasm.gzip).trim()}; raw ${kb(total.raw).trim()})`);
  }
}
