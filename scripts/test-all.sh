#!/usr/bin/env bash
# Installs what the tests need (npm packages, Debian's Chromium when missing), then runs every
# unit test (vitest) and every end-to-end test (Playwright in Chromium against a production
# build). Ends with one plain line: "N passed, N failed, N skipped". Exit code 1 if anything failed.
set -u
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
reports=.ci-reports
rm -rf "$reports" && mkdir -p "$reports"

step() { printf '\n== %s\n' "$*"; }

if [ -z "${CHROMIUM_PATH:-}" ]; then
  CHROMIUM_PATH=$(command -v chromium || command -v chromium-browser || true)
fi
if [ -z "$CHROMIUM_PATH" ]; then
  step "installing Chromium from Debian (apt)"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo -n"
  $SUDO apt-get update -qq && $SUDO apt-get install -y -qq chromium >/dev/null
  CHROMIUM_PATH=$(command -v chromium || true)
fi
export CHROMIUM_PATH

if [ -z "${SKIP_INSTALL:-}" ]; then
  step "npm ci"
  npm ci --no-audit --no-fund || echo "npm ci failed" > "$reports/install-failed"
fi

step "typecheck (tsc) and lint (eslint)"
npx tsc --noEmit -p . || echo "tsc failed" > "$reports/typecheck-failed"
npx eslint --max-warnings=0 . || echo "eslint failed" > "$reports/lint-failed"

step "unit tests (vitest)"
npx vitest run --reporter=default --reporter=json --outputFile.json="$reports/vitest.json"

step "production build (next build)"
if npx next build > "$reports/build.log" 2>&1; then
  tail -n 25 "$reports/build.log"
  step "end-to-end tests (Playwright, $CHROMIUM_PATH)"
  CI=${CI:-true} npx playwright test
else
  cat "$reports/build.log"
  echo "next build failed" > "$reports/build-failed"
fi

node scripts/ci-summary.mjs "$reports"
