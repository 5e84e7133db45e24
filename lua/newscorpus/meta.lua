--- Article metadata from the text: title, publication date (with where the
-- evidence came from), wire dateline and source, byline. Values given with the
-- document (JSON Lines fields) win over extracted ones. No evidence, no value:
-- a date is never guessed, never today's.
-- @module newscorpus.meta
local clean = require "newscorpus.clean"

local tonumber, ipairs = tonumber, ipairs

local M = {}

local MONTHS = {
  jan = 1, january = 1, feb = 2, february = 2, mar = 3, march = 3, apr = 4, april = 4,
  may = 5, jun = 6, june = 6, jul = 7, july = 7, aug = 8, august = 8, sep = 9, sept = 9,
  september = 9, oct = 10, october = 10, nov = 11, november = 11, dec = 12, december = 12,
}

local function month_of(word)
  return MONTHS[word:lower()]
end

local function leap(y) return (y % 4 == 0 and y % 100 ~= 0) or y % 400 == 0 end
local DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function valid(y, m, d)
  if not (y and m and d) or y < 1900 or y > 2100 or m < 1 or m > 12 or d < 1 then return false end
  return d <= (m == 2 and leap(y) and 29 or DAYS[m])
end

local function iso(y, m, d) return ("%04d-%02d-%02d"):format(y, m, d) end

-- Date forms. Every full date has a four-digit year: PCRE2 finds the years
-- (compiled once per Lua state, run in C; digits only, so it is fast), then
-- the Lua patterns read the few bytes around each year, anchored at it.
-- Numeric forms with dots or hyphens are read day-month-year (24.08.2013,
-- 06-09-2013), as everywhere but the US; slashed dates are left to the dates
-- layer. A day glued to the year ("Apr 232017", commas lost) is read too.
local BEFORE_YEAR = {   -- forms that end with the year: pattern for the window before it
  { "()(%d%d?)%a*%s*(%a+)%.?,?%s*$", function(d, mo) return month_of(mo), tonumber(d) end },
  { "()(%a+)%.?%s+(%d%d?)%a*,?%s*$", function(mo, d) return month_of(mo), tonumber(d) end },
  { "()(%d%d?)%.(%d%d?)%.$", function(d, m) return tonumber(m), tonumber(d) end },
  { "()(%d%d?)%-(%d%d?)%-$", function(d, m) return tonumber(m), tonumber(d) end },
}

local year_rules
local function years()
  if not year_rules then
    year_rules = assert(require("newscorpus.core").rules {
      -- four digits that may be a year; boundaries are checked in Lua (a
      -- lookbehind here makes the scan ten times slower)
      { pattern = [[(?:1[89]|2[01])\d\d(?!\d)]] } })
  end
  return year_rules
end

--- All full dates (day, month and year) in s (its first `limit` bytes), in order.
-- @return list of {start, stop, date = "YYYY-MM-DD", time = "HH:MM"|nil}
function M.find_dates(s, limit)
  if limit and #s > limit + 40 then s = s:sub(1, limit + 40) end
  local m = years():match(s)
  local out = {}
  for k = 1, #m, 3 do
    local ya, yb = m[k + 1], m[k + 2]
    local a, y, mo, d
    local before, after = s:byte(ya - 1) or 32, s:byte(yb + 1) or 32
    local glued = before >= 48 and before <= 57           -- a digit right before the year
    if after >= 48 and after <= 57 then
      -- part of a longer number: not a year
    elseif after == 45 and not glued and s:find("^%-%d%d%-%d%d", yb + 1) and
           not s:find("^%d", yb + 7) then                 -- ISO 2019-03-20
      y, mo, d = s:sub(ya, yb + 6):match("^(%d%d%d%d)%-(%d%d)%-(%d%d)$")
      a, y, mo, d, yb = ya, tonumber(y), tonumber(mo), tonumber(d), yb + 6
    elseif glued then                                     -- "Apr 232017": day glued to year
      local ds = ya - 1
      while ds > 1 and s:byte(ds - 1) >= 48 and s:byte(ds - 1) <= 57 do ds = ds - 1 end
      if ya - ds <= 2 then
        local ws = ds > 16 and ds - 16 or 1
        local p, mname = s:sub(ws, ds - 1):match("()(%a+)%.?%s+$")
        mo, d, y = p and month_of(mname), tonumber(s:sub(ds, ya - 1)), tonumber(s:sub(ya, yb))
        a = p and ws + p - 1
      end
    else
      -- the window before the year, widened to a word boundary
      local ws = ya > 32 and ya - 32 or 1
      while ws > 1 and s:byte(ws - 1) and s:sub(ws - 1, ws - 1):find("%w") do ws = ws - 1 end
      local win = s:sub(ws, ya - 1)
      y = tonumber(s:sub(ya, yb))
      for _, f in ipairs(BEFORE_YEAR) do
        local p, c1, c2 = win:match(f[1])
        if p then
          mo, d = f[2](c1, c2)
          a = ws + p - 1
          if valid(y, mo, d) and not s:sub(a - 1, a - 1):find("[%w]") then break end
          a = nil
        end
      end
    end
    if a and valid(y, mo, d) and (not limit or a <= limit) then
      local item = { start = a, stop = yb, date = iso(y, mo, d) }
      local hh, mm, ampm = s:match("^,?%s+(%d%d?)[:%.](%d%d)%s*([AaPp]?%.?[Mm]?%.?)", yb + 1)
      if not hh then hh, mm = s:match("^T(%d%d):(%d%d)", yb + 1) end              -- ISO 8601
      if not hh then hh, mm = s:match("^%s+at%s+(%d%d)(%d%d)%f[%D]", yb + 1) end  -- "at 0914"
      if hh then
        local h = tonumber(hh)
        local ap = (ampm or ""):lower():gsub("%.", "")
        if ap == "pm" and h < 12 then h = h + 12 elseif ap == "am" and h == 12 then h = 0 end
        if h < 24 and tonumber(mm) < 60 then item.time = ("%02d:%02d"):format(h, tonumber(mm)) end
      end
      out[#out + 1] = item
    end
  end
  return out
end

-- Evidence ranks: a page stamp beats a date heading the article, which beats
-- a date in the lead, which beats a date quoted in an embedded tweet or caption.
local RANK = { stamp = 1, header = 2, lead = 3, ["embedded-tweet"] = 4, caption = 5 }

local STAMP = {}   -- {pattern, length of the stamp word}
for _, w in ipairs { "last updated", "updated", "published", "posted", "date of publication", "date",
  "first published", "release date" } do STAMP[#STAMP + 1] = { "^" .. w .. "%f[%A]", #w } end

-- How a date at [a, b] of text is evidenced (a date_source), given the cleaning result.
local function source_of(text, a, removed_at)
  local line_start = a
  while line_start > 1 and text:byte(line_start - 1) ~= 10 do line_start = line_start - 1 end
  local before = text:sub(line_start, a - 1):lower():gsub("^%s+", "")
  local reason = removed_at(a)
  if reason == "embedded-tweet" then return "embedded-tweet" end
  if reason == "photo-credit" or reason == "caption" then return "caption" end
  if #before <= 28 then
    for _, w in ipairs(STAMP) do
      if #before <= w[2] + 8 and before:find(w[1]) then return "stamp" end
    end
  end
  -- only a weekday (and punctuation) before it, on the first line or at the very start
  local rest = before:gsub("^%a+day%f[%A]", ""):gsub("^%a%a%a%f[%A]", ""):gsub("[%s,%.]", "")
  if rest == "" and (line_start == 1 or a <= 300) then return "header" end
  if a <= 400 then return "lead" end
  return nil
end

--- The publication date of a document from its text.
-- @return date (YYYY-MM-DD) or nil, date_source, time (HH:MM) or nil
function M.date(doc, cleaned)
  local text = doc.text
  cleaned = cleaned or clean.clean(doc)
  local removed = cleaned.removed
  local function removed_at(p)
    for _, r in ipairs(removed) do
      if p >= r.start and p <= r.stop then return r.reason end
      if r.start > p then break end
    end
    return nil
  end
  -- Evidence of publication is at the top of the article or in its furniture
  -- (stamps, tweets, captions): search there, not through the whole body.
  local cands = M.find_dates(text, 600)
  for _, r in ipairs(removed) do
    if r.start > 600 and (r.reason == "metadata-line" or r.reason == "embedded-tweet" or
                          r.reason == "caption" or r.reason == "photo-credit") then
      local piece = text:sub(r.start, r.stop)
      for _, d in ipairs(M.find_dates(piece)) do
        d.start, d.stop = d.start + r.start - 1, d.stop + r.start - 1
        cands[#cands + 1] = d
      end
    end
  end
  local best, best_src, best_rank
  for _, d in ipairs(cands) do
    local src = source_of(text, d.start, removed_at)
    local rank = src and RANK[src]
    if rank and (not best_rank or rank < best_rank) then
      best, best_src, best_rank = d, src, rank
    end
  end
  if not best then return nil end
  return best.date, best_src, best.time
end

--- Wire dateline at the start of a paragraph: "DAMASCUS (AFP) -",
-- "MOSCOW, Sept 14 (Reuters) -", "BEIRUT — ".
-- @return place, source or nil, position of the dateline
function M.dateline(text)
  local pos = 1
  for _ = 1, 8 do                                  -- the first lines
    local e = text:find("\n", pos, true) or #text + 1
    if text:find("^[ \t]*%u%u", pos) then          -- cheap test before the real one
      local s = text:sub(pos, e - 1 < pos + 120 and e - 1 or pos + 120):gsub("^%s+", "")
      local place, rest = s:match("^(%u[%u%.'%- ]*%u)(.*)$")
      if place and #place >= 3 and #place <= 40 and not place:find("%s%s") then
        local tail = rest:gsub("^,%s*%a+%.?%s+%d%d?", "")        -- ", Sept 14"
        local src, after = tail:match("^%s*%(([%w][%w%s%.&'%-]-)%)%s*(.*)$")
        after = after or tail
        local dash = after:match("^%s*([%-–—]+)%s") or after:match("^%s*(\226\128[\147\148])")
        if dash then return place, src, pos end
      end
    end
    pos = e + 1
    if pos > #text then break end
  end
  return nil
end

--- Whether a line reads as a headline rather than a sentence of the body:
-- at most 200 bytes, and not a long line ending in a full stop.
function M.is_headline(s)
  if not s or s == "" or #s > 200 then return false end
  if s:find("%.$") and (#s > 90 or s:find("%s%l+%s.*%s%l+%.$")) then return false end
  return true
end

-- Title: the first line kept by the cleaner, when it reads as a headline.
local function title_of(doc, cleaned)
  local tl = cleaned.title_line
  if not tl then return nil end
  local s = doc.text:sub(tl.start, tl.stop)
  return M.is_headline(s) and s or nil
end

--- Fill doc.meta with what the text says, keeping the values given as input.
-- Sets title, date, date_source (and date_time), dateline, source, byline.
-- @return doc.meta
function M.extract(doc)
  local meta = doc.meta
  local cleaned = doc:clean()
  if meta.title == nil then meta.title = title_of(doc, cleaned) end
  if meta.date ~= nil then
    meta.date_source = meta.date_source or "input"
  else
    local d, src, t = M.date(doc, cleaned)
    meta.date, meta.date_source = d, src
    if t then meta.date_time = d .. "T" .. t end
  end
  if meta.dateline == nil or meta.source == nil then
    local place, src = M.dateline(doc.text)
    if meta.dateline == nil then meta.dateline = place end
    if meta.source == nil then meta.source = src end
  end
  if meta.byline == nil then meta.byline = cleaned.byline end
  return meta
end

return M
