#!/usr/bin/env bash
# Run in a fresh project where the packed package is installed, with no
# Rust on PATH: starts the `ding-otp-mock` command the package installs,
# runs both flows (main.mjs) against it over HTTP, stops it with SIGTERM
# and checks that it exits 0. The server is started from node_modules/.bin
# (what npx runs) so that the signal reaches it and not an npm wrapper;
# `npx ding-otp-mock --help` checks the npx path itself.
set -euo pipefail
! command -v cargo >/dev/null || { echo "cargo is on PATH: this test must run without Rust" >&2; exit 1; }
log="$(mktemp)"
node_modules/.bin/ding-otp-mock --port 0 --code 123456 --api-key test-key --retry-window-secs 1 >"$log" 2>&1 &
pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^ding-mock listening on //p' "$log")"
  [ -n "$url" ] && break
  kill -0 "$pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "ding-otp-mock printed no address:" >&2; cat "$log" >&2; exit 1; }
DING_MOCK_URL="$url" EXPECT_ENTRY=node.js node main.mjs >/dev/null
npx --no-install ding-otp-mock --help | grep -q -- "--retry-window-secs"
kill -TERM "$pid"
status=0
wait "$pid" || status=$?
[ "$status" = 0 ] || { echo "ding-otp-mock exited $status after SIGTERM:" >&2; cat "$log" >&2; exit 1; }
echo "ding-otp-mock at $url: v1 and v2 flows ok, exit 0 after SIGTERM"
