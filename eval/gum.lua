--- Read GUM CoNLL-U files into texts with gold sentence and token spans, and
-- score newscorpus against them.
-- Text reconstruction: the sentences of a paragraph joined by one space
-- (their `# text` lines), paragraphs separated by `sep` ("\n\n" or "\n").
local M = {}

local function split_tab(line)
  local f = {}
  for x in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = x end
  return f
end

--- Parse one .conllu file. Returns a list of documents
-- {id, text, sents = {{start, stop}}, words = {{start, stop}}, ortho = {{start, stop}}}
-- words: UD syntactic words; ortho: the same with GUM's <w>...</w> groups merged
-- (hyphenated compounds such as all-girl written as one orthographic word).
function M.read(path, sep)
  sep = sep or "\n\n"
  local f = assert(io.open(path, "rb"))
  local docs, doc = {}, nil
  local parts, len = {}, 0
  local new_par, sent = false, nil
  local wgroup

  local function finish()
    if doc then doc.text = table.concat(parts) docs[#docs + 1] = doc end
    parts, len = {}, 0
  end
  local function append(s) parts[#parts + 1] = s len = len + #s end

  for line in f:lines() do
    local id = line:match("^# newdoc id = (.+)$")
    if id then
      finish()
      doc = { id = id, sents = {}, words = {}, ortho = {} }
      new_par = true
    elseif line:match("^# newpar") then
      new_par = true
    elseif line:match("^# text = ") then
      local text = line:sub(10)
      if len > 0 then append(new_par and sep or " ") end
      new_par = false
      sent = { start = len + 1, text = text, pos = len + 1 }
      append(text)
      sent.stop = len
      doc.sents[#doc.sents + 1] = { start = sent.start, stop = sent.stop }
    elseif line:match("^%d+\t") and sent then
      local fl = split_tab(line)
      local form, misc = fl[2], fl[10] or ""
      -- locate the word in the sentence text, in order
      local rel = sent.text:find(form, sent.pos - sent.start + 1, true)
      if rel then
        local a = sent.start + rel - 1
        local b = a + #form - 1
        sent.pos = b + 1
        doc.words[#doc.words + 1] = { start = a, stop = b }
        if misc:find("XML=<w>", 1, true) then
          wgroup = { start = a, stop = b }
        elseif wgroup then
          wgroup.stop = b
        else
          doc.ortho[#doc.ortho + 1] = { start = a, stop = b }
        end
        if wgroup and misc:find("</w>", 1, true) then
          doc.ortho[#doc.ortho + 1] = wgroup
          wgroup = nil
        end
      end
    end
  end
  finish()
  f:close()
  return docs
end

--- Precision, recall, F1 of predicted against gold sets of keys.
function M.prf(tp, npred, ngold)
  local p = npred > 0 and tp / npred or 0
  local r = ngold > 0 and tp / ngold or 0
  local f = (p + r) > 0 and 2 * p * r / (p + r) or 0
  return p, r, f
end

--- Sentence-boundary and token agreement counts for one document.
-- Boundaries are sentence end offsets, the end of the text excluded.
function M.score(nc, doc)
  local d = nc.doc(doc.text, { id = doc.id })
  local s, t = d:sentences(), d:tokens()
  local n = #doc.text
  local gold_end, c = {}, { sent_tp = 0, sent_pred = 0, sent_gold = 0 }
  for _, g in ipairs(doc.sents) do
    if g.stop < n then gold_end[g.stop] = true c.sent_gold = c.sent_gold + 1 end
  end
  c.errors = {}
  for i = 1, #s do
    local _, b = s:span(i)
    if b < n then
      c.sent_pred = c.sent_pred + 1
      if gold_end[b] then c.sent_tp = c.sent_tp + 1
      else c.errors[#c.errors + 1] = { kind = "false split", at = b } end
    end
  end
  local pred = {}
  for _, a, b in t:each() do pred[a .. ":" .. b] = true end
  for _, key in ipairs { "words", "ortho" } do
    local tp = 0
    for _, g in ipairs(doc[key]) do
      if pred[g.start .. ":" .. g.stop] then tp = tp + 1 end
    end
    c[key .. "_tp"], c[key .. "_gold"] = tp, #doc[key]
  end
  c.tok_pred = #t
  c.text = doc.text
  c.gold_end = gold_end
  c.pred_end = {}
  for i = 1, #s do local _, b = s:span(i) c.pred_end[b] = true end
  return c
end

--- Score every .conllu file under dir. Returns totals and per-document counts.
function M.evaluate(nc, dir, sep)
  local core = require "newscorpus.core"
  local files = {}
  for name, kind in pairs(core.listdir(dir)) do
    if kind == "file" and name:match("%.conllu$") then files[#files + 1] = name end
  end
  table.sort(files)
  local tot = { sent_tp = 0, sent_pred = 0, sent_gold = 0, words_tp = 0, words_gold = 0,
    ortho_tp = 0, ortho_gold = 0, tok_pred = 0, docs = 0, bytes = 0, missed = {}, false_splits = {} }
  for _, name in ipairs(files) do
    for _, doc in ipairs(M.read(dir .. "/" .. name, sep)) do
      local c = M.score(nc, doc)
      tot.docs, tot.bytes = tot.docs + 1, tot.bytes + #doc.text
      for k, v in pairs(c) do
        if type(v) == "number" then tot[k] = tot[k] + v end
      end
      for b in pairs(c.gold_end) do
        if not c.pred_end[b] then tot.missed[#tot.missed + 1] = { doc = doc.id, text = c.text, at = b } end
      end
      for _, e in ipairs(c.errors) do
        tot.false_splits[#tot.false_splits + 1] = { doc = doc.id, text = c.text, at = e.at }
      end
    end
  end
  return tot
end

return M
