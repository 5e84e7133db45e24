-- Build the bench corpus: >= TARGET MB of real news text, reproducible offline from
-- ../shared/data (FA-KES articles, GUM Wikinews news and interviews) and seeds/.
-- Articles are a headline line and paragraphs; articles are separated by two blank
-- lines. The article list is repeated in a different (seeded) order until the size
-- is reached, so no two neighbouring stretches are identical.
-- Usage: lua5.4 bench/build_corpus.lua OUT [TARGET_MB=60] [DATA=../shared/data]
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local out_path = assert(arg[1], "usage: build_corpus.lua OUT [MB] [DATA]")
local target = (tonumber(arg[2]) or 60) * 1e6
local data = arg[3] or "../shared/data"
local articles = {}

-- FA-KES: a latin-1 CSV; fields: unit_id, article_title, article_content, ...
local fakes = require "fakes"
local rows = assert(fakes.rows(data .. "/fakes/fakes.latin1.csv"))
for r = 2, #rows do
  local title, body = rows[r][2], rows[r][3]
  if title and body and #body > 200 then
    -- paragraphs: the CSV has none, so break after every fourth sentence
    local paras, count, start = {}, 0, 1
    for stop in body:gmatch("[%.!?]()%s+%u") do
      count = count + 1
      if count % 4 == 0 then paras[#paras + 1] = body:sub(start, stop - 1) start = stop + 1 end
    end
    paras[#paras + 1] = body:sub(start)
    articles[#articles + 1] = title .. "\n\n" .. table.concat(paras, "\n\n")
  end
end
local nfakes = #articles

-- GUM: texts rebuilt from the CoNLL-U sentence lines
local gum = require "gum"
local core_ok, core = pcall(require, "newscorpus.core")
local names = {}
if core_ok then
  for name in pairs(core.listdir(data .. "/gum/dep")) do
    if name:match("%.conllu$") then names[#names + 1] = name end
  end
end
table.sort(names)
for _, name in ipairs(names) do
  for _, d in ipairs(gum.read(data .. "/gum/dep/" .. name, "\n\n")) do articles[#articles + 1] = d.text end
end
local ngum = #articles - nfakes

-- the seeds
for _, s in ipairs { "000_054e6d9ce493268d", "001_4bf0d4cd9cc21487", "002_9b577226884e7e40",
  "003_67d736f8cbbca4ec", "004_35b1516114ec1545" } do
  local sf = assert(io.open("seeds/" .. s .. ".txt", "rb"))
  articles[#articles + 1] = (sf:read("*a"):gsub("%s+$", ""))
  sf:close()
end

-- repeat in shuffled order (a fixed LCG, so the file is the same on every machine)
local out = assert(io.open(out_path, "wb"))
local size, seed, rounds = 0, 42, 0
local order = {}
for i = 1, #articles do order[i] = i end
while size < target do
  rounds = rounds + 1
  for i = #order, 2, -1 do
    seed = (seed * 1103515245 + 12345) % 2147483648
    local j = seed % i + 1
    order[i], order[j] = order[j], order[i]
  end
  for _, k in ipairs(order) do
    out:write(articles[k], "\n\n\n")
    size = size + #articles[k] + 3
  end
end
out:close()
io.stderr:write(("%s: %d articles (%d FA-KES, %d GUM, 5 seeds) x %d rounds = %.1f MB\n"):format(
  out_path, #articles, nfakes, ngum, rounds, size / 1e6))
