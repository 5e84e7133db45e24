--- Output helpers for the CLI: aligned tables, JSON Lines, the progress line.
-- @module newscorpus.format
local core = require "newscorpus.core"
local json = require "newscorpus.json"

local M = {}

M.array = json.array

local repair = core.utf8_repair

-- Strings in JSON output must be valid UTF-8: invalid sequences become U+FFFD
-- (doc.stats counts them; the original text is untouched).
local function clean_value(v)
  local t = type(v)
  if t == "string" then return (repair(v)) end
  if t ~= "table" then return v end
  local out = getmetatable(v) and setmetatable({}, getmetatable(v)) or {}
  for k, x in pairs(v) do out[k] = clean_value(x) end
  return out
end

--- One JSON object as a line (no newline). nil fields are left out.
-- Strings are repaired to valid UTF-8 only when `repair` is true (the document
-- has invalid bytes; doc.stats says so), which keeps the common case cheap.
function M.json(obj, repair)
  local s, err = json.encode(repair and clean_value(obj) or obj)
  if not s then error("newscorpus: cannot encode JSON: " .. tostring(err), 0) end
  return s
end

--- One flat JSON record (string, number and boolean values) as a line.
function M.json_flat(obj, repair)
  local s, err = json.encode_flat(repair and clean_value(obj) or obj)
  if not s then error("newscorpus: cannot encode JSON: " .. tostring(err), 0) end
  return s
end

--- A streaming row writer with fixed column widths: widths is a list of
-- {width, right}; the last column is written as it is. Returns
-- write(out, v1, v2, ...) that formats one line in a single string.format.
function M.row_writer(cols)
  local parts = {}
  for c, col in ipairs(cols) do
    if c == #cols or col[1] == 0 then parts[c] = "%s"
    else parts[c] = "%" .. (col.right and "" or "-") .. col[1] .. "s" end
  end
  local fmtstr = table.concat(parts, "  ") .. "\n"
  return function(out, ...)
    out:write(fmtstr:format(...))
  end
end

--- Text for a table cell: one line, valid UTF-8, control characters as spaces.
function M.cell(v)
  if v == nil then return "-" end
  return (repair(tostring(v), true))     -- one pass in C; v itself when clean
end

--- Display width (code points).
local function width(s)
  if not s:find("[\128-\255]") then return #s end
  local _, n = s:gsub("[^\128-\191]", "")
  return n
end
M.width = width

local utf8_offset = utf8 and utf8.offset   -- Lua 5.3+
local utf8_scan = core.utf8_scan

--- Clip s to at most n code points, marking the cut with an ellipsis.
function M.clip(s, n)
  if width(s) <= n then return s end
  if utf8_offset and utf8_scan(s) == 0 then
    -- valid UTF-8: the first n - 1 characters, cut where the n-th starts
    local pos = utf8_offset(s, n)
    if pos then return s:sub(1, pos - 1) .. "…" end
  end
  local out, count = {}, 0
  for ch in s:gmatch("[%z\1-\127\194-\244][\128-\191]*") do
    count = count + 1
    if count >= n then break end
    out[#out + 1] = ch
  end
  return table.concat(out) .. "…"
end

--- Human-readable byte count.
function M.bytes(n)
  if n >= 1e6 then return ("%.1f MB"):format(n / 1e6) end
  if n >= 1e3 then return ("%.1f KB"):format(n / 1e3) end
  return n .. " B"
end

--- Write rows as an aligned table. cols: list of {key, title, right = bool, max = n};
-- the last column is not padded. opts: header (default true), indent.
function M.table(out, rows, cols, opts)
  opts = opts or {}
  local indent = opts.indent or ""
  local cells, widths = {}, {}
  for c, col in ipairs(cols) do widths[c] = opts.header == false and 0 or width(col[2]) end
  for r, row in ipairs(rows) do
    local line = {}
    for c, col in ipairs(cols) do
      local s = M.cell(row[col[1]])
      if col.max then s = M.clip(s, col.max) end
      line[c] = s
      local w = width(s)
      if w > widths[c] then widths[c] = w end
    end
    cells[r] = line
  end
  local function emit(line)
    local parts = {}
    for c = 1, #cols do
      local s, pad = line[c], widths[c] - width(line[c])
      if c == #cols and not cols[c].right then parts[c] = s
      elseif cols[c].right then parts[c] = (" "):rep(pad) .. s
      else parts[c] = s .. (" "):rep(pad) end
    end
    out:write(indent, table.concat(parts, "  "), "\n")
  end
  if opts.header ~= false then
    local head = {}
    for c, col in ipairs(cols) do head[c] = col[2] end
    emit(head)
  end
  for _, line in ipairs(cells) do emit(line) end
end

--- A progress line on a terminal: documents, MB, MB/s (CPU time), at most 4 per second.
function M.progress(err)
  local p = { t0 = os.clock(), last = 0, shown = false }
  function p:update(ndocs, bytes)
    local now = os.clock()
    if now - self.last < 0.25 then return end
    self.last = now
    local dt = now - self.t0
    local mbs = dt > 0 and bytes / 1e6 / dt or 0
    err:write(("\r\27[K%d docs, %.1f MB, %.1f MB/s"):format(ndocs, bytes / 1e6, mbs))
    self.shown = true
  end
  function p:done()
    if self.shown then err:write("\r\27[K") self.shown = false end
  end
  return p
end

return M
