#!/usr/bin/env bash
# Prepares this machine for the editor tests (npm run test:e2e, npm run test:neovim).
# Idempotent: installs only what is missing. Works offline except for the npm
# registry and Debian's apt repositories (see shared/VSCODE-OFFLINE.md).
#   - Debian packages: chromium, ripgrep, libkrb5-dev, neovim (apt, as root), and
#     make/g++/python3 for node-gyp where the machine lacks them
#   - code-server 4.100.3 (VS Code 1.100.3) into .e2e-cache/code-server/ (git-ignored)
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CLAIMNOTE_E2E_CACHE:-$ROOT/.e2e-cache}"
CS_VERSION="4.100.3"
CS_DIR="$CACHE/code-server"
MARKER="$CS_DIR/.installed-$CS_VERSION"
START=$(date +%s)

log() { printf '[setup-e2e] %s\n' "$*"; }

# ---------------------------------------------------------------- apt packages
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v rg >/dev/null 2>&1 || missing+=(ripgrep)
command -v nvim >/dev/null 2>&1 || missing+=(neovim)
# node-gyp builds code-server's native modules (node-pty, kerberos, argon2, ...).
{ command -v make && command -v g++; } >/dev/null 2>&1 || missing+=(build-essential)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
dpkg-query -W -f='${Status}' libkrb5-dev 2>/dev/null | grep -q 'install ok installed' || missing+=(libkrb5-dev)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing Debian packages: ${missing[*]}"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
      log "need root (or sudo) to install: ${missing[*]}"; exit 1; fi
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  log "Debian packages present (chromium, ripgrep, neovim, libkrb5-dev, a C++ toolchain)"
fi

# ------------------------------------------------------------ code-server
if [ -f "$MARKER" ] && [ -x "$CS_DIR/node_modules/.bin/code-server" ]; then
  log "code-server $CS_VERSION already installed in $CS_DIR"
else
  log "installing code-server $CS_VERSION into $CS_DIR (takes a few minutes)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  cd "$CS_DIR"
  [ -f package.json ] || printf '{ "name": "claimnote-e2e-cache", "private": true }\n' > package.json
  # Its postinstall downloads things; do its steps by hand instead.
  npm install --no-audit --no-fund --ignore-scripts "code-server@$CS_VERSION"
  CS="$CS_DIR/node_modules/code-server"
  (
    cd "$CS/lib/vscode"
    npm install --no-audit --no-fund --omit=dev --ignore-scripts
    # @vscode/ripgrep's postinstall downloads a binary; use Debian's and skip it.
    mkdir -p node_modules/@vscode/ripgrep/bin
    cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    # Native modules: node-pty, @parcel/watcher, kerberos.
    npm_config_yes=true npm rebuild
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    (cd extensions && npm install --no-audit --no-fund --omit=dev --ignore-scripts)
  )
  npm_config_yes=true npm rebuild argon2
  "$CS_DIR/node_modules/.bin/code-server" --version
  touch "$MARKER"
fi

log "done in $(( $(date +%s) - START ))s"
