--- Phrase helpers shared by the quote and event layers: the words of a span,
-- binary search over sorted mention lists, and the roles the document gives each
-- person ("Russia's defence minister Sergei Shoigu"), so that a role phrase
-- ("the Russian president") resolves to the person it names.
-- A context `ctx` is a table with `text`, `ms` (doc:_mentions(): the positions
-- and kinds of the mentions, read in C) and `ents` (their tables: doc:entities(),
-- or a list that makes each when it is read), one per document; what by_role
-- works out is kept in it (ctx._role_of, _tagged, _fitting)
-- for the next phrase of the document.
-- @module newscorpus.phrases
local core = require "newscorpus.core"
local sub, find, lower, gsub, gmatch, match = string.sub, string.find, string.lower,
  string.gsub, string.gmatch, string.match
local byte, concat = string.byte, table.concat

local M = {}

local function set(s)
  local t = {}
  for w in gmatch(s, "%S+") do t[w] = true end
  return t
end

local PRONOUN = set "he she him her they them it we i you"
local PERSON_PRONOUN = set "he she him her"
-- words a speaker phrase does not run across (it stops before them)
local BREAK = set [[that which who whom whose what how why where when while as because if and but or so then
  after before during since until in on at from with without into over under about against
  between by this these those there here not no also is are was were be been being has have had
  will would could should can may might must do does did to]]
-- adverbs between a speaker and the cue ("Putin also said")
local ADVERB = set [[also later then further again once previously recently reportedly
  earlier separately publicly privately repeatedly immediately quickly simply only just still
  now firmly bluntly flatly angrily openly]]
-- auxiliaries between a speaker and the cue ("Syria has insisted", "he would say")
local AUX = set "has have had will would could should can may might did does do is are was were has also"
-- objects of "told" ("he told reporters that")
local HEARERS = set [[reporters journalists the a an him her them us me you parliament
  lawmakers legislators deputies senators delegates supporters crowds crowd audience
  officials diplomats students listeners viewers readers media press news agency television
  radio tv newspaper daily channel state broadcaster interviewer]]
-- the head words of a role ("the Russian president", "the spokesman")
local ROLE = set [[president vice prime minister premier chancellor leader king queen emir
  sultan prince crown sheikh monarch ruler dictator spokesman spokeswoman spokesperson
  secretary envoy ambassador general commander chief head director chairman chairwoman chair
  governor mayor senator deputy adviser advisor official negotiator foreign defence defense
  interior finance justice health economy trade security intelligence military army police
  aide counterpart pope cleric ayatollah imam patriarch lawmaker mp senior top ceo executive
  founder owner lawyer attorney prosecutor judge coach manager captain analyst expert]]
-- heads that stand for the person leading a country ("the Syrian leader")
local LEADER = set "president leader premier chancellor king queen emir sultan monarch ruler dictator"
-- the heads of an organisation named by a common noun ("the agency said")
local ORG_HEAD = set [[agency tv television channel broadcaster newspaper paper daily radio
  ministry government army military group observatory monitor organisation organization
  council committee office presidency kremlin network outlet website station coalition
  alliance movement party militia company firm]]
-- words a role phrase may hold besides role words and nationalities
local ROLE_FILL = set "the a an his her their its our new former then acting current country's state"

-- ---- words ------------------------------------------------------------------

-- Words of text[a..b]: arrays of starts, stops and lower-case forms (’ as ').
-- Quote marks, « », general punctuation and a final . ' - (but the stop of
-- "Mr." or "U.S.") around a word are not part of it; no-break and Unicode
-- spaces and dashes part words. Read in C (nc_phrase_words, src/nc_words.c).
-- words(text, a, b, true) also gives a fourth array: what separates each word
-- from the one before ("" spaces only, "," one comma, "." anything else).
local words = core.words

-- Whether text[a..b] holds anything but blanks (ASCII blanks and the bytes of a
-- no-break space): find(sub(text, a, b), "[^%s\194\160]") without the cut.
local find_byte, BLANK_BYTES = core.find_byte, " \t\n\v\f\r\194\160"
local function not_blank(text, a, b) return find_byte(text, BLANK_BYTES, a, b, true) ~= nil end

-- ---- entity lookup ----------------------------------------------------------

-- Index of the first mention starting at or after pos (binary search).
-- Index of the first item of a list sorted by field `key` (default "start")
-- whose key is at or after pos (binary search).
local floor = math.floor

local function first_at(list, pos, key)
  key = key or "start"
  local lo, hi = 1, #list + 1
  while lo < hi do
    local mid = floor((lo + hi) / 2)
    if list[mid][key] < pos then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- Index of the span holding pos among n sorted spans (span(i) -> a, b), and
-- its bounds; nil between spans.
local function span_index(n, span, pos)
  local lo, hi = 1, n
  while lo <= hi do
    local mid = floor((lo + hi) / 2)
    local a, b = span(mid)
    if pos < a then hi = mid - 1 elseif pos > b then lo = mid + 1 else return mid, a, b end
  end
  return nil
end

-- Roles the document gives each person: the words of the title before a
-- mention ("Syrian Foreign Minister Faisal al-Meqdad", "Russia's defence
-- minister Sergei Shoigu") or of the apposition after it ("Peskov, the Kremlin
-- spokesman,"); with the ids of the places among them (nationalities).
-- The role of the person mention ents[i] (nil when none).
local function person_role(ctx, i)
  local text, ents = ctx.text, ctx.ents
  local e = ents[i]
  local r = { words = {}, places = {}, pos = e.start, e = e }
  local lo = e.start - 60
  if lo < 1 then lo = 1 end
  local S, E, W = words(text, lo, e.start - 1)
  local j = #W
  -- the words right before the name, back to a break; k: the first mention
  -- starting at or after word j (first_at, walked back from the name's)
  local k = i
  while j >= 1 do
    if not_blank(text, E[j] + 1, (j < #W and S[j + 1] or e.start) - 1) then break end
    local w = W[j]
    local sj = S[j]
    while k > 1 and ents[k - 1].start >= sj do k = k - 1 end
    local ent = ents[k]
    if ROLE[w] or (ent and ent.start == S[j] and ent.type == "PLACE") or (ent and ent.stop == E[j] and ent.type == "PLACE")
      or find(w, "'s$") then
      r.words[w] = true
    elseif not (ROLE_FILL[w]) then
      -- an ORG before the role ("Kremlin spokesman") is part of it
      if not (ent and ent.type == "ORG") then
        local ok = false
        for kk = math.max(1, i - 4), i - 1 do
          local x = ents[kk]
          if x.start <= S[j] and x.stop >= E[j] then ok = true end
        end
        if not ok then break end
      end
    end
    j = j - 1
  end
  -- the mentions after the name start at i + 1 or later, those from lo at kb
  -- or later (first_at, walked from i)
  local kb = i
  while kb > 1 and ents[kb - 1].start >= lo do kb = kb - 1 end
  local ka = i + 1
  while ents[ka] and ents[ka].start <= e.stop do ka = ka + 1 end
  -- the apposition after: ", the Russian president," / ", Syria's foreign minister"
  -- (text:sub(e.stop + 1, e.stop + 70):match("^%s*,%s*()") without the cut)
  local comma = match(text, "^%s*()", e.stop + 1)
  if comma <= e.stop + 70 and byte(text, comma) == 44 then
    local s0 = match(text, "^%s*()", comma + 1)
    if s0 > e.stop + 71 then s0 = e.stop + 71 end
    local S2, E2, W2 = words(text, s0, e.stop + 70)
    local k2 = ka
    for q = 1, math.min(#W2, 6) do
      local w = W2[q]
      if q > 1 and find_byte(text, ",.;:", E2[q - 1] + 1, S2[q] - 1) then break end
      if ROLE[w] or find(w, "'s$") then r.words[w] = true
      elseif not ROLE_FILL[w] then
        local sq = S2[q]
        while ents[k2] and ents[k2].start < sq do k2 = k2 + 1 end
        if not (ents[k2] and ents[k2].start == sq) then break end
      end
    end
    if not next(r.words) then r = { words = {}, places = {}, pos = e.start, e = e } end
  end
  -- the places among the role words
  for k = kb, i - 1 do
    local x = ents[k]
    if x.type == "PLACE" and r.words[gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'")] then
      r.places[x.id] = true
    end
  end
  for w in pairs(r.words) do
    if find(w, "'s$") then
      local k = kb
      while ents[k] and ents[k].start < e.start do
        local x = ents[k]
        if x.type == "PLACE" and gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'") .. "'s" == w then
          r.places[x.id] = true
        end
        k = k + 1
      end
    end
  end
  for w in pairs(r.words) do
    local k = ka
    while ents[k] and ents[k].start <= e.stop + 70 do
      local x = ents[k]
      if x.type == "PLACE" then
        local xw = gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'")
        if xw == w or xw .. "'s" == w then r.places[x.id] = true end
      end
      k = k + 1
    end
  end
  if next(r.words) then return r end
  return nil
end

-- person_role of ents[i], made once per document (false: none)
local function role_of(ctx, i)
  local cache = ctx._role_of
  if not cache then cache = {} ctx._role_of = cache end
  local r = cache[i]
  if r == nil then
    r = person_role(ctx, i) or false
    cache[i] = r
  end
  return r
end

-- The words that hold each wanted role word in the bytes around a person mention
-- that its role is read from (60 before it, 70 after; Mentions:holding reads
-- them in C): the word, its spelling variant, for a leader word any leader word.
-- A word form is the text's bytes in ASCII lower case, so a person whose bytes
-- hold none of a group's words has no role that holds the wanted word.
local LEADERS = {}
for x in pairs(LEADER) do LEADERS[#LEADERS + 1] = x end
table.sort(LEADERS)
local function holding_groups(want)
  local groups = {}
  for k, w in ipairs(want) do
    if LEADER[w] then groups[k] = LEADERS
    elseif w == "defense" or w == "defence" then groups[k] = { "defence", "defense" }
    else groups[k] = { w } end
  end
  return groups
end
M._holding_groups = holding_groups

-- The persons that fit a role phrase, in text order: those whose roles in the
-- text hold every role word (a leader word is held by any leader word) and
-- every place; and those whose role in the gazetteer does.
local function fitting(ctx, want, places, former)
  local by_text, by_tag = {}, {}
  -- the roles of the persons whose words can hold the wanted ones
  local ents = ctx.ents
  for _, i in ipairs(ctx.ms:holding(holding_groups(want))) do
    local r = role_of(ctx, i)
    local ok = r and true
    if ok then
      for _, w in ipairs(want) do
        local has = r.words[w] or (w == "defense" and r.words.defence) or (w == "defence" and r.words.defense)
        if not has and LEADER[w] then
          for x in pairs(r.words) do if LEADER[x] then has = true break end end
        end
        if not has then ok = false break end
      end
    end
    if ok then
      for id in pairs(places) do if not r.places[id] then ok = false break end end
    end
    if ok then by_text[#by_text + 1] = r.e end
  end
  -- the persons with a role from the gazetteer, with that role as words: once
  -- per document (a role shared by many mentions is read once)
  local tagged = ctx._tagged
  if not tagged then
    tagged = {}
    local as_words = {}
    for _, i in ipairs(ctx.ms:indices("PERSON", true)) do
      local e = ents[i]
      local tag = e.tag
      if tag and tag ~= "" then
        local w = as_words[tag]
        if not w then
          w = " " .. gsub(lower(tag), "[^%w]+", " ") .. " "
          as_words[tag] = w
        end
        tagged[#tagged + 1] = e
        tagged[#tagged + 1] = w
      end
    end
    ctx._tagged = tagged
  end
  -- the names of the places wanted
  local names = {}
  for id, name in pairs(places) do if type(name) == "string" then names[id] = lower(name) end end
  local ok_of = {}     -- whether a role fits, by role (a person's mentions share it)
  for t = 1, #tagged, 2 do
    local e, tag = tagged[t], tagged[t + 1]
    local ok = ok_of[tag]
    if ok == nil then
      -- "former President of Russia" is not "the Russian president"
      ok = not find(tag, " former ", 1, true) or former
      for _, w in ipairs(want) do
        local has = find(tag, " " .. w .. " ", 1, true) or (w == "defense" and find(tag, " defence ", 1, true))
        if not has and LEADER[w] then
          for x in pairs(LEADER) do if find(tag, " " .. x .. " ", 1, true) then has = true break end end
        end
        if not has then ok = false break end
      end
      for id in pairs(places) do
        if not (names[id] and find(tag, " " .. names[id], 1, true)) then ok = false break end
      end
      ok_of[tag] = ok
    end
    if ok then by_tag[#by_tag + 1] = e end
  end
  return { by_text, by_tag }
end

-- Of mentions in text order, the latest that starts before pos, else the first.
local function nearest_before(list, pos)
  local best
  for _, e in ipairs(list) do
    if e.start < pos then best = e else return best or e end
  end
  return best
end

-- The person a role phrase (words W of the phrase; places: the places in it, id
-- -> name, the name true when there is none) names:
-- of those whose roles in the text fit (fitting), the latest mention before pos,
-- else the first after; with none, of those the gazetteer's roles fit ("President
-- of Syria" for "the Syrian leader"), the same. What fits is found once per
-- document for each set of role words and places.
local function by_role(ctx, W, places, pos)
  local want, former = nil, false
  for _, w in ipairs(W) do
    if ROLE[w] and w ~= "the" then
      want = want or {}
      want[#want + 1] = w
    end
    if w == "former" or w == "ex" then former = true end
  end
  if not want then return nil end
  local ids = {}
  for id in pairs(places) do ids[#ids + 1] = tostring(id) end
  table.sort(ids)
  local key = concat(want, " ") .. "|" .. concat(ids, " ") .. (former and "|former" or "")
  local memo = ctx._fitting
  if not memo then memo = {} ctx._fitting = memo end
  local fits = memo[key]
  if not fits then
    fits = fitting(ctx, want, places, former)
    memo[key] = fits
  end
  return nearest_before(fits[1], pos) or nearest_before(fits[2], pos)
end

M.set, M.words, M.first_at, M.span_index, M.by_role = set, words, first_at, span_index, by_role
M.not_blank = not_blank
M.PRONOUN, M.PERSON_PRONOUN, M.BREAK, M.ADVERB, M.AUX, M.HEARERS = PRONOUN, PERSON_PRONOUN, BREAK, ADVERB, AUX, HEARERS
M.ROLE, M.LEADER, M.ORG_HEAD, M.ROLE_FILL = ROLE, LEADER, ORG_HEAD, ROLE_FILL

return M
