#!/usr/bin/env bash
# Fuzzes the response decoder, the input reader and the wasm allocator
# (fuzz/) for a fixed time.
# Usage: scripts/fuzz.sh [SECONDS_PER_TARGET]   (default 300)
# cargo-fuzz normally wants a nightly toolchain for its sanitizers; this
# runs it on the stable one without a sanitizer (`-s none`; RUSTC_BOOTSTRAP
# lets libFuzzer's coverage flags through). Crashes land in fuzz/artifacts/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
seconds="${1:-300}"
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked || cargo install cargo-fuzz
cd fuzz
for target in decode input alloc; do
  mkdir -p "corpus/$target"
  echo "== fuzzing $target for $seconds s"
  RUSTC_BOOTSTRAP=1 cargo fuzz run -s none "$target" "corpus/$target" -- \
    -max_total_time="$seconds" -print_final_stats=1 2>&1 | grep -E 'stat::number_of_executed_units|stat::peak_rss|Done|ERROR|panicked|out-of-memory' || true
  # A crash, but also running out of memory or time, leaves an input here.
  if find "artifacts/$target" \( -name 'crash-*' -o -name 'oom-*' -o -name 'timeout-*' \) 2>/dev/null | grep -q .; then
    echo "failing inputs found in fuzz/artifacts/$target" >&2
    exit 1
  fi
done
