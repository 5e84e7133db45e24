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
  return { rules = rules, compiled = compiled }
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

-- Line features, decided in C by core.lines (bits of each line's info).
local BLANK, TAGS, LONG, BYLINE = 1, 4, 8, 16   -- tested as info % (2 * bit) >= bit

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

local lines_of = core.lines
local floor, sort, byte = math.floor, table.sort, string.byte

local function by_start(x, y) return x[1] < y[1] end
local function by_start_field(x, y) return x.start < y.start end

function M.clean(doc, set)
  set = set or M.rules()
  local text = doc.text
  -- lines: flat {start, stop, info, hash} per non-blank line (C)
  local L = lines_of(text)
  local nlines = floor(#L / 4)
  local function line_at(p)     -- index of the line containing byte p (binary search)
    local lo, hi = 1, nlines
    while lo <= hi do
      local mid = floor((lo + hi) / 2)
      local k = 4 * mid - 3
      if p < L[k] then hi = mid - 1 elseif p > L[k + 1] then lo = mid + 1 else return mid end
    end
    return nil
  end

  -- rules
  local reason, spans = nil, nil   -- line reasons; span removals by line (made when needed)
  local m = set.compiled:match(text)
  local rules = set.rules
  for k = 1, #m, 3 do
    local r = rules[m[k]]
    local a, b = m[k + 1], m[k + 2]
    local li = line_at(a) or line_at(b)
    if li then
      if r.scope:sub(1, 4) ~= "span" then             -- line, contains
        reason = reason or {}
        if not reason[li] then reason[li] = r.reason end
      else
        local ls, le = L[4 * li - 3], L[4 * li - 2]
        if a < ls then a = ls end
        if b > le then b = le end
        if a <= b then
          spans = spans or {}
          local t = spans[li]
          if not t then t = {} spans[li] = t end
          t[#t + 1] = { a, b, r.reason }
        end
      end
    end
  end

  -- one pass over the lines. Line features: the first line is the title; a
  -- later line with the same key is a repeated headline or (when long enough)
  -- a duplicate paragraph; bylines near the top; tag clouds. Then the kept
  -- pieces (flat: start, stop, line, blank before) and the removed spans.
  local title_line, byline
  local seen = {}
  local removed, pieces = {}, {}
  local np = 0
  local blank = false                  -- a paragraph break before the next kept line
  for i = 1, nlines do
    local k = 4 * i - 3
    local ls, le, info = L[k], L[k + 1], L[k + 2]
    local why = reason and reason[i]
    if not why then
      local key = L[k + 3]
      local prev = seen[key]
      if not title_line then
        title_line = i
        seen[key] = "title"
      elseif prev == "title" then
        why = "repeated-headline"
      elseif prev and info % 16 >= LONG then
        why = "duplicate-paragraph"
      elseif i <= 6 and info % 32 >= BYLINE then
        why = "metadata-line"
        byline = byline or text:sub(ls, le):gsub("^[Bb][Yy]%s+", "")
      elseif info % 8 >= TAGS then
        why = "tag-list"
      elseif not prev then
        seen[key] = "body"
      end
    end
    blank = blank or info % 2 == BLANK
    if why then
      removed[#removed + 1] = { start = ls, stop = le, reason = why }
    else
      local cuts = spans and spans[i]
      if not cuts then
        pieces[np + 1], pieces[np + 2], pieces[np + 3], pieces[np + 4] = ls, le, i, blank
        np = np + 4
        blank = false
      else
        sort(cuts, by_start)
        local p = ls
        local function keep(a, b)
          while a <= b and byte(text, a) <= 32 do a = a + 1 end
          while b >= a and byte(text, b) <= 32 do b = b - 1 end
          if a <= b then
            pieces[np + 1], pieces[np + 2], pieces[np + 3], pieces[np + 4] = a, b, i, blank
            np = np + 4
            blank = false
          end
        end
        for _, c in ipairs(cuts) do
          if c[1] >= p then
            keep(p, c[1] - 1)
            removed[#removed + 1] = { start = c[1], stop = c[2], reason = c[3] }
            p = c[2] + 1
          end
        end
        keep(p, le)
      end
    end
  end
  if #removed > 1 then sort(removed, by_start_field) end
  return setmetatable({
    removed = removed, byline = byline, _src = text, _pieces = pieces,
    title_line = title_line and { start = L[4 * title_line - 3], stop = L[4 * title_line - 2] } or nil,
  }, Result)
end

return M
