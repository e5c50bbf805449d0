#!/usr/bin/env bash
# Builds the extension minified and packages it as a VSIX (no node_modules: esbuild bundles
# everything). Prints the VSIX path last; its size goes to stderr.
# Usage: scripts/package-vsix.sh [OUTPUT.vsix]  (default: openclaw-auth-<version>.vsix in the repo root,
# ready for `code --install-extension`).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
version=$(node -p 'require("./package.json").version')
out=${1:-"$root/openclaw-auth-$version.vsix"}
case "$out" in /*) ;; *) out="$root/$out" ;; esac
mkdir -p "$(dirname "$out")"

# Package from a staged copy: a `npm run build` running at the same time (watch mode, other
# tests) rewrites dist/ unminified, and must not end up inside the VSIX.
stage="$root/.cache/vsix-stage"
rm -rf "$stage"
mkdir -p "$stage"
for item in package.json package.nls.json package.nls.*.json README.md LICENSE CHANGELOG.md .vscodeignore l10n schemas syntaxes media; do
  for path in $item; do
    [ -e "$path" ] && cp -R "$path" "$stage/"
  done
done
# The installed extension needs neither the scripts nor the dev dependencies (about 0.6 KB of the
# 400 KB budget); VS Code reads the rest of the manifest.
node -e 'const fs = require("fs"); const f = process.argv[1]; const m = JSON.parse(fs.readFileSync(f, "utf8")); delete m.scripts; delete m.devDependencies; fs.writeFileSync(f, JSON.stringify(m, null, 2) + "\n")' "$stage/package.json"
# The problem-code catalogue that each diagnostic links to.
mkdir -p "$stage/docs" && cp docs/diagnostics.md "$stage/docs/"
node scripts/build.mjs --production --outdir "$stage/dist"

# stdin closed: vsce must never sit waiting on a question (CI=true, no terminal).
(cd "$stage" && "$root/node_modules/.bin/vsce" package --no-dependencies --skip-license -o "$out" </dev/null >&2)
size=$(stat -c %s "$out")
echo "VSIX $out: $size bytes ($(( (size + 1023) / 1024 )) KB)" >&2
echo "$out"
