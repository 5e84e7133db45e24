-- Temporal expressions: absolute forms, relative ones resolved against the
-- publication date, and the rule layer under them (nc.rules).
local nc = require "newscorpus"
local dates = require "newscorpus.dates"
local h = require "helper"

-- the dates of text resolved against anchor, as {text, value} pairs
local function found(text, anchor)
  local out = {}
  for _, m in ipairs(nc.doc(text):dates { anchor = anchor or false }) do
    assert.equal(text:sub(m.start, m.stop), m.text)
    out[#out + 1] = { m.text, m.value or "nil" }
  end
  return out
end

local function value_of(text, anchor)
  local list = nc.doc(text):dates { anchor = anchor or false }
  assert.equal(1, #list, text)
  return list[1].value, list[1]
end

describe("doc:dates() absolute forms", function()
  it("reads the forms news writes full dates in", function()
    local cases = {
      { "The talks took place on 20 March,2019 in Damascus.", "20 March,2019", "2019-03-20" },
      { "He was appointed on September 14, 2021, officials said.", "September 14, 2021", "2021-09-14" },
      { "Tuesday, September 1, 2015 The ants were found.", "Tuesday, September 1, 2015", "2015-09-01" },
      { "It was signed on the 14th of March 2019 in Sochi.", "the 14th of March 2019", "2019-03-14" },
      { "Wed 05 Apr 2017 Syria attack symptoms", "Wed 05 Apr 2017", "2017-04-05" },
      { "The report (2019-03-20T07:57) said", "2019-03-20", "2019-03-20" },
      { "Reported 24.08.2013 by state media.", "24.08.2013", "2013-08-24" },
      { "Protests began in March 2011 in Deraa.", "March 2011", "2011-03" },
      { "Since mid-2019 the front has not moved.", "mid-2019", "2019" },
      { "The economy grew through the 1990s.", "the 1990s", "199" },
      { "Warhol worked in the sixties in New York.", "the sixties", "196" },
      { "Profits fell in the first quarter of 2009 at GM.", "the first quarter of 2009", "2009-Q1" },
      { "The war began in 2011, the UN says.", "2011", "2011" },
      { "the attacks of 9/11 changed that", "9/11", "2001-09-11" },
    }
    for _, c in ipairs(cases) do
      local v, m = value_of(c[1])
      assert.equal(c[2], m.text, c[1])
      assert.equal(c[3], v, c[1])
      assert.equal("absolute", m.kind)
      assert.is_nil(m.anchor)
    end
  end)

  it("does not take counts and amounts for years", function()
    for _, t in ipairs { "More than 2000 people fled the city.", "It cost $2015 a tonne.", "at 1,999 metres",
      "some 1800 troops arrived", "a ratio of 2019:1" } do
      assert.same({}, found(t), t)
    end
  end)

  it("settles day and month order of numeric dates per document", function()
    -- a part over 12 decides; both under 13: day first, unless the document
    -- writes its dates month first in words
    assert.same({ { "14/09/2021", "2021-09-14" } }, found("Filed 14/09/2021."))
    assert.same({ { "9/14/2021", "2021-09-14" } }, found("Filed 9/14/2021."))
    assert.same({ { "7/8/07", "2007-08-07" } }, found("Unveiled 7/8/07 at the plant."))
    assert.same({ { "July 8, 2007", "2007-07-08" }, { "7/8/07", "2007-07-08" } },
      found("Boeing unveiled the 787 on July 8, 2007. The date, 7/8/07, was chosen."))
    assert.same({ { "13/02/2020", "2020-02-13" }, { "03/04/2020", "2020-04-03" } },
      found("From 13/02/2020 to 03/04/2020."))
  end)
end)

describe("doc:dates() relative expressions", function()
  local anchor = "2019-03-20"   -- a Wednesday
  it("resolves weekdays to the day on or before the publication date in past tense", function()
    assert.equal("2019-03-19", value_of("Assad said on Tuesday that", anchor))
    assert.equal("2019-03-20", value_of("The minister arrived on Wednesday.", anchor))
    assert.equal("2019-03-14", value_of("He met Putin on Thursday in Sochi.", anchor))
  end)

  it("finds a date glued to a no-break space, a dash or a curly quote", function()
    assert.equal("2019-03-19", value_of("Assad said on\194\160Tuesday that", anchor))
    assert.equal("2019-03-19", value_of("The talks\226\128\148Tuesday\226\128\148ended.", anchor))
    assert.equal("2019-03-19", value_of("He said: \226\128\156Tuesday was a good day.\226\128\157", anchor))
  end)

  it("resolves weekdays after words of the future to the next one", function()
    assert.equal("2019-03-21", value_of("Talks will resume on Thursday in Geneva.", anchor))
    assert.equal("2019-03-22", value_of("The vote is scheduled for Friday.", anchor))
    assert.equal("2019-03-26", value_of("They meet again next Tuesday.", anchor))
    for _, s in ipairs { "They'll meet on Thursday.", "They\226\128\153ll meet on Thursday.",
      "Talks shall resume on Thursday.", "The summit is to open on Thursday.", "Leaders are to meet on Thursday.",
      "Talks are due to start on Thursday.", "The vote, due on Thursday, may slip.", "He is set to arrive on Thursday.",
      "She plans to travel on Thursday.", "They plan to sign on Thursday.", "He is expected to land on Thursday.",
      "We are going to vote on Thursday.", "The conference to be held on Thursday opens talks." } do
      assert.equal("2019-03-21", value_of(s, anchor), s)
    end
    -- a word of the future in an earlier sentence does not count
    assert.equal("2019-03-14", value_of("Talks will go on. They met on Thursday.", anchor))
    -- "last Tuesday": the latest Tuesday before the publication day
    assert.equal("2019-03-19", value_of("They met last Tuesday.", anchor))
    assert.equal("2019-03-13", value_of("They met last Wednesday.", anchor))
  end)

  it("resolves the words of news against the anchor", function()
    local cases = {
      { "Yesterday the army advanced.", "2019-03-19" },
      { "the statement said today", "2019-03-20" },
      { "Two days ago rebels shelled the town.", "2019-03-18" },
      { "It happened almost two years ago.", "2017" },
      { "Seventeen years ago the school opened.", "2002" },
      { "The talks in January last year failed.", "2018-01" },
      { "Aid arrived earlier this month.", "2019-03" },
      { "Fighting intensified last week.", "2019-W11" },
      { "Elections were held last year.", "2018" },
      { "The plan is due next month.", "2019-04" },
      { "Sales rose last summer.", "2018-SU" },
      { "The forces entered in September.", "2018-09" },
      { "Turkey will hold talks in April.", "2019-04" },
      { "The offensive began on Sept. 14.", "2018-09-14" },
      { "The offensive began on March 4.", "2019-03-04" },
      { "Figures for the last quarter", "2018-Q4" },
      { "at the end of the year", "2019" },
    }
    for _, c in ipairs(cases) do
      local v, m = value_of(c[1], anchor)
      assert.equal(c[2], v, c[1])
      assert.equal(anchor, m.anchor, c[1])
    end
  end)

  it("reads last, this and next weekend from the day of the week the article is from", function()
    local cases = {   -- Friday 27 February 2015; Sunday 1 March; Monday 2 March
      { "2015-02-27", "The offensive began last weekend.", "2015-W08-WE" },   -- 21-22 February
      { "2015-02-27", "Protests were held this weekend.", "2015-W08-WE" },
      { "2015-02-27", "They will meet this weekend.", "2015-W09-WE" },
      { "2015-02-27", "Talks resume next weekend.", "2015-W09-WE" },
      { "2015-03-01", "The offensive began last weekend.", "2015-W08-WE" },   -- the article's own weekend is W09
      { "2015-03-01", "Protests were held this weekend.", "2015-W09-WE" },
      { "2015-03-02", "The offensive began last weekend.", "2015-W09-WE" },
    }
    for _, c in ipairs(cases) do assert.equal(c[3], (value_of(c[2], c[1])), c[1] .. " " .. c[2]) end
  end)

  it("gives no value without an anchor, never today's date", function()
    local v, m = value_of("Yesterday the army advanced.")
    assert.is_nil(v)
    assert.equal("relative", m.kind)
    assert.is_nil(m.anchor)
    assert.is_nil((value_of("He was killed on Tuesday.")))
  end)

  it("keeps durations and spans relative to other events unresolved", function()
    local v, m = value_of("The truce lasted less than a week.", anchor)
    assert.is_nil(v)
    assert.equal("duration", m.kind)
    assert.is_nil((value_of("Ten days before, the convoy was hit.", anchor)))
    assert.is_nil((value_of("a few years earlier he had left", anchor)))
    assert.is_nil((value_of("Rebels held it the year before.", anchor)))
  end)

  it("uses the date given with the document, else the date its text states", function()
    local d = nc.doc("He spoke on Tuesday.", { date = "2021-09-14" })
    assert.equal("2021-09-14", d:dates()[1].value)
    local seed = nc.read("seeds/002_9b577226884e7e40.txt")   -- stamped 20 March,2019
    local list = seed:dates()
    assert.equal("2019-03-20", list[1].value)
    assert.equal("20 March,2019", list[1].text)
    local tuesday
    for _, m in ipairs(list) do if m.text == "Tuesday" then tuesday = tuesday or m end end
    assert.equal("2019-03-19", tuesday.value)
    assert.equal("2019-03-20", tuesday.anchor)
    -- seed 000 states no publication date: its weekdays stay unresolved
    for _, m in ipairs(nc.read("seeds/000_054e6d9ce493268d.txt"):dates()) do
      if m.kind == "relative" then assert.is_nil(m.value, m.text) end
    end
  end)

  it("reads the text's own date only when an expression needs an anchor", function()
    local text = "Published 14 March 2019\n\nThe war began in March 2011 and in 2015 Russia joined it."
    local d = nc.doc(text)
    local list = d:dates()
    assert.same({ "2019-03-14", "2011-03", "2015" }, { list[1].value, list[2].value, list[3].value })
    assert.is_nil(list[2].anchor)
    assert.is_nil(rawget(d, "_meta_done"))            -- absolute dates only: no metadata read
    local d2 = nc.doc(text .. " He spoke on Tuesday.")
    local r = d2:dates()
    assert.equal("2019-03-12", r[#r].value)
    assert.equal("2019-03-14", r[#r].anchor)
    -- only the date the text states was read, not its title or dateline; they still can be
    assert.is_nil(rawget(d2, "_meta_done"))
    assert.equal("2019-03-14", d2:metadata().date)
    assert.equal("Published 14 March 2019", d2.meta.title)
  end)

  it("rejects a malformed anchor", function()
    assert.has_error(function() nc.doc("x"):dates { anchor = "20/03/2019" } end)
    assert.has_error(function() nc.doc("x"):dates("2019") end)
  end)
end)

describe("dates on any bytes", function()
  it("handles empty text, NUL bytes and invalid UTF-8 with offsets into the original", function()
    assert.same({}, nc.doc(""):dates())
    local t = "\0\255 On 20 March,2019 \192\128 yesterday\0"
    local list = nc.doc(t):dates { anchor = "2019-03-20" }
    assert.equal(2, #list)
    assert.equal("20 March,2019", t:sub(list[1].start, list[1].stop))
    assert.equal("2019-03-19", list[2].value)
  end)

  it("covers the calendar: intervals, ISO weeks and leap days", function()
    assert.equal("2015-W38", dates.iso_week(dates.days_from_civil(2015, 9, 20)))
    assert.equal("2021-W52", dates.iso_week(dates.days_from_civil(2022, 1, 1)))
    local a, b = dates.interval("2015-W38")
    assert.same({ 2015, 9, 14 }, { dates.civil_from_days(a) })
    assert.same({ 2015, 9, 20 }, { dates.civil_from_days(b) })
    a, b = dates.interval("2020-02")
    assert.equal(28, b - a)
    assert.is_nil((value_of("on 29 February 2019")))   -- no such day
    assert.equal("2020-02-29", value_of("on 29 February 2020"))
  end)
end)

describe("core.date_value (the values, read in C)", function()
  local core = require "newscorpus.core"
  local code = {}
  for i, l in ipairs(core.date_labels) do code[l] = i end
  local FRI = dates.days_from_civil(2016, 6, 3)

  it("asks for the anchor or the order only when the expression needs it", function()
    assert.same({ true, "anchor" }, { core.date_value("said on Tuesday", 9, 15, code.weekday) })
    assert.same({ "2016-05-31", "relative", "day", true },
      { core.date_value("said on Tuesday", 9, 15, code.weekday, FRI) })
    assert.same({ "2015-09-01", "absolute", "day", false },
      { core.date_value("on Sept. 1st 2015", 4, 17, code.date) })
    assert.same({ true, "order" }, { core.date_value("on 3/4/2016", 4, 11, code.numeric, false) })
    assert.equal("2016-03-04", (core.date_value("on 3/4/2016", 4, 11, code.numeric, false, "mdy")))
    assert.equal("2016-04-03", (core.date_value("on 3/4/2016", 4, 11, code.numeric, false, "dmy")))
  end)

  it("gives no value without an anchor, and false for a May that is no month", function()
    assert.same({ nil, "relative", "day", false }, { core.date_value("said on Tuesday", 9, 15, code.weekday, false) })
    assert.is_false(core.date_value("May I ask", 1, 3, code["month-cue"], FRI))
    assert.equal("2016-05", (core.date_value("since May", 7, 9, code["month-cue"], FRI)))
  end)

  it("reads a decade after a curly apostrophe, and leaves absurd counts unresolved", function()
    assert.equal("197", (core.date_value("the \226\128\15370s", 5, 10, code.decade)))
    assert.equal("197", (core.date_value("the '70s", 5, 8, code.decade)))
    assert.same({ nil, "relative", "day", false }, { core.date_value("99999999 days ago", 1, 17, code.relative, FRI) })
    assert.equal("2014", (core.date_value("almost two years ago", 1, 20, code.relative, FRI)))
  end)

  it("refuses a bad label, span, anchor or order", function()
    assert.has_error(function() core.date_value("on Tuesday", 4, 11, code.weekday, FRI) end)
    assert.has_error(function() core.date_value("on Tuesday", 0, 10, code.weekday, FRI) end)
    assert.has_error(function() core.date_value("on Tuesday", 4, 10, #core.date_labels + 1, FRI) end)
    assert.has_error(function() core.date_value("on Tuesday", 4, 10, code.weekday, true) end)
    assert.has_error(function() core.date_value("on 3/4/2016", 4, 11, code.numeric, FRI, "ymd") end)
    assert.same({ nil, "absolute", "year", false }, { core.date_value("on", 2, 1, code.year) })   -- empty span
  end)
end)

describe("user rules in doc:dates", function()
  it("adds a rule set whose matches win where they overlap", function()
    local r = assert(nc.rules {
      { label = "eid", pattern = [[Eid al-Fitr 2019]], normalize = function() return "2019-06-04" end },
    })
    local list = nc.doc("Fighting paused for Eid al-Fitr 2019 and resumed in 2019."):dates { rules = r }
    assert.same({ "Eid al-Fitr 2019", "2019-06-04" }, { list[1].text, list[1].value })
    assert.same({ "2019", "2019" }, { list[2].text, list[2].value })
    assert.has_error(function() nc.doc("x"):dates { rules = {} } end)
  end)
end)

describe("nc.rules", function()
  it("matches labelled patterns in one scan, leftmost first, the earlier rule at one start", function()
    local r = assert(nc.rules {
      { label = "truce", pattern = [[cease-?fires?|truces?]], caseless = true },
      { label = "money", pattern = [[\$\d+(?:\.\d+)? ?(?:million|billion)]],
        normalize = function(text) return tonumber((text:gsub("[^%d.]", ""))) * (text:find("billion") and 1e9 or 1e6) end },
      { label = "short", pattern = [[\$\d+]] },
    })
    assert.equal(3, #r.rules)
    local doc = nc.doc("The CEASEFIRE held; $3.5 million in aid and $40 arrived before the truce.")
    local m = doc:match(r)
    assert.same({ "truce", "money", "short", "truce" }, { m[1].label, m[2].label, m[3].label, m[4].label })
    assert.equal(3.5e6, m[2].value)
    assert.equal("$3.5 million", doc.text:sub(m[2].start, m[2].stop))
    local n = r:each(doc, function(a, b, label) assert.truthy(label) assert.truthy(b >= a) end)
    assert.equal(4, n)
  end)

  it("with overlap = true matches every rule alone", function()
    local r = assert(nc.rules { overlap = true, { label = "a", pattern = "Sochi" }, { label = "b", pattern = "Black Sea resort of Sochi" } })
    local m = r:match("the Black Sea resort of Sochi")
    assert.equal(2, #m)
  end)

  it("reads rules files with defined names, and reports errors with file, line and offset", function()
    local dir = h.tmpdir()
    local path = h.write(dir .. "/r.txt", "# mine\ndefine\tCITY\tDamascus|Aleppo\ncity\t-\t\\b{CITY}\\b\nbad\ti\tx(y\n")
    local r, err = nc.rules { file = path }
    assert.is_nil(r)
    assert.truthy(err:find(path .. ":4:", 1, true), err)
    assert.truthy(err:find("offset 3", 1, true), err)
    h.write(path, "define\tCITY\tDamascus|Aleppo\ncity\t-\t\\b{CITY}\\b\n")
    r = assert(nc.rules { file = path })
    assert.equal(2, #r:match("From Aleppo to Damascus."))
    h.write(path, "city\t-\t{TOWN}\n")
    r, err = nc.rules { file = path }
    assert.is_nil(r)
    assert.truthy(err:find("unknown name {TOWN}", 1, true), err)
    r, err = nc.rules { file = dir .. "/none.txt" }
    assert.is_nil(r)
    assert.truthy(err)
    assert.has_error(function() nc.rules { { label = "x" } } end)
    assert.has_error(function() nc.rules "x" end)
    assert.has_error(function() nc.rules { { label = "x", pattern = "y", normalize = 3 } } end)
  end)

  it("stops a catastrophic pattern at a limit instead of hanging", function()
    local r = assert(nc.rules { { label = "evil", pattern = [[(a+)+$]] }, { label = "ok", pattern = [[Assad]] } })
    local t = ("a"):rep(30000) .. "! Assad"
    local t0 = os.clock()
    local m, limited = r:match(t)
    assert.truthy(os.clock() - t0 < 5)
    assert.truthy(limited >= 1)
    -- the limit ends the scan: what was found before it is kept, nothing is invented
    for _, x in ipairs(m) do assert.equal(t:sub(x.start, x.stop), x.text) end
  end)
end)

describe("dates.rows (the dates command's rows, written in C)", function()
  local fakes = require "fakes"
  local json = require "newscorpus.json"
  local fmt = require "newscorpus.format"

  -- the rows as the command wrote them from dates.find's tables
  local function reference(doc, opts, spec)
    local out = {}
    for _, m in ipairs(dates.find(doc, opts)) do
      if spec.json then
        out[#out + 1] = json.encode_flat({ doc = spec.json, start = m.start, stop = m.stop, text = m.text,
          value = m.value or json.null, kind = m.kind, granularity = m.granularity, anchor = m.anchor or json.null })
      else
        out[#out + 1] = ("%s%" .. spec.num .. "s  %" .. spec.num .. "s  %-11s  %-8s  %-10s  %s"):format(spec.prefix,
          m.start, m.stop, m.value or "-", m.kind, m.anchor or "-", fmt.cell(m.text))
      end
    end
    return out
  end

  local function lines(s)
    local out = {}
    for l in s:gmatch("([^\n]*)\n") do out[#out + 1] = l end
    return out
  end

  local texts = {}
  for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
    if #texts < 300 then texts[#texts + 1] = a.article_content end
  end
  for name in io.popen("ls seeds/*.txt"):lines() do texts[#texts + 1] = assert(io.open(name)):read("*a") end

  it("equals the rows of dates.find on 305 real articles, as a table and as JSON Lines", function()
    local n = 0
    for i, t in ipairs(texts) do
      for _, opts in ipairs { {}, { anchor = "2016-06-03" }, { anchor = false } } do
        local tspec = { prefix = "d" .. i .. "  ", num = 6 }
        local rows, k = dates.rows(nc.doc(t), opts, tspec)
        local want = reference(nc.doc(t), opts, tspec)
        assert.same(want, lines(rows))
        assert.equal(#want, k)
        n = n + k
        -- JSON: the same records (key order aside)
        local jrows = dates.rows(nc.doc(t), opts, { json = "d" .. i })
        local got = {}
        for _, l in ipairs(lines(jrows)) do got[#got + 1] = assert(json.decode(l)) end
        local wantj = {}
        for _, l in ipairs(reference(nc.doc(t), opts, { json = "d" .. i })) do wantj[#wantj + 1] = json.decode(l) end
        assert.same(wantj, got)
      end
    end
    assert.truthy(n > 3000)
  end)

  it("equals them on 3,000 generated texts of date fragments and hostile bytes", function()
    local frags = { "on Tuesday", " 14/09/2021", " 3/4/16 ", "\0", "\255\254", " last year", "Published 14 March 2019\n",
      " May ", "the 1990s", " in March", "two days ago", "\n\n", "Sept. 14", " will meet on Friday", "2015",
      " July 8, 2007 ", "\226\128\15370s", "yesterday", " next week ", "By John Smith\n", "mid-2019", "; ", "\t" }
    local seed = 12345
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
    -- anchors whose day date_rows reads in C (nc_day_of), real days or not
    local anchors = { {}, { anchor = "2019-03-20" }, { anchor = false }, { anchor = "2020-02-29" },
      { anchor = "2019-02-29" }, { anchor = "1900-02-29" }, { anchor = "2000-02-29T10:30" }, { anchor = "2019-13-01" },
      { anchor = "2019-04-31" }, { anchor = "0001-01-01" }, { anchor = "9999-12-31" }, { anchor = "2019-3-20" } }
    for i = 1, 3000 do
      local parts = {}
      for k = 1, rnd(12) do parts[k] = frags[rnd(#frags)] end
      local t = table.concat(parts)
      local opts = anchors[rnd(#anchors)]
      local spec = { prefix = "x  ", num = 5 }
      assert.same(reference(nc.doc(t), opts, spec), lines((dates.rows(nc.doc(t), opts, spec))), t)
      if i % 10 == 0 then
        local got = {}
        for _, l in ipairs(lines((dates.rows(nc.doc(t), opts, { json = "j" })))) do got[#got + 1] = json.decode(l) end
        local want = {}
        for _, l in ipairs(reference(nc.doc(t), opts, { json = "j" })) do want[#want + 1] = json.decode(l) end
        assert.same(want, got, t)
      end
    end
  end)

  it("reads the text's date only when a row needs it", function()
    local spec = { prefix = "", num = 5 }
    local clean = require "newscorpus.clean"
    local real, calls = clean.stated_date, 0
    clean.stated_date = function(...) calls = calls + 1 return real(...) end
    finally(function() clean.stated_date = real end)
    local d = nc.doc("Published 14 March 2019\n\nThe war began in March 2011.")
    local _, k = dates.rows(d, nil, spec)
    assert.equal(2, k)
    assert.equal(0, calls)
    d = nc.doc("Published 14 March 2019\n\nThe war began in March 2011. They met on Tuesday.")
    local rows = dates.rows(d, nil, spec)
    assert.equal(1, calls)
    assert.truthy(rows:find("2019-03-12   relative  2019-03-14  Tuesday\n", 1, true))
    -- a cleaning already made is read, not made again
    d = nc.doc("Published 14 March 2019\n\nThey met on Tuesday.")
    d:clean()
    rows = dates.rows(d, nil, spec)
    assert.equal(1, calls)
    assert.truthy(rows:find("2019-03-12   relative  2019-03-14  Tuesday\n", 1, true))
  end)

  it("repairs cells and strings, and keeps offsets into the original", function()
    local t = "\0\255 On 20 March,2019 \192\128 yesterday\0"
    local rows = dates.rows(nc.doc(t), { anchor = "2019-03-20" }, { prefix = "", num = 5 })
    assert.same({ "    7     19  2019-03-20   absolute  -           20 March,2019",
      "   24     32  2019-03-19   relative  2019-03-20  yesterday" }, lines(rows))
    assert.equal("    4     16  2019-03-20   absolute  -           20 March 2019\n",
      (dates.rows(nc.doc("On 20\tMarch 2019 \255"), nil, { prefix = "", num = 5 })))
    local j = dates.rows(nc.doc("On 20\tMarch 2019 \255"), nil, { json = "a\"b" })
    assert.same({ doc = "a\"b", start = 4, stop = 16, text = "20\tMarch 2019", value = "2019-03-20",
      kind = "absolute", granularity = "day", anchor = json.null }, json.decode(j))
    assert.same({ "", 0 }, { dates.rows(nc.doc(""), nil, { json = "x" }) })
  end)

  it("refuses user rules, bad label codes and a bad answer for the order", function()
    local core = require "newscorpus.core"
    assert.has_error(function() dates.rows(nc.doc("x"), { rules = nc.rules { { label = "a", pattern = "x" } } }, {}) end)
    local m = { 1, 4, 16 }
    assert.has_error(function() core.date_rows("on 3 March 2016", m, { 99 }, function() end, {}) end)
    assert.has_error(function() core.date_rows("on 3 March 2016", { 1, 4, 99 }, { 1 }, function() end, {}) end)
    local code = {}
    for i, l in ipairs(core.date_labels) do code[l] = i end
    assert.has_error(function()
      core.date_rows("on 3/4/2016", { 1, 4, 11 }, { code.numeric }, function() return "ymd" end, {})
    end)
    assert.has_error(function()
      core.date_rows("on Tuesday", { 1, 4, 10 }, { code.weekday }, function() error("no anchor here") end, {})
    end, "no anchor here")
    assert.same({ "    4     11  2016-04-03   absolute  -           3/4/2016\n", 1 },
      { core.date_rows("on 3/4/2016", { 1, 4, 11 }, { code.numeric }, function() return "dmy" end, { num = 5 }) })
  end)
end)
