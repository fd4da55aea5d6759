#!/usr/bin/env bash
# The main command: builds the package, starts the mock server (the Ding v1
# API under /v1 and the Prelude v2 API under /v2) and the demo server (the
# page, and the webhook receiver of its v2 flow), prints the address to open,
# and runs until Ctrl-C, then stops both. No API key needed: the mock takes
# the page's made-up one. Installs what is missing first (scripts/setup.sh).
# Usage: scripts/dev.sh [--dev]    (--dev: a debug build of the package)
# Environment: DING_MOCK_PORT, DEMO_PORT fix the ports (default: free ones);
# any ding-mock option can go in DING_MOCK_ARGS (like "--retry-window-secs 10").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
source scripts/mock.sh

bash scripts/build.sh "$@"

# Random codes (read them in the page's test inbox), the default 30 s before
# a resend is allowed and 10 minutes before a code expires.
# shellcheck disable=SC2086
start_mock ${DING_MOCK_PORT:+--port "$DING_MOCK_PORT"} ${DING_MOCK_ARGS:-}

serve_log="$(mktemp)"
node scripts/serve.mjs --port "${DEMO_PORT:-0}" --mock "$DING_MOCK_URL" >"$serve_log" 2>&1 &
serve_pid=$!
stop_all() {
  kill "$serve_pid" 2>/dev/null || true
  wait "$serve_pid" 2>/dev/null || true
  stop_mock
  rm -f "$serve_log"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^demo listening on //p' "$serve_log" | head -n1)"
  [ -n "$url" ] && break
  kill -0 "$serve_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "the demo server did not start:" >&2
  cat "$serve_log" >&2
  exit 1
fi

mock_origin="${DING_MOCK_URL%/v1}"
printf '\n  mock API       %s/v2 (Prelude)  %s (Ding, deprecated)\n' "$mock_origin" "$DING_MOCK_URL"
printf '  webhooks       %swebhooks/prelude (the demo server checks each signature)\n' "$url"
printf '  \033[1mdemo page      %s\033[0m   <- open this\n\n' "$url"
printf 'Sign in with any number; the code shows up in the page'"'"'s test inbox.\n'
printf 'The page uses v2 (Prelude) by default; the switch at the top (or ?api=v1) picks v1.\n'
printf 'Numbers ending in 0666 are blocked as suspicious; mock/README.md lists the others.\n'
printf 'Press Ctrl-C to stop.\n'
wait "$serve_pid"
