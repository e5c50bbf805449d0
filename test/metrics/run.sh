#!/usr/bin/env bash
# `npm run test:metrics`: installs Debian's prometheus (promtool) and prometheus-node-exporter if
# missing (scripts/ensure-debian.sh), builds the CLI, then runs test/metrics/*.test.ts one file at a
# time (the integration file starts a node_exporter per home and a Prometheus; the machine may
# have only 2 cores).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"

bash scripts/ensure-debian.sh
[ "${METRICS_SKIP_BUILD:-}" = 1 ] || node scripts/build.mjs
if [ $# -gt 0 ]; then files=("$@"); else files=(test/metrics/*.test.ts); fi
node --import tsx --test --test-concurrency=1 "${files[@]}"
