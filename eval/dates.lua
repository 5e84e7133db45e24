-- make eval: publication-date extraction on FA-KES (../shared/data/fakes), each
-- article's text against its gold `date` column (M/D/YY).
-- Usage: lua5.4 eval/dates.lua [fakes.latin1.csv] [--errors N]
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local fakes = require "fakes"

local path = arg[1] and not arg[1]:match("^%-%-") and arg[1] or "../shared/data/fakes/fakes.latin1.csv"
local show = 0
for i = 1, #arg do if arg[i] == "--errors" then show = tonumber(arg[i + 1]) or 10 end end

local articles = assert(fakes.articles(path))
local n, found, correct, near3, near31 = 0, 0, 0, 0, 0
local missed = {}
local function days(iso)
  local y, m, d = iso:match("(%d+)-(%d+)-(%d+)")
  return os.time { year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 } / 86400
end
local by_src, errors = {}, {}
for _, a in ipairs(articles) do
  local m, d, y = a.date:match("^(%d+)/(%d+)/(%d+)$")
  if m then
    n = n + 1
    local gold = ("%04d-%02d-%02d"):format(2000 + tonumber(y), tonumber(m), tonumber(d))
    local doc = nc.doc(a.article_content, { id = a.unit_id })
    local meta = doc:metadata()
    local src = meta.date_source or "none"
    local s = by_src[src] or { n = 0, ok = 0 }
    by_src[src] = s
    s.n = s.n + 1
    if not meta.date then missed[#missed + 1] = a.source .. ": " .. a.article_content:sub(1, 100) end
    if meta.date then
      found = found + 1
      local gap = math.abs(days(meta.date) - days(gold))
      if gap <= 3.5 then near3 = near3 + 1 end
      if gap <= 31.5 then near31 = near31 + 1 end
      if meta.date == gold then correct = correct + 1 s.ok = s.ok + 1
      else errors[#errors + 1] = { gold = gold, got = meta.date, src = src, source = a.source, text = a.article_content:sub(1, 90) } end
    end
  end
end
print(("FA-KES publication dates: %d articles with a gold date"):format(n))
print(("  found %d (%.1f%%); correct %d: precision %.3f, recall %.3f"):format(
  found, 100 * found / n, correct, found > 0 and correct / found or 0, correct / n))
print(("  within 3 days of gold: %d (%.3f of found); within 31 days: %d (%.3f)"):format(
  near3, near3 / math.max(found, 1), near31, near31 / math.max(found, 1)))
local keys = {}
for k in pairs(by_src) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do
  local s = by_src[k]
  print(("  date_source %-15s %4d articles, %4d correct"):format(k, s.n, s.ok))
end
for i = 1, math.min(show, #missed) do print("  missed: " .. missed[i]) end
for i = 1, math.min(show, #errors) do
  local e = errors[i]
  print(("  gold %s got %s (%s, %s): %s"):format(e.gold, e.got, e.src, e.source, e.text))
end
