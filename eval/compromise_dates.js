// Peer for `make eval`: compromise-dates' doc.dates() on each document, resolved
// against the document date. Input: JSON Lines {id, text, today} on stdin. Output:
// JSON Lines {id, dates: [[start, stop, first, last], ...]}: 1-based inclusive byte
// offsets, first/last the days (YYYY-MM-DD) of the interval compromise gives, or
// null when it gives none.
const nlp = require('compromise');
nlp.plugin(require('compromise-dates'));
const lines = require('fs').readFileSync(0, 'utf8').split('\n').filter(l => l.trim());
const t0 = Date.now(); let bytes = 0;
for (const l of lines) {
  const d = JSON.parse(l), text = d.text, out = [];
  bytes += Buffer.byteLength(text);
  const opts = { timezone: 'UTC' };
  if (d.today) opts.today = d.today;
  for (const m of nlp(text).dates(opts).json({ offset: true })) {
    let s = m.offset.start, e = s + m.offset.length;   // UTF-16 units, [s, e)
    while (e > s && /[^\p{L}\p{N}]/u.test(text[e - 1])) e--;
    while (s < e && /[^\p{L}\p{N}]/u.test(text[s])) s++;
    if (e <= s) continue;
    const bs = Buffer.byteLength(text.slice(0, s)), be = bs + Buffer.byteLength(text.slice(s, e));
    const v = m.dates || {};
    out.push([bs + 1, be, v.start ? v.start.slice(0, 10) : null, v.end ? v.end.slice(0, 10) : null]);
  }
  process.stdout.write(JSON.stringify({ id: d.id, dates: out }) + '\n');
}
const pkg = require('compromise-dates/package.json');
process.stderr.write(JSON.stringify({ tool: 'compromise-dates', version: pkg.version, docs: lines.length,
  bytes, seconds: (Date.now() - t0) / 1000 }) + '\n');
