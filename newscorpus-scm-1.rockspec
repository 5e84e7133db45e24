rockspec_format = "3.0"
package = "newscorpus"
version = "scm-1"
source = {
   url = "git+file://."
}
description = {
   summary = "Analyse corpora of news articles: clean, tokenize, split, match, compare",
   detailed = [[
newscorpus is a Lua module with a C core (utf8proc, PCRE2) for analysing corpora of
news articles: UTF-8 repair and normalisation with offset maps, a Unicode-aware
tokenizer and sentence splitter, streaming loaders for files, folders and JSON Lines,
and a command line tool.]],
   license = "MIT",
   labels = { "nlp", "text", "news", "corpus" },
}
-- lua-cjson (JSON Lines input, --json output) is a runtime dependency that is not
-- declared here so that `luarocks make` works offline: on Debian it comes from the
-- lua-cjson package (scripts/deps.sh installs it); elsewhere: luarocks install lua-cjson.
dependencies = {
   "lua >= 5.1",
}
external_dependencies = {
   PCRE2 = { header = "pcre2.h", library = "pcre2-8" },
   UTF8PROC = { header = "utf8proc.h", library = "utf8proc" },
}
build = {
   type = "builtin",
   modules = {
      ["newscorpus"] = "lua/newscorpus/init.lua",
      ["newscorpus.clean"] = "lua/newscorpus/clean.lua",
      ["newscorpus.cli"] = "lua/newscorpus/cli.lua",
      ["newscorpus.corpus"] = "lua/newscorpus/corpus.lua",
      ["newscorpus.data"] = "lua/newscorpus/data.lua",
      ["newscorpus.dates"] = "lua/newscorpus/dates.lua",
      ["newscorpus.claims"] = "lua/newscorpus/claims.lua",
      ["newscorpus.quotes"] = "lua/newscorpus/quotes.lua",
      ["newscorpus.quotemarks"] = "lua/newscorpus/quotemarks.lua",
      ["newscorpus.phrases"] = "lua/newscorpus/phrases.lua",
      ["newscorpus.events"] = "lua/newscorpus/events.lua",
      ["newscorpus.timeline"] = "lua/newscorpus/timeline.lua",
      ["newscorpus.document"] = "lua/newscorpus/document.lua",
      ["newscorpus.entities"] = "lua/newscorpus/entities.lua",
      ["newscorpus.format"] = "lua/newscorpus/format.lua",
      ["newscorpus.gazetteer"] = "lua/newscorpus/gazetteer.lua",
      ["newscorpus.json"] = "lua/newscorpus/json.lua",
      ["newscorpus.meta"] = "lua/newscorpus/meta.lua",
      ["newscorpus.rules"] = "lua/newscorpus/rules.lua",
      ["newscorpus.core"] = {
         sources = {
            "src/nc_lua.c", "src/nc_common.c", "src/nc_utf8.c", "src/nc_norm.c",
            "src/nc_chars.c", "src/nc_forms.c", "src/nc_token.c", "src/nc_wordset.c",
            "src/nc_sent.c", "src/nc_rules.c", "src/nc_lines.c", "src/nc_dates.c", "src/nc_datevalue.c", "src/nc_claims.c",
            "src/nc_gaz.c",
            "src/nc_gaztsv.c",
            "src/nc_ents.c",
            "src/nc_words.c",
            "src/nc_quotes.c",
            "src/nc_roles.c",
            "src/nc_quotemarks.c",
            "src/nc_tally.c",
            "src/nc_json.c",
         },
         libraries = { "utf8proc", "pcre2-8" },
         incdirs = { "$(UTF8PROC_INCDIR)", "$(PCRE2_INCDIR)" },
         libdirs = { "$(UTF8PROC_LIBDIR)", "$(PCRE2_LIBDIR)" },
      },
   },
   install = {
      bin = { ["newscorpus"] = "bin/newscorpus" },
      lua = {
         ["newscorpus.data.abbreviations"] = "data/abbreviations.txt",
         ["newscorpus.data.sentence-starters"] = "data/sentence-starters.txt",
         ["newscorpus.data.rules.clean"] = "data/rules/clean.txt",
         ["newscorpus.data.rules.dates"] = "data/rules/dates.txt",
         ["newscorpus.data.rules.numbers"] = "data/rules/numbers.txt",
         ["newscorpus.data.rules.speech"] = "data/rules/speech.txt",
         ["newscorpus.data.rules.events"] = "data/rules/events.txt",
         ["newscorpus.data.common-words"] = "data/common-words.txt",
         ["newscorpus.data.first-names"] = "data/first-names.txt",
         ["newscorpus.data.first-names-moby"] = "data/first-names-moby.txt",
         ["newscorpus.data.english-words"] = "data/english-words.txt",
         ["newscorpus.data.gazetteer.world"] = "data/gazetteer/world.tsv",
         ["newscorpus.data.gazetteer.places"] = "data/gazetteer/places.tsv",
         ["newscorpus.seeds.s000"] = "seeds/000_054e6d9ce493268d.txt",
         ["newscorpus.seeds.s001"] = "seeds/001_4bf0d4cd9cc21487.txt",
         ["newscorpus.seeds.s002"] = "seeds/002_9b577226884e7e40.txt",
         ["newscorpus.seeds.s003"] = "seeds/003_67d736f8cbbca4ec.txt",
         ["newscorpus.seeds.s004"] = "seeds/004_35b1516114ec1545.txt",
      },
   },
}
test = {
   type = "busted",
}
