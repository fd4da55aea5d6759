#!/usr/bin/env bash
# Runs every test: formatting and lints (host and wasm32, both APIs and
# each alone), native tests of the SDK and the mock, the release package
# build (with what a browser downloads for each entry), the mock's tests
# again on the package's ding-otp-mock command, the
# wasm-bindgen tests in Node and in headless Chrome against the mock, the
# Node test of the packed package and the TypeScript consumer check, then
# the runtime suite (scripts/test-runtimes.sh) and the demo's end-to-end
# test (tests/e2e/run.sh), once against the mock server and once against
# the package's `ding-otp-mock` command.
# Installs what is missing first (scripts/setup.sh). Exits non-zero on any
# failure; ends with one "N passed, N failed" line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source scripts/mock.sh

passed=0
failed=0
step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
count() { # count NAME OUTPUT_FILE: adds the runner's "N passed; M failed" figures
  local p f
  p=$(grep -hoE '([0-9]+) passed' "$2" | awk '{s+=$1} END {print s+0}')
  f=$(grep -hoE '([0-9]+) failed' "$2" | awk '{s+=$1} END {print s+0}')
  echo "$1: $p passed, $f failed"
  passed=$((passed + p))
  failed=$((failed + f))
}
out="$(mktemp -d)"

step "format and lints"
cargo fmt --all -- --check
cargo clippy --quiet --workspace --all-targets -- -D warnings
cargo clippy --quiet -p ding-otp --all-targets --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet -p ding-otp --all-targets --target wasm32-unknown-unknown --features browser-test -- -D warnings
# The mock's core and the sandbox as the package builds them, for wasm32.
cargo clippy --quiet -p ding-mock --lib --no-default-features --target wasm32-unknown-unknown -- -D warnings
cargo clippy --quiet -p ding-sandbox --target wasm32-unknown-unknown -- -D warnings
# Each API alone, as scripts/build.sh builds it.
for api in ding prelude; do
  cargo clippy --quiet -p ding-otp --lib --target wasm32-unknown-unknown --no-default-features --features "$api" -- -D warnings
done

step "native tests (SDK and mock)"
cargo test --workspace 2>&1 | tee "$out/native.txt"
count native "$out/native.txt"

step "release package"
bash scripts/build.sh

# The mock's integration tests once more on a fifth host: the package's
# `ding-otp-mock` command (the core compiled to wasm, behind node:http).
# They are the tests the native run listed as ignored, and must all run.
step "mock tests on the sandbox host (pkg/sandbox/cli.js)"
DING_SANDBOX_CLI=pkg/sandbox/cli.js cargo test -p ding-mock -- --ignored 2>&1 | tee "$out/mock-sandbox.txt"
ignored=$(grep -hoE '([0-9]+) ignored' "$out/native.txt" | awk '{s+=$1} END {print s+0}')
ran=$(grep -hoE '([0-9]+) passed' "$out/mock-sandbox.txt" | awk '{s+=$1} END {print s+0}')
if [ "$ignored" = 0 ] || [ "$ran" != "$ignored" ]; then
  echo "the sandbox host ran $ran mock tests; the native run ignored $ignored" >&2
  exit 1
fi
count mock-sandbox "$out/mock-sandbox.txt"

step "mock server"
start_mock --code 123456 --api-key test-key --retry-window-secs 1
echo "mock at $DING_MOCK_URL"

# The wasm test binary must run every test it has: a browser run silently
# skips tests not configured for it, so compare the count with the source.
expected_wasm=$(cat tests/wasm/*.rs | grep -c '#\[wasm_bindgen_test\]')
wasm_run() { # wasm_run NAME ARGS...
  local name=$1
  shift
  step "wasm-bindgen tests in $name"
  wasm-pack test "$@" 2>&1 | tee "$out/$name.txt"
  local ran
  ran=$(grep -oE 'test result: ok\. [0-9]+ passed' "$out/$name.txt" | grep -oE '[0-9]+' | head -n1)
  if [ "${ran:-0}" != "$expected_wasm" ]; then
    echo "$name ran ${ran:-0} wasm tests, expected $expected_wasm" >&2
    exit 1
  fi
  count "$name" "$out/$name.txt"
}
wasm_run node --node
wasm_run chrome --headless --chrome --features browser-test

step "the packed package in a fresh project: Node test and TypeScript consumer"
consumer=target/consumer
rm -rf "$consumer" && mkdir -p "$consumer"
tarball=$(cd pkg && npm pack --silent --pack-destination ../target)
cp tests/js/*.test.mjs tests/runtimes/flow.mjs tests/types/*.ts tests/types/tsconfig.json "$consumer/"
printf '{ "name": "consumer", "private": true, "type": "module" }\n' >"$consumer/package.json"
# The contract test validates what the package sends with ajv, at the
# versions of the root package-lock.json.
validator_deps=$(node -e 'const l = require("./package-lock.json").packages; console.log(["ajv", "ajv-formats", "yaml"].map((n) => n + "@" + l["node_modules/" + n].version).join(" "))')
# shellcheck disable=SC2086
(cd "$consumer" && npm install --silent --no-audit --no-fund "../$tarball" $validator_deps)
# No Rust on PATH: the sandbox tests show that the package alone is enough.
(cd "$consumer" && env PATH="$(dirname "$(command -v node)"):/usr/bin:/bin" DING_SPEC_DIR="$PWD/../../spec" \
  node --test --test-reporter=spec ./*.test.mjs) 2>&1 | tee "$out/js.txt"
js_pass=$(sed -n 's/^ℹ pass //p' "$out/js.txt")
js_fail=$(sed -n 's/^ℹ fail //p' "$out/js.txt")
echo "js: ${js_pass:-0} passed, ${js_fail:-0} failed"
passed=$((passed + ${js_pass:-0}))
failed=$((failed + ${js_fail:-0}))
[ "${js_fail:-1}" = 0 ] && [ "${js_pass:-0}" -gt 0 ]
tsc -p "$consumer"
echo "typescript: 1 passed, 0 failed"
passed=$((passed + 1))

# Further suites: each prints "N passed, N failed" as its last line.
suite() { # suite NAME COMMAND...
  local name=$1
  shift
  step "$name"
  "$@" 2>&1 | tee "$out/$name.txt"
  local last
  last=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/$name.txt" | tail -n1)
  [ -n "$last" ] || { echo "$name printed no result line" >&2; exit 1; }
  # count reads its file twice: a real file, not a <(...) pipe that is empty the second time.
  echo "$last" >"$out/$name.last"
  count "$name" "$out/$name.last"
}
# -- extra suites --
suite runtimes bash scripts/test-runtimes.sh
suite e2e bash tests/e2e/run.sh
suite e2e-sandbox env DING_E2E_MOCK=sandbox bash tests/e2e/run.sh

stop_mock
printf '\n%s passed, %s failed\n' "$passed" "$failed"
[ "$failed" = 0 ]
