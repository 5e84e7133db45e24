// Peer for `make eval`: compromise's people() / places() / organizations() on each
// document. Input: JSON Lines {id, text} on stdin. Output: JSON Lines
// {id, mentions: [[start, stop, type], ...]} with 1-based inclusive byte offsets,
// trailing and leading punctuation trimmed from each match.
const nlp = require('compromise');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.trim());
const t0 = Date.now(); let bytes = 0;
for (const l of lines) {
  const d = JSON.parse(l), text = d.text, out = [];
  bytes += Buffer.byteLength(text);
  const doc = nlp(text);
  for (const [fn, ty] of [['people', 'PERSON'], ['places', 'PLACE'], ['organizations', 'ORG']]) {
    for (const m of doc[fn]().json({ offset: true })) {
      let s = m.offset.start, e = s + m.offset.length;   // UTF-16 units, [s, e)
      while (e > s && /[^\p{L}\p{N}]/u.test(text[e - 1])) e--;
      while (s < e && /[^\p{L}\p{N}]/u.test(text[s])) s++;
      if (e <= s) continue;
      const bs = Buffer.byteLength(text.slice(0, s)), be = bs + Buffer.byteLength(text.slice(s, e));
      out.push([bs + 1, be, ty]);
    }
  }
  process.stdout.write(JSON.stringify({ id: d.id, mentions: out }) + '\n');
}
process.stderr.write(JSON.stringify({ tool: 'compromise', version: nlp.version, docs: lines.length,
  bytes, seconds: (Date.now() - t0) / 1000 }) + '\n');
