#!/usr/bin/env bash
# The benchmark: builds the release package, installs the official SDKs it
# compares with (bench/peers, pinned), then prints one table of the
# performance figures (size, start-up, CPU per call, calls/s, wasm memory)
# per entry (ding-otp for v1, ding-otp/prelude for v2), each beside a
# hand-written fetch + JSON client and the official SDK measured in the same
# run (bench/run.mjs; docs/perf.md explains them). Takes a few minutes.
# It never fails because of a time or a size, only on a real error.
# Usage: scripts/bench.sh [--quick] [--rounds N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bash scripts/build.sh

# The official SDKs, at the versions of bench/peers/package-lock.json;
# skipped when that lock file is what was installed last.
if [ ! -f bench/peers/node_modules/.package-lock.json ] ||
  ! cmp -s bench/peers/package-lock.json bench/peers/node_modules/.bench-lock; then
  echo "[bench] npm ci in bench/peers"
  (cd bench/peers && npm ci --no-audit --no-fund --loglevel=error)
  cp bench/peers/package-lock.json bench/peers/node_modules/.bench-lock
fi

# Measure a copy, so a rebuild of pkg/ during the run cannot change what is measured.
rm -rf target/bench/pkg
mkdir -p target/bench
cp -r pkg target/bench/pkg
node bench/run.mjs --pkg target/bench/pkg "$@"
