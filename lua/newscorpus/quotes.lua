--- Quotations and reported speech, with their speakers.
--
-- doc:quotes() lists, in text order:
--   direct    a quotation in marks ("…", “…”, «…», ‘…’ in headlines), also one
--             that runs over several paragraphs (a paragraph that opens a quote
--             without closing it, continued by the next paragraph's opening mark)
--   partial   a quoted fragment inside a sentence of reported speech
--             (described the sanctions as “anti-human”)
--   indirect  reported speech without marks (Putin said the terrorists have …)
-- Each: {start, stop, text, kind, speaker, speaker_id, speaker_text,
-- speaker_start, speaker_stop, cue, closed}. start..stop is the quoted text
-- without its marks (and without the comma that ends it before its attribution);
-- `speaker` is the canonical name when the speaker resolves to an entity (then
-- `speaker_id` is its id) or the words of the text otherwise; `speaker_text` is
-- what the text says (“he”, “the Russian president”, “Mr Putin”) at
-- speaker_start..speaker_stop; `cue` the attributing word, lower case ("said",
-- "told", "according to"; nil when the speaker is carried over from the quote
-- before, as a paragraph that only holds a quote continues its speaker).
-- `closed` is false for a quote whose closing mark never came (it then ends
-- with its paragraph): an odd number of marks is never an error.
-- A short quote (three words at most) that no cue attributes is a scare quote
-- (the so-called “moderate” rebels) and is left out unless opts.scare is true.
-- @module newscorpus.quotes
local core = require "newscorpus.core"
local rules_mod = require "newscorpus.rules"
local data = require "newscorpus.data"

local sub, find, lower, gsub, gmatch = string.sub, string.find, string.lower,
  string.gsub, string.gmatch

local unpack = table.unpack or unpack

local M = {}

-- ---- shared phrase helpers (newscorpus.phrases) --------------------------

local phrases = require "newscorpus.phrases"
local set, words, by_role = phrases.set, phrases.words, phrases.by_role
local PRONOUN, PERSON_PRONOUN, BREAK, ADVERB, AUX, HEARERS = phrases.PRONOUN, phrases.PERSON_PRONOUN,
  phrases.BREAK, phrases.ADVERB, phrases.AUX, phrases.HEARERS
local ROLE, ORG_HEAD = phrases.ROLE, phrases.ORG_HEAD

-- ---- the cue rule set (data/rules/speech.txt) -------------------------------

local cue_set

--- The bundled speech cues, compiled once per Lua state.
function M.cues()
  if not cue_set then
    local s, err = rules_mod.new { file = data.path("rules/speech.txt") }
    if not s then error("newscorpus: " .. err, 0) end
    cue_set = s
  end
  return cue_set
end

local marks = require "newscorpus.quotemarks"


-- ---- the document context ----------------------------------------------------
-- ctx: text, ents, qd (the QuoteDoc), and what was last said (prev, prev_para,
-- prev_end, last_speaker)

local function in_quote(ctx, pos) return ctx.qd:in_quote(pos) end

-- The person "he"/"she" at pos refers to: the speaker of the last quote within
-- 600 bytes when a person, else the first person of the sentence before, else
-- the last person named before pos outside quotes.
local function antecedent(ctx, pos, want_person)
  local last = ctx.last_speaker
  -- a speaker the gazetteer does not know, named in capitals ("Yvette Cooper")
  local named = last and last.type == "TEXT" and not find(" " .. last.item.speaker_text, "%s[%l]") and
    not find(last.item.speaker_text, "^The ") and not find(last.item.speaker_text, "^An? ")
  if last and pos - last.at < 600 and (want_person and (last.type == "PERSON" or named) or
      not want_person and last.type ~= "PERSON") then
    if last.e then return last.e end
    local it = last.item
    return { name = it.speaker, id = it.speaker_id, type = it.speaker_type }
  end
  local ms = ctx.ms
  local k = ms:first_at(pos) - 1
  while k >= 1 do
    local start, _, kind = ms:span(k)
    if (want_person and kind == "PERSON") or (not want_person and kind == "ORG") then
      if not in_quote(ctx, start) then return ctx.ents[k] end
    end
    k = k - 1
  end
  return nil
end

-- "the agency", "the TV": the last organisation named with that word in or
-- right before its name ("state news agency SANA", "Syrian TV").
local function by_head(ctx, head, pos)
  local text, ms = ctx.text, ctx.ms
  local pat = "%f[%w]" .. head .. "%f[^%w]"
  local k = ms:first_at(pos) - 1
  while k >= 1 do
    local start, stop, kind = ms:span(k)
    if kind == "ORG" and find(lower(sub(text, start > 30 and start - 30 or 1, stop)), pat) then return ctx.ents[k] end
    k = k - 1
  end
  return nil
end

local word_ends = core.word_ends
local word_classes    -- the word classes of the C rules (below)

-- Resolve the speaker phrase text[a..b]: a PERSON or ORG mention in it (the
-- first person not governed by "for/of", else the first organisation), a
-- pronoun, or a role; sets the speaker fields of item. m: the items list, and
-- at m[f + 1 .. f + 4] the mentions of the phrase core.quote_doc found (indices
-- into ctx.ents, 0 for none): the first at or after a, the person, the
-- organisation, the place.

local function resolve(ctx, item, a, b, m, f)
  local text, ents, ms = ctx.text, ctx.ents, ctx.ms
  item.speaker_start, item.speaker_stop = a, b
  item.speaker_text = sub(text, a, b)
  local p = m[f + 2]
  local e = p ~= 0 and ents[p] or nil
  local first   -- the phrase's first word (read when no person names the speaker)
  if not e then
    -- the ends of the phrase's words: how many, the first and the last, where the
    -- first two start and the last stops, and whether one is a role word
    local n, last, s1, s2, e_last, role
    n, first, last, s1, s2, e_last, role = word_ends(text, a, b, word_classes(), core.QW.ROLE)
    -- (the organisation and the place by their positions: a table is made for the speaker alone)
    local org, place = m[f + 3], m[f + 4]
    -- an organisation names the speaker when the phrase ends with it or with a
    -- role ("the Kremlin", "a Kremlin spokesman"), not when another noun heads the
    -- phrase ("Hezbollah's television station al-Manar")
    if org ~= 0 and (select(2, ms:span(org)) >= e_last - 1 or ROLE[last]) then e = ents[org] end
    if not e and n == 1 and PRONOUN[first] then
      if PERSON_PRONOUN[first] then e = antecedent(ctx, a, true)
      elseif first == "it" then e = antecedent(ctx, a, false) end
    end
    if not e and role then
      -- the places the phrase names ("the Russian president"): id -> name
      local places = {}
      if place ~= 0 then
        local k = m[f + 1]
        while true do
          local xa, xb, kind = ms:span(k)
          if not xa or xa > b then break end
          if xb <= b and kind == "PLACE" then
            local x = ents[k]
            places[x.id] = x.name or true
          end
          k = k + 1
        end
      end
      local _, _, W = words(text, a, b)
      e = by_role(ctx, W, places, a)
    end
    -- a country that speaks ("Russia said", "the United States said")
    if not e and place ~= 0 then
      local pa, pb = ms:span(place)
      if pb >= e_last and (pa == s1 or (first == "the" and pa == s2)) then e = ents[place] end
    end
    if not e and (first == "the" or first == "a") and n <= 4 and ORG_HEAD[last] then e = by_head(ctx, last, a) end
  end

  if e then
    item.speaker, item.speaker_id, item.speaker_type = e.name, e.id, e.type
    ctx.last_speaker = { e = e, at = b, type = e.type }
  else
    item.speaker = item.speaker_text
    if not PRONOUN[first or ""] then ctx.last_speaker = { at = b, type = "TEXT", item = item } end
  end
end

-- The speaker phrase ending right before position pos (a cue): the words back
-- to a break (punctuation but the comma of an apposition, a clause word, the
-- start of the region lo), at most 10 words. Returns a, b or nil.

-- ---- speaker phrases (C: src/nc_quotes.c) --------------------------------------
-- The speaker phrase of a quotation and the clause of reported speech are read
-- in C (core.quote_doc); which entity a phrase names is read here (resolve).
-- The word classes the C rules use, from the sets below and phrases':

-- prepositions of place, and the heads of unnamed sources that stand before them
-- ("Activists in the town said")
local PLACE_PREP = set "in at inside near outside across around"
local SOURCE = set [[source sources activist activists resident residents witness witnesses
  official officials doctor doctors medic medics nurse nurses correspondent correspondents
  reporter reporters journalist journalists spokesman spokeswoman spokesperson commander
  commanders officer officers diplomat diplomats observer observers analyst analysts monitor
  monitors rescuer rescuers volunteer volunteers paramedic paramedics worker workers people
  locals villagers citizens refugees survivors man woman men women fighter fighters rebel rebels]]
local DETERMINER = set "the a an this that these those his her their its our"
-- words between a cue and the clause it reports ("said on Tuesday", "said in a statement")
local TIME_WORDS = set [[on in at yesterday today tonight last this earlier later monday tuesday
  wednesday thursday friday saturday sunday a statement interview news conference briefing
  press the week month told]]

local classes
function word_classes()
  if classes then return classes end
  local ws, QW = core.wordset(), core.QW
  for name, list in pairs { BREAK = BREAK, PRONOUN = PRONOUN, ADVERB = ADVERB, AUX = AUX, HEARERS = HEARERS,
      ROLE = ROLE, PLACE_PREP = PLACE_PREP, SOURCE = SOURCE, DETERMINER = DETERMINER, TIME = TIME_WORDS } do
    for w in pairs(list) do ws:add(w, QW[name]) end
  end
  classes = ws
  return ws
end
-- the word classes, for tests of core.quote_doc
M._word_classes = word_classes

-- ---- the document ----------------------------------------------------------------

-- The cue as it is reported: lower case, spaces as one ("According  to" ->
-- "according to"); the forms of the cues met are kept (at most 1,000).
local cue_forms, n_cue_forms = {}, 0
local function cue_form(raw)
  local f = cue_forms[raw]
  if not f then
    f = gsub(lower(raw), "%s+", " ")
    if n_cue_forms >= 1000 then cue_forms, n_cue_forms = {}, 0 end
    cue_forms[raw], n_cue_forms = f, n_cue_forms + 1
  end
  return f
end

-- A mention list whose tables are made when read: the proxy's [MENTIONS] is the
-- Mentions object (doc:_mentions()).
local MENTIONS = {}
local LAZY = { __index = function(t, k)
  local e = t[MENTIONS]:get(k)
  if e then rawset(t, k, e) end
  return e
end }

-- the fields of an item of QuoteDoc:items() (src/nc_lua.c)
local NF = 22
local HOW = { [1] = "according to", [2] = "quoted" }

--- Quotes and reported speech of a document, in text order.
-- @param doc Document
-- @tparam[opt] table opts `scare` (true: keep scare quotes, kind "scare"),
--   `indirect` (false: leave reported speech out), `kind` (only this kind)
-- @return list of {start, stop, text, kind, speaker, speaker_id, speaker_type,
--   speaker_text, speaker_start, speaker_stop, cue, closed}
function M.find(doc, opts)
  opts = opts or {}
  local text = doc.text
  local out = {}
  if #text == 0 then return out end
  local cm = M.cues().compiled:match(text)
  local has_mark = marks.has_mark_byte(text)
  if #cm == 0 and not has_mark then return out end
  -- the mentions: their positions and kinds from C, the table of one made when
  -- it is read (ctx.ents[k]), or the document's list when it has one
  local ms, err = doc:_mentions()
  if not ms then return nil, err end
  local ents = rawget(doc, "_entities") or setmetatable({ [MENTIONS] = ms }, LAZY)
  -- the sentences: the document's when it has them, else found in C without a token array
  local split = rawget(doc, "_sentences") or require("newscorpus.document").splitter_words()
  local qd = core.quote_doc(text, cm, M.cues().labels, ms:packed(), split, word_classes())
  local items = qd:items(opts.indirect ~= false)
  local ctx = { text = text, ents = ents, ms = ms, qd = qd }
  -- quotations and reported speech in the order they are read, so that "he" and
  -- a quote with no cue of its own take the speaker of what came before
  for k = 1, #items, NF do
    local kind, _, start, stop, a, b, how, ca, cb = unpack(items, k, k + 8)
    local cue = how == 0 and cue_form(sub(text, ca, cb)) or HOW[how]
    local item
    if kind == 1 then
      local closed, open = items[k + 16] == 1, items[k + 17]
      local partial, title, n, pi, pa = items[k + 9] == 1, items[k + 10] == 1, items[k + 11], items[k + 12],
        items[k + 13]
      -- (the fields resolve sets are named, nil, so that the table is made with room for them)
      item = { start = start, stop = stop, text = sub(text, start, stop), kind = partial and "partial" or "direct",
        closed = closed, cue = nil, speaker = nil, speaker_id = nil, speaker_type = nil, speaker_text = nil,
        speaker_start = nil, speaker_stop = nil }
      if a ~= 0 then
        resolve(ctx, item, a, b, items, k + 17)
        item.cue = cue
      elseif title and not partial then
        item.kind = "scare"
      elseif ctx.prev and ctx.prev.speaker and not partial then
        -- a quote that follows the last one with nothing said between ("…," said
        -- Mohib. "They represent …"), or that opens a paragraph after it, goes on
        -- with its speaker
        local between = sub(text, ctx.prev_end + 1, open - 1)
        if ctx.prev.cue then between = gsub(lower(between), ctx.prev.cue, "", 1) end
        local fresh_para = open == pa and ctx.prev_para and pi - ctx.prev_para <= 2
        if fresh_para or not find(between, "[%w\128-\255]") then
          for _, f in ipairs { "speaker", "speaker_id", "speaker_type" } do item[f] = ctx.prev[f] end
        end
      end
      if not item.cue and not item.speaker then
        -- a short quote no cue attributes (the so-called “moderate” rebels), a title
        if n <= 3 and (partial or not find(item.text, "[%.!?]$")) then item.kind = "scare"
        elseif title then item.kind = "scare" end
      end
      if item.kind ~= "scare" or opts.scare then out[#out + 1] = item end
    else
      item = { start = start, stop = stop, text = sub(text, start, stop), kind = "indirect", closed = true,
        cue = nil, speaker = nil, speaker_id = nil, speaker_type = nil, speaker_text = nil, speaker_start = nil,
        speaker_stop = nil }
      resolve(ctx, item, a, b, items, k + 17)
      item.cue = cue
      if kind == 2 then out[#out + 1] = item end
    end
    -- what was said last, for the quote after it
    if kind ~= 3 and item.speaker then
      local para = items[k + 14]
      ctx.prev, ctx.prev_para, ctx.prev_end = item, para ~= 0 and para or nil, items[k + 15]
    end
  end
  qd:close()
  table.sort(out, function(x, y) return x.start < y.start end)
  if opts.kind then
    local keep = {}
    for _, q in ipairs(out) do if q.kind == opts.kind then keep[#keep + 1] = q end end
    out = keep
  end
  return out
end

M.KINDS = { direct = true, partial = true, indirect = true, scare = true }

-- ---- across documents -------------------------------------------------------------

function M.records(doc, opts)
  local list = M.find(doc, opts)
  local date = require("newscorpus.dates").anchor_of(doc)
  local meta = doc.meta or {}
  for _, q in ipairs(list) do q.doc, q.date, q.source, q.title = doc.id, date, meta.source, meta.title end
  return list
end

local STOP = set [[a an the and or but of to in on at by for with from as is are was were be been
  being it its this that these those there their they them we our us you your i me my he him his
  she her has have had do does did will would could should can may might not no so than then
  very also since after before into over about up out more most such which who whom what when
  where while all any some one just]]

-- Content words of a quote, lightly stemmed ("territories" = "territory").
local function content(text)
  local out, n = {}, 0
  for w in gmatch(lower(text), "[%w\128-\255]+") do
    if not STOP[w] and #w > 1 then
      w = gsub(w, "ies$", "y")
      if #w > 3 then w = gsub(w, "s$", "") end
      if not out[w] then out[w] = true n = n + 1 end
    end
  end
  return out, n
end

--- Group the same quotation (or a paraphrase of it) across documents.
-- Two quotes join when their content words overlap (shared / the smaller set)
-- by at least opts.overlap (default 0.5; 0.7 when a speaker is unknown on one
-- side) and their speakers' entity ids do not differ; single words only when
-- identical. Groups with quotes from at least opts.min_docs documents (2).
-- @param records list from M.records over several documents
-- @return list of {speaker, speaker_id, docs, same_wording, quotes = records by date}, most documents first
function M.groups(records, opts)
  opts = opts or {}
  local overlap, min_docs = opts.overlap or 0.5, opts.min_docs or 2
  -- one node per distinct wording and speaker: a wire story reprinted fifty times
  -- is compared once
  local node_of, nodes = {}, {}
  local key_node = {}
  for i, r in ipairs(records) do
    local key = tostring(r.speaker_id) .. "\0" .. gsub(lower(r.text), "[^%w\128-\255]+", " ")
    local n = key_node[key]
    if not n then
      n = #nodes + 1
      key_node[key] = n
      nodes[n] = r
    end
    node_of[i] = n
  end
  local words, sizes, parent = {}, {}, {}
  local postings = {}
  for i, r in ipairs(nodes) do
    words[i], sizes[i] = content(r.text)
    parent[i] = i
    for w in pairs(words[i]) do
      local p = postings[w]
      if not p then p = {} postings[w] = p end
      p[#p + 1] = i
    end
  end
  local function root(i)
    while parent[i] ~= i do parent[i] = parent[parent[i]] i = parent[i] end
    return i
  end
  -- candidates share a word that is not too common (postings of 500 nodes at most)
  for i, r in ipairs(nodes) do
    if sizes[i] > 0 then
      local shared, frequent = {}, 0
      for w in pairs(words[i]) do
        local p = postings[w]
        if #p <= 500 then
          for _, j in ipairs(p) do if j > i then shared[j] = (shared[j] or 0) + 1 end end
        else
          frequent = frequent + 1
        end
      end
      for j, k in pairs(shared) do
        local r2 = nodes[j]
        local small = math.min(sizes[i], sizes[j])
        local known = r.speaker_id and r2.speaker_id
        local need = known and overlap or 0.7
        -- short quotes join only when identical (one node); two named speakers must
        -- be one; the common words are at most the rare ones shared and the frequent
        -- ones; a pair already joined needs nothing
        if small >= 3 and (not known or r.speaker_id == r2.speaker_id) and (k + frequent) / small >= need
           and root(i) ~= root(j) then
          -- count the common words too (left out of the candidate count)
          local common = 0
          for w in pairs(words[i]) do if words[j][w] then common = common + 1 end end
          if common / small >= need then parent[root(j)] = root(i) end
        end
      end
    end
  end
  local by, order = {}, {}
  for i, r in ipairs(records) do
    local k = root(node_of[i])
    local g = by[k]
    if not g then g = { quotes = {}, _docs = {} } by[k] = g order[#order + 1] = g end
    g.quotes[#g.quotes + 1] = r
    g._docs[r.doc] = true
  end
  local out = {}
  for _, g in ipairs(order) do
    local n = 0
    for _ in pairs(g._docs) do n = n + 1 end
    g._docs = nil
    if n >= min_docs then
      g.docs = n
      table.sort(g.quotes, function(x, y)
        if (x.date or "") ~= (y.date or "") then return (x.date or "") < (y.date or "") end
        return tostring(x.doc) < tostring(y.doc)
      end)
      local texts = {}
      for _, q in ipairs(g.quotes) do
        if q.speaker_id and not g.speaker_id then g.speaker_id, g.speaker = q.speaker_id, q.speaker end
        texts[gsub(lower(q.text), "[^%w]+", " ")] = true
      end
      if not g.speaker then g.speaker = g.quotes[1].speaker end
      local distinct = 0
      for _ in pairs(texts) do distinct = distinct + 1 end
      g.same_wording = distinct == 1
      out[#out + 1] = g
    end
  end
  table.sort(out, function(a, b)
    if a.docs ~= b.docs then return a.docs > b.docs end
    return #a.quotes > #b.quotes
  end)
  return out
end

return M
