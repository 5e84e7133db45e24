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
local lower, match, find, sub, gmatch, byte = string.lower, string.match, string.find, string.sub,
  string.gmatch, string.byte
local floor, huge = math.floor, math.huge

local M = {}

-- ---- the rule set -----------------------------------------------------------

local default_set

--- The bundled rule set (dates then figures), compiled once per Lua state.
function M.rules()
  if not default_set then
    local set, err = rules_mod.new { file = { data.path("rules/dates.txt"), data.path("rules/numbers.txt") } }
    if not set then error("newscorpus: " .. err, 0) end
    default_set = set
  end
  return default_set
end

-- ---- reading a figure -------------------------------------------------------

-- Each figure is read in C (src/nc_claims.c, core.claim_read) by its rule's
-- label: its qualifier ("more than", "around", "up to" ...) and the bound it
-- puts, the value and the interval the words allow, and the unit the figure
-- holds (%, a currency code). The words it knows: scales (thousand, million,
-- bn, m, k ...), numbers spelled out to ninety, vague quantities (dozens,
-- scores, tens, hundreds ... of thousands; several, a few, a couple of, many),
-- fractions (half, third, quarter, fifth, tenth, and "one in five"), and the
-- currencies $ US$ A$ C$ HK$ € £ ¥ USD EUR GBP CHF JPY CNY.
local claim_read = core.claim_read
local LABEL_CODE = {}
for i, l in ipairs(core.claim_labels) do LABEL_CODE[l] = i end

local function round1(x) return floor(x * 10 + 0.5) / 10 end
local toint = math.tointeger or function(x) return x end
-- integral values as integers (Lua 5.3+: 4000000, not 4e+06)
local function num(x)
  if x and x == floor(x) and x > -2^53 and x < 2^53 then return toint(x) or x end
  return x
end

-- ---- units after the figure -------------------------------------------------

-- words after a figure that make its unit (lower case); longest first per first word
local UNITS = {}
do
  local list = {
    { "us dollars", "USD" }, { "u.s. dollars", "USD" }, { "dollars", "USD" }, { "euros", "EUR" },
    { "pounds sterling", "GBP" }, { "syrian pounds", "SYP" }, { "pounds", "GBP" }, { "yuan", "CNY" },
    { "rubles", "RUB" }, { "roubles", "RUB" }, { "lira", "TRY" }, { "liras", "TRY" }, { "rupees", "INR" },
    { "yen", "JPY" },
    { "square kilometres", "km2" }, { "square kilometers", "km2" }, { "square km", "km2" },
    { "sq km", "km2" }, { "km2", "km2" }, { "km²", "km2" }, { "square miles", "mi2" },
    { "kilometres", "km" }, { "kilometers", "km" }, { "km", "km" }, { "miles", "mi" }, { "mile", "mi" },
    { "metres", "m" }, { "meters", "m" }, { "hectares", "ha" }, { "acres", "acre" },
    { "tonnes", "t" }, { "tons", "t" }, { "kilograms", "kg" }, { "kg", "kg" },
    { "barrels", "bbl" }, { "megawatts", "MW" }, { "mw", "MW" },
    { "years", "years" }, { "year", "years" }, { "months", "months" }, { "weeks", "weeks" },
    { "days", "days" }, { "day", "days" }, { "hours", "hours" }, { "hour", "hours" }, { "minutes", "minutes" },
    { "min", "minutes" }, { "mins", "minutes" },
  }
  for _, u in ipairs(list) do
    local first = match(u[1], "^[^%s]+")
    UNITS[first] = UNITS[first] or {}
    local l = UNITS[first]
    l[#l + 1] = u
    table.sort(l, function(x, y) return #x[1] > #y[1] end)
  end
end

-- the units that are money: what core.claim_read gives a currency, and the
-- currency words after a figure (UNITS)
local CURRENCY_UNIT = {}
for c in gmatch("money USD AUD CAD HKD EUR GBP JPY CHF CNY SYP RUB TRY INR", "%S+") do CURRENCY_UNIT[c] = true end

-- the unit written after a figure ("100 km", "100km", "10-year", "millions of
-- dollars"): unit, and the number of bytes after position b it takes. Most
-- figures are followed by no unit word: they are turned away by the word
-- right after them, before a window of the text is cut.
local function unit_after(text, b)
  local w = match(text, "^[%s%-]?([^%s,.;:!?()\"%-]+)", b + 1) or match(text, "^%s+(of)%s", b + 1)
  if not w then return nil, 0 end
  w = lower(w)
  if w ~= "of" and not UNITS[w] then return nil, 0 end
  local after = sub(text, b + 1, b + 40)
  local of = match(after, "^%s+of%s+")
  local p = of and #of + 1 or (find(after, "^[%s%-]") and 2 or 1)
  local first = match(after, "^[^%s,.;:!?()\"%-]+", p)
  local l = first and UNITS[lower(first)]
  if not l then return nil, 0 end
  local low = lower(sub(after, p, p + 24))
  for _, u in ipairs(l) do
    local n = #u[1]
    if sub(low, 1, n) == u[1] and not find(low, "^[%w\128-\255]", n + 1) then
      if of and not CURRENCY_UNIT[u[2]] then return nil, 0 end
      return u[2], p + n - 1
    end
  end
  return nil, 0
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
local KIND_LIST = { "deaths", "injured", "displaced", "troops", "population", "territory" }
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

-- The word s[lo..e] ends with before an optional ".", spaces and an optional "#"
-- ("no. ", "flight #"): what match(s:sub(lo, e), "(%a+)%.?%s*#?$") gives, read
-- back from the end instead of trying the pattern at every byte. nil when there
-- is none.
local function word_before_at(s, lo, e)
  if e >= lo and byte(s, e) == 35 then e = e - 1 end                          -- #
  local c = e >= lo and byte(s, e) or nil
  while c == 32 or (c and c >= 9 and c <= 13) do e = e - 1 c = e >= lo and byte(s, e) or nil end   -- %s
  if c == 46 then e = e - 1 end                                               -- .
  local b = e
  c = b >= lo and byte(s, b) or nil
  while c and ((c >= 97 and c <= 122) or (c >= 65 and c <= 90)) do b = b - 1 c = b >= lo and byte(s, b) or nil end
  if b == e then return nil end
  return sub(s, b + 1, e)
end
local function word_before_number(s) return word_before_at(s, 1, #s) end
M._word_before_number = word_before_number
M._kind_of = kind_of

-- words before a number that make it a name, not a figure ("Resolution 2254", "No. 10")
local NAME_BEFORE = {}
for w in gmatch([[resolution resolutions article articles no number chapter page pages room
  flight route highway road platform section paragraph line phase level grade vol volume episode
  season round game version model channel gate terminal block floor ward box pier lane street
  avenue sector district zone apollo boeing airbus covid sars type class category item clause
  code exit interstate bus train tower building unit camp squad battalion brigade division
  regiment figure table verse psalm act part step stage tier rule]], "%S+") do NAME_BEFORE[w] = true end

local CLAIM = { number = true, words = true, vague = true, fraction = true, percent = true, range = true,
  money = true }
M.labels = CLAIM
--- The kinds a claim can have.
M.KINDS = { deaths = true, injured = true, displaced = true, troops = true, territory = true, money = true,
  population = true, other = true }

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
  local m = set.compiled:match(text)
  local want = opts and opts.kind
  local extra = opts and opts.rules
  if extra ~= nil and not rules_mod.is(extra) then error("bad argument 'rules' (a rule set from nc.rules expected)", 3) end
  local found = {}
  local labels = set.labels
  for k = 1, #m, 3 do
    local label = labels[m[k]]
    if CLAIM[label] then found[#found + 1] = { label = label, start = m[k + 1], stop = m[k + 2] } end
  end
  if extra then
    found = rules_mod.overlay(found, extra:match(doc), function(e)
      return { label = e.label, start = e.start, stop = e.stop, user = e }
    end)
  end
  local out = {}
  if #found == 0 then return out end
  local sents = doc:sentences()
  local si, ns = 1, sents and #sents or 0
  local ss, se = 1, #text               -- the span of sentence si (the whole text without sentences)
  if ns > 0 then ss, se = sents:span(1) end
  for _, f in ipairs(found) do
    local label, a, b, user = f.label, f.start, f.stop, f.user
    local value, low, high, unit, approx, bound, zero_lead = claim_read(text, a, b, LABEL_CODE[user and "none" or label])
    if user then
      value = tonumber(user.value)
      low, high = value, value
    end
    -- a name, not a figure: "F-16", "COVID-19", "Resolution 2254", "No. 10", "0914"
    local skip = not value
      or (label ~= "money" and find(text, "^%a[%-]", a - 2) and a > 2)
      or (label == "number" and zero_lead)
    if not skip and (label == "number" or label == "range") then
      local prev = word_before_at(text, a > 24 and a - 24 or 1, a - 1)
      if prev and NAME_BEFORE[lower(prev)] and not approx then skip = true end
    end
    if not skip then
      local stop = b
      if not unit then
        local u, len = unit_after(text, b)
        if u then unit, stop = u, b + len end
      end
      while si < ns and se < a do si = si + 1 ss, se = sents:span(si) end
      local s0, s1 = ss, se
      local kind, part
      if unit and CURRENCY_UNIT[unit] then kind = "money"
      elseif unit and unit ~= "%" then kind = "other"   -- "seven years of war", "100 km"
      else kind, part = kind_of(text, a, stop, s0, s1, unit == "%") end
      if label == "words" and value == 1 and (kind == "other" or find(lower(sub(text, a > 4 and a - 4 or 1, a - 1)), "no%s+$")) then
        skip = true                                                            -- "no one", "one of"
      end
      if not skip then
        if bound == "low" then high = huge
        elseif bound == "high" then low = 0
        -- a range or a vague figure keeps its own ends: "some 300-400" is [270, 440]
        elseif bound == "below" then low = low * 0.9
        elseif bound == "about" then low, high = low * 0.9, high * 1.1 end
        if bound == "below" or bound == "about" then
          low, high = unit == "%" and round1(low) or floor(low), unit == "%" and round1(high) or floor(high + 0.5)
        end
        if part == "incl" then   -- "31 people including two medics": part when the figure before is of its kind
          local prev = out[#out]
          part = prev and prev.sentence == (ns > 0 and si or nil) and prev.kind == kind or false
        end
        if not want or want == kind then
          out[#out + 1] = { start = a, stop = stop, text = sub(text, a, stop), value = num(value), low = num(low),
            high = high ~= huge and num(high) or nil, approx = approx, kind = kind, unit = unit, label = label,
            part = part or nil, sentence = ns > 0 and si or nil }
        end
      end
    end
  end
  return out
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
