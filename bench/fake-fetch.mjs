// In-memory `fetch` for the benchmark: it answers the operations of both
// APIs like server.mjs does (bench/responses.mjs), without any I/O. Two kinds:
//
// - makeFakeFetch() / fakeFetch, "instant": each distinct (method, URL) gets
//   one Response-like object (`status`, `ok`, `text()`, `json()`), built once;
//   a call is two Map look-ups returning an already-resolved Promise. A loop
//   over it measures the client's own cost and nothing else.
// - makeResponseFetch(): a new platform `Response` per call from the
//   precomputed body, which is what a real `fetch` hands over. It costs a few
//   µs per call on top of the client (stream set-up, text decoding).
import { answer } from "./responses.mjs";

class FakeResponse {
  constructor(status, text) {
    this.status = status;
    this.ok = status >= 200 && status <= 299;
    this.statusText = this.ok ? "OK" : "Not Found";
    this.body_ = text;
    this.textPromise = Promise.resolve(text);
  }
  text() {
    return this.textPromise;
  }
  json() {
    return Promise.resolve(JSON.parse(this.body_));
  }
}

function cached(make) {
  const byMethod = { GET: new Map(), POST: new Map() };
  return (url, init) => {
    const method = (init && init.method) || "GET";
    const cache = byMethod[method] || (byMethod[method] = new Map());
    let v = cache.get(url);
    if (v === undefined) {
      v = make(answer(method, String(url)));
      if (cache.size < 1000) cache.set(url, v);
    }
    return v;
  };
}

/** An "instant" fake fetch with its own cache (see above). */
export function makeFakeFetch() {
  const lookup = cached((a) => Promise.resolve(new FakeResponse(a.status, a.text)));
  return function fakeFetch(url, init) {
    return lookup(url, init);
  };
}

/** A fake fetch that resolves to a new `Response` per call (see above). */
export function makeResponseFetch() {
  const lookup = cached((a) => ({
    text: a.text,
    init: { status: a.status, headers: { "content-type": "application/json" } },
  }));
  return function responseFetch(url, init) {
    const a = lookup(url, init);
    return Promise.resolve(new Response(a.text, a.init));
  };
}

/** A shared instant fake fetch. */
export const fakeFetch = makeFakeFetch();
