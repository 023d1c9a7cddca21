#!/usr/bin/env bash
# Measures how long one slip at the head of a 50-project chain takes to settle, against a running
# service: imports the chain (ids prefixed so it can run against any service), slips the head task
# RUNS times, and prints each settle time (the service's settledAt - acceptedAt) and the median.
#   ./scripts/measure-chain.sh [URL] [RUNS]      defaults: http://localhost:5080 9
# Needs curl and jq.
set -euo pipefail
url=${1:-http://localhost:5080}
runs=${2:-9}
prefix="chain$(date +%s)"

doc=$(jq -n --arg p "$prefix" '{
  portfolios: [{id: "\($p)-pf", name: "Chain", budget: 1000000000}],
  projects: [range(0; 50) as $i | {
    id: "\($p)-p\($i)", name: "Chain \($i)", portfolioId: "\($p)-pf", start: "2027-01-04", budget: 1000000,
    tasks: [{id: "t1", duration: 5, fixedCost: 1000}, {id: "m1", duration: 0}],
    links: [{from: "t1", to: "m1", type: "FS", lag: 0}]}],
  crossLinks: [range(1; 50) as $i | {fromProject: "\($p)-p\($i - 1)", fromTask: "m1", toProject: "\($p)-p\($i)", toTask: "t1", type: "FS", lag: 0}]
}')

settle() {
  local change=$1 body
  for _ in $(seq 1 3000); do
    body=$(curl -sf "$url/api/changes/$change")
    if [ "$(jq -r .status <<<"$body")" = settled ]; then
      jq -r '((.settledAt | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdate) - (.acceptedAt | sub("\\.[0-9]+"; "") | sub("\\+00:00$"; "Z") | fromdate)) as $s
             | ((.settledAt | capture("\\.(?<f>[0-9]+)").f // "0") | ("0." + .) | tonumber) as $fs
             | ((.acceptedAt | capture("\\.(?<f>[0-9]+)").f // "0") | ("0." + .) | tonumber) as $fa
             | (($s + $fs - $fa) * 1000 * 100 | round / 100)' <<<"$body"
      return
    fi
    sleep 0.01
  done
  echo "change $change did not settle" >&2; exit 1
}

import=$(curl -sf -X POST "$url/api/import" -H 'content-type: application/json' -d "$doc" | jq -r .changeId)
settle "$import" >/dev/null

times=()
for i in $(seq 1 "$runs"); do
  days=$(( i % 2 == 1 ? 2 : -2 ))   # alternate so the chain does not drift ever later
  change=$(curl -sf -X POST "$url/api/projects/$prefix-p0/tasks/t1/slip" -H 'content-type: application/json' -d "{\"days\": $days}" | jq -r .changeId)
  ms=$(settle "$change")
  touched=$(curl -sf "$url/api/changes/$change" | jq -r .grainsTouched)
  echo "slip $i: settled in $ms ms, $touched grains touched"
  times+=("$ms")
done
printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {printf "median of %d: %s ms\n", NR, (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'
