#!/usr/bin/env bash
# Measures how long a silo takes to come back after a crash of the whole cluster: imports DOCUMENT into an
# empty PostgreSQL database through a host, kills that host with SIGKILL, starts a new one on the same
# database and prints the seconds from its start to /health/ready and to the settlement of its start-up
# resync (the moment every project and portfolio has retold its figures).
#   ./scripts/measure-recovery.sh CONNECTION_STRING DOCUMENT [PORT]
# The database must be empty (or hold only this document). Needs curl, jq and a Release build of the host
# (dotnet build src/Pmo.Host -c Release).
set -euo pipefail
cs=${1:?connection string}
doc=${2:?document}
port=${3:-5099}
url="http://127.0.0.1:$port"
cd "$(dirname "$0")/.."
host=(dotnet src/Pmo.Host/bin/Release/net10.0/Pmo.Host.dll --postgres "$cs" --no-demo --urls "$url"
  --Logging:LogLevel:Pmo.Host.Hosting.StartupResync=Information)
log=$(mktemp)
trap 'kill -9 "${pid:-0}" 2>/dev/null || true; rm -f "$log"' EXIT

ready() {
  until curl -sf "$url/health/ready" >/dev/null; do sleep 0.1; done
}

settled() {
  until [ "$(curl -sf "$url/api/changes/$1" | jq -r .status 2>/dev/null)" = settled ]; do sleep 0.2; done
}

now() { date +%s.%N; }
since() { printf "%.1f" "$(echo "$(now) - $1" | bc)"; }

"${host[@]}" >"$log" 2>&1 & pid=$!
ready
start=$(now)
change=$(curl -sf -X POST "$url/api/import" -H 'content-type: application/json' --data-binary "@$doc" | jq -r .changeId)
settled "$change"
echo "import settled: $(since "$start") s"
kill -9 "$pid"; wait "$pid" 2>/dev/null || true

start=$(now)
"${host[@]}" >"$log" 2>&1 & pid=$!
ready
echo "restart → ready: $(since "$start") s"
until resync=$(grep -o 'Resync c-resync-[^ ]* started' "$log" | awk '{print $2}') && [ -n "$resync" ]; do sleep 0.1; done
settled "$resync"
echo "restart → resync $resync settled: $(since "$start") s"
echo "host RSS: $(( $(ps -o rss= -p "$pid") / 1024 )) MiB"
