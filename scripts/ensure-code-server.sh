#!/usr/bin/env bash
# Installs code-server (VS Code's workbench and extension host, from the npm registry) into
# .cache/code-server and prints the path of its `code-server` binary. Idempotent.
# code-server runs on Node 24, and its postinstall builds native modules: those must be built for
# Node 24's ABI, hence Node 24 first on PATH and npm_config_nodedir pointing at its headers.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
version=4.139.1
dir="$root/.cache/code-server"
pkg="$dir/node_modules/code-server"
bin="$dir/node_modules/.bin/code-server"

# Under `npm test` the outer npm (on Node 20) exports npm_* variables; the inner install would take
# them as its own config: code-server's postinstall then reads "node/v20" from npm_config_user_agent
# and refuses, and npm_config_loglevel=silent hides why. Start from a clean npm environment.
while IFS= read -r var; do unset "$var"; done < <(compgen -e | grep -E '^npm_')
node24_bin=$(bash "$root/scripts/ensure-node24.sh")
export PATH="$node24_bin:$PATH"
export npm_config_nodedir
npm_config_nodedir=$(dirname "$node24_bin")
# Keep code-server's and npm's per-user files out of the user's home.
export XDG_CONFIG_HOME="$root/.cache/xdg/config" XDG_DATA_HOME="$root/.cache/xdg/data" XDG_CACHE_HOME="$root/.cache/xdg/cache"

installed_version() {
  [ -x "$bin" ] || return 1
  "$bin" --version 2>/dev/null | grep -E '^[0-9]+\.' | head -n 1 | cut -d' ' -f1
}

# Its postinstall builds lib/vscode's native modules; without them the server cannot start.
postinstall_done() {
  [ -d "$pkg/lib/vscode/node_modules/@vscode/spdlog/build" ]
}
# Written only after a complete install, so an interrupted one is redone.
stamp="$dir/.installed-$version"

if [ ! -f "$stamp" ] || [ "$(installed_version || true)" != "$version" ]; then
  bash "$root/scripts/ensure-debian.sh"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "name": "code-server-cache", "private": true }' > "$dir/package.json"
  echo "ensure-code-server: installing code-server@$version into $dir (about 1.5 minutes)" >&2
  (cd "$dir" && npm_config_dangerously_allow_all_scripts=true \
    npm install --no-audit --no-fund --save-exact "code-server@$version" >&2)
  if ! postinstall_done; then
    echo "ensure-code-server: postinstall did not run; running it now" >&2
    (cd "$pkg" && npm_config_user_agent="npm/$(npm --version) node/$(node --version) linux x64" sh ./postinstall.sh >&2)
  fi
fi

got=$(installed_version || true)
if [ "$got" != "$version" ]; then
  echo "ensure-code-server: expected code-server $version, got '${got:-nothing}'" >&2
  exit 1
fi
touch "$stamp"
echo "$bin"
