--- newscorpus: analyse corpora of news articles. A C core does the byte-level
-- work (UTF-8, normalisation, tokens, sentences); this module composes it.
--
--     local nc = require "newscorpus"
--     for doc in nc.load("seeds/"):docs() do print(doc.id, #doc:sentences()) end
--
-- @module newscorpus
local core = require "newscorpus.core"
local document = require "newscorpus.document"
local corpus = require "newscorpus.corpus"
local data = require "newscorpus.data"

local M = {}

M.version = core.version
M.core = core

--- Create a document from a string. @see newscorpus.document.new
-- @tparam string text
-- @tparam[opt] table meta (id, title, date, source, url, ...)
function M.doc(text, meta)
  return document.new(text, meta)
end

--- Open a corpus (lazy; nothing is read until you iterate). @see newscorpus.corpus.new
function M.load(src, opts)
  return corpus.new(src, opts)
end

--- Read one plain-text file into a document.
-- @tparam[opt] table opts `encoding`: "auto" (default), "utf-8" or "latin-1"
-- (see newscorpus.corpus.new)
-- @return Document, or nil, message
function M.read(path, opts)
  if type(path) ~= "string" then
    error("bad argument #1 to 'read' (string expected, got " .. type(path) .. ")", 2)
  end
  local enc = corpus.encoding_name(opts and opts.encoding or "auto")
  if not enc then
    error("bad argument #2 to 'read' (unknown encoding " .. tostring(opts.encoding) .. ")", 2)
  end
  return corpus.read_text(path, enc)
end

--- Normalise a string. @see newscorpus.document normalized
-- @return normalised string, map, repairs, mojibake
function M.normalize(text, form, opts)
  if type(text) ~= "string" then
    error("bad argument #1 to 'normalize' (string expected, got " .. type(text) .. ")", 2)
  end
  return document.new(text, { id = "" }):normalized(form, opts)
end

--- Build a gazetteer from files or tables, alone or with the bundled one.
-- @see newscorpus.gazetteer.new
-- @return Gazetteer, or nil, message
function M.gazetteer(spec)
  return require("newscorpus.gazetteer").new(spec)
end

--- Compile a rule set of labelled PCRE2 patterns. @see newscorpus.rules.new
-- @return RuleSet, or nil, message with the rule's file, line and pattern offset
function M.rules(spec)
  return require("newscorpus.rules").new(spec)
end

--- The data directory (gazetteers, abbreviation lists, rules).
M.data_dir = data.dir

--- Replace the abbreviation and sentence-starter lists used by the sentence
-- splitter with your own files (same format as data/abbreviations.txt and
-- data/sentence-starters.txt). Call with no arguments to restore the defaults.
-- @return true, or nil, message
function M.set_abbreviations(abbrev_file, starter_file)
  if abbrev_file == nil and starter_file == nil then
    document.set_splitter_words(nil)
    return true
  end
  local ws, err = data.splitter_words(abbrev_file, starter_file)
  if not ws then return nil, err end
  document.set_splitter_words(ws)
  return true
end

M.Document = document.Document
M.Corpus = corpus.Corpus

return M
