--- Document: one article's original text, its metadata and annotation layers.
-- Layers are computed on first use and cached; the text is never modified and
-- every span is a 1-based inclusive byte range of it.
-- @module newscorpus.document
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local type, error, setmetatable, rawget, rawset, tostring = type, error, setmetatable, rawget, rawset, tostring

local M = {}
local Document = {}
M.Document = Document

local splitter_words -- wordset for the sentence splitter, built once per Lua state

local function words()
  if not splitter_words then
    local ws, err = data.splitter_words()
    if not ws then error("newscorpus: " .. err, 0) end
    splitter_words = ws
  end
  return splitter_words
end

--- The abbreviation/starter wordset sentence splitting uses (data.splitter_words(), or the one
-- set_splitter_words gave).
M.splitter_words = words

--- Use another abbreviation/starter wordset for sentence splitting (nil restores the default).
-- @param ws a Wordset from `core.wordset()` or `data.splitter_words()`
function M.set_splitter_words(ws)
  splitter_words = ws
end

local counter = 0

--- Create a document.
-- @tparam string text the original bytes
-- @tparam[opt] table meta metadata; `meta.id` becomes `doc.id`
-- @return Document
function M.new(text, meta)
  if type(text) ~= "string" then
    error("bad argument #1 to 'doc' (string expected, got " .. type(text) .. ")", 3)
  end
  if meta ~= nil and type(meta) ~= "table" then
    error("bad argument #2 to 'doc' (table expected, got " .. type(meta) .. ")", 3)
  end
  if meta == nil then
    -- The usual case for a bare text: the id string and the empty meta table
    -- are made when first read (see __index), not for every document. The nil
    -- fields give the table room for the arrays a document usually gets.
    counter = counter + 1
    return setmetatable({ text = text, _seq = counter, _tokens = nil, _sentences = nil }, Document)
  end
  local id = meta.id
  if id == nil then
    counter = counter + 1
    id = "doc" .. counter
  end
  return setmetatable({ text = text, id = tostring(id), meta = meta, _tokens = nil, _sentences = nil }, Document)
end

local methods = {}

--- Data-quality counts of the text: `bytes`, `invalid_utf8` (sequences that the
-- normalised layers replace with U+FFFD), `invalid_at` (up to 100 spans, flat
-- list start1, stop1, ...), `nul` (NUL bytes). Available as `doc.stats`.
local function compute_stats(self)
  local invalid, at, nul = core.utf8_scan(self.text, 100)
  return { bytes = #self.text, invalid_utf8 = invalid, invalid_at = at, nul = nul }
end

Document.__index = function(self, k)
  local m = methods[k]
  if m then return m end
  if k == "stats" then
    local st = compute_stats(self)
    rawset(self, "stats", st)
    return st
  end
  if k == "id" or k == "meta" then
    local seq = rawget(self, "_seq")
    if seq then
      rawset(self, "_seq", nil)
      if rawget(self, "id") == nil then rawset(self, "id", "doc" .. seq) end
      if rawget(self, "meta") == nil then rawset(self, "meta", {}) end
      return rawget(self, k)
    end
  end
  return nil
end

Document.__tostring = function(self)
  return ("Document(%s, %d bytes)"):format(self.id, #self.text)
end

--- Tokens of the document (a C array; no Lua table per token).
-- `#toks`, `toks[i]` -> {start, stop, kind, text}, `toks:each()` -> i, start, stop, kind,
-- `toks:span(i)`, `toks:text(i)`, `toks:is(i, flag)`, `toks:count([kind])`.
-- @return Tokens, or nil, message when the text is too large (over 4 GiB)
function methods.tokens(self)
  local t = rawget(self, "_tokens")
  if t then return t end
  local err
  t, err = core.tokenize(self.text)
  if not t then return nil, err end
  rawset(self, "_tokens", t)
  return t
end

--- Sentences of the document (a C array).
-- `#s`, `s[i]` -> {start, stop, text, para, first_token, last_token},
-- `s:each()` -> i, start, stop, `s:span(i)`.
-- @return Sentences, or nil, message
function methods.sentences(self)
  local s = rawget(self, "_sentences")
  if s then return s end
  local toks, err = methods.tokens(self)
  if not toks then return nil, err end
  s = core.split(toks, words())
  rawset(self, "_sentences", s)
  return s
end

--- A normalised form of the text with a map back to the original.
-- @tparam[opt="key"] string form "nfc" (display) or "key" (matching: NFKC, case-folded,
-- quotes/apostrophes/dashes unified, mojibake such as "â€™" and "Ã©" repaired,
-- lost apostrophes restored: "Russia s" -> "russia's")
-- @tparam[opt] table opts `accents = false` strips accents
-- @return normalised string, map (`map:span(a, b)` -> original start, stop),
-- repairs (invalid UTF-8 sequences), mojibake (sequences repaired; 0 for "nfc")
function methods.normalized(self, form, opts)
  form = form or "key"
  if form ~= "nfc" and form ~= "key" then
    error("bad argument #1 to 'normalized' (\"nfc\" or \"key\" expected)", 2)
  end
  local strip = opts ~= nil and opts.accents == false
  local key = form .. (strip and "-noaccents" or "")
  local layers = rawget(self, "_norm")
  if not layers then layers = {} rawset(self, "_norm", layers) end
  local cached = layers[key]
  if cached then return cached[1], cached[2], cached[3], cached[4] end
  local s, map, repairs, mojibake = core.normalize(self.text, form, strip)
  if not s then return nil, map end
  layers[key] = { s, map, repairs, mojibake }
  return s, map, repairs, mojibake
end

--- The cleaning layer (computed once): `kept` spans, `removed` spans each with
-- a `reason`, the cleaned body `text`. The original text is not touched.
-- @see newscorpus.clean
local clean_mod, meta_mod   -- loaded on first use (they load their rules then)

function methods.clean(self)
  local c = rawget(self, "_clean")
  if c then return c end
  clean_mod = clean_mod or require("newscorpus.clean")
  c = clean_mod.clean(self)
  rawset(self, "_clean", c)
  return c
end

--- Fill `doc.meta` from the text (title, date, date_source, dateline, source,
-- byline); values given with the document win. @return doc.meta
function methods.metadata(self)
  if not rawget(self, "_meta_done") then
    meta_mod = meta_mod or require("newscorpus.meta")
    meta_mod.extract(self)
    rawset(self, "_meta_done", true)
  end
  return self.meta
end

--- Entity mentions {start, stop, text, id, name, type, source, tag}, in text
-- order. opts: `gazetteer` (from nc.gazetteer; default the bundled one),
-- `discover` (false: gazetteer only), `type` ("PERSON", "ORG", "PLACE").
-- The default call is cached. @see newscorpus.entities
local entities_mod

-- The mentions of the default call from one pass, their tables made when asked
-- for (newscorpus.entities._mentions): quotes read most of them without one.
-- Cached; the list of doc:entities() is made from it (m:all()).
function methods._mentions(self)
  local m = rawget(self, "_ments")
  if not m then
    entities_mod = entities_mod or require("newscorpus.entities")
    local err
    m, err = entities_mod._mentions(self)
    if not m then return nil, err end
    rawset(self, "_ments", m)
  end
  return m
end

function methods.entities(self, opts)
  entities_mod = entities_mod or require("newscorpus.entities")
  if opts == nil then
    local e = rawget(self, "_entities")
    if not e then
      local m, err = methods._mentions(self)
      if not m then return nil, err end
      e = m:all()
      rawset(self, "_entities", e)
    end
    return e
  end
  if type(opts) ~= "table" then
    error("bad argument #1 to 'entities' (table expected, got " .. type(opts) .. ")", 2)
  end
  return entities_mod.entities(self, opts)
end

--- Entity mentions without a table each: calls fn(start, stop, id, name, type,
-- source, tag) for every mention, in text order (the fields of doc:entities()
-- but text, which is doc.text:sub(start, stop)). opts as for doc:entities.
-- The fast path for counting and printing. Returns the number of calls.
function methods.each_entity(self, fn, opts)
  entities_mod = entities_mod or require("newscorpus.entities")
  if type(fn) ~= "function" then
    error("bad argument #1 to 'each_entity' (function expected, got " .. type(fn) .. ")", 2)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'each_entity' (table expected, got " .. type(opts) .. ")", 2)
  end
  return entities_mod.each_entity(self, fn, opts)
end

--- Temporal expressions {start, stop, text, value, anchor, kind, granularity,
-- label}, in text order; relative ones resolved against the publication date
-- (opts.anchor, meta.date, or the date the text states). opts: `anchor` (ISO
-- date, or false for none), `rules` (an nc.rules set of your own date rules).
-- @see newscorpus.dates
local dates_mod

function methods.dates(self, opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'dates' (table expected, got " .. type(opts) .. ")", 2)
  end
  dates_mod = dates_mod or require("newscorpus.dates")
  if opts and opts.anchor and not (type(opts.anchor) == "string" and dates_mod.day_of(opts.anchor)) then
    error("bad argument #1 to 'dates' (anchor must be an ISO date YYYY-MM-DD)", 2)
  end
  return dates_mod.find(self, opts)
end

--- Figures with what they count: {start, stop, text, value, low, high, approx,
-- kind, unit, label, sentence}, in text order. opts: `kind` (only this kind),
-- `rules` (an nc.rules set of your own figure rules). @see newscorpus.claims
local claims_mod

function methods.claims(self, opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'claims' (table expected, got " .. type(opts) .. ")", 2)
  end
  claims_mod = claims_mod or require("newscorpus.claims")
  if opts and opts.kind ~= nil and not claims_mod.KINDS[opts.kind] then
    error("bad argument #1 to 'claims' (unknown kind '" .. tostring(opts.kind) .. "')", 2)
  end
  return claims_mod.find(self, opts)
end

--- Quotations and reported speech with their speakers: {start, stop, text, kind,
-- speaker, speaker_id, speaker_type, speaker_text, speaker_start, speaker_stop,
-- cue, closed}, in text order. opts: `kind` ("direct", "partial", "indirect",
-- "scare"), `scare` (keep scare quotes), `indirect` (false: none).
-- @see newscorpus.quotes
local quotes_mod

function methods.quotes(self, opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'quotes' (table expected, got " .. type(opts) .. ")", 2)
  end
  quotes_mod = quotes_mod or require("newscorpus.quotes")
  if opts and opts.kind ~= nil and not quotes_mod.KINDS[opts.kind] then
    error("bad argument #1 to 'quotes' (unknown kind '" .. tostring(opts.kind) .. "')", 2)
  end
  if opts and opts.kind == "scare" then opts = { kind = "scare", scare = true } end
  return quotes_mod.find(self, opts)
end

--- Meetings, talks, calls and visits (and the types of your own rules): {type,
-- cue, start, stop, text (the evidence sentence), participants (entity ids),
-- parties, place, place_name, date, date_text, ...}, in text order. opts:
-- `type` (only this type), `rules` (an nc.rules set with TYPE.FORM labels, used
-- with the bundled cues), `bundled` (false: only opts.rules).
-- @see newscorpus.events
local events_mod

function methods.events(self, opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'events' (table expected, got " .. type(opts) .. ")", 2)
  end
  events_mod = events_mod or require("newscorpus.events")
  if opts and opts.type ~= nil and type(opts.type) ~= "string" then
    error("bad argument #1 to 'events' (type must be a string)", 2)
  end
  if opts and opts.rules ~= nil and not require("newscorpus.rules").is(opts.rules) then
    error("bad argument #1 to 'events' (rules must be a rule set from nc.rules)", 2)
  end
  return events_mod.find(self, opts)
end

--- Matches of a rule set from nc.rules: {start, stop, text, label, rule, value}.
function methods.match(self, rules)
  if type(rules) ~= "table" or type(rules.match) ~= "function" then
    error("bad argument #1 to 'match' (rule set from nc.rules expected, got " .. type(rules) .. ")", 2)
  end
  return rules:match(self)
end

--- Drop cached layers (memory).
function methods.release(self)
  rawset(self, "_tokens", nil)
  rawset(self, "_sentences", nil)
  rawset(self, "_norm", nil)
  rawset(self, "_clean", nil)
  rawset(self, "_entities", nil)
  rawset(self, "_ments", nil)
end

return M
