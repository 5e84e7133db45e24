--- Speaker scoring of doc:quotes() against eval/gold/quote-speakers.tsv (see
-- eval/quotes.lua for the rules). Used by `make eval` and by a spec.
local nc = require "newscorpus"

local M = {}

--- The gold lines: list of {corpus, doc, first, speaker}.
function M.gold(path)
  local out = {}
  for line in io.lines(path or "eval/gold/quote-speakers.tsv") do
    if not line:find("^#") and line:find("%S") then
      local corpus, doc, first, speaker = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
      assert(corpus, "bad gold line: " .. line)
      out[#out + 1] = { corpus = corpus, doc = doc, first = first, speaker = speaker }
    end
  end
  return out
end

local function key(s) return (s:lower():gsub("[^%w]+", "")) end
local function lastword(s) return s:lower():match("([%w]+)[^%w]*$") end

--- Score one corpus of the gold file.
-- @param texts {["corpus:doc"] = {text, date}}
-- @param show print the errors
-- @return {n, found, right, scare, scare_ok}
function M.speakers(corpus, texts, show)
  local r = { n = 0, found = 0, right = 0, scare = 0, scare_ok = 0 }
  local cache = {}
  for _, g in ipairs(M.gold()) do
    if g.corpus == corpus then
      local id = corpus .. ":" .. g.doc
      local t = assert(texts[id], "no text for " .. id)
      local qs = cache[id]
      if not qs then
        qs = nc.doc(t.text, { id = g.doc, date = t.date }):quotes { indirect = false }
        cache[id] = qs
      end
      local want = key(g.first)
      local hit
      for _, q in ipairs(qs) do
        if key(q.text):sub(1, #want) == want then hit = q break end
      end
      if g.speaker == "SCARE" then
        r.scare = r.scare + 1
        if not hit then r.scare_ok = r.scare_ok + 1
        elseif show then print(("  SCARE %s %s: %s"):format(corpus, g.doc, g.first)) end
      else
        r.n = r.n + 1
        if hit then
          r.found = r.found + 1
          local said = " " .. (hit.speaker or ""):lower():gsub("[^%w]+", " ") .. " " ..
            (hit.speaker_text or ""):lower():gsub("[^%w]+", " ") .. " "
          local ok = false
          if g.speaker == "-" then ok = hit.speaker == nil
          else
            for alt in g.speaker:gmatch("[^|]+") do
              if said:find(" " .. lastword(alt) .. " ", 1, true) then ok = true end
            end
          end
          if ok then r.right = r.right + 1
          elseif show then
            print(("  SPEAKER %s %s: %s -> %s (gold %s)"):format(corpus, g.doc, g.first, tostring(hit.speaker_text), g.speaker))
          end
        elseif show then
          print(("  NOT FOUND %s %s: %s"):format(corpus, g.doc, g.first))
        end
      end
    end
  end
  return r
end

return M
