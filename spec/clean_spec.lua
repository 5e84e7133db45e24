-- Cleaning: page furniture goes with a reason, body text stays; spans point into the text.
local nc = require "newscorpus"
local clean = require "newscorpus.clean"
local h = require "helper"

-- "reason: text" of each removal; U+00A0 shown as a space (seed 000's second
-- copy of its standfirst has one, which the key layer folds).
local function removed_texts(doc)
  local out = {}
  for _, r in ipairs(doc:clean().removed) do
    local s = doc.text:sub(r.start, r.stop):gsub("^%s+", ""):gsub("\194\160", " ")
    out[#out + 1] = r.reason .. ": " .. s
  end
  return out
end

local function reasons_of(text)
  local d = nc.doc(text)
  local by = {}
  for _, r in ipairs(d:clean().removed) do by[#by + 1] = r.reason end
  return by, d:clean().text
end

describe("doc:clean() on the seeds", function()
  it("000: repeated headline, read time, photo caption, repeated standfirst", function()
    local d = nc.read("seeds/000_054e6d9ce493268d.txt")
    assert.same({
      "repeated-headline: Assad meets Russia envoy, hails 'partners in victories'",
      "read-time: 2 min read",
      "caption: Seven years of fighting have left more than 500,000 people dead. [Getty]",
      "duplicate-paragraph: Russia has backed Syria's regime for several decades but intervened militarily in its war in 2015, turning the tides for Assad.",
    }, removed_texts(d))
    local body = d:clean().text
    assert.truthy(body:find("Russia has backed Syria's regime", 1, true))
    assert.truthy(body:find('"This topic is not even on the agenda for discussion," he told RIA Novosti state news agency.', 1, true))
  end)

  it("002: the Last updated stamp goes, the dateline paragraph stays", function()
    local d = nc.read("seeds/002_9b577226884e7e40.txt")
    assert.same({ "metadata-line: Last updated on: 20 March,2019 07:57 am" }, removed_texts(d))
    assert.truthy(d:clean().text:find("DAMASCUS (AFP) - Syrian President", 1, true))
  end)

  it("003: repeated headlines, tag cloud, fused GETTY caption, related links, CMS error", function()
    local d = nc.read("seeds/003_67d736f8cbbca4ec.txt")
    assert.same({
      "repeated-headline: Syrian President holds meeting with Russian President",
      "repeated-headline: Syrian President holds meeting with Russian President",
      "tag-list: World War 3 Putin Assad Syria USA Iran Israel Terrorism Hezbollah",
      "caption: GETTYSyria has been embroiled in a complicated multi-sided civil war",
      "related-links: Related news",
      "cms-error: [an error occurred while processing the directive]",
    }, removed_texts(d))
    assert.truthy(d:clean().text:find('"We know it will not be easy because some countries do not want stability to return to Syria".', 1, true))
  end)

  it("004: embedded tweets and the syndication note", function()
    local d = nc.read("seeds/004_35b1516114ec1545.txt")
    local r = removed_texts(d)
    assert.equal(5, #r)
    for i = 1, 4 do assert.matches("^embedded%-tweet: ", r[i]) end
    assert.equal("syndication-note: This article has been adapted from its original source.", r[5])
  end)

  it("001: nothing to remove", function()
    assert.same({}, removed_texts(nc.read("seeds/001_4bf0d4cd9cc21487.txt")))
  end)

  it("keeps and removes spans that tile the text without overlap", function()
    for _, id in ipairs(h.seeds) do
      local d = nc.read("seeds/" .. id .. ".txt")
      local c = d:clean()
      local marks = {}
      for _, s in ipairs(c.kept) do
        for p = s.start, s.stop do assert.is_nil(marks[p]) marks[p] = true end
      end
      for _, s in ipairs(c.removed) do
        for p = s.start, s.stop do assert.is_nil(marks[p]) marks[p] = true end
      end
      for p = 1, #d.text do
        if not marks[p] then assert.truthy(d.text:sub(p, p):find("%s"), id .. " byte " .. p) end
      end
    end
  end)
end)

describe("doc:clean() on real-world patterns", function()
  local cases = {
    { "Headline\n5 min read\nBody text here.", { "read-time" } },
    { "Headline\nReading time: 3 minutes\nBody.", { "read-time" } },
    { "Headline\nPhoto: AFP\nBody.", { "photo-credit" } },
    { "Headline\nREUTERS/Omar Sanadiki\nBody.", { "photo-credit" } },
    { "Headline\nRead more: Syria's war in numbers\nBody.", { "related-links" } },
    { "Headline\nShare this article\nBody.", { "share-line" } },
    { "Headline\nSign up for our daily newsletter to get updates in your inbox\nBody.", { "share-line" } },
    { "Headline\nBody.\nThis story has been republished from its original source.", { "syndication-note" } },
    { "Headline\nPublished: 14 September 2021\nBody.", { "metadata-line" } },
    { "Headline\nBy Jane Smith\nBody of the story goes on here.", { "metadata-line" } },
    { "Headline\nBody. Date of publication 3 June 2016 more body.", {} },
    { "Headline\n\nSyria Russia Iran Putin Assad Damascus Moscow\n\nBody.", { "tag-list" } },
  }
  for _, c in ipairs(cases) do
    it(c[1]:gsub("\n", " | "), function()
      assert.same(c[2], (reasons_of(c[1])))
    end)
  end

  it("never removes real body text", function()
    local keep = {
      "He left.",
      "“We will win,” he said.",
      "NATO said on Tuesday it would send more troops.",
      "PUTIN has no plans to visit Damascus, the Kremlin said.",
      "Reuters reported that 10 people were killed.",
      "Print newspapers carried the story on Monday.",
      "Related talks will take place in Geneva next week.",
      "By the end of the year, the army controlled the city.",
      "Syrian President Bashar al-Assad met Putin in Sochi.",
      "The World Health Organization said on Wednesday that the victims showed symptoms.",
      "Share prices fell 3% in Moscow after the announcement.",
    }
    for _, line in ipairs(keep) do
      local by, body = reasons_of("A headline\n" .. line .. "\nAnother body line.")
      assert.same({}, by, line)
      assert.truthy(body:find(line, 1, true), line)
    end
  end)

  it("handles empty input, NUL bytes, invalid UTF-8 and CRLF", function()
    assert.same({}, (reasons_of("")))
    local by = reasons_of("Title\r\n2 min read\r\nBody\0 with NUL and \255 bad byte.\r\n")
    assert.same({ "read-time" }, by)
  end)
end)

describe("clean rules from Lua", function()
  after_each(function() clean.set_rules(nil) end)

  it("adds a rule and reports bad patterns with file and line", function()
    local rules = assert(clean.read_rules())
    rules[#rules + 1] = { reason = "promo", scope = "line-i", pattern = "download our app.*" }
    assert.is_true(clean.set_rules(rules))
    assert.same({ "promo" }, (reasons_of("Headline\nDownload our app now!\nBody.")))
    local ok, err = clean.set_rules({ { reason = "bad", scope = "span", pattern = "(oops", where = "mine.txt:7" } })
    assert.is_nil(ok)
    assert.matches("^mine.txt:7: missing closing parenthesis at offset 5", err)
    assert.has_error(function() clean.set_rules({ { reason = "x", scope = "nowhere", pattern = "x" } }) end)
  end)

  it("disables a rule by leaving it out", function()
    local rules = {}
    for _, r in ipairs(assert(clean.read_rules())) do
      if r.reason ~= "read-time" then rules[#rules + 1] = r end
    end
    assert.is_true(clean.set_rules(rules))
    assert.same({}, (reasons_of("Headline\n2 min read\nBody.")))
  end)
end)
