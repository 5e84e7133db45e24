-- Gazetteers and entity mentions: alias, case and transliteration rules on real
-- sentences (seeds, FA-KES-style wire copy), cases that must not merge, discovery
-- and resolution, loading and saving, the CLI.
local h = require "helper"
local nc = require "newscorpus"
local json = require "newscorpus.json"
local fakes = require "fakes"

local function mentions(text, opts)
  local out = {}
  for _, m in ipairs(nc.doc(text):entities(opts)) do
    assert.equal(m.text, text:sub(m.start, m.stop))
    out[#out + 1] = m.text .. "=" .. m.id
  end
  return table.concat(out, "; ")
end

local function ids_of(text, opts)
  local t = {}
  for _, m in ipairs(nc.doc(text):entities(opts)) do t[m.text] = m.id end
  return t
end

describe("gazetteer engine", function()
  local g = assert(nc.gazetteer {
    { id = "p:assad", type = "PERSON", name = "Bashar al-Assad", aliases = { "Bashar al-Assad", "Assad" } },
    { id = "p:mekdad", type = "PERSON", name = "Faisal Mekdad", aliases = { "Faisal Mekdad", "Mekdad" } },
    { id = "p:muallem", type = "PERSON", name = "Walid Muallem", aliases = { "Walid Muallem", "Muallem" } },
    { id = "p:shoigu", type = "PERSON", name = "Sergei Shoigu", aliases = { "Sergei Shoigu", "Shoigu" } },
    { id = "p:putin", type = "PERSON", name = "Vladimir Putin", aliases = { "Vladimir Putin", "Putin" } },
    { id = "o:hezbollah", type = "ORG", name = "Hezbollah", aliases = { "Hezbollah" } },
    { id = "o:is", type = "ORG", name = "Islamic State", aliases = { "Islamic State", "IS" } },
    { id = "pl:us", type = "PLACE", name = "United States", aliases = { "US", "United States" } },
    { id = "pl:nice", type = "PLACE", name = "Nice", aliases = { "Nice" } },
  })
  local function run(text) return mentions(text, { gazetteer = g, discover = false }) end

  it("resolves transliteration variants to one id", function()
    assert.equal("Faisal al-Meqdad=p:mekdad; Miqdad=p:mekdad; al-Mekdad=p:mekdad",
      run("Foreign Minister Faisal al-Meqdad met envoys; Miqdad said later that al-Mekdad's visit went well."))
    assert.equal("Moallem=p:muallem; Shoygu=p:shoigu; Hizballah=o:hezbollah",
      run("Moallem told Shoygu that Hizballah fighters would stay."))
  end)

  it("does not merge different names", function()
    -- Patten is not Putin, Assadi is not Assad, Mekdadi is not Mekdad, Shoigun is not Shoigu
    assert.equal("", run("Chris Patten met Ahmad Assadi, Salim Mekdadi and Shoigun in Hong Kong."))
    assert.equal("", run("Pattin and Petain and Patin and Mikdadian"))
  end)

  it("acronyms match only as written; names only where capitalised", function()
    assert.equal("US=pl:us; IS=o:is", run("the US said IS fighters; us and is and Us and Is"))
    assert.equal("United States=pl:us; UNITED STATES=pl:us", run("the United States, UNITED STATES, united states"))
    assert.equal("Putin=p:putin", run("Putin; putin"))
  end)

  it("is whole-token and leftmost-longest", function()
    assert.equal("Bashar al-Assad=p:assad; Assad=p:assad", run("Bashar al-Assad and Assad's allies but not Assadism"))
    assert.equal("Islamic State=o:is", run("the Islamic State group"))
  end)

  it("offsets point into the original bytes, whatever they are", function()
    local text = "\255\0 Putin \195(\226\128\153Assad\226\128\153s"
    local m = g:match(text)
    assert.equal(10, #m)
    assert.equal("Putin", text:sub(m[1], m[2]))
    assert.equal("Assad", text:sub(m[6], m[7]))
    assert.same({}, g:match(""))
  end)

  it("saves and loads the compiled form; damage is an error value", function()
    local path = os.tmpname()
    assert.is_true(g:save(path))
    local g2 = assert(nc.gazetteer(path))
    local t = "Faisal al-Meqdad met Putin in the US."
    assert.same(g:match(t), g2:match(t))
    h.write(path, "NCGAZ\1\0\0" .. ("\255"):rep(40))
    local bad, err = nc.gazetteer(path)
    assert.is_nil(bad)
    assert.matches("damaged", err)
    os.remove(path)
  end)

  it("reads TSV, JSON Lines and Lua files, and reports a bad line", function()
    local dir = h.tmpdir()
    h.write(dir .. "/g.tsv", "# test\nx:1\tPERSON\tAmichai Stein\tAmichai Stein|Stein\tjournalist\n")
    h.write(dir .. "/g.jsonl", '{"id":"x:2","type":"ORG","name":"Kan","aliases":["Kan","=KAN"]}\n')
    h.write(dir .. "/g.lua", 'return { { id = "x:3", type = "PLACE", name = "Baghouz" } }\n')
    h.write(dir .. "/bad.tsv", "x:1\tPERSON\n")
    for _, f in ipairs { "g.tsv", "g.jsonl", "g.lua" } do assert(nc.gazetteer(dir .. "/" .. f)) end
    local g2 = assert(nc.gazetteer { sources = { dir .. "/g.tsv", dir .. "/g.lua" }, default = true })
    local ids = ids_of("Amichai Stein of Kan in Baghouz with Assad.", { gazetteer = g2, discover = false })
    assert.equal("x:1", ids["Amichai Stein"])
    assert.equal("x:3", ids["Baghouz"])
    assert.equal("person:bashar-al-assad", ids["Assad"])   -- the default is combined
    local bad, err = nc.gazetteer(dir .. "/bad.tsv")
    assert.is_nil(bad)
    assert.matches("bad.tsv:1:", err)
    os.execute("rm -rf '" .. dir .. "'")
  end)
end)

describe("doc:entities with the default gazetteer", function()
  it("finds the seed's people, organisations and places with ids", function()
    local doc = assert(nc.read("seeds/002_9b577226884e7e40.txt"))
    local ids = {}
    for _, m in ipairs(doc:entities()) do
      assert.equal(m.text, doc.text:sub(m.start, m.stop))
      ids[m.id] = m.type
    end
    assert.equal("PERSON", ids["person:bashar-al-assad"])
    assert.equal("PERSON", ids["person:sergei-shoigu"])
    assert.equal("ORG", ids["org:sdf"])
    assert.equal("ORG", ids["org:hts"])
    assert.equal("PLACE", ids["place:SY:idlib"])
  end)

  it("tags demonyms, so they can be told from the country", function()
    for _, m in ipairs(nc.doc("Syrian troops entered Syria."):entities()) do
      assert.equal("place:SY", m.id)
      assert.equal(m.text == "Syrian" and "demonym" or "country", m.tag)
    end
  end)

  it("discovers names no gazetteer holds, and resolves later short forms", function()
    local t = "Russia's envoy Alexander Lavrentiev met the president. Lavrentiev later told reporters "
      .. "that talks went well, adviser Buthaina Shaaban said. Syrian Defence Minister Ali Abdullah Ayoub agreed."
    local ids = ids_of(t)
    assert.equal("discovered:person:al_x_nd_r-lavr_nt_v", ids["Alexander Lavrentiev"])
    assert.equal(ids["Alexander Lavrentiev"], ids["Lavrentiev"])
    assert.truthy(ids["Buthaina Shaaban"])
    assert.truthy(ids["Ali Abdullah Ayoub"])
    -- the same name written another way in another document has the same id
    assert.equal(ids["Alexander Lavrentiev"], ids_of("The talks were led by Alexander Lavrentyev, the envoy.")["Alexander Lavrentyev"])
  end)

  it("makes no entities of sentence-initial words, months, headlines or tag lines", function()
    assert.equal("", mentions("The talks ended. But March was cold. However, Monday came.\n"
      .. "Syria Army Says Rebels Will Leave Soon\nTags: Middle East Peace Talks Process Deal\n", { discover = true }):gsub("[^;]*place:[^;]*;? ?", ""))
  end)

  it("decides a run of names as a whole: organisations over towns, people over towns", function()
    -- wire and interview copy (GUM-style): an organisation named after a city
    local t = ids_of("Nick Bos, of the University of Helsinki, studies ants.")
    assert.matches("^discovered:org:", t["University of Helsinki"])
    assert.is_nil(t["Helsinki"])
    t = ids_of("He began research at Washington State University in 2012.")
    assert.truthy(t["Washington State University"])
    assert.is_nil(t["Washington"])
    -- a person named like two towns, then the outlet he writes for
    local ms = nc.doc("Troy Patterson of Slate Magazine ventured over to the bar."):entities()
    assert.equal("Troy Patterson", ms[1].text)
    assert.equal("PERSON", ms[1].type)
    assert.equal("Slate Magazine", ms[2].text)
    assert.equal("ORG", ms[2].type)
  end)

  it("resolves a later surname, even one that is also a town or a word", function()
    local ms = nc.doc("The term was coined by columnist Dan Savage in 2003. Savage created a website.")
      :entities({ type = "PERSON" })
    assert.equal(2, #ms)
    assert.equal("Dan Savage", ms[1].text)
    assert.equal("Savage", ms[2].text)
    assert.equal(ms[1].id, ms[2].id)
    ms = nc.doc("Apple CEO Steve Jobs unveiled the phone. Jobs also said it would ship in June.")
      :entities({ type = "PERSON" })
    assert.equal("Steve Jobs", ms[1].text)
    assert.equal("Jobs", ms[2].text)
    assert.equal(ms[1].id, ms[2].id)
  end)

  it("makes no person of events, titles or dictionary words", function()
    local t = ids_of("Cyclone Phailin hit the coast. He fought in the Vietnam War. Chief Executive Officer Tim Cook spoke.")
    assert.is_nil(t["Cyclone Phailin"])
    assert.is_nil(t["Vietnam War"])
    assert.is_nil(t["Executive Officer"])
    assert.truthy(t["Tim Cook"])
  end)

  it("makes no person of a direction, a faith or people, an adjective or an acronym", function()
    -- FA-KES wire copy: "West Aleppo" is a part of the city, not a man named West
    local ms = nc.doc("Rebels shelled West Aleppo on Sunday. Aleppo was calm later."):entities()
    for _, m in ipairs(ms) do assert.not_equal("PERSON", m.type, m.text) end
    assert.equal("place:SY.09", ms[#ms].id)
    local t = ids_of("The Coalition-backed Kurdish fighters and Sunni Arab tribes met. "
      .. "A Raqa NGO said so. Kurdish officials agreed.")
    for text, id in pairs(t) do assert.not_matches("^discovered:person:", id, text) end
    -- "Secretary of State" names an office; the State is no person
    t = ids_of("Secretary of State John Kerry flew in. The State said nothing.")
    assert.is_nil(t["State"])
    assert.equal("person:john-kerry", t["John Kerry"])
  end)

  it("reads a possessive whose apostrophe the scraper lost", function()
    -- FA-KES headlines: "Syrias Raqa", "Assads forces"
    local ms = nc.doc("US-led strike kills 18 civilians in Syrias Raqa. Assads forces advanced."):entities()
    local got = {}
    for _, m in ipairs(ms) do got[#got + 1] = m.text .. "=" .. m.id end
    assert.equal("place:SY", ids_of("civilians in Syrias Raqa")["Syria"])
    assert.matches("Syria=place:SY", table.concat(got, " "))
    assert.matches("Assad=person:bashar%-al%-assad", table.concat(got, " "))
    -- a word that merely ends in s stays itself
    assert.is_nil(ids_of("Thomas and Jones met in Paris.")["Thoma"])
  end)

  it("each_entity gives the mentions of entities(), without tables", function()
    local doc = assert(nc.load("seeds/002_9b577226884e7e40.txt"):docs()())
    local list, i = doc:entities(), 0
    local n = doc:each_entity(function(start, stop, id, name, ty, source, tag)
      i = i + 1
      local m = list[i]
      assert.same({ m.start, m.stop, m.id, m.name, m.type, m.source, m.tag },
                   { start, stop, id, name, ty, source, tag })
    end)
    assert.equal(#list, n)
    assert.truthy(n > 10)
    local people = 0
    doc:each_entity(function(_, _, _, _, ty) assert.equal("PERSON", ty); people = people + 1 end, { type = "PERSON" })
    assert.equal(#doc:entities({ type = "PERSON" }), people)
    assert.has_error(function() doc:each_entity("x") end)
    -- an error inside fn propagates and leaks nothing (ASan checks the C side)
    assert.has_error(function() doc:each_entity(function() error("stop") end) end)
  end)

  it("keeps mentions of entries of other types", function()
    local g = assert(nc.gazetteer { { id = "x:a380", type = "PRODUCT", name = "Airbus A380", aliases = { "A380" } } })
    local ms = nc.doc("The first A380 entered service in Singapore."):entities({ gazetteer = g })
    assert.equal("A380", ms[1].text)
    assert.equal("PRODUCT", ms[1].type)
    assert.equal("x:a380", ms[1].id)
  end)

  it("corpus:entities():count() aggregates per id over documents", function()
    local rows = nc.load("seeds/"):entities():count()
    local by = {}
    for _, r in ipairs(rows) do by[r.id] = r end
    assert.equal(5, by["person:bashar-al-assad"].docs)
    assert.truthy(by["person:bashar-al-assad"].mentions >= 5)
    assert.truthy(rows[1].mentions >= rows[#rows].mentions)
    -- misuse raises at once, not at the first document
    assert.has_error(function() nc.load("seeds/"):entities("PERSON") end)
  end)
end)

describe("doc:_mentions() (the mentions, their tables made when read)", function()
  local core = require "newscorpus.core"
  local ents_mod = require "newscorpus.entities"
  local gz = require("newscorpus.gazetteer").default()
  local function same_fields(a, b)
    for k, v in pairs(a) do if b[k] ~= v then return false, k end end
    for k, v in pairs(b) do if a[k] ~= v then return false, k end end
    return true
  end
  -- the seeds and the FA-KES articles
  local function texts()
    local out = {}
    for d in nc.load("seeds"):docs() do out[#out + 1] = d.text end
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do out[#out + 1] = a.article_content end
    return out
  end

  it("makes, one at a time in any order or all at once, the tables g:entities lists, with the same discovered names", function()
    local n, discovered = 0, 0
    for i, t in ipairs(texts()) do
      local list = gz.core:entities(ents_mod.lexicon(), t, true)
      local m = nc.doc(t):_mentions()
      assert.equal(#list, #m)
      assert.equal(#list, m:count())
      -- from the last to the first: a discovered name is the first form of the text
      local order = {}
      for k = 1, #list do order[k] = (i % 2 == 0) and #list + 1 - k or (k * 7919) % #list + 1 end
      for _, k in ipairs(order) do
        local ok, field = same_fields(m:get(k), list[k])
        assert(ok, ("mention %d of text %d differs in %s"):format(k, i, tostring(field)))
        assert.are_not.equal(m:get(k), m:get(k))   -- a new table each time
      end
      local all = m:all()
      assert.equal(#list, #all)
      for k, e in ipairs(list) do
        assert(same_fields(all[k], e), ("mention %d of text %d differs in the full list"):format(k, i))
        local a, b, kind = m:span(k)
        assert.same({ e.start, e.stop }, { a, b })
        local want = (e.type == "PERSON" or e.type == "ORG" or e.type == "PLACE") and e.type or "OTHER"
        assert.equal(want, kind)
        if e.source == "discovered" then discovered = discovered + 1 end
      end
      n = n + #list
    end
    assert.is_true(n > 5000 and discovered > 500, n .. " mentions, " .. discovered .. " discovered")
  end)

  it("gives a discovered entity the name of its first form when a later one is made first", function()
    -- two spellings of one discovered id: its name is the first
    local t = "Zorvan Keltish spoke first. Later Zurvan Kiltish said more."
    local m = nc.doc(t):_mentions()
    assert.equal(2, #m)
    assert.equal("Zurvan Kiltish", m:get(2).text)
    assert.equal("Zorvan Keltish", m:get(2).name)
    assert.equal(m:get(1).id, m:get(2).id)
  end)

  it("finds positions, kinds and indices in C as the list has them", function()
    local t = "Vladimir Putin met Bashar al-Assad in Moscow. The Kremlin said Putin and Emmanuel Macron spoke."
    local doc = nc.doc(t)
    local m, list = doc:_mentions(), doc:entities()
    for pos = 0, #t + 2 do
      local want = 1
      while list[want] and list[want].start < pos do want = want + 1 end
      assert.equal(want, m:first_at(pos))
    end
    for _, kind in ipairs { "PERSON", "ORG", "PLACE", "OTHER" } do
      local want, tagged = {}, {}
      for k, e in ipairs(list) do
        if e.type == kind then
          want[#want + 1] = k
          if e.tag then tagged[#tagged + 1] = k end
        end
      end
      assert.same(want, m:indices(kind))
      assert.same(tagged, m:indices(kind, true))
    end
    assert.is_true(#m:indices("PERSON", true) >= 1)
    -- the list of tables with the same fields, new each time
    local all = m:all()
    assert.are_not.equal(all, list)
    assert.equal(#list, #all)
    for k = 1, #list do
      assert.are_not.equal(list[k], all[k])
      assert.is_true(same_fields(list[k], all[k]))
    end
    -- out of range: nothing
    assert.is_nil(m:get(0))
    assert.is_nil(m:get(#list + 1))
    assert.is_nil(m:get(1.5))
    assert.is_nil(m:span(0))
    assert.is_nil(m:get("1"))
    assert.has_error(function() m:indices("PEOPLE") end)
    assert.has_error(function() m:first_at("x") end)
  end)

  it("holds nothing for an empty text, and is dropped by doc:release()", function()
    local m = nc.doc(""):_mentions()
    assert.equal(0, #m)
    assert.same({}, m:all())
    assert.equal("", m:packed())
    assert.equal(1, m:first_at(1))
    local doc = nc.doc("Vladimir Putin spoke.")
    local m1 = doc:_mentions()
    assert.equal(m1, doc:_mentions())
    doc:release()
    assert.are_not.equal(m1, doc:_mentions())
    m1:close()
    assert.has_error(function() m1:get(1) end)
    assert.has_error(function() m1:span(1) end)
  end)

  it("raises when its gazetteer is closed before a table is made", function()
    local g = assert(nc.gazetteer { { id = "person:zorvan-keltish", type = "PERSON", name = "Zorvan Keltish" } })
    local t = "Zorvan Keltish spoke."
    local m = g.core:mentions(ents_mod.lexicon(), t, true)
    assert.equal(1, #m)
    assert.same({ 1, 14, "PERSON" }, { m:span(1) })
    g.core:close()
    assert.has_error(function() m:get(1) end)
    assert.same({ 1, 14, "PERSON" }, { m:span(1) })
    assert.has_error(function() g.core:mentions(ents_mod.lexicon(), t) end)
  end)
end)

describe("corpus:entities():count() (counted in C)", function()
  -- the same counts from the mention tables of doc:entities(), aggregated here
  local function reference(texts, opts)
    local by, order = {}, {}
    for d, text in ipairs(texts) do
      for _, m in ipairs(nc.doc(text):entities(opts)) do
        local e = by[m.id]
        if not e then
          e = { id = m.id, name = m.name, type = m.type, source = m.source, mentions = 0, docs = 0, aliases = {}, seen = {} }
          by[m.id] = e
          order[#order + 1] = e
        end
        e.mentions = e.mentions + 1
        if e.last ~= d then e.last, e.docs = d, e.docs + 1 end
        if not e.seen[m.text] then e.seen[m.text] = true; e.aliases[#e.aliases + 1] = m.text end
      end
    end
    for _, e in ipairs(order) do e.seen, e.last = nil, nil end
    table.sort(order, function(a, b)
      if a.mentions ~= b.mentions then return a.mentions > b.mentions end
      return a.id < b.id
    end)
    return order
  end

  local texts = {}
  for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
    if #texts < 200 then texts[#texts + 1] = a.article_content end
  end
  for name in io.popen("ls seeds/*.txt"):lines() do texts[#texts + 1] = assert(io.open(name)):read("*a") end

  it("equals the aggregation of the mention tables on 205 real articles", function()
    local got = nc.load(texts, { texts = true }):entities():count()
    local want = reference(texts)
    assert.truthy(#want > 500)
    assert.same(want, got)
    -- discovered entities, resolved short forms and more than one form are in there
    local src, multi = {}, 0
    for _, e in ipairs(got) do src[e.source] = true; if #e.aliases > 1 then multi = multi + 1 end end
    assert.truthy(src.gazetteer and src.discovered)
    assert.truthy(multi > 20)
  end)

  it("with a type and with a user gazetteer", function()
    assert.same(reference(texts, { type = "PERSON" }), nc.load(texts, { texts = true }):entities({ type = "PERSON" }):count())
    local g = assert(nc.gazetteer { { id = "org:sohr", type = "ORG", name = "Syrian Observatory for Human Rights",
      aliases = { "SOHR", "the Observatory" } } })
    local opts = { gazetteer = g, discover = false }
    local got = nc.load(texts, { texts = true }):entities(opts):count()
    assert.same(reference(texts, opts), got)
    assert.equal("org:sohr", got[1].id)
    assert.truthy(got[1].docs > 10)
  end)

  it("a tally counts documents, forms once each, and frees itself", function()
    local core = require "newscorpus.core"
    local t = core.tally()
    local doc = nc.doc("Putin met Assad. Mr Putin said Vladimir Putin and Putin agree.")
    local ents = require "newscorpus.entities"
    local n = ents.tally(doc, t)
    assert.equal(#doc:entities(), n)
    ents.tally(nc.doc("No names here."), t)
    ents.tally(nc.doc("Assad spoke."), t)
    local list = t:list()
    assert.equal(#list, #t)
    local by = {}
    for _, e in ipairs(list) do by[e.id] = e end
    local putin = by["person:vladimir-putin"]
    assert.equal(1, putin.docs)
    assert.equal(4, putin.mentions)
    assert.same({ "Putin", "Vladimir Putin" }, putin.aliases)
    assert.equal(2, by["person:bashar-al-assad"].docs)
    t:close()
    assert.has_error(function() t:list() end)
    assert.has_error(function() ents.tally(doc, t) end)
    assert.has_error(function() doc:each_entity(42) end)
  end)
end)

  -- the tally and rows paths keep their working memory (mentions, hits,
  -- surnames, row buffers) from one text to the next: nothing of one text
  -- may show in the next, after a long text as after a short one
  it("a text's rows do not depend on the texts read before it", function()
    local ents = require "newscorpus.entities"
    local spec = { prefix = "", num = 6 }
    local later = nc.doc("Dmitry Peskov met reporters. Lavrentiev told them in Damascus that talks would go on.")
    local full = nc.doc("Envoy Alexander Lavrentiev met Faisal Mekdad. Lavrentiev said so.")
    local long = nc.doc(("Syria and Iran. Dmitry Peskov met Sergei Shoigu. "):rep(30000) .. "Peskov said.")
    local first = ents.rows(later, spec)
    local n_full = select(2, ents.rows(full, spec))
    assert.equal(#full:entities(), n_full)
    assert.equal(first, (ents.rows(later, spec)))
    local rows, n = ents.rows(long, spec)
    assert.equal(#long:entities(), n)
    assert.truthy(n > 65536)
    assert.equal(select(2, rows:gsub("\n", "")), n)
    assert.equal(first, (ents.rows(later, spec)))
    -- the short form alone is no resolved mention of the earlier text's person
    for _, m in ipairs(later:entities()) do assert.is_not.equal("resolved", m.source) end
    assert.is_nil(first:find("alexander", 1, true))
    local t = require("newscorpus.core").tally()
    ents.tally(full, t)
    assert.equal(#later:entities(), ents.tally(later, t))
    local people = 0
    for _, e in ipairs(t:list()) do
      if e.id:find("lavr", 1, true) then
        people = people + 1
        assert.equal(1, e.docs)
      end
    end
    assert.equal(2, people)
  end)

describe("newscorpus entities / kwic", function()
  it("entities --json: the DESIGN.md fields", function()
    local out, err, status = h.cli("entities --json --type PERSON seeds/000_054e6d9ce493268d.txt")
    assert.equal(0, status, err)
    local n = 0
    for line in out:gmatch("[^\n]+") do
      local r = assert(json.decode(line))
      assert.equal("PERSON", r.type)
      for _, k in ipairs { "doc", "start", "stop", "text", "id", "name", "source" } do assert.truthy(r[k], k) end
      n = n + 1
    end
    assert.truthy(n >= 5)
  end)

  it("entities: an aligned table, one document at a time", function()
    local out, err, status = h.cli("entities seeds/000_054e6d9ce493268d.txt")
    assert.equal(0, status, err)
    local lines = {}
    for line in out:gmatch("[^\n]+") do lines[#lines + 1] = line end
    assert.matches("^doc%s+start%s+stop%s+type%s+id%s+text$", lines[1])
    assert.truthy(#lines > 10)
    -- the id column is aligned: every text starts at the same column
    local col = lines[1]:find("text", 1, true)
    for i = 2, #lines do
      local a, b = tonumber(lines[i]:match("^%S+%s+(%d+)")), tonumber(lines[i]:match("^%S+%s+%d+%s+(%d+)"))
      assert.truthy(a and b and a <= b, lines[i])
      assert.not_equal(" ", lines[i]:sub(col, col), lines[i])
      assert.equal(" ", lines[i]:sub(col - 1, col - 1), lines[i])
    end
  end)

  -- the table rows are built in C straight from the mentions: the same start,
  -- stop, type and id as doc:entities(), short forms and discovered names included
  it("entities: the table rows are the mentions of doc:entities()", function()
    local text = "Foreign Minister Faisal Mekdad met envoy Alexander Lavrentiev in Damascus. " ..
      "Lavrentiev told reporters that Mekdad and Buthaina Shaaban had agreed.\n"
    for _, typ in ipairs { "", " --type PERSON" } do
      local out, err, status = h.cli("entities" .. typ .. " -", text)
      assert.equal(0, status, err)
      local got = {}
      for line in out:gmatch("[^\n]+") do
        local a, b, ty, id = line:match("^%S+%s+(%d+)%s+(%d+)%s+(%u+)%s+(%S+)")
        if a then got[#got + 1] = table.concat({ a, b, ty, id }, " ") end
      end
      local want = {}
      for _, m in ipairs(nc.doc(text):entities()) do
        if typ == "" or m.type == "PERSON" then
          want[#want + 1] = table.concat({ m.start, m.stop, m.type, m.id }, " ")
        end
      end
      assert.truthy(#want >= 5)
      assert.same(want, got)
    end
    -- JSON Lines, built in C the same way: every field of doc:entities(), and
    -- a doc id that needs escaping
    local line = json.encode({ id = 'a"b\\c\1', text = text })
    local out, err, status = h.cli("entities --json -", line .. "\n")
    assert.equal(0, status, err)
    local want = nc.doc(text):entities()
    local n = 0
    for l in out:gmatch("[^\n]+") do
      n = n + 1
      local r, m = assert(json.decode(l)), want[n]
      assert.same({ 'a"b\\c\1', m.start, m.stop, m.text, m.id, m.name, m.type, m.source },
        { r.doc, r.start, r.stop, r.text, r.id, r.name, r.type, r.source })
    end
    assert.equal(#want, n)
  end)

  it("entities --count and a bad --type / --gazetteer", function()
    local out, _, status = h.cli("entities --count --json")
    assert.equal(0, status)
    local first = assert(json.decode(out:match("[^\n]+")))
    assert.equal("place:SY", first.id)
    assert.truthy(first.docs == 5 and #first.aliases >= 2)
    local _, err, st = h.cli("entities --type THING")
    assert.equal(2, st)
    assert.matches("unknown type", err)
    _, err, st = h.cli("entities --gazetteer /nonexistent.tsv")
    assert.equal(2, st)
    assert.matches("gazetteer", err)
  end)

  it("kwic: an entity by id or alias, or a plain string", function()
    local out, _, status = h.cli("kwic --json person:sergei-shoigu")
    assert.equal(0, status)
    local n = 0
    for line in out:gmatch("[^\n]+") do
      local r = assert(json.decode(line))
      assert.truthy(r.match == "Shoigu" or r.match == "Sergei Shoigu")
      n = n + 1
    end
    assert.equal(3, n)
    out = h.cli("kwic Shoygu")          -- a spelling no seed uses: no entity, no string
    assert.equal("", out)
    out = h.cli("kwic --width 10 withdrawal")
    assert.matches("%[withdrawal%]", out)
    local _, err, st = h.cli("kwic")
    assert.equal(2, st)
    assert.matches("TERM", err)
  end)
end)
