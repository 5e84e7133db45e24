--- GUM's TEI-like xml (../shared/data/gum/xml) read back into text: one token
-- per line (first column), elements around tokens. Used by the evals of dates
-- and quotes.
local unxml = require("meantime").unxml

local M = {}

--- Detokenised text from a token list {word, sent|par break}: no space before
-- closing punctuation and clitics, none after opening brackets, none inside
-- straight double quotes.
function M.joiner()
  local parts, len, prev, dq = {}, 0, nil, false
  local J = {}
  function J.add(word, brk)
    local sep = ""
    if prev then
      if brk then sep = brk
      elseif word:find("^[,.;:!?)%]}%%]") or word:find("^'[sdm]$") or word:find("^'re$") or word:find("^'ve$")
        or word:find("^'ll$") or word:find("^n't$") or word:find("^’") or prev:find("[(%[{$]$")
        or (prev == '"' and dq) or (word == '"' and dq) then sep = ""
      else sep = " " end
    end
    if word == '"' then dq = not dq end
    parts[#parts + 1] = sep
    len = len + #sep
    local a = len + 1
    parts[#parts + 1] = word
    len = len + #word
    prev = word
    return a, len
  end
  function J.text() return table.concat(parts) end
  return J
end

--- The files of dir, sorted by name.
function M.files(dir)
  local out = {}
  for name, kind in pairs(require("newscorpus").core.listdir(dir)) do
    if kind == "file" then out[#out + 1] = name end
  end
  table.sort(out)
  return out
end

local BLOCK = { p = true, head = true, item = true, sp = true, caption = true, list = true }

--- Read one GUM xml file.
-- @param path file
-- @param tags set of element names to keep ({date = true, quote = true})
-- @return {id, text, dct (dateCreated), elements = list of {tag, attrs, start, stop}}
--   (start..stop: the bytes of the element's tokens in text; paragraphs, heads,
--   list items and speaker turns are separated by a blank line)
function M.read(path, tags)
  local f = assert(io.open(path, "rb"))
  local x = f:read("*a")
  f:close()
  local dct = x:match('<text [^>]-dateCreated="(%d%d%d%d%-%d%d%-%d%d)"')
  local J = M.joiner()
  local elements, open, brk = {}, {}, "\n\n"
  for line in x:gmatch("[^\n]+") do
    if line:sub(1, 1) == "<" then
      local close, tag = line:match("^<(/?)([%w_]+)")
      if tag and tags[tag] then
        if close == "" then
          open[#open + 1] = { tag = tag, attrs = line }
        else
          for i = #open, 1, -1 do
            if open[i].tag == tag then
              local e = table.remove(open, i)
              if e.start then elements[#elements + 1] = e end
              break
            end
          end
        end
      end
      if tag and close == "" and BLOCK[tag] then brk = "\n\n"
      elseif tag == "s" and close == "" and not brk then brk = " " end
    else
      local a, b = J.add(unxml(line:match("^([^\t]*)")), brk)
      brk = nil
      for _, e in ipairs(open) do
        e.start = e.start or a
        e.stop = b
      end
    end
  end
  table.sort(elements, function(p, q) return p.start < q.start end)
  return { id = path:match("([^/]+)%.xml$"), text = J.text(), dct = dct, elements = elements }
end

return M
