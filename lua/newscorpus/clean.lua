--- Cleaning: separate an article's body from the page furniture around it.
-- The text is never modified: cleaning is a layer of kept spans and removed
-- spans, each removal with a reason. Rules come from data/rules/clean.txt
-- (PCRE2, compiled once per Lua state); line features are here.
-- @module newscorpus.clean
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local type, ipairs, error, tostring, setmetatable = type, ipairs, error, tostring, setmetatable
local concat = table.concat

local M = {}

local SCOPES = { line = true, span = true, contains = true,
  ["line-i"] = true, ["span-i"] = true, ["contains-i"] = true }

--- Read a rules file (REASON<TAB>SCOPE<TAB>PATTERN).
-- @return list of {reason, scope, pattern, where} or nil, message with file and line
function M.read_rules(path)
  local rows, err = data.read(path or data.path("rules/clean.txt"))
  if not rows then return nil, err end
  local out = {}
  for _, r in ipairs(rows) do
    local reason, scope, pattern = r.fields[1], r.fields[2], r.fields[3]
    if not (reason and scope and pattern) or not SCOPES[scope] then
      return nil, ("%s:%d: expected REASON<TAB>line|span|contains[-i]<TAB>PATTERN"):format(r.path, r.line)
    end
    out[#out + 1] = { reason = reason, scope = scope, pattern = pattern, where = r.path .. ":" .. r.line }
  end
  return out
end

--- A compiled rule set for cleaning.
-- @param rules list of {reason=, scope=, pattern=}
-- @return object with `rules`, `compiled`, or nil, message naming the rule's file and line
function M.compile(rules)
  local spec = {}
  for i, r in ipairs(rules) do
    if type(r.pattern) ~= "string" or type(r.reason) ~= "string" or not SCOPES[r.scope] then
      error("bad rule #" .. i .. " (need reason, scope line|span|contains[-i], pattern)", 2)
    end
    spec[i] = { pattern = r.pattern, line = r.scope:sub(1, 4) == "line", caseless = r.scope:sub(-2) == "-i" }
  end
  local compiled, msg, index = core.rules(spec)
  if not compiled then
    local r = rules[index]
    return nil, ((r and r.where) or ("rule " .. tostring(index))) .. ": " .. msg:gsub("^rule %d+: ", "")
  end
  -- what core.clean reads of each rule: whether it cuts a span, its reason
  local spans, reasons = {}, {}
  for i, r in ipairs(rules) do
    spans[i] = r.scope:sub(1, 4) == "span"
    reasons[i] = r.reason
  end
  return { rules = rules, compiled = compiled, spans = spans, reasons = reasons }
end

local default_set

--- The rule set in use (data/rules/clean.txt unless replaced).
function M.rules()
  if not default_set then
    local rules, err = M.read_rules()
    if not rules then error("newscorpus: " .. err, 0) end
    local set
    set, err = M.compile(rules)
    if not set then error("newscorpus: " .. err, 0) end
    default_set = set
  end
  return default_set
end

--- Replace the rule set (a list of rules, or nil for the default file).
-- @return true, or nil, message
function M.set_rules(rules)
  if rules == nil then default_set = nil return true end
  local set, err = M.compile(rules)
  if not set then return nil, err end
  default_set = set
  return true
end

--- Clean a document.
-- @param doc a Document
-- @return {kept = {{start, stop}, ...}, removed = {{start, stop, reason}, ...},
-- text = cleaned body, byline = string|nil, title_line = {start, stop}|nil};
-- `kept` and `text` are built on first use
local Result = {}
Result.__index = function(self, k)
  if k ~= "kept" and k ~= "text" then return nil end
  local src, pieces = rawget(self, "_src"), rawget(self, "_pieces")
  if k == "kept" then
    local kept = {}
    for i = 1, #pieces, 4 do kept[#kept + 1] = { start = pieces[i], stop = pieces[i + 1] } end
    rawset(self, "kept", kept)
    return kept
  elseif k == "text" then
    -- the kept pieces, a space between pieces of one line, a line break (or a
    -- blank line where the original had one) between lines
    local out, last_line = {}, nil
    for i = 1, #pieces, 4 do
      local line = pieces[i + 2]
      if #out > 0 then out[#out + 1] = line == last_line and " " or (pieces[i + 3] and "\n\n" or "\n") end
      out[#out + 1] = src:sub(pieces[i], pieces[i + 1])
      last_line = line
    end
    local t = concat(out)
    rawset(self, "text", t)
    return t
  end
  return nil
end

-- The pass over the lines is in C (core.clean, src/nc_lua.c): the lines and
-- their features (core.lines), each line's first line or contains rule, the
-- span rules' cuts, then title, repeated headline, duplicate paragraph,
-- byline and tag list, as the comment there says.
local clean_pass = core.clean

function M.clean(doc, set)
  set = set or M.rules()
  local text = doc.text
  local removed, pieces, ts, te, bs, be = clean_pass(text, set.compiled, set.spans, set.reasons)
  if not removed then error("newscorpus: cannot clean this text: " .. tostring(pieces), 2) end
  return setmetatable({
    removed = removed, byline = bs and (text:sub(bs, be):gsub("^[Bb][Yy]%s+", "")) or nil, _src = text,
    _pieces = pieces, title_line = ts and { start = ts, stop = te } or nil,
  }, Result)
end

--- The publication date the text of doc states, as newscorpus.meta's `date`
-- reads it from M.clean(doc, set), without making the cleaning's tables: the
-- same pass and the same ranking of the evidence, in C.
-- @return date (YYYY-MM-DD) or nil, date_source, time (HH:MM) or nil
function M.stated_date(doc, set)
  set = set or M.rules()
  local d, src, time = clean_pass(doc.text, set.compiled, set.spans, set.reasons, true)
  if d == nil and src ~= nil then error("newscorpus: cannot clean this text: " .. src, 2) end
  return d, src, time
end

return M
