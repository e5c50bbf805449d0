#!/usr/bin/env bash
# ensure-peer.sh VERSION : installs the real OpenClaw CLI (e.g. 2026.6.1) from the npm registry into
# .cache/peers/openclaw-VERSION and prints the path of its binary. Needs Node 24 (ensure-node24.sh).
set -euo pipefail
version=$1
root=$(cd "$(dirname "$0")/.." && pwd)
node_bin=$("$root/scripts/ensure-node24.sh")
export PATH="$node_bin:$PATH"
dir="$root/.cache/peers/openclaw-$version"
if [ ! -x "$dir/node_modules/.bin/openclaw" ]; then
  mkdir -p "$dir/stub-libsignal"
  cd "$dir"
  # 2026.3.x pulls libsignal from a git repository (WhatsApp only); status never loads it, so an
  # empty local package stands in for it and the install needs nothing but the npm registry.
  echo '{"name":"libsignal","version":"0.0.0"}' > stub-libsignal/package.json
  echo 'module.exports = {};' > stub-libsignal/index.js
  printf '{"name":"peer","private":true,"dependencies":{"openclaw":"%s"},"overrides":{"libsignal":"file:./stub-libsignal"}}\n' "$version" > package.json
  npm install --ignore-scripts --no-audit --no-fund >&2
fi
echo "$dir/node_modules/.bin/openclaw"
