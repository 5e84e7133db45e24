-- core.json_record, the C fast path for flat JSON Lines records: where it
-- answers, it gives what cjson gives; where it does not (nested values,
-- invalid JSON), cjson decides and reports.
local h = require "helper"
local nc = require "newscorpus"
local core = require "newscorpus.core"
local cjson = require "cjson.safe"
local fakes = require "fakes"

local function same_value(a, b)
  if type(a) ~= type(b) then return false end
  if type(a) == "number" then
    -- cjson gives floats; so must the fast path (5.0, not 5, on Lua 5.3+)
    if math.type and math.type(a) ~= math.type(b) then return false end
    return a == b
  end
  if type(a) ~= "table" then return a == b end
  for k, v in pairs(a) do if not same_value(v, b[k]) then return false end end
  for k in pairs(b) do if a[k] == nil then return false end end
  return true
end

describe("core.json_record", function()
  it("reads 2,000 real records as cjson does (FA-KES articles with their fields)", function()
    local n = 0
    for _, a in ipairs(assert(fakes.articles("../shared/data/fakes/fakes.latin1.csv"))) do
      if n >= 2000 then break end
      -- the CSV's fields as a JSON line, some as numbers, a null, text with escapes
      local rec = { id = a.unit_id, text = (a.article_title or "") .. "\n\n" .. a.article_content,
        title = a.article_title, source = a.source, date = a.date, civilians = tonumber(a.nb_civilians),
        label = tonumber(a.labels) == 1, note = cjson.null }
      local line = assert(cjson.encode(rec))
      local fast = core.json_record(line)
      assert.truthy(fast, line:sub(1, 80))
      assert.truthy(same_value(cjson.decode(line), fast), line:sub(1, 200))
      n = n + 1
    end
    assert.truthy(n >= 500)
  end)

  it("agrees with cjson on 100,000 generated lines and leaves the rest to it", function()
    local pieces = { '{', '}', '"', '\\', '\\u', 'D83D', 'DE00', '\\uDC00', '0041', '00e9', ':', ',', ' ', '\t',
      '\n', 'true', 'false', 'null', '-', '0', '1', '12', '.', '5', 'e', 'E', '+', '[', ']', 'a', 'text', '\\n',
      '\\"', '\\/', '\\x', '\1', '\0', '\195\169', '\255', '1e999', 'tru', '"k":', '"v"' }
    local templates = { '{"a":%s}', '{"text":"%s","id":%s}', '{%s}', '%s', '{"k":"%s"}', ' {"a" : %s , "b":%s} ' }
    math.randomseed(7)
    local fast, refused_valid = 0, 0
    for _ = 1, 100000 do
      local p1, p2 = {}, {}
      for j = 1, math.random(0, 8) do p1[j] = pieces[math.random(#pieces)] end
      for j = 1, math.random(0, 4) do p2[j] = pieces[math.random(#pieces)] end
      local x, y = table.concat(p1), table.concat(p2)
      local line = templates[math.random(#templates)]:gsub("%%s", function() return x end, 1)
      line = line:gsub("%%s", function() return y end)
      local r = core.json_record(line)
      if r ~= nil then
        fast = fast + 1
        local c = cjson.decode(line)
        assert.truthy(same_value(c, r), ("%q"):format(line))
      end
      -- read in place from a bigger string: the same answer
      local buf = '{"x":1}\n' .. line .. '\n"'
      local r2 = core.json_record(buf, 9, 8 + #line)
      assert.truthy((r == nil and r2 == nil) or (r ~= nil and r2 ~= nil and same_value(r, r2)), ("%q"):format(line))
    end
    assert.truthy(fast > 5000)
  end)

  it("reads line:sub(i, j) in place, i and j clamped as string.sub clamps them", function()
    local line = 'ab{"k":"v"}cd'
    assert.same({ k = "v" }, core.json_record(line, 3, 11))
    assert.same({ k = "v" }, core.json_record(line, -11, -3))
    assert.is_nil(core.json_record(line, 3, 10))
    assert.is_nil(core.json_record(line, 12, 11))
    assert.same({ k = "v" }, core.json_record('{"k":"v"}', -100, 100))
    assert.is_nil(core.json_record('{"k":"v"}', 0, 0))
    -- core.encoding reads the part alone too
    local mixed = "Montr\233al | Montréal"
    assert.equal("windows-1252", (core.encoding(mixed, 1, 8)))
    assert.equal("utf-8", (core.encoding(mixed, 12)))
    assert.equal("ascii", (core.encoding(mixed, 1, 5)))
    for _ = 1, 2000 do
      local i, j = math.random(-30, 30), math.random(-30, 30)
      assert.same({ core.encoding(mixed:sub(i, j)) }, { core.encoding(mixed, i, j) })
    end
  end)

  it("refuses what is not a flat object, so cjson reports it", function()
    for _, line in ipairs { '{"a":{"b":1}}', '[1]', '{"a":1,}', '{broken json', '', '{"a":"\\ud800"}', '{"a":1e999}',
      '{"a":1} {"b":2}' } do
      assert.is_nil(core.json_record(line), line)
    end
    -- nested values still load, through cjson
    local dir = h.tmpdir()
    h.write(dir .. "/n.jsonl", '{"id":"n1","text":"Putin met Assad.","tags":["a","b"],"meta":{"x":1}}\n{"id":"n2","text":"x","n":5}\n')
    local docs = {}
    for d in nc.load(dir .. "/n.jsonl"):docs() do docs[#docs + 1] = d end
    assert.equal(2, #docs)
    assert.same({ "a", "b" }, docs[1].meta.tags)
    assert.equal(1, docs[1].meta.meta.x)
    assert.equal(5, docs[2].meta.n)
    os.execute("rm -rf '" .. dir .. "'")
  end)
end)
