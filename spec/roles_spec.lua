-- Mentions:by_role (src/nc_roles.c): the person a role phrase names, from the
-- roles the text gives its persons and their gazetteer tags. Checked against
-- the Lua reading it replaces (kept here as the reference) on every role phrase
-- of the seeds and the FA-KES articles, and on constructed sentences.
local nc = require "newscorpus"
local core = require "newscorpus.core"
local phrases = require "newscorpus.phrases"
local ents_mod = require "newscorpus.entities"
local fakes = require "fakes"

local sub, find, lower, gsub, match = string.sub, string.find, string.lower, string.gsub, string.match
local byte, concat = string.byte, table.concat
local words, set = core.words, phrases.set
local ROLE, LEADER, ROLE_FILL = phrases.ROLE, phrases.LEADER, phrases.ROLE_FILL

-- The reference: newscorpus.phrases.by_role as it was read in Lua, with the one
-- rule the C reading has added since (a nationality in an apposition). ctx: text,
-- ents (doc:entities()), ms (doc:_mentions()). by_role(ctx, W, places, pos):
-- W the phrase's words, places id -> name.
local reference
do
  local find_byte, BLANK_BYTES = core.find_byte, " \t\n\v\f\r\194\160"
  local function not_blank(text, a, b) return find_byte(text, BLANK_BYTES, a, b, true) ~= nil end
  -- the persons whose 60 bytes before and 70 after hold a word of each group
  local function holding(ctx, groups)
    local out = {}
    for k, e in ipairs(ctx.ents) do
      if e.type == "PERSON" then
        local s = lower(sub(ctx.text, e.start > 60 and e.start - 60 or 1, e.stop + 70))
        local ok = true
        for _, g in ipairs(groups) do
          local any = false
          for _, w in ipairs(g) do if find(s, w, 1, true) then any = true break end end
          if not any then ok = false break end
        end
        if ok then out[#out + 1] = k end
      end
    end
    return out
  end
  -- Roles the document gives each person: the words of the title before a
  -- mention ("Syrian Foreign Minister Faisal al-Meqdad", "Russia's defence
  -- minister Sergei Shoigu") or of the apposition after it ("Peskov, the Kremlin
  -- spokesman,"); with the ids of the places among them (nationalities).
  -- The role of the person mention ents[i] (nil when none).
  local function person_role(ctx, i)
    local text, ents = ctx.text, ctx.ents
    local e = ents[i]
    local r = { words = {}, places = {}, pos = e.start, e = e }
    local lo = e.start - 60
    if lo < 1 then lo = 1 end
    local S, E, W = words(text, lo, e.start - 1)
    local j = #W
    -- the words right before the name, back to a break; k: the first mention
    -- starting at or after word j (first_at, walked back from the name's)
    local k = i
    while j >= 1 do
      if not_blank(text, E[j] + 1, (j < #W and S[j + 1] or e.start) - 1) then break end
      local w = W[j]
      local sj = S[j]
      while k > 1 and ents[k - 1].start >= sj do k = k - 1 end
      local ent = ents[k]
      if ROLE[w] or (ent and ent.start == S[j] and ent.type == "PLACE") or (ent and ent.stop == E[j] and ent.type == "PLACE")
        or find(w, "'s$") then
        r.words[w] = true
      elseif not (ROLE_FILL[w]) then
        -- an ORG before the role ("Kremlin spokesman") is part of it
        if not (ent and ent.type == "ORG") then
          local ok = false
          for kk = math.max(1, i - 4), i - 1 do
            local x = ents[kk]
            if x.start <= S[j] and x.stop >= E[j] then ok = true end
          end
          if not ok then break end
        end
      end
      j = j - 1
    end
    -- the mentions after the name start at i + 1 or later, those from lo at kb
    -- or later (first_at, walked from i)
    local kb = i
    while kb > 1 and ents[kb - 1].start >= lo do kb = kb - 1 end
    local ka = i + 1
    while ents[ka] and ents[ka].start <= e.stop do ka = ka + 1 end
    -- the apposition after: ", the Russian president," / ", Syria's foreign minister"
    -- (text:sub(e.stop + 1, e.stop + 70):match("^%s*,%s*()") without the cut)
    local comma = match(text, "^%s*()", e.stop + 1)
    if comma <= e.stop + 70 and byte(text, comma) == 44 then
      local s0 = match(text, "^%s*()", comma + 1)
      if s0 > e.stop + 71 then s0 = e.stop + 71 end
      local S2, E2, W2 = words(text, s0, e.stop + 70)
      local k2 = ka
      for q = 1, math.min(#W2, 6) do
        local w = W2[q]
        if q > 1 and find_byte(text, ",.;:", E2[q - 1] + 1, S2[q] - 1) then break end
        if ROLE[w] or find(w, "'s$") then r.words[w] = true
        elseif not ROLE_FILL[w] then
          local sq = S2[q]
          while ents[k2] and ents[k2].start < sq do k2 = k2 + 1 end
          if not (ents[k2] and ents[k2].start == sq) then break end
          -- (added in C since: a nationality in the apposition is a role word, so its place is the role's)
          if ents[k2].type == "PLACE" then r.words[w] = true end
        end
      end
      if not next(r.words) then r = { words = {}, places = {}, pos = e.start, e = e } end
    end
    -- the places among the role words
    for k = kb, i - 1 do
      local x = ents[k]
      if x.type == "PLACE" and r.words[gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'")] then
        r.places[x.id] = true
      end
    end
    for w in pairs(r.words) do
      if find(w, "'s$") then
        local k = kb
        while ents[k] and ents[k].start < e.start do
          local x = ents[k]
          if x.type == "PLACE" and gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'") .. "'s" == w then
            r.places[x.id] = true
          end
          k = k + 1
        end
      end
    end
    for w in pairs(r.words) do
      local k = ka
      while ents[k] and ents[k].start <= e.stop + 70 do
        local x = ents[k]
        if x.type == "PLACE" then
          local xw = gsub(lower(sub(text, x.start, x.stop)), "\226\128\153", "'")
          if xw == w or xw .. "'s" == w then r.places[x.id] = true end
        end
        k = k + 1
      end
    end
    if next(r.words) then return r end
    return nil
  end

  -- person_role of ents[i], made once per document (false: none)
  local function role_of(ctx, i)
    local cache = ctx._role_of
    if not cache then cache = {} ctx._role_of = cache end
    local r = cache[i]
    if r == nil then
      r = person_role(ctx, i) or false
      cache[i] = r
    end
    return r
  end

  -- The words that hold each wanted role word in the bytes around a person mention
  -- that its role is read from (60 before it, 70 after; read here by holding): the word, its spelling variant, for a leader word any leader word.
  -- A word form is the text's bytes in ASCII lower case, so a person whose bytes
  -- hold none of a group's words has no role that holds the wanted word.
  local LEADERS = {}
  for x in pairs(LEADER) do LEADERS[#LEADERS + 1] = x end
  table.sort(LEADERS)
  local function holding_groups(want)
    local groups = {}
    for k, w in ipairs(want) do
      if LEADER[w] then groups[k] = LEADERS
      elseif w == "defense" or w == "defence" then groups[k] = { "defence", "defense" }
      else groups[k] = { w } end
    end
    return groups
  end

  -- The persons that fit a role phrase, in text order: those whose roles in the
  -- text hold every role word (a leader word is held by any leader word) and
  -- every place; and those whose role in the gazetteer does.
  local function fitting(ctx, want, places, former)
    local by_text, by_tag = {}, {}
    -- the roles of the persons whose words can hold the wanted ones
    local ents = ctx.ents
    for _, i in ipairs(holding(ctx, holding_groups(want))) do
      local r = role_of(ctx, i)
      local ok = r and true
      if ok then
        for _, w in ipairs(want) do
          local has = r.words[w] or (w == "defense" and r.words.defence) or (w == "defence" and r.words.defense)
          if not has and LEADER[w] then
            for x in pairs(r.words) do if LEADER[x] then has = true break end end
          end
          if not has then ok = false break end
        end
      end
      if ok then
        for id in pairs(places) do if not r.places[id] then ok = false break end end
      end
      if ok then by_text[#by_text + 1] = r.e end
    end
    -- the persons with a role from the gazetteer, with that role as words: once
    -- per document (a role shared by many mentions is read once)
    local tagged = ctx._tagged
    if not tagged then
      tagged = {}
      local as_words = {}
      for _, i in ipairs(ctx.ms:indices("PERSON", true)) do
        local e = ents[i]
        local tag = e.tag
        if tag and tag ~= "" then
          local w = as_words[tag]
          if not w then
            w = " " .. gsub(lower(tag), "[^%w]+", " ") .. " "
            as_words[tag] = w
          end
          tagged[#tagged + 1] = e
          tagged[#tagged + 1] = w
        end
      end
      ctx._tagged = tagged
    end
    -- the names of the places wanted
    local names = {}
    for id, name in pairs(places) do if type(name) == "string" then names[id] = lower(name) end end
    local ok_of = {}     -- whether a role fits, by role (a person's mentions share it)
    for t = 1, #tagged, 2 do
      local e, tag = tagged[t], tagged[t + 1]
      local ok = ok_of[tag]
      if ok == nil then
        -- "former President of Russia" is not "the Russian president"
        ok = not find(tag, " former ", 1, true) or former
        for _, w in ipairs(want) do
          local has = find(tag, " " .. w .. " ", 1, true) or (w == "defense" and find(tag, " defence ", 1, true))
          if not has and LEADER[w] then
            for x in pairs(LEADER) do if find(tag, " " .. x .. " ", 1, true) then has = true break end end
          end
          if not has then ok = false break end
        end
        for id in pairs(places) do
          if not (names[id] and find(tag, " " .. names[id], 1, true)) then ok = false break end
        end
        ok_of[tag] = ok
      end
      if ok then by_tag[#by_tag + 1] = e end
    end
    return { by_text, by_tag }
  end

  -- Of mentions in text order, the latest that starts before pos, else the first.
  local function nearest_before(list, pos)
    local best
    for _, e in ipairs(list) do
      if e.start < pos then best = e else return best or e end
    end
    return best
  end

  -- The person a role phrase (words W of the phrase; places: the places in it, id
  -- -> name, the name true when there is none) names:
  -- of those whose roles in the text fit (fitting), the latest mention before pos,
  -- else the first after; with none, of those the gazetteer's roles fit ("President
  -- of Syria" for "the Syrian leader"), the same. What fits is found once per
  -- document for each set of role words and places.
  local function by_role(ctx, W, places, pos)
    local want, former = nil, false
    for _, w in ipairs(W) do
      if ROLE[w] and w ~= "the" then
        want = want or {}
        want[#want + 1] = w
      end
      if w == "former" or w == "ex" then former = true end
    end
    if not want then return nil end
    local ids = {}
    for id in pairs(places) do ids[#ids + 1] = tostring(id) end
    table.sort(ids)
    local key = concat(want, " ") .. "|" .. concat(ids, " ") .. (former and "|former" or "")
    local memo = ctx._fitting
    if not memo then memo = {} ctx._fitting = memo end
    local fits = memo[key]
    if not fits then
      fits = fitting(ctx, want, places, former)
      memo[key] = fits
    end
    return nearest_before(fits[1], pos) or nearest_before(fits[2], pos)
  end


  reference = by_role
end

-- the texts of the seeds and of the FA-KES articles
local function seeds_and_fakes()
  local texts = {}
  for d in nc.load("seeds"):docs() do texts[#texts + 1] = d.text end
  for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
    texts[#texts + 1] = a.article_content
  end
  return texts
end

-- The role phrases of a text: for each role word, the one to five words that
-- end with it (within 80 bytes), with the place mentions that start in them.
local function role_phrases(text, ents)
  local S, E, W = words(text, 1, #text)
  local out = {}
  for j = 1, #W do
    if ROLE[W[j]] then
      for i = math.max(1, j - 4), j do
        if E[j] - S[i] < 80 then
          local ks, places = {}, {}
          for k, e in ipairs(ents) do
            if e.start >= S[i] and e.start <= E[j] and e.type == "PLACE" then
              ks[#ks + 1] = k
              places[e.id] = e.name or true
            end
          end
          local ws = {}
          for x = i, j do ws[#ws + 1] = W[x] end
          out[#out + 1] = { words = ws, ks = ks, places = places, pos = S[i] }
        end
      end
    end
  end
  return out
end

describe("Mentions:by_role", function()
  local classes = phrases.role_classes()

  it("names the person the Lua reading named, for every role phrase of the seeds and FA-KES", function()
    local n, named, by_tag = 0, 0, 0
    for _, t in ipairs(seeds_and_fakes()) do
      local doc = nc.doc(t)
      local ents, m = doc:entities(), doc:_mentions()
      local ctx = { text = t, ents = ents, ms = m }
      local index = {}
      for k, e in ipairs(ents) do index[e] = k end
      for _, p in ipairs(role_phrases(t, ents)) do
        local want = reference(ctx, p.words, p.places, p.pos)
        local got = m:by_role(classes, p.words, p.ks, p.pos)
        if want ~= (got and ents[got]) then
          error(("%q at %d: %s, not %s"):format(table.concat(p.words, " "), p.pos,
            tostring(got and ents[got].text), tostring(want and want.text)))
        end
        n = n + 1
        if got then
          named = named + 1
          local text_fits = ctx._fitting   -- a person named by a tag only: none fits by the text
          for _, f in pairs(text_fits) do if #f[1] == 0 and #f[2] > 0 then by_tag = by_tag + 1 break end end
        end
      end
    end
    assert.is_true(n > 12000, n .. " phrases")
    assert.is_true(named > 2000, named .. " named")
    assert.is_true(by_tag > 0, "none by a gazetteer tag")
  end)

  -- a gazetteer of invented names, so that only what the text says counts
  local g = assert(nc.gazetteer {
    { id = "person:zorvan-keltish", type = "PERSON", name = "Zorvan Keltish", aliases = { "Zorvan Keltish", "Keltish" } },
    { id = "person:ilsa-varo", type = "PERSON", name = "Ilsa Varo", aliases = { "Ilsa Varo", "Varo" } },
    { id = "person:odo-brask", type = "PERSON", name = "Odo Brask", aliases = { "Odo Brask", "Brask" },
      tag = "President of Freedonia" },
    { id = "person:pell-amar", type = "PERSON", name = "Pell Amar", aliases = { "Pell Amar", "Amar" },
      tag = "Former President of Freedonia" },
    { id = "person:mara-tull", type = "PERSON", name = "Mara Tull", aliases = { "Mara Tull" },
      tag = "Defence Minister of Sylvania" },
    { id = "person:kael-dorn", type = "PERSON", name = "Kael Dorn", aliases = { "Kael Dorn" },
      tag = "President of Neofreedonia" },
    { id = "person:tam-rook", type = "PERSON", name = "Tam Rook", aliases = { "Tam Rook" }, tag = "Envoy2Freedonia" },
    { id = "place:freedonia", type = "PLACE", name = "Freedonia", aliases = { "Freedonia", "Freedonian" } },
    { id = "place:sylvania", type = "PLACE", name = "Sylvania", aliases = { "Sylvania", "Sylvanian" } },
  })
  local lex = ents_mod.lexicon()
  -- who "phrase" (its words; places: the place mentions in it) names in text, at pos
  local function who(text, phrase, pos)
    local m = g.core:mentions(lex, text, false)
    local S, E, W = words(phrase, 1, #phrase)
    local ks = {}
    local at = pos or #text + 1
    for k = 1, #m do
      local a, b, kind = m:span(k)
      local pa = text:find(phrase, 1, true)
      if kind == "PLACE" and pa and a >= pa and b <= pa + #phrase - 1 then ks[#ks + 1] = k end
    end
    local k = m:by_role(classes, W, ks, at)
    if not k then return nil end
    local a, b = m:span(k)
    return text:sub(a, b)
  end

  it("reads a title before the name and an apposition after it", function()
    local t = "Freedonian Foreign Minister Zorvan Keltish met Ilsa Varo, the Sylvanian defence minister, on Monday."
    assert.equal("Zorvan Keltish", who(t, "the foreign minister"))
    assert.equal("Ilsa Varo", who(t, "the defence minister"))
    -- "defense" is "defence"
    assert.equal("Ilsa Varo", who(t, "the defense minister"))
    -- the places among the role words
    assert.equal("Zorvan Keltish", who(t .. " The Freedonian minister said", "The Freedonian minister"))
    assert.is_nil(who(t .. " The Sylvanian foreign minister said", "The Sylvanian foreign minister"))
    -- a nationality in the apposition is the role's place
    assert.equal("Ilsa Varo", who(t .. " The Sylvanian minister said", "The Sylvanian minister"))
    assert.is_nil(who(t .. " The Freedonian defence minister said", "The Freedonian defence minister"))
    assert.is_nil(who(t, "the finance minister"))
    -- a role that is not before or after the name is no one's
    assert.is_nil(who("Zorvan Keltish arrived. A minister said that the minister", "the minister"))
    -- a break between the title and the name
    assert.is_nil(who("the minister, and Zorvan Keltish", "the minister"))
  end)

  it("reads the title back to a break, and the apposition's six words up to punctuation", function()
    -- a possessive goes on ("Freedonia's army's chief"): its place is the role's
    local t = "Freedonia's army's chief Zorvan Keltish spoke."
    assert.equal("Zorvan Keltish", who(t .. " The Freedonian chief said", "The Freedonian chief"))
    -- a word of a mention among the four before the person goes on
    local t2 = "Defence Ilsa Varo Freedonia Sylvania Freedonia minister Zorvan Keltish spoke."
    assert.equal("Zorvan Keltish", who(t2, "the defence minister"))
    -- six words after the comma, not seven
    assert.equal("Ilsa Varo", who("Ilsa Varo, the new acting deputy defence minister, arrived.", "the minister"))
    assert.is_nil(who("Ilsa Varo, the new acting deputy state defence minister, arrived.", "the minister"))
    -- punctuation between the apposition's words ends it
    assert.equal("Ilsa Varo", who("Ilsa Varo, the deputy defence minister, arrived.", "the defence minister"))
    assert.is_nil(who("Ilsa Varo, the deputy: defence minister, arrived.", "the defence minister"))
    assert.is_nil(who("Ilsa Varo, the deputy; defence minister, arrived.", "the defence minister"))
  end)

  it("reads 60 bytes before the name and 70 after it", function()
    -- "Minister" starting 60 bytes before the name, then one byte further
    local before = "Minister" .. (" "):rep(52) .. "Zorvan Keltish spoke."
    assert.equal("Zorvan Keltish", who(before, "the minister", 1))
    assert.is_nil(who(" " .. "Minister" .. (" "):rep(53) .. "Zorvan Keltish spoke.", "the minister", 1))
    -- "minister" ending 70 bytes after the name's last byte, then one further
    local after = "Ilsa Varo, the" .. (" "):rep(57) .. "minister, arrived."
    assert.equal("Ilsa Varo", who(after, "the minister"))
    assert.is_nil(who("Ilsa Varo, the" .. (" "):rep(58) .. "minister, arrived.", "the minister"))
    -- a place after the name: its possessive as the apposition's first word, up to 70 bytes on
    local t = "Minister Ilsa Varo," .. (" "):rep(59) .. "Sylvania's, arrived. The Sylvanian minister said"
    assert.equal("Ilsa Varo", who(t, "The Sylvanian minister"))
    local t2 = "Minister Ilsa Varo," .. (" "):rep(70) .. "Sylvania's, arrived. The Sylvanian minister said"
    assert.is_nil(who(t2, "The Sylvanian minister"))
  end)

  it("takes the latest person before the phrase, else the first after", function()
    local t = "Minister Zorvan Keltish spoke first. Minister Ilsa Varo spoke next."
    assert.equal("Zorvan Keltish", who(t, "the minister", 20))
    assert.equal("Zorvan Keltish", who(t, "the minister", 1))
    assert.equal("Ilsa Varo", who(t, "the minister", #t))
  end)

  it("holds a leader word by any leader word, and reads gazetteer tags after the text", function()
    local t = "President Zorvan Keltish of Sylvania arrived."
    assert.equal("Zorvan Keltish", who(t, "the leader"))
    assert.is_nil(who(t, "the minister"))
    -- Odo Brask's tag is "President of Freedonia"; Pell Amar's says "Former"
    local t2 = "Odo Brask and Pell Amar arrived. The Freedonian leader spoke."
    assert.equal("Odo Brask", who(t2, "The Freedonian leader"))
    assert.equal("Odo Brask", who(t2, "the president"))
    -- "former" lets in a former president (the latest one before)
    assert.equal("Pell Amar", who(t2, "the former president"))
    assert.equal("Pell Amar", who(t2, "the ex president"))
    assert.equal("Odo Brask", who(t2, "the former president", 1))
    -- a tag's words: "defence" for "defense", whole words only, a place after a space
    local t4 = "Mara Tull, Kael Dorn and Tam Rook arrived."
    assert.equal("Mara Tull", who(t4, "the defense minister"))
    assert.equal("Mara Tull", who(t4 .. " The Sylvanian minister said", "The Sylvanian minister"))
    assert.is_nil(who(t4, "the envoy"))
    assert.is_nil(who(t4 .. " The Freedonian president said", "The Freedonian president"))
    assert.equal("Kael Dorn", who(t4, "the president"))
    assert.is_nil(who(t2 .. " The Sylvanian leader left.", "The Sylvanian leader"))
    -- a role in the text comes before any tag
    local t3 = "Odo Brask met President Zorvan Keltish. The president spoke."
    assert.equal("Zorvan Keltish", who(t3, "The president"))
  end)

  it("reads a discovered place's name as its first form in the text", function()
    local g3 = assert(nc.gazetteer {
      { id = "person:odo-brask", type = "PERSON", name = "Odo Brask", aliases = { "Odo Brask" },
        tag = "Governor of Zarnya Province" },
    })
    local function by(t)
      local m = g3.core:mentions(lex, t, true)
      local a = t:find("The Zarnia", 1, true)
      local ks = {}
      for k = 1, #m do
        local x, _, kind = m:span(k)
        if kind == "PLACE" and x > a then ks[#ks + 1] = k end
      end
      assert.equal(1, #ks)
      return m:by_role(classes, { "the", "zarnia", "province", "governor" }, ks, a)
    end
    -- "Zarnia Province" is "Zarnya Province", named so first: the tag holds that name
    assert.equal(1, by("Odo Brask arrived in Zarnya Province on Monday. The Zarnia Province governor spoke."))
    assert.is_nil(by("Odo Brask arrived on Monday. The Zarnia Province governor spoke."))
  end)

  it("reads its word classes from the set it is given", function()
    local t = "President Zorvan Keltish arrived."
    local m = g.core:mentions(lex, t, false)
    assert.equal(1, m:by_role(classes, { "the", "leader" }, {}, 1))
    -- without LEADER, "leader" is held only by "leader"
    local QW, ws = core.QW, core.wordset()
    for w in pairs(ROLE) do ws:add(w, QW.ROLE) end
    assert.is_nil(m:by_role(ws, { "the", "leader" }, {}, 1))
    assert.equal(1, m:by_role(ws, { "the", "president" }, {}, 1))
    assert.equal(1, m:by_role(classes, { "the", "leader" }, {}, 1))
  end)

  it("names no one without a role word, and takes any number of words", function()
    local t = "President Zorvan Keltish arrived."
    local m = g.core:mentions(lex, t, false)
    assert.is_nil(m:by_role(classes, {}, {}, 1))
    assert.is_nil(m:by_role(classes, { "the", "man" }, {}, 1))
    local many = {}
    for i = 1, 300 do many[i] = i % 2 == 0 and "president" or "the" end
    assert.equal(1, m:by_role(classes, many, {}, 1))
    many[300] = "minister"
    assert.is_nil(m:by_role(classes, many, {}, 1))
  end)

  it("raises on misuse and when its gazetteer is closed", function()
    local g2 = assert(nc.gazetteer {
      { id = "person:zorvan-keltish", type = "PERSON", name = "Zorvan Keltish" },
      { id = "place:freedonia", type = "PLACE", name = "Freedonia" },
    })
    local t = "Freedonia President Zorvan Keltish arrived."
    local m = g2.core:mentions(lex, t, false)
    assert.equal(2, #m)
    assert.has_error(function() m:by_role({}, { "president" }, {}, 1) end)
    assert.has_error(function() m:by_role(classes, "president", {}, 1) end)
    assert.has_error(function() m:by_role(classes, { 1 }, {}, 1) end)
    assert.has_error(function() m:by_role(classes, { "president" }, { 2 }, 1) end)   -- not a place
    assert.has_error(function() m:by_role(classes, { "president" }, { 3 }, 1) end)   -- no mention
    assert.has_error(function() m:by_role(classes, { "president" }, {}, "x") end)
    assert.equal(2, m:by_role(classes, { "the", "freedonia", "president" }, { 1 }, 1))
    g2.core:close()
    assert.has_error(function() m:by_role(classes, { "president" }, {}, 1) end)
    m:close()
    assert.has_error(function() m:by_role(classes, { "president" }, {}, 1) end)
  end)
end)
