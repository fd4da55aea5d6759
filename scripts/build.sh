#!/usr/bin/env bash
# Builds the npm package into pkg/: one wasm module per API, each built from
# this crate with only its own feature (`ding` for "ding-otp", `prelude` for
# "ding-otp/prelude"), and the sandbox's ("ding-otp/sandbox", the mock's core
# from the crate ding-sandbox), each bound by wasm-bindgen and, for a
# release, optimised by wasm-opt from the npm package binaryen; then the JS
# entry points and package.json (scripts/package.mjs). Prints the sizes.
# Usage: scripts/build.sh [--dev]
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

release=1
[ "${1:-}" = "--dev" ] && release=0

rm -rf pkg
mkdir -p pkg
# Panic locations name source files: keep this machine's paths (the cargo
# registry, the repository) out of the modules that ship.
cargo_home="${CARGO_HOME:-$HOME/.cargo}"
export RUSTFLAGS="${RUSTFLAGS:-} --remap-path-prefix=$cargo_home/registry/src/= --remap-path-prefix=$PWD/="
profile_dir=debug
[ "$release" = 1 ] && profile_dir=release
# crate, its features, and the output name of each module: the two APIs,
# then the sandbox (the mock's core, crate ding-sandbox).
for spec in "ding-otp ding ding_otp" "ding-otp prelude ding_prelude" "ding-sandbox - ding_sandbox"; do
  set -- $spec
  crate=$1 feature=$2 name=$3
  flags=(--quiet --lib -p "$crate" --target wasm32-unknown-unknown)
  [ "$release" = 1 ] && flags+=(--release)
  [ "$feature" != - ] && flags+=(--no-default-features --features "$feature")
  cargo build "${flags[@]}"
  wasm=target/wasm32-unknown-unknown/$profile_dir/${crate//-/_}.wasm
  wasm-bindgen --target web --out-dir pkg --out-name "$name" "$wasm"
  if [ "$release" = 1 ]; then
    wasm-opt -Oz --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
      --enable-mutable-globals --enable-reference-types --enable-multivalue \
      "pkg/${name}_bg.wasm" -o "pkg/${name}_bg.wasm"
  fi
done
for wasm in pkg/*_bg.wasm pkg/*/*_bg.wasm; do
  if grep -qaF -e "$cargo_home" -e "$PWD" "$wasm"; then
    echo "$wasm names a path of this machine" >&2
    exit 1
  fi
done
node scripts/package.mjs
node scripts/sizes.mjs
