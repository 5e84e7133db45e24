-- make eval: what the cleaner removes from FA-KES, by reason, with a spread
-- sample of removals in context for reading by hand (precision).
-- Usage: lua5.4 eval/clean.lua [fakes.latin1.csv] [--sample N]
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local fakes = require "fakes"

local path = arg[1] and not arg[1]:match("^%-%-") and arg[1] or "../shared/data/fakes/fakes.latin1.csv"
local want = 50
for i = 1, #arg do if arg[i] == "--sample" then want = tonumber(arg[i + 1]) or 50 end end

local all, by, ndocs, nbytes = {}, {}, 0, 0
for _, a in ipairs(assert(fakes.articles(path))) do
  -- as scraped: the headline line, a blank line, the article text
  local doc = nc.doc(a.article_title .. "\n\n" .. a.article_content, { id = a.unit_id })
  ndocs, nbytes = ndocs + 1, nbytes + #doc.text
  for _, r in ipairs(doc:clean().removed) do
    by[r.reason] = (by[r.reason] or 0) + 1
    local ctx = doc.text:sub(math.max(1, r.start - 40), r.start - 1) .. "[[" ..
      doc.text:sub(r.start, r.stop) .. "]]" .. doc.text:sub(r.stop + 1, r.stop + 40)
    all[#all + 1] = ("%-14s %s  %s"):format(r.reason, a.source, (ctx:gsub("\n", "⏎")))
  end
end
print(("FA-KES cleaning: %d documents, %.1f MB, %d removals"):format(ndocs, nbytes / 1e6, #all))
local keys = {}
for k in pairs(by) do keys[#keys + 1] = k end
table.sort(keys)
for _, k in ipairs(keys) do print(("  %-20s %5d"):format(k, by[k])) end
local step = math.max(1, math.floor(#all / want))
print(("sample for reading by hand (every %d-th removal, [[removed]] in context):"):format(step))
local shown = 0
for i = 1, #all, step do
  if shown >= want then break end
  print("  " .. all[i])
  shown = shown + 1
end
