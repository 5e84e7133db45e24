// Peer for `make eval` (eval/quotes.lua): compromise's doc.quotations() on each
// document. Input: JSON Lines {id, text} on stdin. Output: JSON Lines
// {id, quotes: [[start, stop], ...]} with 1-based inclusive byte offsets.
const nlp = require('compromise');
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.trim());
const t0 = Date.now(); let bytes = 0;
for (const l of lines) {
  const d = JSON.parse(l), text = d.text, out = [];
  bytes += Buffer.byteLength(text);
  for (const m of nlp(text).quotations().json({ offset: true })) {
    const s = m.offset.start, e = s + m.offset.length;   // UTF-16 units, [s, e)
    if (e <= s) continue;
    const bs = Buffer.byteLength(text.slice(0, s)), be = bs + Buffer.byteLength(text.slice(s, e));
    out.push([bs + 1, be, text.slice(s, e)]);
  }
  process.stdout.write(JSON.stringify({ id: d.id, quotes: out }) + '\n');
}
process.stderr.write(JSON.stringify({ tool: 'compromise', version: nlp.version, docs: lines.length,
  bytes, seconds: (Date.now() - t0) / 1000 }) + '\n');
