-- doc:claims(), corpus:claims():compare() and the FA-KES deaths floor.
local nc = require "newscorpus"
local claims = require "newscorpus.claims"
local fakes = require "fakes"

-- the claims of a text, as {text = claim} for the figures whose text is listed
local function by_text(text, opts)
  local out = {}
  for _, c in ipairs(nc.doc(text):claims(opts)) do
    assert.equal(text:sub(c.start, c.stop), c.text)   -- offsets are the evidence
    out[c.text] = c
  end
  return out
end

describe("doc:claims() figures", function()
  it("reads numbers in their news forms, with the qualifier as approx", function()
    local c = by_text("Seven years of war have left more than 500,000 people dead. Around 2,000 were killed "
      .. "in the siege, and the UN said 3.5 million fled to Turkey and four million people live in Idlib. "
      .. "The country's 23 million people. Hundreds of thousands died; dozens were wounded. Government "
      .. "forces control almost two-thirds of the country and 90% of its cities, up from 90 per cent "
      .. "of the coast, and displaced half of the population. At least 70 people died.")
    assert.same({ 500000, 500000, nil, "more than" },
      { c["more than 500,000"].value, c["more than 500,000"].low, c["more than 500,000"].high, c["more than 500,000"].approx })
    assert.same({ 2000, 1800, 2200, "around" },
      { c["Around 2,000"].value, c["Around 2,000"].low, c["Around 2,000"].high, c["Around 2,000"].approx })
    assert.equal(3500000, c["3.5 million"].value)
    assert.equal(4000000, c["four million"].value)
    assert.equal(23000000, c["23 million"].value)
    assert.same({ 200000, 999999 }, { c["Hundreds of thousands"].low, c["Hundreds of thousands"].high })
    assert.same({ 24, 119 }, { c["dozens"].low, c["dozens"].high })
    assert.same({ 66.7, "%", "almost", 60 }, { c["almost two-thirds"].value, c["almost two-thirds"].unit,
      c["almost two-thirds"].approx, c["almost two-thirds"].low })
    assert.same({ 90, "%" }, { c["90%"].value, c["90%"].unit })
    assert.same({ 90, "%" }, { c["90 per cent"].value, c["90 per cent"].unit })
    assert.same({ 50, "%" }, { c["half"].value, c["half"].unit })
    assert.same({ 70, "at least", 70 }, { c["At least 70"].value, c["At least 70"].approx, c["At least 70"].low })
    assert.is_nil(c["At least 70"].high)
  end)

  it("reads qualifiers as bounds: up to, some, nearly, fewer than, between", function()
    local c = by_text("Up to 300 soldiers were deployed. Some 4,500 troops arrived. Nearly 1,000 people died. "
      .. "Fewer than 20 were hurt. Between 300 and 400 families fled. One in five children is malnourished.")
    assert.same({ 0, 300, "up to" }, { c["Up to 300"].low, c["Up to 300"].high, c["Up to 300"].approx })
    assert.same({ 4050, 4950 }, { c["Some 4,500"].low, c["Some 4,500"].high })
    assert.same({ 900, 1000 }, { c["Nearly 1,000"].low, c["Nearly 1,000"].high })
    assert.same({ 0, 20 }, { c["Fewer than 20"].low, c["Fewer than 20"].high })
    assert.same({ 300, 300, 400 }, { c["Between 300 and 400"].value, c["Between 300 and 400"].low,
      c["Between 300 and 400"].high })
    assert.same({ 20, "%" }, { c["One in five"].value, c["One in five"].unit })
  end)

  it("reads ranges whose ends carry a scale word", function()
    for _, t in ipairs { "Between 3 million and 4 million people fled.", "From 3 million to 4 million people fled.",
                         "Some 3m-4m people fled." } do
      local c = nc.doc(t):claims()[1]
      assert.is_truthy(c, t)
      assert.same({ "range", 3000000 }, { c.label, c.value }, t)
      assert.is_true(c.high >= 4000000, t)
    end
  end)

  it("keeps the ends of a range under an approximating qualifier", function()
    local function bounds(t) local c = nc.doc(t):claims()[1] return { c.low, c.high } end
    assert.same({ 270, 440 }, bounds("Some 300-400 people were killed."))
    assert.same({ 450, 1430 }, bounds("An estimated between 500 and 1300 people died."))
    assert.same({ 270, 400 }, bounds("Almost 300-400 people were killed."))
    assert.same({ 1800, 2200 }, bounds("Around 2,000 people fled."))   -- one figure: as before
    assert.same({ 450, 500 }, bounds("Nearly 500 died."))
  end)

  it("reads a range written with an en dash as one written with a hyphen", function()
    for _, t in ipairs { "Between 300–400 people were killed.", "Between 300-400 people were killed.",
                         "Between 300 – 400 people were killed." } do
      local list = nc.doc(t):claims()
      assert.equal(1, #list, t)
      assert.same({ 300, 300, 400, "range", "deaths" },
        { list[1].value, list[1].low, list[1].high, list[1].label, list[1].kind }, t)
    end
  end)

  it("spells out numbers: twenty-five, one hundred and fifty, a dozen, several hundred", function()
    local c = by_text("Twenty-five people were killed, one hundred and fifty wounded and a dozen soldiers "
      .. "captured; several hundred families and tens of thousands of refugees fled.")
    assert.equal(25, c["Twenty-five"].value)
    assert.equal(150, c["one hundred and fifty"].value)
    assert.equal(12, c["a dozen"].value)
    assert.same({ 300, 900 }, { c["several hundred"].low, c["several hundred"].high })
    assert.same({ 20000, 99999 }, { c["tens of thousands"].low, c["tens of thousands"].high })
  end)

  it("gives money its currency and measures their unit, within the span", function()
    local c = by_text("Washington pledged $3.5 million and the EU €20bn, Britain £1m; the war cost billions "
      .. "of dollars and 500 million euros. The zone covers 100 square kilometres, 40 km from the border.")
    assert.same({ 3500000, "USD", "money" }, { c["$3.5 million"].value, c["$3.5 million"].unit, c["$3.5 million"].kind })
    assert.same({ 20e9, "EUR" }, { c["€20bn"].value, c["€20bn"].unit })
    assert.same({ 1e6, "GBP" }, { c["£1m"].value, c["£1m"].unit })
    assert.same({ "USD", 2e9, "money" }, { c["billions of dollars"].unit, c["billions of dollars"].low,
      c["billions of dollars"].kind })
    assert.same({ 5e8, "EUR" }, { c["500 million euros"].value, c["500 million euros"].unit })
    assert.same({ 100, "km2" }, { c["100 square kilometres"].value, c["100 square kilometres"].unit })
    assert.same({ 40, "km" }, { c["40 km"].value, c["40 km"].unit })
  end)

  it("does not take dates, years, times, ordinals, durations' counts or names for figures", function()
    local c = by_text("On 28-04-2016 at 10:30, or 7pm, on the 21st, in 2015 and 1990-1995, two F-16 jets, "
      .. "COVID-19 and UN Resolution 2254, a 10-year-old boy and No. 10: no one was hurt two days ago.")
    local texts = {}
    for t in pairs(c) do texts[#texts + 1] = t end
    table.sort(texts)
    assert.same({ "two" }, texts)
    -- the name word is read back over ".", spaces and "#": "Flight #370", "No.  4", "room\t12"
    local d = by_text("Flight #370 vanished, No.  4 was shut and room\t12 was hit, while 40 were hurt.")
    assert.same({ "40" }, (function() local t = {} for k in pairs(d) do t[#t + 1] = k end return t end)())
  end)

  it("knows every name word before a number, in any case, over \".\", blanks and \"#\"", function()
    local names = [[act airbus apollo article articles avenue battalion block boeing box brigade building bus
      camp category channel chapter class clause code covid district division episode exit figure flight floor
      game gate grade highway interstate item lane level line model no number page pages paragraph part phase
      pier platform psalm regiment resolution resolutions road room round route rule sars season section sector
      squad stage step street table terminal tier tower train type unit verse version vol volume ward zone]]
    local n = 0
    for w in names:gmatch("%S+") do
      for _, form in ipairs { w .. " ", w:upper() .. ". ", w:sub(1, 1):upper() .. w:sub(2) .. " #", w .. ".\t" } do
        local c = nc.doc("They said " .. form .. "17 was hit.", { id = "x" }):claims()
        assert.equal(0, #c, form)
      end
      -- a longer word ending in the name word is no name: "kno 17" is a figure
      assert.equal(1, #nc.doc("They said xx" .. w .. " 17 was hit."):claims(), w)
      n = n + 1
    end
    assert.equal(77, n)
    -- a qualifier makes it a figure again: "number of at least 17"
    assert.equal("at least 17", nc.doc("The flight carried at least 17 people."):claims()[1].text)
  end)

  it("takes the qualifier before a figure from the text, at a word start", function()
    local c = by_text("•Around 15 young men were killed. (About 40 fled.) They said no more than\n  5 were hurt, "
      .. "furthermore than 6 ... and some 300 km away, a xsome 12 and désome 13, up to 20% of the land.")
    assert.same({ "around", 13, 17 }, { c["Around 15"].approx, c["Around 15"].low, c["Around 15"].high })
    assert.equal("about", c["About 40"].approx)
    assert.same({ "no more than", 0, 5 }, { c["no more than\n  5"].approx, c["no more than\n  5"].low, c["no more than\n  5"].high })
    assert.is_nil(c["6"].approx)                       -- "furthermore than": not at a word start
    assert.same({ "some", "km" }, { c["some 300 km"].approx, c["some 300 km"].unit })
    assert.truthy(c["12"] and c["13"])                 -- "xsome", "désome": no qualifier
    assert.same({ "up to", 0, 20, "%" }, { c["up to 20%"].approx, c["up to 20%"].low, c["up to 20%"].high, c["up to 20%"].unit })
    -- a time or a date after a qualifier is no figure; a bare year after one is
    local d = by_text("Shells fell around 3 a.m. and around 8:30 pm, at least 27-09-2013, "
      .. "and Russia destroyed more than 2000 oil tankers in 2000 and in about 2015.")
    local texts = {}
    for t in pairs(d) do texts[#texts + 1] = t end
    table.sort(texts)
    assert.same({ "about 2015", "more than 2000" }, texts)
    assert.same({ 2000, "more than", "number" }, { d["more than 2000"].low, d["more than 2000"].approx, d["more than 2000"].label })
    -- not back into the match before: "in 2015 some" keeps "2015" a date and "some 30" a figure
    local e = by_text("Since March 2015 some 30 people and since 2015 some 40 have died.")
    assert.truthy(e["some 30"] and e["some 40"])
  end)
end)

describe("doc:claims() kinds", function()
  local function kinds(text)
    local out = {}
    for _, c in ipairs(nc.doc(text):claims()) do out[#out + 1] = c.kind end
    return table.concat(out, " ")
  end

  it("reads what is counted from the words around the figure", function()
    assert.equal("deaths injured", kinds("An air strike killed 12 civilians and wounded 30 on Monday."))
    assert.equal("deaths", kinds("The conflict has cost 350,000 lives."))
    assert.equal("deaths", kinds("The death toll rose to 126."))
    assert.equal("deaths", kinds("At least 35 ISIS militants were killed in air strikes."))
    assert.equal("displaced", kinds("More than 5.6 million refugees have left the country."))
    assert.equal("troops", kinds("Moscow has deployed 63,000 troops to the region."))
    assert.equal("territory", kinds("The government controls 90% of the territory."))
    assert.equal("population", kinds("The province is home to some four million people."))
    assert.equal("population", kinds("A city of 23m people."))
    assert.equal("money", kinds("The reconstruction will cost $250 billion."))
    assert.equal("other other", kinds("The talks lasted seven years and covered 14 points."))
  end)

  it("marks figures that are part of another", function()
    local list = nc.doc("Six children were among 19 civilians killed on Thursday. Shelling killed 31 "
      .. "people, including two medics. Fifty fighters died, 15 of them foreigners."):claims()
    local parts = {}
    for _, c in ipairs(list) do parts[#parts + 1] = c.text .. "=" .. tostring(c.part or false) end
    assert.same({ "Six=true", "19=false", "31=false", "two=true", "Fifty=false", "15=true" }, parts)
  end)

  it("reads a possessive's people as population, and cues only within the figure's sentence", function()
    assert.equal("population", kinds("Syria’s 23 million people have lived through war."))
    assert.equal("population", kinds("The country's 80 million inhabitants voted."))
    -- "killed" is in the sentence before: the figure counts nothing known
    assert.equal("deaths other", kinds("Nine soldiers were killed. The report has 40 pages."))
  end)

  it("reads figures in C (core.claim_read): value, interval, unit, qualifier and bound", function()
    local core = require "newscorpus.core"
    local code = {}
    for i, l in ipairs(core.claim_labels) do code[l] = i end
    local t = "x More than  3.5 million people"
    assert.same({ 3500000, 3500000, 3500000, nil, "more than", "low", false },
      { core.claim_read(t, 3, 24, code.number) })
    assert.same({ 20, 20, 20, "%", nil, nil, false }, { core.claim_read("one in five", 1, 11, code.fraction) })
    assert.same({ nil, nil, nil, nil, "some", "about", false }, { core.claim_read("some 12", 1, 7, code.none) })
    assert.has_error(function() core.claim_read(t, 3, #t + 1, code.number) end)
    assert.has_error(function() core.claim_read(t, 3, 10, #core.claim_labels + 1) end)
  end)

  it("reads kinds in C from one packed word set (core.claim_kind), refusing bad spans", function()
    local core = require "newscorpus.core"
    local claims = require "newscorpus.claims"
    local t = "Shelling killed 31 people, including two medics."
    assert.same({ "deaths", false }, { claims._kind_of(t, 17, 18, 1, #t, false) })
    assert.same({ "deaths", "incl" }, { claims._kind_of(t, 38, 40, 1, #t, false) })
    -- a sentence that starts after the figure or ends before it: no words on that side
    assert.same({ "other", false }, { claims._kind_of(t, 17, 18, 20, 10, false) })
    local ws = core.wordset()
    assert.has_error(function() core.claim_kind(t, 17, #t + 1, 1, #t, false, ws, 5) end)
    assert.has_error(function() core.claim_kind(t, 0, 18, 1, #t, false, ws, 5) end)
    assert.has_error(function() core.claim_kind(t, 17, 18, 1, #t, false, ws, 8) end)
    assert.same({ 0, 0 }, { core.claim_kind(t, 17, 18, 1, #t, false, ws, 5) })   -- no cues known
  end)

  it("filters by kind, and rejects a bad kind or options", function()
    local d = nc.doc("Bombs killed 12 people and wounded 30.")
    local list = d:claims { kind = "injured" }
    assert.equal(1, #list)
    assert.equal("30", list[1].text)
    assert.has_error(function() d:claims { kind = "dead" } end)
    assert.has_error(function() d:claims("deaths") end)
  end)

  it("takes user rules whose matches win where they overlap", function()
    local r = assert(nc.rules { { label = "number", pattern = [[\b(?:a|one)\s+score\b]], caseless = true,
      normalize = function() return 20 end } })
    local list = nc.doc("Rebels killed a score of soldiers and 12 civilians."):claims { rules = r }
    assert.equal("a score", list[1].text)
    assert.equal(20, list[1].value)
    assert.equal("deaths", list[1].kind)
    assert.equal("12", list[2].text)
    -- a user figure takes the qualifier before it too; a qualifier inside the match before is not taken
    local goats = assert(nc.rules { { label = "goats", pattern = [=[\b\d+ goats\b]=],
      normalize = function(t) return tonumber(t:match("%d+")) end } })
    local g = nc.doc("Raiders took more than 10 goats."):claims { rules = goats }
    assert.same({ "more than 10 goats", "more than", "goats", 10 }, { g[1].text, g[1].approx, g[1].label, g[1].low })
    local verb = assert(nc.rules { { label = "verb", pattern = [=[\bkilled about\b]=], normalize = function() end } })
    local v = nc.doc("They killed about 30 people."):claims { rules = verb }
    assert.same({ "30", nil }, { v[1].text, v[1].approx })
  end)

  it("handles empty text, NUL bytes and invalid UTF-8 with offsets into the original", function()
    assert.same({}, nc.doc(""):claims())
    local t = "\0\255 killed 40\0 people \192\128 and 5,000\255 fled"
    local list = nc.doc(t):claims()
    assert.equal(2, #list)
    for _, c in ipairs(list) do assert.equal(t:sub(c.start, c.stop), c.text) end
    assert.same({ 40, 5000 }, { list[1].value, list[2].value })
  end)
end)

describe("corpus:claims():compare()", function()
  it("shows where the seeds disagree on the war's dead and the territory held", function()
    local groups = nc.load("seeds"):claims():compare()
    local deaths, territory
    for _, g in ipairs(groups) do
      if g.kind == "deaths" and g.subject == "place:SY" then deaths = g end
      if g.kind == "territory" and g.subject == "place:SY" then territory = g end
    end
    assert.truthy(deaths)
    assert.is_false(deaths.agree)
    local values = {}
    for _, c in ipairs(deaths.claims) do
      values[#values + 1] = c.value
      assert.truthy(c.evidence:find(c.text, 1, true))
      assert.equal(c.text, c.evidence:sub(c.evidence_at, c.evidence_at + #c.text - 1))
    end
    table.sort(values)
    assert.same({ 200000, 350000, 370000, 500000 }, values)
    assert.equal(4, deaths.docs)
    assert.is_false(territory.agree)
    assert.equal(66.7, territory.claims[1].value)
    assert.equal(90, territory.claims[#territory.claims].value)
  end)

  it("groups by subject and size, and agrees when the intervals overlap", function()
    local groups = nc.load({
      { id = "a", text = "In Yemen, an air strike killed around 2,000 people, officials said." },
      { id = "b", text = "The Yemen strike killed 2,100 people, a monitor said." },
      { id = "c", text = "The war in Yemen has killed 150,000 people." },
      { id = "d", text = "Floods in Peru killed 2,050 people." },
    }):claims():compare { min_docs = 1 }
    local by = {}
    for _, g in ipairs(groups) do by[g.subject .. ":" .. g.low] = g end
    local strike = by["place:YE:2000"]
    assert.truthy(strike)
    assert.is_true(strike.agree)
    assert.equal(2, strike.docs)
    assert.truthy(by["place:YE:150000"])          -- another figure, not a disagreement
    assert.truthy(by["place:PE:2050"])            -- another country
  end)
end)

describe("FA-KES deaths", function()
  it("the first deaths figure of an article is its gold count in >= 70% of the articles", function()
    local articles = assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))
    local right, n = 0, 0
    for _, a in ipairs(articles) do
      local gold = (tonumber(a.nb_civilians) or 0) + (tonumber(a.nb_noncivilians) or 0)
      if gold > 0 then
        n = n + 1
        for _, c in ipairs(nc.doc(a.article_content):claims { kind = "deaths" }) do
          if not c.part then
            if c.value == gold then right = right + 1 end
            break
          end
        end
      end
    end
    assert.is_true(n >= 800)
    assert.is_true(right / n >= 0.70, ("%d/%d"):format(right, n))
  end)
end)

describe("claims.rows", function()
  -- the table the claims command prints: a claim's figure as the --compare tables print it
  local figure = require("newscorpus.cli")._figure
  local function pad(s, w) return s .. (" "):rep(w - #s) end

  it("are the rows of doc:claims(), made in C, on real articles (FA-KES)", function()
    local fmt = require "newscorpus.format"
    local n, docs = 0, 0
    for i, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      local kind = i % 3 == 0 and "deaths" or nil
      local doc = nc.doc(a.article_content)
      local rows, count = claims.rows(doc, kind and { kind = kind }, { prefix = "d  ", num = 6 })
      local want = {}
      for _, c in ipairs(doc:claims(kind and { kind = kind })) do
        want[#want + 1] = ("d  %6d  %6d  "):format(c.start, c.stop) .. pad(c.kind, 10) .. "  " .. pad(figure(c), 22)
          .. "  " .. fmt.cell(c.text) .. "\n"
      end
      assert.equal(table.concat(want), rows)
      assert.equal(#want, count)
      n, docs = n + count, docs + 1
    end
    assert.is_true(docs >= 800 and n >= 5000, ("%d docs, %d rows"):format(docs, n))
    -- figures of every form: ranges, open bounds, shares, money, units, control characters in the text
    local t = "Between 300 and 400 died, more than 500,000 fled, almost two-thirds of the land, $3.5 million, "
      .. "some 300 km,\tup to 20% and 12\1345 in 1,234,567.5 tonnes; 1e15 no; 12345678901234567890 people."
    local doc = nc.doc(t)
    local want = {}
    for _, c in ipairs(doc:claims()) do
      want[#want + 1] = ("%5d  %5d  "):format(c.start, c.stop) .. pad(c.kind, 10) .. "  " .. pad(figure(c), 22) .. "  "
        .. fmt.cell(c.text) .. "\n"
    end
    assert.is_true(#want >= 8)
    assert.equal(table.concat(want), (claims.rows(doc, nil, { num = 5 })))
  end)
end)

describe("core.claims working memory", function()
  -- core.claims keeps its buffers from one document to the next (one set per Lua
  -- state); a call that raises leaves them in use, and later calls make their own
  local core = require "newscorpus.core"
  local big = ("Some 500 people were killed and 2,000 fled. "):rep(2000)
  local texts = { "The army said 5 people died.", big, "", "Ten were hurt.", big:sub(1, 300), "no figure here" }
  local function rows_of(list)
    local out = {}
    for i, t in ipairs(list) do out[i] = { claims.rows(nc.doc(t), nil, { prefix = "d  ", num = 6 }) } end
    return out
  end

  it("gives each document its own rows, long and short in turn", function()
    local first = rows_of(texts)
    for i, t in ipairs(texts) do
      local want = {}
      for _, c in ipairs(nc.doc(t):claims()) do want[#want + 1] = c.start end
      assert.equal(#want, first[i][2], t:sub(1, 40))
    end
    assert.equal(4000, first[2][2])
    assert.same(first, rows_of(texts))
  end)

  it("still works after a call that raises", function()
    local before = rows_of(texts)
    local set = claims.rules()
    local ok, err = pcall(core.claims, "10 and 20", { 1, 4, 5, 1, 1, 2 }, {}, nil,
      require("newscorpus.document").splitter_words(), 0)
    assert.is_false(ok)
    assert.matches("out of range or order", err)
    assert.same(before, rows_of(texts))
    assert.is_truthy(set)
  end)
end)

describe("claims rule set", function()
  it("is compiled once per Lua state", function()
    assert.equal(claims.rules(), claims.rules())
  end)

  it("finds the figures the dates' trigger words would find too (they are only lead words)", function()
    local rules = require "newscorpus.rules"
    local data = require "newscorpus.data"
    local full = assert(rules.new { file = { data.path("rules/dates.txt"), data.path("rules/numbers.txt") } })
    assert.is_truthy(full.triggers and #full.triggers > #claims.rules().triggers)
    local n = 0
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      local t = a.article_content
      local rows, k = claims.rows(nc.doc(t), nil, { num = 6 })
      assert.equal((claims._rows_by(full, nc.doc(t), nil, { num = 6 })), rows)
      n = n + k
    end
    assert.is_true(n >= 5000)
    -- "May 19", "Monday, 5": a date starting at a word the figures do not trigger on
    local t = "Signed on May 19 by the bank. On Wednesday, September 14, 2021, 30 died. Friday 12 fled."
    assert.equal((claims._rows_by(full, nc.doc(t), nil, { num = 5 })), (claims.rows(nc.doc(t), nil, { num = 5 })))
    assert.equal(2, select(2, claims.rows(nc.doc(t), nil, { num = 5 })))
  end)

  it("tries matches before a trigger only at lead words (rules files: a leads line)", function()
    local helper = require "helper"
    local dir = helper.tmpdir()
    local path = helper.write(dir .. "/r.txt", "triggers\t16\t0-9\nleads\t-\tmore\n"
      .. "cmp\ti\t(?:more|less)\\s+than\\s+\\d+\nword\t-\tzz\\d\n")
    local r = assert(nc.rules { file = path })
    local m = r:match("More than 5 and less than 6")
    assert.equal(1, #m)
    assert.equal("More than 5", m[1].text)
    os.remove(path)
    os.remove(dir)
  end)
end)
