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
local data = require "newscorpus.data"

local tonumber, ipairs, type, error = tonumber, ipairs, type, error
local format, lower, match, find, sub = string.format, string.lower, string.match, string.find, string.sub
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

-- ---- words ------------------------------------------------------------------

local MONTHS = { jan = 1, feb = 2, mar = 3, apr = 4, may = 5, jun = 6, jul = 7, aug = 8, sep = 9,
  oct = 10, nov = 11, dec = 12 }
local WEEKDAYS = { mon = 1, tue = 2, wed = 3, thu = 4, fri = 5, sat = 6, sun = 7 }
local NUMBERS = { a = 1, an = 1, one = 1, two = 2, three = 3, four = 4, five = 5, six = 6, seven = 7,
  eight = 8, nine = 9, ten = 10, eleven = 11, twelve = 12, thirteen = 13, fourteen = 14, fifteen = 15,
  sixteen = 16, seventeen = 17, eighteen = 18, nineteen = 19, twenty = 20, thirty = 30, forty = 40,
  fifty = 50, the = 1 }
local SEASONS = { spring = "SP", summer = "SU", autumn = "FA", fall = "FA", winter = "WI" }

-- month number of the first month name in s (lower case), or nil
local function month_in(s)
  for w in s:gmatch("%a+") do
    local k = MONTHS[sub(w, 1, 3)]
    if k and (#w == 3 or w == "sept" or find("january february march april may june july august september october november december",
      w, 1, true)) then return k end
  end
  return nil
end

local function weekday_in(s)
  for w in s:gmatch("%a+") do
    if #w >= 6 and sub(w, -3) == "day" then
      local k = WEEKDAYS[sub(w, 1, 3)]
      if k then return k end
    end
  end
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

-- Words before a position that put a weekday or a month in the future.
local FUTURE = { "will ", "'ll ", "’ll ", "shall ", "to be held", "is to ", "are to ", "due to ", " due ",
  "scheduled", "set to ", "plans to ", "plan to ", "expected to ", "going to ", "next ", "coming ", "upcoming " }

-- Every word of FUTURE holds one of these: most texts are turned away by six
-- searches instead of eighteen.
local FUTURE_KEYS = { "to", "ll ", "next ", "coming ", "due", "scheduled" }
for _, w in ipairs(FUTURE) do
  local held = false
  for _, k in ipairs(FUTURE_KEYS) do if find(w, k, 1, true) then held = true end end
  assert(held, "newscorpus.dates: FUTURE_KEYS must cover '" .. w .. "'")
end

local function future_before(text, a)
  local s = lower(sub(text, a > 80 and a - 80 or 1, a - 1))
  local cut = match(s, "^.*()[%.!?;\n]")          -- the last sentence break
  if cut then s = sub(s, cut + 1) end
  local any = false
  for _, k in ipairs(FUTURE_KEYS) do if find(s, k, 1, true) then any = true break end end
  if not any then return false end
  for _, w in ipairs(FUTURE) do if find(s, w, 1, true) then return true end end
  return false
end

-- ---- values per label -----------------------------------------------------------

-- Each reader gets (t = lower-case text, ctx) and returns value, kind, granularity, used_anchor.
-- ctx: anchor (day number or nil), text, a (start), order() ("dmy" or "mdy").

local function full_date(y, m, d)
  if not (y and m and d) or m < 1 or m > 12 or d < 1 or d > days_in_month(y, m) then return nil end
  return format("%04d-%02d-%02d", y, m, d)
end

-- A month (and day) without a year: after a word of the future ("will", "next",
-- "scheduled") the first occurrence on or after the anchor; otherwise the nearest
-- occurrence, the past one unless the next is nearer by two months or more (news
-- reports what happened: "in March", written in September, is the March before).
local function nearest_year(m, d, anchor, future)
  local ay = civil_from_days(anchor)
  local past, next_
  for y = ay - 1, ay + 1 do
    local dd = d or 1
    if dd <= days_in_month(y, m) then
      local z = days_from_civil(y, m, dd)
      local z_end = d and z or days_from_civil(y, m, days_in_month(y, m))
      if z_end <= anchor or (not d and z <= anchor) then past = y
      elseif not next_ then next_ = y end
    end
  end
  if future and next_ and days_from_civil(next_, m, d or 1) - anchor <= 183 then return next_ end
  if not past then return next_ end
  if not next_ then return past end
  local gp = anchor - days_from_civil(past, m, d or 1)
  local gn = days_from_civil(next_, m, d or 1) - anchor
  return gn + 60 <= gp and next_ or past
end

local READ = {}

READ.date = function(t)
  local m = month_in(t)
  local y = tonumber(match(t, "(%d%d%d%d)%D*$"))
  local rest = t:gsub("%d%d%d%d%D*$", "")
  local d = tonumber(match(rest, "(%d%d?)%a*[^%d]*$"))
  return full_date(y, m, d), "absolute", "day"
end

READ.iso = function(t)
  local y, m, d = match(t, "^(%d+)%-(%d+)%-(%d+)")
  return full_date(tonumber(y), tonumber(m), tonumber(d)), "absolute", "day"
end

READ.numeric = function(t, ctx)
  local a, sep, b, y = match(t, "^(%d+)([/.-])(%d+)[/.-](%d+)$")
  a, b, y = tonumber(a), tonumber(b), tonumber(y)
  if not a then return nil, "absolute", "day" end
  if y < 100 then y = y + (y >= 70 and 1900 or 2000) end
  local d, m
  if sep == "." then d, m = a, b                      -- dotted dates are day first
  elseif a > 12 then d, m = a, b
  elseif b > 12 then d, m = b, a
  elseif ctx.order() == "mdy" then d, m = b, a
  else d, m = a, b end
  return full_date(y, m, d), "absolute", "day"
end

READ.named = function() return "2001-09-11", "absolute", "day" end

READ.month = function(t, ctx)
  local m = month_in(t)
  local y = tonumber(match(t, "(%d%d%d%d)"))
  if m and y then return format("%04d-%02d", y, m), "absolute", "month" end
  local anchor = ctx.anchor
  if not m then return nil, "absolute", "month" end
  if not anchor then return nil, "relative", "month" end
  local ay = civil_from_days(anchor)
  if find(t, "last year", 1, true) then y = ay - 1
  elseif find(t, "next year", 1, true) then y = ay + 1
  elseif find(t, "this year", 1, true) then y = ay
  else y = nearest_year(m, nil, anchor, future_before(ctx.text, ctx.a)) end
  return format("%04d-%02d", y, m), "relative", "month", true
end

-- "May", "March", "August" alone are words too ("May I", "the march on"): a month
-- only after a word that makes it one; false drops the match.
local MONTH_CUES = { ["in"] = true, by = true, of = true, since = true, ["until"] = true, till = true,
  from = true, before = true, after = true, during = true, through = true, throughout = true, early = true,
  late = true, mid = true, ["end"] = true, on = true, last = true, next = true, this = true, ["and"] = true }

READ["month-cue"] = function(t, ctx)
  local before = match(sub(ctx.text, ctx.a > 16 and ctx.a - 16 or 1, ctx.a - 1), "(%a+)[%s%-]+$")
  if not (before and MONTH_CUES[lower(before)]) then return false end
  return READ.month(t, ctx)
end

READ.daymonth = function(t, ctx)
  local m = month_in(t)
  local d = tonumber(match(t:gsub("^%a+%.?,?%s+", function(w) return weekday_in(w) and "" or nil end), "(%d%d?)"))
  if not (m and d) then return nil, "relative", "day" end
  if not ctx.anchor then return nil, "relative", "day" end
  local y = nearest_year(m, d, ctx.anchor, future_before(ctx.text, ctx.a))
  return full_date(y, m, d), "relative", "day", true
end

READ.season = function(t)
  local s, y = match(t, "(%a+)%s+o?f?%s*(%d%d%d%d)")
  if not s then s, y = match(t, "(%a+)%s+(%d%d%d%d)") end
  local code = s and SEASONS[s]
  if not code then return nil, "absolute", "season" end
  return format("%s-%s", y, code), "absolute", "season"
end

local DECADE_WORDS = { twenties = 2, thirties = 3, forties = 4, fifties = 5, sixties = 6, seventies = 7,
  eighties = 8, nineties = 9 }

READ.decade = function(t)
  local d = match(t, "(%d%d%d)0")
  if not d and match(t, "^['’]?%d0s$") then d = "19" .. match(t, "(%d)0s") end   -- "the '70s"
  if not d then
    local w = match(t, "(%a+)$")
    d = DECADE_WORDS[w] and ("19" .. DECADE_WORDS[w])   -- "the sixties": of the 20th century
  end
  return d, "absolute", "decade"
end

local ORDINAL_Q = { first = 1, ["1st"] = 1, second = 2, ["2nd"] = 2, third = 3, ["3rd"] = 3, fourth = 4,
  ["4th"] = 4, final = 4 }

READ.quarter = function(t, ctx)
  local q = tonumber(match(t, "q([1-4])") or match(t, "([1-4])q"))
  local w = match(t, "(%w+)[%s%-]+quarter")
  q = q or ORDINAL_Q[w]
  local y = tonumber(match(t, "(%d%d%d%d)"))
  if y and q then return format("%04d-Q%d", y, q), "absolute", "quarter" end
  local z = ctx.anchor
  if not z then return nil, "relative", "quarter" end
  local ay, am = civil_from_days(z)
  local cur = floor((am - 1) / 3) + 1
  if find(t, "last year", 1, true) then ay = ay - 1
  elseif find(t, "next year", 1, true) then ay = ay + 1 end
  if not q then
    local shift = (w == "last" or w == "previous") and -1 or w == "next" and 1 or 0
    local n = ay * 4 + (cur - 1) + shift
    ay, q = floor(n / 4), n % 4 + 1
  end
  return format("%04d-Q%d", ay, q), "relative", "quarter", true
end

READ.century = function(t)
  local c = tonumber(match(t, "(%d%d)%a%a"))
  return c and format("%02d", c - 1), "absolute", "century"
end

READ.year = function(t)
  return match(t, "(%d%d%d%d)"), "absolute", "year"
end

local UNIT_DAYS = { day = 1, week = 7 }
-- "almost two years ago": the qualifier goes, the value is the count's
local QUALIFIER = { almost = true, nearly = true, about = true, some = true, around = true, roughly = true,
  over = true, more = true, less = true, just = true, approximately = true, than = true }
local function unqualified(t)
  for _ = 1, 3 do
    local w, rest = match(t, "^(%a+)%s+(.*)$")
    if not (w and QUALIFIER[w]) then break end
    t = rest
  end
  return t
end

READ.relative = function(t, ctx)
  local z = ctx.anchor
  local kind = "relative"
  t = unqualified(t)
  -- granularity first, so an unresolved value still says what it is
  local g = (find(t, "week", 1, true) and (find(t, "weekend", 1, true) and "weekend" or "week"))
    or (find(t, "month", 1, true) and "month") or (find(t, "decade", 1, true) and "decade")
    or (find(t, "year", 1, true) and "year") or "day"
  if find(t, "^the%s+day%s+before") then g = "day" end
  local season = match(t, "(%a+)$")
  season = season and SEASONS[season]
  if season then g = "season" end
  local month = month_in(t)
  if month and g == "day" then g = "month" end
  if not z then return nil, kind, g end
  local y, m = civil_from_days(z)
  -- a number of units before or after: "two days ago", "17 years ago", "a year earlier"
  local n, unit, dir = match(t, "^([%a%d]+[%a%s]-)%s+(%a-)s?%s+(%a+)$")
  if n and (dir == "ago" or dir == "earlier" or dir == "before" or dir == "later") and (unit == "day" or unit == "week"
    or unit == "month" or unit == "year" or unit == "decade") and not find(t, "^the ") then
    local k = tonumber(n) or NUMBERS[n]
    if not k then return nil, kind, unit end            -- "a few", "several": vague
    -- "earlier", "before", "later": relative to another event, not the document
    if dir ~= "ago" then return nil, kind, unit end
    if UNIT_DAYS[unit] then return iso_day(z - k * UNIT_DAYS[unit]), kind, "day", true end
    if unit == "month" then
      local mm = (y * 12 + (m - 1)) - k
      return format("%04d-%02d", floor(mm / 12), mm % 12 + 1), kind, "month", true
    end
    if unit == "decade" then k = k * 10 end
    return format("%04d", y - k), kind, "year", true
  end
  -- "a year earlier", "the year before": relative to another time than the document's
  if find(t, "^an?%s") or find(t, "^one%s") or (find(t, "^the%s") and (find(t, "ago$") or find(t, "before$")
    or find(t, "earlier$"))) then return nil, kind, g end
  if t == "today" or t == "tonight" then return iso_day(z), kind, "day", true end
  if t == "yesterday" then return iso_day(z - 1), kind, "day", true end
  if t == "tomorrow" then return iso_day(z + 1), kind, "day", true end
  if find(t, "before yesterday", 1, true) then return iso_day(z - 2), kind, "day", true end
  if find(t, "after tomorrow", 1, true) then return iso_day(z + 2), kind, "day", true end
  local shift = 0
  if find(t, "last", 1, true) or find(t, "past", 1, true) or find(t, "previous", 1, true) then shift = -1
  elseif find(t, "next", 1, true) or find(t, "coming", 1, true) or find(t, "following", 1, true) then shift = 1 end
  if find(t, "^the ") and shift ~= 0 and (g == "year" or g == "month" or g == "week") and find(t, "past", 1, true) then
    return nil, kind, g                                 -- "the past year": the twelve months before, a span
  end
  local wd = weekday_in(t)
  if wd then
    local cur = weekday(z)
    local back = (cur - wd) % 7
    if shift < 0 then return iso_day(z - (back == 0 and 7 or back)), kind, "day", true end
    if shift > 0 then local fwd = (wd - cur) % 7 return iso_day(z + (fwd == 0 and 7 or fwd)), kind, "day", true end
    return iso_day(z - back), kind, "day", true       -- "this Tuesday"
  end
  if month then
    if shift < 0 then return format("%04d-%02d", month < m and y or y - 1, month), kind, "month", true end
    if shift > 0 then return format("%04d-%02d", month > m and y or y + 1, month), kind, "month", true end
    return format("%04d-%02d", y, month), kind, "month", true
  end
  if season then
    local sy = y + (shift < 0 and -1 or shift > 0 and 1 or 0)
    return format("%04d-%s", sy, season), kind, "season", true
  end
  if g == "weekend" then
    -- "this weekend": the one coming in words of the future, else the last one
    -- begun by the publication day ("this weekend" in Tuesday's news is past)
    local sat = z - (weekday(z) - 6) % 7
    if shift == 0 and future_before(ctx.text, ctx.a) and sat < z - 1 then sat = sat + 7 end
    return iso_week(sat + 7 * shift) .. "-WE", kind, g, true
  end
  if g == "week" then return iso_week(z + 7 * shift), kind, g, true end
  if g == "month" then
    local mm = (y * 12 + (m - 1)) + shift
    return format("%04d-%02d", floor(mm / 12), mm % 12 + 1), kind, "month", true
  end
  if g == "year" then return format("%04d", y + shift), kind, "year", true end
  if g == "decade" then return format("%03d", floor(y / 10) + shift), kind, "decade", true end
  return nil, kind, g
end

READ.duration = function(t)
  local g = match(t, "(%a-)s?$")
  return nil, "duration", g
end

READ.weekday = function(t, ctx)
  local z = ctx.anchor
  if not z then return nil, "relative", "day" end
  local wd = weekday_in(t)
  local cur = weekday(z)
  if future_before(ctx.text, ctx.a) then
    return iso_day(z + (wd - cur) % 7), "relative", "day", true
  end
  return iso_day(z - (cur - wd) % 7), "relative", "day", true
end

M.READ = READ

-- ---- the rule set ---------------------------------------------------------------

local default_set

--- The bundled rule set (data/rules/dates.txt), compiled once per Lua state.
function M.rules()
  if not default_set then
    local set, err = rules_mod.new { file = data.path("rules/dates.txt") }
    if not set then error("newscorpus: " .. err, 0) end
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
  local anchor_iso          -- nil until read, then the ISO date or false
  local ctx = setmetatable({ text = text }, { __index = function(t, k)
    if k ~= "anchor" then return nil end
    anchor_iso = M.anchor_of(doc, opts) or false
    local z = day_of(anchor_iso or nil) or false
    rawset(t, "anchor", z)
    return z
  end })
  local function anchor_iso_read()
    if anchor_iso == nil then local _ = ctx.anchor end
    return anchor_iso or nil
  end
  local order
  function ctx.order()   -- read only when a slashed date needs it
    order = order or numeric_order(text, m, set.labels)
    return order
  end
  local labels = set.labels
  for k = 1, #m, 3 do
    local a, b = m[k + 1], m[k + 2]
    local label = labels[m[k]]
    local s = sub(text, a, b)
    ctx.a = a
    local value, kind, gran, used = READ[label](lower(s), ctx)
    if value ~= false then
      out[#out + 1] = { start = a, stop = b, text = s, value = value, kind = kind, granularity = gran,
        anchor = (used or kind == "relative") and anchor_iso_read() or nil, label = label }
    end
  end
  if extra then
    out = rules_mod.overlay(out, extra:match(doc), function(e) e.kind = e.kind or "absolute" return e end)
  end
  return out
end

return M
