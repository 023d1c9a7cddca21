#!/usr/bin/env bash
# Builds the solution, runs every test project, and ends with one totals line over all of them:
# "N passed, N failed, N skipped". Exits non-zero if anything failed or a test project produced no results.
set -uo pipefail
cd "$(dirname "$0")/.."

results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

if ! dotnet build Pmo.Grains.sln -c Release -nologo -v quiet; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

dotnet test Pmo.Grains.sln -c Release --no-build -nologo \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" "$@"
status=$?

passed=0; failed=0; skipped=0; reports=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  reports=$((reports + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  total=$(value total); p=$(value passed); f=$(value failed); e=$(value error); t=$(value timeout); a=$(value aborted)
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${total:-0} - ${p:-0} - ${f:-0} - ${e:-0} - ${t:-0} - ${a:-0}))
done

# The console log of a long run scrolls; name every failed test again just above the totals line.
failures=$(cat "$results"/*.trx 2>/dev/null | grep -o '<UnitTestResult [^>]*outcome="Failed"[^>]*>' | sed -n 's/.* testName="\([^"]*\)".*/\1/p')
if [ -n "$failures" ]; then
  echo "Failed tests:"
  echo "$failures" | sed 's/^/  /'
fi

projects=$(ls tests/*/*.csproj | wc -l)
if [ "$reports" -lt "$projects" ]; then
  echo "Only $reports of $projects test projects reported results (a test host crashed?)." >&2
  failed=$((failed + projects - reports))
fi
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  echo "dotnet test exited with $status." >&2
  failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
