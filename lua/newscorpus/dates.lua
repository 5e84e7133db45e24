--- Temporal expressions: absolute and relative dates, resolved against the
-- document's date.
--
-- The expressions are found by the rule set in data/rules/dates.txt (one PCRE2
-- scan over the text); each rule's label says how its text becomes a value:
--
--   value        an ISO 8601 date "2019-03-20", month "2020-01", year "2015",
--                week "2015-W38", weekend "2015-W38-WE", quarter "2009-Q1", season "2012-SU",
--                decade "199" (the 1990s) or century "19" (the 20th century),
--                as TIMEX3 writes them; nil when it cannot be resolved
--   anchor       the date a relative or year-less expression was resolved
--                against (the publication date), nil for absolute ones
--   kind         "absolute", "relative" (needs the anchor) or "duration"
--   granularity  "day", "week", "weekend", "month", "quarter", "season", "year", "decade",
--                "century"
--
-- Nothing is ever resolved against today's date: with no document date a
-- relative expression has value nil.
-- @module newscorpus.dates
local rules_mod = require "newscorpus.rules"
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local tonumber, ipairs, type, error = tonumber, ipairs, type, error
local format, match, find, sub = string.format, string.match, string.find, string.sub
local floor = math.floor

local M = {}

-- ---- calendar arithmetic (proleptic Gregorian, days since 1970-01-01) ------

local function days_from_civil(y, m, d)
  y = m <= 2 and y - 1 or y
  local era = floor(y / 400)
  local yoe = y - era * 400
  local mp = (m + 9) % 12
  local doy = floor((153 * mp + 2) / 5) + d - 1
  local doe = yoe * 365 + floor(yoe / 4) - floor(yoe / 100) + doy
  return era * 146097 + doe - 719468
end

local function civil_from_days(z)
  z = z + 719468
  local era = floor(z / 146097)
  local doe = z - era * 146097
  local yoe = floor((doe - floor(doe / 1460) + floor(doe / 36524) - floor(doe / 146096)) / 365)
  local y = yoe + era * 400
  local doy = doe - (365 * yoe + floor(yoe / 4) - floor(yoe / 100))
  local mp = floor((5 * doy + 2) / 153)
  local d = doy - floor((153 * mp + 2) / 5) + 1
  local m = mp < 10 and mp + 3 or mp - 9
  return m <= 2 and y + 1 or y, m, d
end

local MONTH_DAYS = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 }

local function days_in_month(y, m)
  local n = MONTH_DAYS[m]
  if not n then   -- no month 1..12 (M.interval reads "2019-13"): what the day numbers say
    return days_from_civil(m == 12 and y + 1 or y, m == 12 and 1 or m + 1, 1) - days_from_civil(y, m, 1)
  end
  if m == 2 and y % 4 == 0 and (y % 100 ~= 0 or y % 400 == 0) then return 29 end
  return n
end

-- ISO weekday 1 (Monday) .. 7 (Sunday) of a day number
local function weekday(z) return (z + 3) % 7 + 1 end

local function iso_day(z) return format("%04d-%02d-%02d", civil_from_days(z)) end

-- ISO 8601 week "YYYY-Www" of a day number
local function iso_week(z)
  local thursday = z - weekday(z) + 4
  local y = civil_from_days(thursday)
  local week = floor((thursday - days_from_civil(y, 1, 1)) / 7) + 1
  return format("%04d-W%02d", y, week)
end

M.days_from_civil, M.civil_from_days, M.iso_week, M.iso_day = days_from_civil, civil_from_days, iso_week, iso_day

--- The interval [first, last] of day numbers a value covers (for comparisons), or nil.
function M.interval(v)
  if type(v) ~= "string" then return nil end
  local y, m, d = match(v, "^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if y then local z = days_from_civil(tonumber(y), tonumber(m), tonumber(d)) return z, z end
  local wy, w, we = match(v, "^(%d%d%d%d)%-W(%d%d)(%-?W?E?)$")
  if wy then
    local jan4 = days_from_civil(tonumber(wy), 1, 4)
    local monday = jan4 - weekday(jan4) + 1 + (tonumber(w) - 1) * 7
    if we == "-WE" then return monday + 5, monday + 6 end
    return monday, monday + 6
  end
  y, m = match(v, "^(%d%d%d%d)%-(%d%d)$")
  if y then
    y, m = tonumber(y), tonumber(m)
    return days_from_civil(y, m, 1), days_from_civil(y, m, days_in_month(y, m))
  end
  local sy, s = match(v, "^(%d%d%d%d)%-(%u%u)$")
  if sy then
    local from = { SP = 3, SU = 6, FA = 9, WI = 12 }
    local f = from[s]
    if not f then return nil end
    sy = tonumber(sy)
    local ey, em = f == 12 and sy + 1 or sy, f == 12 and 2 or f + 2
    return days_from_civil(sy, f, 1), days_from_civil(ey, em, days_in_month(ey, em))
  end
  local qy, q = match(v, "^(%d%d%d%d)%-Q([1-4])$")
  if qy then
    qy, q = tonumber(qy), tonumber(q)
    return days_from_civil(qy, q * 3 - 2, 1), days_from_civil(qy, q * 3, days_in_month(qy, q * 3))
  end
  y = match(v, "^(%d%d%d%d)$")
  if y then y = tonumber(y) return days_from_civil(y, 1, 1), days_from_civil(y, 12, 31) end
  local dec = match(v, "^(%d%d%d)$")
  if dec then dec = tonumber(dec) * 10 return days_from_civil(dec, 1, 1), days_from_civil(dec + 9, 12, 31) end
  local c = match(v, "^(%d%d)$")
  if c then c = tonumber(c) * 100 return days_from_civil(c, 1, 1), days_from_civil(c + 99, 12, 31) end
  return nil
end

-- ---- the anchor ---------------------------------------------------------------

-- Day number of an ISO date string's date part, or nil.
local function day_of(iso)
  local y, m, d = match(iso or "", "^(%d%d%d%d)%-(%d%d)%-(%d%d)")
  if not y then return nil end
  y, m, d = tonumber(y), tonumber(m), tonumber(d)
  if m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then return nil end
  return days_from_civil(y, m, d)
end
M.day_of = day_of

-- ---- values per label -----------------------------------------------------------

-- Each match is read in C (src/nc_datevalue.c) by its rule's label: the words
-- of the expression, the anchor day for relative ones, the words before it
-- that put a weekday or a month in the future ("will", "next", "scheduled"),
-- the document's order for slashed dates. See nc_datevalue.h.
local date_value = core.date_value
local LABEL_CODE = {}
for i, l in ipairs(core.date_labels) do LABEL_CODE[l] = i end

-- ---- the rule set ---------------------------------------------------------------

local default_set

--- The bundled rule set (data/rules/dates.txt), compiled once per Lua state.
function M.rules()
  if not default_set then
    local set, err = rules_mod.new { file = data.path("rules/dates.txt") }
    if not set then error("newscorpus: " .. err, 0) end
    -- each rule's label number, as core.date_rows reads them
    set.codes = {}
    for i, l in ipairs(set.labels) do set.codes[i] = LABEL_CODE[l] or 0 end
    default_set = set
  end
  return default_set
end

-- Day-first or month-first for the numeric dates of a text: month-first only
-- when some slashed date can only be read month first and none only day first.
-- Failing that, the order the document writes its dates in words ("July 8, 2007"
-- is American: 7/8/07 is July 8).
local function numeric_order(text, m, labels)
  local dmy, mdy, wdmy, wmdy = false, false, 0, 0
  for k = 1, #m, 3 do
    local s = sub(text, m[k + 1], m[k + 2])
    local a, b = match(s, "^(%d+)[/-](%d+)[/-]")
    if a then
      a, b = tonumber(a), tonumber(b)
      if a > 12 then dmy = true elseif b > 12 then mdy = true end
    elseif labels[m[k]] == "date" or labels[m[k]] == "daymonth" then
      if find(s, "^%a+%.?%s*%d") or find(s, "^%a+%.?,?%s+%a+%.?%s*%d") then wmdy = wmdy + 1 else wdmy = wdmy + 1 end
    end
  end
  if mdy ~= dmy then return mdy and "mdy" or "dmy" end
  return wmdy > wdmy and "mdy" or "dmy"
end

--- The publication date used as the anchor of doc: opts.anchor, the `date` of its
-- metadata given with it (JSON Lines), or the date its text states (doc:metadata()).
-- @return ISO date string or nil
function M.anchor_of(doc, opts)
  if opts and opts.anchor ~= nil then return opts.anchor or nil end
  local d = doc.meta and doc.meta.date
  if type(d) == "string" and day_of(d) then return sub(d, 1, 10) end
  local md = doc.metadata and doc:metadata()
  return md and md.date or nil
end

-- The anchor of doc's own dates: what M.anchor_of gives, but when the text
-- must tell, only the date it states is read (meta.date over the cleaning),
-- not the title, dateline and byline doc:metadata() would fill as well.
local meta_mod, clean_mod
local function own_anchor(doc, opts)
  if opts and opts.anchor ~= nil then return opts.anchor or nil end
  local d = doc.meta and doc.meta.date
  if type(d) == "string" and day_of(d) then return sub(d, 1, 10) end
  if d ~= nil or rawget(doc, "_meta_done") or not doc.clean then return M.anchor_of(doc, opts) end
  local cleaned = rawget(doc, "_clean")
  if cleaned then
    meta_mod = meta_mod or require("newscorpus.meta")
    return (meta_mod.date(doc, cleaned))
  end
  clean_mod = clean_mod or require("newscorpus.clean")
  return (clean_mod.stated_date(doc))
end

--- Temporal expressions of a document (or text).
-- @param doc Document (or a string: no anchor unless opts.anchor)
-- @tparam[opt] table opts `anchor` (ISO date, or false for none), `rules` (a
--   RuleSet from nc.rules whose matches are dates too: its normalisers return the
--   value; its matches win where they overlap the bundled ones)
-- @return list of {start, stop, text, value, anchor, kind, granularity, label}
function M.find(doc, opts)
  local text
  if type(doc) == "string" then text = doc doc = { text = text, meta = {} }
  else text = doc.text end
  local set = M.rules()
  local m = set.compiled:match(text)
  local extra = opts and opts.rules
  if extra ~= nil and not rules_mod.is(extra) then error("bad argument 'rules' (a rule set from nc.rules expected)", 3) end
  local out = {}
  if #m == 0 and not extra then return out end
  -- the anchor is read only when an expression needs it: finding the date a
  -- text states (doc:metadata()) costs more than reading its absolute dates
  local anchor_iso, anchor_z         -- nil until read, then the ISO date / day number or false
  local order                        -- nil until a slashed date needs it
  local labels = set.labels
  for k = 1, #m, 3 do
    local a, b = m[k + 1], m[k + 2]
    local label = labels[m[k]]
    local code = LABEL_CODE[label]
    local value, kind, gran, used = date_value(text, a, b, code, anchor_z, order)
    while value == true do           -- asks for the anchor or the order first
      if kind == "anchor" then
        anchor_iso = own_anchor(doc, opts) or false
        anchor_z = day_of(anchor_iso or nil) or false
      else
        order = numeric_order(text, m, labels)
      end
      value, kind, gran, used = date_value(text, a, b, code, anchor_z, order)
    end
    if value ~= false then
      local anchor
      if used or kind == "relative" then
        if anchor_iso == nil then
          anchor_iso = own_anchor(doc, opts) or false
          anchor_z = day_of(anchor_iso or nil) or false
        end
        anchor = anchor_iso or nil
      end
      out[#out + 1] = { start = a, stop = b, text = sub(text, a, b), value = value, kind = kind, granularity = gran,
        anchor = anchor, label = label }
    end
  end
  if extra then
    out = rules_mod.overlay(out, extra:match(doc), function(e) e.kind = e.kind or "absolute" return e end)
  end
  return out
end

local date_rows = core.date_rows

--- The dates command's output for a document, written in C without a table per
-- date: the rows of M.find(doc, opts) (opts.anchor only; no opts.rules) as the
-- command prints them. spec {prefix = s, num = w} gives table rows
-- "prefix start stop value kind anchor text\n" (numbers w wide); spec
-- {json = id} JSON Lines {doc, start, stop, text, value, kind, granularity, anchor}.
-- @return the rows (a string) and their number
function M.rows(doc, opts, spec)
  if opts and opts.rules ~= nil then error("bad argument #2 to 'rows' (no rules here: use dates.find)", 2) end
  local text = doc.text
  local set = M.rules()
  local m = set.compiled:match(text)
  if #m == 0 then return "", 0 end
  return date_rows(text, m, set.codes, function(what)
    if what == "anchor" then          -- date_rows reads the day of the ISO text
      local iso = own_anchor(doc, opts)
      return iso or false, iso
    end
    return numeric_order(text, m, set.labels)
  end, spec)
end

return M
