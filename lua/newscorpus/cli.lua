--- The `newscorpus` command line: subcommands over the Lua API.
-- Exit status: 0 ok, 1 some input could not be read (the rest was processed),
-- 2 usage error. `--json` prints JSON Lines (fields as in DESIGN.md).
-- @module newscorpus.cli
local nc = require "newscorpus"
local core = require "newscorpus.core"
local data = require "newscorpus.data"
local fmt = require "newscorpus.format"

local M = {}

local COMMANDS = {}
local ORDER = { "report", "docs", "clean", "sentences", "tokens", "entities", "kwic", "dates", "claims", "quotes",
  "events", "timeline" }

COMMANDS.docs = {
  summary = "one line per document: id, title, date, source, size, sentences, tokens, removed",
  usage = "newscorpus docs [--json] [PATH ...]",
  options = { json = "JSON Lines: doc, path, title, date, date_source, source, dateline, byline, bytes, "
    .. "encoding (when converted), sentences, tokens, invalid_utf8, nul, removed ({start, stop, reason})" },
}
COMMANDS.clean = {
  summary = "each document's cleaned body, and what was removed and why",
  usage = "newscorpus clean [--json] [--removed] [PATH ...]",
  options = {
    json = "JSON Lines: doc, title, date, text (the cleaned body), removed ({start, stop, reason, text})",
    removed = "list the removed spans with their reasons instead of the cleaned text",
  },
}
COMMANDS.sentences = {
  summary = "the sentences of each document with their byte spans",
  usage = "newscorpus sentences [--json] [PATH ...]",
  options = { json = "JSON Lines: doc, start, stop, text, para" },
}
COMMANDS.tokens = {
  summary = "the tokens of each document with kind and byte span",
  usage = "newscorpus tokens [--json] [--kind KIND] [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, text, kind",
    kind = "only tokens of this kind (" .. table.concat(core.token_kinds, ", ") .. ")",
  },
  values = { kind = true },
}
COMMANDS.entities = {
  summary = "people, organisations and places: each mention with its entity id, or counts per entity",
  usage = "newscorpus entities [--json] [--count] [--type T] [--gazetteer FILE [--only]] [--no-discover] [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, text, id, name, type, source (with --count: id, name, type, "
      .. "mentions, docs, aliases)",
    count = "one row per entity: mentions, documents and the forms it was written in",
    type = "only entities of this type (PERSON, ORG, PLACE)",
    gazetteer = "a gazetteer file (TSV, JSON, JSON Lines, Lua, or saved) used before the bundled one",
    only = "use only the --gazetteer file, not the bundled gazetteer",
    ["no-discover"] = "gazetteer matches only: no discovered names",
  },
  values = { type = true, gazetteer = true },
}
COMMANDS.kwic = {
  summary = "keyword in context: every mention of an entity (by id, name or alias) or of a string",
  usage = "newscorpus kwic [--json] [--width N] TERM [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, left, match, right",
    width = "characters of context on each side (default 40)",
  },
  values = { width = true },
  term = true,
}
COMMANDS.dates = {
  summary = "dates and times the articles mention, with values resolved against the publication date",
  usage = "newscorpus dates [--json] [--anchor YYYY-MM-DD] [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, text, value, kind, granularity, anchor",
    anchor = "resolve relative dates against this date (default: each document's date, from its "
      .. "metadata or its text)",
  },
  values = { anchor = true },
}
COMMANDS.claims = {
  summary = "figures the articles give (deaths, injured, displaced, troops, territory, money, population), "
    .. "or where outlets disagree",
  usage = "newscorpus claims [--json] [--compare] [--kind KIND] [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, text, value, low, high, approx, kind, unit, label, sentence "
      .. "(with --compare: one line per group: kind, subject, subject_name, unit, docs, agree, low, high, "
      .. "claims with doc, date, source, text, value, low, high, approx, evidence)",
    compare = "group the figures of one kind about one subject across documents and show where they disagree",
    kind = "only figures of this kind (deaths, injured, displaced, troops, territory, money, population, other)",
  },
  values = { kind = true },
}
COMMANDS.quotes = {
  summary = "quotations and reported speech with their speakers, or the same quotation across documents",
  usage = "newscorpus quotes [--json] [--group] [--kind KIND] [--speaker ID] [PATH ...]",
  options = {
    json = "JSON Lines: doc, start, stop, text, kind, speaker, speaker_id, speaker_type, speaker_text, "
      .. "speaker_start, speaker_stop, cue, closed (with --group: one line per group: speaker, speaker_id, "
      .. "docs, same_wording, quotes with doc, date, source, start, stop, kind, text)",
    group = "group the same quotation (or a paraphrase of it) across documents",
    kind = "only quotes of this kind (direct, partial, indirect, scare)",
    speaker = "only quotes whose speaker has this entity id (person:vladimir-putin) or name",
  },
  values = { kind = true, speaker = true },
}
COMMANDS.events = {
  summary = "meetings, talks, calls and visits: who met whom, where and when, with the evidence sentence",
  usage = "newscorpus events [--json] [--type TYPE] [--with ID] [--rules FILE] [PATH ...]",
  options = {
    json = "JSON Lines: doc, type, participants (entity ids), parties ({id, name, type, text, start, stop}), "
      .. "place, place_name, place_text, date, date_text, cue, start, stop (the evidence sentence), text",
    type = "only events of this type (meeting, talks, call, visit, or a type of your own rules)",
    with = "only events with this participant (entity id such as person:vladimir-putin, or name)",
    rules = "more event cues (LABEL<TAB>OPTIONS<TAB>PATTERN lines, labels TYPE.FORM as in "
      .. "data/rules/events.txt), used with the bundled ones",
  },
  values = { type = true, with = true, rules = true },
}
COMMANDS.timeline = {
  summary = "the events of all documents merged (same parties, compatible place and date) and listed by date",
  usage = "newscorpus timeline [--json] [--type TYPE] [--with ID] [--min-docs N] [--rules FILE] [PATH ...]",
  options = {
    json = "JSON Lines, one per event: date, first, last, approx, type, participants, parties, place, "
      .. "place_name, docs, reports (doc, published, source, title, start, stop, cue, date_text, text)",
    type = "only events of this type",
    with = "only events with this participant (entity id or name)",
    ["min-docs"] = "only events reported by at least N documents (default 1)",
    rules = "more event cues (as for newscorpus events --rules)",
  },
  values = { type = true, with = true, ["min-docs"] = true, rules = true },
}
COMMANDS.report = {
  summary = "summary of the corpus: documents, figures where they differ across documents, the timeline of "
    .. "who met whom, then each document's sentences",
  usage = "newscorpus report [PATH ...]",
  options = {},
}

-- Options every command takes.
for _, c in pairs(COMMANDS) do
  c.options.encoding = "encoding of the input: auto (default: UTF-8, or Latin-1/Windows-1252 "
    .. "when the bytes are not UTF-8), utf-8, latin-1"
  c.values = c.values or {}
  c.values.encoding = true
end

local USAGE_ERROR = {}

local function usage_error(msg)
  error(setmetatable({ msg = msg }, USAGE_ERROR), 0)
end

local function help_text(name)
  local c = COMMANDS[name]
  local lines = { "usage: " .. c.usage, "", c.summary, "",
    "With no PATH, runs on the bundled seeds/. PATH: files (.txt: one article; .jsonl: one",
    "article per line with id, title, text, date, url, source), folders (recursive), or - (stdin).",
    "", "options:" }
  local keys = {}
  for k in pairs(c.options) do keys[#keys + 1] = k end
  table.sort(keys)
  for _, k in ipairs(keys) do
    lines[#lines + 1] = ("  --%-12s %s"):format(k .. (c.values and c.values[k] and " X" or ""), c.options[k])
  end
  lines[#lines + 1] = ("  --%-12s %s"):format("help", "this help")
  return table.concat(lines, "\n") .. "\n"
end

local function main_help()
  local lines = { "usage: newscorpus COMMAND [options] [PATH ...]", "",
    "Analyse a corpus of news articles (default: the bundled seeds/).", "", "commands:" }
  for _, name in ipairs(ORDER) do
    lines[#lines + 1] = ("  %-10s %s"):format(name, COMMANDS[name].summary)
  end
  lines[#lines + 1] = ""
  lines[#lines + 1] = "newscorpus COMMAND --help for a command's options; --version for the version."
  return table.concat(lines, "\n") .. "\n"
end

-- Parse argv for a command: returns options table and list of paths.
local function parse(name, argv, first)
  local c = COMMANDS[name]
  local opts, paths = {}, {}
  local i = first
  while i <= #argv do
    local a = argv[i]
    if a == "--" then
      for j = i + 1, #argv do paths[#paths + 1] = argv[j] end
      break
    elseif a == "-h" or a == "--help" then
      opts.help = true
    elseif a:sub(1, 2) == "--" then
      local key, val = a:match("^%-%-([^=]+)=(.*)$")
      key = key or a:sub(3)
      if not c.options[key] then usage_error(("unknown option %s for '%s'"):format(a, name)) end
      if c.values and c.values[key] then
        if not val then
          i = i + 1
          val = argv[i]
          if val == nil then usage_error(("option --%s needs a value"):format(key)) end
        end
        opts[key] = val
      else
        if val then usage_error(("option --%s takes no value"):format(key)) end
        opts[key] = true
      end
    elseif a:sub(1, 1) == "-" and a ~= "-" then
      usage_error(("unknown option %s for '%s'"):format(a, name))
    else
      paths[#paths + 1] = a
    end
    i = i + 1
  end
  return opts, paths
end

-- Output context shared by the commands.
local function context(opts, paths, out, err)
  local ctx = { opts = opts, out = out, err = err, failed = false, bytes = 0, ndocs = 0 }
  if #paths == 0 then
    local seeds = data.seeds_dir()
    if not seeds then usage_error("no PATH given and the bundled seeds/ are not installed") end
    paths = { seeds }
  end
  if opts.encoding and not require("newscorpus.corpus").encoding_name(opts.encoding) then
    usage_error("unknown encoding '" .. opts.encoding .. "' (auto, utf-8 or latin-1)")
  end
  ctx.corpus = nc.load(paths, {
    encoding = opts.encoding,
    on_error = function(msg)
      ctx.failed = true
      err:write("newscorpus: ", msg, "\n")
    end,
  })
  ctx.progress = core.isatty(2) and fmt.progress(err) or nil
  return ctx
end

-- Iterate over documents, with the progress line when stderr is a terminal.
local function each_doc(ctx)
  local it = ctx.corpus:docs()
  return function()
    local doc = it()
    if doc then
      ctx.ndocs = ctx.ndocs + 1
      ctx.bytes = ctx.bytes + #doc.text
      if ctx.progress then ctx.progress:update(ctx.ndocs, ctx.bytes) end
    elseif ctx.progress then
      ctx.progress:done()
    end
    return doc
  end
end

-- Every record mod.records(doc, opts) gives over the command's documents (those
-- filter(ctx, list) keeps, when given), each document released once read.
local function collect(ctx, mod, opts, filter)
  local all = {}
  for doc in each_doc(ctx) do
    local list = mod.records(doc, opts)
    if filter then list = filter(ctx, list) end
    for _, r in ipairs(list) do all[#all + 1] = r end
    doc:release()
  end
  return all
end

-- Sentences/tokens of a doc, or report why not (a document over 4 GiB).
local function layer(ctx, doc, name)
  local v, err = doc[name](doc)
  if not v then
    ctx.failed = true
    ctx.err:write("newscorpus: ", doc.id, ": ", err, "\n")
  end
  return v
end

local function needs_repair(doc)
  return doc.stats.invalid_utf8 > 0
end

local function json_line(ctx, obj, repair)
  ctx.out:write(fmt.json(obj, repair), "\n")
end

local function flat_line(ctx, obj, repair)
  ctx.out:write(fmt.json_flat(obj, repair), "\n")
end

-- Streaming table for one document's rows: doc id, numbers sized to the text,
-- then `extra` columns, text last. Returns a function(cells...) writing one line.
-- Column writers and header lines by heads table, then by the widths of the id
-- and number columns: most documents share them, and building a writer costs
-- more than a row.
local table_cache = setmetatable({}, { __mode = "k" })

local function doc_table(ctx, doc, heads, idw, nw)   -- idw, nw: the widths, when the caller has them
  idw = idw or math.max(fmt.width(fmt.cell(doc.id)), 3)
  nw = nw or math.max(#tostring(#doc.text), 5)
  local by_width = table_cache[heads]
  if not by_width then by_width = {} table_cache[heads] = by_width end
  local key = idw * 100 + nw
  local t = by_width[key]
  if not t then
    local cols = { { idw } }
    for k, h in ipairs(heads) do
      if h[2] == "num" then cols[k + 1] = { math.max(nw, #h[1]), right = true }
      elseif h[2] == "kind" then cols[k + 1] = { 7 }
      elseif type(h[2]) == "number" then cols[k + 1] = { math.max(h[2], #h[1]) }
      else cols[k + 1] = { 0 } end
    end
    local titles = { "doc" }
    for k, h in ipairs(heads) do titles[k + 1] = h[1] end
    local write, header = fmt.row_writer(cols), nil
    write({ write = function(_, line) header = line end }, (table.unpack or unpack)(titles))
    t = { write, header }
    by_width[key] = t
  end
  ctx.out:write(t[2])
  return t[1]
end

-- The columns of each command's table (see doc_table).
local HEADS = {
  sentences = { { "#", "num" }, { "start", "num" }, { "stop", "num" }, { "text" } },
  tokens = { { "start", "num" }, { "stop", "num" }, { "kind", "kind" }, { "text" } },
  dates = { { "start", "num" }, { "stop", "num" }, { "value", 11 }, { "kind", 8 }, { "anchor", 10 }, { "text" } },
  claims = { { "start", "num" }, { "stop", "num" }, { "kind", 10 }, { "figure", 22 }, { "text" } },
  quotes = { { "start", "num" }, { "stop", "num" }, { "kind", 8 }, { "speaker", 26 }, { "cue", 10 }, { "text" } },
  events = { { "start", "num" }, { "stop", "num" }, { "type", 10 }, { "date", 10 }, { "place", 12 }, { "participants" } },
}

-- Removed spans as JSON-ready rows (with the text when `with_text`).
local function removed_rows(doc, with_text)
  local out = fmt.array()
  for _, r in ipairs(doc:clean().removed) do
    out[#out + 1] = { start = r.start, stop = r.stop, reason = r.reason,
      text = with_text and doc.text:sub(r.start, r.stop) or nil }
  end
  return out
end

local function doc_row(ctx, doc)
  local toks = layer(ctx, doc, "tokens")
  local sents = toks and layer(ctx, doc, "sentences")
  local st = doc.stats
  local meta = doc:metadata()
  local removed = removed_rows(doc, false)
  return {
    doc = doc.id, path = meta.path, title = meta.title, date = meta.date,
    date_source = meta.date_source, source = meta.source, dateline = meta.dateline,
    byline = meta.byline, encoding = meta.encoding, bytes = #doc.text,
    sentences = sents and #sents or 0, tokens = toks and #toks or 0,
    invalid_utf8 = st.invalid_utf8, nul = st.nul, removed = removed, nremoved = #removed,
  }
end

local DOC_COLS = {
  { "doc", "doc" }, { "title", "title", max = 50 }, { "date", "date" }, { "source", "source" },
  { "bytes", "bytes", right = true }, { "sentences", "sents", right = true },
  { "tokens", "tokens", right = true }, { "nremoved", "removed", right = true },
}

function COMMANDS.clean.run(ctx)
  for doc in each_doc(ctx) do
    local c = doc:clean()
    local meta = doc:metadata()
    if ctx.opts.json then
      json_line(ctx, { doc = doc.id, title = meta.title, date = meta.date, text = c.text,
        removed = removed_rows(doc, true) }, needs_repair(doc))
    elseif ctx.opts.removed then
      local rows = {}
      for _, r in ipairs(c.removed) do
        rows[#rows + 1] = { doc = doc.id, start = r.start, stop = r.stop, reason = r.reason,
          text = doc.text:sub(r.start, r.stop) }
      end
      if #rows > 0 then
        fmt.table(ctx.out, rows, { { "doc", "doc" }, { "start", "start", right = true },
          { "stop", "stop", right = true }, { "reason", "reason" }, { "text", "text" } })
      end
    else
      ctx.out:write("== ", fmt.cell(doc.id), meta.title and ("  " .. fmt.cell(meta.title)) or "",
        meta.date and ("  (" .. meta.date .. ")") or "", "\n")
      ctx.out:write(needs_repair(doc) and (core.utf8_repair(c.text)) or c.text, "\n\n")
    end
  end
end

function COMMANDS.docs.run(ctx)
  local rows = {}
  for doc in each_doc(ctx) do
    local row = doc_row(ctx, doc)
    if ctx.opts.json then
      row.nremoved = nil
      json_line(ctx, row, true)
    else
      rows[#rows + 1] = row
    end
  end
  if not ctx.opts.json then fmt.table(ctx.out, rows, DOC_COLS) end
end

function COMMANDS.sentences.run(ctx)
  for doc in each_doc(ctx) do
    local s = layer(ctx, doc, "sentences")
    if s then
      if ctx.opts.json then
        local rep, row = needs_repair(doc), { doc = doc.id }   -- one row table, reused
        for i = 1, #s do
          local a, b, _, _, para = s:span(i)
          row.start, row.stop, row.text, row.para = a, b, doc.text:sub(a, b), para
          flat_line(ctx, row, rep)
        end
      elseif #s > 0 then
        local write = doc_table(ctx, doc, HEADS.sentences)
        local id = fmt.cell(doc.id)
        for i = 1, #s do
          local a, b = s:span(i)
          write(ctx.out, id, i, a, b, fmt.cell(doc.text:sub(a, b)))
        end
      end
    end
  end
end

function COMMANDS.tokens.run(ctx)
  local want = ctx.opts.kind
  if want then
    local ok = false
    for _, k in ipairs(core.token_kinds) do ok = ok or k == want end
    if not ok then usage_error("unknown token kind '" .. want .. "'") end
  end
  for doc in each_doc(ctx) do
    local t = layer(ctx, doc, "tokens")
    if t then
      local rep, row, write = needs_repair(doc), { doc = doc.id }, nil   -- row reused for JSON
      local id = fmt.cell(doc.id)
      for _, a, b, kind in t:each() do
        if not want or kind == want then
          if ctx.opts.json then
            row.start, row.stop, row.text, row.kind = a, b, doc.text:sub(a, b), kind
            flat_line(ctx, row, rep)
          else
            write = write or doc_table(ctx, doc, HEADS.tokens)
            local text = doc.text:sub(a, b)
            write(ctx.out, id, a, b, kind, rep and fmt.cell(text) or text)
          end
        end
      end
    end
  end
end

local TYPES = { PERSON = true, ORG = true, PLACE = true }

local NULL = require("newscorpus.json").null

-- A document's table rows written in C, under the table's header: rows_of(doc, opts,
-- spec) -> rows, count reads spec.prefix (the doc cell and its gap) and spec.num (the
-- width of the numbers); prefixes caches the id cell's format by width. No Lua table
-- per row.
local function c_rows(ctx, doc, heads, rows_of, opts, spec, prefixes)
  local max = math.max
  local id = fmt.cell(doc.id)
  local idw = max(fmt.width(id), 3)
  local nw = max(#tostring(#doc.text), 5)
  local f = prefixes[idw]
  if not f then f = "%-" .. idw .. "s  " prefixes[idw] = f end
  spec.prefix, spec.num = f:format(id), nw
  local rows, n = rows_of(doc, opts, spec)
  if n > 0 then
    doc_table(ctx, doc, heads, idw, nw)   -- writes the header
    ctx.out:write(rows)
  end
end

function COMMANDS.dates.run(ctx)
  local opts
  if ctx.opts.anchor then
    if not require("newscorpus.dates").day_of(ctx.opts.anchor) then
      usage_error("--anchor needs a date YYYY-MM-DD, not '" .. ctx.opts.anchor .. "'")
    end
    opts = { anchor = ctx.opts.anchor }
  end
  local dates_mod = require("newscorpus.dates")
  local prefixes = {}   -- the id column's cell, by width (doc_table's first column)
  local spec = {}       -- what dates.rows reads, one table for all documents
  for doc in each_doc(ctx) do
    -- rows written in C: no table per date (dates.rows)
    if ctx.opts.json then
      spec.json = doc.id
      ctx.out:write((dates_mod.rows(doc, opts, spec)))
    else
      c_rows(ctx, doc, HEADS.dates, dates_mod.rows, opts, spec, prefixes)
    end
  end
end

-- A number with thousands separators: 500000 -> "500,000"; 66.7 stays.
local function grouped(v)
  v = (v == math.floor(v) and v > -2^53 and v < 2^53) and ("%.0f"):format(v) or ("%.10g"):format(v)
  local int, rest = v:match("^(%d+)(.*)$")
  if not int or #int <= 4 then return v end
  return int:reverse():gsub("(%d%d%d)", "%1,"):reverse():gsub("^,", "") .. rest
end

-- A figure as the tables show it: "more than 500,000", "almost 66.7%", "3,500,000 USD",
-- "200,000-999,999".
local function figure(c)
  local s = grouped(c.value)
  if c.low ~= c.value or c.high ~= c.value then
    if c.approx then s = c.approx .. " " .. s
    elseif c.high then s = grouped(c.low) .. "-" .. grouped(c.high) end
  end
  if c.unit then s = s .. (c.unit == "%" and "%" or " " .. c.unit) end
  return s
end
M._figure = figure   -- claims_spec checks the C rows (claims.rows) against it

-- The sentence around a claim, clipped to about `width` characters around it.
local function evidence(c, width)
  local e = c.evidence or c.text
  local at = (c.evidence_at or 1)
  if #e <= width * 1.5 then return fmt.cell(e) end   -- bytes: a rough cut is enough here
  local a = math.max(1, at - math.floor(width / 2))
  while a > 1 and e:byte(a) and e:byte(a) >= 128 and e:byte(a) < 192 do a = a - 1 end
  local clipped = fmt.clip(fmt.cell(e:sub(a)), width)
  return (a > 1 and "…" or "") .. clipped
end

local function claim_kind(ctx)
  local k = ctx.opts.kind
  if k and not require("newscorpus.claims").KINDS[k] then
    usage_error("unknown kind '" .. k .. "' (deaths, injured, displaced, troops, territory, money, population, other)")
  end
  return k and { kind = k } or nil
end

-- Compare groups as text: a heading per group, then one line per figure with its evidence.
local function write_groups(ctx, groups, width)
  local out = ctx.out
  for _, g in ipairs(groups) do
    out:write(("%s · %s%s · %d documents · %s\n"):format(g.kind, g.subject_name or g.subject or "(no place)",
      g.unit and g.unit ~= "%" and (" · " .. g.unit) or "", g.docs, g.agree and "agree" or "DISAGREE"))
    local rows = {}
    for _, c in ipairs(g.claims) do
      rows[#rows + 1] = { figure = figure(c), doc = c.doc, date = c.date or "-",
        evidence = evidence(c, width or 100) }
    end
    fmt.table(out, rows, { { "figure", "" }, { "doc", "" }, { "date", "" }, { "evidence", "" } },
      { header = false, indent = "  " })
  end
end

function COMMANDS.claims.run(ctx)
  local opts = claim_kind(ctx)
  if ctx.opts.compare then
    local claims = require "newscorpus.claims"
    local records = collect(ctx, claims, opts)
    local groups = claims.compare(records)
    if ctx.opts.json then
      for _, g in ipairs(groups) do
        local list = fmt.array()
        for i, c in ipairs(g.claims) do
          list[i] = { doc = c.doc, date = c.date or NULL, source = c.source, start = c.start, stop = c.stop,
            text = c.text, value = c.value, low = c.low, high = c.high or NULL, approx = c.approx or NULL,
            evidence = c.evidence }
        end
        json_line(ctx, { kind = g.kind, subject = g.subject or NULL, subject_name = g.subject_name or NULL,
          unit = g.unit or NULL, docs = g.docs, agree = g.agree, low = g.low, high = g.high, claims = list }, true)
      end
    else
      write_groups(ctx, groups)
    end
    return
  end
  local claims_mod = require "newscorpus.claims"
  local prefixes, spec = {}, {}   -- as in the dates command
  for doc in each_doc(ctx) do
    if not ctx.opts.json then
      -- rows written in C: no table per figure (claims.rows; the same figures as doc:claims)
      c_rows(ctx, doc, HEADS.claims, claims_mod.rows, opts, spec, prefixes)
    else
      local list = doc:claims(opts)
      local rep, row = needs_repair(doc), { doc = doc.id }
      for _, c in ipairs(list) do
        row.start, row.stop, row.text, row.value, row.low, row.high, row.approx, row.kind, row.unit, row.label,
          row.sentence = c.start, c.stop, c.text, c.value, c.low, c.high or NULL, c.approx or NULL, c.kind,
          c.unit or NULL, c.label, c.sentence or NULL
        flat_line(ctx, row, rep)
      end
    end
  end
end

local function quote_opts(ctx)
  local k = ctx.opts.kind
  if k and not require("newscorpus.quotes").KINDS[k] then
    usage_error("unknown kind '" .. k .. "' (direct, partial, indirect, scare)")
  end
  return k and { kind = k, scare = k == "scare" } or nil
end

local function by_speaker(ctx, list)
  local want = ctx.opts.speaker
  if not want then return list end
  local keep = {}
  for _, q in ipairs(list) do
    if q.speaker_id == want or (q.speaker and q.speaker:lower() == want:lower()) then keep[#keep + 1] = q end
  end
  return keep
end

local function quote_rows(_, list, spec) return core.quote_rows(list, spec) end

function COMMANDS.quotes.run(ctx)
  local opts = quote_opts(ctx)
  if ctx.opts.group then
    local quotes = require "newscorpus.quotes"
    local records = collect(ctx, quotes, opts, by_speaker)
    for _, g in ipairs(quotes.groups(records)) do
      if ctx.opts.json then
        local list = fmt.array()
        for i, q in ipairs(g.quotes) do
          list[i] = { doc = q.doc, date = q.date or NULL, source = q.source, start = q.start, stop = q.stop,
            kind = q.kind, text = q.text, speaker_text = q.speaker_text or NULL }
        end
        json_line(ctx, { speaker = g.speaker or NULL, speaker_id = g.speaker_id or NULL, docs = g.docs,
          same_wording = g.same_wording, quotes = list }, true)
      else
        ctx.out:write(("%s · %d documents · %s\n"):format(g.speaker or "(no speaker)", g.docs,
          g.same_wording and "same wording" or "wording differs"))
        local rows = {}
        for _, q in ipairs(g.quotes) do
          rows[#rows + 1] = { date = q.date or "-", doc = q.doc, kind = q.kind, text = fmt.cell(q.text) }
        end
        fmt.table(ctx.out, rows, { { "date", "" }, { "doc", "" }, { "kind", "" }, { "text", "" } },
          { header = false, indent = "  " })
      end
    end
    return
  end
  local prefixes, spec = {}, {}   -- as in the dates command
  local quotes_mod = require "newscorpus.quotes"
  for doc in each_doc(ctx) do
    if not ctx.opts.json and not ctx.opts.speaker then
      -- rows written in C: no table per quote (quotes.rows; the same quotes as doc:quotes)
      c_rows(ctx, doc, HEADS.quotes, quotes_mod.rows, opts, spec, prefixes)
    else
      local list = by_speaker(ctx, doc:quotes(opts))
      if ctx.opts.json then
        local rep, row = needs_repair(doc), { doc = doc.id }
        for _, q in ipairs(list) do
          row.start, row.stop, row.text, row.kind, row.speaker, row.speaker_id, row.speaker_type, row.speaker_text,
            row.speaker_start, row.speaker_stop, row.cue, row.closed = q.start, q.stop, q.text, q.kind,
            q.speaker or NULL, q.speaker_id or NULL, q.speaker_type or NULL, q.speaker_text or NULL,
            q.speaker_start or NULL, q.speaker_stop or NULL, q.cue or NULL, q.closed
          flat_line(ctx, row, rep)
        end
      elseif #list > 0 then
        -- rows written in C from the list (core.quote_rows): no string per cell
        c_rows(ctx, doc, HEADS.quotes, quote_rows, list, spec, prefixes)
      end
    end
  end
end

local function with_party(ctx, list)
  local want = ctx.opts.with
  if not want then return list end
  local low = want:lower()
  local keep = {}
  for _, e in ipairs(list) do
    for _, p in ipairs(e.parties) do
      if p.id == want or (p.name and p.name:lower() == low) then keep[#keep + 1] = e break end
    end
  end
  return keep
end

local function party_names(e)
  local names = {}
  for _, p in ipairs(e.parties) do names[#names + 1] = p.name or p.text end
  return table.concat(names, ", ")
end

local function parties_json(list)
  local out = fmt.array()
  for i, p in ipairs(list) do
    out[i] = { id = p.id or NULL, name = p.name or NULL, type = p.type or NULL, text = p.text, start = p.start,
      stop = p.stop }
  end
  return out
end

-- The options doc:events takes, from the command line (a bad rules file is a usage error).
local function event_opts(ctx)
  local opts = { type = ctx.opts.type }
  if ctx.opts.rules then
    local r, msg = nc.rules { file = ctx.opts.rules }
    if not r then usage_error(msg) end
    for _, label in ipairs(r.labels) do
      local _, form = label:match("^([%w_%-]+)%.(%a+)$")
      if not require("newscorpus.events").FORMS[form or ""] then
        usage_error(ctx.opts.rules .. ": label '" .. label .. "' is not TYPE.FORM (FORM verb, host, visit or noun)")
      end
    end
    opts.rules = r
  end
  return opts
end

function COMMANDS.events.run(ctx)
  local opts = event_opts(ctx)
  for doc in each_doc(ctx) do
    local list = with_party(ctx, doc:events(opts))
    if ctx.opts.json then
      local rep = needs_repair(doc)
      for _, e in ipairs(list) do
        local ids = fmt.array()
        for i, id in ipairs(e.participants) do ids[i] = id end
        json_line(ctx, { doc = doc.id, type = e.type, participants = ids, parties = parties_json(e.parties),
          place = e.place or NULL, place_name = e.place_name or NULL, place_text = e.place_text or NULL,
          date = e.date or NULL, date_text = e.date_text or NULL, cue = e.cue, start = e.start, stop = e.stop,
          text = e.text }, rep)
      end
    elseif #list > 0 then
      local write = doc_table(ctx, doc, HEADS.events)
      local id = fmt.cell(doc.id)
      for _, e in ipairs(list) do
        write(ctx.out, id, e.start, e.stop, e.type, e.date or (e.date_text and fmt.cell(e.date_text)) or "-",
          fmt.cell(e.place_name or "-"), fmt.cell(party_names(e)))
      end
    end
  end
end

-- The timeline as text: one line per event, its reports under it (clipped to
-- `width` characters when given).
local function write_timeline(ctx, list, width)
  for _, ev in ipairs(list) do
    local when = ev.date or (ev.approx and ev.last and ("by " .. ev.last)) or "undated"
    ctx.out:write(("%s · %s · %s%s · %d document%s\n"):format(when, ev.type, party_names(ev),
      ev.place_name and (" · " .. ev.place_name) or "", ev.docs, ev.docs == 1 and "" or "s"))
    local rows = {}
    for _, r in ipairs(ev.reports) do
      local text = fmt.cell(r.text)
      rows[#rows + 1] = { doc = r.doc, at = r.start .. "-" .. r.stop, text = width and fmt.clip(text, width) or text }
    end
    fmt.table(ctx.out, rows, { { "doc", "" }, { "at", "" }, { "text", "" } }, { header = false, indent = "  " })
  end
end

function COMMANDS.timeline.run(ctx)
  local min = ctx.opts["min-docs"]
  local min_docs = 1
  if min then
    min_docs = tonumber(min)
    if not min_docs or min_docs < 1 or min_docs % 1 ~= 0 then usage_error("--min-docs takes a whole number >= 1") end
  end
  local events = require "newscorpus.events"
  local opts = event_opts(ctx)
  local records = collect(ctx, events, opts, with_party)
  local list = events.timeline(records, { min_docs = min_docs })
  if not ctx.opts.json then write_timeline(ctx, list) return end
  for _, ev in ipairs(list) do
    do
      local reports = fmt.array()
      for i, r in ipairs(ev.reports) do
        reports[i] = { doc = r.doc, published = r.published or NULL, source = r.source or NULL,
          title = r.title or NULL, start = r.start, stop = r.stop, cue = r.cue, date_text = r.date_text or NULL,
          text = r.text }
      end
      local ids = fmt.array()
      for i, id in ipairs(ev.participants) do ids[i] = id end
      json_line(ctx, { date = ev.date or NULL, first = ev.first or NULL, last = ev.last or NULL,
        approx = ev.approx or false, type = ev.type, participants = ids, parties = parties_json(ev.parties),
        place = ev.place or NULL, place_name = ev.place_name or NULL, docs = ev.docs, reports = reports }, true)
    end
  end
end

-- The options doc:entities takes, from the command line (a bad gazetteer is a usage error).
local function entity_opts(ctx)
  local o = { discover = not ctx.opts["no-discover"], type = ctx.opts.type }
  if o.type then
    o.type = o.type:upper()
    if not TYPES[o.type] then usage_error("unknown type '" .. ctx.opts.type .. "' (PERSON, ORG, PLACE)") end
  end
  if ctx.opts.only and not ctx.opts.gazetteer then usage_error("--only needs --gazetteer FILE") end
  if ctx.opts.gazetteer then
    local spec = ctx.opts.only and ctx.opts.gazetteer
      or { sources = { ctx.opts.gazetteer }, default = true }
    local g, err = nc.gazetteer(spec)
    if not g then usage_error("gazetteer: " .. err) end
    o.gazetteer = g
  end
  return o
end

local ents_mod = require "newscorpus.entities"

function COMMANDS.entities.run(ctx)
  local o = entity_opts(ctx)
  if ctx.opts.count then
    local counts = {}
    local order = ctx.corpus:entities(o):count()
    for _, e in ipairs(order) do
      counts[#counts + 1] = { id = e.id, name = e.name, type = e.type, mentions = e.mentions, docs = e.docs,
        aliases = fmt.array(e.aliases), forms = table.concat(e.aliases, ", ") }
    end
    if ctx.opts.json then
      for _, r in ipairs(counts) do r.forms = nil; json_line(ctx, r) end
    else
      fmt.table(ctx.out, counts, { { "type", "type" }, { "mentions", "mentions", right = true },
        { "docs", "docs", right = true }, { "id", "id" }, { "name", "name", max = 30 }, { "forms", "forms", max = 60 } })
    end
    return
  end
  local heads = {}   -- the header line of a document's table, by column widths
  for doc in each_doc(ctx) do
    if ctx.opts.json then
      -- JSON Lines built in C, strings repaired to valid UTF-8 as format.json does
      ctx.out:write((ents_mod.rows(doc, { json = doc.id }, o)))
    else
      -- rows formatted in C: no table per mention; the columns of doc_table
      local idcell = fmt.cell(doc.id)
      local cw = fmt.width(idcell)
      local dw, nw = math.max(cw, 3), math.max(#tostring(#doc.text), 5)
      local rows, n, idw = ents_mod.rows(doc, { prefix = idcell .. (" "):rep(dw - cw) .. "  ", num = nw }, o)
      if n > 0 then
        local key = dw .. " " .. nw .. " " .. idw
        local head = heads[key]
        if not head then
          head = ("%-" .. dw .. "s  %" .. nw .. "s  %" .. nw .. "s  %-7s  %-" .. math.max(idw, 2) .. "s  %s\n")
            :format("doc", "start", "stop", "type", "id", "text")
          heads[key] = head
        end
        ctx.out:write(head, rows)
      end
    end
  end
end

-- Context of [a, b] in text: up to w characters (not bytes) each side, on one line.
local function around(text, a, b, w)
  local l = a - 1
  local k = 0
  while l >= 1 and k < w do
    l = l - 1
    while l >= 1 and text:byte(l + 1) and text:byte(l + 1) >= 0x80 and text:byte(l + 1) < 0xC0 do l = l - 1 end
    k = k + 1
  end
  local r = b + 1
  k = 0
  while r <= #text and k < w do
    r = r + 1
    while r <= #text and text:byte(r) >= 0x80 and text:byte(r) < 0xC0 do r = r + 1 end
    k = k + 1
  end
  local left = text:sub(l + 1, a - 1):gsub("%s+", " ")
  local right = text:sub(b + 1, r - 1):gsub("%s+", " ")
  return left, right
end

function COMMANDS.kwic.run(ctx)
  local term = ctx.term
  local w = tonumber(ctx.opts.width or 40)
  if not w or w < 0 then usage_error("--width needs a number") end
  local lterm = term:lower()
  local rows = {}
  for doc in each_doc(ctx) do
    local text = doc.text
    local hits = {}
    -- entities: by id, or every mention of an entity that TERM names
    local ids = {}
    local ents = doc:entities()
    for _, m in ipairs(ents) do
      if m.id == term or m.text:lower() == lterm or m.name:lower() == lterm then ids[m.id] = true end
    end
    for _, m in ipairs(ents) do
      if ids[m.id] then hits[#hits + 1] = { m.start, m.stop } end
    end
    if #hits == 0 then   -- a plain string, whole words, any case
      local ltext = text:lower()
      local pos = 1
      while true do
        local a, b = ltext:find(lterm, pos, true)
        if not a then break end
        local pre, post = ltext:sub(a - 1, a - 1), ltext:sub(b + 1, b + 1)
        if not pre:find("[%w]") and not post:find("[%w]") then hits[#hits + 1] = { a, b } end
        pos = a + 1
      end
    end
    for _, h in ipairs(hits) do
      local left, right = around(text, h[1], h[2], w)
      local row = { doc = doc.id, start = h[1], stop = h[2], left = left, match = text:sub(h[1], h[2]), right = right }
      if ctx.opts.json then flat_line(ctx, row, needs_repair(doc)) else rows[#rows + 1] = row end
    end
  end
  if not ctx.opts.json then
    for _, r in ipairs(rows) do
      local l = fmt.cell(r.left)
      ctx.out:write(("%-18s %s%s [%s] %s\n"):format(fmt.clip(r.doc, 18),
        string.rep(" ", math.max(0, w - fmt.width(l))), l, fmt.cell(r.match), fmt.cell(r.right)))
    end
  end
end

function COMMANDS.report.run(ctx)
  local claims_mod = require "newscorpus.claims"
  local events_mod = require "newscorpus.events"
  local rows, blocks, records, event_records = {}, {}, {}, {}
  local nsent, ntok = 0, 0
  for doc in each_doc(ctx) do
    local row = doc_row(ctx, doc)
    rows[#rows + 1] = row
    nsent, ntok = nsent + row.sentences, ntok + row.tokens
    local s = doc:sentences()
    local lines = {}
    if s then
      for i = 1, #s do
        local a, b = s:span(i)
        lines[i] = { n = i, text = doc.text:sub(a, b) }
      end
    end
    blocks[#blocks + 1] = { id = doc.id, title = row.title, lines = lines }
    for _, r in ipairs(claims_mod.records(doc)) do records[#records + 1] = r end
    for _, r in ipairs(events_mod.records(doc)) do event_records[#event_records + 1] = r end
  end
  local out = ctx.out
  out:write(("newscorpus report: %d documents, %s, %d sentences, %d tokens\n\n"):format(
    #rows, fmt.bytes(ctx.bytes), nsent, ntok))
  out:write("DOCUMENTS\n")
  fmt.table(out, rows, DOC_COLS)
  local groups = claims_mod.compare(records)
  if #groups > 0 then
    out:write("\nFIGURES ACROSS DOCUMENTS (newscorpus claims --compare)\n")
    write_groups(ctx, groups, 80)
  end
  local timeline = events_mod.timeline(event_records)
  if #timeline > 0 then
    out:write("\nTIMELINE: WHO MET WHOM, WHERE AND WHEN (newscorpus timeline)\n")
    write_timeline(ctx, timeline, 100)
  end
  out:write("\nSENTENCES\n")
  for _, b in ipairs(blocks) do
    out:write("\n", b.id, (b.title and ("  " .. fmt.clip(b.title, 70)) or ""), "\n")
    fmt.table(out, b.lines, { { "n", "", right = true }, { "text", "" } }, { header = false, indent = "  " })
  end
end

--- Run the CLI.
-- @tparam table argv arguments (without the program name)
-- @param[opt] out output file (default io.stdout)
-- @param[opt] err error file (default io.stderr)
-- @treturn integer exit status
function M.run(argv, out, err)
  out, err = out or io.stdout, err or io.stderr
  local name = argv[1]
  if name == nil or name == "-h" or name == "--help" or name == "help" then
    local topic = name == "help" and argv[2]
    if topic and COMMANDS[topic] then out:write(help_text(topic)) return 0 end
    if topic then err:write("newscorpus: unknown command '", topic, "'\n") return 2 end
    ;(name == nil and err or out):write(main_help())
    return name == nil and 2 or 0
  end
  if name == "--version" then out:write("newscorpus ", nc.version, "\n") return 0 end
  local cmd = COMMANDS[name]
  if not cmd then
    err:write("newscorpus: unknown command '", name, "' (see newscorpus --help)\n")
    return 2
  end
  local ok, res = pcall(function()
    local opts, paths = parse(name, argv, 2)
    if opts.help then out:write(help_text(name)) return 0 end
    local term
    if cmd.term then
      term = table.remove(paths, 1)
      if not term or term == "" then usage_error("a TERM is needed") end
    end
    local ctx = context(opts, paths, out, err)
    ctx.term = term
    cmd.run(ctx)
    return ctx.failed and 1 or 0
  end)
  if ok then return res end
  if getmetatable(res) == USAGE_ERROR then
    err:write("newscorpus: ", res.msg, " (see newscorpus ", name, " --help)\n")
    return 2
  end
  error(res, 0)
end

return M
