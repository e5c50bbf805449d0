#!/usr/bin/env bash
# `npm run test:e2e`: installs what the end-to-end tests need (Debian's Chromium, Node 24,
# code-server, all into .cache or the system), packages the VSIX, then runs test/e2e/*.test.ts one
# file at a time (each starts its own code-server; the machine may have only 2 cores).
# Screenshots and metrics.json land in test-results/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash scripts/ensure-debian.sh
bash scripts/ensure-node24.sh >/dev/null
bash scripts/ensure-code-server.sh >/dev/null
# The development build too: the extension-host suite runs this checkout's dist/ and out/.
node scripts/build.mjs
bash scripts/package-vsix.sh .cache/openclaw-auth.vsix >/dev/null

rm -rf test-results/metrics.json .cache/e2e
mkdir -p test-results
if [ $# -gt 0 ]; then files=("$@"); else files=(test/e2e/*.test.ts); fi
status=0
node --import tsx --test --test-concurrency=1 --test-reporter=spec "${files[@]}" || status=$?
[ -f test-results/metrics.json ] && { echo "metrics (test-results/metrics.json):"; cat test-results/metrics.json; }
exit $status
