-- Documents: tokens and sentences of real news text, spans into the original, errors.
local nc = require "newscorpus"
local h = require "helper"

describe("nc.doc", function()
  it("keeps text, id and meta", function()
    local d = nc.doc("Assad met Putin.", { id = 7, title = "T" })
    assert.equal("Assad met Putin.", d.text)
    assert.equal("7", d.id)
    assert.equal("T", d.meta.title)
    assert.truthy(nc.doc("x").id)
    assert.are_not.equal(nc.doc("x").id, nc.doc("x").id)
  end)

  it("gives a bare text an id and an empty meta table, and keeps what the caller sets", function()
    local a = nc.doc("x")
    assert.same({}, a.meta)
    assert.truthy(a.id:match("^doc%d+$"))
    assert.equal(a.id, a.id)                       -- the same id on every read
    a.meta.title = "T"
    assert.equal("T", a.meta.title)
    local b = nc.doc("y")
    b.id = "mine"
    assert.same({}, b.meta)
    assert.equal("mine", b.id)                     -- reading meta does not replace it
    local c = nc.doc("z")
    c.meta = { source = "AFP" }
    assert.equal("AFP", c.meta.source)
    assert.truthy(c.id:match("^doc%d+$"))
    assert.equal(("Document(%s, 1 bytes)"):format(c.id), tostring(c))
  end)

  it("raises on misuse", function()
    assert.has_error(function() nc.doc(nil) end)
    assert.has_error(function() nc.doc(42) end)
    assert.has_error(function() nc.doc("x", "meta") end)
    assert.has_error(function() nc.doc("x"):normalized("nfd") end)
  end)
end)

describe("doc:sentences() on real news text", function()
  -- seed 002: an AFP story with a "Last updated" stamp and a wire dateline
  local d = nc.read("seeds/002_9b577226884e7e40.txt")
  local s = d:sentences()

  it("puts the headline and the stamp line in sentences of their own", function()
    assert.equal("Assad praises Russia's role in Syria conflict", s[1].text)
    assert.equal("Last updated on: 20 March,2019 07:57 am", s[2].text)
  end)

  it("gives spans whose substring is the sentence", function()
    for i = 1, #s do
      local x = s[i]
      assert.equal(x.text, d.text:sub(x.start, x.stop))
      assert.is_truthy(x.text:match("^%S") and x.text:match("%S$"))
    end
  end)

  it("ends every body sentence at its full stop", function()
    for i = 3, #s do assert.equal(".", s[i].text:sub(-1)) end
  end)

  it("keeps quotes and abbreviations inside sentences", function()
    local q = nc.doc('"This topic is not even on the agenda," he told RIA Novosti. Mr. Putin and Gen. Smith met at 3 p.m. on Sept. 14. The U.S. Senate agreed.')
    local got = {}
    for i = 1, #q:sentences() do got[i] = q:sentences()[i].text end
    assert.same({
      '"This topic is not even on the agenda," he told RIA Novosti.',
      "Mr. Putin and Gen. Smith met at 3 p.m. on Sept. 14.",
      "The U.S. Senate agreed.",
    }, got)
  end)

  it("splits a photo credit and a read-time line from the text around them", function()
    local d0 = nc.read("seeds/000_054e6d9ce493268d.txt")
    local texts = {}
    for i = 1, #d0:sentences() do texts[d0:sentences()[i].text] = true end
    assert.is_true(texts["2 min read"])
    assert.is_true(texts["[Getty]"])
    assert.is_true(texts["Seven years of fighting have left more than 500,000 people dead."])
  end)

  it("numbers paragraphs", function()
    local p = nc.doc("Title line\n\nFirst para. Still first.\n\nSecond para.")
    local s2 = p:sentences()
    assert.same({ 1, 2, 2, 3 }, { s2[1].para, s2[2].para, s2[3].para, s2[4].para })
  end)

  it("handles CRLF line ends", function()
    local c = nc.doc("Headline here\r\nFirst sentence. Second one.\r\n")
    local s2 = c:sentences()
    assert.equal(3, #s2)
    assert.equal("Headline here", s2[1].text)
    assert.equal("Second one.", s2[3].text)
  end)
end)

describe("doc:tokens() on real news text", function()
  it("finds hyphenated names, possessives, numbers and links in every seed", function()
    local seen = {}
    for _, id in ipairs(h.seeds) do
      local d = nc.read("seeds/" .. id .. ".txt")
      local t = d:tokens()
      for i, a, b, kind in t:each() do
        assert.equal(t:text(i), d.text:sub(a, b))
        seen[kind .. ":" .. d.text:sub(a, b)] = true
      end
    end
    for _, want in ipairs { "word:al-Assad", "clitic:'s", "clitic:’s", "number:500,000", "number:90%",
      "number:2,000", "word:Al-Qaeda-linked", "url:https://t.co/irb7Cp42dY",
      "url:pic.twitter.com/WwTWRzO6zD", "handle:@AmichaiStein1", "word:two-thirds" } do
      assert.is_true(seen[want], want)
    end
  end)

  it("caches layers", function()
    local d = nc.doc("One. Two.")
    assert.equal(d:tokens(), d:tokens())
    assert.equal(d:sentences(), d:sentences())
  end)
end)

describe("doc.stats and bad bytes", function()
  it("counts and locates invalid UTF-8 and NUL bytes", function()
    local d = nc.doc("Caf\233 au lait\0 in Damas\128cus")
    assert.equal(2, d.stats.invalid_utf8)
    assert.same({ 4, 4, 23, 23 }, d.stats.invalid_at)
    assert.equal(1, d.stats.nul)
    assert.equal(#d.text, d.stats.bytes)
    local toks = d:tokens()
    assert.equal("Caf", toks[1].text)
    assert.is_true(toks:is(2, "invalid"))
  end)

  it("processes empty and whitespace-only texts", function()
    for _, text in ipairs { "", " \n\n\t ", "\0\0\0" } do
      local d = nc.doc(text)
      assert.equal(0, #d:tokens())
      assert.equal(0, #d:sentences())
    end
  end)

  it("survives a file that is not text", function()
    local bytes = {}
    local x = 7
    for i = 1, 200000 do x = (x * 1103515245 + 12345) % 2147483648 bytes[i] = string.char(x % 256) end
    local d = nc.doc("\137PNG\r\n\26\n" .. table.concat(bytes))
    assert.is_true(d.stats.invalid_utf8 > 1000)
    local prev = 0
    for _, a, b in d:tokens():each() do
      assert.is_true(a > prev and b >= a)
      prev = b
    end
    assert.is_true(#d:sentences() > 0)
  end)
end)

describe("doc:normalized()", function()
  it("maps key-layer matches back to the original bytes", function()
    local d = nc.read("seeds/001_4bf0d4cd9cc21487.txt")
    local key, map = d:normalized("key")
    local a, b = key:find("faisal al-meqdad", 1, true)
    local s, e = map:span(a, b)
    assert.equal("Faisal al-Meqdad", d.text:sub(s, e))
    a, b = key:find("al-assad's", 1, true)
    s, e = map:span(a, b)
    assert.equal("Al-Assad’s", d.text:sub(s, e))
  end)

  it("strips accents on request and keeps NFC for display", function()
    local d = nc.doc("Mékdad in Qamishli – Ḥasakah")
    assert.equal("mekdad in qamishli - hasakah", (d:normalized("key", { accents = false })))
    assert.equal(d.text, (d:normalized("nfc")))
    assert.equal("mekdad", (nc.normalize("MÉKDAD", "key", { accents = false })))
  end)
end)

describe("nc.set_abbreviations", function()
  it("uses user lists and restores the defaults", function()
    local dir = h.tmpdir()
    h.write(dir .. "/abbr.txt", "# mine\nsen\ttitle\n")
    h.write(dir .. "/start.txt", "The\n")
    assert.is_true(nc.set_abbreviations(dir .. "/abbr.txt", dir .. "/start.txt"))
    assert.equal(1, #nc.doc("Sen. Smith spoke."):sentences())
    assert.equal(2, #nc.doc("Mr. Smith spoke."):sentences())
    assert.is_true(nc.set_abbreviations())
    assert.equal(1, #nc.doc("Mr. Smith spoke."):sentences())
    h.write(dir .. "/bad.txt", "sen\tnonsense\n")
    local ok, err = nc.set_abbreviations(dir .. "/bad.txt")
    assert.is_nil(ok)
    assert.matches("bad.txt:1:", err)
    local ok2, err2 = nc.set_abbreviations(dir .. "/missing.txt")
    assert.is_nil(ok2)
    assert.matches("missing.txt", err2)
    os.execute("rm -rf '" .. dir .. "'")
  end)
end)
