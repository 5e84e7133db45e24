-- Shared helpers for the specs.
local M = {}

M.lua = os.getenv("NEWSCORPUS_LUA") or "lua5.4"

function M.tmpdir()
  local p = os.tmpname()
  os.remove(p)
  assert(os.execute("mkdir -p '" .. p .. "'"))
  return p
end

function M.write(path, content)
  local f = assert(io.open(path, "wb"))
  f:write(content)
  f:close()
  return path
end

--- The path of a bundled seed article by its id.
function M.seed(id) return "seeds/" .. id .. ".txt" end

function M.read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("*a")
  f:close()
  return s
end

--- Run the CLI; returns stdout, stderr, exit status.
function M.cli(args, stdin)
  local dir = M.tmpdir()
  local cmd = "LUA=" .. M.lua .. " ./bin/newscorpus " .. args .. " >" .. dir .. "/out 2>" .. dir .. "/err"
  if stdin then cmd = cmd .. " <" .. M.write(dir .. "/in", stdin) end
  local p = io.popen(cmd .. "; echo $?")
  local status = tonumber(p:read("*a"):match("(%d+)%s*$"))
  p:close()
  local out, err = M.read(dir .. "/out"), M.read(dir .. "/err")
  os.execute("rm -rf '" .. dir .. "'")
  return out, err, status
end

M.seeds = { "000_054e6d9ce493268d", "001_4bf0d4cd9cc21487", "002_9b577226884e7e40",
  "003_67d736f8cbbca4ec", "004_35b1516114ec1545" }

return M
