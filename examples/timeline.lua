-- Who met whom, where and when, across a corpus: the timeline, then the pairs
-- that met most often. Run from a checkout after `make`:
--   lua5.4 examples/timeline.lua [PATH]      (default: the bundled seeds/)
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua" .. (type(jit) == "table" and "jit" or _VERSION:match("%d+%.%d+")) .. "/?.so;"
  .. package.cpath
local nc = require "newscorpus"

local corpus = nc.load(arg[1] or "seeds")
local timeline = corpus:timeline()
local pairs_met = {}
for _, ev in ipairs(timeline) do
  local names = {}
  for _, p in ipairs(ev.parties) do names[#names + 1] = p.name end
  print(("%-10s %-8s %-14s %d doc(s)  %s"):format(ev.date or (ev.approx and "~" .. ev.last) or "?", ev.type,
    ev.place_name or "-", ev.docs, table.concat(names, " + ")))
  -- every pair of named participants
  for i = 1, #ev.participants do
    for j = i + 1, #ev.participants do
      local a, b = ev.participants[i], ev.participants[j]
      if a > b then a, b = b, a end
      local key = a .. " " .. b
      pairs_met[key] = (pairs_met[key] or 0) + 1
    end
  end
end
print()
local list = {}
for k, n in pairs(pairs_met) do list[#list + 1] = { k, n } end
table.sort(list, function(x, y) return x[2] > y[2] or (x[2] == y[2] and x[1] < y[1]) end)
for i = 1, math.min(5, #list) do print(list[i][2], list[i][1]) end
