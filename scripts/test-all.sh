#!/usr/bin/env bash
# `npm test`: the whole truth, as CI runs it on a fresh machine. Installs what it needs into .cache
# (Node 24, the real OpenClaw CLIs, code-server, Chromium), then runs every suite.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s\n' "$*"; }

step "typecheck"
npx tsc -b
step "build"
node scripts/build.mjs
step "unit tests"
npm run --silent test:unit
step "conformance against recorded OpenClaw outputs"
npm run --silent test:conformance
