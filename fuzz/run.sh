#!/bin/sh
# Build the libFuzzer targets (clang, ASan + UBSan) and run each for SECONDS.
# Usage: fuzz/run.sh [SECONDS=60]. Corpora grow in build/fuzz/corpus-NAME (seeded
# from seeds/); a crash leaves build/fuzz/crash-* and makes the script exit 1.
set -u
cd "$(dirname "$0")/.." || exit 2
secs=${1:-60}
out=build/fuzz
mkdir -p "$out"
SRC="src/nc_common.c src/nc_utf8.c src/nc_norm.c src/nc_chars.c src/nc_forms.c src/nc_token.c src/nc_wordset.c src/nc_sent.c src/nc_lines.c src/nc_dates.c src/nc_datevalue.c src/nc_claims.c src/nc_gaz.c src/nc_gaztsv.c src/nc_ents.c src/nc_rules.c src/nc_words.c src/nc_quotes.c src/nc_roles.c src/nc_quotemarks.c src/nc_tally.c src/nc_json.c"
status=0
for t in norm token sent lines gaz gaztsv ents rules words json datevalue claims quotes roles; do
  clang -std=c99 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
    -Isrc -o "$out/fuzz_$t" "fuzz/fuzz_$t.c" $SRC -lutf8proc -lpcre2-8 || exit 2
  mkdir -p "$out/corpus-$t"
  cp seeds/*.txt "$out/corpus-$t/" 2>/dev/null
  echo "== fuzz_$t for ${secs}s"
  if "$out/fuzz_$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
      -artifact_prefix="$out/" -print_final_stats=1 "$out/corpus-$t" >"$out/fuzz_$t.log" 2>&1; then
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/fuzz_$t.log" | sed 's/^/   /'
    echo "   corpus: $(ls "$out/corpus-$t" | wc -l) inputs; no crash, leak or timeout"
  else
    status=1
    echo "   FAILED: see $out/fuzz_$t.log"
    grep -E "ERROR|SUMMARY" "$out/fuzz_$t.log" | head -5 | sed 's/^/   /'
  fi
done
exit $status
