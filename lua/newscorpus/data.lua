--- Locating and loading the plain-text data files in `data/`.
-- The data directory is, in order: `$NEWSCORPUS_DATA`, `data/` installed beside the
-- module (a rock), or `data/` at the top of a checkout.
-- @module newscorpus.data
local core = require "newscorpus.core"

local M = {}

local function exists(path)
  local f = io.open(path, "rb")
  if f then f:close() return true end
  return false
end

local found = {}

--- A path without "." and "dir/.." segments (lexically; a/b/../c -> a/c).
function M.clean_path(p)
  local abs = p:sub(1, 1) == "/"
  local parts = {}
  for seg in p:gmatch("[^/]+") do
    if seg == ".." and #parts > 0 and parts[#parts] ~= ".." then parts[#parts] = nil
    elseif seg ~= "." then parts[#parts + 1] = seg end
  end
  local out = table.concat(parts, "/")
  if abs then return "/" .. out end
  return out ~= "" and out or "."
end

-- A bundled folder: $ENV, beside this module (an installed rock), or at the
-- top of a checkout; `probe` is a file that must exist in it.
local function bundled(name, env, probe)
  if found[name] then return found[name] end
  local v = os.getenv(env)
  if v and v ~= "" then found[name] = v return v end
  local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
  for _, cand in ipairs { here .. "/" .. name, here .. "/../../" .. name } do
    if exists(cand .. "/" .. probe) then
      found[name] = M.clean_path(cand)
      return found[name]
    end
  end
  return nil
end

--- The directory holding the data files ($NEWSCORPUS_DATA overrides).
-- @treturn string path without a trailing slash
function M.dir()
  return bundled("data", "NEWSCORPUS_DATA", "abbreviations.txt")
    or error("newscorpus: cannot find the data directory (set NEWSCORPUS_DATA)", 2)
end

--- The bundled sample corpus ($NEWSCORPUS_SEEDS overrides), or nil.
function M.seeds_dir()
  return bundled("seeds", "NEWSCORPUS_SEEDS", "000_054e6d9ce493268d.txt")
end

--- Path of a bundled data file, e.g. M.path("rules/clean.txt").
function M.path(name)
  return M.dir() .. "/" .. name
end

--- Lines of a data file with comments and blank lines removed, split at tabs.
-- @tparam string path the file (use M.path for the bundled ones)
-- @return list of {line = n, fields = {...}, path = path} or nil, message
function M.read(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local out, n = {}, 0
  for line in f:lines() do
    n = n + 1
    line = line:gsub("\r$", ""):gsub("#.*$", "")
    if line:find("%S") then
      local fields = {}
      for field in line:gmatch("[^\t]+") do
        fields[#fields + 1] = field:match("^%s*(.-)%s*$")
      end
      out[#out + 1] = { line = n, fields = fields, path = path }
    end
  end
  f:close()
  return out
end

local KINDS = { title = core.ABBR_TITLE, number = core.ABBR_NUMBER, other = core.ABBR_OTHER }

--- Build the wordset the sentence splitter uses from abbreviation and starter files.
-- @tparam[opt] string abbrev_file default "abbreviations.txt"
-- @tparam[opt] string starter_file default "sentence-starters.txt"
-- @return Wordset, or nil, message (file unreadable or a bad line, with file and line)
function M.splitter_words(abbrev_file, starter_file)
  local ws = core.wordset()
  local rows, err = M.read(abbrev_file or M.path("abbreviations.txt"))
  if not rows then return nil, err end
  for _, r in ipairs(rows) do
    local word, kind = r.fields[1], r.fields[2]
    if not KINDS[kind] or #word > 64 then
      return nil, ("%s:%d: expected WORD<TAB>title|number|other"):format(r.path, r.line)
    end
    ws:add(word, KINDS[kind])
  end
  rows, err = M.read(starter_file or M.path("sentence-starters.txt"))
  if not rows then return nil, err end
  for _, r in ipairs(rows) do
    if #r.fields[1] <= 64 then ws:add(r.fields[1], core.STARTER) end
  end
  return ws
end

return M
