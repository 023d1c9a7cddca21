#!/usr/bin/env bash
# Makes the README's dashboard screenshots: runs the dashboard's browser tests (the real host with its
# demo portfolio, Debian's Chromium at 1280x800) with their screenshots going to docs/screenshots.
# Needs /usr/bin/chromium (apt-get install -y chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

out="$PWD/docs/screenshots"
mkdir -p "$out"
PMO_SCREENSHOT_DIR="$out" dotnet test tests/Pmo.Dashboard.Tests -c Release -nologo \
  --filter "FullyQualifiedName~DashboardBrowserTests|FullyQualifiedName~simulation_clock|FullyQualifiedName~SignInBrowserTests"
ls -1 "$out"
