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
M.MONTHS = MONTHS

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

-- Date forms, each a Lua pattern with captures and a function turning them
-- into y, m, d. Digits bounded by non-digits, words by non-letters. Numeric
-- forms with dots or hyphens are read day-month-year (24.08.2013, 06-09-2013),
-- as everywhere but the US; slashed dates are left to the dates layer.
local FORMS = {
  { "()(%d%d%d%d)%-(%d%d)%-(%d%d)()", function(y, m, d) return tonumber(y), tonumber(m), tonumber(d) end },
  { "()(%d%d?)%a*%s*(%a+)%.?,?%s*(%d%d%d%d)()", function(d, mo, y)
      return tonumber(y), month_of(mo), tonumber(d) end },
  { "()(%a+)%.?%s+(%d%d?)%a*,?%s*(%d%d%d%d)()", function(mo, d, y)
      return tonumber(y), month_of(mo), tonumber(d) end },
  { "()(%a+)%.?%s+(%d%d?)(%d%d%d%d)()", function(mo, d, y)          -- "Apr 232017" (comma lost)
      return tonumber(y), month_of(mo), tonumber(d) end },
  { "()(%d%d?)%.(%d%d?)%.(%d%d%d%d)()", function(d, m, y) return tonumber(y), tonumber(m), tonumber(d) end },
  { "()(%d%d?)%-(%d%d?)%-(%d%d%d%d)()", function(d, m, y) return tonumber(y), tonumber(m), tonumber(d) end },
}

local function bounded(s, a, b)
  local before, after = s:sub(a - 1, a - 1), s:sub(b, b)
  return not before:find("[%w]") and not after:find("%d")
end

--- All full dates (day, month and year) in s, in order.
-- @return list of {start, stop, date = "YYYY-MM-DD", time = "HH:MM"|nil}
function M.find_dates(s, limit)
  local out, taken = {}, {}
  for _, f in ipairs(FORMS) do
    local init = 1
    while true do
      local caps = { s:find(f[1], init) }
      if not caps[1] then break end
      local a, b = caps[3], caps[#caps]
      init = caps[1] + 1
      if limit and a > limit then break end
      local y, m, d = f[2](caps[4], caps[5], caps[6])
      if valid(y, m, d) and bounded(s, a, b) and not taken[a] then
        taken[a] = true
        local item = { start = a, stop = b - 1, date = iso(y, m, d) }
        local hh, mm, ampm = s:match("^,?%s+(%d%d?)[:%.](%d%d)%s*([AaPp]?%.?[Mm]?%.?)", b)
        if not hh then hh, mm = s:match("^T(%d%d):(%d%d)", b) end              -- ISO 8601
        if not hh then hh, mm = s:match("^%s+at%s+(%d%d)(%d%d)%f[%D]", b) end   -- "at 0914"
        if hh then
          local h = tonumber(hh)
          local ap = (ampm or ""):lower():gsub("%.", "")
          if ap == "pm" and h < 12 then h = h + 12 elseif ap == "am" and h == 12 then h = 0 end
          if h < 24 and tonumber(mm) < 60 then item.time = ("%02d:%02d"):format(h, tonumber(mm)) end
        end
        out[#out + 1] = item
      end
    end
  end
  table.sort(out, function(x, y) return x.start < y.start end)
  return out
end

-- Evidence ranks: a page stamp beats a date heading the article, which beats
-- a date in the lead, which beats a date quoted in an embedded tweet or caption.
local RANK = { stamp = 1, header = 2, lead = 3, ["embedded-tweet"] = 4, caption = 5 }
M.RANK = RANK

local STAMP = { "last updated", "updated", "published", "posted", "date of publication", "date",
  "first published", "release date" }

-- How a date at [a, b] of text is evidenced (a date_source), given the cleaning result.
local function source_of(text, a, removed_at)
  local line_start = a
  while line_start > 1 and text:byte(line_start - 1) ~= 10 do line_start = line_start - 1 end
  local before = text:sub(line_start, a - 1):lower():gsub("^%s+", "")
  local reason = removed_at(a)
  if reason == "embedded-tweet" then return "embedded-tweet" end
  if reason == "photo-credit" or reason == "caption" then return "caption" end
  for _, w in ipairs(STAMP) do
    if before:find("^" .. w .. "%f[%A]") and #before <= #w + 8 then return "stamp" end
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
  local best, best_src, best_rank
  for _, d in ipairs(M.find_dates(text, 4000)) do
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
    local line = text:match("^[^\n]*", pos)
    local s = line:gsub("^%s+", "")
    local place, rest = s:match("^(%u[%u%.'%- ]*%u)(.*)$")
    if place and #place >= 3 and #place <= 40 and not place:find("%s%s") then
      local tail = rest:gsub("^,%s*%a+%.?%s+%d%d?", "")        -- ", Sept 14"
      local src, after = tail:match("^%s*%(([%w][%w%s%.&'%-]-)%)%s*(.*)$")
      after = after or tail
      local dash = after:match("^%s*([%-–—]+)%s") or after:match("^%s*(\226\128[\147\148])")
      if dash then return place, src, pos end
    end
    pos = pos + #line + 1
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
