--- Article metadata from the text: title, publication date (with where the
-- evidence came from), wire dateline and source, byline. Values given with the
-- document (JSON Lines fields) win over extracted ones. No evidence, no value:
-- a date is never guessed, never today's.
-- @module newscorpus.meta
local clean = require "newscorpus.clean"

local ipairs = ipairs

local M = {}

-- Full dates (day, month and year) are read in C (src/nc_dates.c): the forms
-- of page stamps, datelines and headers ("14 March 2019", "20 March,2019",
-- "Wed 05 Apr 2017", "September 14, 2021", "Apr 232017" with the comma lost,
-- ISO 2019-03-20T07:57, day-first 24.08.2013 and 06-09-2013), with a time of
-- day when one follows. Slashed dates are ambiguous and left to the dates layer.
local core_dates = require("newscorpus.core").dates
local format = string.format

--- All full dates in s (those starting within its first `limit` bytes), in order.
-- @return list of {start, stop, date = "YYYY-MM-DD", time = "HH:MM"|nil}
function M.find_dates(s, limit)
  local m = core_dates(s, limit)
  local out = {}
  for k = 1, #m, 7 do
    local item = { start = m[k], stop = m[k + 1], date = format("%04d-%02d-%02d", m[k + 2], m[k + 3], m[k + 4]) }
    if m[k + 5] >= 0 then item.time = format("%02d:%02d", m[k + 5], m[k + 6]) end
    out[#out + 1] = item
  end
  return out
end

-- Evidence ranks: a page stamp beats a date heading the article, which beats
-- a date in the lead, which beats a date quoted in an embedded tweet or caption.
local RANK = { stamp = 1, header = 2, lead = 3, ["embedded-tweet"] = 4, caption = 5 }

local STAMP = {}   -- {pattern, length of the stamp word}
for _, w in ipairs { "last updated", "updated", "published", "posted", "date of publication", "date",
  "first published", "release date" } do STAMP[#STAMP + 1] = { "^" .. w .. "%f[%A]", #w } end

-- The reason of the removed span containing byte p, or nil.
local function removed_at(removed, p)
  for _, r in ipairs(removed) do
    if p >= r.start and p <= r.stop then return r.reason end
    if r.start > p then break end
  end
  return nil
end

-- How a date at [a, b] of text is evidenced (a date_source), given the cleaning result.
local function source_of(text, a, removed)
  local reason = #removed > 0 and removed_at(removed, a) or nil
  if reason == "embedded-tweet" then return "embedded-tweet" end
  if reason == "photo-credit" or reason == "caption" then return "caption" end
  -- the words before it on its line; more than 48 bytes is neither a stamp nor a header
  local line_start, before
  local c = text:byte(a - 1)
  if c == nil or c == 10 then                       -- at the start of a line: nothing before
    line_start, before = a, ""
  else
    local from = a > 48 and a - 48 or 1
    local nl = text:sub(from, a - 1):find("\n[^\n]*$")
    line_start = nl and from + nl or from
    if line_start > 1 and not nl then return a <= 400 and "lead" or nil end
    before = text:sub(line_start, a - 1):lower():gsub("^%s+", "")
  end
  if before == "" then
    if line_start == 1 or a <= 300 then return "header" end
    return a <= 400 and "lead" or nil
  end
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
-- The best-evidenced of the dates m (core.dates' flat layout, offsets + shift),
-- against the best so far: returns the new best {y, m, d, hh, mm}, source, rank.
local function consider(text, removed, m, shift, best, best_src, best_rank)
  for k = 1, #m, 7 do
    local src = source_of(text, m[k] + shift, removed)
    local rank = src and RANK[src]
    if rank and (not best_rank or rank < best_rank) then
      best, best_src, best_rank = { m[k + 2], m[k + 3], m[k + 4], m[k + 5], m[k + 6] }, src, rank
    end
  end
  return best, best_src, best_rank
end

function M.date(doc, cleaned)
  local text = doc.text
  cleaned = cleaned or clean.clean(doc)
  local removed = cleaned.removed
  -- Evidence of publication is at the top of the article or in its furniture
  -- (stamps, tweets, captions): search there, not through the whole body.
  -- Candidates stay flat (core.dates' layout) until the best one is known.
  local best, best_src, best_rank = consider(text, removed, core_dates(text, 600), 0)
  for _, r in ipairs(removed) do
    if r.start > 600 and (r.reason == "metadata-line" or r.reason == "embedded-tweet" or
                          r.reason == "caption" or r.reason == "photo-credit") then
      best, best_src, best_rank = consider(text, removed, core_dates(text:sub(r.start, r.stop)),
                                           r.start - 1, best, best_src, best_rank)
    end
  end
  if not best then return nil end
  return format("%04d-%02d-%02d", best[1], best[2], best[3]), best_src,
    best[4] >= 0 and format("%02d:%02d", best[4], best[5]) or nil
end

--- Wire dateline at the start of a paragraph: "DAMASCUS (AFP) -",
-- "MOSCOW, Sept 14 (Reuters) -", "BEIRUT — ".
-- @return place, source or nil, position of the dateline
function M.dateline(text)
  local pos = 1
  for _ = 1, 8 do                                  -- the first lines
    local e = text:find("\n", pos, true) or #text + 1
    local c1, c2 = text:byte(pos, pos + 1)        -- cheap tests before the real one
    if c1 and ((c1 >= 65 and c1 <= 90 and c2 and c2 >= 65 and c2 <= 90) or
               ((c1 == 32 or c1 == 9) and text:find("^[ \t]*%u%u", pos))) then
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
  if s:byte(-1) == 46 and (#s > 90 or s:find("%s%l+%s.*%s%l+%.$")) then return false end
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
