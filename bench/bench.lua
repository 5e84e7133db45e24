-- One bench run over a corpus file (articles separated by two blank lines).
-- Usage: lua5.4 bench/bench.lua CORPUS MODE
--   split    nc.doc per article, doc:tokens() and doc:sentences() (C arrays, counted)
--   iterate  split, then read every token's start, stop and kind from Lua (:each())
-- Prints one line: bytes tokens sentences peak_rss_kb
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local path, mode = arg[1], arg[2] or "split"

local f = assert(io.open(path, "rb"))
local all = f:read("*a")
f:close()

local ntok, nsent, check = 0, 0, 0
local pos, n = 1, #all
while pos <= n do
  local e = all:find("\n\n\n", pos, true) or n + 1
  local doc = nc.doc(all:sub(pos, e - 1), { id = pos })
  local toks, sents = doc:tokens(), doc:sentences()
  ntok, nsent = ntok + #toks, nsent + #sents
  if mode == "iterate" then
    for _, a, b, kind in toks:each() do
      if kind == "word" then check = check + (b - a + 1) end
    end
  end
  pos = e + 3
end

local rss = 0
local st = io.open("/proc/self/status")
if st then
  rss = tonumber(st:read("*a"):match("VmHWM:%s*(%d+)")) or 0
  st:close()
end
print(n, ntok, nsent, rss, check)
