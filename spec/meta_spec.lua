-- Metadata from the text: title, date with its evidence, dateline, source, byline.
local nc = require "newscorpus"
local meta = require "newscorpus.meta"

local function md(text, given)
  return nc.doc(text, given):metadata()
end

describe("doc:metadata() on the seeds", function()
  it("reads 002: title, stamp date and time, AFP dateline", function()
    local m = nc.read("seeds/002_9b577226884e7e40.txt"):metadata()
    assert.same({ "Assad praises Russia's role in Syria conflict", "2019-03-20", "stamp", "2019-03-20T07:57", "DAMASCUS", "AFP" },
      { m.title, m.date, m.date_source, m.date_time, m.dateline, m.source })
  end)

  it("gives 004 only the embedded tweet's date, and says so", function()
    local m = nc.read("seeds/004_35b1516114ec1545.txt"):metadata()
    assert.same({ "2021-09-14", "embedded-tweet" }, { m.date, m.date_source })
    assert.is_nil(m.title)
  end)

  it("gives no date where the text has none (000, 001, 003)", function()
    for _, id in ipairs { "000_054e6d9ce493268d", "001_4bf0d4cd9cc21487", "003_67d736f8cbbca4ec" } do
      local m = nc.read("seeds/" .. id .. ".txt"):metadata()
      assert.is_nil(m.date, id)
      assert.is_nil(m.date_source, id)
    end
  end)
end)

describe("dates", function()
  local cases = {
    { "Title\nLast updated on: 20 March,2019 07:57 am\nBody.", "2019-03-20", "stamp", "2019-03-20T07:57" },
    { "Title\nPublished: September 14, 2021 5:30 pm\nBody.", "2021-09-14", "stamp", "2021-09-14T17:30" },
    { "Wed 05 Apr 2017 Syria attack symptoms consistent with nerve agent use.", "2017-04-05", "header" },
    { "Title\n2019-03-20T07:57:00Z\nBody.", "2019-03-20", "header", "2019-03-20T07:57" },
    { "Title\nTue, 19 Mar 2019 07:57:00 +0000\nBody.", "2019-03-19", "header", "2019-03-19T07:57" },
    { "Last updated at Apr 232017 An Israeli attack on a Syrian camp.", "2017-04-23", "stamp" },
    { "Last updated at Jan 202015 Beirut Syrian government air strikes.", "2015-01-20", "stamp" },
    { "24.08.2013 Syrian state media accused rebels.", "2013-08-24", "header" },
    { "06-09-2013 Extremists in Syria admit killing 30.", "2013-09-06", "header" },
    { "Date of publication 3 June 2016 Syrian regime air raids killed 30.", "2016-06-03", "stamp" },
    { "8 killed in attacks on Aleppo 6 October 2016 Aleppo SANA - Terrorists fired shells.", "2016-10-06", "lead" },
    { "Title\nThe war began in March 2011 and has killed many.", nil },
    { "Title\nOn 31 February 2019 nothing happened.", nil },
    { "Title\nIt was in 2015.", nil },
  }
  for _, c in ipairs(cases) do
    it(c[1]:gsub("\n", " | "), function()
      local m = md(c[1])
      assert.same({ c[2], c[2] and c[3] or nil, c[4] }, { m.date, m.date_source, m.date_time })
    end)
  end

  it("prefers a page stamp to a date in the lead", function()
    local m = md("Title\nBy Jane Doe\nPublished: 2 May 2020\nOn 1 May 2020 troops moved in.")
    assert.same({ "2020-05-02", "stamp" }, { m.date, m.date_source })
  end)

  it("finds every full date with its span", function()
    local s = "From 20 March 2019 to Sept. 14, 2021 and 2019-03-20."
    local got = {}
    for _, d in ipairs(meta.find_dates(s)) do got[#got + 1] = d.date .. "@" .. s:sub(d.start, d.stop) end
    assert.same({ "2019-03-20@20 March 2019", "2021-09-14@Sept. 14, 2021", "2019-03-20@2019-03-20" }, got)
  end)
end)

describe("datelines, sources, bylines, titles", function()
  it("reads wire datelines", function()
    local function dl(s) local p, src = meta.dateline(s) return { p, src } end
    assert.same({ "DAMASCUS", "AFP" }, dl("DAMASCUS (AFP) - Syrian President met..."))
    assert.same({ "MOSCOW", "Reuters" }, dl("Headline\nMOSCOW, Sept 14 (Reuters) - Russian..."))
    local place, src = meta.dateline("BEIRUT — Clashes erupted on Monday.")
    assert.same({ "BEIRUT", nil }, { place, src })
    assert.is_nil((meta.dateline("NATO said on Tuesday it would help.")))
    assert.is_nil((meta.dateline("The U.S. - Russia talks ended.")))
  end)

  it("reads a byline and removes its line", function()
    local m = md("Syria talks resume\nBy Jane Smith and Omar Fahmy\nGENEVA (Reuters) - Talks resumed.")
    assert.same({ "Jane Smith and Omar Fahmy", "GENEVA", "Reuters" }, { m.byline, m.dateline, m.source })
  end)

  it("lets given metadata win over the text", function()
    local m = md("Some headline\nPublished: 2 May 2020\nBody.", { title = "Given", date = "2020-01-01", source = "SANA" })
    assert.same({ "Given", "2020-01-01", "input", "SANA" }, { m.title, m.date, m.date_source, m.source })
  end)

  it("takes no title from a body sentence", function()
    assert.is_nil(md("Russian President Vladimir Putin held talks with the Syrian President on Monday in Moscow, the Kremlin said after the meeting.\nMore.").title)
    assert.equal("Assad meets Russia envoy", md("Assad meets Russia envoy\nBody.").title)
  end)
end)

describe("the date the text states, read in C (clean.stated_date)", function()
  local clean = require "newscorpus.clean"
  local fakes = require "fakes"

  -- meta.date over the cleaning's tables is the reference
  local function check(text, set)
    local doc = nc.doc(text)
    local want = { meta.date(doc, clean.clean(doc, set)) }
    local got = { clean.stated_date(nc.doc(text), set) }
    assert.same(want, got)
    return want[1], want[2]
  end

  it("reads what meta.date reads on 300 FA-KES articles and the seeds", function()
    local n, dated = 0, 0
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      if n < 300 then
        if check(a.article_content) then dated = dated + 1 end
        n = n + 1
      end
    end
    for name in io.popen("ls seeds/*.txt"):lines() do check(assert(io.open(name)):read("*a")) end
    assert.is_true(dated > 200)
  end)

  it("reads what meta.date reads on 3,000 generated texts of stamps, captions, tweets and filler", function()
    local frags = { "14 March 2019", "Wed 05 Apr 2017", "2019-03-20T07:57", "September 14, 2021 10:30",
      "Last updated: ", "Published ", "PUBLISHED on ", "posted on: ", "Date: ", "release date ", "Updated at ",
      "Monday, ", "Tue ", "holiday ", "Sun, ", "the ", "On ", "Photo: AFP 3 March 2019", "[Getty Images]",
      "pic.twitter.com/abc", "— Jane Roe (@jroe) March 3, 2019", "GETTYSyria has been at war since 2011",
      "The talks were held in Sochi, and both sides said they would meet again. ",
      "A long paragraph of filler text that pushes the dates further down the page, well past the top. ",
      "\n", "\n", "\n\n", "\r\n", " ", "  ", ", ", ".", "\0", "\255", "\t", "By Jane Roe", "DAMASCUS (AFP) - " }
    local seed = 4242
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
    local sources = {}
    for _ = 1, 3000 do
      local parts = {}
      for k = 1, rnd(24) do parts[k] = frags[rnd(#frags)] end
      local d, src = check(table.concat(parts))
      if d then sources[src] = (sources[src] or 0) + 1 end
    end
    -- every kind of evidence came up
    for _, src in ipairs { "stamp", "header", "lead", "embedded-tweet", "caption" } do
      assert.is_true((sources[src] or 0) >= 20, src)
    end
  end)

  it("decides from the top of a text only when no later line can give better evidence", function()
    -- a date in the first 600 bytes, filler past byte 600, then lines that can
    -- or cannot beat it (core.clean reads the later lines only for those)
    local heads = { "14 March 2019\n", "DAMASCUS, 3 May 2018 (AFP) - ", "Photo: AFP 3 March 2019\n", "",
      "Monday, 5 June 2017\n", "The talks on 2 May 2016 were held. ", "— Jane Roe (@jroe) March 3, 2019\n" }
    local tails = { "\nLast updated: 20 March 2019", "\n  Published on: 4 April 2020 10:30", "\nDate: 1 May 2019",
      "\nposted 2 Feb 2020", "\n— Jane Roe (@jroe) March 3, 2021", "\nPhoto: AFP 3 March 2020",
      "\nThey met on 9 May 2019.", " Updated: 5 May 2021", "\n\tUPDATED: 6 May 2021",
      "\n Last updated on:   20 March 2019", "\ndate of publication: 1 June 2020",
      "\n" .. (" "):rep(36) .. "Published: 4 April 2020", "" }
    local filler = "A long paragraph of filler text that pushes the dates further down the page, well past the top."
    local seed = 777
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
    -- rules of a user's that make an indented line a metadata line
    local rules = assert(clean.read_rules())
    rules[#rules + 1] = { reason = "metadata-line", scope = "contains-i", pattern = "^\\s+published" }
    local set = assert(clean.compile(rules))
    local sources, kept_top, indented = {}, 0, 0
    for _ = 1, 2000 do
      local parts = { heads[rnd(#heads)] }
      for k = 1, rnd(6) + 6 do parts[#parts + 1] = filler:sub(1, 40 + rnd(56)) .. (k % 2 == 0 and "\n" or " ") end
      local tail = tails[rnd(#tails)]
      local text = table.concat(parts)
      -- half the time the later line starts just before or after byte 600
      if rnd(2) == 1 then text = text:sub(1, 530 + rnd(80)) end
      text = text .. tail .. (rnd(2) == 1 and "\n" .. filler or "")
      local d, src = check(text)
      if d then sources[src] = (sources[src] or 0) + 1 end
      if select(2, check(text, set)) == "stamp" and src ~= "stamp" then indented = indented + 1 end
      -- a later line opens with a stamp word, yet the top's date stands
      if d and #text - #tail >= 600 and tail:find("%a") and (src == "header" or src == "lead") then kept_top = kept_top + 1 end
    end
    assert.is_true((sources.stamp or 0) >= 100, "later stamps")
    assert.is_true((sources["embedded-tweet"] or 0) >= 20, "later tweets over a caption")
    assert.is_true(kept_top >= 100, "the top's date kept")
    -- every later line at every place around byte 600, after a header date
    for cut = 540, 620 do
      local top = ("14 March 2019\n" .. (filler .. "\n" .. filler .. " "):rep(4)):sub(1, cut)
      assert.equal(cut, #top)
      for _, tail in ipairs(tails) do
        local text = top .. tail .. "\n" .. filler
        if select(2, check(text, set)) == "stamp" and cut >= 563 then indented = indented + 1 end
        check(text)
      end
    end
    assert.is_true(indented >= 20, "indented stamps")
  end)

  it("reads no date from empty text or text without one, and is what the dates anchor uses", function()
    assert.same({}, { clean.stated_date(nc.doc("")) })
    assert.same({}, { clean.stated_date(nc.doc("No date here.\nNone at all.")) })
    local doc = nc.doc("Published: 14 March 2019\nHe arrived on Tuesday.")
    local d = doc:dates()
    assert.equal("2019-03-12", d[#d].value)
    assert.equal("2019-03-14", d[#d].anchor)
    assert.is_nil(rawget(doc, "_clean"))      -- no cleaning tables were made
  end)
end)
