// Peer for `make eval` (eval/claims.lua): compromise's doc.numbers() in the
// sentences that hold a word of death, the baseline for the deaths kind.
// Input: JSON Lines {id, text} on stdin. Output: JSON Lines {id, numbers: [n, ...]}:
// the values compromise reads, in text order, from the sentences matching DEATH.
const nlp = require('compromise');
const DEATH = /\b(killed|kill|kills|killing|dead|death|deaths|died|dies|toll|lives|fatalities|slain|massacred|perished|bodies|casualties)\b/i;
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.trim());
const t0 = Date.now(); let bytes = 0;
for (const l of lines) {
  const d = JSON.parse(l), out = [];
  bytes += Buffer.byteLength(d.text);
  for (const s of nlp(d.text).sentences().json()) {
    if (!DEATH.test(s.text)) continue;
    for (const m of nlp(s.text).numbers().json()) {
      const n = m.number && m.number.num;
      if (typeof n === 'number') out.push(n);
    }
  }
  process.stdout.write(JSON.stringify({ id: d.id, numbers: out }) + '\n');
}
process.stderr.write(JSON.stringify({ tool: 'compromise', version: nlp.version, docs: lines.length,
  bytes, seconds: (Date.now() - t0) / 1000 }) + '\n');
