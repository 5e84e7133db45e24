-- bench/to_jsonl.lua CORPUS OUT: the bench corpus (articles separated by two blank
-- lines) as JSON Lines, one {"id", "text"} per article, for the CLI benches.
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local json = require "newscorpus.json"
local src, dst = arg[1], arg[2]
local f = assert(io.open(src, "rb"))
local all = f:read("*a")
f:close()
local out = assert(io.open(dst, "wb"))
local pos, n = 1, 0
while pos <= #all do
  local e = all:find("\n\n\n", pos, true) or (#all + 1)
  local text = all:sub(pos, e - 1)
  if text:find("%S") then
    n = n + 1
    out:write(json.encode({ id = ("a%05d"):format(n), text = text }), "\n")
  end
  pos = e + 3
end
out:close()
print(n)
