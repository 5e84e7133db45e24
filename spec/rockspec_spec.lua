-- The rockspec installs every module and every data file (a rock missing one
-- works from the checkout and fails once installed).
local h = require "helper"
local core = require "newscorpus.core"

describe("newscorpus-scm-1.rockspec", function()
  local spec = h.read("newscorpus-scm-1.rockspec")

  it("lists every Lua module", function()
    for name, kind in pairs(core.listdir("lua/newscorpus")) do
      if kind == "file" and name:match("%.lua$") then
        local path = "lua/newscorpus/" .. name
        assert.truthy(spec:find('"' .. path .. '"', 1, true), path)
      end
    end
  end)

  it("lists every data file and C source", function()
    local function walk(dir)
      for name, kind in pairs(core.listdir(dir)) do
        local path = dir .. "/" .. name
        if kind == "dir" then walk(path)
        elseif name:match("%.txt$") or name:match("%.tsv$") or name:match("^nc_.*%.c$") then
          assert.truthy(spec:find('"' .. path .. '"', 1, true), path)
        end
      end
    end
    walk("data")
    walk("src")
  end)
end)
