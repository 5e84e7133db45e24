--- Quotations and reported speech, with their speakers.
--
-- doc:quotes() lists, in text order:
--   direct    a quotation in marks ("…", “…”, «…», ‘…’ in headlines), also one
--             that runs over several paragraphs (a paragraph that opens a quote
--             without closing it, continued by the next paragraph's opening mark)
--   partial   a quoted fragment inside a sentence of reported speech
--             (described the sanctions as “anti-human”)
--   indirect  reported speech without marks (Putin said the terrorists have …)
-- Each: {start, stop, text, kind, speaker, speaker_id, speaker_text,
-- speaker_start, speaker_stop, cue, closed}. start..stop is the quoted text
-- without its marks (and without the comma that ends it before its attribution);
-- `speaker` is the canonical name when the speaker resolves to an entity (then
-- `speaker_id` is its id) or the words of the text otherwise; `speaker_text` is
-- what the text says (“he”, “the Russian president”, “Mr Putin”) at
-- speaker_start..speaker_stop; `cue` the attributing word, lower case ("said",
-- "told", "according to"; nil when the speaker is carried over from the quote
-- before, as a paragraph that only holds a quote continues its speaker).
-- `closed` is false for a quote whose closing mark never came (it then ends
-- with its paragraph): an odd number of marks is never an error.
-- A short quote (three words at most) that no cue attributes is a scare quote
-- (the so-called “moderate” rebels) and is left out unless opts.scare is true.
-- @module newscorpus.quotes
local rules_mod = require "newscorpus.rules"
local data = require "newscorpus.data"

local byte, sub, find, lower, gsub, gmatch, match = string.byte, string.sub, string.find, string.lower,
  string.gsub, string.gmatch, string.match

local M = {}

-- ---- shared phrase helpers (newscorpus.phrases) --------------------------

local phrases = require "newscorpus.phrases"
local set, words, first_at, span_index, by_role, not_blank = phrases.set, phrases.words, phrases.first_at,
  phrases.span_index, phrases.by_role, phrases.not_blank
local PRONOUN, PERSON_PRONOUN, BREAK, ADVERB, AUX, HEARERS = phrases.PRONOUN, phrases.PERSON_PRONOUN,
  phrases.BREAK, phrases.ADVERB, phrases.AUX, phrases.HEARERS
local ROLE, ORG_HEAD = phrases.ROLE, phrases.ORG_HEAD

-- ---- the cue rule set (data/rules/speech.txt) -------------------------------

local cue_set

--- The bundled speech cues, compiled once per Lua state.
function M.cues()
  if not cue_set then
    local s, err = rules_mod.new { file = data.path("rules/speech.txt") }
    if not s then error("newscorpus: " .. err, 0) end
    cue_set = s
  end
  return cue_set
end

local marks = require "newscorpus.quotemarks"
local paragraphs, pair = marks.paragraphs, marks.pair

local function is_speaker_type(e) return e.type == "PERSON" or e.type == "ORG" end

-- ---- the document context ----------------------------------------------------
-- ctx: text, cues, cue_at, paras, ents, ent_at, sents, quotes, and what was
-- last said (prev, prev_para, prev_end, last_speaker)

local function in_quote(ctx, pos)
  for _, q in ipairs(ctx.quotes) do
    if pos >= q.a and pos <= q.b then return true end
    if q.a > pos then break end
  end
  return false
end


-- The person "he"/"she" at pos refers to: the speaker of the last quote within
-- 600 bytes when a person, else the first person of the sentence before, else
-- the last person named before pos outside quotes.
local function antecedent(ctx, pos, want_person)
  local last = ctx.last_speaker
  -- a speaker the gazetteer does not know, named in capitals ("Yvette Cooper")
  local named = last and last.type == "TEXT" and not find(" " .. last.item.speaker_text, "%s[%l]") and
    not find(last.item.speaker_text, "^The ") and not find(last.item.speaker_text, "^An? ")
  if last and pos - last.at < 600 and (want_person and (last.type == "PERSON" or named) or
      not want_person and last.type ~= "PERSON") then
    if last.e then return last.e end
    local it = last.item
    return { name = it.speaker, id = it.speaker_id, type = it.speaker_type }
  end
  local ents = ctx.ents
  local k = first_at(ents, pos) - 1
  while k >= 1 do
    local e = ents[k]
    if (want_person and e.type == "PERSON") or (not want_person and e.type == "ORG") then
      if not in_quote(ctx, e.start) then return e end
    end
    k = k - 1
  end
  return nil
end

-- "the agency", "the TV": the last organisation named with that word in or
-- right before its name ("state news agency SANA", "Syrian TV").
local function by_head(ctx, head, pos)
  local text, ents = ctx.text, ctx.ents
  local k = first_at(ents, pos) - 1
  while k >= 1 do
    local e = ents[k]
    if e.type == "ORG" then
      local around = lower(sub(text, math.max(1, e.start - 30), e.stop))
      if find(around, "%f[%w]" .. head .. "%f[^%w]") then return e end
    end
    k = k - 1
  end
  return nil
end

-- Resolve the speaker phrase text[a..b]: a PERSON or ORG mention in it (the
-- first person not governed by "for/of", else the first organisation), a
-- pronoun, or a role; sets the speaker fields of item.
local function resolve(ctx, item, a, b)
  local text, ents = ctx.text, ctx.ents
  item.speaker_start, item.speaker_stop = a, b
  item.speaker_text = sub(text, a, b)
  local S, E, W = words(text, a, b)
  local person, org, place, places = nil, nil, nil, {}
  local k = first_at(ents, a)
  while ents[k] and ents[k].start <= b do
    local e = ents[k]
    if e.stop <= b then
      local before = match(sub(text, a, e.start - 1), "(%a+)%s*$")
      local governed = before and (lower(before) == "for" or lower(before) == "of")
      if e.type == "PERSON" and not person and not governed then person = e
      elseif e.type == "ORG" and not org then org = e
      elseif e.type == "PLACE" then places[e.id] = true place = place or e end
    end
    k = k + 1
  end
  -- an organisation names the speaker when the phrase ends with it or with a
  -- role ("the Kremlin", "a Kremlin spokesman"), not when another noun heads the
  -- phrase ("Hezbollah's television station al-Manar")
  local org_ok = org and (org.stop >= E[#E] - 1 or ROLE[W[#W]])
  local e = person or (org_ok and org)
  if not e and #W == 1 and PRONOUN[W[1]] then
    if PERSON_PRONOUN[W[1]] then e = antecedent(ctx, a, true)
    elseif W[1] == "it" then e = antecedent(ctx, a, false) end
  end
  if not e then e = by_role(ctx, W, places, a) end
  -- a country that speaks ("Russia said", "the United States said")
  if not e and place and place.stop >= E[#E] and (place.start == S[1] or (W[1] == "the" and place.start == S[2])) then
    e = place
  end
  if not e and (W[1] == "the" or W[1] == "a") and #W <= 4 and ORG_HEAD[W[#W]] then e = by_head(ctx, W[#W], a) end

  if e then
    item.speaker, item.speaker_id, item.speaker_type = e.name, e.id, e.type
    ctx.last_speaker = { e = e, at = b, type = e.type }
  else
    item.speaker = item.speaker_text
    if not PRONOUN[W[1] or ""] then ctx.last_speaker = { at = b, type = "TEXT", item = item } end
  end
end

-- The speaker phrase ending right before position pos (a cue): the words back
-- to a break (punctuation but the comma of an apposition, a clause word, the
-- start of the region lo), at most 10 words. Returns a, b or nil.
local function is_break(ctx, S, W, i)
  return BREAK[W[i]] and not PRONOUN[W[i]] and not ctx.ent_at[S[i]] and
    not find(sub(ctx.text, S[i], S[i] + 1), "^%u%u")      -- WHO, AND: acronyms
end

local phrase_before_in

-- prepositions of place, and the heads of unnamed sources that stand before them
local PLACE_PREP = set "in at inside near outside across around"
local SOURCE = set [[source sources activist activists resident residents witness witnesses
  official officials doctor doctors medic medics nurse nurses correspondent correspondents
  reporter reporters journalist journalists spokesman spokeswoman spokesperson commander
  commanders officer officers diplomat diplomats observer observers analyst analysts monitor
  monitors rescuer rescuers volunteer volunteers paramedic paramedics worker workers people
  locals villagers citizens refugees survivors man woman men women fighter fighters rebel rebels]]
local DETERMINER = set "the a an this that these those his her their its our"

-- the person or organisation that ends at text[b], or nil
local function speaker_ending(ctx, b)
  local ents = ctx.ents
  local k = first_at(ents, b - 80)
  while ents[k] and ents[k].start <= b do
    if ents[k].stop == b and is_speaker_type(ents[k]) then return ents[k] end
    k = k + 1
  end
  return nil
end

-- whether text[a..b] holds a person or an organisation
local function speaker_in(ctx, a, b)
  local ents = ctx.ents
  local k = first_at(ents, a)
  while ents[k] and ents[k].start <= b do
    if ents[k].stop <= b and is_speaker_type(ents[k]) then return true end
    k = k + 1
  end
  return false
end

-- "Activists in the town said", "a medical source in Aleppo said", "residents
-- contacted in the city say": the source named before the place W[first..last]
-- (after a preposition of place at first - 1) is the speaker: a, b and whether the
-- phrase starts at the first word, or nil. Only a place of a few words without
-- digits; a source in an organisation or of a person ("a military source at the
-- Free Syrian Army") stays theirs.
local function source_before(ctx, S, E, W, first, last)
  local text = ctx.text
  if first <= 2 or last - first >= 4 or find(sub(text, S[first], E[last]), "%d") or
     not_blank(text, E[first - 2] + 1, S[first - 1] - 1) or speaker_in(ctx, S[first], E[last]) then
    return nil
  end
  local h = first - 2
  if match(W[h], "ed$") and h > 1 and SOURCE[W[h - 1]] and not not_blank(text, E[h - 1] + 1, S[h] - 1) then
    h = h - 1
  end
  if not SOURCE[W[h]] or ctx.ent_at[S[h]] or W[h - 1] == "of" then return nil end
  -- back over the words of its noun phrase: lower case ones and a determiner
  -- (no number), or the organisation whose source it is ("SANA reporter")
  local f = h
  while f > 1 and h - f < 3 and not not_blank(text, E[f - 1] + 1, S[f] - 1) and
        not is_break(ctx, S, W, f - 1) and W[f - 1] ~= "of" do
    local org = speaker_ending(ctx, E[f - 1])
    if org then
      while f > 1 and S[f - 1] >= org.start do f = f - 1 end
      break
    end
    if not DETERMINER[W[f - 1]] and find(sub(text, S[f - 1], E[f - 1]), "[%u%d]") then break end
    f = f - 1
    if DETERMINER[W[f]] then break end
  end
  return S[f], E[h], f == 1
end

-- Most phrases are a few words: read 60 bytes back first, all of 240 (14 words
-- with an apposition) only when the phrase reaches the start of that window.
local function phrase_before(ctx, lo, pos)
  if lo < pos - 240 then lo = pos - 240 end
  if lo < pos - 60 then
    local a, b, first = phrase_before_in(ctx, pos - 60, pos)
    if a and not first then return a, b end
    if not a and first == false then return nil end
  end
  local a, b = phrase_before_in(ctx, lo, pos)
  return a, b
end

-- phrase_before over text[lo..pos-1]; the third result says whether the
-- phrase (or the walk that found none) reached the first word of the window.
phrase_before_in = function(ctx, lo, pos)
  local text = ctx.text
  local S, E, W = words(text, lo, pos - 1)
  local j = #W
  if j == 0 then return nil, true end
  -- between the phrase and the cue: adverbs and auxiliaries ("also said", "has
  -- insisted"), or the comma closing an apposition ("Peskov, the Kremlin
  -- spokesman, said"; "Khaled Al-Maeena, editor at large at the Saudi Gazette, said")
  while j >= 1 and (ADVERB[W[j]] or AUX[W[j]]) and not ctx.ent_at[S[j]] and
        not not_blank(text, E[j] + 1, (S[j + 1] or pos) - 1) do
    j = j - 1
  end
  if j == 0 then return nil, true end
  local gap = sub(text, E[j] + 1, (S[j + 1] or pos) - 1)
  local last = j
  if find(gap, "^%s*,%s*$") then
    -- back to the comma that opens the apposition, then the name before it
    local c = j
    while c > 1 and last - c < 12 and not find(sub(text, E[c - 1] + 1, S[c] - 1), ",") do c = c - 1 end
    if c <= 1 then return nil, true end
    if not find(sub(text, E[c - 1] + 1, S[c] - 1), "^%s*,%s*$") then return nil, false end
    local first = c - 1
    while first > 1 and c - first < 6 and not not_blank(text, E[first - 1] + 1, S[first] - 1)
          and not is_break(ctx, S, W, first - 1) do
      first = first - 1
    end
    if is_break(ctx, S, W, first) then return nil, false end
    return S[first], E[last], first == 1
  elseif find(gap, "[^%s\194\160]") then return nil, false end
  if is_break(ctx, S, W, last) then return nil, false end
  local first = last
  while first > 1 and last - first < 13 do
    if not_blank(text, E[first - 1] + 1, S[first] - 1) then break end
    if is_break(ctx, S, W, first - 1) then
      local w = W[first - 1]
      -- "Activists in the town said": the source before the place (source_before)
      if PLACE_PREP[w] then
        local a, b, at_first = source_before(ctx, S, E, W, first, last)
        if a then return a, b, at_first end
      end
      -- "the coalition which launched ... said", "a military source who said":
      -- the speaker stands before the relative pronoun; not when a name or a
      -- determiner follows it, which is then the subject ("which Washington said")
      if (w == "which" or w == "who") and first > 2 and not ctx.relative and
         not (DETERMINER[W[first]] or find(sub(text, S[first], S[first]), "%u")) then
        local k = first_at(ctx.ents, S[first])
        local named = ctx.ents[k] and ctx.ents[k].start <= E[last] and is_speaker_type(ctx.ents[k])
        if not named then
          ctx.relative = true
          local a, b = phrase_before(ctx, lo, S[first - 1])
          ctx.relative = nil
          if a then return a, b, false end
        end
      end
      break
    end
    first = first - 1
  end
  return S[first], E[last], first == 1
end

-- The speaker phrase starting at or after pos: up to punctuation or a clause
-- word, at most 10 words. Returns a, b or nil.
local function phrase_after(ctx, pos, hi)
  local text = ctx.text
  if hi > pos + 200 then hi = pos + 200 end
  local S, E, W = words(text, pos, hi)
  if #W == 0 or not_blank(text, pos, S[1] - 1) then return nil end
  local last = 1
  if is_break(ctx, S, W, 1) then return nil end
  while last < #W and last < 14 do
    if not_blank(text, E[last] + 1, S[last + 1] - 1) then break end
    local w = W[last + 1]
    if (BREAK[w] or ADVERB[w] or AUX[w] or ctx.cue_at[S[last + 1]]) and not ctx.ent_at[S[last + 1]] then break end
    last = last + 1
  end
  -- a name ends the phrase ("Russian President Vladimir Putin held talks"):
  -- cut after the first person or organisation, else the first place
  local ents = ctx.ents
  local k = first_at(ents, S[1])
  local cut
  while ents[k] and ents[k].start <= E[last] do
    local e = ents[k]
    if e.stop <= E[last] then
      if is_speaker_type(e) then cut = e.stop break end
      cut = cut or e.stop
    end
    k = k + 1
  end
  if cut then
    -- a possessive or role word right after the name stays ("Syria's foreign ministry")
    local _, _, tailW = words(text, cut + 1, E[last])
    if not (tailW[1] and (ROLE[tailW[1]] or tailW[1] == "'s")) then return S[1], cut end
  end
  return S[1], E[last]
end

-- ---- attribution --------------------------------------------------------------

local CUE_LABELS = { say = true, that = true, ask = true, describe = true, according = true, quoted = true }

-- The cues between a and b: list of {a, b, label, word}.
local function cues_in(ctx, a, b)
  local out = {}
  local cs = ctx.cues
  for i = first_at(cs, a, "a"), #cs do
    local c = cs[i]
    if c.a > b then break end
    if c.b <= b then out[#out + 1] = c end
  end
  return out
end

-- Sentence span holding pos (nil between sentences).
local function sentence_at(ctx, pos)
  local _, a, b = span_index(#ctx.sents, ctx.sent_span, pos)
  return a, b
end

-- Index of the paragraph holding pos.
local function para_of(ctx, pos)
  return (span_index(#ctx.paras, ctx.para_span, pos))
end

-- The speaker phrase after "quoted" (the cue c): "Sana quoted a military source
-- as saying", "Syrian TV quoted Assad".
local function quoted_whom(ctx, c, hi)
  local text = ctx.text
  return phrase_after(ctx, c.b + 1 + #match(text, "^%s*", c.b + 1), hi)
end

-- Attribution after a quote: `"…," Putin said`, `"…," said Putin`, `"…," he
-- told RIA Novosti`, `"…," Syrian TV quoted Assad as saying`, `"…", according to
-- the Kremlin`. A quote that ends its sentence ("… continue.") takes only a
-- short attribution that ends right after it (`"…." he said.`). Returns
-- speaker span, cue or nil.
local function attribute_after(ctx, q, limit)
  local text = ctx.text
  local from = q.close + (byte(text, q.close) == 0xE2 and 3 or (byte(text, q.close) == 0xC2 and 2 or 1))
  local hi = math.min(limit, from + 200)
  local gap = match(text, "^[%s,;:%-\194\160]*", from)
  local start = from + #gap
  if find(gap, "\n") then return nil end
  local cs = cues_in(ctx, start, hi)
  local c = cs[1]
  if not c or c.label == "describe" then return nil end
  local ended = find(sub(text, q.b, q.b), "[%.]")
  local a, b, cue
  if c.a == start then
    -- "said Putin", "added the minister", ", according to the Kremlin"
    a, b = phrase_after(ctx, c.b + 1 + #match(text, "^%s*", c.b + 1), hi)
    cue = c.label == "according" and "according to" or c.word
  else
    -- "Putin said", "the Kremlin said in a statement", "Syrian TV quoted Assad"
    a, b = phrase_before(ctx, start, c.a)
    if not a or a ~= start or c.label == "according" then return nil end
    cue = c.word
    if c.label == "quoted" then
      local qa, qb = quoted_whom(ctx, c, hi)
      if qa then a, b, cue = qa, qb, "quoted" end
    end
  end
  if not a then return nil end
  if ended and not find(text, "^%s*[%.,]", math.max(b, c.b) + 1) then return nil end
  return a, b, cue
end

-- Attribution before a quote, in its sentence: `Putin said: "…"`, `He told
-- reporters: "…"`, `According to X, "…"`, `Assad mentioned "…"`; for a partial
-- quote any cue of the sentence before it (`described the sanctions as “…”`).
local function attribute_before(ctx, q, lo, partial)
  local text = ctx.text
  local cs = cues_in(ctx, lo, q.open - 1)
  for i = #cs, 1, -1 do
    local c = cs[i]
    if c.label ~= "describe" or partial then
      if c.label == "according" then
        local a, b = phrase_after(ctx, c.b + 1 + #match(text, "^%s*", c.b + 1), q.open - 1)
        if a then return a, b, "according to" end
      else
        local tail = sub(text, c.b + 1, q.open - 1)
        -- a full quote right after its cue: "said: “", "told reporters: “",
        -- "said that “", "cited examples ..., including: “"
        if partial or #tail < 60 or find(tail, ":%s*$") then
          -- "quoted a military source as saying"
          if c.word == "saying" and find(sub(text, math.max(lo, c.a - 4), c.a - 1), "as%s+$") then
            for k = i - 1, 1, -1 do
              if cs[k].label == "quoted" then
                local qa, qb = quoted_whom(ctx, cs[k], c.a - 1)
                if qa then return qa, qb, "quoted" end
              end
            end
          end
          if c.label == "quoted" then
            local qa, qb = quoted_whom(ctx, c, q.open - 1)
            if qa then return qa, qb, "quoted" end
          end
          local a, b = phrase_before(ctx, lo, c.a)
          if a then return a, b, c.word end
          -- "… and described as": the subject of the sentence
          if partial then
            local sa, sb = phrase_after(ctx, lo, c.a - 1)
            if sa then return sa, sb, c.word end
          end
        end
      end
    end
  end
  return nil
end

local function word_count(text, a, b)
  local n = 0
  for _ in gmatch(sub(text, a, b), "[%w\128-\255][%w\128-\255'%-]*") do n = n + 1 end
  return n
end

-- Title case: most words of four letters or more capitalised ("Scarne on Card
-- Tricks", "Free men of the Levant"), no full stop: a title or a name in quotes.
local function title_case(s)
  if find(s, "[%.%?!]%s*$") then return false end
  local long, caps = 0, 0
  for w in gmatch(s, "[%a\128-\255]+") do
    if #w >= 4 then
      long = long + 1
      if find(w, "^%u") then caps = caps + 1 end
    end
  end
  return long > 0 and caps * 3 >= long * 2 and long <= 8
end

local function attribute(ctx, q)
  local text = ctx.text
  local pi = para_of(ctx, q.open) or q.para
  local pa, pb = ctx.paras[pi][1], ctx.paras[pi][2]
  local n = word_count(text, q.a, q.b)
  local first = byte(text, q.a)
  local sa = sentence_at(ctx, q.open) or sentence_at(ctx, q.a)
  local lo = sa or pa
  if lo < pa then lo = pa end
  -- partial: starts within a sentence, or lower case, or short
  local starts_sentence = q.open == pa or find(sub(text, lo, q.open - 1), "^[%s]*$") or
    find(sub(text, math.max(pa, q.open - 3), q.open - 1), "[:.?!]%s*$")
  local partial = not (starts_sentence and first and ((first >= 65 and first <= 90) or first >= 0xC3 or
    (first >= 48 and first <= 57) or first == 0xE2 or first == 46))
  local item = { start = q.a, stop = q.b, text = sub(text, q.a, q.b), kind = partial and "partial" or "direct",
    closed = q.closed }
  local closing = q.close and pb or ctx.paras[para_of(ctx, q.b) or pi][2]
  local a, b, cue
  if q.close then a, b, cue = attribute_after(ctx, q, closing) end
  if not a then a, b, cue = attribute_before(ctx, q, lo, partial) end
  if not a and partial and q.close then
    -- the cue later in the sentence: `The strikes "targeted …" in order to "serve
    -- …" Barazi added`
    local se = select(2, sentence_at(ctx, q.b)) or pb
    for _, c in ipairs(cues_in(ctx, q.close, se)) do
      if c.label == "say" or c.label == "that" then
        a, b = phrase_before(ctx, q.close + 1, c.a)
        if a then cue = c.word end
        break
      end
    end
  end
  local pre = sub(text, lo, q.open - 1)
  if not a then
    -- `The Observatory "has documented …"`: a name right before the quote
    local k = first_at(ctx.ents, q.open) - 1
    local e = ctx.ents[k]
    if e and is_speaker_type(e) and not not_blank(text, e.stop + 1, q.open - 1) then
      a, b = e.start, e.stop
    elseif find(pre, ":%s*$") and not partial then
      -- `Sunak defended the record …: "…"`: the subject of the sentence
      local k2 = first_at(ctx.ents, lo)
      local e2 = ctx.ents[k2]
      if e2 and is_speaker_type(e2) and e2.stop < q.open and e2.start - lo < 40 then a, b = e2.start, e2.stop end
    end
  end
  if a then
    resolve(ctx, item, a, b)
    item.cue = cue
  elseif title_case(item.text) and not partial then
    item.kind = "scare"
  elseif ctx.prev and ctx.prev.speaker and not partial then
    -- a quote that follows the last one with nothing said between ("…," said
    -- Mohib. "They represent …"), or that opens a paragraph after it, goes on
    -- with its speaker
    local between = sub(text, ctx.prev_end + 1, q.open - 1)
    if ctx.prev.cue then between = gsub(lower(between), ctx.prev.cue, "", 1) end
    local fresh_para = q.open == pa and ctx.prev_para and pi - ctx.prev_para <= 2
    if fresh_para or not find(between, "[%w\128-\255]") then
      for _, f in ipairs { "speaker", "speaker_id", "speaker_type" } do item[f] = ctx.prev[f] end
    end
  end
  if not item.cue and not item.speaker then
    if n <= 3 and (partial or not find(item.text, "[%.!?]$")) then item.kind = "scare"
    elseif title_case(item.text) then item.kind = "scare" end
  end
  return item
end

-- ---- reported speech -------------------------------------------------------------

local TIME_WORDS = set [[on in at yesterday today tonight last this earlier later monday tuesday
  wednesday thursday friday saturday sunday a statement interview news conference briefing
  press the week month told]]

-- Reported speech around cue c (say/that/according) in sentence [sa, sb].
-- Returns an item or nil.
local function reported(ctx, c, sa, sb)
  local text = ctx.text
  local endp = sb
  while endp > sa and find(sub(text, endp, endp), "^[%.%?!%s\"”’]$") do endp = endp - 1 end
  if c.label == "according" then
    local after = c.b + 1 + #match(text, "^%s*", c.b + 1)
    local a, b = phrase_after(ctx, after, endp)
    if not a then return nil end
    local rest = match(text, "^%s*,%s*()", b + 1)
    if rest and rest <= endp and c.a - sa < 3 then
      -- "According to X, clause."
      if word_count(text, rest, endp) < 3 then return nil end
      return { start = rest, stop = endp, speaker_at = { a, b }, cue = "according to" }
    end
    -- "clause, according to X."
    local before = match(sub(text, sa, c.a - 1), "^(.-)%s*,%s*$")
    if before and #before > 0 and b >= endp - 1 and word_count(text, sa, sa + #before - 1) >= 3 then
      return { start = sa, stop = sa + #before - 1, speaker_at = { a, b }, cue = "according to" }
    end
    return nil
  end
  local before_word = match(sub(text, math.max(sa, c.a - 12), c.a - 1), "(%a+)%s*$")
  before_word = before_word and lower(before_word)
  if before_word == "was" or before_word == "were" or before_word == "is" or before_word == "are" or
     before_word == "been" or before_word == "being" or before_word == "be" or before_word == "the" then
    return nil
  end
  if c.word == "saying" then
    -- "Putin held talks with Assad on Monday saying ...": the subject speaks
    local qa, qb = phrase_after(ctx, sa, c.a - 1)
    local S, _, W = words(text, c.b + 1, endp)
    local i = W[1] == "that" and 2 or 1
    if not qa or not S[i] or word_count(text, S[i], endp) < 3 then return nil end
    return { start = S[i], stop = endp, speaker_at = { qa, qb }, cue = "saying" }
  end
  -- "clause, SPEAKER said." / "clause, said SPEAKER."
  local tail_ok = endp - c.b < 60
  if tail_ok then
    local _, _, tailW = words(text, c.b + 1, endp)
    for i = 1, #tailW do if not TIME_WORDS[tailW[i]] then tail_ok = false break end end
  end
  local pa, pb = phrase_before(ctx, sa, c.a)
  if pa and pa > sa then
    local pre = match(sub(text, sa, pa - 1), "^(.-)%s*[,]%s*$")
    if pre and tail_ok and word_count(text, sa, sa + #pre - 1) >= 3 then
      return { start = sa, stop = sa + #pre - 1, speaker_at = { pa, pb }, cue = c.word }
    end
  end
  if not pa or pa == nil then
    local pre = match(sub(text, sa, c.a - 1), "^(.-)%s*,%s*$")
    if pre and #pre > 0 then
      local qa, qb = phrase_after(ctx, c.b + 1 + #match(text, "^%s*", c.b + 1), endp)
      if qa and qb >= endp - 1 and word_count(text, sa, sa + #pre - 1) >= 3 then
        return { start = sa, stop = sa + #pre - 1, speaker_at = { qa, qb }, cue = c.word }
      end
    end
    return nil
  end
  -- "SPEAKER said (that) clause", "SPEAKER told X (that) clause"
  if c.label ~= "say" and c.label ~= "that" then return nil end
  -- not when the sentence ends with its own attribution: "Putin told Assad
  -- that ..., the Kremlin said." is the Kremlin's
  for _, c2 in ipairs(cues_in(ctx, c.b + 1, sb)) do
    if (c2.label == "say" or c2.label == "that" or c2.label == "according") and endp - c2.b < 60 then
      local _, _, W2 = words(text, c2.b + 1, endp)
      local only_time = true
      for i = 1, #W2 do if not TIME_WORDS[W2[i]] then only_time = false break end end
      if only_time and find(sub(text, c.b + 1, c2.a - 1), ",") then return nil end
    end
  end
  local p = c.b + 1
  local S, E, W = words(text, p, math.min(endp, p + 100))   -- "that" within 8 words
  if #W == 0 then return nil end
  local i = 1
  local that
  for j = 1, math.min(#W, 8) do
    if W[j] == "that" then that = j break end
    if find(sub(text, (j > 1 and E[j - 1] or c.b) + 1, S[j] - 1), "[\"“”]") then break end
  end
  if that then
    -- only time words, an object of "told" or a short adverbial before "that"
    i = that + 1
  elseif c.label == "that" then
    return nil
  else
    if c.word == "told" or c.word == "tells" or c.word == "tell" then
      -- skip the hearers: an entity, or hearer words
      local ents = ctx.ents
      local k = first_at(ents, S[1])
      if ents[k] and ents[k].start == S[1] then
        while i <= #W and S[i] <= ents[k].stop do i = i + 1 end
      end
      while i <= #W and HEARERS[W[i]] do i = i + 1 end
      if i == 1 then return nil end
    end
    -- a quote right after: the cue attributes it (handled as a quote)
    if find(sub(text, p, S[i] or endp), "[\"“«]") then return nil end
    -- "said in a statement", "said on Tuesday": time words then the clause
    while i <= #W and TIME_WORDS[W[i]] and W[i] ~= "the" do i = i + 1 end
    if W[i] == "the" and W[i - 1] and TIME_WORDS[W[i - 1]] then return nil end
  end
  if i > #W or word_count(text, S[i], endp) < 3 then return nil end
  if find(sub(text, c.b + 1, S[i] - 1), "[%.%?!;:]") then return nil end
  return { start = S[i], stop = endp, speaker_at = { pa, pb }, cue = c.word }
end

-- ---- the document ----------------------------------------------------------------

--- Quotes and reported speech of a document, in text order.
-- @param doc Document
-- @tparam[opt] table opts `scare` (true: keep scare quotes, kind "scare"),
--   `indirect` (false: leave reported speech out), `kind` (only this kind)
-- @return list of {start, stop, text, kind, speaker, speaker_id, speaker_type,
--   speaker_text, speaker_start, speaker_stop, cue, closed}
function M.find(doc, opts)
  opts = opts or {}
  local text = doc.text
  local out = {}
  if #text == 0 then return out end
  local cm = M.cues().compiled:match(text)
  local has_mark = marks.has_mark_byte(text)
  if #cm == 0 and not has_mark then return out end
  local labels = M.cues().labels
  local cues = {}
  local cue_at = {}
  for k = 1, #cm, 3 do
    local a, b = cm[k + 1], cm[k + 2]
    -- a capitalised cue after a capitalised word is part of a name ("Osama Said")
    local c1 = byte(text, a)
    -- and one joined by a hyphen is none ("so-called", "self-described")
    if not (c1 >= 65 and c1 <= 90 and find(sub(text, math.max(1, a - 30), a - 1), "%u[%w\128-\255'%-]*%s+$"))
       and byte(text, a - 1) ~= 45 then
      cues[#cues + 1] = { a = a, b = b, label = labels[cm[k]], word = gsub(lower(sub(text, a, b)), "%s+", " ") }
      cue_at[a] = true
    end
  end
  local paras = paragraphs(text)
  local ents = doc:entities()
  local ent_at = {}
  for _, e in ipairs(ents) do if is_speaker_type(e) then ent_at[e.start] = true end end
  local ctx = { text = text, cues = cues, cue_at = cue_at, paras = paras, ents = ents,
    ent_at = ent_at, sents = doc:sentences() }
  local sents = ctx.sents
  function ctx.sent_span(i) return sents:span(i) end
  function ctx.para_span(i) return paras[i][1], paras[i][2] end
  local qs = has_mark and pair(text, paras) or {}
  ctx.quotes = qs
  local used, done = {}, {}
  local function spoke(item, para, stop)
    if item.speaker then ctx.prev, ctx.prev_para, ctx.prev_end = item, para, stop end
  end
  -- quotes and cues in text order, so that "he" and a quote with no cue of its
  -- own take the speaker of what came before
  local qi, ci = 1, 1
  while qi <= #qs or ci <= #cues do
    local q, c = qs[qi], cues[ci]
    if q and (not c or q.open <= c.a) then
      qi = qi + 1
      local item = attribute(ctx, q)
      if item.cue then used[item.speaker_stop] = true end
      local stop = q.close or q.b
      if item.cue and item.speaker_stop > stop then stop = item.speaker_stop end
      spoke(item, para_of(ctx, q.b) or q.para, stop)
      if item.kind ~= "scare" or opts.scare then out[#out + 1] = item end
    else
      ci = ci + 1
      if opts.indirect ~= false and (c.label == "say" or c.label == "that" or c.label == "according")
         and not in_quote(ctx, c.a) then
        local sa, sb = sentence_at(ctx, c.a)
        if sa and not done[sa] then
          local r = reported(ctx, c, sa, sb)
          local overlaps = not r
          for _, x in ipairs(r and qs or {}) do
            if x.a <= r.stop and x.b >= r.start and (x.b - x.a) > (r.stop - r.start) / 2 then overlaps = true break end
          end
          if not overlaps then
            local item = { start = r.start, stop = r.stop, text = sub(text, r.start, r.stop), kind = "indirect", closed = true }
            resolve(ctx, item, r.speaker_at[1], r.speaker_at[2])
            item.cue = r.cue
            if not used[item.speaker_stop] then
              out[#out + 1] = item
              done[sa] = true
              spoke(item, para_of(ctx, sb), math.max(item.stop, item.speaker_stop))
            end
          end
        end
      end
    end
  end
  table.sort(out, function(x, y) return x.start < y.start end)
  if opts.kind then
    local keep = {}
    for _, q in ipairs(out) do if q.kind == opts.kind then keep[#keep + 1] = q end end
    out = keep
  end
  return out
end

M.KINDS = { direct = true, partial = true, indirect = true, scare = true }

-- ---- across documents -------------------------------------------------------------

--- Quote records of a document for grouping: each quote (not scare quotes) with
-- doc, date (the publication date: meta.date or the one its text states),
-- source and title.
function M.records(doc, opts)
  local list = M.find(doc, opts)
  local date = require("newscorpus.dates").anchor_of(doc)
  local meta = doc.meta or {}
  for _, q in ipairs(list) do q.doc, q.date, q.source, q.title = doc.id, date, meta.source, meta.title end
  return list
end

local STOP = set [[a an the and or but of to in on at by for with from as is are was were be been
  being it its this that these those there their they them we our us you your i me my he him his
  she her has have had do does did will would could should can may might not no so than then
  very also since after before into over about up out more most such which who whom what when
  where while all any some one just]]

-- Content words of a quote, lightly stemmed ("territories" = "territory").
local function content(text)
  local out, n = {}, 0
  for w in gmatch(lower(text), "[%w\128-\255]+") do
    if not STOP[w] and #w > 1 then
      w = gsub(w, "ies$", "y")
      if #w > 3 then w = gsub(w, "s$", "") end
      if not out[w] then out[w] = true n = n + 1 end
    end
  end
  return out, n
end

--- Group the same quotation (or a paraphrase of it) across documents.
-- Two quotes join when their content words overlap (shared / the smaller set)
-- by at least opts.overlap (default 0.5; 0.7 when a speaker is unknown on one
-- side) and their speakers' entity ids do not differ; single words only when
-- identical. Groups with quotes from at least opts.min_docs documents (2).
-- @param records list from M.records over several documents
-- @return list of {speaker, speaker_id, docs, same_wording, quotes = records by date}, most documents first
function M.groups(records, opts)
  opts = opts or {}
  local overlap, min_docs = opts.overlap or 0.5, opts.min_docs or 2
  -- one node per distinct wording and speaker: a wire story reprinted fifty times
  -- is compared once
  local node_of, nodes = {}, {}
  local key_node = {}
  for i, r in ipairs(records) do
    local key = tostring(r.speaker_id) .. "\0" .. gsub(lower(r.text), "[^%w\128-\255]+", " ")
    local n = key_node[key]
    if not n then
      n = #nodes + 1
      key_node[key] = n
      nodes[n] = r
    end
    node_of[i] = n
  end
  local words, sizes, parent = {}, {}, {}
  local postings = {}
  for i, r in ipairs(nodes) do
    words[i], sizes[i] = content(r.text)
    parent[i] = i
    for w in pairs(words[i]) do
      local p = postings[w]
      if not p then p = {} postings[w] = p end
      p[#p + 1] = i
    end
  end
  local function root(i)
    while parent[i] ~= i do parent[i] = parent[parent[i]] i = parent[i] end
    return i
  end
  -- candidates share a word that is not too common (postings of 500 nodes at most)
  for i, r in ipairs(nodes) do
    if sizes[i] > 0 then
      local shared, frequent = {}, 0
      for w in pairs(words[i]) do
        local p = postings[w]
        if #p <= 500 then
          for _, j in ipairs(p) do if j > i then shared[j] = (shared[j] or 0) + 1 end end
        else
          frequent = frequent + 1
        end
      end
      for j, k in pairs(shared) do
        local r2 = nodes[j]
        local small = math.min(sizes[i], sizes[j])
        local known = r.speaker_id and r2.speaker_id
        local need = known and overlap or 0.7
        -- short quotes join only when identical (one node); two named speakers must
        -- be one; the common words are at most the rare ones shared and the frequent
        -- ones; a pair already joined needs nothing
        if small >= 3 and (not known or r.speaker_id == r2.speaker_id) and (k + frequent) / small >= need
           and root(i) ~= root(j) then
          -- count the common words too (left out of the candidate count)
          local common = 0
          for w in pairs(words[i]) do if words[j][w] then common = common + 1 end end
          if common / small >= need then parent[root(j)] = root(i) end
        end
      end
    end
  end
  local by, order = {}, {}
  for i, r in ipairs(records) do
    local k = root(node_of[i])
    local g = by[k]
    if not g then g = { quotes = {}, _docs = {} } by[k] = g order[#order + 1] = g end
    g.quotes[#g.quotes + 1] = r
    g._docs[r.doc] = true
  end
  local out = {}
  for _, g in ipairs(order) do
    local n = 0
    for _ in pairs(g._docs) do n = n + 1 end
    g._docs = nil
    if n >= min_docs then
      g.docs = n
      table.sort(g.quotes, function(x, y)
        if (x.date or "") ~= (y.date or "") then return (x.date or "") < (y.date or "") end
        return tostring(x.doc) < tostring(y.doc)
      end)
      local texts = {}
      for _, q in ipairs(g.quotes) do
        if q.speaker_id and not g.speaker_id then g.speaker_id, g.speaker = q.speaker_id, q.speaker end
        texts[gsub(lower(q.text), "[^%w]+", " ")] = true
      end
      if not g.speaker then g.speaker = g.quotes[1].speaker end
      local distinct = 0
      for _ in pairs(texts) do distinct = distinct + 1 end
      g.same_wording = distinct == 1
      out[#out + 1] = g
    end
  end
  table.sort(out, function(a, b)
    if a.docs ~= b.docs then return a.docs > b.docs end
    return #a.quotes > #b.quotes
  end)
  return out
end

return M
