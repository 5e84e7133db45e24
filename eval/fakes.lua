--- Read the FA-KES CSV (../shared/data/fakes): latin-1, quoted fields, a header row.
local core = require "newscorpus.core"
local M = {}

--- Rows of a CSV text (RFC 4180 quoting), each a list of fields.
function M.csv_rows(text)
  local rows, row, i, n = {}, {}, 1, #text
  while i <= n do
    if text:sub(i, i) == '"' then
      local buf, j = {}, i + 1
      while true do
        local q = text:find('"', j, true)
        if not q then buf[#buf + 1] = text:sub(j) i = n + 1 break end
        buf[#buf + 1] = text:sub(j, q - 1)
        if text:sub(q + 1, q + 1) == '"' then buf[#buf + 1] = '"' j = q + 2
        else i = q + 1 break end
      end
      row[#row + 1] = table.concat(buf)
    else
      local e = text:find("[,\r\n]", i) or n + 1
      row[#row + 1] = text:sub(i, e - 1)
      i = e
    end
    local c = text:sub(i, i)
    if c == "," then i = i + 1
    elseif c == "\r" or c == "\n" or i > n then
      if #row > 1 then rows[#rows + 1] = row end
      row = {}
      i = i + (text:sub(i, i + 1) == "\r\n" and 2 or 1)
    end
  end
  return rows
end

--- The rows of the FA-KES file, UTF-8, header first; or nil, message.
function M.rows(path)
  local f, err = io.open(path, "rb")
  if not f then return nil, err end
  local text = f:read("*a")
  f:close()
  return M.csv_rows(core.from_cp1252(text))   -- the decoder nc.load uses for latin-1
end

--- Articles as tables keyed by the header names.
function M.articles(path)
  local rows, err = M.rows(path)
  if not rows then return nil, err end
  local hdr, out = rows[1], {}
  for r = 2, #rows do
    local a = {}
    for k, name in ipairs(hdr) do a[name] = rows[r][k] end
    out[#out + 1] = a
  end
  return out
end

return M
