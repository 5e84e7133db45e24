#!/bin/sh
# Install the peer tools `make eval` compares with, if missing: compromise and
# compromise-dates (npm, into
# build/node_modules; Node.js and npm from Debian when absent). Offline or without
# npm, eval still runs and says the peer was not run.
set -u
[ -d build/node_modules/compromise ] && [ -d build/node_modules/compromise-dates ] && exit 0
command -v npm >/dev/null 2>&1 || sh scripts/deps.sh node || exit 0
mkdir -p build
npm install --silent --no-audit --no-fund --prefix build compromise@14 compromise-dates@3 >/dev/null 2>&1 \
  || echo "newscorpus: could not install compromise with npm; the peer columns will be empty" >&2
exit 0
