#!/usr/bin/env bash
# make bench: tokenize + sentence split throughput (MB/s, one core) on a >= 50 MB
# news corpus, with `wc -w` and `cat` on the same file in the same run.
# Usage: bench/run.sh [CORPUS]   (default: bench/corpus/news.txt, built from ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-bench/corpus/news.txt}
runs=${RUNS:-3}
if [ ! -f "$corpus" ]; then
  mkdir -p "$(dirname "$corpus")"
  lua5.4 bench/build_corpus.lua "$corpus" 60
fi
bytes=$(stat -c %s "$corpus")
cat "$corpus" > /dev/null   # warm the page cache

best() { # command...: best wall time of $runs runs, in seconds
  local b="" t0 t1 t
  for _ in $(seq "$runs"); do
    t0=$(date +%s.%N); "$@" > /dev/null; t1=$(date +%s.%N)
    t=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')
    if [ -z "$b" ] || awk -v t="$t" -v b="$b" 'BEGIN { exit !(t < b) }'; then b=$t; fi
  done
  echo "$b"
}
mbs() { awk -v n="$bytes" -v t="$1" 'BEGIN { printf "%.1f", n / 1e6 / t }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

echo "corpus: $corpus, $(awk -v n="$bytes" 'BEGIN { printf "%.1f", n / 1e6 }') MB; best of $runs runs, wall clock, one process"
t_cat=$(best sh -c "cat '$corpus' > /dev/null")
t_wc=$(best wc -w "$corpus")
t_split=$(best lua5.4 bench/bench.lua "$corpus" split)
t_iter=$(best lua5.4 bench/bench.lua "$corpus" iterate)
t_clean=$(best lua5.4 bench/bench.lua "$corpus" clean)
read -r _ ntok nsent rss _ < <(lua5.4 bench/bench.lua "$corpus" iterate)
r_split=$(ratio "$t_wc" "$t_split")
r_iter=$(ratio "$t_wc" "$t_iter")
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "cat > /dev/null (reference)" "$(mbs "$t_cat")" ""
printf '%-52s %9s %8s\n' "wc -w (C.UTF-8; the reference)" "$(mbs "$t_wc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus tokenize + sentences (Lua API)" "$(mbs "$t_split")" "$r_split"
printf '%-52s %9s %8s\n' "  same, and every token read from Lua (:each())" "$(mbs "$t_iter")" "$r_iter"
printf '%-52s %9s %8s\n' "newscorpus clean + metadata (Lua API)" "$(mbs "$t_clean")" "$(ratio "$t_wc" "$t_clean")"
echo "tokens: $ntok, sentences: $nsent, peak RSS of the Lua run: $((rss / 1024)) MB"
