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
local set = phrases.set
local PRONOUN, BREAK, ADVERB, AUX, HEARERS = phrases.PRONOUN,
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


-- ---- speaker phrases (C: src/nc_quotes.c) --------------------------------------
-- The speaker phrase of a quotation and the clause of reported speech are read
-- in C (core.quote_doc), and which entity a phrase names, a role's person too
-- (src/nc_roles.c, from the roles the document gives its persons, with
-- phrases.role_classes()). The word classes the C rules use, from the sets below
-- and phrases':

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
local function word_classes()
  if classes then return classes end
  local ws, QW = core.wordset(), core.QW
  for name, list in pairs { BREAK = BREAK, PRONOUN = PRONOUN, ADVERB = ADVERB, AUX = AUX, HEARERS = HEARERS,
      ROLE = ROLE, PLACE_PREP = PLACE_PREP, SOURCE = SOURCE, DETERMINER = DETERMINER, TIME = TIME_WORDS,
      ORG_HEAD = ORG_HEAD } do
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

-- the fields of a quote of QuoteDoc:resolve() (src/nc_lua.c)
local NF = 12
local KIND = { "direct", "partial", "indirect", "scare" }
local HOW = { [1] = "according to", [2] = "quoted" }

-- The C attribution of a document (core.quote_doc), its mentions (doc:_mentions())
-- and the word classes its role phrases are read with (phrases.role_classes());
-- nil when it has neither a cue nor a quotation mark (or nil, msg when its
-- mentions could not be read).
local function attribution(doc)
  local text = doc.text
  if #text == 0 then return nil end
  local cues = cue_set or M.cues()
  -- the cues: a text with a quotation mark byte is read whatever its cues (they
  -- are matched in C by core.quote_doc); another only when it has one
  local cm = cues.compiled
  if not marks.has_mark_byte(text) then
    cm = cm:match(text)
    if #cm == 0 then return nil end
  end
  -- the mentions: their positions and kinds read in C, a table made only for a speaker
  local ms, err = doc:_mentions()
  if not ms then return nil, err end
  -- the sentences: the document's when it has them, else found in C without a token array
  local split = rawget(doc, "_sentences") or require("newscorpus.document").splitter_words()
  local qd = core.quote_doc(text, cm, cues.labels, ms, split, word_classes())
  return qd, ms, phrases.role_classes()
end

--- Quotes and reported speech of a document, in text order.
-- @param doc Document
-- @tparam[opt] table opts `scare` (true: keep scare quotes, kind "scare"),
--   `indirect` (false: leave reported speech out), `kind` (only this kind)
-- @return list of {start, stop, text, kind, speaker, speaker_id, speaker_type,
--   speaker_text, speaker_start, speaker_stop, cue, closed}
function M.find(doc, opts)
  opts = opts or {}
  local out = {}
  local qd, ms, roles = attribution(doc)
  if not qd then
    if ms then return nil, ms end
    return out
  end
  local text, made = doc.text, {}   -- made: the speakers' mention tables, by index
  local list = qd:resolve(opts.indirect ~= false, opts.scare, roles, nil, ms)
  qd:close()
  local want = opts.kind
  for k = 1, #list, NF do
    local start, stop, kind, closed, how, ca, cb, sa, sb, ent, ta, tb = unpack(list, k, k + 11)
    kind = KIND[kind]
    if not want or kind == want then
      -- (the speaker fields are named, nil, so that the table is made with room for them)
      local item = { start = start, stop = stop, text = sub(text, start, stop), kind = kind, closed = closed == 1,
        cue = nil, speaker = nil, speaker_id = nil, speaker_type = nil, speaker_text = nil, speaker_start = nil,
        speaker_stop = nil }
      if how == 0 then item.cue = cue_form(sub(text, ca, cb)) else item.cue = HOW[how] end
      if sa ~= 0 then item.speaker_start, item.speaker_stop, item.speaker_text = sa, sb, sub(text, sa, sb) end
      if ent ~= 0 then
        local e = made[ent]
        if not e then e = ms:get(ent) made[ent] = e end
        item.speaker, item.speaker_id, item.speaker_type = e.name, e.id, e.type
      elseif ta ~= 0 then
        item.speaker = sub(text, ta, tb)
      end
      out[#out + 1] = item
    end
  end
  return out
end

local KIND_NUMBER = { direct = 1, partial = 2, indirect = 3, scare = 4 }

--- The rows of the quotes command's table for a document, written in C
-- without a table per quote: the same quotes as M.find (opts the same), as
-- core.quote_rows writes them. spec {prefix = s, num = w} as for dates.rows.
-- @return rows, count
function M.rows(doc, opts, spec)
  opts = opts or {}
  local qd, ms, roles = attribution(doc)
  if not qd then
    if ms then return nil, ms end
    return "", 0
  end
  local rows, n = qd:resolve(opts.indirect ~= false, opts.scare, roles, spec, ms, KIND_NUMBER[opts.kind])
  qd:close()
  return rows, n
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
