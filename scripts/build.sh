#!/usr/bin/env bash
# Builds the npm package into pkg/: the release wasm (wasm-pack, then
# wasm-opt from the npm package binaryen), the JS entry points and
# package.json (scripts/package.mjs). Prints the sizes.
# Usage: scripts/build.sh [--dev]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

profile=--release
[ "${1:-}" = "--dev" ] && profile=--dev

rm -rf pkg
wasm-pack --quiet build "$profile" --target web --out-dir pkg --out-name ding_otp --no-pack
if [ "$profile" = --release ]; then
  wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    pkg/ding_otp_bg.wasm -o pkg/ding_otp_bg.wasm
fi
node scripts/package.mjs
node scripts/sizes.mjs
