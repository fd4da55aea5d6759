#!/usr/bin/env bash
# What costs the bytes of the wasm: builds the release wasm again with
# symbol names kept (same profile otherwise, into target/size-analysis, so
# pkg/ and the normal build are untouched), runs it through wasm-bindgen and
# the same wasm-opt -Oz as scripts/build.sh but with -g (names kept), then
# prints the section sizes, twiggy's top items grouped by kind, its top
# items and its dominators.
# Installs twiggy from crates.io when missing. Usage:
#   bench/size-analysis.sh [N] [API]   N: how many items twiggy lists (default 40);
#                                      API: ding (default) or prelude, the entry's module
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/setup.sh"
n="${1:-40}"
api="${2:-ding}"
case "$api" in ding) name=ding_otp shipped=pkg/ding_otp_bg.wasm ;; prelude) name=ding_prelude shipped=pkg/prelude/ding_prelude_bg.wasm ;;
  *) echo "API must be ding or prelude" >&2; exit 2 ;; esac
out=target/size-analysis

twiggy_version=0.8.0
if ! twiggy --version 2>/dev/null | grep -q " $twiggy_version\$"; then
  echo "[size-analysis] cargo install twiggy $twiggy_version"
  cargo install twiggy --version "=$twiggy_version" --locked --quiet ||
    cargo install twiggy --version "=$twiggy_version" --quiet
fi

# The release profile of Cargo.toml, with symbols and debug info kept.
CARGO_TARGET_DIR="$out" CARGO_PROFILE_RELEASE_STRIP=none CARGO_PROFILE_RELEASE_DEBUG=true \
  cargo build --quiet --release --target wasm32-unknown-unknown -p ding-otp --lib --no-default-features --features "$api"
rm -rf "$out/pkg"
wasm-bindgen --target web --out-dir "$out/pkg" --out-name "$name" \
  "$out/wasm32-unknown-unknown/release/ding_otp.wasm"
wasm-opt -Oz -g --strip-dwarf --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
  --enable-mutable-globals --enable-reference-types --enable-multivalue \
  "$out/pkg/${name}_bg.wasm" -o "$out/named.wasm"

echo "== sections: shipped (pkg/) and the same build with names ($out/named.wasm)"
node bench/wasm-sections.mjs $( [ -f "$shipped" ] && echo "$shipped" ) "$out/named.wasm"
echo
echo "== twiggy top, all items grouped by kind (bench/twiggy-groups.mjs)"
twiggy top -n 100000 -f csv "$out/named.wasm" | node bench/twiggy-groups.mjs
echo
echo "== twiggy top -n $n"
twiggy top -n "$n" "$out/named.wasm"
echo
echo "== twiggy dominators (depth 3, top $n)"
twiggy dominators -d 3 -r "$n" "$out/named.wasm"
