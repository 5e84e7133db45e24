--- MEANTIME (NewsReader CAT XML) for the evals: a file's tokens.
local M = {}

local function unxml(s)
  return (s:gsub("&lt;", "<"):gsub("&gt;", ">"):gsub("&quot;", '"'):gsub("&apos;", "'"):gsub("&amp;", "&"))
end
M.unxml = unxml

--- The XML of path, its tokens {id, sent, word} in order, and the tokens by t_id.
function M.read_tokens(path)
  local f = assert(io.open(path, "rb"))
  local x = f:read("*a")
  f:close()
  local toks, byid = {}, {}
  for attrs, word in x:gmatch("<token ([^>]*)>([^<]*)</token>") do
    local t = { id = attrs:match('t_id="(%d+)"'), sent = tonumber(attrs:match('sentence="(%d+)"')), word = unxml(word) }
    toks[#toks + 1] = t
    byid[t.id] = t
  end
  return x, toks, byid
end

return M
