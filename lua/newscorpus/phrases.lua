--- Phrase helpers shared by the quote and event layers: the words of a span,
-- binary search over sorted mention lists, and the word classes they read.
-- Which person a role phrase ("the Russian president") names is read in C from
-- the roles the document gives its persons ("Russia's defence minister Sergei
-- Shoigu", "Peskov, the Kremlin spokesman,") and their gazetteer tags:
-- Mentions:by_role and qdoc:resolve (src/nc_roles.c), with role_classes().
-- @module newscorpus.phrases
local core = require "newscorpus.core"
local gmatch = string.gmatch

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

-- The word classes the role reader in C (Mentions:by_role, src/nc_roles.c)
-- reads: ROLE, ROLE_FILL and LEADER (core.QW), one Wordset per Lua state.
local role_set
local function role_classes()
  if not role_set then
    local ws, QW = core.wordset(), core.QW
    for name, list in pairs { ROLE = ROLE, ROLE_FILL = ROLE_FILL, LEADER = LEADER } do
      for w in pairs(list) do ws:add(w, QW[name]) end
    end
    role_set = ws
  end
  return role_set
end

M.set, M.words, M.first_at, M.span_index = set, words, first_at, span_index
M.role_classes = role_classes
M.PRONOUN, M.PERSON_PRONOUN, M.BREAK, M.ADVERB, M.AUX, M.HEARERS = PRONOUN, PERSON_PRONOUN, BREAK, ADVERB, AUX, HEARERS
M.ROLE, M.LEADER, M.ORG_HEAD, M.ROLE_FILL = ROLE, LEADER, ORG_HEAD, ROLE_FILL

return M
