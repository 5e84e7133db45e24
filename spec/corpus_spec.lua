-- Corpora: folders, files, JSON Lines, stdin, Lua tables; errors reported, rest processed.
local nc = require "newscorpus"
local h = require "helper"

local function ids(corpus)
  local out = {}
  for doc in corpus:docs() do out[#out + 1] = doc.id end
  return out
end

describe("nc.load", function()
  local dir

  before_each(function()
    dir = h.tmpdir()
    os.execute("mkdir -p '" .. dir .. "/sub/deeper' '" .. dir .. "/.hidden'")
    h.write(dir .. "/b.txt", "Second headline\n\nBody of b.")
    h.write(dir .. "/a.txt", "\n\n  First headline  \nBody of a.")
    h.write(dir .. "/sub/deeper/c.txt", "Deep one. It is here.")
    h.write(dir .. "/sub/notes.md", "not loaded")
    h.write(dir .. "/.hidden/x.txt", "hidden")
    h.write(dir .. "/sub/feed.jsonl", table.concat({
      '{"id":"j1","title":"T1","text":"Putin met Assad.","date":"2021-09-14","url":"http://x/1","source":"AFP","lang":"en"}',
      '{"title":"no id","text":"Second item."}',
      '{broken json',
      '',
      '{"id":"j4","title":"no text"}',
      '[1,2]',
      '{"id":5,"text":"Numeric id.","date":null}',
    }, "\n") .. "\n")
  end)

  after_each(function() os.execute("rm -rf '" .. dir .. "'") end)

  it("walks a folder recursively in name order, .txt and .jsonl only, hidden skipped", function()
    local c = nc.load(dir)
    assert.same({ "a", "b", "c", "j1", "feed:2", "5" }, ids(c))
  end)

  it("reads plain-text metadata: id, path, headline", function()
    local c = nc.load(dir .. "/a.txt")
    local it = c:docs()
    local d = it()
    assert.equal("a", d.id)
    assert.equal(dir .. "/a.txt", d.meta.path)
    assert.equal("First headline", d.meta.title)
    assert.is_nil(it())
  end)

  it("reads JSON Lines fields into meta and reports bad lines with file and line", function()
    local errors = {}
    local c = nc.load({ dir .. "/sub/feed.jsonl" }, { on_error = function(m) errors[#errors + 1] = m end })
    local docs = {}
    for d in c:docs() do docs[#docs + 1] = d end
    assert.equal(3, #docs)
    local d = docs[1]
    assert.equal("Putin met Assad.", d.text)
    assert.same({ "j1", "T1", "2021-09-14", "http://x/1", "AFP", "en", 1 },
      { d.id, d.meta.title, d.meta.date, d.meta.url, d.meta.source, d.meta.lang, d.meta.line })
    assert.is_nil(docs[3].meta.date)
    local f = dir .. "/sub/feed.jsonl"
    assert.same({ f .. ":3: malformed JSON", f .. ":5: missing \"text\" string", f .. ":6: expected a JSON object" },
      { errors[1]:match("^(.-JSON)"), errors[2], errors[3] })
    assert.same(errors, c.errors)
  end)

  it("reports unreadable paths and goes on with the rest", function()
    local c = nc.load({ dir .. "/missing.txt", dir .. "/b.txt" })
    assert.same({ "b" }, ids(c))
    assert.equal(1, #c.errors)
    assert.matches("missing.txt", c.errors[1])
  end)

  it("loads Lua tables and texts", function()
    assert.same({ "x", "2" }, ids(nc.load({ { id = "x", text = "One." }, { text = "Two." } })))
    assert.same({ "solo" }, ids(nc.load({ id = "solo", text = "Alone." })))
    assert.same({ "1", "2" }, ids(nc.load({ "Text one.", "Text two." }, { texts = true })))
    local c = nc.load({ { title = "no text" }, 42 })
    assert.same({}, ids(c))
    assert.equal(2, #c.errors)
  end)

  it("raises on misuse", function()
    assert.has_error(function() nc.load(42) end)
    assert.has_error(function() nc.load("x", "opts") end)
    assert.has_error(function() nc.read(nil) end)
  end)

  it("returns nil, message for an unreadable file", function()
    local d, err = nc.read(dir .. "/nope.txt")
    assert.is_nil(d)
    assert.matches("nope.txt", err)
  end)

  it("counts documents", function()
    assert.equal(6, nc.load(dir):count())
  end)

  it("reads JSON Lines lines in place across 1 MB blocks: long lines, CRLF, blanks, Latin-1", function()
    local cjson = require "cjson"
    local path = dir .. "/blocks.jsonl"
    local lines, want = {}, {}
    math.randomseed(11)
    for i = 1, 400 do
      local len = (i % 61 == 0) and math.random(300000, 1200000) or math.random(1, 9000)
      local body = ("Assad met Putin in Sochi. "):rep(math.floor(len / 26) + 1):sub(1, len)
      local line
      if i % 50 == 7 then
        line = '{"id":"l' .. i .. '","text":"Montr\233al ' .. body .. '"}'      -- Latin-1: read as Windows-1252
        want[#want + 1] = { "l" .. i, "Montréal " .. body }
      elseif i % 23 == 0 then
        line = '{"id":"n' .. i .. '","text":"' .. body .. '","tags":["a"]}'    -- not flat: read by cjson
        want[#want + 1] = { "n" .. i, body }
      else
        line = cjson.encode({ id = "d" .. i, text = body .. "\n\"q\"" })
        want[#want + 1] = { "d" .. i, body .. "\n\"q\"" }
      end
      lines[#lines + 1] = line .. ((i % 3 == 0) and "\r" or "")
      if i % 11 == 0 then lines[#lines + 1] = " \t " end                       -- a blank line
    end
    h.write(path, table.concat(lines, "\n"))                                 -- no newline at the end
    local got = {}
    for d in nc.load(path):docs() do got[#got + 1] = { d.id, d.text } end
    assert.equal(#want, #got)
    for i = 1, #want do
      assert.equal(want[i][1], got[i][1])
      assert.truthy(want[i][2] == got[i][2], "text of " .. want[i][1])
    end
  end)

  it("streams: memory does not grow with the number of documents", function()
    local path = dir .. "/big.jsonl"
    local f = assert(io.open(path, "wb"))
    local body = ("Syrian President Bashar al-Assad met Russia's defence minister on Tuesday. "):rep(40)
    for i = 1, 6000 do f:write('{"id":"', i, '","text":"', body, i, '"}\n') end
    f:close()
    local marks = {}
    local n = 0
    for doc in nc.load(path):docs() do
      n = n + 1
      assert.is_true(#doc:sentences() >= 40)
      if n % 2000 == 0 then
        collectgarbage()
        collectgarbage()
        marks[#marks + 1] = collectgarbage("count")
      end
    end
    assert.equal(6000, n)
    -- 12 MB read; the heap after 6000 docs is within 1 MB of the heap after 2000
    assert.is_true(marks[3] - marks[1] < 1024, ("heap grew %.0f KB"):format(marks[3] - marks[1]))
  end)
end)

describe("the bundled seeds", function()
  it("load as five documents; a headline only where the first line is one", function()
    local got, titled = {}, {}
    for d in nc.load("seeds"):docs() do
      got[#got + 1] = d.id
      titled[#titled + 1] = d.meta.title ~= nil
    end
    assert.same(h.seeds, got)
    -- 001 and 004 open with a long sentence of the body, not a headline
    assert.same({ true, false, true, true, false }, titled)
  end)
end)
