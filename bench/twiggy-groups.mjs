// Groups the items of `twiggy top -f csv` into the kinds of code that cost
// bytes (the first matching rule wins) and prints bytes per group:
//   twiggy top -n 100000 -f csv file.wasm | node bench/twiggy-groups.mjs
import { readFileSync } from "node:fs";

const groups = [
  ["name section (only in the analysis build, not shipped)", /names" subsection$/],
  ["data segments (string constants, tables)", /^data segment /],
  ["the six async exports (future_to_promise bodies; the crate's call, retry, decode and to_js code inlined into each)", /future_to_promise::\{\{closure\}\}::\{\{closure\}\}/],
  ["float parsing (f64::from_str, dec2flt)", /dec2flt|f64 as .*FromStr|lemire/],
  ["core::fmt (Display/Debug, Formatter)", /core(\[\w+\])?::fmt|as core(\[\w+\])?::fmt::|Formatter|pad_integral|fmt::write/],
  ["panic and bounds-check failure paths", /panic|slice_error_fail|slice_index_fail|unwrap_failed|expect_failed|abort/],
  ["allocator (core::alloc, or dlmalloc with the feature default-allocator) and Vec growth", /core::alloc::|dlmalloc|__rust_(re)?alloc|__rust_dealloc|__rdl_|RawVec|finish_grow|grow_amortized|into_boxed_slice|memalign/],
  ["core::str search and iteration (find, split, replace, trim, UTF-8 walk)", /str::pattern|Searcher|memchr|str::iter|<impl str>|str::validations|<str>::|count_chars|MultiCharEq|encode_utf8|eq_ignore_ascii_case|str::traits/],
  ["drop glue", /drop_in_place/],
  ["ding_otp models (decode, to_js, enums; the events list collect)", /^<?ding_otp::model|GenericShunt/],
  ["ding_otp errors", /^<?ding_otp::error/],
  ["ding_otp retry, options, transport, client", /^<?ding_otp::(retry|options|transport|client)/],
  ["ding_otp checks, validate, url, time, value", /^<?ding_otp::(checks|validate|url|time|value)/],
  ["wasm-bindgen / js-sys glue (shims, futures queue, externref table)", /js_sys|wasm_bindgen|externref|shim|__wbindgen|__wbg|JsFuture|LazyCell|JsThreadLocal|^ding_\w+$|^(otp|lookup)_\w+$/],
  ["wasm module structure (types, imports, exports, table, elements, globals, custom sections)", /^(type\[|import |export |elem\[|table\[|global\[|memory\[|custom section|func\[)/],
];

const text = readFileSync(0, "utf8");
const totals = new Map(groups.map(([name]) => [name, { bytes: 0, items: 0 }]));
const other = { bytes: 0, items: 0, names: [] };
let all = 0;
for (const line of text.split("\n").slice(1)) {
  if (!line.trim()) continue;
  // Name,ShallowSize,...: the name may be quoted and hold commas.
  const m = line.match(/^("(?:[^"]|"")*"|[^,]*),(\d+),/);
  if (!m) continue;
  const name = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
  const bytes = Number(m[2]);
  if (/^Σ|^\.\.\. and /.test(name)) continue;
  all += bytes;
  const g = groups.find(([, re]) => re.test(name));
  const t = g ? totals.get(g[0]) : other;
  t.bytes += bytes;
  t.items++;
  if (!g && other.names.length < 12) other.names.push(`${name} (${bytes})`);
}
const rows = [...totals].filter(([, t]) => t.items).sort((a, b) => b[1].bytes - a[1].bytes);
rows.push(["other", other]);
for (const [name, t] of rows) {
  console.log(`${String(t.bytes).padStart(8)}  ${((100 * t.bytes) / all).toFixed(1).padStart(5)}%  ${String(t.items).padStart(4)} items  ${name}`);
}
console.log(`${String(all).padStart(8)}  100.0%  total`);
if (other.names.length) console.log(`other, first items: ${other.names.join(", ")}`);
