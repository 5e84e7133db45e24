-- doc:quotes(), corpus:quotes():groups() and the speaker floor on the annotated set.
local nc = require "newscorpus"
local quotes = require "newscorpus.quotes"
local h = require "helper"

-- the quotes of a text, checked for offsets, as a list and by their text
local function Q(text, opts)
  local list = nc.doc(text):quotes(opts)
  local by = {}
  for _, q in ipairs(list) do
    assert.equal(text:sub(q.start, q.stop), q.text)        -- offsets are the evidence
    if q.speaker_start then assert.equal(text:sub(q.speaker_start, q.speaker_stop), q.speaker_text) end
    by[q.text] = q
  end
  return by, list
end

-- the texts of the seeds and of the FA-KES articles
local function seeds_and_fakes()
  local texts = {}
  for d in nc.load("seeds"):docs() do texts[#texts + 1] = d.text end
  local fakes = require "fakes"
  for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
    texts[#texts + 1] = a.article_content
  end
  return texts
end

describe("doc:quotes() speakers: the rules of each reading", function()
  -- the speaker of the quote whose text is q: its id, else its name
  local function who(text, q)
    local by = Q(text)
    assert(by[q], "no quote " .. q)
    return by[q].speaker_id or by[q].speaker
  end

  it("takes for 'he' who spoke last only within 600 bytes, else the last person named", function()
    local function text(filler)
      return [["We will not leave," Vladimir Putin said. Bashar al-Assad was in Moscow. ]] .. filler
        .. [["It is over," he said.]]
    end
    local short, long = ("The talks went on for hours. "):rep(3), ("The talks went on for hours. "):rep(22)
    assert.equal("person:vladimir-putin", who(text(short), "It is over"))
    assert.equal("person:bashar-al-assad", who(text(long), "It is over"))
  end)

  it("does not take a speaker's words that start with The, A or An for a name", function()
    for _, sp in ipairs { "The Governor", "A Spokesman", "An Official" } do
      local t = [["The city is safe," ]] .. sp .. [[ said. Bashar al-Assad arrived later. "It is done," he said.]]
      assert.equal(sp, who(t, "The city is safe"))
      assert.equal("person:bashar-al-assad", who(t, "It is done"))
    end
  end)

  it("takes for 'he' no person named inside a quotation", function()
    local t = [[Bashar al-Assad arrived in Moscow. "We thank Vladimir Putin for the help," the minister said. ]]
      .. [["It is over," he added.]]
    assert.equal("person:bashar-al-assad", who(t, "It is over"))
  end)

  it("reads a pronoun alone, not a pronoun with other words", function()
    local t = [[Vladimir Putin arrived. "We will win," he himself said.]]
    assert.equal("he himself", who(t, "We will win"))
  end)

  it("keeps a pronoun nothing resolves out of what 'it' refers to", function()
    local t = [["The road is closed," she said. "Nothing will pass," it said.]]
    assert.equal("she", who(t, "The road is closed"))
    assert.equal("it", who(t, "Nothing will pass"))
  end)

  it("lets 'it' take a speaker named in capitals, and 'he' after that not", function()
    -- (no entity names the speaker: "Abu" is a place the phrase does not end with)
    local t = [["We fight on," Abu-Omar said. "It is hard," it said. "We stay," he said.]]
    assert.equal("Abu-Omar", who(t, "We fight on"))
    assert.equal("Abu-Omar", who(t, "It is hard"))
    assert.equal("he", who(t, "We stay"))
  end)

  it("finds 'the agency' as a word, not inside another", function()
    for _, other in ipairs { "Reutersagency", "agencywide" } do
      local t = [[State news agency SANA reported the strike. The ]] .. other .. [[ office of Reuters could not ]]
        .. [[confirm it. "It was a massacre," the agency said.]]
      assert.equal("org:sana", who(t, "It was a massacre"))
    end
    -- at most four words: "the official state news agency" is not read so
    local t = [[State news agency SANA reported the strike. "It was a massacre," the official state news agency said.]]
    assert.equal("the official state news agency", who(t, "It was a massacre"))
  end)

  it("takes an organisation that ends the phrase but for a final stop (the U.N.) or one byte", function()
    assert.equal("org:un", who([["Aid must get through," the U.N. said.]], "Aid must get through"))
    -- a mention one byte short of the phrase's last word (here given by hand): still the speaker
    local core = require "newscorpus.core"
    local t = [["We won," the Kremlins said.]]
    local a = t:find("Kremlin", 1, true)
    local cues = quotes.cues()
    for _, stop in ipairs { a + 6, a + 5 } do
      local qd = core.quote_doc(t, cues.compiled:match(t), cues.labels, { { start = a, stop = stop, type = "ORG" } },
        nc.doc(t):sentences(), quotes._word_classes())
      local list = qd:resolve(true, false, function() end)
      qd:close()
      assert.equal(12, #list)
      assert.same({ 11, 22 }, { list[8], list[9] })          -- the phrase "the Kremlins"
      assert.equal(stop == a + 6 and 1 or 0, list[10])      -- the mention, or none two bytes short
    end
  end)

  it("lets a country speak as the first word or after 'the', not after another word", function()
    assert.equal("place:US", who([["We must leave now," the United States said.]], "We must leave now"))
    assert.equal("place:RU", who([["We must leave now," Russia said.]], "We must leave now"))
    assert.equal("neighbouring Russia", who([["We must leave now," neighbouring Russia said.]], "We must leave now"))
  end)

  it("carries a speaker over a paragraph that opens with a quote, at most two paragraphs on", function()
    local t = "\"We will win,\" Vladimir Putin said.\n\nThe talks went on.\n\n\"The war is over.\"\n"
    assert.equal("person:vladimir-putin", who(t, "The war is over."))
    t = "\"We will win,\" Vladimir Putin said.\n\nThe talks went on.\n\nThey ended.\n\n\"The war is over.\"\n"
    assert.is_nil(who(t, "The war is over."))
    -- a quote that does not open its paragraph is not carried
    t = "\"We will win,\" Vladimir Putin said.\n\nThen he went on: \"The war is over.\"\n"
    assert.is_nil(Q(t)["The war is over."].speaker_id)
  end)

  it("carries a speaker over its cue alone, not over other words", function()
    local t = [["We will win," Vladimir Putin said. "The war is over."]]
    assert.equal("person:vladimir-putin", who(t, "The war is over."))
    t = [["We will win," Vladimir Putin said to the crowd. "The war is over."]]
    assert.is_nil(who(t, "The war is over."))
    -- the words before the cue count too
    t = [[Vladimir Putin said the war was over. The minister said. "It is done."]]
    assert.is_nil(who(t, "It is done."))
  end)

  it("leaves out a quote of three words no cue attributes, and keeps one of four", function()
    local t = [[They were living in "a total farce" for years. They lived in "a farce from the start" for years.]]
    local by = Q(t)
    assert.is_nil(by["a total farce"])
    assert.equal("partial", by["a farce from the start"].kind)
    assert.equal("scare", Q(t, { scare = true })["a total farce"].kind)
  end)
end)

describe("doc:quotes() marks", function()
  it("pairs straight, curly and angle marks, without the marks and the comma before the attribution", function()
    local by = Q([["We will not leave," the minister said. “It is over,” she added. «We stay here», the mayor said.]])
    assert.truthy(by["We will not leave"])
    assert.truthy(by["It is over"])
    assert.truthy(by["We stay here"])
  end)

  it("runs a quote over paragraphs when the next one opens with a mark", function()
    local text = "The mayor spoke at length. \"The water is back in every district.\n\n"
      .. "\"We will rebuild the bridge by spring,\" she said.\n"
    local _, list = Q(text)
    assert.equal(1, #list)
    assert.truthy(list[1].text:find("every district", 1, true))
    assert.truthy(list[1].text:find("by spring", 1, true))
    assert.is_true(list[1].closed)
  end)

  it("reads hard-wrapped text (no line over 100 bytes, blank lines between) as paragraphs of lines", function()
    local marks = require "newscorpus.quotemarks"
    local l100 = ("words "):rep(17):sub(1, 100)
    local wrapped = l100 .. "\n" .. l100 .. "\n \t\r\n" .. l100 .. "\n"
    assert.same({ { 1, 201 }, { 207, 306 } }, marks.paragraphs(wrapped))
    -- one line of 101 bytes: the text is not hard-wrapped, every newline ends a paragraph
    local long = l100 .. "\n" .. l100 .. "x\n\n" .. l100
    assert.same({ { 1, 100 }, { 102, 202 }, { 205, 304 } }, marks.paragraphs(long))
    -- a single newline and no blank line: lines are paragraphs, spaces trimmed
    assert.same({ { 3, 3 }, { 8, 9 } }, marks.paragraphs("  a \n\t bc \n"))
    assert.same({}, marks.paragraphs(" \n\r\n "))
  end)

  it("keeps nested single quotes inside the quotation", function()
    local by = Q([["They called it a 'special operation', but it was a war," the analyst said.]])
    assert.truthy(by["They called it a 'special operation', but it was a war"])
  end)

  it("never fails on an odd number of marks: an unclosed quote ends with its paragraph", function()
    local _, list = Q("He said \"the talks will go on for weeks.\nThe next day nothing happened.\n")
    assert.equal(1, #list)
    assert.is_false(list[1].closed)
    assert.equal("the talks will go on for weeks.", list[1].text)
    for _, t in ipairs { '"', '""', '"""', "“", "”", "” “", "'", "‘’", "\"a\" \"", "\0\"\255\"" } do
      assert.is_table(nc.doc(t):quotes())
    end
  end)

  it("does not take apostrophes for quote marks", function()
    local _, list = Q("Russia’s army and the rebels’ positions were shelled on Monday. It's the 1990s' style.")
    assert.equal(0, #list)
  end)

  it("leaves out scare quotes and titles unless asked", function()
    local _, list = Q([[The so-called "moderate" rebels left. He read "War and Peace" twice.]])
    assert.equal(0, #list)
    local by = Q([[The so-called "moderate" rebels left.]], { scare = true })
    assert.equal("scare", by.moderate.kind)
  end)

  it("keeps a partial quote that a cue attributes", function()
    local by = Q([[Assad also described the sanctions as “anti-human” and “illegitimate”.]])
    assert.equal("partial", by["anti-human"].kind)
    assert.equal("person:bashar-al-assad", by["anti-human"].speaker_id)
    assert.equal("described", by["anti-human"].cue)
    assert.equal("person:bashar-al-assad", by["illegitimate"].speaker_id)
  end)
end)

describe("doc:quotes() speakers", function()
  it("reads the speaker after the quote, in either order", function()
    local by = Q([["The talks were useful," Lavrov said. "We agreed on a ceasefire," said Sergei Lavrov.]])
    assert.equal("person:sergei-lavrov", by["The talks were useful"].speaker_id)
    assert.equal("said", by["The talks were useful"].cue)
    assert.equal("person:sergei-lavrov", by["We agreed on a ceasefire"].speaker_id)
  end)

  it("reads the speaker before the quote", function()
    local by = Q([[Erdogan told reporters: "Our operation will continue until the border is safe."]])
    assert.equal("person:recep-tayyip-erdogan", by["Our operation will continue until the border is safe."].speaker_id)
    by = Q([[According to the Kremlin, "the meeting lasted four hours."]])
    assert.equal("org:kremlin", by["the meeting lasted four hours."].speaker_id)
    assert.equal("according to", by["the meeting lasted four hours."].cue)
  end)

  it("resolves pronouns to the last suitable person", function()
    local by = Q("Foreign Minister Sergei Lavrov met the envoy in Moscow on Friday.\n"
      .. [["This topic is not on the agenda," he told RIA Novosti.]])
    assert.equal("person:sergei-lavrov", by["This topic is not on the agenda"].speaker_id)
    assert.equal("he", by["This topic is not on the agenda"].speaker_text)
  end)

  it("resolves a role to the person the document gives it", function()
    local by = Q("Russian President Vladimir Putin hosted Syrian President Bashar al-Assad in Moscow.\n"
      .. [["We are partners," the Russian president said. "We will win," the Syrian leader said.]])
    assert.equal("person:vladimir-putin", by["We are partners"].speaker_id)
    assert.equal("person:bashar-al-assad", by["We will win"].speaker_id)
  end)

  it("resolves a role in another spelling or case, or a leader to a president", function()
    -- names the gazetteer does not know, so no role of its own helps
    local by = Q("Marcus Harlow, the DEFENSE minister, arrived in Damascus with PRESIDENT Daniel Okafor.\n"
      .. [["The mission is over," the defence minister said. "We will stay," the leader said.]])
    assert.equal("Marcus Harlow", by["The mission is over"].speaker)
    assert.equal("Daniel Okafor", by["We will stay"].speaker)
    -- a title of several words: its first 53 bytes before the name
    by = Q("Their chief military intelligence security finance adviser Carla Benton spoke on Monday at a "
      .. "conference in the capital about the war and the talks.\n"
      .. [["The talks went well," the chief said.]])
    assert.equal("Carla Benton", by["The talks went well"].speaker)
  end)

  it("takes organisations and agencies as speakers", function()
    local by = Q([["Twelve people were killed," state news agency SANA reported. "The strike hit a market," the agency said.]])
    assert.equal("org:sana", by["Twelve people were killed"].speaker_id)
    assert.equal("org:sana", by["The strike hit a market"].speaker_id)
  end)

  it("takes the agency named last before the quote, not one named after it", function()
    local by = Q([[State news agency SANA reported the attack. The Turkish news agency Anadolu said it ]]
      .. [[differently. "It was a massacre," the agency said. "No one survived," the TV said. Then Syrian TV ]]
      .. [[and the Iranian news agency IRNA reported it. "We saw it," the agency said.]])
    assert.equal("org:anadolu", by["It was a massacre"].speaker_id)
    assert.is_nil(by["No one survived"].speaker_id)
    assert.equal("org:irna", by["We saw it"].speaker_id)
  end)

  it("reads X quoted Y as saying: the speaker is Y", function()
    local by = Q([["I am happy to be in Moscow," Syrian TV quoted Assad as saying.]])
    assert.equal("person:bashar-al-assad", by["I am happy to be in Moscow"].speaker_id)
    assert.equal("quoted", by["I am happy to be in Moscow"].cue)
  end)

  it("carries the speaker to a quote that follows with no cue of its own", function()
    local by = Q([["Seventeen years ago, this would not have been possible," said Ambassador Mohib. ]]
      .. [["They represent our aspirations."]])
    local a, b = by["Seventeen years ago, this would not have been possible"], by["They represent our aspirations."]
    assert.truthy(a.speaker)
    assert.equal(a.speaker, b.speaker)
    assert.is_nil(b.cue)
  end)

  it("takes a name apposition before the cue", function()
    local by = Q([["It would have been much worse," Dmitry Peskov, the Kremlin spokesman, said.]])
    assert.equal("person:dmitry-peskov", by["It would have been much worse"].speaker_id)
  end)

  it("reads a quotation without commas (FA-KES strips them)", function()
    local by = Q([["Some cases appear to show signs of a nerve agent" WHO said in a statement.]])
    assert.equal("org:who", by["Some cases appear to show signs of a nerve agent"].speaker_id)
  end)
end)

describe("doc:quotes() reported speech", function()
  it("finds indirect speech with its speaker and cue", function()
    local by = Q("The Russian president said the terrorists have laid down their arms in key locations. "
      .. "Putin told Assad that foreign forces were a hindrance, the Kremlin said.")
    local a = by["the terrorists have laid down their arms in key locations"]
    assert.equal("indirect", a.kind)
    assert.equal("said", a.cue)
    local b = by["Putin told Assad that foreign forces were a hindrance"]
    assert.equal("org:kremlin", b.speaker_id)
  end)

  it("takes the source before a place as the speaker, not the place", function()
    -- constructions of wire reports (FA-KES): "<source> in <place> said"
    local cases = {
      { "Activists in the town said the head of the local medical centre was killed.", "Activists" },
      { "A medical source in Aleppo said a barrel of toxic gas was dropped on the neighbourhood.", "A medical source" },
      { "Residents contacted in the city say prices of bread had almost doubled.", "Residents" },
      { "A witness at the town hospital said he saw many wounded people.", "A witness" },
      { "Published October 31 2014 Activists in Syria reported that at least 75 people died.", "Activists" },
      { "The New Arab's correspondent in east Aleppo reported that 15 people had been killed.", "correspondent" },
    }
    for _, c in ipairs(cases) do
      local _, list = Q(c[1])
      assert.equal(1, #list, c[1])
      assert.equal("indirect", list[1].kind)
      assert.equal(c[2], list[1].speaker_text, c[1])
    end
    -- a source in an organisation speaks for it; a place of many words or with a
    -- number is no such place
    local _, list = Q("A military source at the Free Syrian Army told Reuters that the attack targeted a market.")
    assert.equal("org:fsa", list[1].speaker_id)
  end)

  it("takes a name or a noun phrase after 'which' or 'who' as the subject of the cue", function()
    local _, list = Q("The coalition strikes killed dozens of government soldiers which Washington said was not intentional.")
    assert.equal(1, #list)
    assert.equal("Washington", list[1].speaker_text)
    _, list = Q("Rebels reached the district which the Syrian army has repeatedly said had not fallen.")
    assert.equal("the Syrian army", list[1].speaker_text)
    _, list = Q("Turkey shelled militants who Ankara says have fired rockets at border towns.")
    assert.equal("Ankara", list[1].speaker_text)
  end)

  it("does not take passives, 'the said' or meetings for speech", function()
    local _, list = Q("The said agreement was signed. He was told to leave the city. "
      .. "The rebels refused to meet the demands of the army. Putin met Assad in Sochi.")
    assert.equal(0, #list)
  end)

  it("can be left out or asked for alone", function()
    local text = [[Putin said the talks went well. "We agree," Assad said.]]
    local _, list = Q(text, { indirect = false })
    assert.equal(1, #list)
    _, list = Q(text, { kind = "indirect" })
    assert.equal(1, #list)
    assert.equal("indirect", list[1].kind)
  end)
end)

describe("core.quote_doc (the C attribution)", function()
  local core = require "newscorpus.core"
  local text = [["We will win," Putin said. The United States said the strike killed many people in the town.]]
  local labels = { "say" }
  local ws = core.wordset()
  for w in ("in that"):gmatch("%S+") do ws:add(w, core.QW.BREAK) end
  local function qdoc(cm, ents, t)
    t = t or text
    return core.quote_doc(t, cm, labels, ents, nc.doc(t):sentences(), ws)
  end
  local said1, said2 = text:find("said"), select(2, text:find("States ")) + 1
  it("lists the quotations and the reported clauses in order, with their speakers and cues", function()
    local qd = qdoc({ 1, said1, said1 + 3, 1, said2, said2 + 3 }, {})
    local it = qd:items(true)
    assert.equal(44, #it)
    assert.equal("We will win", text:sub(it[3], it[4]))
    assert.same({ 1, 1 }, { it[1], it[2] })
    assert.equal("Putin", text:sub(it[5], it[6]))
    assert.same({ 0, said1, said1 + 3 }, { it[7], it[8], it[9] })
    assert.same({ 1, 1 }, { it[17], it[18] })             -- closed, its opening mark
    assert.equal(2, it[23])
    assert.equal("the strike killed many people in the town", text:sub(it[25], it[26]))
    assert.equal("The United States", text:sub(it[27], it[28]))
    assert.equal(22, #qd:items(false))
    assert.is_true(qd:in_quote(5))
    assert.is_false(qd:in_quote(20))
    qd:close()
    assert.has_error(function() qd:items(true) end)
  end)
  it("leaves out a cue inside a capitalised name or after a hyphen", function()
    local t = "Osama Said went home. The so-said thing."
    local a1, a2 = t:find("Said"), t:find("said")
    local qd = qdoc({ 1, a1, a1 + 3, 1, a2, a2 + 3 }, {}, t)
    assert.same({}, qd:items(true))
  end)
  it("splits the sentences itself from the splitter's word set: the same items as with the Sentences", function()
    local Document = require "newscorpus.document"
    local cues = quotes.cues()
    local cls = quotes._word_classes()
    local texts = seeds_and_fakes()
    -- sentence ends that only a token array would see wrongly cut: abbreviations,
    -- closers after the mark, line breaks of every kind, a quote over a paragraph
    texts[#texts + 1] = "\"It is over,\" Mr. Smith said.\226\128\168He told U.S. reporters: \"We won.\" Then left"
    texts[#texts + 1] = "\226\128\156First part.\n\n\226\128\156Second part,\226\128\157 the minister said.\r\nNo. 5 said so."
    texts[#texts + 1] = ""
    local n = 0
    for _, t in ipairs(texts) do
      local doc = nc.doc(t)
      local cm = cues.compiled:match(t)
      local ents = doc:entities()
      local a = core.quote_doc(t, cm, cues.labels, ents, doc:sentences(), cls):items(true)
      local b = core.quote_doc(t, cm, cues.labels, ents, Document.splitter_words(), cls):items(true)
      assert.same(a, b)
      n = n + #a
    end
    assert.is_true(n > 18 * 100)
  end)
  -- the mentions of text[a..b] as the Lua reader of the speaker phrase found them:
  -- first at or after a; the first person not governed by for/of, organisation, place
  local function phrase_ents(t, ents, a, b)
    local first = #ents + 1
    for k = #ents, 1, -1 do if ents[k].start >= a then first = k end end
    local r = { first, 0, 0, 0 }
    local k = first
    while ents[k] and ents[k].start <= b do
      local e = ents[k]
      if e.stop <= b then
        local before = t:sub(a, e.start - 1):match("(%a+)%s*$")
        local governed = before and (before:lower() == "for" or before:lower() == "of")
        if e.type == "PERSON" and r[2] == 0 and not governed then r[2] = k
        elseif e.type == "ORG" and r[3] == 0 then r[3] = k
        elseif e.type == "PLACE" and r[4] == 0 then r[4] = k end
      end
      k = k + 1
    end
    return r
  end
  it("gives the mentions of each speaker phrase: person not after for/of, organisation, place", function()
    local t = "\"We won,\" the envoy FOR\tPutin Lavrov of  Russia's Kremlin Syria said."
    local function at(s, n) local a = t:find(s, 1, true) return { start = a, stop = a + #s - 1, type = n } end
    local ents = { at("Putin", "PERSON"), at("Lavrov", "PERSON"), at("Russia", "PLACE"), at("Kremlin", "ORG"),
      at("Syria", "PLACE") }
    local said = t:find("said")
    local it = core.quote_doc(t, { 1, said, said + 3 }, labels, ents, nc.doc(t):sentences(), ws):items(true)
    assert.equal("the envoy FOR\tPutin Lavrov of  Russia's Kremlin Syria", t:sub(it[5], it[6]))
    assert.same({ 1, 2, 4, 3 }, { it[19], it[20], it[21], it[22] })
    assert.same(phrase_ents(t, ents, it[5], it[6]), { it[19], it[20], it[21], it[22] })
    -- a person governed by "of" or "for" is not the speaker; nor one past the phrase
    ents[2].type = "ORG"
    it = core.quote_doc(t, { 1, said, said + 3 }, labels, ents, nc.doc(t):sentences(), ws):items(true)
    assert.same({ 1, 0, 2, 3 }, { it[19], it[20], it[21], it[22] })
  end)
  it("gives the same mentions as the Lua reader on FA-KES and the seeds", function()
    local cues = quotes.cues()
    local cls = quotes._word_classes()
    local texts = seeds_and_fakes()
    local n, persons = 0, 0
    for _, t in ipairs(texts) do
      local doc = nc.doc(t)
      local ents = doc:entities()
      local it = core.quote_doc(t, cues.compiled:match(t), cues.labels, ents, doc:sentences(), cls):items(true)
      for k = 1, #it, 22 do
        if it[k + 4] ~= 0 then
          local want = phrase_ents(t, ents, it[k + 4], it[k + 5])
          assert.same(want, { it[k + 18], it[k + 19], it[k + 20], it[k + 21] })
          n = n + 1
          if want[2] ~= 0 then persons = persons + 1 end
        else
          assert.same({ 0, 0, 0, 0 }, { it[k + 18], it[k + 19], it[k + 20], it[k + 21] })
        end
      end
    end
    assert.is_true(n > 1000 and persons > 300, n .. " phrases, " .. persons .. " persons")
  end)
  it("reads the packed positions and kinds of the document's mentions: the same items as from their tables", function()
    local cues = quotes.cues()
    local cls = quotes._word_classes()
    local texts = seeds_and_fakes()
    local n = 0
    for _, t in ipairs(texts) do
      local doc = nc.doc(t)
      local list, packed = doc:entities(), doc:_mentions():packed()
      assert.equal(#list * 12, #packed)
      local cm = cues.compiled:match(t)
      local a = core.quote_doc(t, cm, cues.labels, list, doc:sentences(), cls):items(true)
      local b = core.quote_doc(t, cm, cues.labels, packed, doc:sentences(), cls):items(true)
      assert.same(a, b)
      n = n + #a
    end
    assert.is_true(n > 18 * 100)
    -- a packed list of another length, or with positions past the text, raises
    local t = texts[1]
    local packed = nc.doc(t):_mentions():packed()
    assert.has_error(function() core.quote_doc(t, {}, labels, packed:sub(2), nc.doc(t):sentences(), ws) end)
    assert.has_error(function() core.quote_doc("short", {}, labels, packed, nc.doc("short"):sentences(), ws) end)
    assert.has_error(function() core.quote_doc(t, {}, labels, ("\255"):rep(12), nc.doc(t):sentences(), ws) end)
  end)
  it("raises on misuse: positions outside the text", function()
    assert.has_error(function() core.quote_doc(text, {}, labels, {}, {}, ws) end)
    assert.has_error(function() qdoc({ 1, 19, 999 }, {}) end)
    assert.has_error(function() qdoc({}, { { start = -3, stop = 2, type = "PERSON" } }) end)
    assert.has_error(function() core.pair_quotes(text, { { 5, 999 } }) end)
  end)
end)

describe("core.quote_rows (the quotes command's table)", function()
  local core = require "newscorpus.core"
  local fmt = require "newscorpus.format"
  -- the rows as format.row_writer writes them, each cell made by format.cell
  local function reference(list, prefix, num)
    local write = fmt.row_writer { { num, right = true }, { num, right = true }, { 8 }, { 26 }, { 10 }, { 0 } }
    local out = { prefix }
    local sink = { write = function(_, line) out[#out + 1] = line end }
    for _, q in ipairs(list) do
      write(sink, q.start, q.stop, q.kind, fmt.cell(q.speaker_id or q.speaker or "-"), q.cue or "-", fmt.cell(q.text))
    end
    -- the prefix goes before each row
    local rows = {}
    for k = 2, #out do rows[#rows + 1] = prefix .. out[k] end
    return table.concat(rows)
  end

  it("writes the rows format.row_writer and format.cell write, on the seeds and FA-KES", function()
    local n = 0
    for i, t in ipairs(seeds_and_fakes()) do
      local list = nc.doc(t):quotes { scare = true }
      local num = 5 + i % 3
      local rows, k = core.quote_rows(list, { prefix = "doc-" .. i .. "  ", num = num })
      assert.equal(#list, k)
      assert.equal(reference(list, "doc-" .. i .. "  ", num), rows)
      n = n + k
    end
    assert.is_true(n > 1000)
  end)

  it("makes table cells of the speaker and the text, and pads without cutting", function()
    local list = {
      { start = 1, stop = 12, kind = "direct", text = "a\tb\n\255c\0d", speaker = "Line\nbreak \192", cue = "said" },
      { start = 123456, stop = 7, kind = "indirect", text = "", speaker_id = "person:a-very-long-identifier-of-thirty",
        speaker = "ignored" },
      { start = 0, stop = 0, kind = "scare", text = "\226\128\156x\127" },
    }
    local rows, k = core.quote_rows(list, { prefix = "", num = 5 })
    assert.equal(3, k)
    assert.equal(reference(list, "", 5), rows)
    assert.equal("    1     12  direct    Line break \239\191\189" .. (" "):rep(12) .. "  said        a b \239\191\189c d\n"
      .. "123456      7  indirect  person:a-very-long-identifier-of-thirty  -           \n"
      .. "    0      0  scare     -                           -           \226\128\156x \n", rows)
    assert.same({ "", 0 }, { core.quote_rows({}, {}) })
  end)

  it("raises on misuse", function()
    assert.has_error(function() core.quote_rows({ 5 }, {}) end)
    assert.has_error(function() core.quote_rows({ { start = -1, stop = 2, kind = "direct", text = "x" } }, {}) end)
    assert.has_error(function() core.quote_rows({ { start = 1.5, stop = 2, kind = "direct", text = "x" } }, {}) end)
    assert.has_error(function() core.quote_rows({ { start = 1, stop = 2, text = "x" } }, {}) end)
    assert.has_error(function() core.quote_rows({ { start = 1, stop = 2, kind = "direct" } }, {}) end)
    assert.has_error(function() core.quote_rows({ { start = 1, stop = 2, kind = "direct", text = "x", cue = 3 } }, {}) end)
    assert.has_error(function() core.quote_rows("x", {}) end)
  end)
end)

describe("quotes.rows and qdoc:resolve (speakers read in C)", function()
  local core = require "newscorpus.core"
  it("writes the rows core.quote_rows writes from doc:quotes(), for each option", function()
    local n = 0
    for i, t in ipairs(seeds_and_fakes()) do
      for _, opts in ipairs { {}, { kind = "partial" }, { kind = "scare", scare = true }, { indirect = false },
          { scare = true } } do
        local spec = { prefix = "d" .. i .. "  ", num = 6 }
        local rows, k = quotes.rows(nc.doc(t), opts, spec)
        local want, wk = core.quote_rows(nc.doc(t):quotes(opts), spec)
        assert.equal(wk, k)
        assert.equal(want, rows)
        n = n + k
      end
    end
    assert.is_true(n > 3000, n .. " rows")
    assert.same({ "", 0 }, { quotes.rows(nc.doc(""), nil, {}) })
    assert.same({ "", 0 }, { quotes.rows(nc.doc("No marks and no cue here."), nil, {}) })
  end)

  it("writes table cells of speakers and quotes with control characters and invalid UTF-8", function()
    local t = "\"We will \1stay\255 here,\" Yvette\tCooper said. \"It is over,\" she added."
    local rows = quotes.rows(nc.doc(t), nil, { prefix = "", num = 5 })
    assert.equal((core.quote_rows(nc.doc(t):quotes(), { prefix = "", num = 5 })), rows)
    assert.truthy(rows:find("We will  stay\239\191\189 here", 1, true))
    assert.truthy(rows:find("Yvette Cooper", 1, true))
  end)

  it("lists quotes by start, the shorter first when two start together", function()
    local t = "Air strikes hit the town on Tuesday. The Syrian Observatory for Human Rights placed the death "
      .. "toll lower, saying \"at least 128 people\" nearly all civilians had been killed in the raids since Tuesday."
    local list = nc.doc(t):quotes()
    assert.equal(2, #list)
    assert.equal(list[1].start, list[2].start)
    assert.same({ "partial", "indirect" }, { list[1].kind, list[2].kind })
    assert.is_true(list[1].stop < list[2].stop)
    for i = 2, #list do assert.is_true(list[i - 1].start <= list[i].start) end
  end)

  it("raises the error of the role reader, and refuses the mentions of another text", function()
    local t = [["We will win," the Russian president said.]]
    local doc = nc.doc(t)
    local cues = quotes.cues()
    local qd = core.quote_doc(t, cues.compiled:match(t), cues.labels, doc:_mentions():packed(),
      doc:sentences(), quotes._word_classes())
    assert.has_error(function() qd:resolve(true, false, function() error("role reader failed") end) end,
      "role reader failed")
    local calls = 0
    local list = qd:resolve(true, false, function(a, b) calls = calls + 1 return nil end)
    assert.equal(1, calls)
    assert.equal(12, #list)
    assert.equal(0, list[10])                -- no mention: the phrase's words name the speaker
    assert.same({ list[8], list[9] }, { list[11], list[12] })
    local other = nc.doc("Vladimir Putin and Bashar al-Assad met in Moscow on Tuesday, officials said."):_mentions()
    assert.has_error(function() qd:resolve(true, false, function() end, {}, other) end)
    assert.has_error(function() qd:resolve(true, false, "not a function") end)
    qd:close()
  end)
end)

describe("the working memory core.quote_doc, qdoc:resolve and rules:match keep", function()
  local core = require "newscorpus.core"
  local phrases = require "newscorpus.phrases"
  local function qdoc(t)
    local doc = nc.doc(t)
    local cues = quotes.cues()
    return core.quote_doc(t, cues.compiled:match(t), cues.labels, doc:_mentions(),
      require("newscorpus.document").splitter_words(), quotes._word_classes()), doc:_mentions()
  end
  local t1 = [["We will win," the Russian president said. Vladimir Putin said the war was over.]]
  local t2 = [["It is over," Bashar al-Assad told reporters. "We will rebuild," he added.]]

  it("gives the same lists when a resolve runs inside another's role reader", function()
    local qa, qb = qdoc(t1), qdoc(t2)
    local want_b = qb:resolve(true, false, function() end)
    local inner
    local got_a = qa:resolve(true, false, function()
      inner = qb:resolve(true, false, function() end)   -- while qa's resolve runs
    end)
    assert.truthy(inner, "the role reader was not called")
    assert.same(want_b, inner)
    assert.same(qa:resolve(true, false, function() end), got_a)
    -- and the rows, in C, after it
    local qc, mc = qdoc(t2)
    local rows, n = qc:resolve(true, false, phrases.role_classes(), { prefix = "", num = 4 }, mc)
    assert.is_true(n >= 2)
    assert.equal(#want_b / 12, n)
    assert.equal(n, select(2, rows:gsub("\n", "")))
  end)

  it("goes on after a call that raised", function()
    local doc = nc.doc(t2)
    local cues = quotes.cues()
    local sw, cls = require("newscorpus.document").splitter_words(), quotes._word_classes()
    local before = core.quote_doc(t2, cues.compiled:match(t2), cues.labels, doc:_mentions(), sw, cls)
      :resolve(true, false, function() end)
    -- a match past the end of the text raises once the sentences are found
    assert.has_error(function() core.quote_doc(t2, { 1, 1, #t2 + 5 }, cues.labels, doc:_mentions(), sw, cls) end)
    -- a role reader that raises leaves qdoc:resolve's memory in use
    assert.has_error(function()
      qdoc(t1):resolve(true, false, function() error("stop") end)
    end)
    for _ = 1, 3 do
      local after = core.quote_doc(t2, cues.compiled:match(t2), cues.labels, doc:_mentions(), sw, cls)
        :resolve(true, false, function() end)
      assert.same(before, after)
    end
  end)

  it("reads the same cues from the Rules object as from its matches", function()
    local cues = quotes.cues()
    local sw, cls = require("newscorpus.document").splitter_words(), quotes._word_classes()
    local n = 0
    for _, t in ipairs(seeds_and_fakes()) do
      local ms = nc.doc(t):_mentions()
      local a = core.quote_doc(t, cues.compiled:match(t), cues.labels, ms, sw, cls):items(true)
      local b = core.quote_doc(t, cues.compiled, cues.labels, ms, sw, cls):items(true)
      assert.same(a, b)
      n = n + #a
    end
    assert.is_true(n > 10000, n .. " item fields")
    -- a Rules object of other cues gives other items
    local other = assert(require("newscorpus.rules").new { rules = { { label = "say", pattern = [[\bdeclared\b]] } } })
    local t = [["We will win," Vladimir Putin said. "We lost," Ilsa Varo declared.]]
    local ms = nc.doc(t):_mentions()
    assert.are_not.same(core.quote_doc(t, cues.compiled, cues.labels, ms, sw, cls):items(true),
      core.quote_doc(t, other.compiled, other.labels, ms, sw, cls):items(true))
  end)

  it("matches the cue rules text after text with the same answers", function()
    local c = quotes.cues().compiled
    local a1, a2 = c:match(t1), c:match(t2)
    for _ = 1, 3 do
      assert.same(a1, c:match(t1))
      assert.same(a2, c:match(t2))
      assert.same({}, c:match(""))
    end
  end)
end)

describe("doc:quotes() on the seeds", function()
  it("attributes every direct quote of the seeds that names its speaker", function()
    local want = {
      ["000_054e6d9ce493268d"] = { ["Russia's leaders and its people"] = "person:bashar-al-assad" },
      ["001_4bf0d4cd9cc21487"] = { ["The biggest problem"] = "person:vladimir-putin",
        ["I am delighted to meet you"] = "person:bashar-al-assad",
        ["The terrorists have caused"] = "person:vladimir-putin" },
      ["003_67d736f8cbbca4ec"] = { ["With the beginning of the political"] = "person:vladimir-putin",
        ["The next task"] = "person:vladimir-putin" },
      ["004_35b1516114ec1545"] = { ["Terrorists had sustained"] = "person:vladimir-putin",
        ["I am happy to meet you"] = "person:bashar-al-assad" },
    }
    for id, quotes_of in pairs(want) do
      local list = nc.read(h.seed(id)):quotes()
      for start, speaker in pairs(quotes_of) do
        local hit
        for _, q in ipairs(list) do if q.text:sub(1, #start) == start then hit = q end end
        assert.truthy(hit, id .. ": " .. start)
        assert.equal(speaker, hit.speaker_id, id .. ": " .. start)
      end
    end
  end)

  it("groups one quotation reported in different words by two outlets", function()
    local groups = nc.load("seeds"):quotes():groups()
    local found = false
    for _, g in ipairs(groups) do
      local a, b
      for _, q in ipairs(g.quotes) do
        if q.text:find("^I am delighted to meet you") then a = q end
        if q.text:find("^I am happy to meet you") then b = q end
      end
      if a and b then
        found = true
        assert.equal("person:bashar-al-assad", g.speaker_id)
        assert.equal(2, g.docs)
        assert.is_false(g.same_wording)
      end
    end
    assert.is_true(found)
  end)

  it("does not group different quotations of one speaker", function()
    local recs = {}
    for i, t in ipairs { "We will never accept foreign troops on our soil",
                         "The economy grew by four percent last year" } do
      recs[i] = { text = t, doc = "d" .. i, speaker_id = "person:x", kind = "direct" }
    end
    assert.equal(0, #quotes.groups(recs))
  end)
end)

describe("make eval quotes floor", function()
  it("finds and attributes most of the annotated FA-KES quotations", function()
    local fakes = require "fakes"
    local texts = {}
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      texts["fakes:" .. a.unit_id] = { text = a.article_content, date = a.date }
    end
    local r = require("quotescore").speakers("fakes", texts)
    assert.is_true(r.n >= 40)
    assert.is_true(r.found / r.n >= 0.9, r.found .. "/" .. r.n)
    assert.is_true(r.right / r.n >= 0.7, r.right .. "/" .. r.n)
  end)
end)
