#!/usr/bin/env bash
# Runs the demo's tests (tests/e2e/*.test.mjs, Node's test runner): the
# sign-in page end to end in Debian's chromium on both APIs (demo.test.mjs:
# the API switch and v1; prelude.test.mjs: v2), the demo server's webhook
# receiver (serve.test.mjs), and the page's messages against real SDK errors
# and answers (messages.test.mjs). Each test file starts its own servers on
# free loopback ports. Needs the built package in pkg/ (built here if
# missing) and the mock binary (built here; a no-op when up to date). With
# DING_E2E_MOCK=sandbox the mock is the package's own `ding-otp-mock`
# command (pkg/sandbox/cli.js) instead of target/debug/ding-mock.
# Screenshots go to tests/artifacts/screenshots/. Ends with one
# "N passed, N failed" line.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/setup.sh"

[ -f pkg/index.js ] && [ -f pkg/node.js ] && [ -f pkg/prelude/node.js ] && [ -f pkg/sandbox/cli.js ] || bash scripts/build.sh
[ "${DING_E2E_MOCK:-}" = sandbox ] || cargo build --quiet -p ding-mock

out="$(mktemp)"
trap 'rm -f "$out"' EXIT
status=0
node --test --test-concurrency=1 --test-reporter=spec tests/e2e/*.test.mjs 2>&1 | tee "$out" || status=$?
pass=$(sed -n 's/^ℹ pass //p' "$out" | tail -n1)
fail=$(sed -n 's/^ℹ fail //p' "$out" | tail -n1)
if [ -z "$pass" ] || [ -z "$fail" ]; then
  echo "the test runner printed no summary (exit status $status)" >&2
  pass=${pass:-0}
  fail=$((${fail:-0} > 0 ? ${fail:-0} : 1))
elif [ "$status" != 0 ] && [ "$fail" = 0 ]; then
  echo "the test runner failed (exit status $status) outside the tests" >&2
  fail=1
fi
echo "screenshots: tests/artifacts/screenshots/"
echo "$pass passed, $fail failed"
[ "$fail" = 0 ] && [ "$pass" -gt 0 ]
