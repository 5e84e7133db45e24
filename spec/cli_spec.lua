-- The newscorpus command: subcommands, --json, --help, exit codes, stdin.
local h = require "helper"
local json = require "newscorpus.json"

local function jsonl(out)
  local rows = {}
  for line in out:gmatch("[^\n]+") do rows[#rows + 1] = assert(json.decode(line)) end
  return rows
end

describe("newscorpus CLI", function()
  it("docs: one row per seed by default, aligned", function()
    local out, err, status = h.cli("docs")
    assert.equal(0, status, err)
    local lines = {}
    for l in out:gmatch("[^\n]+") do lines[#lines + 1] = l end
    assert.equal(6, #lines)
    assert.matches("^doc%s+title%s+date%s+source%s+bytes%s+sents%s+tokens%s+removed$", lines[1])
    local col = lines[1]:find("bytes", 1, true)
    for i = 2, 6 do assert.matches("^" .. h.seeds[i - 1], lines[i]) end
    assert.matches("^%s*%d+$", lines[2]:sub(1, col + 4):match("(%S+)$"))
  end)

  it("docs --json: the DESIGN.md fields", function()
    local out, _, status = h.cli("docs --json seeds/002_9b577226884e7e40.txt")
    assert.equal(0, status)
    local rows = jsonl(out)
    assert.equal(1, #rows)
    local r = rows[1]
    assert.equal("002_9b577226884e7e40", r.doc)
    assert.equal("seeds/002_9b577226884e7e40.txt", r.path)
    assert.equal("Assad praises Russia's role in Syria conflict", r.title)
    assert.same({ 2383, 18 }, { r.bytes, r.sentences })
    assert.is_true(r.tokens > 400)
    assert.same({ "2019-03-20", "stamp", "AFP", "DAMASCUS" }, { r.date, r.date_source, r.source, r.dateline })
    assert.same({ { start = 47, stop = 85, reason = "metadata-line" } }, r.removed)
    local out2 = h.cli("docs --json seeds/001_4bf0d4cd9cc21487.txt")
    assert.is_true(out2:find('"removed":[]', 1, true) ~= nil)
  end)

  it("sentences --json gives spans into the file", function()
    local out, _, status = h.cli("sentences --json seeds/000_054e6d9ce493268d.txt")
    assert.equal(0, status)
    local text = h.read("seeds/000_054e6d9ce493268d.txt")
    local rows = jsonl(out)
    assert.equal(22, #rows)
    for _, r in ipairs(rows) do
      assert.equal(r.text, text:sub(r.start, r.stop))
      assert.equal("000_054e6d9ce493268d", r.doc)
    end
  end)

  it("tokens --kind filters, --json has kind", function()
    local out, _, status = h.cli("tokens --json --kind url")
    assert.equal(0, status)
    local rows = jsonl(out)
    assert.equal(2, #rows)
    assert.same({ "url", "pic.twitter.com/WwTWRzO6zD" }, { rows[1].kind, rows[1].text })
    local t = h.cli("tokens --kind handle seeds/004_35b1516114ec1545.txt")
    assert.matches("@AmichaiStein1", t)
  end)

  it("reads JSON Lines from stdin and reports bad lines with exit 1", function()
    local out, err, status = h.cli("sentences --json -",
      '{"id":"a","text":"One. Two."}\nnot json\n{"id":"b","text":"Three."}\n')
    assert.equal(1, status)
    assert.same({ "a", "a", "b" }, (function()
      local r = {} for _, x in ipairs(jsonl(out)) do r[#r + 1] = x.doc end return r end)())
    assert.matches("%-:2: malformed JSON", err)
  end)

  it("reads plain text from stdin", function()
    local out, _, status = h.cli("docs --json -", "A headline\nBody. More body.\n")
    assert.equal(0, status)
    local r = jsonl(out)[1]
    assert.same({ "stdin", "A headline", 3 }, { r.doc, r.title, r.sentences })
  end)

  it("exits 1 on a missing file and still processes the rest", function()
    local out, err, status = h.cli("docs nowhere.txt seeds/003_67d736f8cbbca4ec.txt")
    assert.equal(1, status)
    assert.matches("003_67d736f8cbbca4ec", out)
    assert.matches("nowhere.txt", err)
  end)

  it("exits 2 on usage errors", function()
    for _, args in ipairs { "", "bogus", "docs --bogus", "tokens --kind", "tokens --kind nonsense", "docs --json=1", "docs -x" } do
      local _, err, status = h.cli(args)
      assert.equal(2, status, args)
      assert.matches("newscorpus", err)
    end
  end)

  it("prints help for every command and the version", function()
    for _, c in ipairs { "docs", "sentences", "tokens", "report" } do
      local out, _, status = h.cli(c .. " --help")
      assert.equal(0, status)
      assert.matches("usage: newscorpus " .. c, out)
    end
    local out, _, status = h.cli("--help")
    assert.equal(0, status)
    assert.matches("commands:", out)
    assert.matches("^newscorpus %d+%.%d+%.%d+", (h.cli("--version")))
  end)

  it("report shows documents and their sentences", function()
    local out, _, status = h.cli("report")
    assert.equal(0, status)
    assert.matches("5 documents", out)
    assert.matches("SENTENCES", out)
    assert.matches("Last updated on: 20 March,2019 07:57 am", out, 1, true)
  end)

  it("writes valid UTF-8 JSON for invalid input, and no progress line when not a terminal", function()
    local out, err, status = h.cli("tokens --json --encoding utf-8 -", "Caf\233 ok\n")
    assert.equal(0, status)
    assert.equal("", err)
    local rows = jsonl(out)
    assert.equal("\239\191\189", rows[2].text)
    assert.same({ 4, 4 }, { rows[2].start, rows[2].stop })
  end)

  it("dates: table and JSON Lines with values, null when unresolved, anchor option", function()
    local out, err, status = h.cli("dates seeds/002_9b577226884e7e40.txt")
    assert.equal(0, status, err)
    assert.matches("^doc%s+start%s+stop%s+value%s+kind%s+anchor%s+text\n", out)
    assert.matches("2019%-03%-20%s+absolute%s+%-%s+20 March,2019", out)
    assert.matches("2019%-03%-19%s+relative%s+2019%-03%-20%s+Tuesday", out)
    local rows = jsonl((h.cli("dates --json seeds/000_054e6d9ce493268d.txt")))
    assert.truthy(#rows > 0)
    local text = h.read("seeds/000_054e6d9ce493268d.txt")
    for _, r in ipairs(rows) do
      assert.equal(text:sub(r.start, r.stop), r.text)
      if r.kind == "relative" then assert.equal(json.null, r.value) end   -- 000 states no date
    end
    rows = jsonl((h.cli("dates --json --anchor 2020-01-01 -", "They met on Tuesday.\n")))
    assert.same({ "Tuesday", "2019-12-31", "2020-01-01" }, { rows[1].text, rows[1].value, rows[1].anchor })
    local _, err2, status2 = h.cli("dates --anchor 2020-13-01")
    assert.equal(2, status2)
    assert.matches("anchor", err2)
  end)

  it("claims: table, JSON Lines with offsets into the file, --kind, --compare", function()
    local out, err, status = h.cli("claims seeds/002_9b577226884e7e40.txt")
    assert.equal(0, status, err)
    assert.matches("^doc%s+start%s+stop%s+kind%s+figure%s+text\n", out)
    assert.matches("deaths%s+more than 370,000%s+more than 370,000", out)
    assert.matches("territory%s+almost 66.7%%%s+almost two%-thirds", out)
    local rows = jsonl((h.cli("claims --json --kind deaths -", "A blast killed at least 12 people and wounded 30.\n")))
    assert.equal(1, #rows)
    assert.same({ "at least 12", 12, 12, json.null, "at least", "deaths", json.null, 1 },
      { rows[1].text, rows[1].value, rows[1].low, rows[1].high, rows[1].approx, rows[1].kind, rows[1].unit,
        rows[1].sentence })
    local groups = jsonl((h.cli("claims --compare --json")))
    assert.equal("deaths", groups[1].kind)
    assert.equal("Syria", groups[1].subject_name)
    assert.is_false(groups[1].agree)
    assert.equal(4, groups[1].docs)
    for _, c in ipairs(groups[1].claims) do
      assert.equal(c.text, h.read(h.seed(c.doc)):sub(c.start, c.stop))
    end
    out = h.cli("claims --compare")
    assert.matches("deaths · Syria · 4 documents · DISAGREE", out, 1, true)
    local _, err2, status2 = h.cli("claims --kind dead")
    assert.equal(2, status2)
    assert.matches("unknown kind", err2)
  end)

  it("quotes: table, JSON Lines with offsets into the file, --kind, --speaker, --group", function()
    local out, _, status = h.cli("quotes seeds/004_35b1516114ec1545.txt")
    assert.equal(0, status)
    assert.matches("person:vladimir-putin", out, 1, true)
    assert.matches("Terrorists had sustained", out, 1, true)
    local rows = jsonl((h.cli("quotes --json --kind direct seeds/004_35b1516114ec1545.txt")))
    assert.is_true(#rows >= 2)
    local text = h.read("seeds/004_35b1516114ec1545.txt")
    for _, r in ipairs(rows) do
      assert.equal("direct", r.kind)
      assert.equal(r.text, text:sub(r.start, r.stop))
      if type(r.speaker_start) == "number" then assert.equal(r.speaker_text, text:sub(r.speaker_start, r.speaker_stop)) end
    end
    rows = jsonl((h.cli("quotes --json --speaker person:bashar-al-assad -",
      '"We will win," Assad said. "It is over," Putin said.\n')))
    assert.equal(1, #rows)
    assert.equal("We will win", rows[1].text)
    local groups = jsonl((h.cli("quotes --group --json")))
    assert.is_true(#groups >= 2)
    for _, g in ipairs(groups) do assert.is_true(g.docs >= 2) end
    out = h.cli("quotes --group")
    assert.matches("Bashar al-Assad · 2 documents · wording differs", out, 1, true)
    local _, err2, status2 = h.cli("quotes --kind said")
    assert.equal(2, status2)
    assert.matches("unknown kind", err2)
  end)

  it("report compares the figures of the documents", function()
    local out = h.cli("report")
    assert.matches("FIGURES ACROSS DOCUMENTS", out, 1, true)
    assert.matches("territory · Syria · 3 documents · DISAGREE", out, 1, true)
  end)
end)

describe("format.clip", function()
  it("keeps the first n - 1 characters and an ellipsis, on valid and invalid UTF-8", function()
    local fmt = require "newscorpus.format"
    assert.equal("Ass…", fmt.clip("Assad met Putin", 4))
    assert.equal("Assad met Putin", fmt.clip("Assad met Putin", 15))
    assert.equal("Esmaïl Qa…", fmt.clip("Esmaïl Qaani said", 10))        -- ï is one character
    assert.equal("€€…", fmt.clip("€€€€", 3))
    assert.equal("😀…", fmt.clip("😀😀😀", 2))
    -- invalid UTF-8 (the CLI repairs its cells first): a byte that starts no character is
    -- dropped, a stray continuation byte stays with the character before it
    assert.equal("ab\128…", fmt.clip("a\255b\128cdef", 3))
  end)
end)
