-- doc:events(), corpus:timeline() and the event rules.
local nc = require "newscorpus"
local events = require "newscorpus.events"
local h = require "helper"

-- The events of a text (offsets checked), and the sorted participant ids of each.
local function EV(text, meta, opts)
  local list = nc.doc(text, meta):events(opts)
  for _, e in ipairs(list) do
    assert.equal(text:sub(e.start, e.stop), e.text)        -- the evidence sentence
    assert.equal(e.cue, text:sub(e.cue_start, e.cue_stop):lower():gsub("%s+", " "))
    for _, p in ipairs(e.parties) do assert.equal(text:sub(p.start, p.stop), p.text) end
    if e.place_start then assert.equal(text:sub(e.place_start, e.place_stop), e.place_text) end
    if e.date_start then assert.equal(text:sub(e.date_start, e.date_stop), e.date_text) end
  end
  return list
end

local function ids(e)
  local t = {}
  for _, id in ipairs(e.participants) do t[#t + 1] = id end
  table.sort(t)
  return table.concat(t, " ")
end

local PA = "person:bashar-al-assad person:vladimir-putin"

describe("doc:events() meetings", function()
  it("reads X met (with) Y, with the place and the date resolved against the publication date", function()
    local list = EV("Syrian President Bashar al-Assad met with Russian President Vladimir Putin in Sochi on Thursday.",
      { date = "2018-05-20" })
    assert.equal(1, #list)
    local e = list[1]
    assert.equal("meeting", e.type)
    assert.equal(PA, ids(e))
    assert.equal("place:RU:sochi", e.place)
    assert.equal("2018-05-17", e.date)
    assert.equal("Thursday", e.date_text)
    assert.equal("met with", e.cue)
  end)

  it("reads X and Y met, and X and Y are meeting", function()
    local list = EV("Vladimir Putin of Russia and Bashar al-Assad of Syria are meeting in Moscow to discuss the alliance.")
    assert.equal(1, #list)
    assert.equal(PA, ids(list[1]))
    assert.equal("place:RU:moscow", list[1].place)
    list = EV("Erdogan and Putin met in Tehran last month.", { date = "2022-08-10" })
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(list[1]))
    assert.equal("2022-07", list[1].date)
  end)

  it("reads a meeting between X and Y, X's meeting with Y, and X held talks with Y", function()
    local e = EV("A meeting between Recep Tayyip Erdogan and Vladimir Putin ended without a deal.")[1]
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(e))
    e = EV("Putin's meeting with Erdogan lasted three hours.")[1]
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(e))
    e = EV("Russian President Vladimir Putin held talks with the Syrian President Bashar al-Assad on Monday.",
      { date = "2021-09-14" })[1]
    assert.equal("talks", e.type)
    assert.equal(PA, ids(e))
    assert.equal("2021-09-13", e.date)
  end)

  it("takes the subject of the sentence for a meeting with Y inside it", function()
    local e = EV("Syrian President Bashar al-Assad hailed Russia's help during a meeting in Damascus on Wednesday "
      .. "with Russian Foreign Minister Sergei Lavrov.")[1]
    assert.equal("person:bashar-al-assad person:sergei-lavrov", ids(e))
    assert.equal("place:SY:damascus", e.place)
  end)

  it("reads hosted and received, the host first", function()
    local e = EV("Turkish President Recep Tayyip Erdogan hosted Vladimir Putin in Ankara.")[1]
    assert.equal("meeting", e.type)
    assert.equal("person:recep-tayyip-erdogan", e.participants[1])
    assert.equal("person:vladimir-putin", e.participants[2])
    e = EV("Assad received Iranian Foreign Minister Javad Zarif in Damascus on Tuesday.")[1]
    assert.equal("person:bashar-al-assad person:javad-zarif", ids(e))
  end)

  it("makes one meeting of travelled to a place to meet someone", function()
    local list = EV("Less than a week ago Assad travelled to Sochi to meet Russian President Vladimir Putin.")
    assert.equal(1, #list)
    assert.equal("meeting", list[1].type)
    assert.equal(PA, ids(list[1]))
    assert.equal("place:RU:sochi", list[1].place)
  end)

  it("reads phone calls", function()
    local e = EV("Putin spoke by phone with Turkish President Recep Tayyip Erdogan on Friday.")[1]
    assert.equal("call", e.type)
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(e))
    e = EV("Erdogan held a phone call with Putin to discuss the grain deal.")[1]
    assert.equal("call", e.type)
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(e))
  end)

  it("reads visits: a party and the place", function()
    local e = EV("Netanyahu visited Moscow in January.", { date = "2020-02-01" })[1]
    assert.equal("visit", e.type)
    assert.equal("person:benjamin-netanyahu", ids(e))
    assert.equal("place:RU:moscow", e.place)
    assert.equal("2020-01", e.date)
  end)
end)

describe("doc:events() roles and places", function()
  it("resolves a role to the person the document names with it", function()
    local text = "Syrian President Bashar al-Assad met with Russia's defence minister Tuesday. "
      .. "For his part, Russian Defence Minister Sergei Shoigu said his country would continue its support."
    local e = EV(text, { date = "2019-03-20" })[1]
    assert.equal("person:bashar-al-assad person:sergei-shoigu", ids(e))
    assert.equal("2019-03-19", e.date)
  end)

  it("resolves a role the text never gives through the gazetteer's description, not a former holder", function()
    local e = EV("Putin welcomed the Syrian leader to Sochi. Assad thanked him. Medvedev was not there.")[1]
    assert.equal(PA, ids(e))
    e = EV("Dmitry Medvedev spoke in the Duma. Assad met the Russian president in Moscow. Putin smiled.")[1]
    assert.equal(PA, ids(e))
  end)

  it("keeps a role no name resolves as a party without an id", function()
    local e = EV("On Wednesday, the Russian envoy to Syria was in Damascus to meet Assad.")[1]
    assert.equal("person:bashar-al-assad", ids(e))
    assert.equal(2, #e.parties)
    assert.equal("the Russian envoy", e.parties[1].text)
    assert.is_nil(e.parties[1].id)
    assert.equal("place:SY:damascus", e.place)
  end)

  it("follows the two men and they to the parties of the event before", function()
    local list = EV("Putin met Assad on Monday. The Kremlin said the comments came during a meeting of the two men "
      .. "in the Russian capital. It was the first since they held a summit in the Syrian capital in January last year.",
      { date = "2021-09-14" })
    assert.equal(3, #list)
    assert.equal(PA, ids(list[2]))
    assert.equal("place:RU:moscow", list[2].place)        -- the Russian capital
    assert.equal(PA, ids(list[3]))
    assert.equal("place:SY:damascus", list[3].place)
    assert.equal("2020-01", list[3].date)
  end)

  it("takes the city of a Black Sea resort phrase, and keeps a place or date of another clause out", function()
    local e = EV("The meeting comes less than a week after Assad met Putin at Russia's Black Sea resort of Sochi.")[1]
    assert.equal("place:RU:sochi", e.place)
    local list = EV("Monday's meeting between Putin and Assad was the first since they held a meeting in Damascus "
      .. "in January last year.", { date = "2021-09-15" })
    assert.equal(2, #list)
    assert.is_nil(list[1].place)
    assert.equal("2021-09-13", list[1].date)
    assert.equal("place:SY:damascus", list[2].place)
    assert.equal("2020-01", list[2].date)
    e = EV("Putin held talks with Assad saying foreign forces deployed in Syria hinder peace.")[1]
    assert.is_nil(e.place)
  end)

  it("takes the pronoun's person from the start of its sentence", function()
    local e = EV("Putin swipes at Biden as he hosts Bashar al-Assad.")[1]
    assert.equal(PA, ids(e))
  end)

  it("takes a pronoun opening a sentence for the subject of the sentence before", function()
    local e = EV("Erdogan said he had talked about it with Biden. He travelled to Sochi to meet Putin.")[1]
    assert.equal("person:recep-tayyip-erdogan person:vladimir-putin", ids(e))
    assert.equal("place:RU:sochi", e.place)
  end)

  it("keeps a name that modifies a noun, a group, and the subject of another clause out", function()
    for _, text in ipairs {
      "Erdogan said he spoke with Syrian Arab Red Crescent paramedics who told him about the bodies.",
      "Peskov said that Lavrov was meeting with other senior officials in Geneva.",
      "One of Assad's top aides visited Cairo on Sunday.",
      "The aid convoy hit in Aleppo had travelled to Idlib from the Turkish border.",
    } do
      local list = EV(text)
      assert.equal(0, #list, text .. " -> " .. (list[1] and list[1].cue or ""))
    end
  end)

  it("reads names parted by no-break spaces", function()
    local e = EV("The meeting came after\194\160Assad\194\160met Putin at Sochi.")[1]
    assert.equal(PA, ids(e))
  end)
end)

describe("doc:events() negatives", function()
  it("finds no event where nobody meets anybody", function()
    for _, text in ipairs {
      "The government has failed to meet the demands of the protesters.",
      "The plan does not meet the criteria set by the United Nations.",
      "Assad received a letter from the ministry on Tuesday.",
      "The meeting was lengthy and did not produce a statement.",
      "Putin welcomed the decision of the court.",
      "The visit was postponed because of the weather.",
      "\"I am delighted to meet you in Moscow,\" Assad told Putin.",
      "The latest round of Syria peace talks in the Kazakh capital Astana wrapped up on Tuesday.",
      "Analysts said the talks would resume in the spring.",
      "She will meet expectations.",
    } do
      local list = EV(text)
      assert.equal(0, #list, text .. " -> " .. (list[1] and list[1].cue or ""))
    end
  end)

  it("never fails on hostile input", function()
    for _, text in ipairs { "", "met", "\0met\0with\0", "Assad met \255\254 Putin", ("Putin met Assad. "):rep(2000),
        "and and and met with with with", "\226\128\156met\226\128\157" } do
      local ok, list = pcall(function() return nc.doc(text):events() end)
      assert.is_true(ok, list)
      assert.equal("table", type(list))
    end
  end)
end)

describe("doc:events() options and rules", function()
  it("filters by type and checks its arguments", function()
    local text = "Putin met Assad in Moscow. Erdogan spoke by phone with Putin."
    assert.equal(1, #nc.doc(text):events { type = "call" })
    assert.has_error(function() nc.doc(text):events("call") end)
    assert.has_error(function() nc.doc(text):events { type = 3 } end)
    assert.has_error(function() nc.doc(text):events { rules = {} } end)
  end)

  it("takes rules of the user's own types, with the parties read by their form", function()
    local r = nc.rules { { label = "agreement.verb", pattern = [[\bsigned\s+(?:an?\s+)?(?:\w+\s+)?(?:deal|agreement)\s+with\b]],
      caseless = true } }
    local list = EV("On Friday Ukraine signed a grain deal with Russia in Istanbul.", nil, { rules = r })
    assert.equal(1, #list)
    assert.equal("agreement", list[1].type)
    assert.equal("place:RU place:UA", ids(list[1]))
    -- with the bundled cues, or alone
    local text = "Ukraine and Russia signed a deal in Istanbul. Putin met Erdogan in Sochi."
    assert.equal(2, #nc.doc(text):events { rules = nc.rules { { label = "agreement.verb", pattern = [[\bsigned\b]] } } })
    assert.equal(1, #nc.doc(text):events { rules = nc.rules { { label = "agreement.verb", pattern = [[\bsigned\b]] } },
      bundled = false })
    local bad = nc.rules { { label = "agreement", pattern = "signed" } }
    assert.has_error(function() nc.doc("Turkey signed it."):events { rules = bad } end)
  end)

  it("lists the bundled cue types", function()
    local types = {}
    for _, f in pairs(events.cues().labels) do types[f:match("^(%w+)")] = true end
    assert.is_true(types.meeting and types.talks and types.call and types.visit)
  end)
end)

describe("the seeds", function()
  local corpus = nc.load("seeds")
  it("give every meeting the articles report, with parties and places", function()
    local by = {}
    for doc, e in corpus:events():each() do
      by[doc.id] = by[doc.id] or {}
      table.insert(by[doc.id], e)
    end
    -- 000: the envoy in Damascus, the Sochi meeting twice
    local d0 = by["000_054e6d9ce493268d"]
    local sochi = 0
    for _, e in ipairs(d0) do if e.place == "place:RU:sochi" and ids(e) == PA then sochi = sochi + 1 end end
    assert.equal(2, sochi)
    -- 002: Assad and Shoigu, and the chiefs of staff of three countries
    local d2 = by["002_9b577226884e7e40"]
    assert.equal("person:bashar-al-assad person:sergei-shoigu", ids(d2[1]))
    assert.equal("2019-03-19", d2[1].date)
    assert.equal("place:IQ place:IR place:SY", ids(d2[#d2]))
    -- 003: Sochi
    assert.equal("place:RU:sochi", by["003_67d736f8cbbca4ec"][#by["003_67d736f8cbbca4ec"]].place)
  end)

  it("make a timeline of Assad's meetings with Russian officials, merged across articles", function()
    local tl = corpus:timeline()
    local function find_ev(pred)
      for _, ev in ipairs(tl) do if pred(ev) then return ev end end
    end
    local function has(ev, id)
      for _, x in ipairs(ev.participants) do if x == id then return true end end
    end
    local sochi = find_ev(function(ev) return ev.place == "place:RU:sochi" end)
    assert.equal(3, sochi.docs)                       -- 000, 001 (2018) and 003
    assert.equal("2018", sochi.date)
    local moscow = find_ev(function(ev) return ev.date == "2021-09-13" end)
    assert.equal("place:RU:moscow", moscow.place)
    assert.equal(2, moscow.docs)                      -- 001 and 004
    local jan = find_ev(function(ev) return ev.date == "2020-01" end)
    assert.equal("place:SY:damascus", jan.place)
    assert.equal(2, jan.docs)
    local shoigu = find_ev(function(ev) return has(ev, "person:sergei-shoigu") end)
    assert.equal("2019-03-19", shoigu.date)
    -- by date (an event known only by its publication at that date), undated last
    local last, undated = "", false
    for _, ev in ipairs(tl) do
      local key = ev.approx and ev.last or ev.first
      if key then
        assert.is_false(undated)
        assert.truthy(key >= last)
        last = key
      else
        undated = true
      end
    end
    assert.is_true(undated)                            -- the envoy in Damascus: 000 has no date
  end)
end)

describe("events.timeline()", function()
  local function rec(doc, parties, place, date, published)
    local ps = {}
    for i, id in ipairs(parties) do ps[i] = { id = id, name = id, text = id } end
    return { doc = doc, type = "meeting", parties = ps, participants = parties, place = place, date = date,
      published = published, start = 1, stop = 2, text = "x" }
  end
  it("merges one meeting reported with a city and with its country, not two places or two dates", function()
    local tl = events.timeline {
      rec("a", { "p:1", "p:2" }, "place:RU:sochi", "2018-05-17"),
      rec("b", { "p:2", "p:1" }, "place:RU", nil, "2018-05-20"),
      rec("c", { "p:1", "p:2" }, "place:SY:damascus", "2018-05-17"),
      rec("d", { "p:1", "p:2" }, "place:RU:sochi", "2017-11-20"),
      rec("e", { "p:1", "p:3" }, "place:RU:sochi", "2018-05-17"),
    }
    assert.equal(4, #tl)
    assert.equal("2017-11-20", tl[1].date)
    local merged
    for _, ev in ipairs(tl) do if ev.docs == 2 then merged = ev end end
    assert.equal("place:RU:sochi", merged.place)
    assert.equal("2018-05-17", merged.date)
    assert.equal(1, #events.timeline({ rec("a", { "p:1", "p:2" }), rec("b", { "p:1", "p:2" }) }, { min_docs = 2 }))
  end)
end)

describe("newscorpus events / timeline", function()
  it("prints events and the timeline, as a table and as JSON", function()
    local out, _, st = h.cli("events seeds/002_9b577226884e7e40.txt")
    assert.equal(0, st)
    assert.truthy(out:find("Sergei Shoigu", 1, true))
    out, _, st = h.cli("events --json --with person:sergei-shoigu")
    assert.equal(0, st)
    local n = 0
    for line in out:gmatch("[^\n]+") do
      n = n + 1
      assert.truthy(line:find('"person:sergei-shoigu"', 1, true))
    end
    assert.truthy(n >= 2)
    out, _, st = h.cli("timeline --min-docs 2")
    assert.equal(0, st)
    assert.truthy(out:find("Sochi · 3 documents", 1, true))
    assert.falsy(out:find("1 document\n", 1, true))
    out, _, st = h.cli("timeline --json")
    assert.equal(0, st)
    assert.truthy(out:find('"date":"2021-09-13"', 1, true))
    local dir = h.tmpdir()
    local rules = h.write(dir .. "/agreements.txt", "agreement.verb\ti\t\\bsigned\\b\n")
    out, _, st = h.cli("events --json --type agreement --rules " .. rules .. " -",
      "Ukraine and Russia signed a deal in Istanbul. Putin met Erdogan in Sochi.")
    assert.equal(0, st)
    assert.truthy(out:find('"type":"agreement"', 1, true))
    assert.truthy(out:find('"place:UA"', 1, true))
    assert.falsy(out:find('"meeting"', 1, true))
    h.write(rules, "agreement\ti\tsigned\n")
    local _, err2, st2 = h.cli("events --rules " .. rules .. " -", "x")
    assert.equal(2, st2)
    assert.truthy(err2:find("TYPE.FORM", 1, true))
    os.execute("rm -rf '" .. dir .. "'")
    out, _, st = h.cli("report")
    assert.equal(0, st)
    assert.truthy(out:find("TIMELINE", 1, true))
    assert.truthy(out:find("2021-09-13 · meeting · Vladimir Putin, Bashar al-Assad · Moscow · 2 documents", 1, true))
    local _, err
    _, err, st = h.cli("timeline --min-docs x")
    assert.equal(2, st)
    assert.truthy(err:find("min-docs", 1, true))
  end)
end)

describe("examples/timeline.lua", function()
  it("prints the seeds' timeline and the pair that met most", function()
    local p = io.popen(h.lua .. " examples/timeline.lua 2>&1")
    local out = p:read("*a")
    p:close()
    assert.truthy(out:find("2021-09-13 meeting  Moscow", 1, true), out)
    assert.truthy(out:find("3\tperson:bashar-al-assad person:vladimir-putin", 1, true), out)
  end)
end)
