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

local dir_cache

--- The directory holding the data files.
-- @treturn string path without a trailing slash
function M.dir()
  if dir_cache then return dir_cache end
  local env = os.getenv("NEWSCORPUS_DATA")
  if env and env ~= "" then dir_cache = env return env end
  local here = debug.getinfo(1, "S").source:match("^@(.*)[/\\][^/\\]*$") or "."
  for _, cand in ipairs { here .. "/data", here .. "/../../data" } do
    if exists(cand .. "/abbreviations.txt") then dir_cache = cand return cand end
  end
  error("newscorpus: cannot find the data directory (set NEWSCORPUS_DATA)", 2)
end

--- Lines of a data file with comments and blank lines removed.
-- @tparam string name file name inside the data directory, or a path
-- @return list of {line = n, fields = {...}} or nil, message
function M.read(name)
  local path = name:find("/", 1, true) and name or (M.dir() .. "/" .. name)
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
  local rows, err = M.read(abbrev_file or "abbreviations.txt")
  if not rows then return nil, err end
  for _, r in ipairs(rows) do
    local word, kind = r.fields[1], r.fields[2]
    if not KINDS[kind] or #word > 64 then
      return nil, ("%s:%d: expected WORD<TAB>title|number|other"):format(r.path, r.line)
    end
    ws:add(word, KINDS[kind])
  end
  rows, err = M.read(starter_file or "sentence-starters.txt")
  if not rows then return nil, err end
  for _, r in ipairs(rows) do
    if #r.fields[1] <= 64 then ws:add(r.fields[1], core.STARTER) end
  end
  return ws
end

return M
