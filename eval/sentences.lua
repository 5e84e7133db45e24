-- make eval: sentence boundaries and tokens of newscorpus against GUM gold.
-- Usage: lua5.4 eval/sentences.lua [GUM dep dir] [--errors N]
package.path = "lua/?.lua;lua/?/init.lua;eval/?.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local nc = require "newscorpus"
local gum = require "gum"

local dir = arg[1] or "../shared/data/gum/dep"
local show = 0
for i = 1, #arg do if arg[i] == "--errors" then show = tonumber(arg[i + 1]) or 10 end end

local function context(text, at)
  local a = math.max(1, at - 50)
  return (text:sub(a, at) .. " ‖ " .. text:sub(at + 1, at + 50)):gsub("\n", "⏎")
end

print(("%-34s %6s %6s %6s %6s %6s"):format("GUM (news + interviews)", "docs", "gold", "P", "R", "F1"))
for _, layout in ipairs { { "\n\n", "sentences, blank line between paragraphs" },
                          { "\n", "sentences, one paragraph per line" } } do
  local t = gum.evaluate(nc, dir, layout[1])
  local p, r, f = gum.prf(t.sent_tp, t.sent_pred, t.sent_gold)
  print(("%-34s %6d %6d %6.3f %6.3f %6.3f"):format(layout[2]:sub(1, 34), t.docs, t.sent_gold, p, r, f))
  if layout[1] == "\n\n" then
    local wp, wr, wf = gum.prf(t.words_tp, t.tok_pred, t.words_gold)
    local op, orr, of = gum.prf(t.ortho_tp, t.tok_pred, t.ortho_gold)
    print(("%-34s %6d %6d %6.3f %6.3f %6.3f"):format("tokens vs UD words (exact spans)", t.docs, t.words_gold, wp, wr, wf))
    print(("%-34s %6d %6d %6.3f %6.3f %6.3f"):format("tokens vs GUM orthographic words", t.docs, t.ortho_gold, op, orr, of))
    if show > 0 then
      print("\nmissed boundaries (‖ marks the gold boundary):")
      for i = 1, math.min(show, #t.missed) do print("  " .. t.missed[i].doc, (context(t.missed[i].text, t.missed[i].at))) end
      print("\nfalse splits:")
      for i = 1, math.min(show, #t.false_splits) do
        print("  " .. t.false_splits[i].doc, (context(t.false_splits[i].text, t.false_splits[i].at)))
      end
    end
  end
end
