--- Entity mentions of a document: gazetteer matches (C), names the gazetteer
-- does not hold (discovery from capitalisation, titles, roles, cue verbs and
-- first names), and resolution of later short forms to the full name.
--
-- Each mention: {start, stop, text, id, name, type, source, tag}; `source` is
-- "gazetteer" or "discovered". Discovered entities get the id
-- "discovered:<type>:<name key>", so the same name (or a transliteration
-- variant of it) has one id across a corpus.
-- @module newscorpus.entities
local core = require "newscorpus.core"
local data = require "newscorpus.data"
local gazetteer = require "newscorpus.gazetteer"

local M = {}

local lower, sub, find, byte, floor = string.lower, string.sub, string.find, string.byte, math.floor

local function wordlist(name)
  local t = {}
  local rows = assert(data.read(data.path(name)))
  for _, r in ipairs(rows) do t[r.fields[1]:lower()] = true end
  return t
end

local function set(s)
  local t = {}
  for w in s:gmatch("%S+") do t[w] = true end
  return t
end

local common, first_names   -- loaded on first use
local MONTHS = set [[january february march april may june july august september october
  november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
  thursday friday saturday sunday]]
-- words that introduce a person: titles, offices, roles (lower case)
local TITLES = set [[mr mrs ms miss dr prof president vice prime minister ministers deputy foreign
  defence defense interior finance justice health economy secretary general gen lt col colonel
  major captain commander chief chairman chairwoman chair head leader king queen prince princess
  sheikh sheik emir crown ayatollah imam pope cardinal bishop rabbi sen senator rep representative
  governor mayor ambassador envoy spokesman spokeswoman spokesperson adviser advisor advisers
  director judge justice lawyer attorney officer official analyst journalist reporter correspondent
  editor professor researcher activist commentator dr. mr. mrs. ms. sir lord lady saint st
  counterpart special representative top senior assistant undersecretary under-secretary
  coordinator negotiator delegate]]
local ORG_END = set [[ministry council party front agency army forces force committee
  organisation organization union movement group brigade brigades corps bank university
  institute foundation association commission court company corporation inc ltd llc news times
  post network office department police authority parliament assembly government coalition
  alliance observatory centre center command guard guards battalion division regiment militia
  airlines airways bureau federation league service services society agency tribunal]]
local ORG_START = set [[ministry university bank department office council]]
local PLACE_END = set [[city province governorate district region county street square valley
  mountains mountain river sea island islands airport base border crossing camp countryside
  village town gate bay lake desert plain plains heights]]
local PLACE_BEFORE = set [[city town village province governorate region district countryside
  suburb suburbs neighbourhood neighborhood area]]
local CUE = set [[said says told added stressed insisted noted warned explained announced
  stated wrote tweeted declared claimed asked replied continued confirmed urged according]]
local CONNECT = set [[al el bin ibn abu abd de del der van von da di la le du bint ul ben]]
local ORG_CONNECT = set [[of for the and on de]]

--- Is position s (a token start) the start of a sentence or a line?
local function initial(text, s)
  local p = s - 1
  while p >= 1 do
    local c = byte(text, p)
    if c ~= 32 and c ~= 9 then
      if c == 10 or c == 13 then return true end
      if c == 46 or c == 33 or c == 63 or c == 58 or c == 34 or c == 39 then return true end
      -- closing curly quotes and dashes (UTF-8 lead E2): treat as boundaries
      if c == 0x9C or c == 0x9D or c == 0x98 or c == 0x99 then
        return byte(text, p - 2) == 0xE2
      end
      return false
    end
    p = p - 1
  end
  return true
end

--- The word ending just before position s (skipping spaces), lower-cased.
local function word_before(text, s)
  local p = s - 1
  while p >= 1 and byte(text, p) == 32 do p = p - 1 end
  local e = p
  while p >= 1 do
    local c = byte(text, p)
    if (c >= 65 and c <= 90) or (c >= 97 and c <= 122) or c == 46 or c == 45 then p = p - 1 else break end
  end
  if e < p + 1 then return nil, p end
  return lower(sub(text, p + 1, e)):gsub("%.$", ""), p + 1
end

local function word_after(text, e)
  local s2, e2 = find(text, "^[ ,]*([%a']+)", e + 1)
  if not s2 then return nil end
  return lower(sub(text, s2, e2):match("([%a']+)$")), sub(text, e + 1, e + 2) == ", "
end

-- Does the line holding s read as a headline or a tag line (mostly capitalised)?
local function caps_line(text, L, s, cache)
  -- binary search the line holding s; L = flat {start, stop, info, hash}
  local lo, hi = 1, #L / 4
  while lo <= hi do
    local mid = floor((lo + hi) / 2)
    local a, b = L[4 * mid - 3], L[4 * mid - 2]
    if s < a then hi = mid - 1 elseif s > b then lo = mid + 1 else
      local r = cache[mid]
      if r ~= nil then return r end
      r = false
      local info = L[4 * mid - 1]
      if info % 8 >= 4 then
        r = true                                     -- tag cloud (bit 4)
      elseif b - a < 300 then                        -- long lines are prose
        local line = sub(text, a, b)
        local words, caps = 0, 0
        for w in line:gmatch("%a+") do
          if #w >= 4 then
            words = words + 1
            if byte(w, 1) <= 90 then caps = caps + 1 end
          end
        end
        r = words >= 3 and caps >= 0.75 * words and not find(line, "[%.!?]%s*$")
      end
      cache[mid] = r
      return r
    end
  end
  return false
end

local function key_of(name)
  return core.name_key(name)
end

-- The mentions of one type (all when ty is nil).
local function only(out, ty)
  if not ty then return out end
  local f = {}
  for _, m in ipairs(out) do if m.type == ty then f[#f + 1] = m end end
  return f
end

--- Entities of a document.
-- @param doc Document
-- @tparam[opt] table opts `gazetteer` (a Gazetteer; default: the bundled one),
-- `discover` (default true), `type` (keep only this type)
-- @return list of mentions in text order
function M.entities(doc, opts)
  opts = opts or {}
  local gz = opts.gazetteer or gazetteer.default()
  local discover = opts.discover ~= false
  if not common then common = wordlist("common-words.txt"); first_names = wordlist("first-names.txt") end
  local text = doc.text
  local hits = gz:match(text)
  local out = {}
  local L, hl_cache              -- lines, computed on demand
  local function headline(s)
    if not L then L, hl_cache = core.lines(text), {} end
    return caps_line(text, L, s, hl_cache)
  end
  local surnames = {}           -- within the document: last-name key -> mention entity

  local function remember(m)
    if m.type ~= "PERSON" then return end
    local last = m.name:match("([%a'%-]+)$")
    if last and #last > 2 then
      local k = key_of(last)
      surnames[k] = surnames[k] or m
    end
  end

  -- 1. gazetteer hits
  local covered = {}            -- start -> stop of gazetteer hits (for discovery)
  for i = 1, #hits, 5 do
    local s, e, ent = hits[i], hits[i + 1], gz:entry(hits[i + 2])
    local t = sub(text, s, e)
    local single = not find(t, "[%s%-]")
    local lt = lower(t)
    local skip = false
    if single and (common[lt] or MONTHS[lt]) and (initial(text, s) or headline(s)) then skip = true end
    if single and not skip and first_names[lt] and ent.type ~= "PERSON" then
      -- "Victoria Nuland", "Jackson Diehl": a first name before a capitalised word
      if find(text, "^ %u%l", e + 1) then skip = true end
    end
    if not skip then
      local m = { start = s, stop = e, text = t, id = ent.id, name = ent.name, type = ent.type,
                  source = "gazetteer", tag = ent.tag }
      out[#out + 1] = m
      covered[#covered + 1] = s
      covered[#covered + 1] = e
      if not single then remember(m) end
    end
  end
  if not discover then
    return only(out, opts.type)
  end

  -- 2. discovery over runs of capitalised words not covered by a hit
  local found = {}
  local ci = 1
  local pos = 1
  local n = #text
  while pos <= n do
    local s, e = find(text, "%f[%w]%u[%w'%-]*", pos)
    if not s then break end
    -- a run never enters a gazetteer hit: it starts after one and stops before one
    while ci <= #covered and covered[ci + 1] < s do ci = ci + 2 end
    local limit = ci <= #covered and covered[ci] - 1 or n
    if ci <= #covered and covered[ci] <= s then
      pos = covered[ci + 1] + 1
    else
    -- extend the run: Capitalised words joined by single spaces, with name particles
    local toks = { { s, e } }
    local p = e
    while true do
      local s2, e2 = find(text, "^ %u[%w'%-]*", p + 1)
      if s2 and e2 > limit then break end
      if s2 then
        toks[#toks + 1] = { s2 + 1, e2 }
        p = e2
      else
        local s3, e3, w = find(text, "^ (%l+) %u", p + 1)
        local s4, e4
        if s3 then s4, e4 = find(text, "^ %u[%w'%-]*", p + 2 + #w) end
        if s3 and (CONNECT[w] or ORG_CONNECT[w]) and e4 <= limit then
          toks[#toks + 1] = { p + 2, p + 1 + #w, connector = true }
          toks[#toks + 1] = { s4 + 1, e4 }
          p = e4
        else
          break
        end
      end
    end
    pos = p + 1
    do
      local hl = headline(s)
      -- evidence before the run
      local before, bpos = word_before(text, s)
      local role = before and TITLES[before]
      local place_cue = before == "of" and PLACE_BEFORE[(word_before(text, bpos)) or ""]
      -- drop leading title words and sentence-initial common words
      local k = 1
      while k <= #toks do
        local w = lower(sub(text, toks[k][1], toks[k][2]))
        if TITLES[w] or TITLES[w:gsub("%.$", "")] then role = true; k = k + 1
        elseif k == 1 and initial(text, toks[k][1]) and (common[w] or MONTHS[w]) then k = k + 1
        elseif MONTHS[w] or common[w] and #toks - k == 0 then k = k + 1
        else break end
      end
      local j = #toks
      while j >= k and (toks[j].connector or MONTHS[lower(sub(text, toks[j][1], toks[j][2]))]) do j = j - 1 end
      if j >= k and not toks[k].connector then
        local a, b = toks[k][1], toks[j][2]
        local name = sub(text, a, b)
        local first = lower(sub(text, toks[k][1], toks[k][2]))
        local last = lower(sub(text, toks[j][1], toks[j][2]))
        local ntok = j - k + 1
        local after, comma = word_after(text, b)
        local ty
        if hl then   -- headline or tag line: only a first name or a title is evidence
          if ntok >= 2 and (first_names[first] or role) then ty = "PERSON" end
        elseif ORG_END[last] or ORG_START[first] then ty = "ORG"
        elseif PLACE_END[last] or place_cue then ty = "PLACE"
        elseif ntok >= 2 and (first_names[first] or role or (after and CUE[after])
              or (comma and after and (after == "the" or after == "a" or TITLES[after]))) then
          ty = "PERSON"
        elseif ntok >= 2 and ntok <= 3 and not initial(text, a) then
          -- two or three capitalised words mid-sentence, none a common word, no
          -- organisation or place word: most often a person's name
          local plain = true
          for q = k, j do
            local w = lower(sub(text, toks[q][1], toks[q][2]))
            if toks[q].connector and not CONNECT[w] then plain = false end
            if not toks[q].connector and (common[w] or #w < 2 or find(w, "%d")) then plain = false end
          end
          if plain then ty = "PERSON" end
        end
        if not ty and ntok == 1 then
          local known = surnames[key_of(name)]
          if known and not common[first] then
            out[#out + 1] = { start = a, stop = b, text = name, id = known.id, name = known.name,
                              type = known.type, source = known.source, tag = known.tag }
          elseif role and not initial(text, a) and not common[first] then
            ty = "PERSON"
          end
        end
        if ty and not (ntok == 1 and common[first]) then
          -- (a single word that is a known surname was resolved above)
          local id = "discovered:" .. ty:lower() .. ":" .. key_of(name):gsub("%*", "_"):gsub(" ", "-")
          local f = found[id]
          if not f then f = { name = name }; found[id] = f end
          local m = { start = a, stop = b, text = name, id = id, name = f.name, type = ty, source = "discovered" }
          out[#out + 1] = m
          if ntok >= 2 then remember(m) end
        end
      end
    end
    end
  end
  table.sort(out, function(x, y) return x.start < y.start end)
  return only(out, opts.type)
end

return M
