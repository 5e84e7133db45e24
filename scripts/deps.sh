#!/bin/sh
# Install the Debian packages newscorpus needs, if any are missing.
# Usage: scripts/deps.sh [core|test|compat|fuzz|bench|node|all]   (default: test)
# Runs apt-get as root, or through sudo; prints what to run otherwise.
set -eu
set_for() {
  case "$1" in
    # build + run: a C compiler, Lua 5.4 and its headers, the two C libraries, JSON for the CLI
    core)   echo "gcc make lua5.4 liblua5.4-dev libpcre2-dev libutf8proc-dev lua-cjson" ;;
    # tests: busted (spec runner) and luarocks (the rock must build with `luarocks make`)
    test)   echo "$(set_for core) lua-busted luarocks" ;;
    # the other Lua hosts the binding supports
    compat) echo "$(set_for test) lua5.1 liblua5.1-0-dev lua5.2 liblua5.2-dev lua5.3 liblua5.3-dev luajit libluajit-5.1-dev" ;;
    # libFuzzer comes with clang
    fuzz)   echo "$(set_for core) clang" ;;
    # make bench: the build, and pyahocorasick, the gazetteer matcher's peer
    bench)  echo "$(set_for core) python3-ahocorasick" ;;
    # the peers `make eval` and `make bench` compare with
    node)   echo "nodejs npm python3-ahocorasick" ;;
    all)    echo "$(set_for compat) clang" ;;
    *) echo "scripts/deps.sh: unknown set '$1' (core|test|compat|fuzz|bench|node|all)" >&2; exit 2 ;;
  esac
}
want=$(set_for "${1:-test}")
missing=""
for p in $want; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "newscorpus: installing missing Debian packages:$missing" >&2
if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"
else
  echo "newscorpus: these packages are missing and I am not root (and sudo needs a password):" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >&2 || true
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >&2
