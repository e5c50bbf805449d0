#!/usr/bin/env bash
# Builds the extension minified and packages it as a VSIX (no node_modules: esbuild bundles
# everything). Prints the VSIX path and its size. Usage: scripts/package-vsix.sh [OUTPUT.vsix]
# Default output: openclaw-auth-<version>.vsix in the repository root, for `code --install-extension`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(node -p 'require("./package.json").version')
out=${1:-"$root/openclaw-auth-$version.vsix"}
mkdir -p "$(dirname "$out")"

node scripts/build.mjs --production
# stdin closed: vsce must never sit waiting on a question (CI=true, no terminal).
npx --no-install vsce package --no-dependencies --skip-license -o "$out" </dev/null >&2
size=$(stat -c %s "$out")
echo "VSIX $out: $size bytes ($(( (size + 1023) / 1024 )) KB)" >&2
echo "$out"
