# newscorpus — `make help` lists the targets.
CC      ?= cc
CFLAGS  ?= -O3 -g
WARN    := -std=c99 -Wall -Wextra -pedantic -Wshadow
LUA_VERSION ?= 5.4
LIBS    := -lutf8proc -lpcre2-8
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
FUZZ_SECONDS ?= 60

CORE_SRC := src/nc_common.c src/nc_utf8.c src/nc_norm.c src/nc_chars.c src/nc_forms.c src/nc_token.c src/nc_wordset.c src/nc_sent.c src/nc_rules.c src/nc_lines.c src/nc_dates.c src/nc_datevalue.c src/nc_claims.c src/nc_gaz.c src/nc_gaztsv.c src/nc_ents.c src/nc_words.c src/nc_quotes.c src/nc_roles.c src/nc_quotemarks.c src/nc_tally.c src/nc_json.c
CORE_HDR := $(wildcard src/*.h)
MOD_SRC  := $(CORE_SRC) src/nc_lua.c

.PHONY: all help deps report test test-c test-lua test-compat test-rock fuzz eval bench clean

all: build/lua$(LUA_VERSION)/newscorpus/core.so ## build the module (Lua 5.4; LUA_VERSION=5.1 etc. for another)

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

deps: ## install missing Debian packages (all sets)
	@sh scripts/deps.sh all

report: ## the main job: install what is missing, build, report on the bundled seeds
	@sh scripts/deps.sh core
	@$(MAKE) --no-print-directory all
	@./bin/newscorpus report

# The Lua module, one build per Lua flavour: build/lua5.1 ... build/lua5.4, build/luajit.
build/lua%/newscorpus/core.so: $(MOD_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared -I/usr/include/lua$* -o $@ $(MOD_SRC) $(LIBS)

build/luajit/newscorpus/core.so: $(MOD_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) $(CFLAGS) -fPIC -shared -I/usr/include/luajit-2.1 -o $@ $(MOD_SRC) $(LIBS)

# The same module for Lua 5.4 under AddressSanitizer + UBSan (used by the specs).
build/asan/newscorpus/core.so: $(MOD_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -fPIC -shared -I/usr/include/lua5.4 -o $@ $(MOD_SRC) $(LIBS)

# C tests of the core, without Lua, under ASan + UBSan.
build/asan/test_core: spec/c/test_core.c $(CORE_SRC) $(CORE_HDR)
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 -g $(SAN) -Isrc -o $@ spec/c/test_core.c $(CORE_SRC) $(LIBS)

test: ## install what is missing, then run every test (C, specs, Lua 5.1-5.4 + LuaJIT, rock)
	@sh scripts/deps.sh compat
	@sh scripts/test.sh all

test-c: build/asan/test_core ## C tests of the core under ASan + UBSan
	@sh scripts/test.sh c

test-lua: build/asan/newscorpus/core.so ## busted specs on Lua 5.4 under ASan + UBSan
	@sh scripts/test.sh lua

test-compat: ## busted specs on Lua 5.1, 5.2, 5.3 and LuaJIT 2.1
	@sh scripts/test.sh compat

test-rock: ## `luarocks make` into a scratch tree, then use the installed rock
	@sh scripts/test.sh rock

fuzz: ## libFuzzer on the normaliser, tokenizer, splitter and line/date scanners, FUZZ_SECONDS each
	@sh scripts/deps.sh fuzz
	@sh fuzz/run.sh $(FUZZ_SECONDS)

eval: all ## accuracy: sentences and tokens (GUM), publication dates and cleaning (FA-KES), entities vs compromise and dates vs compromise-dates (GUM, MEANTIME), deaths figures vs compromise (FA-KES), quotes vs compromise (GUM) and their speakers (GUM, FA-KES)
	@lua5.4 eval/sentences.lua $(if $(GUM),$(GUM),../shared/data/gum/dep)
	@echo
	@lua5.4 eval/dates.lua
	@echo
	@lua5.4 eval/clean.lua
	@echo
	@sh scripts/peers.sh
	@lua5.4 eval/entities.lua ../shared/data build/node_modules
	@echo
	@lua5.4 eval/timex.lua ../shared/data build/node_modules
	@echo
	@lua5.4 eval/claims.lua ../shared/data build/node_modules
	@echo
	@lua5.4 eval/quotes.lua ../shared/data build/node_modules
	@echo
	@lua5.4 eval/namekey.lua

bench: ## install what is missing (pyahocorasick too), build the >= 50 MB bench corpus, then MB/s per core vs wc -w
	@sh scripts/deps.sh bench
	@$(MAKE) --no-print-directory all
	@bash bench/run.sh

clean: ## remove build products
	rm -rf build
