// The size of what a browser or a worker loads: the .wasm and the JS glue,
// raw and gzip -9. `node scripts/sizes.mjs` prints it (scripts/build.sh);
// bench/run.mjs imports `packageSizes`.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** Bytes of `buf` after gzip -9. */
export const gzip9 = (buf) => gzipSync(buf, { level: 9 }).length;

/**
 * Sizes of the loaded files of the package in `dir` (default: pkg/):
 * `{ files: [{ file, raw, gzip }], total: { raw, gzip } }`.
 */
export function packageSizes(dir = fileURLToPath(new URL("../pkg/", import.meta.url))) {
  const names = ["ding_otp_bg.wasm", "ding_otp.js", "index.js"];
  for (const d of readdirSync(join(dir, "snippets"), { recursive: true })) {
    if (String(d).endsWith(".js")) names.push(join("snippets", String(d)));
  }
  const total = { raw: 0, gzip: 0 };
  const files = names.map((file) => {
    const b = readFileSync(join(dir, file));
    const row = { file, raw: b.length, gzip: gzip9(b) };
    total.raw += row.raw;
    total.gzip += row.gzip;
    return row;
  });
  return { files, total };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const { files, total } = packageSizes();
  const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
  console.log("size of the package (what a browser loads):");
  for (const { file, raw, gzip } of [...files, { file: "total", ...total }]) {
    console.log(`  ${file.padEnd(48)} ${kb(raw)} raw ${kb(gzip)} gzip -9`);
  }
}
