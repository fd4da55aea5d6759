// The `js-loop` build only: JS awaits the fetch and the body, then hands the
// status and the parsed body back to the wasm module, which decodes them.

export async function drive(given, url, init, decoder, op) {
  const res = await (given || fetch)(url, init);
  let json;
  try {
    json = await res.json();
  } catch {
    // Not JSON: the module reports it.
  }
  return decoder.finish(op, res.status, json);
}
