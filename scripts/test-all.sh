#!/usr/bin/env bash
# The whole test suite, as README.md and .ci/run call it: system packages, dependencies, lint,
# types, build, unit/integration and browser end-to-end tests (with a real gnome-keyring on a
# private session bus), then the Electron suite where an Electron binary exists, and Electronegativity.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n== %s\n' "$*"; }

step "system packages"
bash scripts/setup-system.sh
step "dependencies"
node scripts/ensure-deps.mjs
step "lint"
npm run --silent lint
step "typecheck"
npm run --silent typecheck
step "build"
node scripts/build.mjs

step "unit, integration and browser end-to-end tests"
rm -rf test-results && mkdir -p test-results "$HOME/.cache"
# A keyring of its own, so the tests never touch a developer's real one.
keyring_home=$(mktemp -d)
trap 'rm -rf "$keyring_home"' EXIT
status=0
XDG_DATA_HOME="$keyring_home" dbus-run-session -- sh -c '
  printf "%s" sallyport-test-keyring | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec "$0" node_modules/vitest/vitest.mjs run --project unit --project e2e \
    --reporter=default --reporter=json --outputFile.json=test-results/vitest.json
' "$(command -v node)" || status=$?

step "Electron suite"
node scripts/electron-suite.mjs || status=$?

step "Electronegativity (findings not in build/electronegativity-accepted.json fail the run)"
node scripts/electronegativity.mjs || status=$?

node scripts/test-summary.mjs test-results/vitest.json test-results/electron.json || status=$?
exit $status
