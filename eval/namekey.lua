-- How often the transliteration name key (core.name_key) merges names that are
-- genuinely different. Usage: lua5.4 eval/namekey.lua
-- Sets of distinct names: the surnames (last tokens) of the people in
-- data/gazetteer/world.tsv, the 23,000 GeoNames place names of places.tsv, and
-- the given names of first-names-moby.txt. For each set: how many names share
-- their key with another name of the set, by name length. A shared key is a
-- merge; the sets hold few true variants (places.tsv keeps one place per
-- name), so most merges in them are false ones. The variants the key exists
-- for (Mekdad ~ Meqdad ~ Miqdad …) are listed with their keys as a check.
package.path = "lua/?.lua;lua/?/init.lua;" .. package.path
package.cpath = "build/lua5.4/?.so;" .. package.cpath
local core = require "newscorpus.core"
local data = require "newscorpus.data"

local function last_token(s) return s:match("([^%s%-]+)$") or s end

local function measure(label, names)
  local by, distinct = {}, {}
  for _, n in ipairs(names) do
    local low = core.token_key(n)
    if low ~= "" and not distinct[low] then
      distinct[low] = n
      local k = core.name_key(n)
      by[k] = by[k] or {}
      table.insert(by[k], n)
    end
  end
  local total, merged, short_total, short_merged, examples = 0, 0, 0, 0, {}
  for _, n in pairs(distinct) do
    local k = core.name_key(n)
    local shared = #by[k] > 1
    local short = #core.token_key(n) < 5
    total = total + 1
    if shared then merged = merged + 1 end
    if short then short_total = short_total + 1; if shared then short_merged = short_merged + 1 end end
    if shared and #examples < 6 and not short and by[k][1] == n then
      examples[#examples + 1] = table.concat(by[k], "/", 1, math.min(#by[k], 3))
    end
  end
  local long_total, long_merged = total - short_total, merged - short_merged
  print(("%-34s %6d names  %6d share a key (%.1f%%);  >= 5 letters: %6d, %5d (%.1f%%);  < 5: %5d, %5d (%.1f%%)")
    :format(label, total, merged, 100 * merged / math.max(total, 1), long_total, long_merged,
      100 * long_merged / math.max(long_total, 1), short_total, short_merged, 100 * short_merged / math.max(short_total, 1)))
  table.sort(examples)
  print("   e.g. " .. table.concat(examples, ", "))
end

local function tsv(path, pick)
  local out = {}
  for _, r in ipairs(assert(data.read(path))) do
    local v = pick(r.fields)
    if v then out[#out + 1] = v end
  end
  return out
end

measure("people in world.tsv (surnames)", tsv(data.path("gazetteer/world.tsv"),
  function(f) return f[2] == "PERSON" and last_token(f[3]) or nil end))
measure("GeoNames places (places.tsv names)", tsv(data.path("gazetteer/places.tsv"),
  function(f) return f[5] and f[5]:match("^[a-z]+") ~= "demonym" and f[5] ~= "country" and not f[3]:find("%s") and f[3] or nil end))
measure("given names (first-names-moby.txt)", tsv(data.path("first-names-moby.txt"), function(f) return f[1] end))
print()
for _, set in ipairs { { "Mekdad", "al-Meqdad", "Miqdad" }, { "Muallem", "Moallem" }, { "Shoigu", "Shoygu" },
                       { "Hezbollah", "Hizballah" }, { "Lavrentiev", "Lavrentyev" }, { "Putin", "Patten" },
                       { "Assad", "Assadi" }, { "Aoun", "Ain" }, { "Jubeir", "Jobar" } } do
  local ks = {}
  for _, n in ipairs(set) do ks[#ks + 1] = n .. " " .. core.name_key(n) end
  print("   " .. table.concat(ks, "  |  "))
end
