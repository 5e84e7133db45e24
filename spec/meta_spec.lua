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
