#!/usr/bin/env bash
# The benchmark: builds the release package, then prints one table of the
# performance figures (size, start-up, CPU per call, calls/s, wasm memory)
# for ding-otp and for a hand-written fetch + JSON client measured in the
# same run (bench/run.mjs; docs/perf.md explains them). Takes a few minutes.
# It never fails because of a time or a size, only on a real error.
# Usage: scripts/bench.sh [--quick] [--rounds N]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

bash scripts/build.sh
# Measure a copy, so a rebuild of pkg/ during the run cannot change what is measured.
rm -rf target/bench/pkg
mkdir -p target/bench
cp -r pkg target/bench/pkg
node bench/run.mjs --pkg target/bench/pkg "$@"
