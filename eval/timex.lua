-- make eval: temporal expressions and their values on GUM (<date when|from|to>,
-- ../shared/data/gum/xml) and MEANTIME (TIMEX3 of type DATE, the annotated
-- sentences), newscorpus doc:dates() and compromise-dates in the same run.
-- Usage: lua5.4 eval/timex.lua [SHARED_DATA_DIR] [NODE_MODULES]   (EVAL_ERRORS=1 lists misses)
--
-- Every tool gets the document's creation date as its anchor (GUM's dateCreated,
-- MEANTIME's CREATION_TIME TIMEX3), as in TempEval. Scoring:
--   detection  a prediction and a gold span that overlap pair one to one;
--              P, R, F1 over DATE spans (predictions over a gold TIME, DURATION or
--              SET span are left out, for both tools: those types are not asked for)
--   value      of the gold spans with a definite value (GUM when, or from..to;
--              MEANTIME value a date, month, year, week or quarter), the share
--              whose paired prediction covers exactly the same days
--              ("2015-W38" = 2015-09-14..20 = from 2015-09-14 to 2015-09-20).
--              Vague golds (notBefore/notAfter, "--10", XXXX, PAST_REF) count
--              for detection only.
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local dates = require "newscorpus.dates"
local cjson = require "cjson"
local meantime = require "meantime"

local shared = arg[1] or "../shared/data"
local node_modules = arg[2] or "build/node_modules"
local show = os.getenv("EVAL_ERRORS")


local gumxml = require "gumxml"
local joiner = gumxml.joiner
local listdir = gumxml.files

-- GUM xml: one token per line (first column), <date> elements around tokens.
local function read_gum(path)
  local g = gumxml.read(path, { date = true })
  local gold, text, dct = {}, g.text, g.dct
  for _, e in ipairs(g.elements) do
    local a = e.attrs
    e.when, e.from, e.to = a:match('when="([^"]*)"'), a:match('from="([^"]*)"'), a:match('to="([^"]*)"')
    e.vague = a:find("notBefore") or a:find("notAfter")
    gold[#gold + 1] = e
  end
  local items = {}
  for _, g in ipairs(gold) do
    local first, last
    local w = g.when and g.when:gsub("^%-(%d)", "%1")
    if w and not g.vague then first, last = dates.interval(w) end
    if g.from and g.to and not g.vague then
      local f1 = dates.interval(g.from)
      local _, t2 = dates.interval(g.to)
      if f1 and t2 then first, last = f1, t2 end
    end
    items[#items + 1] = { start = g.start, stop = g.stop, first = first, last = last,
      gold = g.when or ((g.from or "?") .. ".." .. (g.to or "?")) }
  end
  return { id = path:match("([^/]+)%.xml$"), text = text, anchor = dct, gold = items, other = {} }
end

-- MEANTIME: title and annotated sentences; TIMEX3 spans over tokens.
local function read_meantime(path)
  local x, toks, byid = meantime.read_tokens(path)
  local last = 0
  for tid in x:match("<Markables>(.*)</Markables>"):gmatch('t_id="(%d+)"') do
    if byid[tid] and byid[tid].sent > last then last = byid[tid].sent end
  end
  local J = joiner()
  local prev
  for _, t in ipairs(toks) do
    if t.sent <= last then
      t.start, t.stop = J.add(t.word, prev and t.sent ~= prev and "\n" or nil)
      prev = t.sent
    end
  end
  local gold, other, dct = {}, {}, nil
  for attrs, body in x:gmatch("<TIMEX3 ([^>]-)>(.-)</TIMEX3>") do
    local ids = {}
    for t in body:gmatch('t_id="(%d+)"') do ids[#ids + 1] = byid[t] end
    local ty, value = attrs:match('type="(%a+)"'), attrs:match('value="([^"]*)"')
    if attrs:find('functionInDocument="CREATION_TIME"') then dct = value end
    local a, b = ids[1], ids[#ids]
    if a and b and a.start and b.stop then
      if ty == "DATE" then
        local first, last2 = dates.interval(value or "")
        gold[#gold + 1] = { start = a.start, stop = b.stop, first = first, last = last2, gold = value }
      else
        other[#other + 1] = { start = a.start, stop = b.stop }
      end
    end
  end
  return { id = path:match("([^/]+)%.xml$"), text = J.text(), anchor = dct and dct:match("^%d%d%d%d%-%d%d%-%d%d"),
    gold = gold, other = other }
end

local function ours(docs)
  local preds, t0 = {}, os.clock()
  for _, d in ipairs(docs) do
    local P = {}
    for _, m in ipairs(nc.doc(d.text, { id = d.id }):dates { anchor = d.anchor or false }) do
      if m.kind ~= "duration" then
        local first, last = dates.interval(m.value)
        P[#P + 1] = { start = m.start, stop = m.stop, first = first, last = last, value = m.value }
      end
    end
    preds[d.id] = P
  end
  return preds, os.clock() - t0
end

local function peer(docs)
  local records = {}
  for i, d in ipairs(docs) do records[i] = { id = d.id, text = d.text, today = d.anchor } end
  return require("peer").run("eval/compromise_dates.js", node_modules, records, function(r)
    local P = {}
    for _, m in ipairs(r.dates) do
      local first = m[3] ~= cjson.null and dates.day_of(m[3]) or nil
      local last = m[4] ~= cjson.null and dates.day_of(m[4]) or nil
      P[#P + 1] = { start = math.floor(m[1]), stop = math.floor(m[2]), first = first, last = last,
        value = first and (m[3] .. ".." .. m[4]) or "nil" }
    end
    return r.id, P
  end)
end

local function overlaps(a, b) return a.start <= b.stop and b.start <= a.stop end

local function score(docs, preds, tool)
  local s = { tp = 0, fp = 0, fn = 0, valued = 0, right = 0 }
  for _, d in ipairs(docs) do
    local used = {}
    for _, p in ipairs(preds[d.id] or {}) do
      local skip, hit = false, nil
      for gi, g in ipairs(d.gold) do
        if not used[gi] and overlaps(p, g) then hit = gi break end
      end
      if not hit then
        for _, o in ipairs(d.other) do if overlaps(p, o) then skip = true end end
      end
      if hit then
        used[hit] = p
        s.tp = s.tp + 1
      elseif not skip then
        s.fp = s.fp + 1
        if show and tool == "newscorpus" then print(("  FP %s %q -> %s"):format(d.id, d.text:sub(p.start, p.stop), p.value or "nil")) end
      end
    end
    for gi, g in ipairs(d.gold) do
      local p = used[gi]
      if not p then
        s.fn = s.fn + 1
        if show and tool == "newscorpus" then print(("  FN %s %q (%s)"):format(d.id, d.text:sub(g.start, g.stop), g.gold or "")) end
      end
      if g.first then
        s.valued = s.valued + 1
        if p and p.first == g.first and p.last == g.last then s.right = s.right + 1
        elseif p and show and tool == "newscorpus" then
          print(("  VALUE %s %q gold %s got %s"):format(d.id, d.text:sub(g.start, g.stop), g.gold, p.value or "nil"))
        end
      end
    end
  end
  local P = s.tp / math.max(s.tp + s.fp, 1)
  local R = s.tp / math.max(s.tp + s.fn, 1)
  s.P, s.R, s.F = P, R, (P + R > 0) and 2 * P * R / (P + R) or 0
  s.acc = s.right / math.max(s.valued, 1)
  return s
end

local function report(name, docs)
  local po, secs = ours(docs)
  local pc = peer(docs)
  local ngold, bytes = 0, 0
  for _, d in ipairs(docs) do ngold = ngold + #d.gold bytes = bytes + #d.text end
  print(("%s: %d documents, %.1f KB, %d gold dates"):format(name, #docs, bytes / 1000, ngold))
  print(("  %-17s %6s %6s %6s   %13s %5s %5s"):format("tool", "P", "R", "F1", "value right", "gold", "pred"))
  for _, pair in ipairs { { "newscorpus", po }, { "compromise-dates", pc } } do
    if pair[2] then
      local s = score(docs, pair[2], pair[1])
      print(("  %-17s %6.3f %6.3f %6.3f   %4d/%-4d %.3f %5d %5d"):format(pair[1], s.P, s.R, s.F, s.right, s.valued,
        s.acc, s.tp + s.fn, s.tp + s.fp))
    else
      print(("  %-17s (not run: npm install compromise compromise-dates into %s)"):format(pair[1], node_modules))
    end
  end
  return secs
end

local gum = {}
for _, name in ipairs(listdir(shared .. "/gum/xml")) do
  if name:match("%.xml$") then gum[#gum + 1] = read_gum(shared .. "/gum/xml/" .. name) end
end
report("GUM news and interviews (<date>)", gum)
local mt = {}
for _, topic in ipairs { "corpus_airbus", "corpus_apple", "corpus_gm" } do
  local dir = shared .. "/meantime/" .. topic
  for _, name in ipairs(listdir(dir)) do
    if name:match("%.xml$") then mt[#mt + 1] = read_meantime(dir .. "/" .. name) end
  end
end
report("MEANTIME (TIMEX3 DATE, annotated sentences)", mt)
