-- make eval: quotations and their speakers.
-- Usage: lua5.4 eval/quotes.lua [SHARED_DATA_DIR] [NODE_MODULES]   (EVAL_ERRORS=1 lists misses)
--
-- Detection, on the <quote> elements of the 39 GUM news and interview documents
-- (../shared/data/gum/xml; adjacent elements with only space between them are
-- one quotation, as GUM marks a quotation sentence by sentence): newscorpus's
-- direct and partial quotes (doc:quotes{indirect = false}) and compromise's
-- quotations(), in the same run. A prediction and a gold quotation that overlap
-- pair one to one; P, R, F1 over the pairs (also on the documents with at least
-- one <quote> only: GUM leaves the quotations of some documents unmarked). `exact`: of the pairs, the share with
-- the same text once marks, spaces and the punctuation at either end are dropped.
--
-- Speakers, on eval/gold/quote-speakers.tsv (annotated by the newscorpus authors:
-- every quotation of the 13 GUM news documents, and every pair of quote marks of
-- the first 14 FA-KES articles that hold one): a gold quotation is found when a
-- quote of the tool starts with its first words; its speaker is right when the
-- last word of the gold name (or of one of its alternatives) is a word of the
-- tool's speaker (its canonical name or the words of the text). SCARE lines are
-- right when the tool returns no quote there. compromise attributes no speakers.
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local gumxml = require "gumxml"
local fakes = require "fakes"
local peer = require "peer"

local shared = arg[1] or "../shared/data"
local node_modules = arg[2] or "build/node_modules"
local show = os.getenv("EVAL_ERRORS")

local listdir = gumxml.files

-- ---- GUM documents with their gold quotations ----------------------------------

local docs = {}
for _, name in ipairs(listdir(shared .. "/gum/xml")) do
  if name:match("%.xml$") then
    local g = gumxml.read(shared .. "/gum/xml/" .. name, { quote = true })
    local gold = {}
    for _, e in ipairs(g.elements) do
      local prev = gold[#gold]
      if prev and not g.text:sub(prev.stop + 1, e.start - 1):find("%S") then prev.stop = e.stop
      else gold[#gold + 1] = { start = e.start, stop = e.stop } end
    end
    docs[#docs + 1] = { id = g.id, text = g.text, gold = gold, date = g.dct }
  end
end

-- the words of a span, without marks and end punctuation: for `exact`
local function core_text(s)
  s = s:gsub("[\"“”‘’«»]", " ")
  return (s:gsub("^[%s%p]+", ""):gsub("[%s%p]+$", ""):gsub("%s+", " "))
end

local function detection(name, preds_of, only_annotated)
  local tp, np, ng, exact = 0, 0, 0, 0
  for _, d in ipairs(docs) do
   if not only_annotated or #d.gold > 0 then
    local P = preds_of(d)
    np, ng = np + #P, ng + #d.gold
    local used = {}
    for _, g in ipairs(d.gold) do
      local hit
      for i, p in ipairs(P) do
        if not used[i] and p[1] <= g.stop and p[2] >= g.start then hit = i break end
      end
      if hit then
        used[hit] = true
        tp = tp + 1
        if core_text(d.text:sub(P[hit][1], P[hit][2])) == core_text(d.text:sub(g.start, g.stop)) then exact = exact + 1 end
      elseif show then
        print(("  MISS %s %s: %s"):format(name, d.id, d.text:sub(g.start, g.stop):sub(1, 80)))
      end
    end
    if show then
      for i, p in ipairs(P) do
        if not used[i] then print(("  FALSE %s %s: %s"):format(name, d.id, d.text:sub(p[1], p[2]):sub(1, 80))) end
      end
    end
   end
  end
  local p, r = np > 0 and tp / np or 0, ng > 0 and tp / ng or 0
  local f = p + r > 0 and 2 * p * r / (p + r) or 0
  print(("  %-18s %6.3f %6.3f %6.3f   %6.3f  %5d %5d"):format(name, p, r, f, tp > 0 and exact / tp or 0, ng, np))
end

local t0 = os.clock()
local ours = {}
for _, d in ipairs(docs) do
  local doc = nc.doc(d.text, { id = d.id, date = d.date })
  local P = {}
  for _, q in ipairs(doc:quotes { indirect = false }) do P[#P + 1] = { q.start, q.stop } end
  ours[d.id] = P
end
local secs = os.clock() - t0
local bytes = 0
for _, d in ipairs(docs) do bytes = bytes + #d.text end
local ngold = 0
for _, d in ipairs(docs) do ngold = ngold + #d.gold end

print(("GUM news and interviews (<quote>): %d documents, %.1f KB, %d gold quotations"):format(#docs, bytes / 1024, ngold))
print("  tool                    P      R     F1    exact  gold  pred")
detection("newscorpus", function(d) return ours[d.id] end)
local records = {}
for _, d in ipairs(docs) do records[#records + 1] = { id = d.id, text = d.text } end
local theirs = peer.run("eval/compromise_quotes.js", node_modules, records, function(r) return r.id, r.quotes end)
if theirs then
  detection("compromise", function(d) return theirs[d.id] or {} end)
else
  print("  compromise         (not installed: scripts/peers.sh installs it)")
end
-- GUM leaves the quotations of some documents unmarked (GUM_news_warhol has many
-- and no <quote>): the same scores on the documents with at least one <quote>
local nann = 0
for _, d in ipairs(docs) do if #d.gold > 0 then nann = nann + 1 end end
print(("GUM, the %d documents with a <quote>:"):format(nann))
print("  tool                    P      R     F1    exact  gold  pred")
detection("newscorpus", function(d) return ours[d.id] end, true)
if theirs then detection("compromise", function(d) return theirs[d.id] or {} end, true) end

-- ---- speakers -----------------------------------------------------------------------

local speakers = require("quotescore").speakers
local texts = {}
for _, d in ipairs(docs) do texts["gum:" .. d.id] = { text = d.text, date = d.date } end
for _, a in ipairs(assert(fakes.articles(shared .. "/fakes/fakes.latin1.csv"))) do
  texts["fakes:" .. a.unit_id] = { text = a.article_content, date = a.date }
end
local function line(corpus)
  local r = speakers(corpus, texts, show)
  print(("  %-8s %4d quotations: found %3d (%.3f), speaker right %3d (%.3f of all, %.3f of found); scare quotes left out %d/%d"):format(
    corpus, r.n, r.found, r.found / r.n, r.right, r.right / r.n, r.found > 0 and r.right / r.found or 0, r.scare_ok, r.scare))
end

print("Speakers (eval/gold/quote-speakers.tsv), newscorpus:")
line("gum")
line("fakes")
print(("newscorpus: %d GUM documents in %.2f s"):format(#docs, secs))
