--- Rule sets: labelled PCRE2 patterns compiled once (JIT where available) and
-- matched over documents with offsets into the original text.
--
--   local r = nc.rules{
--     { label = "ceasefire", pattern = [[cease-?fires?|truces?]], caseless = true },
--     { label = "money", pattern = [[\$\d+(?:\.\d+)? ?(?:million|billion)]],
--       normalize = function(text) return text:gsub("[$,]", "") end },
--     file = "my-rules.txt",          -- LABEL<TAB>OPTIONS<TAB>PATTERN lines (see data/rules/dates.txt)
--   }
--   for _, m in ipairs(r:match(doc)) do print(m.start, m.stop, m.label, m.text, m.value) end
--
-- A set reads the text once, as a lexer does (`scan`, the default): matches never
-- overlap and come in text order; the leftmost wins, and of two starting at the
-- same byte the rule listed first (put longer forms first). With `overlap = true`
-- every rule is matched on its own and matches may overlap (grouped by rule).
-- Every match runs under PCRE2 match, depth and heap limits: a pathological
-- pattern stops with a count in `r:match`'s second result, never a hang.
-- @module newscorpus.rules
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local type, ipairs, error, setmetatable, getmetatable = type, ipairs, error, setmetatable, getmetatable
local sub = string.sub

local M = {}

local RuleSet = {}
RuleSet.__index = RuleSet

-- {NAME} in a pattern is the pattern of an earlier `define` line (upper-case
-- names only, so PCRE2's {2} and {1,3} quantifiers are never taken for one).
local function expand(pattern, defs, where)
  local missing
  local out = pattern:gsub("{([A-Z][A-Z0-9_]*)}", function(name)
    if defs[name] then return defs[name] end
    missing = missing or name
  end)
  if missing then return nil, where .. ": unknown name {" .. missing .. "}" end
  return out
end

--- Read a rules file: `LABEL<TAB>OPTIONS<TAB>PATTERN` per line, OPTIONS `-` or
-- `i` (case-insensitive); `define<TAB>NAME<TAB>PATTERN` names a pattern that
-- later lines use as `{NAME}`; `triggers<TAB>BACK<TAB>WORD WORD ...` lists trigger
-- words (`0-9`: any word starting with a digit; BACK `-` for 48 bytes or a
-- number; see M.new); `leads<TAB>-<TAB>WORD WORD ...` the words a match may
-- start with before its trigger. `#` starts a
-- comment; patterns hold no tab or `#`.
-- @return list of {label, pattern, caseless, where = "file:line"} (and field
--   `triggers` when the file has some) or nil, message
function M.read(path)
  local rows, err = data.read(path)
  if not rows then return nil, err end
  local out, defs = {}, {}
  for _, r in ipairs(rows) do
    local where = r.path .. ":" .. r.line
    local label, opts, pattern = r.fields[1], r.fields[2], r.fields[3]
    if not (label and opts and pattern) or r.fields[4] then
      return nil, where .. ": expected LABEL<TAB>OPTIONS<TAB>PATTERN"
    end
    local p, perr = expand(pattern, defs, where)
    if not p then return nil, perr end
    if label == "triggers" then
      out.triggers = out.triggers or {}
      if opts ~= "-" then
        out.triggers.back = tonumber(opts)
        if not out.triggers.back then return nil, where .. ": triggers take '-' or a number of bytes" end
      end
      for w in pattern:gmatch("%S+") do
        if w == "0-9" then out.triggers.digits = true else out.triggers[#out.triggers + 1] = w end
      end
    elseif label == "leads" then
      out.leads = out.leads or {}
      for w in pattern:gmatch("%S+") do out.leads[#out.leads + 1] = w end
    elseif label == "define" then
      if not opts:find("^[A-Z][A-Z0-9_]*$") then return nil, where .. ": a defined name is in capitals" end
      defs[opts] = "(?:" .. p .. ")"
    else
      if opts ~= "-" and opts ~= "i" then return nil, where .. ": options are '-' or 'i'" end
      out[#out + 1] = { label = label, pattern = p, caseless = opts == "i", where = where }
    end
  end
  return out
end

--- Compile a rule set.
-- @param spec list of rules `{label=, pattern=, caseless=, normalize=}` (normalize:
--   function(text, match) returning the match's value), and optional fields `file`
--   (a path or list of paths of rules files, read before the listed rules),
--   `normalize` (a table label -> function for rules without their own),
--   `overlap` (match each rule alone) and `triggers` (a speed-up for long texts:
--   a list of words, with `digits = true` for any word starting with a digit and
--   `back` bytes (default 48); a match is then only looked for at token starts
--   from `back` bytes before a trigger word up to it, so every match must hold a
--   trigger near its start; with `leads`, a list of words, a match before its
--   trigger is only tried where one of them, another trigger, a number or a
--   symbol starts. Rules files give theirs with `triggers` and `leads` lines.)
-- @return RuleSet, or nil and a message naming the file and line (or rule
--   number) and the offset in the pattern; a malformed spec raises.
function M.new(spec)
  if type(spec) ~= "table" then error("bad argument #1 to 'rules' (table expected, got " .. type(spec) .. ")", 2) end
  local rules = {}
  local files = spec.file
  if type(files) == "string" then files = { files } end
  local triggers = spec.triggers
  if triggers ~= nil and type(triggers) ~= "table" then error("bad argument #1 to 'rules' (triggers must be a table)", 2) end
  for _, path in ipairs(files or {}) do
    local list, err = M.read(path)
    if not list then return nil, err end
    for _, r in ipairs(list) do rules[#rules + 1] = r end
    if list.triggers and not spec.triggers then
      triggers = triggers or { digits = false }
      for _, w in ipairs(list.triggers) do triggers[#triggers + 1] = w end
      triggers.digits = triggers.digits or list.triggers.digits
      triggers.back = triggers.back or list.triggers.back
    end
    if list.leads and not spec.triggers then
      triggers = triggers or { digits = false }
      triggers.leads = triggers.leads or {}
      for _, w in ipairs(list.leads) do triggers.leads[#triggers.leads + 1] = w end
    end
  end
  for i, r in ipairs(spec) do
    if type(r) ~= "table" or type(r.pattern) ~= "string" or type(r.label) ~= "string" then
      error("bad argument #1 to 'rules' (rule " .. i .. " needs a string label and pattern)", 2)
    end
    if r.normalize ~= nil and type(r.normalize) ~= "function" then
      error("bad argument #1 to 'rules' (rule " .. i .. ": normalize must be a function)", 2)
    end
    rules[#rules + 1] = { label = r.label, pattern = r.pattern, caseless = r.caseless and true or false,
      normalize = r.normalize, where = r.where or ("rule " .. i) }
  end
  local norms = spec.normalize or {}
  if type(norms) ~= "table" then error("bad argument #1 to 'rules' (normalize must be a table)", 2) end
  local cspec, labels, fns = {}, {}, {}
  for i, r in ipairs(rules) do
    cspec[i] = { pattern = r.pattern, caseless = r.caseless, scan = not spec.overlap }
    labels[i] = r.label
    fns[i] = r.normalize or norms[r.label] or false
  end
  local compiled, msg, index, offset = core.rules(cspec)
  if not compiled then
    local r = rules[index]
    if not r then return nil, msg end
    return nil, ("%s: %s (pattern offset %d)"):format(r.where, msg:gsub("^rule %d+: ", ""):gsub(" at offset %d+$", ""), offset)
  end
  if triggers and not spec.overlap then
    for _, w in ipairs(triggers) do
      if type(w) ~= "string" then error("bad argument #1 to 'rules' (trigger words are strings)", 2) end
    end
    local leads = triggers.leads
    if leads ~= nil and type(leads) ~= "table" then error("bad argument #1 to 'rules' (triggers.leads must be a list)", 2) end
    compiled:triggers(table.concat(triggers, " "), triggers.digits and true or false, triggers.back or 48,
      leads and table.concat(leads, " ") or nil)
  end
  return setmetatable({ rules = rules, compiled = compiled, labels = labels, fns = fns,
    scan = not spec.overlap, triggers = triggers }, RuleSet)
end

local function text_of(x, fname)
  if type(x) == "string" then return x, nil end
  if type(x) == "table" and type(x.text) == "string" then return x.text, x end
  error("bad argument #1 to '" .. fname .. "' (string or document expected, got " .. type(x) .. ")", 3)
end

--- Matches in a text or document: list of {start, stop, text, label, rule, value}
-- (1-based inclusive offsets into the text; value from the rule's normaliser,
-- called as normalize(text, match, doc)), and the number of rules stopped at a
-- match limit.
function RuleSet:match(x)
  local text, doc = text_of(x, "match")
  local m, limited = self.compiled:match(text)
  local out, labels, fns = {}, self.labels, self.fns
  for k = 1, #m, 3 do
    local i, a, b = m[k], m[k + 1], m[k + 2]
    local item = { start = a, stop = b, text = sub(text, a, b), label = labels[i], rule = i }
    local fn = fns[i]
    if fn then item.value = fn(item.text, item, doc) end
    out[#out + 1] = item
  end
  return out, limited
end

--- Call fn(start, stop, label, rule) for each match, without tables; returns the
-- number of matches and the number of rules stopped at a limit.
function RuleSet:each(x, fn)
  local text = text_of(x, "each")
  if type(fn) ~= "function" then error("bad argument #2 to 'each' (function expected)", 2) end
  local m, limited = self.compiled:match(text)
  local labels = self.labels
  for k = 1, #m, 3 do fn(m[k + 1], m[k + 2], labels[m[k]], m[k]) end
  return math.floor(#m / 3), limited
end

function RuleSet:__len() return #self.rules end

--- Merge a user's matches into a list in text order: both lists hold tables
-- with `start` and `stop`, without overlaps within each; where one of `mine`
-- overlaps items of `base`, it wins. `wrap(m)` (optional) makes the item for
-- a match of `mine`. Returns the merged list (`base` itself when `mine` is empty).
function M.overlay(base, mine, wrap)
  if #mine == 0 then return base end
  local merged, j = {}, 1
  for _, e in ipairs(mine) do
    while j <= #base and base[j].stop < e.start do merged[#merged + 1] = base[j] j = j + 1 end
    while j <= #base and base[j].start <= e.stop do j = j + 1 end   -- overlapped: the user's wins
    merged[#merged + 1] = wrap and wrap(e) or e
  end
  for i = j, #base do merged[#merged + 1] = base[i] end
  return merged
end

--- True for a RuleSet.
function M.is(x) return getmetatable(x) == RuleSet end

M.RuleSet = RuleSet
return M
