# Sourced by scripts/dev.sh and scripts/test.sh: start_mock ARGS... builds
# and starts the mock Ding server on a free loopback port, exports
# DING_MOCK_URL, and stops the server when the calling script exits.
start_mock() {
  cargo build --quiet -p ding-mock
  local log
  log="$(mktemp)"
  target/debug/ding-mock --host 127.0.0.1 --port 0 "$@" >"$log" 2>&1 &
  DING_MOCK_PID=$!
  trap 'stop_mock' EXIT
  for _ in $(seq 1 100); do
    if grep -q '^ding-mock listening on ' "$log"; then
      DING_MOCK_URL="$(sed -n 's/^ding-mock listening on //p' "$log" | head -n1)"
      export DING_MOCK_URL DING_MOCK_PID
      return 0
    fi
    kill -0 "$DING_MOCK_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the mock server did not start:" >&2
  cat "$log" >&2
  return 1
}

stop_mock() {
  if [ -n "${DING_MOCK_PID:-}" ]; then
    kill "$DING_MOCK_PID" 2>/dev/null || true
    wait "$DING_MOCK_PID" 2>/dev/null || true
    DING_MOCK_PID=
  fi
}
