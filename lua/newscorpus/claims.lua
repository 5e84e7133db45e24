--- Figures and claims: the numbers of news in all their forms ("500,000",
-- "3.5 million", "four million", "hundreds of thousands", "two-thirds", "90 per
-- cent", "$20bn"), with their qualifier, what they count and their unit; and,
-- across a corpus, where outlets disagree about the same figure.
--
-- The figures are found by data/rules/numbers.txt, scanned together with the
-- date rules (data/rules/dates.txt) so that dates, years and durations are
-- never read as figures. Each claim:
--
--   start, stop  the figure with its qualifier and unit ("more than 500,000",
--                "$3.5 million", "100 square kilometres"), 1-based inclusive
--   text         doc.text:sub(start, stop)
--   value        the number (a share in per cent: "two-thirds" = 66.7, unit "%";
--                for a vague figure or a range, the lowest it allows)
--   low, high    the interval the words allow: "more than 500,000" is
--                [500000, nil], "around 2,000" [1800, 2200], "almost two-thirds"
--                [60, 66.7], "hundreds of thousands" [200000, 999999]
--   approx       the qualifier as written, lower case ("more than", "around"), or nil
--   kind         what is counted, from the words around the figure in its sentence:
--                "deaths", "injured", "displaced", "troops", "territory" (a share
--                of land held), "money", "population" or "other"
--   unit         "%", a currency code ("USD"), "km", "km2", "t" ... or nil
--   label        the rule that found it (number, words, vague, fraction, percent,
--                range, money)
--   part         true when the figure is a part of another one ("six children
--                among 19 dead", "including 10 children", "15 of them")
--   sentence     index of its sentence in doc:sentences()
-- @module newscorpus.claims
local rules_mod = require "newscorpus.rules"
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local tonumber, ipairs, pairs, type, error = tonumber, ipairs, pairs, type, error
local match, sub, gmatch = string.match, string.sub, string.gmatch
local floor, huge = math.floor, math.huge

local M = {}

-- ---- the rule set -----------------------------------------------------------

local default_set

--- The bundled rule set (dates then figures), compiled once per Lua state.
-- The date rules are there so that no date is read as a figure. The scan is
-- triggered by the figures' trigger words only (numbers.txt: digits, number
-- words, "dozens", "half" ...); the dates' own triggers ("Monday", "March",
-- "yesterday", "week") are only lead words, where a match is tried before a
-- trigger ("May 19"). A date then left unfound holds no figure trigger within
-- 32 bytes of its start, and no figure overlaps it (a figure would hold its
-- trigger inside it, or start or end inside it in a word no date ends or
-- starts with), so the figures are the same (claims_spec checks it on FA-KES)
-- and the scan tries less.
function M.rules()
  if not default_set then
    local files = { data.path("rules/dates.txt"), data.path("rules/numbers.txt") }
    local dates, err = rules_mod.read(files[1])
    local figures, err2 = rules_mod.read(files[2])
    if not dates or not figures then error("newscorpus: " .. (err or err2), 0) end
    local triggers = { digits = figures.triggers.digits, back = figures.triggers.back, leads = {} }
    for _, w in ipairs(figures.triggers) do triggers[#triggers + 1] = w end
    for _, list in ipairs { dates.leads, figures.leads, dates.triggers } do
      for _, w in ipairs(list) do triggers.leads[#triggers.leads + 1] = w end
    end
    local set
    set, err = rules_mod.new { file = files, triggers = triggers }
    if not set then error("newscorpus: " .. err, 0) end
    default_set = set
  end
  return default_set
end

-- ---- reading a figure -------------------------------------------------------

-- Each figure is read in C (src/nc_claims.c, core.claims) by its rule's
-- label: its qualifier ("more than", "around", "up to" ...) and the bound it
-- puts, the value and the interval the words allow, and the unit the figure
-- holds (%, a currency code). The words it knows: scales (thousand, million,
-- bn, m, k ...), numbers spelled out to ninety, vague quantities (dozens,
-- scores, tens, hundreds ... of thousands; several, a few, a couple of, many),
-- fractions (half, third, quarter, fifth, tenth, and "one in five"), and the
-- currencies $ US$ A$ C$ HK$ € £ ¥ USD EUR GBP CHF JPY CNY.
local LABEL_CODE = {}
for i, l in ipairs(core.claim_labels) do LABEL_CODE[l] = i end

local toint = math.tointeger or function(x) return x end
-- integral values as integers (Lua 5.3+: 4000000, not 4e+06)
local function num(x)
  if x and x == floor(x) and x > -2^53 and x < 2^53 then return toint(x) or x end
  return x
end

-- ---- what the figure counts -------------------------------------------------

local CUES = {}
local function cues(kind, score, list) for w in gmatch(list, "%S+") do CUES[w] = { kind, score } end end
cues("deaths", 12, [[killed kill kills killing killings dead death deaths died die dies dying lives
  fatalities fatality toll slain massacred massacring perished bodies murdered executed corpses
  martyrs martyred martyr gassed gassing]])
CUES.casualties = { "deaths", 11 }
cues("injured", 12, [[injured injuring injuries injury wounded wounding wounds hurt hospitalised
  hospitalized maimed]])
cues("displaced", 12, [[displaced displacing displacement refugees refugee fled flee fleeing
  homeless evacuated evacuees uprooted asylum migrants idps exodus]])
cues("troops", 8, [[troops soldiers fighters militants servicemen personnel militiamen rebels
  jihadists insurgents extremists terrorists gunmen mercenaries marines paratroopers reservists conscripts policemen deployed
  deploy deploying deployment]])
cues("population", 10, [[population populations inhabitants residents live living populated]])
-- for shares only
local SHARE_CUES = {}
for w in gmatch([[territory territories land lands area areas country province region]], "%S+") do
  SHARE_CUES[w] = { "territory", 12 }
end
for w in gmatch([[control controls controlled controlling held holds seized captured recaptured
  retaken regained]], "%S+") do SHARE_CUES[w] = { "territory", 9 } end

-- "a city of 23 million people": the population of a place
local PLACE_NOUN = {}
for w in gmatch([[city country nation town province region state village district capital island
  continent area territory metropolis]], "%S+") do PLACE_NOUN[w] = true end

local OF_PART = { them = true, whom = true, those = true, the = true, these = true }

-- The kind of a figure is read in C (src/nc_claims.c, core.claim_kind): each
-- cue word within ten words of the figure in its sentence (90 bytes each side)
-- scores for its kind, less one per word of distance; the best score wins.
-- "home to", "a city of" and "Syria's people" give population; "including",
-- "among" and "15 of them" mark a part of another figure. The word lists above
-- go to C once, as one word set whose values pack kind and score.
-- the kinds the lexicon gives, as C numbers them (core.claim_kinds: 1 "other", then these, then "money")
local KIND_LIST = {}
for i = 2, #core.claim_kinds - 1 do KIND_LIST[i - 1] = core.claim_kinds[i] end
local KIND_LEX, POPULATION = core.wordset(), 5
do
  local index, vals = {}, {}
  for i, k in ipairs(KIND_LIST) do index[k] = i end
  for w, c in pairs(CUES) do vals[w] = (vals[w] or 0) + index[c[1]] + c[2] * 8 end
  for w, c in pairs(SHARE_CUES) do vals[w] = (vals[w] or 0) + index[c[1]] * 128 + c[2] * 1024 end
  for w in pairs(PLACE_NOUN) do vals[w] = (vals[w] or 0) + 0x4000 end
  for w in pairs(OF_PART) do vals[w] = (vals[w] or 0) + 0x8000 end
  for w, v in pairs(vals) do KIND_LEX:add(w, v) end
  assert(KIND_LIST[POPULATION] == "population")
end
local claim_kind = core.claim_kind

-- kind of the figure at [a, b] in text, within the sentence [s0, s1], and whether
-- it is part of another figure ("six children among 19 dead", "including 10
-- children", "15 of them"): false, true, or "incl" (after "including")
local function kind_of(text, a, b, s0, s1, share)
  local k, part = claim_kind(text, a, b, s0, s1, share, KIND_LEX, POPULATION)
  return KIND_LIST[k] or "other", part == 2 and "incl" or part == 1
end

M._kind_of = kind_of

local CLAIM = { number = true, words = true, vague = true, fraction = true, percent = true, range = true,
  money = true }
M.labels = CLAIM
--- The kinds a claim can have.
M.KINDS = { deaths = true, injured = true, displaced = true, troops = true, territory = true, money = true,
  population = true, other = true }

-- rule number -> label number for core.claims: a figure rule's label in
-- core.claim_labels, 9 for a year rule (a bare year after a qualifier is a
-- figure), nil for any other; one table per rule set
local YEAR_CODE = #core.claim_labels + 1
local codes_of = setmetatable({}, { __mode = "k" })
local function label_codes(set)
  local codes = codes_of[set]
  if not codes then
    codes = {}
    for i, label in ipairs(set.labels) do
      codes[i] = CLAIM[label] and LABEL_CODE[label] or label == "year" and YEAR_CODE or nil
    end
    codes_of[set] = codes
  end
  return codes
end

-- The matches of the bundled rules in text, with a user's rule set's over
-- them (the user's win where they overlap): flat {rule, start, stop, ...}
-- for core.claims, a user's match with rule -(its label's number, 1 "none"
-- for a label of its own) and its value in `values`, and the user's matches.
local function with_user(set, doc, extra)
  local m = set.compiled:match(doc.text)
  local base = {}
  for k = 1, #m, 3 do base[#base + 1] = { rule = m[k], start = m[k + 1], stop = m[k + 2] } end
  local merged = rules_mod.overlay(base, extra:match(doc), function(e)
    return { rule = -(CLAIM[e.label] and LABEL_CODE[e.label] or 1), start = e.start, stop = e.stop, user = e }
  end)
  local flat, values, users = {}, {}, {}
  for i, e in ipairs(merged) do
    flat[#flat + 1], flat[#flat + 2], flat[#flat + 3] = e.rule, e.start, e.stop
    if e.user then values[i], users[i] = tonumber(e.user.value), e.user end
  end
  return flat, values, users
end

local claims_core = core.claims
local labels_of = core.claim_labels

-- the sentences a document has, or nil (a document without tokens)
local function sentences_of(doc)
  local s = doc:sentences()
  return s and #s > 0 and s or nil
end

--- Figures of a document (or text) in text order.
-- @param doc Document (or a string)
-- @tparam[opt] table opts `kind` (only claims of this kind), `rules` (an
--   nc.rules set whose matches are figures too: each rule's normaliser returns the
--   value; kind and unit are read as for the bundled ones)
-- @return list of claims {start, stop, text, value, low, high, approx, kind, unit, label, sentence}
function M.find(doc, opts)
  if type(doc) == "string" then doc = require("newscorpus.document").new(doc) end
  local text = doc.text
  local set = M.rules()
  local want = opts and opts.kind
  local extra = opts and opts.rules
  if extra ~= nil and not rules_mod.is(extra) then error("bad argument 'rules' (a rule set from nc.rules expected)", 3) end
  local m, values, users
  if extra then m, values, users = with_user(set, doc, extra) else m = set.compiled:match(text) end
  local out = {}
  if #m == 0 then return out end
  local f = claims_core(text, m, label_codes(set), sentences_of(doc), KIND_LEX, POPULATION, want, values)
  for k = 1, #f, 12 do
    local a, b, high, user = f[k + 1], f[k + 2], f[k + 5], users and users[f[k]]
    out[#out + 1] = { start = a, stop = b, text = sub(text, a, b), value = num(f[k + 3]), low = num(f[k + 4]),
      high = high and num(high) or nil, approx = f[k + 6] or nil, kind = f[k + 7], unit = f[k + 8] or nil,
      label = user and user.label or labels_of[f[k + 9]], part = f[k + 10] or nil, sentence = f[k + 11] or nil }
  end
  return out
end

--- The rows of the claims table for a document (what `newscorpus claims`
-- prints), made in C without a Lua value per figure.
-- @tparam table spec `prefix` (the doc cell and its gap) and `num` (the width
-- of the start and stop cells)
-- @return the rows as one string, and their number
function M.rows(doc, opts, spec) return M._rows_by(M.rules(), doc, opts, spec) end

-- M.rows with another set of the bundled rules (claims_spec: the dates' triggers as triggers)
function M._rows_by(set, doc, opts, spec)
  local Document = require "newscorpus.document"
  if type(doc) == "string" then doc = Document.new(doc) end
  -- the rules run in C, and the text is split there too (only when it holds a figure),
  -- unless the document has its sentences already
  local split = rawget(doc, "_sentences") or Document.splitter_words()
  return claims_core(doc.text, set.compiled, label_codes(set), split, KIND_LEX, POPULATION, opts and opts.kind,
    nil, spec)
end

-- ---- across documents -------------------------------------------------------

-- the subject key of a place mention: its country ("place:SY" for Damascus,
-- Syria and Syrian), or its own id for places in no country
local function subject_key(id)
  local c = match(id, "^place:(%u%u)")
  return c and "place:" .. c or id
end

local PLACES_ONLY = { type = "PLACE" }

--- The subject of each claim of a document: of the countries (and places in no
-- country) its sentence names, also as a demonym ("Syrian government"), the one
-- the document names most; else the country of the nearest place named before
-- it, else after it.
-- @return list of subject keys (false: none) parallel to `list`, and a table key -> name
function M.subjects(doc, list, gaz)
  gaz = gaz or require("newscorpus.gazetteer").default()
  local places, names, freq = {}, {}, {}
  -- the places of the document, without a table per mention
  doc:each_entity(function(start, stop, id, name, _, _, tag)
    local key = subject_key(id)
    places[#places + 1] = { start, stop, key }
    freq[key] = (freq[key] or 0) + 1
    if id == key and (not names[key] or tag ~= "demonym") then names[key] = name end
  end, PLACES_ONLY)
  local sents = doc:sentences()
  local out, text = {}, doc.text
  for i, c in ipairs(list) do
    local key, best = nil, 0
    if c.sentence then
      local s0, s1 = sents:span(c.sentence)
      local st = sub(text, s0, s1)
      local m = gaz:match(st)
      for k = 1, #m, 5 do
        local e = gaz:entry(m[k + 2])
        if e.type ~= "PLACE" then        -- "Syrian government": the country of its first word
          local w = match(sub(st, m[k], m[k + 1]), "^[^%s]+")
          local m2 = w and gaz:match(w)
          e = m2 and m2[1] == 1 and m2[2] == #w and gaz:entry(m2[3]) or e
        end
        if e.type == "PLACE" then
          local kk = subject_key(e.id)
          if (freq[kk] or 0) > best then key, best = kk, freq[kk] end
        end
      end
    end
    if not key then
      local before, after
      for _, p in ipairs(places) do
        if p[2] < c.start then before = p[3] elseif not after then after = p[3] break end
      end
      key = before or after
    end
    out[i] = key or false
  end
  return out, names
end

local function date_of(doc)
  local d = doc.meta and doc.meta.date
  if type(d) == "string" and d ~= "" then return d end
  local md = doc.metadata and doc:metadata()
  return md and md.date or nil
end

--- Claim records of a document for comparison: each claim of a counted kind
-- (not "other") with doc, date, source, title, subject, subject_name and
-- the sentence as evidence; one record per figure per document.
function M.records(doc, opts)
  local list = M.find(doc, opts)
  local keep = {}
  for _, c in ipairs(list) do if c.kind ~= "other" and not c.part then keep[#keep + 1] = c end end
  if #keep == 0 then return keep end
  local subj, names = M.subjects(doc, keep)
  local sents = doc:sentences()
  local date, seen, out = date_of(doc), {}, {}
  local meta = doc.meta or {}
  for i, c in ipairs(keep) do
    local key = table.concat({ c.kind, tostring(subj[i]), tostring(c.unit), tostring(c.value), tostring(c.approx) }, "\0")
    if not seen[key] then
      seen[key] = true
      c.doc, c.date, c.source, c.title = doc.id, date, meta.source, meta.title
      c.subject = subj[i] or nil
      c.subject_name = subj[i] and names[subj[i]] or nil
      if c.sentence then
        local a, b = sents:span(c.sentence)
        local lead, e = match(sub(doc.text, a, b), "^(%s*)(.-)%s*$")
        c.evidence, c.evidence_at = e, c.start - a - #lead + 1   -- the figure is at evidence_at
      end
      out[#out + 1] = c
    end
  end
  return out
end

-- the size a figure stands for when grouping: the geometric middle of a vague
-- figure or a range ("hundreds of thousands": 447,214), else its value
local function size_of(r)
  if r.high and r.high > r.low and r.low > 0 and (r.label == "vague" or r.label == "range") then
    return math.sqrt(r.low * r.high)
  end
  return r.value
end

--- Group claim records (from M.records) by kind, subject and unit, then by size:
-- figures within `factor` (default 2) of the smallest of their group are taken for
-- the same figure, so an event's toll and a war's toll stay apart. Groups from at
-- least `min_docs` documents (default 2) are kept.
-- @return list of {kind, subject, subject_name, unit, claims (by value), docs,
--   agree (do all the intervals the figures allow overlap?), low, high}, the
--   disagreements first, then by number of documents
function M.compare(records, opts)
  opts = opts or {}
  local factor, min_docs = opts.factor or 2, opts.min_docs or 2
  local buckets, order = {}, {}
  for _, r in ipairs(records) do
    local key = r.kind .. "\0" .. tostring(r.subject) .. "\0" .. tostring(r.unit)
    local b = buckets[key]
    if not b then b = {} buckets[key] = b order[#order + 1] = key end
    b[#b + 1] = r
  end
  local groups = {}
  local function close(list)
    if #list == 0 then return end
    local docs, nd = {}, 0
    local lo, hi = -huge, huge
    for _, r in ipairs(list) do
      if not docs[r.doc] then docs[r.doc] = true nd = nd + 1 end
      if r.low > lo then lo = r.low end
      if (r.high or huge) < hi then hi = r.high or huge end
    end
    if nd < min_docs then return end
    local f = list[1]
    groups[#groups + 1] = { kind = f.kind, subject = f.subject, subject_name = f.subject_name, unit = f.unit,
      claims = list, docs = nd, agree = lo <= hi, low = list[1].value, high = list[#list].value }
    for _, r in ipairs(list) do r._size = nil end
  end
  for _, key in ipairs(order) do
    local b = buckets[key]
    for _, r in ipairs(b) do r._size = size_of(r) end
    table.sort(b, function(x, y)
      if x._size ~= y._size then return x._size < y._size end
      if x.doc ~= y.doc then return tostring(x.doc) < tostring(y.doc) end
      return x.start < y.start
    end)
    local cur = {}
    for _, r in ipairs(b) do
      if #cur > 0 and r._size > cur[1]._size * factor then close(cur) cur = {} end
      if r._size > 0 or #cur > 0 then cur[#cur + 1] = r end
    end
    close(cur)
  end
  for _, g in ipairs(groups) do
    if not g.subject_name then
      for _, r in ipairs(g.claims) do g.subject_name = g.subject_name or r.subject_name end
    end
  end
  table.sort(groups, function(x, y)
    if x.agree ~= y.agree then return not x.agree end
    if x.docs ~= y.docs then return x.docs > y.docs end
    if x.kind ~= y.kind then return x.kind < y.kind end
    return tostring(x.subject) < tostring(y.subject)
  end)
  return groups
end

return M
