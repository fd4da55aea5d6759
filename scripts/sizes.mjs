// Prints the size of what a browser or a worker loads: the .wasm and the JS
// glue, raw and gzip -9.
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { join } from "node:path";

const dir = new URL("../pkg/", import.meta.url).pathname;
const files = ["ding_otp_bg.wasm", "ding_otp.js", "index.js"];
for (const d of readdirSync(join(dir, "snippets"), { recursive: true })) {
  if (String(d).endsWith(".js")) files.push(join("snippets", String(d)));
}
let raw = 0;
let gz = 0;
const rows = files.map((f) => {
  const b = readFileSync(join(dir, f));
  const g = gzipSync(b, { level: 9 }).length;
  raw += b.length;
  gz += g;
  return [f, b.length, g];
});
rows.push(["total", raw, gz]);
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KB";
console.log("size of the package (what a browser loads):");
for (const [f, r, g] of rows) console.log(`  ${f.padEnd(48)} ${kb(r)} raw ${kb(g)} gzip -9`);
