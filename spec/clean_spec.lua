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

describe("the pass over the lines (core.clean, in C)", function()
  local core = require "newscorpus.core"
  local fakes = require "fakes"

  -- The pass as clean.lua wrote it in Lua before it moved to C: the oracle.
  -- (Cuts with one start keep the order of their matches.)
  local function reference(text, set)
    local L = core.lines(text)
    local nlines = math.floor(#L / 4)
    local function line_at(p)
      local lo, hi = 1, nlines
      while lo <= hi do
        local mid = math.floor((lo + hi) / 2)
        if p < L[4 * mid - 3] then hi = mid - 1 elseif p > L[4 * mid - 2] then lo = mid + 1 else return mid end
      end
      return nil
    end
    local reason, spans = {}, {}
    local m = set.compiled:match(text)
    for k = 1, #m, 3 do
      local r = set.rules[m[k]]
      local a, b = m[k + 1], m[k + 2]
      local li = line_at(a) or line_at(b)
      if li then
        if r.scope:sub(1, 4) ~= "span" then
          if not reason[li] then reason[li] = r.reason end
        else
          local ls, le = L[4 * li - 3], L[4 * li - 2]
          a, b = math.max(a, ls), math.min(b, le)
          if a <= b then
            spans[li] = spans[li] or {}
            table.insert(spans[li], { a, b, r.reason, k })
          end
        end
      end
    end
    local title_line, byline, seen, removed, pieces, blank = nil, nil, {}, {}, {}, false
    for i = 1, nlines do
      local ls, le, info, key = L[4 * i - 3], L[4 * i - 2], L[4 * i - 1], L[4 * i]
      local why = reason[i]
      if not why then
        local prev = seen[key]
        if not title_line then title_line = i seen[key] = "title"
        elseif prev == "title" then why = "repeated-headline"
        elseif prev and info % 16 >= 8 then why = "duplicate-paragraph"
        elseif i <= 6 and info % 32 >= 16 then
          why = "metadata-line"
          byline = byline or text:sub(ls, le):gsub("^[Bb][Yy]%s+", "")
        elseif info % 8 >= 4 then why = "tag-list"
        elseif not prev then seen[key] = "body" end
      end
      blank = blank or info % 2 == 1
      local function keep(a, b)
        while a <= b and text:byte(a) <= 32 do a = a + 1 end
        while b >= a and text:byte(b) <= 32 do b = b - 1 end
        if a <= b then
          for _, v in ipairs { a, b, i, blank } do pieces[#pieces + 1] = v end
          blank = false
        end
      end
      if why then
        removed[#removed + 1] = { start = ls, stop = le, reason = why }
      elseif not spans[i] then
        keep(ls, le)
      else
        table.sort(spans[i], function(x, y) if x[1] ~= y[1] then return x[1] < y[1] end return x[4] < y[4] end)
        local p = ls
        for _, c in ipairs(spans[i]) do
          if c[1] >= p then
            keep(p, c[1] - 1)
            removed[#removed + 1] = { start = c[1], stop = c[2], reason = c[3] }
            p = c[2] + 1
          end
        end
        keep(p, le)
      end
    end
    table.sort(removed, function(x, y) return x.start < y.start end)
    return { removed = removed, pieces = pieces, byline = byline,
      title_line = title_line and { start = L[4 * title_line - 3], stop = L[4 * title_line - 2] } or nil }
  end

  local function check(text, set)
    local c = clean.clean(nc.doc(text), set)
    local want = reference(text, set or clean.rules())
    assert.same(want.removed, c.removed)
    assert.same(want.pieces, rawget(c, "_pieces"))
    assert.same(want.byline, c.byline)
    assert.same(want.title_line, c.title_line)
  end

  it("decides as the Lua pass did on 300 FA-KES articles and the seeds", function()
    local n = 0
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      if n < 300 then check(a.article_content) n = n + 1 end
    end
    for name in io.popen("ls seeds/*.txt"):lines() do check(assert(io.open(name)):read("*a")) end
  end)

  it("cuts overlapping span matches in order, a line rule first, repeats by key", function()
    local set = assert(clean.compile {
      { reason = "a", scope = "span", pattern = "\\[[^\\]]*\\]" },
      { reason = "b", scope = "span", pattern = "\\[x[^\\]]*\\] *\\[" },
      { reason = "c", scope = "span", pattern = "(?m)^ *Share\\b" },
      { reason = "d", scope = "line", pattern = "Ad: .*" },
      { reason = "e", scope = "contains-i", pattern = "cookie" },
    })
    local text = "Title here\n\n[x1] [x2] body [y]  tail\nAd: buy [now]\n  Share this\n\n\nBy Jane Roe\n" ..
      "Cookies [z] and more\nTitle here\nA long paragraph that is repeated once, with enough words to count.\n" ..
      "A LONG paragraph that is repeated once, with enough words to count.\n[only]\n"
    check(text, set)
    local c = clean.clean(nc.doc(text), set)
    local by = {}
    for _, r in ipairs(c.removed) do by[#by + 1] = r.reason .. ":" .. text:sub(r.start, r.stop) end
    assert.same({ "a:[x1]", "a:[x2]", "a:[y]", "d:Ad: buy [now]", "c:Share", "metadata-line:By Jane Roe",
      "e:Cookies [z] and more", "repeated-headline:Title here",
      "duplicate-paragraph:A LONG paragraph that is repeated once, with enough words to count.", "a:[only]" }, by)
    assert.equal("Jane Roe", c.byline)
    assert.equal("Title here\n\nbody tail\nthis\n\nA long paragraph that is repeated once, with enough words to count.",
      c.text)
  end)

  it("decides as the Lua pass did on 2,000 generated texts of furniture and hostile bytes", function()
    local frags = { "Title of the story", "[Getty Images]", "Share this", "By Jane Roe", "\n", "\n\n", " body text. ",
      "Related news", "\0", "\255", "pic.twitter.com/abc", "Putin Assad Syria USA Iran Israel", "\r\n",
      "A long paragraph that is repeated once, with enough words to count as one.", "Photo: AFP", "  ",
      "Last updated on: 14 March 2019", "GETTYSyria has been at war" }
    local seed = 777
    local function rnd(n) seed = (seed * 1103515245 + 12345) % 2147483648 return seed % n + 1 end
    for _ = 1, 2000 do
      local parts = {}
      for k = 1, rnd(16) do parts[k] = frags[rnd(#frags)] end
      check(table.concat(parts))
    end
  end)

  it("keeps its memory straight on 20,000 lines and on any bytes", function()
    local parts = {}
    for i = 1, 20000 do parts[i] = (i % 3 == 0 and "Line repeated again and again with enough words in it to be long"
      or ("line %d [AFP] of text"):format(i % 5000)) end
    check(table.concat(parts, "\n"))
    check("\0\255\n\n[Getty Images]\n\192\128 body\r\n")
    check("")
    assert.has_error(function() core.clean("x", clean.rules().compiled, nil, {}) end)
    assert.has_error(function() core.clean("x", {}, {}, {}) end)
  end)
end)
