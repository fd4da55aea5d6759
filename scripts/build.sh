#!/usr/bin/env bash
# Builds the npm package into pkg/: one wasm module per API, each built from
# this crate with only its own feature (`ding` for "ding-otp", `prelude` for
# "ding-otp/prelude"), bound by wasm-bindgen and, for a release, optimised by
# wasm-opt from the npm package binaryen; then the JS entry points and
# package.json (scripts/package.mjs). Prints the sizes.
# Usage: scripts/build.sh [--dev]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

release=1
[ "${1:-}" = "--dev" ] && release=0

rm -rf pkg
mkdir -p pkg
# entry feature and output name of each module
for spec in "ding ding_otp" "prelude ding_prelude"; do
  set -- $spec
  feature=$1 name=$2
  if [ "$release" = 1 ]; then
    cargo build --quiet --lib --release --target wasm32-unknown-unknown --no-default-features --features "$feature"
    wasm=target/wasm32-unknown-unknown/release/ding_otp.wasm
  else
    cargo build --quiet --lib --target wasm32-unknown-unknown --no-default-features --features "$feature"
    wasm=target/wasm32-unknown-unknown/debug/ding_otp.wasm
  fi
  wasm-bindgen --target web --out-dir pkg --out-name "$name" "$wasm"
  if [ "$release" = 1 ]; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "pkg/${name}_bg.wasm" -o "pkg/${name}_bg.wasm"
  fi
done
node scripts/package.mjs
node scripts/sizes.mjs
