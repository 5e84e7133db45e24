--- Gazetteers: lists of entities (id, type, name, aliases, tag) compiled into
-- the C matcher (src/nc_gaz.c). Sources: TSV files (the format of data/gazetteer/),
-- JSON (a list of entries) or JSON Lines, Lua tables, a saved compiled file, and
-- the bundled default; several combine into one, earlier ones winning ties.
--
-- Alias case policy: `=US` (a leading "=") matches only as written; `*term`
-- any case; otherwise the alias matches case-insensitively where the text is
-- capitalised. Aliases of at most five characters with no lower-case letter
-- (US, IS, UN, AP, NATO) are case-exact unless written with "*".
-- PERSON and ORG entries also match transliteration variants (Mekdad ~
-- al-Meqdad ~ Miqdad) unless the entry says `translit = false`.
-- @module newscorpus.gazetteer
local core = require "newscorpus.core"
local data = require "newscorpus.data"
local json = require "newscorpus.json"

local M = {}
local Gazetteer = {}
Gazetteer.__index = Gazetteer
M.Gazetteer = Gazetteer

local function alias_mode(a)
  local c = a:sub(1, 1)
  if c == "=" then return a:sub(2), "exact" end
  if c == "*" then return a:sub(2), "any" end
  if #a <= 5 and not a:find("%l") and a:find("%u") then return a, "exact" end
  return a, "caps"
end

--- Add one entry table {id, type, name, aliases = {...}, tag, translit, case} to
-- the core gazetteer g. Returns true or nil, message.
local function add_entry(g, e, where)
  if type(e) ~= "table" then return nil, where .. ": an entry must be a table" end
  local id, name, ty = e.id, e.name, e.type
  if type(id) ~= "string" or id == "" then return nil, where .. ": entry without an 'id'" end
  if type(name) ~= "string" or name == "" then name = id end
  ty = type(ty) == "string" and ty:upper() or "MISC"
  local tag = type(e.tag) == "string" and e.tag or ""
  local translit = e.translit
  if translit == nil then translit = (ty == "PERSON" or ty == "ORG") end
  local aliases = e.aliases
  if type(aliases) == "string" then
    local t = {}
    for a in aliases:gmatch("[^|]+") do t[#t + 1] = a end
    aliases = t
  elseif type(aliases) ~= "table" then
    aliases = {}
  end
  local idx = g:entry(id, name, ty, tag)
  local n = 0
  for _, a in ipairs(#aliases > 0 and aliases or { name }) do
    if type(a) == "string" and a:find("%S") then
      local text, mode = alias_mode(a)
      if e.case == "exact" or e.case == "any" then mode = e.case end
      local ok, err = g:alias(idx, text, mode, translit)
      if not ok then return nil, where .. ": " .. err end
      n = n + 1
    end
  end
  if n == 0 then
    local ok, err = g:alias(idx, name, "caps", translit)
    if not ok then return nil, where .. ": " .. err end
  end
  return true
end

local function read_file(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local s = f:read("*a")
  f:close()
  return s
end

-- Entries from one source (path or table) appended to out; a TSV file goes
-- straight into the core gazetteer g (parsed in C, src/nc_gaztsv.c).
local function collect(src, out, g)
  if type(src) == "table" then
    if src.id then out[#out + 1] = src return out end
    for i, e in ipairs(src) do
      if type(e) == "table" and not e.where then e.where = "entry " .. i end
      out[#out + 1] = e
    end
    return out
  end
  if type(src) ~= "string" then return nil, "gazetteer source must be a path or a table" end
  local text, err = read_file(src)
  if not text then return nil, err end
  if src:match("%.lua$") then
    local chunk, cerr = (loadstring or load)(text, "@" .. src)
    if not chunk then return nil, cerr end
    local ok, t = pcall(chunk)
    if not ok or type(t) ~= "table" then return nil, src .. ": must return a table of entries" end
    return collect(t, out)
  end
  if src:match("%.jsonl$") then
    local n = 0
    for line in (text .. "\n"):gmatch("([^\n]*)\n") do
      n = n + 1
      if line:find("%S") then
        local e, jerr = json.decode(line)
        if not e then return nil, ("%s:%d: %s"):format(src, n, jerr) end
        e.where = src .. ":" .. n
        out[#out + 1] = e
      end
    end
    return out
  end
  if src:match("%.json$") then
    local t, jerr = json.decode(text)
    if not t then return nil, src .. ": " .. tostring(jerr) end
    return collect(t, out)
  end
  local ok, terr = g:add_tsv(text, src)
  if not ok then return nil, terr end
  return out
end

--- The bundled default sources: data/gazetteer/world.tsv (curated organisations,
-- armed groups, outlets, people, and places that need care) then places.tsv.
function M.default_sources()
  return { data.path("gazetteer/world.tsv"), data.path("gazetteer/places.tsv") }
end

local function wrap(g)
  return setmetatable({ core = g, _entries = {} }, Gazetteer)
end

--- Build a gazetteer.
-- @param spec nil or "default" for the bundled one; a path (TSV, .json, .jsonl,
-- .lua, or a file written by `:save`); a list of entry tables; or a table
-- `{sources = {...}, default = true|false}` (default: false when sources are given).
-- Entries: `{id=, type=, name=, aliases={...}, tag=, translit=, case=}`.
-- @return Gazetteer, or nil, message (a bad file or entry, with file and line)
function M.new(spec)
  local sources
  if spec == nil or spec == "default" then
    sources = M.default_sources()
  elseif type(spec) == "string" then
    local head = read_file(spec)
    if head and head:sub(1, 5) == "NCGAZ" then
      local g, err = core.gazetteer_load(head)
      if not g then return nil, spec .. ": " .. err end
      return wrap(g)
    end
    sources = { spec }
  elseif type(spec) == "table" and spec.sources then
    sources = {}
    for _, s in ipairs(spec.sources) do sources[#sources + 1] = s end
    if spec.default then
      for _, s in ipairs(M.default_sources()) do sources[#sources + 1] = s end
    end
  elseif type(spec) == "table" then
    sources = { spec }
    if spec.default then
      for _, s in ipairs(M.default_sources()) do sources[#sources + 1] = s end
    end
  else
    error("bad argument #1 to 'gazetteer' (path or table expected, got " .. type(spec) .. ")", 2)
  end
  local g = core.gazetteer()
  for _, s in ipairs(sources) do
    if getmetatable(s) == Gazetteer then return nil, "combine gazetteers by their sources, not compiled objects" end
    local entries, err = collect(s, {}, g)
    if not entries then return nil, err end
    for i, e in ipairs(entries) do
      local ok, aerr = add_entry(g, e, type(e) == "table" and e.where or ("entry " .. i))
      if not ok then return nil, aerr end
    end
  end
  g:compile()
  return wrap(g)
end

--- Matches in text: a flat list {start1, stop1, entry1, alias1, how1, ...}.
function Gazetteer:match(text) return self.core:match(text) end

--- Number of matches in text (no table built).
function Gazetteer:count(text) return self.core:count(text) end

--- Entry i as a table {id, name, type, tag} (cached).
function Gazetteer:entry(i)
  local e = self._entries[i]
  if not e then
    local id, name, ty, tag = self.core:entry_info(i)
    e = { id = id, name = name, type = ty, tag = tag }
    self._entries[i] = e
  end
  return e
end

--- Sizes: entries, aliases, nodes, bytes, compiled, scan_all.
function Gazetteer:info() return self.core:info() end

--- Write the compiled gazetteer to a file that `nc.gazetteer(path)` loads.
-- @return true or nil, message
function Gazetteer:save(path)
  local f, err = io.open(path, "wb")
  if not f then return nil, err end
  local ok, werr = f:write(self.core:dump())
  f:close()
  if not ok then return nil, werr end
  return true
end

local default_gaz
--- The default gazetteer, built once per Lua state.
function M.default()
  if not default_gaz then
    local g, err = M.new()
    if not g then error("newscorpus: " .. err, 0) end
    default_gaz = g
  end
  return default_gaz
end

return M
