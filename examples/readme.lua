-- The README's API examples, runnable: lua5.4 examples/readme.lua (after `make`).
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"

local d = nc.doc("Mr. Putin met Assad in Sochi. They talked.", { id = "x1", date = "2018-05-17" })
print(d.id, d.meta.date, #d:sentences())

d = assert(nc.read("seeds/002_9b577226884e7e40.txt"))
print(d.meta.title)
print(nc.load("seeds/"):count())

local toks = nc.doc("Russia’s envoy met al-Assad; 500,000 dead, 90% of land. pic.twitter.com/x1"):tokens()
print(#toks, toks:count("word"))
for i, _, _, kind in toks:each() do io.write(kind, ":", toks:text(i), " ") end
print()
print(toks[2].kind, toks[2].text)
print(toks:span(1))
print(toks:is(1, "cap"), toks:is(2, "space"))

d = nc.doc('Gen. Shoigu arrived on Sept. 14 in the U.S. The talks, he said, "went well." They end today.')
local s = d:sentences()
for i = 1, #s do print(s[i].start, s[i].stop, s[i].text) end

d = nc.doc("Syria’s Foreign Minister Faisal al‑Meqdad")
local key, map = d:normalized("key")
print(key)
local a, b = key:find("al-meqdad", 1, true)
print(d.text:sub(map:span(a, b)))
print((nc.normalize("MÉKDAD", "key", { accents = false })))

d = nc.doc("Caf\233 au lait\0")
print(d.stats.bytes, d.stats.invalid_utf8, d.stats.nul)
print(table.concat(d.stats.invalid_at, ","))
