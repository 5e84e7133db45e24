--- JSON through lua-cjson, with arrays that stay arrays when empty.
-- @module newscorpus.json
local cjson = require "cjson.safe"

local M = {}

M.null = cjson.null

-- Debian's lua-cjson 2.1.0 encodes an empty table as {}; tables marked with
-- M.array() are encoded as [] when empty.
local array_mt = {}
local EMPTY = "\0newscorpus-empty-array\0"
local EMPTY_JSON = '"\\u0000newscorpus-empty-array\\u0000"'

--- Mark a table as a JSON array.
function M.array(t)
  return setmetatable(t or {}, array_mt)
end

local function prepare(v)
  if type(v) ~= "table" then return v end
  if getmetatable(v) == array_mt and next(v) == nil then return EMPTY end
  local out = {}
  for k, x in pairs(v) do out[k] = prepare(x) end
  return out
end

-- True when a table holds (at any depth) an empty marked array.
local function has_empty_array(v)
  for _, x in pairs(v) do
    if type(x) == "table" then
      if (getmetatable(x) == array_mt and next(x) == nil) or has_empty_array(x) then return true end
    end
  end
  return false
end

--- Encode a value; returns the string or nil, message.
function M.encode(v)
  local special = type(v) == "table" and has_empty_array(v)
  local s, err = cjson.encode(special and prepare(v) or v)
  if not s then return nil, err end
  if special and s:find(EMPTY_JSON, 1, true) then
    s = s:gsub('"\\u0000newscorpus%-empty%-array\\u0000"', "[]")
  end
  -- cjson writes / as \/; every / is escaped, so \/ is always that escape
  if s:find("\\/", 1, true) then s = s:gsub("\\/", "/") end
  return s
end

--- Encode a record whose values are numbers, strings or booleans (no nested
-- tables): the fast path for one JSON line per token or sentence.
function M.encode_flat(v)
  local s, err = cjson.encode(v)
  if not s then return nil, err end
  if s:find("\\/", 1, true) then s = s:gsub("\\/", "/") end
  return s
end

--- Decode a string; returns the value or nil, message.
function M.decode(s)
  return cjson.decode(s)
end

return M
