-- make eval: entity mentions (PERSON, ORG, PLACE) against GUM (news and interview
-- documents) and MEANTIME (the annotated first sentences), newscorpus and compromise
-- on the same texts in the same run.
-- Usage: lua5.4 eval/entities.lua [SHARED_DATA=../shared/data] [NODE_MODULES=build/node_modules]
--
-- Gold: proper-name mentions. GUM: for each mention of type person / organization /
-- place, its first run of NNP/NNPS tokens joined by name connectors (of, and, &, for,
-- the, de, la, von, van, -): "Biologist Mat Bos" -> "Mat Bos", "the University of
-- Helsinki" -> "University of Helsinki", "the Associated Press" -> "Associated Press";
-- a name inside a longer name is part of it (Helsinki there is not a PLACE mention).
-- MEANTIME: ENTITY_MENTIONs with syntactic_type NAM or PRE.NAM (a name as a
-- premodifier: "US automakers") of an entity of type PER / ORG / LOC. Predictions are scored exactly (same span, same type) and
-- loosely (overlapping span, same type). Demonym matches (Syrian -> Syria) are not
-- proper-name mentions and are left out; MEANTIME spans of other types (PRO, FIN)
-- neither reward nor punish a prediction that overlaps them.
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local core = require "newscorpus.core"
local shared = arg[1] or "../shared/data"
local node_modules = arg[2] or "build/node_modules"

local TYPES = { "PERSON", "ORG", "PLACE" }
local GUM_T = { person = "PERSON", organization = "ORG", place = "PLACE" }
local MT_T = { PER = "PERSON", ORG = "ORG", LOC = "PLACE" }
local NNP = { NNP = true, NNPS = true }
local CONNECT = { ["of"] = true, ["and"] = true, ["&"] = true, ["for"] = true, ["the"] = true,
                  ["de"] = true, ["la"] = true, ["von"] = true, ["van"] = true, ["-"] = true }

local function split_tab(line)
  local f = {}
  for x in (line .. "\t"):gmatch("([^\t]*)\t") do f[#f + 1] = x end
  return f
end

-- GUM: documents {id, text, gold = {{start, stop, type}}}
local function read_gum(path)
  local docs, doc, parts, len = {}, nil, {}, 0
  local new_par, sent
  local open = {}      -- stack of open mentions {id, type}
  local toks = {}      -- per document: {start, stop, xpos, form, in_m = set of open mentions}
  local mlist = {}     -- per document: every mention, in order of opening
  local function finish()
    if not doc then return end
    doc.text = table.concat(parts)
    -- the name of each typed mention: its first run of proper-noun tokens (Penn
    -- NNP/NNPS), joined by name connectors ("University of Helsinki", "Associated
    -- Press"); a name inside a longer name of another mention is part of that name
    local spans = {}
    for _, m in ipairs(mlist) do
      if GUM_T[m.type] then
        local a, b, i = nil, nil, 1
        local mt = {}
        for k, t in ipairs(toks) do if t.in_m[m] then mt[#mt + 1] = k end end
        while i <= #mt and not NNP[toks[mt[i]].xpos] do i = i + 1 end
        if i <= #mt then
          a, b = mt[i], mt[i]
          local j = i + 1
          while j <= #mt do
            local t = toks[mt[j]]
            if NNP[t.xpos] then b = mt[j]
            elseif not CONNECT[t.form:lower()] then break end
            j = j + 1
          end
          spans[#spans + 1] = { toks[a].start, toks[b].stop, GUM_T[m.type], depth = m.depth }
        end
      end
    end
    for _, s1 in ipairs(spans) do
      local keep = true
      for _, s2 in ipairs(spans) do
        if s2 ~= s1 and s2[1] <= s1[1] and s1[2] <= s2[2] then
          local same = s2[1] == s1[1] and s2[2] == s1[2]
          -- same span: the innermost mention's type; a longer name swallows a shorter one
          if (same and s2.depth > s1.depth) or not same then keep = false break end
        end
      end
      if keep then doc.gold[#doc.gold + 1] = { s1[1], s1[2], s1[3] } end
    end
    table.sort(doc.gold, function(x, y) return x[1] < y[1] end)
    docs[#docs + 1] = doc
  end
  for line in io.lines(path) do
    local id = line:match("^# newdoc id = (.+)$")
    if id then
      finish()
      doc, parts, len, toks, open, mlist = { id = id, gold = {} }, {}, 0, {}, {}, {}
      new_par = true
    elseif line:match("^# newpar") then
      new_par = true
    elseif line:match("^# text = ") then
      local text = line:sub(10)
      if len > 0 then parts[#parts + 1] = new_par and "\n\n" or " "; len = len + #parts[#parts] end
      new_par = false
      sent = { start = len + 1, text = text, pos = 1 }
      parts[#parts + 1] = text
      len = len + #text
    elseif line:match("^%d+\t") and sent then
      local f = split_tab(line)
      local form, xpos, misc = f[2], f[5], f[10] or ""
      local ent = misc:match("Entity=([^|]*)") or ""
      -- opening brackets first (they start at this token)
      local i = 1
      local closes_here = {}
      while i <= #ent do
        local c = ent:sub(i, i)
        if c == "(" then
          local j = i + 1
          while j <= #ent and not ent:sub(j, j):find("[()]") do j = j + 1 end
          local body = ent:sub(i + 1, j - 1)
          local mid, mtype = body:match("^(%d+)%-(%a+)")
          local m = { id = mid, type = mtype, depth = #open }
          open[#open + 1] = m
          mlist[#mlist + 1] = m
          if ent:sub(j, j) == ")" then closes_here[#closes_here + 1] = m; j = j + 1 end
          i = j
        elseif c:find("%d") then
          local j = i
          while ent:sub(j, j):find("%d") do j = j + 1 end
          local mid = ent:sub(i, j - 1)
          for k = #open, 1, -1 do
            if open[k].id == mid then closes_here[#closes_here + 1] = open[k]; break end
          end
          i = j + 1
        else
          i = i + 1
        end
      end
      local rel = sent.text:find(form, sent.pos, true)
      if rel then
        sent.pos = rel + #form
        local in_m = {}
        for _, m in ipairs(open) do in_m[m] = true end
        toks[#toks + 1] = { start = sent.start + rel - 1, stop = sent.start + rel + #form - 2, xpos = xpos,
                            form = form, in_m = in_m }
      end
      for _, m in ipairs(closes_here) do
        for k = #open, 1, -1 do if open[k] == m then table.remove(open, k) break end end
      end
    end
  end
  finish()
  return docs
end

-- MEANTIME: title and annotated sentences, tokens joined with detokenised spacing.
local function read_meantime(path)
  local x, toks, byid = require("meantime").read_tokens(path)
  local mentions, ent_type = {}, {}
  for mid, st, body in x:gmatch('<ENTITY_MENTION[^>]-m_id="(%d+)"[^>]-syntactic_type="([%a%.]*)"[^>]*>(.-)</ENTITY_MENTION>') do
    local ids = {}
    for t in body:gmatch('t_id="(%d+)"') do ids[#ids + 1] = t end
    mentions[#mentions + 1] = { m = mid, nam = st == "NAM" or st == "PRE.NAM", ids = ids }
  end
  for attrs in x:gmatch("<ENTITY ([^>]*)/>") do
    ent_type[attrs:match('m_id="(%d+)"')] = attrs:match('ent_type="(%a+)"')
  end
  local target_of = {}
  for body in x:gmatch("<REFERS_TO[^>]*>(.-)</REFERS_TO>") do
    local tgt = body:match('<target m_id="(%d+)"')
    for src in body:gmatch('<source m_id="(%d+)"') do target_of[src] = tgt end
  end
  local last = -1
  for _, m in ipairs(mentions) do
    for _, t in ipairs(m.ids) do if byid[t] and byid[t].sent > last then last = byid[t].sent end end
  end
  -- text
  local parts, len, prev_sent = {}, 0, nil
  for _, t in ipairs(toks) do
    if t.sent <= last then
      local sep = ""
      if prev_sent and t.sent ~= prev_sent then sep = "\n"
      elseif prev_sent and not t.word:find("^[,.;:!?)%]]") and not t.word:find("^'s$")
             and not parts[#parts]:find("[(%[]$") then sep = " " end
      if sep ~= "" then parts[#parts + 1] = sep; len = len + #sep end
      t.start = len + 1
      parts[#parts + 1] = t.word
      len = len + #t.word
      t.stop = len
      prev_sent = t.sent
    end
  end
  local gold, other = {}, {}
  for _, m in ipairs(mentions) do
    local ty = ent_type[target_of[m.m] or ""]
    local a, b = byid[m.ids[1] or ""], byid[m.ids[#m.ids] or ""]
    if m.nam and ty and a and b and a.start and b.stop then
      if MT_T[ty] then gold[#gold + 1] = { a.start, b.stop, MT_T[ty] }
      else other[#other + 1] = { a.start, b.stop } end
    end
  end
  return { id = path:match("([^/]+)%.xml$"), text = table.concat(parts), gold = gold, other = other }
end

local function overlaps(a, b) return a[1] <= b[2] and b[1] <= a[2] end

-- Titles are optional in a name: both gold standards put capitalised titles and
-- roles inside the name ("President Vladimir Putin", "Professor Chomsky"), most
-- NER conventions (CoNLL, OntoNotes) leave them out. A prediction with or
-- without the leading titles counts as exact, for every tool alike.
local TITLE_WORDS = {}
for w in ([[mr mrs ms miss dr prof professor president vice prime minister deputy foreign secretary
  general gen senator sen rep representative governor mayor ambassador envoy judge justice presiding
  chief executive spokesman spokeswoman spokesperson king queen prince princess sheikh emir pope
  sir lord lady chairman chairwoman director ceo cfo coo chancellor commander colonel col captain
  lt sgt assistant associate international]]):gmatch("%S+") do TITLE_WORDS[w] = true end

local function untitled(text, g)
  local s = g[1]
  while true do
    local a, b, w = text:find("^(%a+)%.? +", s)
    if not a or b >= g[2] or not TITLE_WORDS[w:lower()] or not w:find("^%u") then break end
    s = b + 1
  end
  return s
end

-- Score predicted mentions {start, stop, type} of each doc against gold.
local function score(docs, preds, tool)
  local show = os.getenv("EVAL_ERRORS") and tool == "newscorpus"
  local c = {}
  for _, t in ipairs(TYPES) do c[t] = { tp = 0, pred = 0, gold = 0, ltp = 0, lpred_ok = 0 } end
  for _, d in ipairs(docs) do
    local P = preds[d.id] or {}
    local exact = {}
    for _, g in ipairs(d.gold) do
      c[g[3]].gold = c[g[3]].gold + 1
      exact[g[1] .. ":" .. g[2] .. ":" .. g[3]] = true
      exact[untitled(d.text, g) .. ":" .. g[2] .. ":" .. g[3]] = true
    end
    if show then
      local pe = {}
      for _, p in ipairs(P) do pe[p[1] .. ":" .. p[2] .. ":" .. p[3]] = true end
      for _, g in ipairs(d.gold) do
        if not pe[g[1] .. ":" .. g[2] .. ":" .. g[3]] and not pe[untitled(d.text, g) .. ":" .. g[2] .. ":" .. g[3]] then
          io.stderr:write(("FN %s %-6s %q  | %s\n"):format(d.id, g[3], d.text:sub(g[1], g[2]),
            d.text:sub(math.max(1, g[1] - 40), g[2] + 40):gsub("\n", " ")))
        end
      end
    end
    local gold_hit = {}
    for _, p in ipairs(P) do
      local ignore = false
      for _, o in ipairs(d.other or {}) do if overlaps(p, o) then ignore = true break end end
      local cc = c[p[3]]
      if cc and not ignore then
        cc.pred = cc.pred + 1
        local key = p[1] .. ":" .. p[2] .. ":" .. p[3]
        if exact[key] then cc.tp = cc.tp + 1; exact[key] = false
        elseif show then
          io.stderr:write(("FP %s %-6s %q\n"):format(d.id, p[3], d.text:sub(p[1], p[2])))
        end
        local ok = false
        for gi, g in ipairs(d.gold) do
          if g[3] == p[3] and overlaps(p, g) then
            ok = true
            if not gold_hit[gi] then gold_hit[gi] = true; cc.ltp = cc.ltp + 1 end
          end
        end
        if ok then cc.lpred_ok = cc.lpred_ok + 1 end
      end
    end
  end
  return c
end

local function prf(tp, pred, gold)
  local p = pred > 0 and tp / pred or 0
  local r = gold > 0 and tp / gold or 0
  return p, r, (p + r) > 0 and 2 * p * r / (p + r) or 0
end

local function ours(docs)
  local preds, t0, bytes = {}, os.clock(), 0
  for _, d in ipairs(docs) do
    local doc = nc.doc(d.text, { id = d.id })
    local P = {}
    for _, m in ipairs(doc:entities()) do
      if m.tag ~= "demonym" then P[#P + 1] = { m.start, m.stop, m.type } end
    end
    preds[d.id] = P
    bytes = bytes + #d.text
  end
  return preds, os.clock() - t0, bytes
end

local function compromise(docs)
  local records = {}
  for i, d in ipairs(docs) do records[i] = { id = d.id, text = d.text } end
  return require("peer").run("eval/compromise_ner.js", node_modules, records, function(r)
    local P = {}
    for _, m in ipairs(r.mentions) do P[#P + 1] = { math.floor(m[1]), math.floor(m[2]), m[3] } end
    return r.id, P
  end)
end

local function report(name, docs)
  local bytes = 0
  for _, d in ipairs(docs) do bytes = bytes + #d.text end
  local po = ours(docs)
  local pc = compromise(docs)
  local so, sc = score(docs, po, "newscorpus"), pc and score(docs, pc, "compromise")
  print(("%s: %d documents, %.1f KB"):format(name, #docs, bytes / 1000))
  print(("  %-7s %-12s %6s %6s %6s   %6s %6s %6s   %5s %5s"):format("type", "tool", "P", "R", "F1",
    "P~", "R~", "F1~", "gold", "pred"))
  local tot = { newscorpus = { 0, 0, 0, 0, 0 }, compromise = { 0, 0, 0, 0, 0 } }
  for _, t in ipairs(TYPES) do
    for _, pair in ipairs { { "newscorpus", so }, { "compromise", sc } } do
      local c = pair[2] and pair[2][t]
      if c then
        local p, r, f = prf(c.tp, c.pred, c.gold)
        local lp = c.pred > 0 and c.lpred_ok / c.pred or 0
        local lr = c.gold > 0 and c.ltp / c.gold or 0
        local lf = (lp + lr) > 0 and 2 * lp * lr / (lp + lr) or 0
        print(("  %-7s %-12s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %5d %5d"):format(t, pair[1], p, r, f, lp, lr, lf, c.gold, c.pred))
        local T = tot[pair[1]]
        T[1], T[2], T[3], T[4], T[5] = T[1] + c.tp, T[2] + c.pred, T[3] + c.gold, T[4] + c.lpred_ok, T[5] + c.ltp
      elseif pair[1] == "compromise" then
        print(("  %-7s %-12s (not run: npm install compromise into %s)"):format(t, pair[1], node_modules))
      end
    end
  end
  for _, tool in ipairs { "newscorpus", "compromise" } do
    local T = tot[tool]
    if T[2] > 0 or T[3] > 0 then
      local p, r, f = prf(T[1], T[2], T[3])
      local lp, lr = T[2] > 0 and T[4] / T[2] or 0, T[3] > 0 and T[5] / T[3] or 0
      local lf = (lp + lr) > 0 and 2 * lp * lr / (lp + lr) or 0
      print(("  %-7s %-12s %6.3f %6.3f %6.3f   %6.3f %6.3f %6.3f   %5d %5d"):format("all", tool, p, r, f, lp, lr, lf, T[3], T[2]))
    end
  end
end

-- GUM: news and interview documents
local gum = {}
local dir = shared .. "/gum/dep"
local names = {}
for name, kind in pairs(core.listdir(dir)) do
  if kind == "file" and name:match("^GUM_[ni][en][wt][se]") and name:match("%.conllu$") then names[#names + 1] = name end
end
table.sort(names)
for _, name in ipairs(names) do
  for _, d in ipairs(read_gum(dir .. "/" .. name)) do gum[#gum + 1] = d end
end
local mt = {}
for _, topic in ipairs { "corpus_airbus", "corpus_apple", "corpus_gm" } do
  local tdir = shared .. "/meantime/" .. topic
  local files = {}
  for name, kind in pairs(core.listdir(tdir)) do
    if kind == "file" and name:match("%.xml$") then files[#files + 1] = name end
  end
  table.sort(files)
  for _, name in ipairs(files) do mt[#mt + 1] = read_meantime(tdir .. "/" .. name) end
end
print("Entities (P/R/F1 exact span and type; ~: overlapping span, same type)")
report("GUM news + interviews", gum)
print()
report("MEANTIME (annotated sentences)", mt)
