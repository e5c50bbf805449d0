#!/usr/bin/env bash
# `npm start`: the product in a real VS Code (code-server) that you open in your own browser.
# Builds and packages the extension, installs the VSIX into a code-server kept in .cache, and
# serves it on 127.0.0.1 until Ctrl-C. It reads your OpenClaw state ($OPENCLAW_STATE_DIR,
# $OPENCLAW_HOME/.openclaw or ~/.openclaw) when there is one; otherwise it writes a demo state
# (agents with ok, expiring, expired and missing credentials) into .cache/demo-home.
# Environment: PORT (default: a free port). Nothing here asks a question (CI=true is fine).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
say() { printf '[start] %s\n' "$*" >&2; }

# A fresh clone has no node_modules yet: install exactly the locked versions.
if [ ! -d node_modules ]; then
  say "installing the npm dependencies (npm ci)"
  npm ci --no-audit --no-fund >&2
fi

say "packaging the extension"
mkdir -p .cache
if ! vsix=$(bash scripts/package-vsix.sh .cache/openclaw-auth.vsix 2>.cache/package.log); then
  cat .cache/package.log >&2
  exit 1
fi
say "$(tail -n 1 .cache/package.log)"
node24_bin=$(bash scripts/ensure-node24.sh)
say "making sure code-server is installed (the first time takes about 2 minutes)"
code_server=$(bash scripts/ensure-code-server.sh)

# Where OpenClaw's state is, the way OpenClaw itself looks for it.
if [ -n "${OPENCLAW_STATE_DIR:-}" ]; then
  state_dir=$OPENCLAW_STATE_DIR
elif [ -n "${OPENCLAW_HOME:-}" ]; then
  state_dir=$OPENCLAW_HOME/.openclaw
else
  state_dir=$HOME/.openclaw
fi
if [ -d "$state_dir" ]; then
  say "using your OpenClaw state in $state_dir"
else
  # Written afresh at every start: expiry times are relative to now ("expiring" = in 3.5 h).
  state_dir="$root/.cache/demo-home/openclaw"
  rm -rf "$root/.cache/demo-home"
  node --import tsx scripts/demo-state.mjs "$state_dir" >/dev/null
  say "no OpenClaw state found: showing a demo state written to $state_dir"
fi
export OPENCLAW_STATE_DIR=$state_dir

# OPENCLAW_AUTH_START_DIR: another folder for code-server's user data (the e2e test of `npm start` uses it).
dir=${OPENCLAW_AUTH_START_DIR:-"$root/.cache/start"}
mkdir -p "$dir/user-data/User" "$dir/extensions" "$dir/xdg/config" "$dir/xdg/data" "$dir/xdg/cache"
settings="$dir/user-data/User/settings.json"
# A quiet first window (your later changes to these settings are kept).
[ -f "$settings" ] || cat > "$settings" <<'JSON'
{
  "workbench.startupEditor": "none",
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "chat.disableAIFeatures": true,
  "git.openRepositoryInParentFolders": "never"
}
JSON
# code-server and Chromium write under XDG dirs: keep them out of your home folder.
export XDG_CONFIG_HOME="$dir/xdg/config" XDG_DATA_HOME="$dir/xdg/data" XDG_CACHE_HOME="$dir/xdg/cache"
export PATH="$node24_bin:$PATH"
# No marketplace: nothing to look up on the network.
export EXTENSIONS_GALLERY='{}'
common=(--user-data-dir "$dir/user-data" --extensions-dir "$dir/extensions")
"$code_server" "${common[@]}" --install-extension "$vsix" --force >/dev/null

port=${PORT:-$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')}
if node -e 'const s=require("net").createServer().once("error",()=>process.exit(1)).listen(+process.argv[1],"127.0.0.1",()=>s.close())' "$port"; then :; else
  say "port $port on 127.0.0.1 is already in use; set PORT to a free one"
  exit 1
fi

# The state folder opens as the workspace: its auth-profiles.json, .env and openclaw.json get the
# extension's diagnostics and hovers.
url="http://127.0.0.1:$port/?folder=$state_dir"
say "OpenClaw Auth in VS Code: $url"
say "press Ctrl-C to stop"
exec "$code_server" "${common[@]}" --auth none --bind-addr "127.0.0.1:$port" \
  --disable-telemetry --disable-update-check --disable-workspace-trust "$state_dir"
