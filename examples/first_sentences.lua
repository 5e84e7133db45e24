-- Print each seed's id, title, counts and first two sentences with their spans.
-- Run from a checkout after `make`: lua5.4 examples/first_sentences.lua [PATH]
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
for doc in nc.load(arg[1] or "seeds/"):docs() do
  local sents = doc:sentences()
  print(doc.id, doc.meta.title, #doc:tokens() .. " tokens", #sents .. " sentences")
  for i = 1, math.min(#sents, 2) do
    local s = sents[i]
    print(("  %d-%d  %s"):format(s.start, s.stop, doc.text:sub(s.start, s.stop)))
  end
end
