-- The binding (newscorpus.core): objects, spans, iterators, misuse, hostile input.
local core = require "newscorpus.core"

local function resident_kb()
  local f = io.open("/proc/self/status")
  if not f then return nil end
  local s = f:read("*a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)"))
end

describe("memory outside the Lua heap", function()
  it("is reported to the collector: dropped token and sentence arrays are freed", function()
    -- 2,000 x 120 KB texts make ~1 GB of arrays; the Lua objects holding them
    -- are tiny, so only the reporting makes the collector free them in time
    local text = string.rep("word, ", 20000)
    local before = assert(resident_kb(), "this check reads /proc/self/status (Linux)")
    for _ = 1, 2000 do
      local t = core.tokenize(text)
      core.split(t)
    end
    assert.is_true(resident_kb() - before < 400 * 1024)
  end)
end)

describe("core.tokenize", function()
  local text = "Syrian President Bashar al-Assad met Russia's defence minister, state media said."
  local t = core.tokenize(text)

  it("returns spans into the original text", function()
    assert.equal(14, #t)
    for i = 1, #t do
      local a, b = t:span(i)
      assert.equal(t:text(i), text:sub(a, b))
    end
    assert.same({ start = 1, stop = 6, kind = "word", text = "Syrian" }, t[1])
    assert.same({ start = #text, stop = #text, kind = "punct", text = "." }, t[#t])
  end)

  it("iterates without tables and over a range", function()
    local kinds = {}
    for i, a, b, kind in t:each(6, 7) do kinds[#kinds + 1] = i .. " " .. kind .. " " .. text:sub(a, b) end
    assert.same({ "6 word Russia", "7 clitic 's" }, kinds)
    local n = 0
    for _ in t:each() do n = n + 1 end
    assert.equal(#t, n)
  end)

  it("counts kinds and reads flags", function()
    assert.equal(11, t:count("word"))
    assert.equal(2, t:count("punct"))
    assert.equal(1, t:count("clitic"))
    assert.is_true(t:is(1, "cap"))
    assert.is_true(t:is(3, "space"))
    assert.is_false(t:is(7, "space"))
    assert.is_true(t:is(#t, "terminal"))          -- the final full stop
    assert.is_false(t:is(#t - 4, "terminal"))     -- the comma
    assert.equal(",", t:text(#t - 4))
    assert.equal("'s", t:text(7))
    assert.has_error(function() t:count("nonsense") end)
    assert.has_error(function() t:is(1, "nonsense") end)
  end)

  it("returns nil outside the array and raises on a bad index to span", function()
    assert.is_nil(t[0])
    assert.is_nil(t[#t + 1])
    assert.has_error(function() t:span(0) end)
    assert.has_error(function() t:span(#t + 1) end)
  end)

  it("raises on misuse", function()
    assert.has_error(function() core.tokenize() end)
    assert.has_error(function() core.tokenize({}) end)
    assert.has_error(function() core.split("text") end)
  end)

  it("closes once, and methods on a closed object raise", function()
    local x = core.tokenize("a b c")
    x:close()
    x:close()
    assert.has_error(function() return #x end)
    assert.has_error(function() x:span(1) end)
  end)

  it("handles empty input, NUL bytes and every malformed UTF-8 kind", function()
    assert.equal(0, #core.tokenize(""))
    local z = core.tokenize("a\0b\0\0c")
    assert.equal(3, #z)
    local bad = "ok \128 \192\128 \237\160\128 \244\144\128\128 \255 \226\130 end"
    local b = core.tokenize(bad)
    local prev = 0
    for _, s, e, kind in b:each() do
      assert.is_true(s > prev and e >= s and e <= #bad)
      prev = e
    end
    assert.equal("word", b[1].kind)
    assert.equal("end", b[#b].text)
    assert.is_true(b:is(2, "invalid"))
  end)
end)

describe("core.split", function()
  it("splits with and without a wordset", function()
    local text = "Mr. Putin met Assad. They talked."
    local ws = core.wordset():add("mr", core.ABBR_TITLE)
    local s = core.split(core.tokenize(text), ws)
    assert.equal(2, #s)
    assert.same({ start = 1, stop = 20, text = "Mr. Putin met Assad.", para = 1, first_token = 1, last_token = 6 }, s[1])
    local a, b, ft, lt, para = s:span(2)
    assert.same({ 22, 33, 7, 9, 1 }, { a, b, ft, lt, para })
    assert.equal(3, #core.split(core.tokenize(text)))
  end)

  it("keeps the tokens alive through the sentences", function()
    local s = core.split(core.tokenize("One. Two. Three."))
    collectgarbage()
    collectgarbage()
    assert.equal("Three.", s[3].text)
    local n = 0
    for i, a, b in s:each() do n = n + 1 assert.equal(i, n) assert.is_true(b >= a) end
    assert.equal(3, n)
  end)
end)

describe("core.sentence_spans", function()
  -- the splitter without the token array (claims.rows uses it): the sentences of
  -- core.split, on real articles (FA-KES, the seeds) and on texts of every kind of
  -- space, line break and terminal mark
  local Document = require "newscorpus.document"
  local ws = Document.splitter_words()
  local function same(text)
    local s = core.split(core.tokenize(text), ws)
    local f = core.sentence_spans(text, ws)
    if #f ~= 3 * #s then return false end
    for i = 1, #s do
      local a, b, _, _, para = s:span(i)
      if f[3 * i - 2] ~= a or f[3 * i - 1] ~= b or f[3 * i] ~= para then return false end
    end
    return true, #s
  end

  it("gives the sentences of core.split on real articles", function()
    local fakes = require "fakes"
    local texts, n = {}, 0
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do texts[#texts + 1] = a.article_content end
    for name in pairs(core.listdir("seeds")) do
      local f = io.open("seeds/" .. name, "rb")
      if f then texts[#texts + 1] = f:read("*a") f:close() end
    end
    for _, t in ipairs(texts) do
      local ok, k = same(t)
      assert.is_true(ok, t:sub(1, 200))
      n = n + k
    end
    assert.is_true(#texts >= 800 and n >= 10000, ("%d texts, %d sentences"):format(#texts, n))
  end)

  it("gives them on texts of odd spaces, line breaks and marks", function()
    for _, t in ipairs {
      "", "  ", "x", "One. Two", "a\226\128\168B", "a \226\128\141 \226\128\168 B", "Russia s. The end", "x \226\128\139\rB",
      "He said \226\128\156No.\226\128\157 Then", "a\194\133B", "end\227\128\130Next", "\194\160 \194\160 \194\160 \194\160 Mr. Smith. Dr. Jones",
      "a.b.c.d. e", "...", "\255.\255", "x\0. Y", "Syria\r\n\r\nAssad met Putin.\n\nThe end",
    } do
      assert.is_true((same(t)), ("%q"):format(t))
    end
    assert.same({}, core.sentence_spans(""))
    assert.same({ 1, 4, 1, 7, 10, 2 }, core.sentence_spans("One.\n\nTwo."))
  end)
end)

describe("core.wordset", function()
  it("adds, ORs values and looks up case-insensitively", function()
    local ws = core.wordset()
    ws:add("Inc", 4):add("inc", 8)
    assert.equal(12, ws:get("INC"))
    assert.equal(0, ws:get("ltd"))
    assert.equal(1, #ws)
    assert.has_error(function() ws:add("", 1) end)
    assert.has_error(function() ws:add("x", 0) end)
    assert.has_error(function() ws:add(("x"):rep(65), 1) end)
  end)
end)

describe("core.normalize", function()
  it("builds the key layer with a map back to the original", function()
    local text = "“Faisal al‑Meqdad’s” ＵＮ ﬁle"
    local key, map, repairs = core.normalize(text, "key")
    assert.equal('"faisal al-meqdad\'s" un file', key)
    assert.equal(0, repairs)
    local a, b = key:find("meqdad", 1, true)
    local s, e = map:span(a, b)
    assert.equal("Meqdad", text:sub(s, e))
    a, b = key:find("un", 1, true)
    s, e = map:span(a, b)
    assert.equal("ＵＮ", text:sub(s, e))
    a, b = key:find("file", 1, true)
    s, e = map:span(a, b)
    assert.equal("ﬁle", text:sub(s, e))
  end)

  it("composes for display and strips accents on request", function()
    assert.equal("café", (core.normalize("cafe\204\129", "nfc")))
    assert.equal("mekdad", (core.normalize("Mékdad", "key", true)))
    assert.equal("Mékdad", (core.normalize("Mékdad", "nfc")))
  end)

  it("repairs invalid UTF-8 in the layer and counts it", function()
    local key, map, repairs = core.normalize("a\255b\192\128c", "key")
    assert.equal("a\239\191\189b\239\191\189\239\191\189c", key)
    assert.equal(3, repairs)
    assert.same({ 2, 2 }, { map:span(2, 4) })
  end)

  it("raises on a bad form or position", function()
    assert.has_error(function() core.normalize("x", "nfd") end)
    local _, map = core.normalize("abc", "key")
    assert.has_error(function() map:span(0, 1) end)
    assert.has_error(function() map:span(1, 4) end)
  end)
end)

describe("core.utf8_scan and utf8_repair", function()
  it("counts and locates invalid sequences and NUL bytes", function()
    local n, at, nul = core.utf8_scan("ok\255\0x\226\130", 10)
    assert.equal(2, n)
    assert.same({ 3, 3, 6, 7 }, at)
    assert.equal(1, nul)
    local m, at2 = core.utf8_scan(("\255"):rep(500), 3)
    assert.equal(500, m)
    assert.equal(6, #at2)
  end)

  it("repairs to U+FFFD and returns valid text unchanged", function()
    assert.same({ "a\239\191\189b", 1 }, { core.utf8_repair("a\255b") })
    assert.same({ "fine", 0 }, { core.utf8_repair("fine") })
  end)

  it("with controls, also turns C0 controls and DEL into spaces (a table cell)", function()
    assert.same({ "a b\239\191\189 c  d", 1 }, { core.utf8_repair("a\nb\255\0c\t\127d", true) })
    assert.same({ "tab\there", 0 }, { core.utf8_repair("tab\there") })   -- only when asked
    assert.same({ "Assad’s", 0 }, { core.utf8_repair("Assad’s", true) })
    local fmt = require "newscorpus.format"
    assert.equal("line one line two", fmt.cell("line one\nline two"))
    assert.equal("-", fmt.cell(nil))
    assert.equal("12", fmt.cell(12))
  end)
end)

describe("core.find_byte", function()
  it("answers what a class of single bytes would, within init..stop", function()
    local text = "He said: “We stay.” 'Yes' \0 end"
    local class = "[\"'\226\194%z]"
    for init = 1, #text + 2 do
      assert.equal(text:find(class, init), core.find_byte(text, "\"'\226\194\0", init))
    end
    assert.is_nil(core.find_byte(text, "\226", 1, 9))        -- “ starts at byte 10
    assert.equal(10, core.find_byte(text, "\226", 1, 10))
    assert.is_nil(core.find_byte("", "a"))
    assert.is_nil(core.find_byte("abc", ""))
    assert.equal(3, core.find_byte("abc", "c", -5, 100))     -- bounds are clamped
  end)

  it("with `other`, finds the first byte outside the set, as a negated class over a cut does", function()
    local text = "Putin, \194\160 the president,\t said  \226\128\137 that"
    local blank = " \t\n\v\f\r\194\160"
    for a = 1, #text do
      for b = a - 1, #text do
        local want = text:sub(a, b):find("[^%s\194\160]")
        local got = core.find_byte(text, blank, a, b, true)
        assert.equal(want and a + want - 1, got)
      end
    end
    assert.is_nil(core.find_byte("   ", " ", 1, 3, true))
    assert.equal(1, core.find_byte("abc", "", 1, 3, true))   -- nothing is in an empty set
  end)
end)

describe("10 MB inputs", function()
  it("tokenizes, splits and normalises 10 MB", function()
    local unit = "Russia’s defence minister met Assad on Tuesday; 500,000 people died. "
    local text = unit:rep(math.floor(10e6 / #unit))
    local t = core.tokenize(text)
    local s = core.split(t)
    assert.equal(math.floor(#text / #unit), #s)
    local a, b = s:span(#s)
    assert.equal(unit:sub(#unit - 20, #unit - 1), text:sub(b - 19, b))
    local key = core.normalize(text, "key")
    assert.is_true(#key < #text)
  end)

  it("handles a 100 MB single line", function()
    local unit = "Syrian President Bashar al-Assad met Russia's defence minister, state media said. "
    local reps = math.floor(100 * 1024 * 1024 / #unit)
    local text = unit:rep(reps)
    local t = core.tokenize(text)
    assert.equal(reps * 14, #t)
    local a, b, kind = t:span(#t)
    assert.same({ #text - 1, #text - 1, "punct" }, { a, b, kind })
    local s = core.split(t)
    assert.equal(reps, #s)
    local sa, sb = s:span(reps)
    assert.equal(unit:sub(1, -2), text:sub(sa, sb))
  end)
end)
