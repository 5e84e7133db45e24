-- Text repair: lost apostrophes and mojibake in the matching layer, and
-- Latin-1 / Windows-1252 input. The original text is never modified.
local nc = require "newscorpus"
local core = require "newscorpus.core"
local h = require "helper"

local FAKES = "../shared/data/fakes/fakes.latin1.csv"

-- What a scraper produces when it reads UTF-8 bytes as Windows-1252.
local function mojibake(s)
  local out = {}
  for i = 1, #s do out[i] = core.from_cp1252(s:sub(i, i)) end
  return table.concat(out)
end

describe("lost apostrophes", function()
  local doc = nc.read("seeds/002_9b577226884e7e40.txt")

  it("tokenise as possessive clitics in seed 002, flagged repaired", function()
    local toks = doc:tokens()
    local found = {}
    for i = 2, #toks do
      if toks:is(i, "repaired") then
        local t = toks[i]
        assert.equal("clitic", t.kind)
        assert.equal("s", t.text)
        assert.equal(" ", doc.text:sub(t.start - 1, t.start - 1))
        found[#found + 1] = toks[i - 1].text
      end
    end
    assert.same({ "Russia", "government", "Assad", "Syria", "Damascus", "Syria" }, found)
  end)

  it("read as possessives in the key layer, mapped back to the original words", function()
    local key, map = doc:normalized("key")
    for _, want in ipairs { "russia's defence minister", "assad's regime", "syria's regime", "damascus's ally" } do
      local lost, pos = 0, 1
      while true do
        local a, b = key:find(want, pos, true)
        if not a then break end
        local s, e = map:span(a, b)
        local orig = doc.text:sub(s, e):lower()
        assert.truthy(orig == want or orig == want:gsub("'", " "), orig)
        if orig ~= want then lost = lost + 1 end
        pos = b + 1
      end
      assert.is_true(lost >= 1, want)
    end
  end)

  it("leave real text alone: no repair in the GUM sentences nor in FA-KES", function()
    for _, t in ipairs {
      "The 1990 s were different.", "A s b", "Set the U.S s flag",
      "Russia's role and Assad’s regime", "an s-bend", "RUSSIA S ROLE",
    } do
      local toks = core.tokenize(t)
      for i = 1, #toks do assert.is_false(toks:is(i, "repaired"), t) end
    end
    local f = io.open(FAKES, "rb")
    local text = core.from_cp1252(f:read("*a"))
    f:close()
    local toks = core.tokenize(text)
    local n = 0
    for i = 1, #toks do if toks:is(i, "repaired") then n = n + 1 end end
    assert.equal(0, n)                     -- FA-KES keeps its apostrophes: any repair would be wrong
    assert.is_true(#toks > 250000)
  end)

  it("cover the common contractions", function()
    local key = nc.normalize("I don t know and I m sure they re here, it s fine", "key")
    assert.equal("i don't know and i'm sure they're here, it's fine", key)
  end)
end)

describe("mojibake", function()
  it("in every seed reads like the seed in the key layer", function()
    for _, id in ipairs(h.seeds) do
      local text = h.read("seeds/" .. id .. ".txt")
      local broken = mojibake(text)
      local want = nc.normalize(text, "key")
      local got, map, repairs, fixed = nc.normalize(broken, "key")
      assert.equal(want, got, id)
      assert.equal(0, repairs)
      assert.equal(select(2, text:gsub("[\194-\244]", "")), fixed, id)   -- one per non-ASCII character
      assert.equal(0, select(4, nc.normalize(text, "key")), id)        -- nothing to repair in the seed
      -- the map leads back to the broken bytes: the whole layer covers the whole text
      local s, e = map:span(1, #got)
      assert.same({ 1, #broken }, { s, e })
    end
  end)

  it("maps a repaired character to its broken bytes", function()
    local text = "Assadâ€™s regime in MontrÃ©al"
    local key, map, _, fixed = nc.normalize(text, "key")
    assert.equal("assad's regime in montréal", key)
    assert.equal(2, fixed)
    assert.equal("â€™", text:sub(map:span(6, 6)))
    local a, b = key:find("montréal", 1, true)
    assert.equal("MontrÃ©al", text:sub(map:span(a, b)))
  end)

  it("is not repaired in the nfc layer, which shows the text as it is", function()
    local nfc, _, _, fixed = nc.normalize("MontrÃ©al", "nfc")
    assert.equal("MontrÃ©al", nfc)
    assert.equal(0, fixed)
  end)
end)

describe("Latin-1 / Windows-1252 input", function()
  local dir = h.tmpdir()
  local latin = h.write(dir .. "/latin.txt",
    "Caf\233 talks in Montr\233al\n\nThe minister said \147no\148 \150 twice.\n")

  it("is detected and decoded by nc.read and nc.load", function()
    local doc = nc.read(latin)
    assert.equal("windows-1252", doc.meta.encoding)
    assert.equal("Café talks in Montréal", doc.meta.title)
    assert.truthy(doc.text:find("said “no” – twice", 1, true))
    assert.equal(0, doc.stats.invalid_utf8)
    local n = 0
    for d in nc.load(dir):docs() do
      n = n + 1
      assert.equal("windows-1252", d.meta.encoding)
    end
    assert.equal(1, n)
  end)

  it("is kept as bytes when the user says utf-8, with the invalid bytes counted", function()
    local doc = nc.read(latin, { encoding = "utf-8" })
    assert.is_nil(doc.meta.encoding)
    assert.equal(5, doc.stats.invalid_utf8)
  end)

  it("leaves UTF-8 alone, even with a stray invalid byte", function()
    local doc = nc.read("seeds/002_9b577226884e7e40.txt")
    assert.is_nil(doc.meta.encoding)
    local d2 = nc.load({ "Déjà vu \255 here" }, { texts = true }):docs()()
    assert.is_nil(d2.meta.encoding)
    assert.equal("Déjà vu \255 here", d2.text)
  end)

  it("reads the FA-KES file, which is Latin-1, as valid UTF-8", function()
    local f = io.open(FAKES, "rb")
    local raw = f:read("*a")
    f:close()
    assert.equal("windows-1252", (core.encoding(raw)))
    local text = core.from_cp1252(raw)
    assert.equal(0, (core.utf8_scan(text)))
    assert.truthy(text:find("•", 1, true))       -- byte 0x95 is a bullet in Windows-1252
  end)

  it("decodes JSON Lines line by line", function()
    local p = h.write(dir .. "/l.jsonl", '{"id":"a","text":"Montr\233al"}\n{"id":"b","text":"Montréal"}\n')
    local got = {}
    for d in nc.load(p):docs() do got[#got + 1] = { d.text, d.meta.encoding } end
    assert.same({ { "Montréal", "windows-1252" }, { "Montréal" } }, got)
  end)

  it("reads \\u escapes as UTF-8 and reports a lone surrogate as malformed JSON", function()
    local p = h.write(dir .. "/u.jsonl", '{"id":"a","text":"Montr\\u00e9al \\ud83d\\ude00"}\n' ..
      '{"id":"b","text":"bad \\ud800 escape"}\n{"id":"c","text":"Montr\233al \\u00e9"}\n')
    local got, errs = {}, {}
    for d in nc.load(p, { on_error = function(m) errs[#errs + 1] = m end }):docs() do
      got[#got + 1] = { d.id, d.text, d.meta.encoding }
      assert.equal(0, d.stats.invalid_utf8)
    end
    assert.same({ { "a", "Montréal 😀" }, { "c", "Montréal é", "windows-1252" } }, got)
    assert.equal(1, #errs)
    assert.truthy(errs[1]:find("u.jsonl:2: malformed JSON", 1, true))
  end)

  it("rejects an unknown encoding name", function()
    assert.has_error(function() nc.load("seeds", { encoding = "ebcdic" }) end)
    assert.has_error(function() nc.read(latin, { encoding = "koi8" }) end)
  end)

  it("is an option of the CLI", function()
    local out, err, status = h.cli("docs --json --encoding latin-1 " .. latin)
    assert.equal(0, status, err)
    assert.truthy(out:find('"encoding":"windows-1252"', 1, true))
    out, err, status = h.cli("docs --encoding ebcdic " .. latin)
    assert.equal(2, status)
    assert.truthy(err:find("unknown encoding", 1, true))
  end)
end)
