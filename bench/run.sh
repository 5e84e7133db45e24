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
    t0=$(date +%s.%N)
    if ! "$@" > /dev/null; then echo "bench: failed: $*" >&2; return 1; fi
    t1=$(date +%s.%N)
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

# Gazetteer matching: every GeoNames place name, region and country name (>= 120,000
# aliases) on the same file, newscorpus (C matcher through Lua, one call per file)
# vs GNU grep -F -w -o -f and pyahocorasick (leftmost-longest, whole words).
names=build/bench/names.txt
mkdir -p build/bench
read -r naliases build_s dump_bytes load_s match_s _ hits mem < <(lua5.4 bench/gazetteer.lua "$corpus" "$names")
t_gaz=$(best lua5.4 bench/gazetteer.lua "$corpus" "$names")
t_grep=$(best sh -c "grep -F -w -o -f '$names' '$corpus' | wc -l")
grep_hits=$(grep -F -w -o -f "$names" "$corpus" | wc -l)
aho=/usr/bin/python3
peers=${PEERS:-../shared/bench/peers}
echo
echo "gazetteer: $naliases aliases; build ${build_s}s, load of the saved form ${load_s}s ($((dump_bytes / 1024)) KB file), $((mem / 1048576)) MB in memory"
printf '%-52s %9s %8s %9s\n' "what" "MB/s" "vs grep" "matches"
printf '%-52s %9s %8s %9s\n' "grep -F -w -o -f NAMES | wc -l (whole command)" "$(mbs "$t_grep")" "1.00" "$grep_hits"
printf '%-52s %9s %8s %9s\n' "newscorpus matcher (match call only)" "$(mbs "$match_s")" "$(ratio "$t_grep" "$match_s")" "$hits"
printf '%-52s %9s %8s %9s\n' "newscorpus whole command (build + read + match)" "$(mbs "$t_gaz")" "$(ratio "$t_grep" "$t_gaz")" "$hits"
if $aho -c 'import ahocorasick' 2>/dev/null && [ -f "$peers/gaz_aho.py" ]; then
  t_aho=$(RUNS=1 best sh -c "$aho '$peers/gaz_aho.py' '$corpus' '$names' --mode leftlong 2>/dev/null")
  aho_hits=$($aho "$peers/gaz_aho.py" "$corpus" "$names" --mode leftlong 2>/dev/null | head -1)
  printf '%-52s %9s %8s %9s\n' "pyahocorasick leftmost-longest (whole command)" "$(mbs "$t_aho")" "$(ratio "$t_grep" "$t_aho")" "$aho_hits"
else
  echo "(pyahocorasick not installed: apt-get install python3-ahocorasick)"
fi
# Entities (bundled gazetteer, discovery, resolution): the Lua API per article, and
# the command on the corpus as JSON Lines (one document per article), wc -w on the
# same JSON Lines file in the same run.
jsonl=build/bench/news.jsonl
[ -f "$jsonl" ] && [ "$jsonl" -nt "$corpus" ] || lua5.4 bench/to_jsonl.lua "$corpus" "$jsonl" > /dev/null
jbytes=$(stat -c %s "$jsonl")
jmbs() { awk -v n="$jbytes" -v t="$1" 'BEGIN { printf "%.1f", n / 1e6 / t }'; }
t_ent=$(best lua5.4 bench/bench.lua "$corpus" entities)
t_each=$(best lua5.4 bench/bench.lua "$corpus" entities-each)
t_jwc=$(best wc -w "$jsonl")
t_cli=$(best ./bin/newscorpus entities "$jsonl")
t_cnt=$(best ./bin/newscorpus entities --count "$jsonl")
t_json=$(RUNS=1 best ./bin/newscorpus entities --json "$jsonl")
echo
echo "entities: bundled gazetteer + discovery + resolution; commands on $jsonl ($(awk -v n="$jbytes" 'BEGIN { printf "%.1f", n / 1e6 }') MB, $(wc -l < "$jsonl") documents)"
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "doc:entities() per article (tables), whole process" "$(mbs "$t_ent")" "$(ratio "$t_wc" "$t_ent")"
printf '%-52s %9s %8s\n' "doc:each_entity(fn) per article, whole process" "$(mbs "$t_each")" "$(ratio "$t_wc" "$t_each")"
printf '%-52s %9s %8s\n' "wc -w JSONL (the reference)" "$(jmbs "$t_jwc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus entities JSONL > /dev/null" "$(jmbs "$t_cli")" "$(ratio "$t_jwc" "$t_cli")"
printf '%-52s %9s %8s\n' "newscorpus entities --count JSONL" "$(jmbs "$t_cnt")" "$(ratio "$t_jwc" "$t_cnt")"
printf '%-52s %9s %8s\n' "newscorpus entities --json JSONL (one run)" "$(jmbs "$t_json")" "$(ratio "$t_jwc" "$t_json")"

# Dates: the command on the same JSON Lines (the anchor of each article from the
# date its text states, through doc:metadata(); and with --anchor, which skips that).
t_dates=$(RUNS=1 best ./bin/newscorpus dates "$jsonl")
t_dates_a=$(RUNS=1 best ./bin/newscorpus dates --anchor 2016-01-01 "$jsonl")
echo
echo "dates: bundled rules (data/rules/dates.txt), one scan per article, values resolved"
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "wc -w JSONL (the reference)" "$(jmbs "$t_jwc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus dates JSONL (one run)" "$(jmbs "$t_dates")" "$(ratio "$t_jwc" "$t_dates")"
printf '%-52s %9s %8s\n' "newscorpus dates --anchor DATE JSONL (one run)" "$(jmbs "$t_dates_a")" "$(ratio "$t_jwc" "$t_dates_a")"

# Claims: figures with their qualifier, kind and unit (dates are scanned with them
# so they are not taken for figures), and the comparison across articles.
t_claims=$(RUNS=1 best ./bin/newscorpus claims "$jsonl")
t_claims_c=$(RUNS=1 best ./bin/newscorpus claims --compare "$jsonl")
echo
echo "claims: bundled rules (data/rules/numbers.txt with dates.txt), kind from the words around"
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "wc -w JSONL (the reference)" "$(jmbs "$t_jwc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus claims JSONL (one run)" "$(jmbs "$t_claims")" "$(ratio "$t_jwc" "$t_claims")"
printf '%-52s %9s %8s\n' "newscorpus claims --compare JSONL (one run)" "$(jmbs "$t_claims_c")" "$(ratio "$t_jwc" "$t_claims_c")"

# Quotes: quotations and reported speech with speakers (entities included), and
# the same quotation grouped across articles. Target: >= 30 MB/s.
t_quotes=$(RUNS=1 best ./bin/newscorpus quotes "$jsonl")
t_quotes_g=$(RUNS=1 best ./bin/newscorpus quotes --group "$jsonl")
echo
echo "quotes: bundled cues (data/rules/speech.txt), speakers resolved to entity ids"
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "wc -w JSONL (the reference)" "$(jmbs "$t_jwc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus quotes JSONL (one run)" "$(jmbs "$t_quotes")" "$(ratio "$t_jwc" "$t_quotes")"
printf '%-52s %9s %8s\n' "newscorpus quotes --group JSONL (one run)" "$(jmbs "$t_quotes_g")" "$(ratio "$t_jwc" "$t_quotes_g")"

# Events: meetings, talks, calls and visits with parties (entities included),
# place and date, and the timeline merging them across articles. Target: >= 30 MB/s.
t_events=$(RUNS=1 best ./bin/newscorpus events "$jsonl")
t_timeline=$(RUNS=1 best ./bin/newscorpus timeline "$jsonl")
t_ents_c=$(RUNS=1 best ./bin/newscorpus entities --count "$jsonl")
echo
echo "events: bundled cues (data/rules/events.txt), parties resolved to entity ids"
printf '%-52s %9s %8s\n' "what" "MB/s" "vs wc -w"
printf '%-52s %9s %8s\n' "wc -w JSONL (the reference)" "$(jmbs "$t_jwc")" "1.00"
printf '%-52s %9s %8s\n' "newscorpus entities --count JSONL (the layer under)" "$(jmbs "$t_ents_c")" "$(ratio "$t_jwc" "$t_ents_c")"
printf '%-52s %9s %8s\n' "newscorpus events JSONL (one run)" "$(jmbs "$t_events")" "$(ratio "$t_jwc" "$t_events")"
printf '%-52s %9s %8s\n' "newscorpus timeline JSONL (one run)" "$(jmbs "$t_timeline")" "$(ratio "$t_jwc" "$t_timeline")"
