#!/usr/bin/env bash
# `npm test`: the whole truth, as CI runs it on a fresh machine. Installs what it needs into .cache
# (Node 24, the real OpenClaw CLI, code-server, Chromium), then runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

# A fresh clone has no node_modules yet: install exactly the locked versions.
if [ ! -d node_modules ]; then
  step "npm ci"
  npm ci --no-audit --no-fund
fi

step "typecheck"
npx tsc -b
step "build"
node scripts/build.mjs
step "unit tests"
npm run --silent test:unit
step "conformance against recorded OpenClaw 2026.6.1 and 2026.3.13 outputs"
npm run --silent test:conformance
step "language server over stdio"
npm run --silent test:lsp
step "differential against the live OpenClaw 2026.6.1 CLI (${DIFF_COUNT:-200} random homes)"
npm run --silent test:differential -- --count "${DIFF_COUNT:-200}"
step "differential with moved state dir / config / agent dir (--paths, ${DIFF_PATHS_COUNT:-60} homes)"
npm run --silent test:differential -- --paths --count "${DIFF_PATHS_COUNT:-60}" --seed 1001
step "differential with models.providers keys, OPENCLAW_HOME and the legacy folder (--extended, ${DIFF_EXTENDED_COUNT:-60} homes)"
npm run --silent test:differential -- --extended --count "${DIFF_EXTENDED_COUNT:-60}" --seed 3001
step "second column: ours --compat 2026.3 against the live OpenClaw 2026.3.13 (${DIFF_COMPAT_COUNT:-60} homes)"
npm run --silent test:differential:compat -- --count "${DIFF_COMPAT_COUNT:-60}" --seed 1001
step "third column: the live OpenClaw 2026.9.6 on homes upgraded into SQLite, written by its own paste-token / order set, and stranded (${DIFF_SQLITE_COUNT:-40} homes)"
npm run --silent test:differential -- --peer 2026.9.6 --count "${DIFF_SQLITE_COUNT:-40}"
step "login-shell env import against the live OpenClaw 2026.6.1 and 2026.3.13 CLIs"
OPENCLAW_LIVE_PEER=1 node --import tsx --test test/unit/loginShellPeer.test.ts
step "SQLite writes against the live OpenClaw 2026.9.6 (Node 24): its CLI reads them, 1 200 interleaved writes with its own, SIGKILL"
OPENCLAW_LIVE_PEER=1 node --import tsx --test test/unit/sqliteWriterPeer.test.ts
step "JSON-store writes against the live OpenClaw 2026.6.1 (and 2026.3.13): its CLI reads them, 1 000 interleaved writes with its own lock code, its paste-token, SIGKILL"
node --import tsx --test --test-concurrency=1 test/writes/*.test.ts
step "metrics: promtool, agreement with status --json on random homes, a real node_exporter and Prometheus"
METRICS_SKIP_BUILD=1 npm run --silent test:metrics
step "end to end in a real VS Code (code-server) and a real browser (Chromium)"
npm run --silent test:e2e
