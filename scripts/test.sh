#!/bin/sh
# Run newscorpus test stages and print "N passed, N failed" as the last line.
# Usage: scripts/test.sh [all|c|lua|compat|rock]
# Each stage prints TAP; a stage that exits non-zero without a "not ok" line
# (a crash, a sanitizer report) counts as one more failure.
set -u
cd "$(dirname "$0")/.." || exit 2
what=${1:-all}
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
pass=0
fail=0

stage() { # name command...
  name=$1; shift
  echo "== $name" >&2
  "$@" >"$log/out" 2>"$log/err"
  rc=$?
  p=$(grep -c '^ok ' "$log/out")
  f=$(grep -c '^not ok ' "$log/out")
  grep '^not ok ' "$log/out" >&2
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1
    echo "not ok - $name exited with status $rc" >&2
  fi
  if [ "$f" -gt 0 ] || [ "$rc" -ne 0 ]; then
    echo "--- output of $name (last 40 lines):" >&2
    tail -n 40 "$log/out" >&2
    tail -n 40 "$log/err" >&2
  fi
  echo "   $p passed, $f failed" >&2
  pass=$((pass + p))
  fail=$((fail + f))
}

ASAN_LIB=$(${CC:-cc} -print-file-name=libasan.so)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0:halt_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
# Lua's own allocations reachable at exit are not ours; suppress the interpreter.
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$PWD/spec/lsan.supp:print_suppressions=0}

busted_with() { # interpreter cpath-dir [extra env]
  lua=$1; dir=$2
  LUA_PATH="lua/?.lua;lua/?/init.lua;spec/?.lua;;" LUA_CPATH="$dir/?.so;;" \
    NEWSCORPUS_LUA=$lua "$lua" /usr/bin/busted -o TAP --lpath="lua/?.lua;lua/?/init.lua;eval/?.lua;spec/?.lua" \
    --cpath="$dir/?.so" spec
}

run_c() {
  make -s build/asan/test_core >&2 || { echo "not ok - build C tests"; return 1; }
  ./build/asan/test_core
}

run_lua() {
  make -s build/asan/newscorpus/core.so build/lua5.4/newscorpus/core.so >&2 ||
    { echo "not ok - build module"; return 1; }
  LD_PRELOAD=$ASAN_LIB NEWSCORPUS_SANITIZED=1 busted_with lua5.4 build/asan
}

run_compat() { # flavour interpreter
  make -s "build/$1/newscorpus/core.so" >&2 || { echo "not ok - build for $1"; return 1; }
  ASAN_OPTIONS= busted_with "$2" "build/$1"
}

run_rock() {
  tree=$log/rocktree
  if luarocks --lua-version 5.4 make --tree "$tree" newscorpus-scm-1.rockspec >"$log/rock.log" 2>&1; then
    echo "ok 1 - luarocks make builds and installs the rock offline"
  else
    echo "not ok 1 - luarocks make builds and installs the rock offline"
    cat "$log/rock.log"
    return 1
  fi
  out=$(cd / && eval "$(luarocks --lua-version 5.4 --tree "$tree" path)" &&
    lua5.4 -e 'local nc = require "newscorpus"
      local d = nc.doc("Mr. Putin met Assad. They talked.")
      io.write(#d:sentences(), " ", #d:tokens())' 2>&1)
  if [ "$out" = "2 9" ]; then echo "ok 2 - installed module loads and splits"
  else echo "not ok 2 - installed module loads and splits: $out"; fi
  out=$(cd / && "$tree/bin/newscorpus" docs 2>&1 | grep -c '^00[0-4]_')
  if [ "$out" = "5" ]; then echo "ok 3 - installed newscorpus command runs on the bundled seeds"
  else echo "not ok 3 - installed newscorpus command runs on the bundled seeds: $out"; fi
  out=$(cd / && "$tree/bin/newscorpus" clean --removed 2>&1 | grep -c "read-time")
  if [ "$out" = "1" ]; then echo "ok 4 - installed command finds its cleaning rules"
  else echo "not ok 4 - installed command finds its cleaning rules: $out"; fi
}

case $what in
  c) stage "C core (ASan+UBSan)" run_c ;;
  lua) stage "specs, Lua 5.4 (ASan+UBSan)" run_lua ;;
  compat)
    stage "specs, Lua 5.1" run_compat lua5.1 lua5.1
    stage "specs, Lua 5.2" run_compat lua5.2 lua5.2
    stage "specs, Lua 5.3" run_compat lua5.3 lua5.3
    stage "specs, LuaJIT 2.1" run_compat luajit luajit ;;
  rock) stage "luarocks make" run_rock ;;
  all)
    stage "C core (ASan+UBSan)" run_c
    stage "specs, Lua 5.4 (ASan+UBSan)" run_lua
    stage "specs, Lua 5.1" run_compat lua5.1 lua5.1
    stage "specs, Lua 5.2" run_compat lua5.2 lua5.2
    stage "specs, Lua 5.3" run_compat lua5.3 lua5.3
    stage "specs, LuaJIT 2.1" run_compat luajit luajit
    stage "luarocks make" run_rock ;;
  *) echo "usage: scripts/test.sh [all|c|lua|compat|rock]" >&2; exit 2 ;;
esac
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
