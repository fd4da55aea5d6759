#!/usr/bin/env bash
# The benchmark: builds the release package, installs the official SDKs it
# compares with (bench/peers, pinned) and miniflare (tests/runtimes), then
# prints one table of the performance figures (size, start-up in Node and in
# a Worker, CPU per call, calls/s, wasm memory)
# per entry (ding-otp for v1, ding-otp/prelude for v2), each beside a
# hand-written fetch + JSON client and the official SDK measured in the same
# run (bench/run.mjs; docs/perf.md explains them). Takes a few minutes.
# It never fails because of a time or a size, only on a real error.
# Usage: scripts/bench.sh [--quick] [--rounds N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bash scripts/build.sh

# The official SDKs, at the versions of bench/peers/package-lock.json, and
# miniflare for the Worker cold start, from tests/runtimes (the runtime
# tests' own pinned tools); each skipped when installed from the same lock.
npm_ci_once "$root/bench/peers"
npm_ci_once "$root/tests/runtimes"

# Measure a copy, so a rebuild of pkg/ during the run cannot change what is measured.
rm -rf target/bench/pkg
mkdir -p target/bench
cp -r pkg target/bench/pkg
node bench/run.mjs --pkg target/bench/pkg "$@"
