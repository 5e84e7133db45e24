-- One bench run over a corpus file (articles separated by two blank lines).
-- Usage: lua5.4 bench/bench.lua CORPUS MODE
--   split    nc.doc per article, doc:tokens() and doc:sentences() (C arrays, counted)
--   iterate  split, then read every token's start, stop and kind from Lua (:each())
--   clean    doc:clean() and doc:metadata() per article (cleaning rules, title, date, dateline)
--   entities doc:entities() per article (default gazetteer, discovery, resolution)
-- The file is read in 1 MB blocks. Prints: bytes tokens sentences peak_rss_kb checksum
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local path, mode = arg[1], arg[2] or "split"

local ntok, nsent, check, n = 0, 0, 0, 0

local function article(text)
  local doc = nc.doc(text)
  if mode == "entities" then
    ntok = ntok + #doc:entities()
    return
  end
  if mode == "entities-each" then
    ntok = ntok + doc:each_entity(function() end)
    return
  end
  if mode == "clean" then
    local c = doc:clean()
    doc:metadata()
    ntok = ntok + #c.removed
    return
  end
  local toks, sents = doc:tokens(), doc:sentences()
  ntok, nsent = ntok + #toks, nsent + #sents
  if mode == "iterate" then
    for _, a, b, kind in toks:each() do
      if kind == "word" then check = check + (b - a + 1) end
    end
  end
end

-- stream the file in 1 MB blocks, as a reader of a large corpus would: an
-- article cut by the end of a block is joined with the start of the next one
-- (only that article is copied twice, not the whole block)
local f = assert(io.open(path, "rb"))
local rest = ""
while true do
  local block = f:read(1048576)
  if not block then break end
  n = n + #block
  local pos = 1
  if rest ~= "" then
    -- the separator may straddle the two blocks: look from the end of rest
    local joined = rest .. block:sub(1, 2)
    local e = joined:find("\n\n\n", math.max(#rest - 1, 1), true)
    if e then
      article(joined:sub(1, e - 1))
      pos = e + 3 - #rest
    else
      e = block:find("\n\n\n", 1, true)
      if e then
        article(rest .. block:sub(1, e - 1))
        pos = e + 3
      else
        pos = nil
      end
    end
  end
  if pos then
    while true do
      local e = block:find("\n\n\n", pos, true)
      if not e then break end
      article(block:sub(pos, e - 1))
      pos = e + 3
    end
    rest = block:sub(pos)
  else
    rest = rest .. block
  end
end
f:close()
if rest:find("%S") then article(rest) end

local rss = 0
local st = io.open("/proc/self/status")
if st then
  rss = tonumber(st:read("*a"):match("VmHWM:%s*(%d+)")) or 0
  st:close()
end
print(n, ntok, nsent, rss, check)
