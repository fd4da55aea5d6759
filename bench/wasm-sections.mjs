// Prints the size of each section of a .wasm file (custom sections by name),
// raw and gzip -9 on its own, and the number of function bodies:
//   node bench/wasm-sections.mjs <file.wasm> [...]
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const NAMES = ["custom", "type", "import", "function", "table", "memory", "global", "export", "start", "element", "code", "data", "data count", "tag"];

function leb(b, at) {
  let v = 0;
  let shift = 0;
  for (;;) {
    const x = b[at++];
    v += (x & 0x7f) * 2 ** shift;
    shift += 7;
    if (x < 0x80) return [v, at];
  }
}

/**
 * `[{ name, bytes, gzip }]` of each section (header included; gzip: that
 * section alone at gzip -9), plus `functions` for the code section.
 */
export function sections(buf) {
  if (buf.readUInt32LE(0) !== 0x6d736100) throw new Error("not a wasm file");
  const out = [];
  let at = 8;
  while (at < buf.length) {
    const start = at;
    const id = buf[at++];
    let size;
    [size, at] = leb(buf, at);
    const body = at;
    let name = NAMES[id] ?? `id ${id}`;
    let functions;
    if (id === 0) {
      let n;
      [n, at] = leb(buf, at);
      name = `custom "${buf.subarray(at, at + n).toString("utf8")}"`;
    } else if (id === 10) {
      [functions] = leb(buf, body);
    }
    at = body + size;
    const gzip = gzipSync(buf.subarray(start, at), { level: 9 }).length;
    out.push({ name, bytes: at - start, gzip, ...(functions === undefined ? {} : { functions }) });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  for (const file of process.argv.slice(2)) {
    const buf = readFileSync(file);
    const n = (x) => x.toLocaleString("en-US").padStart(9);
    const whole = gzipSync(buf, { level: 9 }).length;
    console.log(`${file}: ${n(buf.length).trim()} bytes, ${n(whole).trim()} gzip -9`);
    console.log(`  ${"section".padEnd(28)} ${"bytes".padStart(9)} ${"gzip -9".padStart(9)}`);
    for (const s of sections(buf)) {
      const extra = s.functions === undefined ? "" : `  (${s.functions} function bodies)`;
      console.log(`  ${s.name.padEnd(28)} ${n(s.bytes)} ${n(s.gzip)}${extra}`);
    }
  }
}
