--- Entity mentions of a document: gazetteer matches (C), names the gazetteer
-- does not hold (discovery from capitalisation, titles, roles, cue verbs and
-- first names), and resolution of later short forms to the full name.
--
-- Each mention: {start, stop, text, id, name, type, source, tag}; `source` is
-- "gazetteer" or "discovered". Discovered entities get the id
-- "discovered:<type>:<name key>", so the same name (or a transliteration
-- variant of it) has one id across a corpus.
-- @module newscorpus.entities
local core = require "newscorpus.core"
local data = require "newscorpus.data"
local gazetteer = require "newscorpus.gazetteer"

local M = {}

local MONTHS = [[january february march april may june july august september october
  november december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
  thursday friday saturday sunday]]
-- words that introduce a person: titles, offices, roles (lower case)
local TITLES = [[mr mrs ms miss dr prof president vice prime minister ministers deputy foreign
  defence defense interior finance justice health economy secretary general gen lt col colonel
  major captain commander chief lieutenant brigadier sergeant corporal admiral marshal commodore chairman chairwoman chair head leader king queen prince princess
  sheikh sheik emir crown ayatollah imam pope cardinal bishop rabbi sen senator rep representative
  governor mayor ambassador envoy spokesman spokeswoman spokesperson adviser advisor advisers
  director judge lawyer attorney officer official analyst journalist reporter correspondent
  editor professor researcher activist commentator sir lord lady saint st counterpart special
  top senior assistant undersecretary under-secretary coordinator negotiator delegate biologist
  scientist economist historian author founder co-founder owner columnist interviewee
  photographer producer singer actor actress director-general sgt gov supt insp ceo cfo coo cto
  chancellor presiding executive]]
local ORG_END = [[ministry council party front agency army forces force committee
  organisation organization union movement group brigade brigades corps bank university
  institute foundation association commission court company corporation inc ltd llc plc co corp
  news times post network office department police authority parliament assembly government
  coalition alliance observatory centre center command guard guards battalion division regiment
  militia airlines airways bureau federation league service services society tribunal magazine
  paper press journal herald gazette tribune review telegraph guardian daily radio television tv
  channel college academy school museum hospital clinic church club team fc studio studios
  records labs laboratory laboratories systems technologies industries holdings motors partners
  fund trust networks board senate congress administration secretariat cabinet]]
local ORG_START = [[ministry university bank department office council institute college centre center
  academy school museum court board bureau commission committee federation league]]
local PLACE_END = [[city province governorate district region county street square valley
  mountains mountain river sea island islands airport base border crossing camp countryside
  village town gate bay lake desert plain plains heights basin peninsula coast gulf strait canal
  hills hill ocean road avenue station shelf glacier forest oasis]]
local PLACE_BEFORE = [[city town village province governorate region district countryside
  suburb suburbs neighbourhood neighborhood area]]
local CUE = [[said says told added stressed insisted noted warned explained announced
  stated wrote tweeted declared claimed asked replied continued confirmed urged according
  agreed proposed commented remarked observed argued acknowledged admitted denied suggested
  recalled responded insists believes thinks writes adds notes explains tells]]
-- connectors: at most four letters (CONNMAX in src/nc_ents.c)
local CONNECT = [[al el bin ibn abu abd de del der van von da di la le du bint ul ben]]
local ORG_CONNECT = [[of for the and on de]]
-- words of events and things, and of faiths and peoples: a capitalised run ending in
-- one names none of our three types ("Vietnam War", "Cyclone Phailin", "Sunni Arab"),
-- and no person's name holds one
local NOTPERSON = [[war wars cyclone hurricane typhoon storm tornado earthquake games olympics
  paralympics olympic paralympic cup championship championships tournament festival award awards
  prize day week summit conference agreement accord treaty act law bill protocol initiative
  plan programme program project index revolution crisis uprising convention syndrome disease
  virus flu fever doctrine report declaration resolution operation
  arab arabs kurdish kurd kurds sunni sunnis shia shiite shiites alawite alawites druze
  christian christians muslim muslims jewish jew jews islamist islamists jihadist jihadists
  yazidi yazidis turkmen assyrian assyrians armenian armenians circassian bedouin salafist
  salafists wahhabi catholic catholics protestant orthodox coptic copts ismaili]]
local ADVERB = [[also then later previously once still now recently reportedly further again
  immediately quickly publicly repeatedly]]
-- directions before a place ("West Aleppo", "North Waziristan"): never a given name
local COMPASS = [[north south east west northern southern eastern western central northeast
  northwest southeast southwest northeastern northwestern southeastern southwestern upper lower
  greater inner outer]]
local PRONOUN_LIKE = [[i i'm i've i'll i'd ok okay a an the]]

local lexicon        -- built on first use
local function lex()
  if lexicon then return lexicon end
  local L = core.LEX
  local ws = core.wordset()
  local function words(list, bit)
    for w in list:gmatch("%S+") do ws:add(w, bit) end
  end
  local function file(name, bit)
    local f = assert(io.open(data.path(name), "rb"))
    ws:add_lines(f:read("*a"), bit)
    f:close()
  end
  file("common-words.txt", L.COMMON)
  file("english-words.txt", L.ENGLISH)
  file("first-names.txt", L.FIRST)
  file("first-names-moby.txt", L.FIRST)
  words(PRONOUN_LIKE, L.COMMON)
  words(MONTHS, L.MONTH)
  words(TITLES, L.TITLE)
  words(ORG_END, L.ORG_END)
  words(ORG_START, L.ORG_START)
  words(PLACE_END, L.PLACE_END)
  words(PLACE_BEFORE, L.PLACE_BEFORE)
  words(CUE, L.CUE)
  words(CONNECT, L.CONNECT)
  words(ORG_CONNECT, L.ORG_CONNECT)
  words(NOTPERSON, L.NOTPERSON)
  words(ADVERB, L.ADVERB)
  words(COMPASS, L.COMPASS)
  lexicon = ws
  return ws
end
M.lexicon = lex

-- One C pass over the document; out: nil (a list of mention tables), a
-- function (called per mention) or a table-rows spec.
local function run(doc, opts, out)
  opts = opts or {}
  local gz = opts.gazetteer or gazetteer.default()
  return gz.core:entities(lex(), doc.text, opts.discover ~= false, opts.type, out)
end

--- Entities of a document.
-- @param doc Document
-- @tparam[opt] table opts `gazetteer` (a Gazetteer; default: the bundled one),
-- `discover` (default true), `type` (keep only this type)
-- @return list of mentions in text order
function M.entities(doc, opts) return (run(doc, opts)) end

-- The mentions of M.entities(doc) from one pass, without a table each (a
-- Mentions object of src/nc_lua.c: m:get(k) makes a table of the k-th mention,
-- a new one each call, m:all() the list; m:span(k), m:first_at(pos),
-- m:indices(kind [, tagged]) and m:packed() read positions and kinds in C, and
-- m:by_role(classes, words, places, pos) the person a role phrase names: see
-- src/nc_roles.c). Default options only. @return Mentions, or nil and a message
function M._mentions(doc)
  return gazetteer.default().core:mentions(lex(), doc.text, true)
end

--- Entities of a document without a table per mention: fn(start, stop, id,
-- name, type, source, tag) is called for each, in text order.
-- @return the number of calls
function M.each_entity(doc, fn, opts) return run(doc, opts, fn) end

--- Count the entities of a document into a tally (core.tally(); the counts of
-- corpus:entities():count(), kept in C: no Lua value per mention). The
-- document is one more in the tally's `docs`. @return the number counted
function M.tally(doc, t, opts) return run(doc, opts, t) end

--- Entities of a document as aligned table rows, built in C (the CLI's fast
-- path): spec {prefix = s, num = w}; returns the rows string, the number of
-- rows and the id column's width (the longest id, at most 60). With spec
-- {json = doc_id}: JSON Lines instead, one object per mention with doc, start,
-- stop, text, id, name, type and source, strings repaired to valid UTF-8. See
-- l_gaz_entities in src/nc_lua.c.
function M.rows(doc, spec, opts) return run(doc, opts, spec) end

return M
