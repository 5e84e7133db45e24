--- The timeline: the reports of one real-world event (a meeting reported by
-- several articles, or several times by one) merged, and the events listed by
-- date with their reports. Input: records from newscorpus.events.records.
-- @module newscorpus.timeline
local sub, lower, match = string.sub, string.lower, string.match

local M = {}

-- Types that report the same kind of encounter (a meeting reported as talks).
local CLASS = { meeting = "meeting", talks = "meeting", summit = "meeting", visit = "meeting" }

-- The key of a party for merging: its id, or the head of a role never named
-- ("role:envoy"), so that "the Russian envoy" and "Russia's envoy" agree.
local function party_key(p)
  if p.id then return p.id end
  local head = match(lower(p.text), "([%a']+)%s*$")
  return "role:" .. (head or lower(p.text))
end

local function keys_of(r)
  local keys, n = {}, 0
  for _, p in ipairs(r.parties) do
    local k = party_key(p)
    if not keys[k] then keys[k] = true n = n + 1 end
  end
  return keys, n
end

-- The day interval of a record: its date's, or the month before its
-- publication when it gives no date at all; nil when unknown.
local function interval_of(r, dates_mod)
  if r.date then
    local lo, hi = dates_mod.interval(r.date)
    if lo then return lo, hi, "date" end
  end
  if not r.date_text and r.published then
    local p = dates_mod.day_of(r.published)
    if p then return p - 31, p, "published" end
  end
  return nil
end

local function places_agree(a, b)
  if not a or not b or a == b then return true end
  -- a country and a place in it (place:RU and place:RU:sochi)
  return sub(b, 1, #a + 1) == a .. ":" or sub(a, 1, #b + 1) == b .. ":"
end

local function more_specific(a, b)
  if not a then return b end
  if not b then return a end
  return #b > #a and b or a
end

--- Merge event records (M.records over several documents) into real-world
-- events: two reports are one event when they are of the same class (meeting,
-- talks, summit and visits are one class), their parties agree (one set holds
-- the other and the smaller has two parties at least, or they share two), their
-- places agree (equal, or a country and a place in it, or one unknown) and their
-- dates overlap (a report with no date stands for the month before its
-- publication; one whose date could not be resolved agrees with any).
-- @param records list from M.records
-- @tparam[opt] table opts `min_docs` (default 1): only events reported by so many documents
-- @return list of {date, first, last, approx, type, participants, parties, place,
--   place_name, docs, reports = records by date}, by date (undated last)
function M.merge(records, opts)
  opts = opts or {}
  local dates_mod = require "newscorpus.dates"
  local min_docs = opts.min_docs or 1
  -- the most precise reports first: they fix the date the others join
  local items = {}
  for i, r in ipairs(records) do
    local lo, hi, how = interval_of(r, dates_mod)
    local keys, n = keys_of(r)
    items[#items + 1] = { r = r, lo = lo, hi = hi, how = how, keys = keys, n = n, i = i,
      class = CLASS[r.type] or r.type }
  end
  local function rank(x)
    if x.how == "date" then return x.hi - x.lo end
    if x.how == "published" then return 1e6 end
    return 1e7
  end
  table.sort(items, function(x, y)
    local a, b = rank(x), rank(y)
    if a ~= b then return a < b end
    return x.i < y.i
  end)
  local events, by_key = {}, {}
  local function agrees(ev, x)
    if ev.class ~= x.class then return false end
    local common = 0
    for k in pairs(x.keys) do if ev.keys[k] then common = common + 1 end end
    local small = math.min(ev.n, x.n)
    if not (common >= 2 or (common == small and small >= 2)) then return false end
    if not places_agree(ev.place, x.r.place) then return false end
    if ev.lo and x.lo and (x.lo > ev.hi or x.hi < ev.lo) then return false end
    return true, common
  end
  for _, x in ipairs(items) do
    local best, best_score
    local seen = {}
    for k in pairs(x.keys) do
      for _, ev in ipairs(by_key[k] or {}) do
        if not seen[ev] then
          seen[ev] = true
          local ok, common = agrees(ev, x)
          if ok then
            local score = common * 10 + (ev.docs_set[x.r.doc] and 5 or 0) + (ev.lo and 1 or 0)
            if not best_score or score > best_score then best, best_score = ev, score end
          end
        end
      end
    end
    if not best then
      best = { class = x.class, keys = {}, n = 0, reports = {}, docs_set = {}, parties = {}, types = {} }
      events[#events + 1] = best
    end
    local ev = best
    ev.reports[#ev.reports + 1] = x.r
    ev.docs_set[x.r.doc] = true
    ev.types[x.r.type] = (ev.types[x.r.type] or 0) + 1
    for _, p in ipairs(x.r.parties) do
      local k = party_key(p)
      if not ev.keys[k] then
        ev.keys[k] = true
        ev.n = ev.n + 1
        ev.parties[#ev.parties + 1] = { id = p.id, name = p.name, type = p.type }
        by_key[k] = by_key[k] or {}
        table.insert(by_key[k], ev)
      end
    end
    if x.r.place and more_specific(ev.place, x.r.place) == x.r.place and ev.place ~= x.r.place then
      ev.place, ev.place_name = x.r.place, x.r.place_name
    end
    if x.lo then
      if not ev.lo then ev.lo, ev.hi, ev.how = x.lo, x.hi, x.how
      elseif ev.how == "published" and x.how == "date" then ev.lo, ev.hi, ev.how = x.lo, x.hi, "date"
      elseif x.how == ev.how then ev.lo, ev.hi = math.max(ev.lo, x.lo), math.min(ev.hi, x.hi) end
    end
    if x.how == "date" and (not ev.date or #x.r.date > #ev.date) then ev.date = x.r.date end
  end
  local out = {}
  for _, ev in ipairs(events) do
    local docs = 0
    for _ in pairs(ev.docs_set) do docs = docs + 1 end
    if docs >= min_docs then
      local best_type, most = nil, 0
      for t, c in pairs(ev.types) do
        if c > most or (c == most and t < best_type) then best_type, most = t, c end
      end
      table.sort(ev.reports, function(a, b)
        if (a.published or "") ~= (b.published or "") then return (a.published or "") < (b.published or "") end
        if tostring(a.doc) ~= tostring(b.doc) then return tostring(a.doc) < tostring(b.doc) end
        return a.start < b.start
      end)
      local ids = {}
      for _, p in ipairs(ev.parties) do if p.id then ids[#ids + 1] = p.id end end
      local first, last
      if ev.lo then
        first = dates_mod.iso_day(ev.lo)
        last = dates_mod.iso_day(ev.hi)
      end
      out[#out + 1] = { type = best_type, participants = ids, parties = ev.parties, place = ev.place,
        place_name = ev.place_name, date = ev.date, approx = ev.how == "published" or nil,
        first = first, last = last, docs = docs, reports = ev.reports,
        -- an event known only by its reports' publication sorts at that date
        _lo = (ev.how == "published" and ev.hi) or ev.lo or math.huge }
    end
  end
  table.sort(out, function(a, b)
    if a._lo ~= b._lo then return a._lo < b._lo end
    return a.docs > b.docs
  end)
  for _, ev in ipairs(out) do ev._lo = nil end
  return out
end

return M
