--- Cleaning: separate an article's body from the page furniture around it.
-- The text is never modified: cleaning is a layer of kept spans and removed
-- spans, each removal with a reason. Rules come from data/rules/clean.txt
-- (PCRE2, compiled once per Lua state); line features are here.
-- @module newscorpus.clean
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local type, ipairs, error, tostring = type, ipairs, error, tostring
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

-- Words that a keyword tag line never contains (it has no sentence structure).
local FUNCTION_WORDS = {}
for w in ([[a an the of in on at to for with and or but by from as is are was were be been
  has have had will would said says after over into than that this which who not its
  their his her he she they we it]]):gmatch("%S+") do FUNCTION_WORDS[w] = true end

-- A line of capitalised topic words with no sentence structure:
-- "World War 3 Putin Assad Syria USA Iran Israel Terrorism Hezbollah".
local function is_tag_line(line)
  if #line > 200 or line:find("[%.,;:!?\"“”'’()]") then return false end
  local n, cap = 0, 0
  for w in line:gmatch("%S+") do
    n = n + 1
    if FUNCTION_WORDS[w:lower()] then return false end
    if w:find("^[%u%d]") or w:find("^[\192-\255]") then cap = cap + 1 end
  end
  return n >= 5 and cap == n
end


local function words(s)
  local n = 0
  for _ in s:gmatch("%S+") do n = n + 1 end
  return n
end

--- Clean a document.
-- @param doc a Document
-- @return {kept = {{start, stop}, ...}, removed = {{start, stop, reason}, ...},
-- text = cleaned body (built on first use), byline = string|nil,
-- title_line = {start, stop}|nil}
local Result = {}
Result.__index = function(self, k)
  if k ~= "text" then return nil end
  -- the kept pieces, a space between pieces of one line, a line break (or a
  -- blank line where the original had one) between lines
  local out, src, last_line = {}, rawget(self, "_src"), nil
  for _, p in ipairs(rawget(self, "_pieces")) do
    if #out > 0 then out[#out + 1] = p.line == last_line and " " or (p.blank and "\n\n" or "\n") end
    out[#out + 1] = src:sub(p.start, p.stop)
    last_line = p.line
  end
  local t = concat(out)
  rawset(self, "text", t)
  return t
end

local lines_of, fold = core.lines, core.fold

function M.clean(doc, set)
  set = set or M.rules()
  local text = doc.text
  -- lines: trimmed spans of non-blank lines, blank-line flags, key hashes (C)
  local raw = lines_of(text)
  local lines = {}
  for k = 1, #raw, 4 do
    local info = raw[k + 2]
    lines[#lines + 1] = { start = raw[k], stop = raw[k + 1], blank = info % 2 == 1,
                          wide = info >= 2, hash = raw[k + 3] }
  end
  local function line_at(p)     -- index of the line containing byte p (binary search)
    local lo, hi = 1, #lines
    while lo <= hi do
      local mid = math.floor((lo + hi) / 2)
      local l = lines[mid]
      if p < l.start then hi = mid - 1 elseif p > l.stop then lo = mid + 1 else return mid end
    end
    return nil
  end

  -- rules
  local m = set.compiled:match(text)
  local spans = {}               -- span removals by line index
  for k = 1, #m, 3 do
    local r = set.rules[m[k]]
    local a, b = m[k + 1], m[k + 2]
    local li = line_at(a) or line_at(b)
    if li then
      local l = lines[li]
      if r.scope:sub(1, 4) ~= "span" then             -- line, contains
        if not l.reason then l.reason = r.reason end
      else
        if a < l.start then a = l.start end
        if b > l.stop then b = l.stop end
        if a <= b then
          spans[li] = spans[li] or {}
          spans[li][#spans[li] + 1] = { a, b, r.reason }
        end
      end
    end
  end

  -- line features (keys: a hash of the case- and space-folded line; lines with
  -- non-ASCII bytes are Unicode-folded first, so NBSP and curly quotes compare)
  local title_line, byline
  local seen = {}
  for i, l in ipairs(lines) do
    if not l.reason then
      local len = l.stop - l.start + 1
      local key = l.hash
      if l.wide then key = select(2, fold(text:sub(l.start, l.stop))) end
      if not title_line then
        title_line = l
        seen[key] = "title"
      elseif seen[key] == "title" then
        l.reason = "repeated-headline"
      elseif seen[key] and (len >= 60 or words(text:sub(l.start, l.stop)) >= 8) then
        l.reason = "duplicate-paragraph"
      elseif i <= 6 and len <= 80 and text:find("^[Bb][Yy]%s+%u", l.start) and
             not text:sub(l.stop, l.stop):find("[%.!?]") then
        l.reason = "metadata-line"
        byline = byline or text:sub(l.start, l.stop):gsub("^[Bb][Yy]%s+", "")
      elseif len <= 200 and is_tag_line(text:sub(l.start, l.stop)) then
        l.reason = "tag-list"
      else
        seen[key] = seen[key] or "body"
      end
    end
  end

  -- kept pieces and removed spans
  local kept, removed, pieces = {}, {}, {}
  local blank = false                  -- a paragraph break before the next kept line
  for i, l in ipairs(lines) do
    blank = blank or l.blank
    if l.reason then
      removed[#removed + 1] = { start = l.start, stop = l.stop, reason = l.reason }
    else
      local cuts = spans[i]
      local first = #pieces + 1
      if not cuts then
        kept[#kept + 1] = { start = l.start, stop = l.stop }
        pieces[#pieces + 1] = { start = l.start, stop = l.stop, line = i }
      else
        table.sort(cuts, function(x, y) return x[1] < y[1] end)
        local p = l.start
        local function keep(a, b)
          while a <= b and text:byte(a) <= 32 do a = a + 1 end
          while b >= a and text:byte(b) <= 32 do b = b - 1 end
          if a <= b then
            kept[#kept + 1] = { start = a, stop = b }
            pieces[#pieces + 1] = { start = a, stop = b, line = i }
          end
        end
        for _, c in ipairs(cuts) do
          if c[1] >= p then
            keep(p, c[1] - 1)
            removed[#removed + 1] = { start = c[1], stop = c[2], reason = c[3] }
            p = c[2] + 1
          end
        end
        keep(p, l.stop)
      end
      if #pieces >= first then
        pieces[first].blank = blank
        blank = false
      end
    end
  end
  table.sort(removed, function(x, y) return x.start < y.start end)
  return setmetatable({
    kept = kept, removed = removed, byline = byline, _src = text, _pieces = pieces,
    title_line = title_line and { start = title_line.start, stop = title_line.stop } or nil,
  }, Result)
end

return M
