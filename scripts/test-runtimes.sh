#!/usr/bin/env bash
# Runs the packed npm package in every runtime it supports: `npm pack` of
# pkg/ into target/runtimes/, installed from that tarball into a fresh
# temporary project per runtime, each running the same flow
# (tests/runtimes/flow.mjs: all six operations and the error classes)
# against the mock server at DING_MOCK_URL:
#   Node 18, 20, 22 (import and require), Deno 2, Bun 1 (import and require),
#   Cloudflare Workers in workerd through miniflare 4 and through `wrangler
#   dev`, headless Chromium and Firefox loading a page with no bundler, an
#   app bundled by esbuild and by Vite, the wasm-bindgen test suite in
#   headless Firefox, and publint and arethetypeswrong on the tarball.
# Installs what is missing first (the npm tools of tests/runtimes from its
# lock file, Debian's firefox-esr, geckodriver from crates.io). Starts the
# mock itself when DING_MOCK_URL is not set (scripts/test.sh sets it) and
# builds pkg/ when it is missing. Every server listens on 127.0.0.1 and is
# stopped on exit; every step has a timeout. Ends with "N passed, N failed".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
root="$(pwd)"
started=$SECONDS
rt="$root/tests/runtimes"
bin="$rt/node_modules/.bin"
log() { printf '\033[1m[runtimes]\033[0m %s\n' "$*"; }

# -- install what is missing ----------------------------------------------
if ! command -v firefox-esr >/dev/null 2>&1; then
  log "apt-get install firefox-esr"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends firefox-esr >/dev/null
fi
if ! command -v geckodriver >/dev/null 2>&1; then
  log "cargo install geckodriver"
  # --locked first; fall back to a fresh resolution if its lock names a
  # dependency release the registry no longer serves.
  cargo install geckodriver --locked --quiet || cargo install geckodriver --quiet
fi
export GECKODRIVER="${GECKODRIVER:-$(command -v geckodriver)}"
npm_ci_once "$rt"

# -- the mock, the package, the work folder ---------------------------------
if [ -z "${DING_MOCK_URL:-}" ]; then
  source scripts/mock.sh
  start_mock --code 123456 --api-key test-key --retry-window-secs 1
fi
# PACKAGE_DIR packs another folder than pkg/ (to see a broken layout fail).
pkg_dir="${PACKAGE_DIR:-pkg}"
[ -n "${PACKAGE_DIR:-}" ] || [ -f pkg/package.json ] || bash scripts/build.sh
work="$(mktemp -d)"
bg_pids=()
# stop_group PID: ends the process group PID leads and waits until it is gone.
stop_group() {
  kill -- "-$1" 2>/dev/null || return 0
  for _ in $(seq 1 50); do
    kill -0 -- "-$1" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL -- "-$1" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${bg_pids[@]}"; do stop_group "$pid"; done
  rm -rf "$work" 2>/dev/null || true
  if declare -F stop_mock >/dev/null; then stop_mock; fi
}
trap cleanup EXIT

rm -rf target/runtimes && mkdir -p target/runtimes
pack_json="$(cd "$pkg_dir" && timeout 120 npm pack --json --pack-destination "$root/target/runtimes" 2>/dev/null)"
tarball="$root/target/runtimes/$(node -e 'console.log(JSON.parse(process.argv[1])[0].filename)' "$pack_json")"
node -e '
  const [p] = JSON.parse(process.argv[1]);
  console.log(`tarball ${p.filename}: ${p.size} bytes (${(p.size / 1024).toFixed(1)} KB), ${p.unpackedSize} bytes unpacked, ${p.entryCount} files`);
' "$pack_json"

# project NAME FILES...: a fresh project in the work folder with the tarball
# installed as a dependency and FILES (paths in the repository) copied in.
project() {
  local dir="$work/$1"
  shift
  mkdir -p "$dir"
  printf '{ "name": "ding-otp-%s", "private": true, "type": "module" }\n' "$(basename "$dir")" >"$dir/package.json"
  for f in "$@"; do cp -R "$root/$f" "$dir/"; done
  (cd "$dir" && timeout 300 npm install --no-audit --no-fund --loglevel=error "$tarball" >/dev/null)
  echo "$dir"
}

free_port() {
  node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

passed=0
failed=0
results=()
# check NAME SECONDS COMMAND...: runs one test with a timeout and records it.
check() {
  local name=$1 secs=$2 t0=$SECONDS out
  shift 2
  out="$work/log.$((passed + failed))"
  if timeout --kill-after=10 "$secs" "$@" >"$out" 2>&1; then
    passed=$((passed + 1))
    results+=("ok    $name")
    printf 'ok    %-40s %3ss  %s\n' "$name" $((SECONDS - t0)) "$(tail -n1 "$out" | cut -c1-110)"
  else
    failed=$((failed + 1))
    results+=("FAIL  $name")
    printf 'FAIL  %-40s %3ss\n' "$name" $((SECONDS - t0))
    tail -n 40 "$out" | sed 's/^/      /'
  fi
}
version() { "$@" --version 2>/dev/null | head -n1; }
pkgv() { node -p 'require(process.argv[1]).version' "$rt/node_modules/$1/package.json"; }

log "mock at $DING_MOCK_URL"

# -- Node 18, 20, 22: import and require ------------------------------------
for node_bin in "$rt/node_modules/node18/bin/node" "$(command -v node)" "$rt/node_modules/node22/bin/node"; do
  v="$(version "$node_bin")"
  dir="$(project "node${v%%.*}" tests/runtimes/flow.mjs tests/runtimes/main.mjs tests/runtimes/main.cjs)"
  check "node $v import" 60 env -C "$dir" EXPECT_ENTRY=node.js "$node_bin" main.mjs
  check "node $v require" 60 env -C "$dir" EXPECT_ENTRY=index.cjs "$node_bin" main.cjs
done

# -- Deno and Bun -------------------------------------------------------------
dir="$(project deno tests/runtimes/flow.mjs tests/runtimes/main.mjs)"
deno_env=(env DENO_DIR="$work/deno-cache" DENO_NO_UPDATE_CHECK=1 DENO_NO_PROMPT=1)
check "deno $(version "$bin/deno" | cut -d' ' -f2) import" 90 env -C "$dir" "${deno_env[@]}" EXPECT_ENTRY=index.js \
  "$bin/deno" run --allow-net=127.0.0.1 --allow-read --allow-env main.mjs
dir="$(project bun tests/runtimes/flow.mjs tests/runtimes/main.mjs tests/runtimes/main.cjs)"
for f in main.mjs main.cjs; do
  kind=import && [ "$f" = main.cjs ] && kind=require
  check "bun $(version "$bin/bun") $kind" 60 env -C "$dir" DO_NOT_TRACK=1 EXPECT_ENTRY=node.js "$bin/bun" "$f"
done

# -- Cloudflare Workers (workerd) ---------------------------------------------
# Neither fetches Cloudflare's Request.cf data from the network.
export CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_SEND_METRICS=false
workerd_v="$(version "$bin/workerd")"
dir="$(project miniflare tests/runtimes/flow.mjs tests/runtimes/worker.mjs)"
check "workerd ${workerd_v#workerd } via miniflare $(pkgv miniflare) (node $(version node))" \
  120 node "$rt/run-worker.mjs" miniflare "$dir"
dir="$(project miniflare-sandbox tests/runtimes/flow.mjs tests/runtimes/sandbox-worker.mjs)"
check "workerd ${workerd_v#workerd }: ding-otp/sandbox in a Worker, no server" \
  120 node "$rt/run-worker.mjs" miniflare "$dir" sandbox-worker.mjs
dir="$(project wrangler tests/runtimes/flow.mjs tests/runtimes/worker.mjs)"
printf '{ "name": "ding-otp-runtime-test", "main": "worker.mjs", "compatibility_date": "2025-06-01" }\n' >"$dir/wrangler.json"
port="$(free_port)"
node22="$rt/node_modules/node22/bin/node"
# wrangler_dev DIR PORT ARGS...: `wrangler dev` (on Node 22, as it requires)
# in DIR on 127.0.0.1:PORT, in its own process group, stopped by wrangler_stop.
wrangler_dev() {
  local dir=$1 port=$2
  shift 2
  (cd "$dir" && XDG_CONFIG_HOME="$work/wrangler-config" exec setsid "$node22" "$rt/node_modules/wrangler/bin/wrangler.js" dev \
    --ip 127.0.0.1 --port "$port" --inspector-port "$(free_port)" --show-interactive-dev-session=false "$@" \
    >"$dir/wrangler.log" 2>&1) &
  bg_pids+=($!)
}
wrangler_stop() { # wrangler_stop DIR: stops the last one, shows its log if no request got a 200
  stop_group "${bg_pids[-1]}"
  unset 'bg_pids[-1]'
  grep -q ' 200 OK' "$1/wrangler.log" || sed 's/^/      wrangler: /' "$1/wrangler.log" | tail -n 20
}
wrangler_dev "$dir" "$port" --var "DING_MOCK_URL:$DING_MOCK_URL" --var DING_API_KEY:test-key
check "workerd ${workerd_v#workerd } via wrangler $(pkgv wrangler) dev (node $(version "$node22"))" \
  150 node "$rt/run-worker.mjs" url "http://127.0.0.1:$port/"
wrangler_stop "$dir"

# -- npx ding-otp-mock: the sandbox as a server, with no Rust on PATH ----------
dir="$(project npx-mock tests/runtimes/flow.mjs tests/runtimes/main.mjs)"
cp "$rt/npx-mock.sh" "$dir/"
check "npx ding-otp-mock: both flows over HTTP, then SIGTERM" 120 \
  env -C "$dir" PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" bash npx-mock.sh

# -- examples/: the Node and Deno scripts, the Worker -------------------------
dir="$(project example-node examples/node/otp.mjs)"
check "examples/node (node $(version node))" 60 node "$rt/examples.mjs" cli "$dir" node otp.mjs
dir="$(project example-deno examples/deno/otp.ts)"
check "examples/deno: deno check" 90 env -C "$dir" "${deno_env[@]}" "$bin/deno" check otp.ts
check "examples/deno" 90 "${deno_env[@]}" node "$rt/examples.mjs" cli "$dir" \
  "$bin/deno" run --allow-net=127.0.0.1 --allow-env --allow-read otp.ts
dir="$(project example-worker examples/worker/src examples/worker/wrangler.jsonc)"
port="$(free_port)"
mock_origin="${DING_MOCK_URL%/v1}"
webhook_key="$(node -e 'fetch(process.argv[1] + "/v2/_mock/webhook-key").then(r => r.json()).then(k => console.log(JSON.stringify(k.jwk)))' "$mock_origin")"
wrangler_dev "$dir" "$port" --var "DING_SERVER_URL:$DING_MOCK_URL" --var DING_API_KEY:test-key \
  --var "DING_CUSTOMER_UUID:0b6f2a4e-5d1c-4e8a-9f3b-7c2d1e0a9b84" \
  --var "PRELUDE_SERVER_URL:$mock_origin" --var PRELUDE_API_KEY:test-key \
  --var "PRELUDE_WEBHOOK_KEY:$webhook_key" --var "PRELUDE_CALLBACK_URL:http://127.0.0.1:$port/webhooks/prelude"
check "examples/worker via wrangler dev" 150 node "$rt/examples.mjs" worker "http://127.0.0.1:$port/"
wrangler_stop "$dir"

# -- browsers: no bundler, esbuild, Vite ----------------------------------------
dir="$(project browser tests/runtimes/flow.mjs tests/runtimes/app.mjs tests/runtimes/index.html tests/runtimes/esbuild.html tests/runtimes/vite \
  tests/runtimes/sandbox.html tests/runtimes/sandbox-app.mjs)"
chrome_v="$(version chromium | cut -d' ' -f1-2)"
firefox_v="$(version firefox-esr | sed 's/^Mozilla //')"
# Any warning fails it: a user's build must be quiet about the package.
check "esbuild $(pkgv esbuild) bundle, no warning" 60 sh -c \
  'cd "$1" && out="$("$2" app.mjs --bundle --format=esm --platform=browser --outdir=dist-esbuild --log-level=warning 2>&1)" &&
   { [ -z "$out" ] || { printf "%s\n" "$out"; exit 1; }; } &&
   cp node_modules/ding-otp/ding_otp_bg.wasm node_modules/ding-otp/prelude/ding_prelude_bg.wasm dist-esbuild/' _ "$dir" "$bin/esbuild"
check "vite $(pkgv vite) build" 120 env -C "$dir" \
  "$bin/vite" build vite --base ./ --outDir ../dist-vite --emptyOutDir --logLevel warn
for browser in chrome firefox; do
  label="$chrome_v" && [ "$browser" = firefox ] && label="$firefox_v"
  for page in index.html esbuild.html dist-vite/index.html sandbox.html; do
    check "$label: $page" 90 node "$rt/browser.mjs" "$browser" "$dir" "$page"
  done
done

# -- the wasm-bindgen suite in headless Firefox ---------------------------------
# As for Chrome in scripts/test.sh: a browser run silently skips tests not
# configured for it, so the count must match the source.
expected_wasm=$(cat tests/wasm/*.rs | grep -c '#\[wasm_bindgen_test\]')
wasm_firefox() {
  wasm-pack test --headless --firefox --features browser-test >"$work/wasm-firefox.txt" 2>&1 || { cat "$work/wasm-firefox.txt"; return 1; }
  local ran
  ran=$(grep -oE 'test result: ok\. [0-9]+ passed' "$work/wasm-firefox.txt" | grep -oE '[0-9]+' | head -n1)
  echo "ran ${ran:-0} wasm-bindgen tests in Firefox, the source has $expected_wasm"
  [ "${ran:-0}" = "$expected_wasm" ]
}
export -f wasm_firefox
export work expected_wasm
check "$firefox_v: wasm-bindgen tests" 900 bash -c wasm_firefox

# -- package linters ------------------------------------------------------------
check "publint $(pkgv publint)" 60 sh -c \
  'out=$("$1" run --strict "$2") || { echo "$out"; exit 1; }; echo "$out"; ! echo "$out" | grep -qE "^(Errors|Warnings|Suggestions):"' \
  _ "$bin/publint" "$tarball"
check "attw $(pkgv @arethetypeswrong/cli) (node10, node16 CJS and ESM, bundler)" 120 env NO_COLOR=1 FORCE_COLOR=0 \
  "$bin/attw" --format ascii --profile strict "$tarball"

printf '\nruntimes: %s in %ss\n' "$(basename "$tarball") $(stat -c %s "$tarball") bytes" $((SECONDS - started))
printf '%s\n' "${results[@]}"
printf '%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
