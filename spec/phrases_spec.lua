-- newscorpus.phrases: the words quote and event phrases are read from (C,
-- src/nc_words.c), and the binary searches.
local phrases = require "newscorpus.phrases"

-- words(text) as {form, evidence} pairs; every span checked against the text
local function W(text, a, b)
  local S, E, F = phrases.words(text, a or 1, b or #text)
  assert.equal(#S, #E)
  assert.equal(#S, #F)
  local out = {}
  for i = 1, #S do
    assert.is_true(S[i] >= (a or 1) and E[i] <= (b or #text) and S[i] <= E[i])
    out[i] = { F[i], text:sub(S[i], E[i]) }
  end
  return out
end

describe("phrases.words", function()
  it("lower-cases words and keeps their evidence", function()
    assert.same({ { "syrian", "Syrian" }, { "foreign", "Foreign" }, { "minister", "Minister" },
      { "faisal", "Faisal" }, { "al-meqdad", "al-Meqdad" }, { "said", "said" } },
      W("Syrian Foreign Minister Faisal al-Meqdad said,"))
  end)

  it("strips quote marks, guillemets and a final full stop, but not an abbreviation's", function()
    assert.same({ { "mr.", "Mr." }, { "putin", "Putin" }, { "told", "told" }, { "u.s.", "U.S." },
      { "officials", "officials" } }, W("Mr. Putin told U.S. officials."))
    assert.same({ { "we", "We" }, { "will", "will" }, { "win", "win" } }, W("“We will win.”"))
    assert.same({ { "victoire", "victoire" } }, W("«victoire»"))
    -- a closing ’ reads as a plural possessive's apostrophe ("leaders’"), so it stays
    assert.same({ { "said'", "said’" } }, W("‘said’"))
  end)

  it("reads ’s and ' alike and keeps a plural possessive's apostrophe", function()
    assert.same({ { "russia's", "Russia’s" }, { "leaders'", "leaders’" } }, W("Russia’s leaders’"))
    assert.same({ { "russia's", "Russia's" } }, W("Russia's"))
  end)

  it("parts words at no-break spaces, Unicode spaces and dashes, offsets unchanged", function()
    local text = "Bashar\194\160al-Assad\226\128\148the president\226\128\175said"
    assert.same({ { "bashar", "Bashar" }, { "al-assad", "al-Assad" }, { "the", "the" },
      { "president", "president" }, { "said", "said" } }, W(text))
  end)

  it("reads a window of the text with offsets into the whole text", function()
    local text = "He said that Assad met Putin in Sochi."
    local S, E, F = phrases.words(text, 14, 22)
    assert.same({ "assad", "met" }, F)
    assert.equal("Assad", text:sub(S[1], E[1]))
    assert.equal("met", text:sub(S[2], E[2]))
  end)

  -- gaps, read in C, are what the Lua patterns of events said before: spaces
  -- (and no-break spaces) alone, one comma among spaces, or anything else
  it("gives what separates each word from the one before", function()
    local text = "Putin met\194\160Assad , and Erdogan;  then \n Rouhani,, in “Sochi”. Ok"
    local S, E, W, G = phrases.words(text, 1, #text, true)
    assert.equal(#S, #G)
    for i = 1, #S do
      local want = ""
      if i > 1 then
        local g = text:sub(E[i - 1] + 1, S[i] - 1)
        if not g:find("[^%s\194\160]") then want = ""
        elseif g:find("^[%s\194\160]*,[%s\194\160]*$") then want = ","
        else want = "." end
      end
      assert.equal(want, G[i], W[i])
    end
    assert.same({ "", "", "", ",", "", ".", "", ".", ".", "." }, G)
    assert.equal(3, select("#", phrases.words(text, 1, #text)))
  end)

  it("clamps the window to the text and survives hostile bytes", function()
    assert.same({}, W("", 1, 0))
    local S = phrases.words("abc", -5, 100)
    assert.same({ 1 }, S)
    for _, t in ipairs({ "\226\128", "\226", "\194", "a\0b", "...", "'-'", "\226\128\153\226\128\153",
                         ("\255\254"):rep(100), ("x."):rep(1000) }) do
      local S2, E2, F2 = phrases.words(t, 1, #t)
      for i = 1, #S2 do
        assert.is_true(S2[i] >= 1 and E2[i] <= #t and S2[i] <= E2[i])
        assert.is_string(F2[i])
      end
    end
    assert.same({ { "a", "a" }, { "b", "b" } }, W("a\0b"))
  end)
end)

describe("phrases.first_at and span_index", function()
  it("find the first item at or after a position and the span holding one", function()
    local list = { { start = 3 }, { start = 10 }, { start = 10 }, { start = 20 } }
    assert.equal(1, phrases.first_at(list, 1))
    assert.equal(2, phrases.first_at(list, 4))
    assert.equal(4, phrases.first_at(list, 11))
    assert.equal(5, phrases.first_at(list, 21))
    local spans = { { 1, 5 }, { 7, 9 } }
    local function span(i) return spans[i][1], spans[i][2] end
    assert.same({ 2, 7, 9 }, { phrases.span_index(2, span, 8) })
    assert.is_nil(phrases.span_index(2, span, 6))
  end)
end)
