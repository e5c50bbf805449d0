#!/usr/bin/env bash
# Installs the Debian packages the end-to-end tests need: Chromium (the browser that drives
# code-server) and the Kerberos headers (code-server's postinstall builds a gssapi module); and those
# the metrics tests need: Prometheus (with promtool) and node_exporter, run by the tests themselves.
# Idempotent and non-interactive; waits for another apt/dpkg run instead of failing.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -e /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
# Without recommends: the exporter's extra collectors bring timers and daemons the tests do not use.
monitoring=()
[ -x /usr/bin/promtool ] && [ -x /usr/bin/prometheus ] || monitoring+=(prometheus)
[ -x /usr/bin/prometheus-node-exporter ] || monitoring+=(prometheus-node-exporter)
missing+=("${monitoring[@]}")
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "ensure-debian: need root to install ${missing[*]} (run as root, or give this user password-less sudo, or: apt-get install -y ${missing[*]})" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
# apt-get waits for the dpkg lock itself (another install may be running right now).
apt_opts=(-o DPkg::Lock::Timeout=600 -o Acquire::Retries=3)
echo "ensure-debian: installing ${missing[*]}" >&2
"${as_root[@]}" apt-get "${apt_opts[@]}" update -q >&2
desktop=()
for p in "${missing[@]}"; do [[ " ${monitoring[*]} " == *" $p "* ]] || desktop+=("$p"); done
[ ${#desktop[@]} -eq 0 ] || "${as_root[@]}" apt-get "${apt_opts[@]}" install -y -q "${desktop[@]}" >&2
[ ${#monitoring[@]} -eq 0 ] || "${as_root[@]}" apt-get "${apt_opts[@]}" install -y -q --no-install-recommends "${monitoring[@]}" >&2

for bin in chromium promtool prometheus prometheus-node-exporter; do
  [ -x "/usr/bin/$bin" ] || { echo "ensure-debian: /usr/bin/$bin still missing after install" >&2; exit 1; }
done
