--- Events: who met whom, where and when (meetings, talks, calls, visits, and the
-- types users add to data/rules/events.txt).
--
-- doc:events() lists, in text order, one event per cue that names its parties:
--   {type, cue, cue_start, cue_stop, start, stop, text, participants, parties,
--    place, place_name, place_text, place_start, place_stop,
--    date, date_text, date_start, date_stop}
-- start..stop is the evidence sentence (text); `participants` the entity ids of
-- the parties that resolve to an entity, `parties` every party
-- {id, name, type, text, start, stop} (id nil for a role the document never
-- ties to a name, "the Russian envoy"); `place` the place id ("in Damascus",
-- "at Russia's Black Sea resort of Sochi", "the Russian capital" -> Moscow);
-- `date` the ISO value of the date the sentence gives (relative ones resolved
-- against the publication date; nil when it cannot be, date_text still says it).
-- @module newscorpus.events
local rules_mod = require "newscorpus.rules"
local data = require "newscorpus.data"
local phrases = require "newscorpus.phrases"
local marks = require "newscorpus.quotemarks"

local sub, find, lower, match, gsub, gmatch = string.sub, string.find, string.lower,
  string.match, string.gsub, string.gmatch
local set, words, first_at, span_index = phrases.set, phrases.words, phrases.first_at,
  phrases.span_index
local ROLE, ROLE_FILL, AUX, ADVERB = phrases.ROLE, phrases.ROLE_FILL, phrases.AUX, phrases.ADVERB

local M = {}

M.FORMS = { verb = true, host = true, visit = true, noun = true }

-- ---- cue rules ------------------------------------------------------------------

local cue_set

-- Type and form of each label of a rule set; raises on a label that is not TYPE.FORM.
local function forms_of(set_)
  if set_._event_forms then return set_._event_forms end
  local out = {}
  for i, label in ipairs(set_.labels) do
    local ty, form = match(label, "^([%w_%-]+)%.(%a+)$")
    if not ty or not M.FORMS[form] then
      error("newscorpus: event rule label '" .. tostring(label) ..
        "' is not TYPE.FORM (FORM verb, host, visit or noun)", 0)
    end
    out[i] = { type = ty, form = form }
  end
  set_._event_forms = out
  return out
end

--- The bundled event cues (data/rules/events.txt), compiled once per Lua state.
function M.cues()
  if not cue_set then
    local s, err = rules_mod.new { file = data.path("rules/events.txt") }
    if not s then error("newscorpus: " .. err, 0) end
    forms_of(s)
    cue_set = s
  end
  return cue_set
end

-- ---- capitals ("the Russian capital" -> Moscow) ------------------------------------

local capitals

local function capital_of(country_id)
  if not capitals then
    capitals = {}
    local f = io.open(data.path("gazetteer/places.tsv"), "rb")
    if f then
      for line in f:lines() do
        local id, name, cc = match(line, "^(place:[^\t]+)\tPLACE\t([^\t]+)\t[^\t]*\tcapital (%u%u)")
        if id and not capitals[cc] then capitals[cc] = { id = id, name = name } end
      end
      f:close()
    end
  end
  local cc = match(country_id or "", "^place:(%u%u)$")
  return cc and capitals[cc]
end

-- ---- word classes ---------------------------------------------------------------------

-- words a party phrase may hold besides names and role words
local MOD = set [[special top senior visiting outgoing incoming chief deputy foreign defence
  defense interior first vice acting former new then current two both de facto supreme
  russian syrian american british french chinese iranian turkish]]
-- "the two men", "both leaders", "they": the parties of the event before
local GROUP = set [[men leaders presidents sides heads counterparts officials ministers allies
  women delegations]]
local TIME = set [[on monday tuesday wednesday thursday friday saturday sunday yesterday today
  tonight earlier later last this next week month year night morning afternoon evening
  weekend again also then recently briefly privately separately twice once]]
-- verbs of holding a meeting: "X held talks with Y", "X had a phone call with Y"
local HOLD = set [[held hold holds holding had have has having]]
-- words between "held" and the noun ("held a lengthy meeting", "held two-day talks")
local HOLD_FILL = set [[a an the first second third fresh new further rare lengthy long brief
  short bilateral private closed-door direct face-to-face informal formal official
  extended surprise unannounced separate high-level two-day one-day three-day telephone
  video phone trilateral joint]]
local PLACE_FILL = set [[the a black sea resort city town village capital port region province
  of coastal border northern southern eastern western central city's country's]]
local IS = set "is are was were be been being"
-- words that open another clause: a place or date after them is not the event's
local CLAUSE = set [[saying said says stressing adding noting which who that after before since
  when while because but although as where amid following]]

local function is_country(e) return e.type == "PLACE" and find(e.id, "^place:%u%u$") ~= nil end

-- ---- the sentence as words --------------------------------------------------------------

-- Words of sentence a..b with the mention over each word (ent[i]) and the
-- punctuation before each word (gap[i]: "," or "." for any other, "" for none).
local function sentence_words(ctx, a, b)
  local text, ents = ctx.text, ctx.ents
  -- gap[i]: what comes before word i ("" spaces, "," a comma, "." else)
  local S, E, W, gap = words(text, a, b, true)
  local ent = {}
  local k = first_at(ents, a)
  for i = 1, #S do
    while ents[k] and ents[k].stop < S[i] do k = k + 1 end
    local e = ents[k]
    if e and e.start <= S[i] then ent[i] = e end
  end
  return { S = S, E = E, W = W, ent = ent, gap = gap, a = a, b = b }
end

-- The word index holding byte pos (or the first after it).
local function word_at(sw, pos)
  local S = sw.S
  local lo, hi = 1, #S + 1
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if sw.E[mid] < pos then lo = mid + 1 else hi = mid end
  end
  return lo
end

-- A word that may be part of a party phrase: a name, a role or its fillers,
-- "of" before a name ("Putin of Russia"), a pronoun or a group ("the two men").
local function party_word(sw, i)
  local w = sw.W[i]
  if not w then return false end
  if sw.ent[i] then return true end
  if ROLE[w] or ROLE_FILL[w] or MOD[w] or GROUP[w] then return true end
  local base = match(w, "^(.-)s$")
  if base and ROLE[base] then return true end
  if w == "of" and sw.ent[i + 1] then return true end
  if w == "s" and sw.ent[i - 1] then return true end     -- "Russia s" (a lost apostrophe)
  return false
end

local PRON = set "he she him her they them"
-- nouns a name modifies ("Red Crescent paramedics", "U.N. inspectors"): the
-- name before them is not a party
local HEAD_NOUN = set [[paramedics inspectors forces troops officials representatives delegation
  delegations delegates team teams members fighters rebels militants soldiers workers experts
  diplomats envoys staff commanders authorities activists doctors volunteers journalists residents
  families police army government convoy convoys negotiators mission monitors observers spokesman
  spokeswoman official source sources media agency embassy ministry army's]]
-- a phrase right after one of these is its object, not a subject
local PREP = set "in at on from to by for into near across toward towards against without via through"

-- Party phrases forward from word i: a list of {i, j} word ranges separated by
-- "and" or commas, up to the first word that is not part of one.
local function items_forward(sw, i, limit)
  local out, cur = {}, nil
  local n = limit or #sw.W
  while i <= n do
    local w, g = sw.W[i], sw.gap[i]
    if g == "." and cur then break end
    if g == "," and cur then out[#out + 1] = cur cur = nil end
    if w == "and" or w == "&" then
      if cur then out[#out + 1] = cur cur = nil end
    elseif PRON[w] and not cur then
      out[#out + 1] = { i, i }
    elseif party_word(sw, i) then
      if cur then cur[2] = i else cur = { i, i } end
    else
      break
    end
    i = i + 1
  end
  if cur then
    -- a name that modifies the noun after it ("Red Crescent paramedics")
    if not (HEAD_NOUN[sw.W[i] or ""] and sw.gap[i] == "") then out[#out + 1] = cur end
  end
  return out
end

-- Party phrases backward from word j (inclusive), in text order.
local function items_backward(sw, j)
  local rev, cur = {}, nil
  while j >= 1 do
    local w = sw.W[j]
    if w == "and" or w == "&" then
      if cur then rev[#rev + 1] = cur cur = nil end
    elseif PRON[w] and not cur then
      rev[#rev + 1] = { j, j }
      if sw.gap[j] == "." then break end
      j = j - 1
      break
    elseif party_word(sw, j) then
      if cur then cur[1] = j else cur = { j, j } end
    else
      break
    end
    local g = sw.gap[j]
    if g == "." then break end
    if g == "," and cur then rev[#rev + 1] = cur cur = nil end
    j = j - 1
  end
  if cur then rev[#rev + 1] = cur end
  -- "the convoy hit in Urum al-Kubra had travelled": the object of a preposition
  -- is not the subject
  if j >= 1 and PREP[sw.W[j]] and sw.gap[j + 1] == "" then return {} end
  local out = {}
  for k = #rev, 1, -1 do out[#out + 1] = rev[k] end
  return out
end

-- ---- parties --------------------------------------------------------------------------

local function party_of_entity(e, a, b, text)
  return { id = e.id, name = e.name, type = e.type, text = sub(text, a, b), start = a, stop = b }
end

-- The person a pronoun at pos refers to: the first person of its sentence
-- (sentence start sa) before it, else the first person of the sentence before
-- (its subject, most often), else the last person named before it.
local function antecedent(ctx, pos, sa)
  local ents = ctx.ents
  local function first_person(a, b)
    local k = first_at(ents, a)
    while ents[k] and ents[k].start < b do
      if ents[k].type == "PERSON" and not ctx.in_quote(ents[k].start) then return ents[k] end
      k = k + 1
    end
  end
  local e = first_person(sa, pos)
  if e then return e end
  local si = span_index(#ctx.sents, ctx.sent_span, sa)
  if si and si > 1 then
    local a, b = ctx.sent_span(si - 1)
    e = first_person(a, b)
    if e then return e end
  end
  local k = first_at(ents, pos) - 1
  while k >= 1 do
    local e = ents[k]
    if e.type == "PERSON" and not ctx.in_quote(e.start) then return e end
    k = k - 1
  end
  return nil
end

-- Resolve the party phrase of words i..j: a list of parties (more than one for
-- "they" or "the two men"), or nil when the phrase names none.
local function resolve(ctx, sw, i, j)
  local text = ctx.text
  local S, E, W = sw.S, sw.E, sw.W
  local a, b = S[i], E[j]
  -- "Russia's" or "the Kremlin's" at the end modifies a noun that is not a party
  if find(W[j], "'s$") and not ROLE[W[j]] then return nil end
  local person, org, place, place_ks = nil, nil, nil, {}
  local k = first_at(ctx.ents, a)
  local ents = ctx.ents
  while ents[k] and ents[k].start <= b do
    local e = ents[k]
    local governed = match(sub(text, a, e.start - 1), "(%a+)%s*$")
    governed = governed and lower(governed) == "of"
    if e.type == "PERSON" and not person and not governed then person = e
    elseif e.type == "ORG" and not org then org = e
    elseif e.type == "PLACE" then place_ks[#place_ks + 1] = k place = place or e end
    k = k + 1
  end
  if person then return { party_of_entity(person, person.start, person.stop, text) } end
  local w1, wl = W[i], W[j]
  if i == j and PRON[w1] then
    if (w1 == "they" or w1 == "them") then return ctx.prev_parties end
    local e = antecedent(ctx, a, sw.a)
    return e and { party_of_entity(e, a, b, text) } or nil
  end
  if GROUP[wl] and (W[i] == "both" or (W[i] == "the" and W[i + 1] == "two")) then
    return ctx.prev_parties
  end
  -- a group ("top aides", "Syrian officials") is no one party
  local base = match(wl, "^(.-)s$")
  if base and ROLE[base] then return nil end
  local ws = {}
  for x = i, j do ws[#ws + 1] = W[x] end
  local e = ctx.ms:by_role(phrases.role_classes(), ws, place_ks, a)
  e = e and ents[e]
  if e then return { party_of_entity(e, a, b, text) } end
  if ROLE[wl] then
    -- a role the document does not tie to a name: a party without an id
    return { { name = sub(text, a, b), type = "PERSON", text = sub(text, a, b), start = a, stop = b } }
  end
  if org and org.stop >= E[j] - 1 then return { party_of_entity(org, org.start, org.stop, text) } end
  -- countries, one or several ("Syria, Iraq and Iran" come as several phrases)
  if place and is_country(place) and place.stop >= E[j] - 1 then
    return { party_of_entity(place, place.start, place.stop, text) }
  end
  return nil
end

local function add_parties(list, seen, parties)
  for _, p in ipairs(parties or {}) do
    local key = p.id or lower(p.text)
    if not seen[key] then seen[key] = true list[#list + 1] = p end
  end
end

local function resolve_items(ctx, sw, items, list, seen)
  for _, it in ipairs(items) do add_parties(list, seen, resolve(ctx, sw, it[1], it[2])) end
end

-- The subject of the sentence: the party phrases it opens with ("On Wednesday,"
-- and the like before a comma are passed over).
local function sentence_subject(ctx, sw, before)
  local items = items_forward(sw, 1, before - 1)
  if #items == 0 then
    for i = 2, math.min(before - 1, 8) do
      if sw.gap[i] == "," then items = items_forward(sw, i, before - 1) break end
    end
  end
  local list, seen = {}, {}
  -- only phrases the sentence opens with (up to its first verb)
  if items[1] then
    local stop = items[1][1]
    for _, it in ipairs(items) do
      if it[1] - stop > 2 then break end
      add_parties(list, seen, resolve(ctx, sw, it[1], it[2]))
      stop = it[2] + 1
    end
  end
  return list
end

-- Skip words back from j over auxiliaries, adverbs and times ("has also met",
-- "on Monday met", "are meeting").
local function skip_back(sw, j)
  while j >= 1 and not sw.ent[j] and (AUX[sw.W[j]] or ADVERB[sw.W[j]] or TIME[sw.W[j]] or IS[sw.W[j]]) do
    if sw.gap[j + 1] == "." then break end
    j = j - 1
  end
  return j
end

-- Skip words forward from i over times ("met Thursday with") and "with".
local function skip_forward(sw, i)
  while sw.W[i] and not sw.ent[i] and TIME[sw.W[i]] and sw.gap[i] ~= "." do i = i + 1 end
  return i
end

-- ---- place and date --------------------------------------------------------------------

-- The place a phrase starting at word i names: the last place of "the Black Sea
-- city of Sochi", or a capital ("the Russian capital" -> Moscow).
local function place_phrase(sw, i)
  local last, country, capital
  local first = i
  while sw.W[i] and (i == first or sw.gap[i] == "") do
    local e, w = sw.ent[i], sw.W[i]
    if e and e.type == "PLACE" then
      if is_country(e) then country = country or e else last = e end
      if e.stop > sw.E[i] then
        while sw.W[i + 1] and sw.S[i + 1] <= e.stop do i = i + 1 end
      end
    elseif w == "capital" then capital = true
    elseif not PLACE_FILL[w] and not (e and e.type ~= "PLACE") then break
    elseif e then break
    end
    i = i + 1
  end
  local last_i = i - 1
  if last then return last.id, last.name, sw.S[first], sw.E[last_i] end
  if capital and country then
    local c = capital_of(country.id)
    if c then return c.id, c.name, sw.S[first], sw.E[last_i] end
  end
  if country then return country.id, country.name, sw.S[first], sw.E[last_i] end
  return nil
end

-- The place of an event whose cue covers words ci..cj: "in/at PLACE" after the
-- cue (within 14 words, not past another clause or cue: words lo..hi), else
-- before it (8 words); for a visit the place right after its cue.
local function find_place(sw, ci, cj, visit, taken, lo, hi)
  if visit then
    local id, name, a, b = place_phrase(sw, cj + 1)
    if id then return id, name, a, b end
  end
  local function at(i)
    local w = sw.W[i]
    if (w == "in" or w == "at") and not taken[i + 1] then return place_phrase(sw, i + 1) end
  end
  for i = cj + 1, math.min(hi, cj + 14) do
    if sw.gap[i] == "." or CLAUSE[sw.W[i]] then break end
    local id, name, a, b = at(i)
    if id then return id, name, a, b end
  end
  for i = ci - 1, math.max(lo, ci - 8), -1 do
    if CLAUSE[sw.W[i]] or sw.gap[i + 1] == "." then break end
    local id, name, a, b = at(i)
    if id then return id, name, a, b end
  end
  return nil
end

-- The date of the sentence nearest the cue (not a duration, not "reported on
-- Tuesday"), between the cues before and after (bytes lo..hi), read by the
-- dates layer on the sentence with the document's anchor.
local function find_date(ctx, a, b, ca, cb, lo, hi)
  local dates_mod = ctx.dates_mod
  if ctx.anchor == nil then ctx.anchor = dates_mod.anchor_of(ctx.doc) or false end
  local list = dates_mod.find(sub(ctx.text, a, b), { anchor = ctx.anchor })
  local best, dist
  for _, d in ipairs(list) do
    local s, e = a + d.start - 1, a + d.stop - 1
    local before = lower(sub(ctx.text, math.max(a, s - 14), s - 1))
    if d.kind ~= "duration" and not ctx.in_quote(s) and s > lo and e < hi and
       not find(before, "reported%s+o?n?%s*$") and not find(before, "said%s+o?n?%s*$") and
       not find(before, "since%s+$") then
      local dd = s > cb and s - cb or (ca > e and ca - e or 0)
      if not dist or dd < dist then best, dist = { d, s, e }, dd end
    end
  end
  if best then return best[1].value, best[1].text, best[2], best[3] end
  return nil
end

-- The cues of a text in text order: {type, form, a, b}, from the bundled rules
-- (unless opts.bundled is false) and opts.rules (whose matches win where they overlap).
local function cues_of(text, opts)
  local function list(set_)
    local forms, m, out = forms_of(set_), set_.compiled:match(text), {}
    for k = 1, #m, 3 do
      local f = forms[m[k]]
      out[#out + 1] = { type = f.type, form = f.form, a = m[k + 1], b = m[k + 2], start = m[k + 1], stop = m[k + 2] }
    end
    return out
  end
  local base = opts.bundled == false and {} or list(M.cues())
  if not opts.rules then return base end
  return rules_mod.overlay(base, list(opts.rules))
end

-- Whether sentence a..b can name a party: it holds a name, a pronoun, "two" or
-- "both". Other sentences are passed over before their words are read.
local function may_name(ctx, a, b)
  local ents = ctx.ents
  local k = first_at(ents, a)
  if ents[k] and ents[k].start <= b then return true end
  for w in gmatch(lower(sub(ctx.text, a, b)), "%a+") do
    if PRON[w] or w == "two" or w == "both" then return true end
  end
  return false
end

-- ---- the events -----------------------------------------------------------------------------

local function new_event(ctx, c, sa, sb)
  return { type = c.type, cue = gsub(lower(sub(ctx.text, c.a, c.b)), "%s+", " "), cue_start = c.a, cue_stop = c.b,
    start = sa, stop = sb, text = sub(ctx.text, sa, sb), parties = {}, participants = {} }
end

-- Parties of the event at cue c (words ci..cj of sentence sw); adds to ev.parties.
local function parties_of(ctx, sw, c, ci, cj, ev, in_sentence)
  local list, seen = ev.parties, {}
  local W = sw.W
  local form = c.form
  local before = skip_back(sw, ci - 1)
  local infinitive = form ~= "noun" and W[ci - 1] == "to" and before == ci - 1
  -- the name right before a cue with "'s" ("Putin's meeting", "Assad's visit")
  local owner = W[ci - 1] and find(W[ci - 1], "'s$") and sw.ent[ci - 1]
  if infinitive then
    -- "X travelled to Sochi to meet Y", "the envoy was in Damascus to meet Y"
    local prev = in_sentence[#in_sentence]
    local subject
    if prev then
      subject = prev.parties
      ev.place, ev.place_name, ev.place_text, ev.place_start, ev.place_stop =
        prev.place, prev.place_name, prev.place_text, prev.place_start, prev.place_stop
      ev.absorbs = prev
    else
      subject = sentence_subject(ctx, sw, ci - 1)
    end
    add_parties(list, seen, subject)
  end
  if form == "noun" then
    -- "X held talks", "X's meeting", "X and Y (are) meeting"
    local k = ci - 1
    while k >= 1 and HOLD_FILL[W[k]] and not sw.ent[k] do k = k - 1 end
    if HOLD[W[k]] then
      resolve_items(ctx, sw, items_backward(sw, skip_back(sw, k - 1)), list, seen)
    elseif owner then
      add_parties(list, seen, { party_of_entity(owner, owner.start, owner.stop, ctx.text) })
    elseif before >= 1 and sw.ent[before] and not find(W[before], "'s$") then
      resolve_items(ctx, sw, items_backward(sw, before), list, seen)
    end
    -- "between X and Y", "of the two men", "with Y" after the cue
    local before_cue = #list
    local i = cj + 1
    local limit = math.min(#W, cj + 12)
    while i <= limit do
      if sw.gap[i] == "." then break end
      local w = W[i]
      if w == "between" or (w == "of" and i == cj + 1) then
        resolve_items(ctx, sw, items_forward(sw, i + 1), list, seen)
        break
      elseif w == "with" then
        resolve_items(ctx, sw, items_forward(sw, skip_forward(sw, i + 1)), list, seen)
        if #list == 1 and before_cue == 0 and not infinitive then
          -- "X hailed … during a meeting with Y": X is the subject of the sentence
          local subj = sentence_subject(ctx, sw, ci)
          local mine = list[1]
          ev.parties, seen = {}, {}
          list = ev.parties
          add_parties(list, seen, subj)
          add_parties(list, seen, { mine })
        end
        break
      elseif w == "for" or w == "about" or w == "over" or CLAUSE[w] then
        break
      end
      i = i + 1
    end
    return
  end
  if not infinitive then
    resolve_items(ctx, sw, items_backward(sw, before), list, seen)
  end
  if form == "visit" then
    -- "X's visit to Moscow", "X visited Y"
    if #list == 0 and owner then
      add_parties(list, seen, { party_of_entity(owner, owner.start, owner.stop, ctx.text) })
    end
    local i = skip_forward(sw, cj + 1)
    if sw.ent[i] and sw.ent[i].type ~= "PLACE" then
      resolve_items(ctx, sw, items_forward(sw, i), list, seen)
    end
    return
  end
  local i = skip_forward(sw, cj + 1)
  if W[i] == "with" then i = skip_forward(sw, i + 1) end
  if sw.gap[i] ~= "." then
    resolve_items(ctx, sw, items_forward(sw, i), list, seen)
  end
end

--- Events of a document, in text order.
-- @param doc Document
-- @tparam[opt] table opts `type` (only this type), `rules` (an nc.rules set whose
--   labels are TYPE.FORM, used with the bundled cues; its matches win where they
--   overlap), `bundled` (false: only opts.rules)
-- @return list of events (see the module comment)
function M.find(doc, opts)
  opts = opts or {}
  local text = doc.text
  local out = {}
  if #text == 0 then return out end
  local cues = cues_of(text, opts)
  if #cues == 0 then return out end
  local ents = doc:entities()
  local sents = doc:sentences()
  local ctx = { text = text, ents = ents, ms = doc:_mentions(), dates_mod = require("newscorpus.dates"), doc = doc }
  -- quotations, paired only in the paragraphs asked about
  local paras = marks.has_mark_byte(text) and marks.paragraphs(text)
  local para_quotes = {}
  local function para_span(i) return paras[i][1], paras[i][2] end
  function ctx.in_quote(pos)
    if not paras then return false end
    local pi = span_index(#paras, para_span, pos)
    if not pi then return false end
    local qs = para_quotes[pi]
    if not qs then
      qs = marks.pair(text, { paras[pi] })
      para_quotes[pi] = qs
    end
    for _, q in ipairs(qs) do
      if pos >= q.a and pos <= q.b then return true end
    end
    return false
  end
  local function sent_span(i) return sents:span(i) end
  ctx.sents, ctx.sent_span = sents, sent_span
  local sw, sw_index, in_sentence = nil, nil, {}
  for k, c in ipairs(cues) do
    local si, sa, sb = span_index(#sents, sent_span, c.a)
    if si and may_name(ctx, sa, sb) and not ctx.in_quote(c.a) then
      if si ~= sw_index then
        sw, sw_index, in_sentence = sentence_words(ctx, sa, sb), si, {}
      end
      local ci, cj = word_at(sw, c.a), word_at(sw, c.b)
      local ev = new_event(ctx, c, sa, sb)
      parties_of(ctx, sw, c, ci, cj, ev, in_sentence)
      local np = #ev.parties
      local taken = {}
      for _, p in ipairs(ev.parties) do
        for x = word_at(sw, p.start), word_at(sw, p.stop) do taken[x] = true end
      end
      -- the cues before and after in the sentence bound its place and date
      local pb = k > 1 and cues[k - 1].b or 0
      local na = cues[k + 1] and cues[k + 1].a or #text + 1
      if pb < sa then pb = sa - 1 end
      if na > sb then na = sb + 1 end
      if not ev.place then
        ev.place, ev.place_name, ev.place_start, ev.place_stop = find_place(sw, ci, cj, c.form == "visit", taken,
          word_at(sw, pb + 1), word_at(sw, na) - 1)
        if ev.place then ev.place_text = sub(text, ev.place_start, ev.place_stop) end
      end
      local named = false
      for _, p in ipairs(ev.parties) do if p.id then named = true break end end
      if named and (np >= 2 or (c.form == "visit" and np >= 1 and ev.place)) then
        ev.date, ev.date_text, ev.date_start, ev.date_stop = find_date(ctx, sa, sb, c.a, c.b, pb, na)
        for _, p in ipairs(ev.parties) do
          if p.id then ev.participants[#ev.participants + 1] = p.id end
        end
        local absorbed = ev.absorbs
        ev.absorbs = nil
        if absorbed and out[#out] == absorbed then
          out[#out] = nil
          if not ev.date then
            ev.date, ev.date_text, ev.date_start, ev.date_stop = absorbed.date, absorbed.date_text,
              absorbed.date_start, absorbed.date_stop
          end
        end
        out[#out + 1] = ev
        in_sentence[#in_sentence + 1] = ev
        if np >= 2 then ctx.prev_parties = ev.parties end
      end
    end
  end
  if opts.type then
    local keep = {}
    for _, e in ipairs(out) do if e.type == opts.type then keep[#keep + 1] = e end end
    out = keep
  end
  return out
end

--- Event records of a document for the timeline: each event with doc,
-- published (the publication date), source and title.
function M.records(doc, opts)
  local list = M.find(doc, opts)
  if #list == 0 then return list end
  local published = require("newscorpus.dates").anchor_of(doc)
  local meta = doc.meta or {}
  for _, e in ipairs(list) do e.doc, e.published, e.source, e.title = doc.id, published, meta.source, meta.title end
  return list
end

--- Merge event records across documents (see newscorpus.timeline).
function M.timeline(records, opts) return require("newscorpus.timeline").merge(records, opts) end

return M
