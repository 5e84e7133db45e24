-- make eval: the deaths kind of doc:claims() against the casualty columns of
-- FA-KES (../shared/data/fakes: 804 articles on the Syrian war, each with the
-- number of civilians and non-civilians killed in the event it reports), and
-- compromise's numbers in the sentences with a word of death, in the same run.
-- Usage: lua5.4 eval/claims.lua [SHARED_DATA_DIR] [NODE_MODULES]   (EVAL_ERRORS=1 lists misses)
--
-- Gold: nb_civilians + nb_noncivilians. The figures of an article are its deaths
-- claims that are no part of another ("six children among 19 dead"). For each article:
--   first   the first deaths figure of the article is the gold number
--   max     the largest deaths figure is the gold number
--   any     some deaths figure is the gold number
--   none    the article has no deaths figure (right when gold is 0)
-- The makers of FA-KES stripped commas from the text ("500000"), so figures are
-- written without separators.
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local fakes = require "fakes"
local peer = require "peer"

local shared = arg[1] or "../shared/data"
local node_modules = arg[2] or "build/node_modules"
local show = os.getenv("EVAL_ERRORS")

local articles = assert(fakes.articles(shared .. "/fakes/fakes.latin1.csv"))

local function score(name, figures_of)
  local n, first, max, any, none, zero_ok, nzero = 0, 0, 0, 0, 0, 0, 0
  for _, a in ipairs(articles) do
    local gold = (tonumber(a.nb_civilians) or 0) + (tonumber(a.nb_noncivilians) or 0)
    local figs = figures_of(a)
    n = n + 1
    if #figs == 0 then none = none + 1 end
    if gold == 0 then
      nzero = nzero + 1
      if #figs == 0 then zero_ok = zero_ok + 1 end
    else
      local hi, hit = nil, false
      for _, v in ipairs(figs) do
        if v == gold then hit = true end
        if not hi or v > hi then hi = v end
      end
      if figs[1] == gold then first = first + 1 end
      if hi == gold then max = max + 1 end
      if hit then any = any + 1 end
      if show and figs[1] ~= gold and name == "newscorpus" then
        io.stderr:write(("%s gold %d got %s: %s\n"):format(a.unit_id, gold, table.concat(figs, ","),
          a.article_content:sub(1, 300)))
      end
    end
  end
  local g = n - nzero
  print(("%-12s %5d %6.3f %6.3f %6.3f %7d %s"):format(name, n, first / g, max / g, any / g, none,
    ("(%d/%d, %d/%d, %d/%d; gold 0: %d/%d)"):format(first, g, max, g, any, g, zero_ok, nzero)))
end

print("FA-KES deaths: articles whose figure is the gold count (civilians + non-civilians)")
print(("%-12s %5s %6s %6s %6s %7s"):format("tool", "docs", "first", "max", "any", "none"))

local t0 = os.clock()
score("newscorpus", function(a)
  local out = {}
  for _, c in ipairs(nc.doc(a.article_content):claims { kind = "deaths" }) do
    if not c.part then out[#out + 1] = c.value end
  end
  return out
end)
local secs = os.clock() - t0

local records = {}
for _, a in ipairs(articles) do records[#records + 1] = { id = a.unit_id, text = a.article_content } end
local preds = peer.run("eval/compromise_numbers.js", node_modules, records, function(r) return r.id, r.numbers end)
if preds then
  score("compromise", function(a)
    local out = {}
    for _, v in ipairs(preds[a.unit_id] or {}) do if type(v) == "number" then out[#out + 1] = v end end
    return out
  end)
else
  print("compromise   (not installed: scripts/peers.sh installs it)")
end
print(("newscorpus: %d articles in %.2f s"):format(#articles, secs))
