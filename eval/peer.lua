--- Run a Node.js peer script of the evals over documents: each record goes to
-- the script as one JSON line on stdin; each line it prints is decoded and given
-- to convert(reply), which returns the document id and its predictions.
-- Returns {id = predictions}, or nil when the peer printed nothing (not installed).
local cjson = require "cjson"

local M = {}

function M.run(script, node_modules, records, convert)
  local tmp = os.tmpname()
  local f = assert(io.open(tmp, "wb"))
  for _, r in ipairs(records) do f:write(cjson.encode(r), "\n") end
  f:close()
  local p = io.popen("NODE_PATH=" .. node_modules .. " node " .. script .. " < " .. tmp .. " 2>/dev/null")
  local preds, n = {}, 0
  for line in p:lines() do
    local id, P = convert(cjson.decode(line))
    preds[id] = P
    n = n + 1
  end
  p:close()
  os.remove(tmp)
  if n == 0 then return nil end
  return preds
end

return M
