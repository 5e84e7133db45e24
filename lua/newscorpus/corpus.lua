--- Corpus: a lazy, streaming sequence of documents read from files, folders,
-- JSON Lines, standard input or Lua tables. Only the current document is in
-- memory; problems with the input are reported, and the rest is processed.
-- @module newscorpus.corpus
local core = require "newscorpus.core"
local document = require "newscorpus.document"

local type, ipairs, pairs, error, tostring = type, ipairs, pairs, error, tostring
local find, sub, byte = string.find, string.sub, string.byte
local co_wrap, co_yield = coroutine.wrap, coroutine.yield

local M = {}
local Corpus = {}
Corpus.__index = Corpus
M.Corpus = Corpus

local READ_ALL = "*a" -- accepted by every Lua version

local function stem(path)
  local base = path:match("([^/\\]+)$") or path
  return (base:gsub("%.[^.]*$", ""))
end

local function is_jsonl(path)
  return path:match("%.jsonl$") ~= nil or path:match("%.ndjson$") ~= nil
end

--- The headline of a plain-text article: its first non-empty line, trimmed,
-- when that reads as a headline (not a long sentence of the body).
local function first_line(text)
  for line in text:gmatch("[^\r\n]+") do
    local t = line:match("^%s*(.-)%s*$")
    if t ~= "" then return require("newscorpus.meta").is_headline(t) and t or nil end
  end
  return nil
end

-- Encoding labels accepted in opts.encoding. Latin-1 labels decode as
-- Windows-1252, its superset, as the WHATWG Encoding Standard does.
local ENCODINGS = {
  auto = "auto", ["utf-8"] = "utf-8", utf8 = "utf-8",
  ["latin-1"] = "windows-1252", latin1 = "windows-1252", ["iso-8859-1"] = "windows-1252",
  ["windows-1252"] = "windows-1252", cp1252 = "windows-1252",
}

--- The canonical name of an encoding label ("auto", "utf-8" or "windows-1252"), or nil.
function M.encoding_name(label)
  return type(label) == "string" and ENCODINGS[label:lower()] or nil
end

-- Decode text read in encoding `enc` (canonical name) to UTF-8. Returns the
-- text and the name of the encoding it was converted from (nil when none).
-- A third result, true, says the text was checked and is valid UTF-8. With
-- i, j only text:sub(i, j) is meant, read in place; the text's part comes
-- back as the fourth and fifth results (1, #converted when converted).
local function decode(text, enc, i, j)
  local clean
  if enc == "auto" then
    local _, invalid
    enc, _, invalid = core.encoding(text, i, j)
    clean = invalid == 0
  end
  if enc == "windows-1252" then
    local t = core.from_cp1252(i and text:sub(i, j) or text)
    return t, enc, nil, 1, #t
  end
  return text, nil, clean, i, j
end

--- Create a corpus.
-- @param src a path (file or folder), "-" for stdin, a list of paths, a list of
-- tables ({text = ..., id = ..., ...}) or one such table, or a list of texts
-- with `opts.texts = true`
-- @tparam[opt] table opts `on_error = function(msg)` called for each input problem
-- (they are also collected in `corpus.errors`); `recursive` (default true);
-- `extensions` (default {"txt", "jsonl"}) for files found in folders;
-- `texts = true`: strings in the list are texts, not paths;
-- `encoding` of files, stdin and texts: "auto" (default: UTF-8, or
-- Windows-1252/Latin-1 when the bytes are not UTF-8 and read as it),
-- "utf-8", or "latin-1" ("iso-8859-1", "windows-1252", "cp1252"). Converted
-- documents say so in `meta.encoding`.
-- @return Corpus
function M.new(src, opts)
  local t = type(src)
  if t ~= "string" and t ~= "table" then
    error("bad argument #1 to 'load' (string or table expected, got " .. t .. ")", 3)
  end
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #2 to 'load' (table expected, got " .. type(opts) .. ")", 3)
  end
  opts = opts or {}
  local enc = M.encoding_name(opts.encoding or "auto")
  if not enc then
    error("bad argument #2 to 'load' (unknown encoding " .. tostring(opts.encoding) .. ")", 3)
  end
  if t == "table" and src.text ~= nil then src = { src } end
  local exts = {}
  for _, e in ipairs(opts.extensions or { "txt", "jsonl" }) do exts[e] = true end
  return setmetatable({
    src = t == "string" and { src } or src,
    opts = opts,
    encoding = enc,
    exts = exts,
    errors = {},
  }, Corpus)
end

function Corpus:_error(msg)
  self.errors[#self.errors + 1] = msg
  if self.opts.on_error then self.opts.on_error(msg) end
end

local json -- loaded on first JSONL input
local json_record = core.json_record

-- Turn one decoded JSON object into a document, or report why not. where:
-- where it comes from (for errors), default_id: the id when it has none;
-- with line, both are made only when needed, as where .. ":" .. line (no
-- string or closure per line of a file). checked: the JSON line is valid
-- UTF-8, so its strings are too (cjson writes \u escapes as valid UTF-8 and
-- rejects lone surrogates): no second look. own: obj was decoded here, so it
-- becomes the meta table itself (a caller's table is copied instead).
local function made(v, line)
  if line then return v .. ":" .. line end
  return v
end

local function jsonl_doc(self, obj, where, default_id, checked, own, line)
  if type(obj) ~= "table" or obj[1] ~= nil then
    self:_error(made(where, line) .. ": expected a JSON object")
    return nil
  end
  local text = obj.text
  if type(text) ~= "string" then
    self:_error(made(where, line) .. ': missing "text" string')
    return nil
  end
  local meta
  if own then
    meta = obj
    meta.text = nil
    for k, v in pairs(meta) do
      if v == json.null then meta[k] = nil end   -- clearing a field while traversing is allowed
    end
  else
    meta = {}
    for k, v in pairs(obj) do
      if k ~= "text" and v ~= json.null then meta[k] = v end
    end
  end
  if not meta.encoding and not checked then
    text, meta.encoding = decode(text, self.encoding)
  end
  local id = meta.id
  if type(id) == "number" and id == math.floor(id) and math.abs(id) < 2 ^ 53 then
    id = ("%d"):format(id)                   -- cjson gives 5.0 for 5 on Lua 5.3+
  end
  meta.id = id ~= nil and tostring(id) or made(default_id, line)
  return document.new(text, meta)
end

-- Lines of an open file, read in 1 MB blocks (file:lines() reads a character
-- at a time: 3x slower on long JSON lines). Each line is given in place, as
-- s, i, j (s:sub(i, j) is the line): no string is made for it unless it runs
-- over from one block to the next.
local function block_lines(f)
  local buf, pos, parts = "", 1, nil   -- parts: pieces of a line longer than a block
  return function()
    while true do
      local e = buf and find(buf, "\n", pos, true)
      if e then
        local a = pos
        pos = e + 1
        if parts then
          parts[#parts + 1] = sub(buf, a, e - 1)
          local line = table.concat(parts)
          parts = nil
          return line, 1, #line
        end
        return buf, a, e - 1
      end
      if not buf then return nil end
      if pos <= #buf then
        parts = parts or {}
        parts[#parts + 1] = sub(buf, pos)
      end
      buf, pos = f:read(1048576), 1
      if not buf and parts then
        local line = table.concat(parts)
        parts = nil
        return line, 1, #line
      end
    end
  end
end

-- Yield the documents of JSON Lines from an iterator of lines (each s, i, j
-- as block_lines gives them, or a line alone).
local BLANK = " \t\r\n\f\v"
local find_byte = core.find_byte
local function yield_jsonl(self, lines, path, first)
  json = json or require "newscorpus.json"
  local n = 0
  local name = stem(path)
  local enc_opt = self.encoding
  local function handle(s, a, b)
    n = n + 1
    a, b = a or 1, b or #s
    if byte(s, b) == 13 then b = b - 1 end
    if a > b or not find_byte(s, BLANK, a, b, true) then return end
    local enc, clean
    s, enc, clean, a, b = decode(s, enc_opt, a, b)
    -- flat records are read in C, in place; anything else (or invalid) by cjson
    local obj, err = json_record(s, a, b)
    if obj == nil then obj, err = json.decode(sub(s, a, b)) end
    if obj == nil then
      self:_error(path .. ":" .. n .. ": malformed JSON: " .. tostring(err))
      return
    end
    if enc and type(obj) == "table" and obj.encoding == nil then obj.encoding = enc end
    local doc = jsonl_doc(self, obj, path, name, clean, true, n)
    if doc then
      doc.meta.path = path
      doc.meta.line = n
      co_yield(doc)
    end
  end
  if first then handle(first) end
  for s, a, b in lines do handle(s, a, b) end
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text, rerr = f:read(READ_ALL)
  f:close()
  if not text then return nil, path .. ": " .. tostring(rerr) end
  return text
end

--- Read one plain-text article into a document (id = file name without extension,
-- meta.title = first non-empty line).
-- @tparam[opt="auto"] string enc canonical encoding name (see M.encoding_name)
-- @return Document, or nil, message
function M.read_text(path, enc)
  local text, err = read_file(path)
  if not text then return nil, err end
  local from
  text, from = decode(text, enc or "auto")
  return document.new(text, { id = stem(path), path = path, title = first_line(text), encoding = from })
end

-- Yield documents of one file.
local function yield_file(self, path)
  if is_jsonl(path) then
    local f, err = io.open(path, "rb")
    if not f then self:_error(err) return end
    yield_jsonl(self, block_lines(f), path)
    f:close()
    return
  end
  local doc, err = M.read_text(path, self.encoding)
  if not doc then self:_error(err) return end
  co_yield(doc)
end

-- Yield documents of a folder, recursively, in name order.
local function yield_dir(self, path)
  local entries, err = core.listdir(path)
  if not entries then self:_error(err) return end
  local names = {}
  for name in pairs(entries) do
    if name:sub(1, 1) ~= "." then names[#names + 1] = name end
  end
  table.sort(names)
  for _, name in ipairs(names) do
    local full = path:gsub("/+$", "") .. "/" .. name
    local kind = entries[name]
    if kind == "dir" then
      if self.opts.recursive ~= false then yield_dir(self, full) end
    elseif kind == "file" then
      local ext = name:match("%.([^.]+)$")
      if ext and self.exts[ext] then yield_file(self, full) end
    end
  end
end

-- Standard input: JSON Lines when the first non-blank line starts with '{',
-- otherwise one plain-text document.
local function yield_stdin(self)
  local lines = io.stdin:lines()
  local first = lines()
  while first and not first:find("%S") do first = lines() end
  if not first then return end
  if first:match("^%s*{") then
    yield_jsonl(self, lines, "-", first)
    return
  end
  local buf = { first }
  for line in lines do buf[#buf + 1] = line end
  local text, from = decode(table.concat(buf, "\n"), self.encoding)
  co_yield(document.new(text, { id = "stdin", path = "-", title = first_line(text), encoding = from }))
end

local function yield_source(self, item, index)
  local t = type(item)
  if t == "string" and not self.opts.texts then
    if item == "-" then return yield_stdin(self) end
    local kind, err = core.filekind(item)
    if not kind then self:_error(err) return end
    if kind == "dir" then return yield_dir(self, item) end
    return yield_file(self, item)
  elseif t == "string" then
    local text, from = decode(item, self.encoding)
    co_yield(document.new(text, { id = tostring(index), title = first_line(text), encoding = from }))
  elseif t == "table" then
    if getmetatable(item) == document.Document then co_yield(item) return end
    json = json or require "newscorpus.json"
    local doc = jsonl_doc(self, item, "item " .. index, tostring(index))
    if doc then co_yield(doc) end
  else
    self:_error("item " .. index .. ": expected a path, a text or a table, got " .. t)
  end
end

--- Iterate over the documents: `for doc in corpus:docs() do ... end`.
-- Input problems go to `corpus.errors` (and `opts.on_error`); iteration goes on.
function Corpus:docs()
  local src = self.src
  return co_wrap(function()
    for i, item in ipairs(src) do yield_source(self, item, i) end
  end)
end

--- Count the documents (reads the whole corpus).
function Corpus:count()
  local n = 0
  for _ in self:docs() do n = n + 1 end
  return n
end

-- An iterator of (doc, item) over the items doc[method](doc, opts) lists for
-- every document, streaming.
local function each_item(corpus, method, opts)
  local docs = corpus:docs()
  local doc, list, i = nil, {}, 0
  return function()
    while true do
      i = i + 1
      if list[i] then return doc, list[i] end
      doc = docs()
      if not doc then return nil end
      list, i = doc[method](doc, opts), 0
    end
  end
end

-- Every record mod.records(doc, opts) gives over the corpus, each document
-- released once read (claims and quotes for comparison across documents).
local function records(corpus, mod, opts)
  local all = {}
  for doc in corpus:docs() do
    for _, r in ipairs(mod.records(doc, opts)) do all[#all + 1] = r end
    doc:release()
  end
  return all
end

--- Entity mentions over the corpus, streaming: `:each()` yields (doc, mention)
-- for every mention; `:count()` aggregates per entity id into a list of
-- {id, name, type, mentions, docs, aliases} sorted by mentions (memory grows
-- with the number of distinct entities, not documents).
-- @tparam[opt] table opts as for doc:entities (gazetteer, discover, type)
function Corpus:entities(opts)
  if opts ~= nil and type(opts) ~= "table" then
    error("bad argument #1 to 'entities' (table expected, got " .. type(opts) .. ")", 2)
  end
  local corpus = self
  local E = {}
  function E.each() return each_item(corpus, "entities", opts or {}) end
  function E.count()
    -- counted in C (a tally): no Lua value per mention
    local tally = core.tally()
    local entities_mod = require "newscorpus.entities"
    for doc in corpus:docs() do entities_mod.tally(doc, tally, opts) end
    local order = tally:list()
    tally:close()
    return order
  end
  return E
end

-- A layer over the corpus: `:each()` yields (doc, item) streaming; `:records()`
-- every record mod.records gives; `:<across>([aopts])` = fn(records, aopts)
-- (called with a colon or a dot).
local function layer_view(corpus, method, mod, opts, across, fn)
  local V = {}
  function V.each() return each_item(corpus, method, opts) end
  function V.records() return records(corpus, mod, opts) end
  V[across] = function(_, aopts)
    if type(_) == "table" and _ ~= V then aopts = _ end
    return fn(V.records(), aopts)
  end
  return V
end

--- Figures over the corpus: `:each()` yields (doc, claim) for every claim;
-- `:compare([opts])` groups the claims of a counted kind about the same subject
-- and of the same size across documents, with document, date and sentence as
-- evidence, and says where they disagree (see newscorpus.claims.compare; opts
-- `factor`, `min_docs`). Memory grows with the number of counted claims.
-- @tparam[opt] table opts as for doc:claims (kind, rules)
function Corpus:claims(opts)
  local claims = require "newscorpus.claims"
  return layer_view(self, "claims", claims, opts, "compare", claims.compare)
end

--- Quotes and reported speech over the corpus: `:each()` yields (doc, quote);
-- `:groups([opts])` groups the same quotation (or a paraphrase) across
-- documents, with speaker, date and document (see newscorpus.quotes.groups;
-- opts `overlap`, `min_docs`). Memory grows with the number of quotes.
-- @tparam[opt] table opts as for doc:quotes (kind, scare, indirect)
function Corpus:quotes(opts)
  local quotes = require "newscorpus.quotes"
  return layer_view(self, "quotes", quotes, opts, "groups", quotes.groups)
end

--- Events over the corpus: `:each()` yields (doc, event); `:records()` every
-- event with doc, published, source and title; `:timeline([opts])` merges the
-- reports of one real-world event across documents (same parties, compatible
-- place and date) and lists the events by date with their reports (see
-- newscorpus.timeline; opts `min_docs`). Memory grows with the number of events.
-- @tparam[opt] table opts as for doc:events (type, rules, bundled)
function Corpus:events(opts)
  local events = require "newscorpus.events"
  return layer_view(self, "events", events, opts, "timeline", events.timeline)
end

--- The timeline of the corpus: corpus:events(opts):timeline(topts).
function Corpus:timeline(topts, opts)
  return self:events(opts):timeline(topts)
end

return M
