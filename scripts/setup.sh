#!/usr/bin/env bash
# Installs what building and testing need, skipping what is already there.
# Sourced by scripts/dev.sh and scripts/test.sh (it also exports PATH); can be
# run on its own. Everything comes from crates.io, Debian or npm: wasm-pack
# must find wasm-bindgen and chromedriver installed, or it would download them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export PATH="$HOME/.cargo/bin:$root/node_modules/.bin:$PATH"
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_PACK_CACHE="$root/target/wasm-pack-cache"

log() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# Debian packages: the browser and its driver for the headless test run.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Rust target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi
rustup component list --installed 2>/dev/null | grep -q '^rustfmt' || rustup component add rustfmt
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy

# wasm-bindgen CLI at exactly the version locked for the wasm-bindgen crate.
wb_version="$(awk '$0=="name = \"wasm-bindgen\""{getline; gsub(/"/,"",$3); print $3; exit}' Cargo.lock)"
if [ -z "$wb_version" ]; then echo "[setup] wasm-bindgen not found in Cargo.lock" >&2; exit 1; fi
if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $wb_version"; then
  log "cargo install wasm-bindgen-cli $wb_version"
  # --locked first; its lock file can name a dependency release the registry no
  # longer serves, so fall back to a fresh resolution of the same CLI version.
  cargo install wasm-bindgen-cli --version "=$wb_version" --locked --quiet ||
    cargo install wasm-bindgen-cli --version "=$wb_version" --quiet
fi

# wasm-pack.
wasm_pack_version=0.15.1
if ! wasm-pack --version 2>/dev/null | grep -qx "wasm-pack $wasm_pack_version"; then
  log "cargo install wasm-pack $wasm_pack_version"
  cargo install wasm-pack --version "=$wasm_pack_version" --locked --quiet ||
    cargo install wasm-pack --version "=$wasm_pack_version" --quiet
fi

# npm_ci_once DIR: `npm ci` in DIR unless its node_modules was installed
# from the same package-lock.json (a copy of it is kept in node_modules).
npm_ci_once() {
  local dir=$1
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || ! cmp -s "$dir/package-lock.json" "$dir/node_modules/.installed-lock"; then
    local name=${dir#"$root"}
    log "npm ci${name:+ in ${name#/}}"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$dir/package-lock.json" "$dir/node_modules/.installed-lock"
  fi
}

# Node tooling (binaryen's wasm-opt, TypeScript, Playwright's driver), from the lock file.
npm_ci_once "$root"
