/* nc_lua — the Lua binding of the newscorpus C core (module newscorpus.core).
 * The only file that includes lua.h. Offsets are 0-based inside C and become
 * 1-based inclusive [start, stop] here, at the boundary.
 * Compiles against Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT 2.1. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <limits.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lua.h>
#include <lauxlib.h>

#include "nc_norm.h"
#include "nc_lines.h"
#include "nc_dates.h"
#include "nc_forms.h"
#include "nc_gaz.h"
#include "nc_gaztsv.h"
#include "nc_rules.h"
#include "nc_sent.h"
#include "nc_token.h"
#include "nc_utf8.h"
#include "nc_wordset.h"
#include "nc_ents.h"
#include "nc_words.h"
#include "nc_tally.h"
#include "nc_json.h"
#include "nc_datevalue.h"
#include "nc_claims.h"
#include "nc_chars.h"
#include "nc_quotes.h"
#include "nc_roles.h"

#define NC_VERSION "0.1.0"
#define MT_TOKENS "newscorpus.Tokens"
#define MT_SENTENCES "newscorpus.Sentences"
#define MT_WORDSET "newscorpus.Wordset"
#define MT_MAP "newscorpus.Map"
#define MT_DIR "newscorpus.Dir"
#define MT_RULES "newscorpus.Rules"
#define MT_GAZ "newscorpus.Gazetteer"
#define MT_BOX "newscorpus.Box"
#define MT_TALLY "newscorpus.Tally"
#define MT_CLAIMS "newscorpus.Claims"
#define MT_QDOC "newscorpus.QuoteDoc"
#define MT_MENTS "newscorpus.Mentions"
#define MT_QRES "newscorpus.QuoteWork"
#define MT_QSPLIT "newscorpus.QuoteSplit"

/* ---- compatibility ------------------------------------------------------ */

#if LUA_VERSION_NUM >= 504
#define nc_newud(L, sz) lua_newuserdatauv((L), (sz), 1)
#else
#define nc_newud(L, sz) lua_newuserdata((L), (sz))
#endif

#if LUA_VERSION_NUM < 502
static void nc_setfuncs(lua_State *L, const luaL_Reg *l) { luaL_register(L, NULL, l); }
#define nc_rawlen(L, i) lua_objlen((L), (i))
#else
static void nc_setfuncs(lua_State *L, const luaL_Reg *l) { luaL_setfuncs(L, l, 0); }
#define nc_rawlen(L, i) lua_rawlen((L), (i))
#endif

/* Keep the value at the top of the stack alive as long as the userdata at
 * index ud (its user value; on 5.1/5.2, which want a table there, inside a
 * one-slot table). Pops the value. */
static void keep_ref(lua_State *L, int ud)
{
    ud = ud < 0 ? lua_gettop(L) + ud + 1 : ud;
#if LUA_VERSION_NUM >= 504
    lua_setiuservalue(L, ud, 1);
#elif LUA_VERSION_NUM == 503
    lua_setuservalue(L, ud);
#else
    lua_createtable(L, 1, 0);
    lua_insert(L, -2);
    lua_rawseti(L, -2, 1);
#if LUA_VERSION_NUM == 502
    lua_setuservalue(L, ud);
#else
    lua_setfenv(L, ud);
#endif
#endif
}

/* Push the value kept by keep_ref for the userdata at index ud. */
static void push_ref(lua_State *L, int ud)
{
#if LUA_VERSION_NUM >= 504
    lua_getiuservalue(L, ud, 1);
#elif LUA_VERSION_NUM == 503
    lua_getuservalue(L, ud);
#else
#if LUA_VERSION_NUM == 502
    lua_getuservalue(L, ud);
#else
    lua_getfenv(L, ud);
#endif
    if (lua_istable(L, -1)) lua_rawgeti(L, -1, 1); else lua_pushnil(L);
    lua_remove(L, -2);
#endif
}

/* Create a zeroed userdata of size sz with metatable mt (pushed). */
static void *new_object(lua_State *L, size_t sz, const char *mt)
{
    void *p = nc_newud(L, sz);
    memset(p, 0, sz);
    luaL_getmetatable(L, mt);
    lua_setmetatable(L, -2);
    return p;
}

/* A box for memory the core allocated while Lua builds a result from it: if
 * building raises (out of memory), the box's __gc frees the memory. Push the
 * box before calling the core, put the pointer in it, free it and set it to
 * NULL when done. */
static void **new_box(lua_State *L)
{
    void **box = (void **)new_object(L, sizeof(void *), MT_BOX);
    *box = NULL;
    return box;
}

static int l_box_gc(lua_State *L)
{
    void **box = (void **)luaL_checkudata(L, 1, MT_BOX);
    free(*box);
    *box = NULL;
    return 0;
}

static void box_free(void **box)
{
    free(*box);
    *box = NULL;
}

/* Raise a Lua error for a core status (NC_ENOMEM is a raise: memory). */
static int push_status_error(lua_State *L, int rc)
{
    if (rc == NC_ENOMEM) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_pushnil(L);
    lua_pushstring(L, nc_strerror(rc));
    return 2;
}

/* Index argument i (1-based) checked against 1..n; returns it 0-based. */
static size_t check_index(lua_State *L, int arg, size_t n)
{
    lua_Integer i = luaL_checkinteger(L, arg);
    luaL_argcheck(L, i >= 1 && (size_t)i <= n, arg, "index out of range");
    return (size_t)(i - 1);
}

/* ---- Tokens --------------------------------------------------------------- */

typedef struct l_tokens {
    nc_tokens t;        /* the token array; empty after close */
    const char *text;   /* borrowed: the string kept alive by the user value */
    size_t len;
    int closed;         /* 1 after close/__gc */
} l_tokens;

static l_tokens *check_tokens(lua_State *L, int i)
{
    l_tokens *tk = (l_tokens *)luaL_checkudata(L, i, MT_TOKENS);
    if (tk->closed) luaL_argerror(L, i, "tokens object is closed");
    return tk;
}

/* Memory the core allocates outside the Lua heap (token and sentence
 * arrays) is reported to the collector, so that dropped documents are freed
 * before memory grows. The bytes are summed in a counter shared by
 * core.tokenize and core.split (their upvalue; one per Lua state, no C
 * global) and handed over as one step per 64 KB: a collector step for every
 * call cost more than tokenizing a short text. */
#define NC_GC_CHUNK (64u * 1024u)

static void gc_external(lua_State *L, size_t bytes)
{
    size_t *debt = (size_t *)lua_touserdata(L, lua_upvalueindex(1));
    if (!debt) return;
    *debt += bytes;
    if (*debt >= NC_GC_CHUNK) {
        size_t kb = *debt >> 10;
        *debt &= 1023u;
        lua_gc(L, LUA_GCSTEP, kb > (size_t)INT_MAX ? INT_MAX : (int)kb);
    }
}

/* core.tokenize(text) -> Tokens | nil, msg */
static int l_tokenize(lua_State *L)
{
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    l_tokens *tk;
    int rc;
    lua_settop(L, 1);
    tk = (l_tokens *)new_object(L, sizeof *tk, MT_TOKENS);
    lua_pushvalue(L, 1);
    keep_ref(L, -2);
    tk->text = s;
    tk->len = len;
    rc = nc_tokenize(&tk->t, s, len);
    if (rc != NC_OK) return push_status_error(L, rc);
    gc_external(L, tk->t.cap * sizeof(nc_token));
    return 1;
}

static int l_tokens_gc(lua_State *L)
{
    l_tokens *tk = (l_tokens *)luaL_checkudata(L, 1, MT_TOKENS);
    nc_tokens_free(&tk->t);
    tk->closed = 1;
    return 0;
}

static int l_tokens_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_tokens(L, 1)->t.n);
    return 1;
}

static void push_token_table(lua_State *L, const l_tokens *tk, size_t i)
{
    const nc_token *t = &tk->t.v[i];
    lua_createtable(L, 0, 4);
    lua_pushinteger(L, (lua_Integer)t->start + 1);          /* 1-based inclusive */
    lua_setfield(L, -2, "start");
    lua_pushinteger(L, (lua_Integer)t->start + (lua_Integer)t->len);
    lua_setfield(L, -2, "stop");
    lua_pushstring(L, nc_token_kind_name(t->kind));
    lua_setfield(L, -2, "kind");
    lua_pushlstring(L, tk->text + t->start, t->len);
    lua_setfield(L, -2, "text");
}

/* tokens[i] -> {start, stop, kind, text}; tokens.method -> method */
static int l_tokens_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TNUMBER) {
        l_tokens *tk = check_tokens(L, 1);
        lua_Integer i = lua_tointeger(L, 2);
        if (i < 1 || (size_t)i > tk->t.n) return 0;
        push_token_table(L, tk, (size_t)(i - 1));
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_gettable(L, lua_upvalueindex(1));
    return 1;
}

/* tokens:span(i) -> start, stop, kind   (no table) */
static int l_tokens_span(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    const nc_token *t = &tk->t.v[check_index(L, 2, tk->t.n)];
    lua_pushinteger(L, (lua_Integer)t->start + 1);
    lua_pushinteger(L, (lua_Integer)t->start + (lua_Integer)t->len);
    lua_pushstring(L, nc_token_kind_name(t->kind));
    return 3;
}

/* tokens:text(i) -> string */
static int l_tokens_text(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    const nc_token *t = &tk->t.v[check_index(L, 2, tk->t.n)];
    lua_pushlstring(L, tk->text + t->start, t->len);
    return 1;
}

/* tokens:is(i, flag) -> boolean; flag: "cap", "upper", "lower", "nl", "para", "space", "invalid",
 * "dotted", "repaired", "terminal" */
static int l_tokens_is(lua_State *L)
{
    static const char *const names[] = { "space", "nl", "para", "cap", "upper", "invalid", "lower",
                                         "dotted", "repaired", "terminal", NULL };
    static const unsigned bits[] = { NC_TOK_SPACE, NC_TOK_NL, NC_TOK_PARA, NC_TOK_CAP,
                                     NC_TOK_UPPER, NC_TOK_INVALID, NC_TOK_LOWER, NC_TOK_DOTTED,
                                     NC_TOK_REPAIRED, NC_TOK_TERMINAL };
    l_tokens *tk = check_tokens(L, 1);
    size_t i = check_index(L, 2, tk->t.n);
    int f = luaL_checkoption(L, 3, NULL, names);
    lua_pushboolean(L, (tk->t.v[i].flags & bits[f]) != 0);
    return 1;
}

/* iterator body: (tokens, k) -> k+1, start, stop, kind */
static int tokens_iter(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2) + 1;
    lua_Integer last = lua_tointeger(L, lua_upvalueindex(1));
    const nc_token *t;
    if (k > last || (size_t)k > tk->t.n) return 0;
    t = &tk->t.v[k - 1];
    lua_pushinteger(L, k);
    lua_pushinteger(L, (lua_Integer)t->start + 1);
    lua_pushinteger(L, (lua_Integer)t->start + (lua_Integer)t->len);
    lua_pushvalue(L, lua_upvalueindex(2 + t->kind));   /* interned kind name */
    return 4;
}

/* tokens:each([i [, j]]) -> iterator of i, start, stop, kind (no tables) */
static int l_tokens_each(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    lua_Integer i = luaL_optinteger(L, 2, 1), j = luaL_optinteger(L, 3, (lua_Integer)tk->t.n);
    int k;
    lua_pushinteger(L, j);
    for (k = 0; k < NC_NKINDS; k++) lua_pushstring(L, nc_token_kind_name(k));
    lua_pushcclosure(L, tokens_iter, 1 + NC_NKINDS);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, (i < 1 ? 1 : i) - 1);
    return 3;
}

/* tokens:count([kind]) -> number of tokens (of that kind) */
static int l_tokens_count(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    size_t i, c = 0;
    int k;
    if (lua_isnoneornil(L, 2)) { lua_pushinteger(L, (lua_Integer)tk->t.n); return 1; }
    {
        const char *name = luaL_checkstring(L, 2);
        for (k = 0; k < NC_NKINDS; k++)
            if (strcmp(name, nc_token_kind_name(k)) == 0) break;
        if (k == NC_NKINDS) return luaL_argerror(L, 2, "unknown token kind");
    }
    for (i = 0; i < tk->t.n; i++) c += tk->t.v[i].kind == k;
    lua_pushinteger(L, (lua_Integer)c);
    return 1;
}

/* ---- Wordset -------------------------------------------------------------- */

typedef struct wordset_ud {
    nc_wordset ws;
    int closed;
} wordset_ud;

static wordset_ud *check_wordset(lua_State *L, int i)
{
    wordset_ud *w = (wordset_ud *)luaL_checkudata(L, i, MT_WORDSET);
    if (w->closed) luaL_argerror(L, i, "wordset is closed");
    return w;
}

/* core.wordset() -> Wordset */
static int l_wordset(lua_State *L)
{
    wordset_ud *w = (wordset_ud *)new_object(L, sizeof *w, MT_WORDSET);
    nc_wordset_init(&w->ws);
    return 1;
}

static int l_wordset_gc(lua_State *L)
{
    wordset_ud *w = (wordset_ud *)luaL_checkudata(L, 1, MT_WORDSET);
    nc_wordset_free(&w->ws);
    w->closed = 1;
    return 0;
}

/* wordset:add(word, value) -> wordset | raises on a bad argument */
static int l_wordset_add(lua_State *L)
{
    wordset_ud *w = check_wordset(L, 1);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    lua_Integer v = luaL_checkinteger(L, 3);
    int rc;
    luaL_argcheck(L, n > 0 && n <= NC_WORD_MAX, 2, "word must be 1..64 bytes");
    luaL_argcheck(L, v >= 1 && v <= 0xFFFF, 3, "value must be 1..65535");
    rc = nc_wordset_add(&w->ws, s, n, (unsigned)v);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

/* wordset:add_lines(text, value) -> number added: the first field of every
 * line (blank lines and '#' comments skipped; fields over 64 bytes too) */
static int l_wordset_add_lines(lua_State *L)
{
    wordset_ud *w = check_wordset(L, 1);
    size_t n, k;
    const char *s = luaL_checklstring(L, 2, &n);
    lua_Integer v = luaL_checkinteger(L, 3);
    int rc;
    luaL_argcheck(L, v >= 1 && v <= 0xFFFF, 3, "value must be 1..65535");
    rc = nc_wordset_add_lines(&w->ws, s, n, (unsigned)v, &k);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_pushinteger(L, (lua_Integer)k);
    return 1;
}

/* wordset:get(word) -> value (0 when absent) */
static int l_wordset_get(lua_State *L)
{
    wordset_ud *w = check_wordset(L, 1);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    lua_pushinteger(L, (lua_Integer)nc_wordset_get(&w->ws, s, n));
    return 1;
}

static int l_wordset_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_wordset(L, 1)->ws.count);
    return 1;
}

/* ---- Sentences ------------------------------------------------------------ */

typedef struct l_sentences {
    nc_sentences s;
    int closed;
} l_sentences;

static l_sentences *check_sentences(lua_State *L, int i)
{
    l_sentences *ss = (l_sentences *)luaL_checkudata(L, i, MT_SENTENCES);
    if (ss->closed) luaL_argerror(L, i, "sentences object is closed");
    return ss;
}

/* core.split(tokens [, wordset]) -> Sentences */
static int l_split(lua_State *L)
{
    l_tokens *tk = check_tokens(L, 1);
    const nc_wordset *ws = NULL;
    l_sentences *ss;
    int rc;
    if (!lua_isnoneornil(L, 2)) ws = &check_wordset(L, 2)->ws;
    lua_settop(L, 2);
    ss = (l_sentences *)new_object(L, sizeof *ss, MT_SENTENCES);
    lua_pushvalue(L, 1);
    keep_ref(L, -2);
    rc = nc_split(&ss->s, tk->text, tk->len, &tk->t, ws);
    if (rc != NC_OK) return push_status_error(L, rc);
    gc_external(L, ss->s.cap * sizeof(nc_sentence));
    return 1;
}

/* core.sentence_spans(text [, wordset]) -> flat {start, stop, para, ...}: the
 * sentences core.split(core.tokenize(text), wordset) gives (1-based inclusive
 * offsets, paragraph numbers from 1 as in s[i].para), found by nc_split_text without the
 * token array; nil, message for a text over 4 GiB. */
static int l_sentence_spans(lua_State *L)
{
    size_t n, i;
    const char *s = luaL_checklstring(L, 1, &n);
    const nc_wordset *ws = NULL;
    nc_sentences out;
    nc_tokens t;
    void **box, **tbox;
    int rc;
    if (!lua_isnoneornil(L, 2)) ws = &check_wordset(L, 2)->ws;
    box = new_box(L);
    tbox = new_box(L);
    memset(&t, 0, sizeof t);
    memset(&out, 0, sizeof out);
    rc = nc_split_text(&out, s, n, ws, &t);
    *box = out.v;
    *tbox = t.v;
    if (rc != NC_OK) {
        box_free(box);
        box_free(tbox);
        return push_status_error(L, rc);
    }
    lua_createtable(L, out.n * 3 < INT_MAX ? (int)(out.n * 3) : 0, 0);
    for (i = 0; i < out.n; i++) {
        lua_pushinteger(L, (lua_Integer)out.v[i].start + 1);
        lua_rawseti(L, -2, (lua_Integer)(3 * i + 1));
        lua_pushinteger(L, (lua_Integer)out.v[i].start + out.v[i].len);
        lua_rawseti(L, -2, (lua_Integer)(3 * i + 2));
        lua_pushinteger(L, (lua_Integer)out.v[i].para + 1);
        lua_rawseti(L, -2, (lua_Integer)(3 * i + 3));
    }
    box_free(box);
    box_free(tbox);
    return 1;
}

static int l_sentences_gc(lua_State *L)
{
    l_sentences *ss = (l_sentences *)luaL_checkudata(L, 1, MT_SENTENCES);
    nc_sentences_free(&ss->s);
    ss->closed = 1;
    return 0;
}

static int l_sentences_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)check_sentences(L, 1)->s.n);
    return 1;
}

/* sentences[i] -> {start, stop, text, para, first_token, last_token} */
static int l_sentences_index(lua_State *L)
{
    if (lua_type(L, 2) == LUA_TNUMBER) {
        l_sentences *ss = check_sentences(L, 1);
        lua_Integer i = lua_tointeger(L, 2);
        const nc_sentence *st;
        l_tokens *tk;
        if (i < 1 || (size_t)i > ss->s.n) return 0;
        st = &ss->s.v[i - 1];
        push_ref(L, 1);
        tk = (l_tokens *)luaL_checkudata(L, -1, MT_TOKENS);
        lua_createtable(L, 0, 6);
        lua_pushinteger(L, (lua_Integer)st->start + 1);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, (lua_Integer)st->start + (lua_Integer)st->len);
        lua_setfield(L, -2, "stop");
        lua_pushlstring(L, tk->text + st->start, st->len);
        lua_setfield(L, -2, "text");
        lua_pushinteger(L, (lua_Integer)st->para + 1);
        lua_setfield(L, -2, "para");
        lua_pushinteger(L, (lua_Integer)st->first + 1);
        lua_setfield(L, -2, "first_token");
        lua_pushinteger(L, (lua_Integer)st->first + (lua_Integer)st->ntok);
        lua_setfield(L, -2, "last_token");
        return 1;
    }
    lua_pushvalue(L, 2);
    lua_gettable(L, lua_upvalueindex(1));
    return 1;
}

/* sentences:span(i) -> start, stop, first_token, last_token, para */
static int l_sentences_span(lua_State *L)
{
    l_sentences *ss = check_sentences(L, 1);
    const nc_sentence *st = &ss->s.v[check_index(L, 2, ss->s.n)];
    lua_pushinteger(L, (lua_Integer)st->start + 1);
    lua_pushinteger(L, (lua_Integer)st->start + (lua_Integer)st->len);
    lua_pushinteger(L, (lua_Integer)st->first + 1);
    lua_pushinteger(L, (lua_Integer)st->first + (lua_Integer)st->ntok);
    lua_pushinteger(L, (lua_Integer)st->para + 1);
    return 5;
}

/* iterator body: (sentences, k) -> k+1, start, stop */
static int sentences_iter(lua_State *L)
{
    l_sentences *ss = check_sentences(L, 1);
    lua_Integer k = luaL_checkinteger(L, 2) + 1;
    const nc_sentence *st;
    if (k < 1 || (size_t)k > ss->s.n) return 0;
    st = &ss->s.v[k - 1];
    lua_pushinteger(L, k);
    lua_pushinteger(L, (lua_Integer)st->start + 1);
    lua_pushinteger(L, (lua_Integer)st->start + (lua_Integer)st->len);
    return 3;
}

/* sentences:each() -> iterator of i, start, stop */
static int l_sentences_each(lua_State *L)
{
    check_sentences(L, 1);
    lua_pushcfunction(L, sentences_iter);
    lua_pushvalue(L, 1);
    lua_pushinteger(L, 0);
    return 3;
}

/* ---- Normalisation ---------------------------------------------------------- */

typedef struct l_map {
    nc_norm nm;   /* runs only: the normalised text is handed to Lua and freed */
    int closed;
} l_map;

static l_map *check_map(lua_State *L, int i)
{
    l_map *m = (l_map *)luaL_checkudata(L, i, MT_MAP);
    if (m->closed) luaL_argerror(L, i, "map is closed");
    return m;
}

/* core.normalize(text, form [, strip_accents]) -> normalised, map, repairs, mojibake
 * form: "nfc" or "key". */
static int l_normalize(lua_State *L)
{
    static const char *const forms[] = { "nfc", "key", NULL };
    size_t len;
    const char *s = luaL_checklstring(L, 1, &len);
    int form = luaL_checkoption(L, 2, NULL, forms);
    unsigned flags = (form == 1 ? NC_NORM_KEY : NC_NORM_NFC) |
                     (lua_toboolean(L, 3) ? NC_NORM_NOACCENTS : 0u);
    l_map *m;
    int rc;
    lua_settop(L, 3);
    m = (l_map *)new_object(L, sizeof *m, MT_MAP);
    rc = nc_norm_build(&m->nm, s, len, flags);
    if (rc != NC_OK) return push_status_error(L, rc);
    lua_pushlstring(L, m->nm.text, m->nm.len);
    free(m->nm.text);
    m->nm.text = NULL;
    m->nm.cap = 0;
    lua_insert(L, -2);
    lua_pushinteger(L, (lua_Integer)m->nm.repairs);
    lua_pushinteger(L, (lua_Integer)m->nm.mojibake);
    return 4;
}

/* The optional arguments i, j at index idx (1-based, inclusive, clamped as
 * string.sub clamps them, negative from the end) narrow *s[0..*n-1] to
 * that part. */
static void sub_range(lua_State *L, int idx, const char **s, size_t *n)
{
    lua_Integer len = (lua_Integer)*n;
    lua_Integer i = luaL_optinteger(L, idx, 1), j = luaL_optinteger(L, idx + 1, -1);
    if (i < 0) i = i < -len ? 1 : len + i + 1;
    else if (i == 0) i = 1;
    if (j < 0) j = j < -len ? 0 : len + j + 1;
    else if (j > len) j = len;
    if (i > j) { *n = 0; return; }
    *s += i - 1;
    *n = (size_t)(j - i + 1);
}

/* core.encoding(text [, i [, j]]) -> "ascii", "utf-8" or "windows-1252", and the counts of
 * valid multi-byte characters and invalid sequences. Text that is not valid
 * UTF-8 and has no valid multi-byte character, or has more invalid sequences
 * than valid ones, is taken for Windows-1252 (which covers Latin-1). With i
 * and j, only text:sub(i, j) is read. */
static int l_encoding(lua_State *L)
{
    size_t n, multi, invalid;
    const char *str = luaL_checklstring(L, 1, &n);
    const unsigned char *s;
    sub_range(L, 2, &str, &n);
    s = (const unsigned char *)str;
    nc_utf8_census(s, n, &multi, &invalid);
    lua_pushstring(L, !invalid ? (multi ? "utf-8" : "ascii") : invalid > multi ? "windows-1252" : "utf-8");
    lua_pushinteger(L, (lua_Integer)multi);
    lua_pushinteger(L, (lua_Integer)invalid);
    return 3;
}

/* core.from_cp1252(text) -> UTF-8 text. Windows-1252 is decoded as the WHATWG
 * Encoding Standard does for the labels latin1, iso-8859-1 and windows-1252. */
static int l_from_cp1252(lua_State *L)
{
    size_t n, len;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    unsigned char *buf;
    len = nc_cp1252_to_utf8(s, n, NULL);
    if (len == n) { lua_settop(L, 1); return 1; }      /* ASCII: nothing to do */
    buf = (unsigned char *)lua_newuserdata(L, len);     /* scratch the GC owns */
    nc_cp1252_to_utf8(s, n, buf);
    lua_pushlstring(L, (const char *)buf, len);
    return 1;
}

/* core.fold(text [, strip_accents]) -> key, hash: the key layer only (NFKC,
 * case-folded, typography unified; no offset map), with runs of ASCII
 * whitespace collapsed to one space and the ends trimmed, a key for comparing
 * lines and names; and its 52-bit hash (the one core.lines gives). */
static int l_fold(lua_State *L)
{
    size_t len, i;
    const char *s = luaL_checklstring(L, 1, &len);
    unsigned flags = NC_NORM_KEY | NC_NORM_NOMAP | (lua_toboolean(L, 2) ? NC_NORM_NOACCENTS : 0u);
    l_map *m;
    int rc;
    for (i = 0; i < len && (unsigned char)s[i] < 0x80; i++) {}
    if (i == len) {                      /* ASCII: fold and collapse in one pass */
        luaL_Buffer b;
        int space = 1;
        size_t pending = 0;              /* a space to write before the next character */
        luaL_buffinit(L, &b);
        for (i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c == ' ' && !space && nc_lost_clitic((const unsigned char *)s, len, i)) {
                c = '\'';                   /* Russia s -> russia's, as the key layer reads it */
            } else if (c == ' ' || (c >= '\t' && c <= '\r')) {
                if (!space) pending = 1;
                space = 1;
                continue;
            }
            if (pending) { luaL_addchar(&b, ' '); pending = 0; }
            if (c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
            else if (c == '`') c = '\'';
            luaL_addchar(&b, (char)c);
            space = 0;
        }
        luaL_pushresult(&b);
        {
            size_t kl;
            const char *k = lua_tolstring(L, -1, &kl);
            lua_pushnumber(L, (lua_Number)nc_key_hash((const unsigned char *)k, kl));
        }
        return 2;
    }
    lua_settop(L, 2);
    m = (l_map *)new_object(L, sizeof *m, MT_MAP);     /* owns the buffers until freed below */
    rc = nc_norm_build(&m->nm, s, len, flags);
    if (rc != NC_OK) {
        nc_norm_free(&m->nm);
        return push_status_error(L, rc);
    }
    {
        char *t = m->nm.text;
        size_t j, o = 0;
        int space = 1;                       /* trims leading blanks */
        for (j = 0; j < m->nm.len; j++) {
            unsigned char c = (unsigned char)t[j];
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                if (!space) t[o++] = ' ';
                space = 1;
            } else {
                t[o++] = (char)c;
                space = 0;
            }
        }
        if (o > 0 && t[o - 1] == ' ') o--;
        lua_pushlstring(L, t, o);
        lua_pushnumber(L, (lua_Number)nc_key_hash((const unsigned char *)t, o));
    }
    nc_norm_free(&m->nm);
    return 2;
}

static int l_map_gc(lua_State *L)
{
    l_map *m = (l_map *)luaL_checkudata(L, 1, MT_MAP);
    nc_norm_free(&m->nm);
    m->closed = 1;
    return 0;
}

/* map:span(a, b) -> start, stop in the original (all 1-based inclusive;
 * a..b is a range of the normalised text). */
static int l_map_span(lua_State *L)
{
    l_map *m = check_map(L, 1);
    lua_Integer a = luaL_checkinteger(L, 2), b = luaL_optinteger(L, 3, a);
    size_t os, oe;
    luaL_argcheck(L, a >= 1 && (size_t)a <= m->nm.len, 2, "position out of range");
    luaL_argcheck(L, b >= a && (size_t)b <= m->nm.len, 3, "position out of range");
    nc_norm_map(&m->nm, (size_t)a - 1, (size_t)b, &os, &oe);
    lua_pushinteger(L, (lua_Integer)os + 1);
    lua_pushinteger(L, (lua_Integer)oe);
    return 2;
}

/* ---- Rules (PCRE2) ----------------------------------------------------------- */

typedef struct rules_ud {
    nc_rules *r;   /* compiled set; NULL before compilation and after close */
    /* what rules:match keeps from one call to the next: the matches and PCRE2's
     * match data (a call while busy, after a raise, uses its own) */
    nc_matches m;
    void *md;
    int busy;
} rules_ud;

static rules_ud *check_rules(lua_State *L, int i)
{
    rules_ud *ru = (rules_ud *)luaL_checkudata(L, i, MT_RULES);
    if (!ru->r) luaL_argerror(L, i, "rules object is closed");
    return ru;
}

static int l_rules_gc(lua_State *L)
{
    rules_ud *ru = (rules_ud *)luaL_checkudata(L, 1, MT_RULES);
    nc_rules_free(ru->r);
    ru->r = NULL;
    nc_matches_free(&ru->m);
    nc_rules_md_free(ru->md);
    ru->md = NULL;
    return 0;
}

/* Match ru's rules over s[0..n) into the matches ru keeps, or, while those
 * are in use (a call that raised left them so), into *own, whose memory is
 * boxed on the stack (*box). Give them back with rules_done. */
static int rules_run(lua_State *L, rules_ud *ru, const char *s, size_t n, nc_matches *own, void ***box,
                     nc_matches **out)
{
    void *md = NULL;
    int rc;
    *box = NULL;
    if (ru->busy) {
        memset(own, 0, sizeof *own);
        *out = own;
        *box = new_box(L);
    } else {
        *out = &ru->m;
        ru->busy = 1;
    }
    (*out)->n = 0;
    (*out)->limited = 0;
    rc = nc_rules_match_kept(ru->r, s, n, *out, *box ? &md : &ru->md);
    if (*box) {
        **box = own->v;
        nc_rules_md_free(md);
    }
    return rc;
}

static void rules_done(rules_ud *ru, void **box)
{
    if (box) box_free(box);
    else ru->busy = 0;
}

/* core.rules({ {pattern = p, caseless = bool, line = bool, scan = bool}, ... }) -> Rules
 * | nil, "rule N: message at offset K", N, K  (a bad pattern is data) */
static int l_rules(lua_State *L)
{
    size_t n, i;
    rules_ud *ru;
    const char **pats;
    size_t *lens;
    unsigned *flags;
    nc_rule_error err;
    int rc;
    luaL_checktype(L, 1, LUA_TTABLE);
    n = nc_rawlen(L, 1);
    lua_settop(L, 1);
    ru = (rules_ud *)new_object(L, sizeof *ru, MT_RULES);           /* 2 */
    /* scratch arrays live in a userdata, so nothing leaks if a check raises */
    pats = (const char **)lua_newuserdata(L, (n ? n : 1) * (sizeof *pats + sizeof *lens + sizeof *flags));
    lens = (size_t *)(void *)(pats + (n ? n : 1));
    flags = (unsigned *)(void *)(lens + (n ? n : 1));
    for (i = 0; i < n; i++) {
        lua_rawgeti(L, 1, (int)i + 1);
        if (!lua_istable(L, -1)) return luaL_argerror(L, 1, "each rule must be a table");
        lua_getfield(L, -1, "pattern");
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, 1, "each rule needs a string 'pattern'");
        pats[i] = lua_tolstring(L, -1, &lens[i]);   /* kept alive by the rule table */
        lua_pop(L, 1);
        lua_getfield(L, -1, "caseless");
        flags[i] = lua_toboolean(L, -1) ? NC_RULE_CASELESS : 0u;
        lua_pop(L, 1);
        lua_getfield(L, -1, "line");
        flags[i] |= lua_toboolean(L, -1) ? NC_RULE_LINE : 0u;
        lua_pop(L, 1);
        lua_getfield(L, -1, "scan");
        flags[i] |= lua_toboolean(L, -1) ? NC_RULE_SCAN : 0u;
        lua_pop(L, 2);
    }
    rc = nc_rules_new(&ru->r, n, pats, lens, flags, &err);
    if (rc == NC_EINVAL) {
        lua_pushnil(L);
        lua_pushfstring(L, "rule %d: %s at offset %d", (int)err.rule + 1, err.msg, (int)err.offset);
        lua_pushinteger(L, (lua_Integer)err.rule + 1);
        lua_pushinteger(L, (lua_Integer)err.offset);
        return 4;
    }
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_pop(L, 1);                                                   /* scratch */
    return 1;
}

/* rules:match(text) -> {rule1, start1, stop1, rule2, ...} (1-based inclusive),
 * limited (rules stopped at a match limit) */
static int l_rules_match(lua_State *L)
{
    rules_ud *ru = check_rules(L, 1);
    size_t n, i;
    const char *s = luaL_checklstring(L, 2, &n);
    nc_matches own, *m;
    void **box;
    int rc = rules_run(L, ru, s, n, &own, &box, &m), k = 0;
    if (rc != NC_OK) {
        rules_done(ru, box);
        return push_status_error(L, rc);
    }
    lua_createtable(L, (int)(m->n * 3 < 0x7fffffff ? m->n * 3 : 0), 0);
    for (i = 0; i < m->n; i++) {
        lua_pushinteger(L, (lua_Integer)m->v[i].rule + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)m->v[i].start + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)m->v[i].end);
        lua_rawseti(L, -2, ++k);
    }
    lua_pushinteger(L, (lua_Integer)m->limited);
    rules_done(ru, box);
    return 2;
}

/* rules:triggers(words, digits, back [, leads]) -> rules (see nc_rules_triggers, nc_rules_leads) */
static int l_rules_triggers(lua_State *L)
{
    rules_ud *ru = check_rules(L, 1);
    size_t n;
    const char *w = luaL_checklstring(L, 2, &n);
    lua_Integer back = luaL_optinteger(L, 4, 48);
    int rc;
    luaL_argcheck(L, back >= 0 && back <= 4096, 4, "back must be 0..4096");
    rc = nc_rules_triggers(ru->r, w, n, lua_toboolean(L, 3), (size_t)back);
    if (rc == NC_OK && !lua_isnoneornil(L, 5)) {
        size_t ln;
        const char *lw = luaL_checklstring(L, 5, &ln);
        rc = nc_rules_leads(ru->r, lw, ln);
    }
    if (rc == NC_EINVAL) return luaL_argerror(L, 1, "triggers need a scan set");
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

static int l_rules_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)nc_rules_count(check_rules(L, 1)->r));
    return 1;
}

/* ---- Gazetteer ------------------------------------------------------------ */

struct gaz_work;

typedef struct gaz_ud {
    nc_gaz *g;               /* NULL after close */
    unsigned char *eclass;   /* entry classes for g:entities, made on first use */
    unsigned char *ekind;    /* per entry: NC_QE_* of its type, | EK_TAGGED when it has a tag (g:mentions) */
    size_t nclass;
    struct gaz_work *work;   /* memory g:entities reuses, made on first use */
} gaz_ud;

static void work_free(struct gaz_work *w);

static nc_gaz *check_gaz(lua_State *L, int i)
{
    gaz_ud *u = (gaz_ud *)luaL_checkudata(L, i, MT_GAZ);
    if (!u->g) luaL_argerror(L, i, "gazetteer is closed");
    return u->g;
}

static int l_gaz_gc(lua_State *L)
{
    gaz_ud *u = (gaz_ud *)luaL_checkudata(L, 1, MT_GAZ);
    nc_gaz_free(u->g);
    u->g = NULL;
    free(u->eclass);
    u->eclass = NULL;
    free(u->ekind);
    u->ekind = NULL;
    u->nclass = 0;
    work_free(u->work);
    u->work = NULL;
    return 0;
}

/* core.gazetteer() -> an empty Gazetteer to fill with :entry and :alias */
static int l_gazetteer(lua_State *L)
{
    gaz_ud *u = (gaz_ud *)new_object(L, sizeof *u, MT_GAZ);
    u->g = nc_gaz_new();
    if (!u->g) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    return 1;
}

static int frozen_error(lua_State *L, nc_gaz *g)
{
    nc_gaz_info in;
    nc_gaz_info_get(g, &in);
    if (in.frozen) return luaL_error(L, "gazetteer is compiled: it can no longer be changed");
    return 0;
}

/* g:entry(id, name, type [, tag]) -> index (1-based) */
static int l_gaz_entry(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    size_t l[4];
    const char *s[4];
    uint32_t idx;
    int rc;
    s[0] = luaL_checklstring(L, 2, &l[0]);
    s[1] = luaL_checklstring(L, 3, &l[1]);
    s[2] = luaL_checklstring(L, 4, &l[2]);
    s[3] = luaL_optlstring(L, 5, "", &l[3]);
    frozen_error(L, g);
    rc = nc_gaz_entry(g, s[0], l[0], s[1], l[1], s[2], l[2], s[3], l[3], &idx);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_pushinteger(L, (lua_Integer)idx + 1);
    return 1;
}

static const char *const case_modes[] = { "caps", "exact", "any", NULL };

/* g:alias(entry, text [, mode [, translit]]) -> true | nil, msg (an alias with
 * no word, over 16 tokens or a token over 255 bytes is bad data) */
static int l_gaz_alias(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    nc_gaz_info in;
    lua_Integer e = luaL_checkinteger(L, 2);
    size_t n;
    const char *s = luaL_checklstring(L, 3, &n);
    int mode = luaL_checkoption(L, 4, "caps", case_modes);
    int tr = lua_toboolean(L, 5), rc;
    frozen_error(L, g);
    nc_gaz_info_get(g, &in);
    luaL_argcheck(L, e >= 1 && (size_t)e <= in.entries, 2, "no such entry");
    rc = nc_gaz_alias(g, (uint32_t)(e - 1), s, n, (unsigned)mode, (unsigned)tr);
    if (rc == NC_ENOMEM) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (rc != NC_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, "alias '%s': no word, more than %d tokens, or a token over %d bytes",
                        s, NC_GAZ_MAXTOK, NC_GAZ_MAXKEY);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* g:add_tsv(text [, where]) -> true | nil, "where:line: reason" (nc_gaztsv.h);
 * entries before a bad line stay */
static int l_gaz_add_tsv(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    size_t n, line;
    const char *s = luaL_checklstring(L, 2, &n);
    const char *where = luaL_optstring(L, 3, "tsv"), *why;
    int rc;
    frozen_error(L, g);
    rc = nc_gaz_add_tsv(g, s, n, &line, &why);
    if (rc == NC_ENOMEM) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (rc != NC_OK) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s:%d: %s", where, (int)line, why);
        return 2;
    }
    lua_pushboolean(L, 1);
    return 1;
}

/* g:compile() -> g (read-only from now on; :match compiles on first use) */
static int l_gaz_compile(lua_State *L)
{
    int rc = nc_gaz_freeze(check_gaz(L, 1));
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_settop(L, 1);
    return 1;
}

/* Match the text (argument 2) with the gazetteer (argument 1), compiling it
 * first if needed. The hits' buffer goes into a box pushed on the stack (freed
 * by the caller with box_free, or by the collector if building the result
 * raises). Returns the box, or NULL after pushing nil, message. */
static void **gaz_hits(lua_State *L, nc_gaz_hits *h)
{
    nc_gaz *g = check_gaz(L, 1);
    size_t n;
    const char *s = luaL_checklstring(L, 2, &n);
    void **box;
    int rc = nc_gaz_freeze(g);
    if (rc != NC_OK) luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    box = new_box(L);
    memset(h, 0, sizeof *h);
    rc = nc_gaz_match(g, s, n, h);
    *box = h->v;
    if (rc != NC_OK) {
        box_free(box);
        push_status_error(L, rc);
        return NULL;
    }
    return box;
}

/* g:match(text) -> {start1, stop1, entry1, alias1, how1, start2, ...}
 * (1-based inclusive offsets, 1-based entry and alias indices, how: 1 name
 * key, 2 particle) */
static int l_gaz_match(lua_State *L)
{
    nc_gaz_hits h;
    size_t i;
    int k = 0;
    void **box = gaz_hits(L, &h);
    if (!box) return 2;
    lua_createtable(L, (int)(h.n * 5 < 0x7fffffff ? h.n * 5 : 0), 0);
    for (i = 0; i < h.n; i++) {
        lua_pushinteger(L, (lua_Integer)h.v[i].start + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)h.v[i].end);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)h.v[i].entry + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)h.v[i].alias + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)h.v[i].how);
        lua_rawseti(L, -2, ++k);
    }
    box_free(box);
    return 1;
}

/* Where add_keys writes: a luaL_Buffer, or a tally's scratch (a C buffer). */
typedef struct keysink {
    luaL_Buffer *b;       /* when not NULL */
    char *p;              /* else: p[0..n-1] of cap bytes; oom set when it could not grow */
    size_t n, cap;
    int oom;
} keysink;

static void sink_add(keysink *k, const char *s, size_t n)
{
    if (k->b) { luaL_addlstring(k->b, s, n); return; }
    if (k->oom) return;
    if (n > k->cap - k->n) {
        size_t cap = k->cap ? k->cap : 256;
        char *p;
        while (cap - k->n < n) {
            if (cap > (size_t)-1 / 2) { k->oom = 1; return; }
            cap *= 2;
        }
        p = realloc(k->p, cap);
        if (!p) { k->oom = 1; return; }
        k->p = p;
        k->cap = cap;
    }
    memcpy(k->p + k->n, s, n);
    k->n += n;
}

/* Append to b the key of each token of s[0..n-1] as the matcher computes it,
 * separated by sep; names: the transliteration key instead, al-/el- particles
 * dropped, and with id_form its vowel marks as '_' (the form of ids). */
static void add_keys(keysink *b, const unsigned char *s, size_t n, int names, char sep, int id_form)
{
    size_t i = 0, ts, te, kn, k;
    unsigned char kb[4 * NC_GAZ_MAXKEY + 8], nk[4 * NC_GAZ_MAXKEY + 8];
    int first = 1;
    while (nc_next_match_token(s, n, i, &ts, &te)) {
        i = te;
        if (te - ts > NC_GAZ_MAXKEY || !(kn = nc_token_key(s + ts, te - ts, kb))) continue;
        if (names) {
            if (nc_is_particle(kb, kn)) continue;
            kn = nc_name_key(kb, kn, nk);
            memcpy(kb, nk, kn);
        }
        if (!first) sink_add(b, &sep, 1);
        if (id_form)
            for (k = 0; k < kn; k++) if (kb[k] == '*') kb[k] = '_';
        sink_add(b, (const char *)kb, kn);
        first = 0;
    }
}

/* The discovered id of s[0..n-1] into b: "discovered:<type>:<name key>", the
 * name key's spaces as '-' and vowel marks as '_'. */
static void discovered_id(keysink *b, const char *type, const unsigned char *s, size_t n)
{
    sink_add(b, "discovered:", 11);
    sink_add(b, type, strlen(type));
    sink_add(b, ":", 1);
    add_keys(b, s, n, 1, '-', 1);
}

/* Mention types (NC_ENT_*) as the type field and as the type in discovered ids. */
static const char *const tname[] = { "OTHER", "PERSON", "ORG", "PLACE" };
static const char *const tlow[] = { "other", "person", "org", "place" };

/* Field keys of a mention, interned once per call at stack slots K..K+7. */
enum { F_START, F_STOP, F_TEXT, F_ID, F_NAME, F_TYPE, F_SOURCE, F_TAG, F_N };

/* Push id, name, type, source, tag (5 values, tag may be nil) of mention i.
 * cache: per-call table of entry strings (4 slots per entry); names: id ->
 * the first text of a discovered entity; K: the field-name strings. A
 * discovered entity's name is the text of named_by when it is given (the
 * first mention of its id, found in C: ments_first), else from names. */
static void push_fields(lua_State *L, const gaz_ud *u, const nc_ents *out, size_t i, const char *s,
                        int cache, int names, int K, const nc_ent *named_by)
{
    const nc_ent *e = &out->v[i];
    /* a resolved mention takes the fields of the one it resolves to (refs point back) */
    while (e->source == NC_SRC_RESOLVED && e->ref >= 0 && (size_t)e->ref < i) {
        i = (size_t)e->ref;
        e = &out->v[i];
    }
    if (e->source == NC_SRC_GAZ) {
        lua_Integer slot = (lua_Integer)e->ref * 4;
        lua_rawgeti(L, cache, slot + 1);
        if (lua_isnil(L, -1)) {
            const char *es[4];
            size_t el[4];
            int f;
            lua_pop(L, 1);
            nc_gaz_entry_info(u->g, (uint32_t)e->ref, &es[0], &el[0], &es[1], &el[1], &es[2], &el[2], &es[3], &el[3]);
            for (f = 0; f < 4; f++) {
                if (f == 3 && el[3] == 0) lua_pushboolean(L, 0);
                else lua_pushlstring(L, es[f], el[f]);
                lua_rawseti(L, cache, slot + 1 + f);
            }
            lua_rawgeti(L, cache, slot + 1);
        }
        lua_rawgeti(L, cache, slot + 2);
        lua_rawgeti(L, cache, slot + 3);
        lua_pushvalue(L, K + F_N);                     /* "gazetteer" */
        lua_rawgeti(L, cache, slot + 4);
        if (!lua_toboolean(L, -1)) { lua_pop(L, 1); lua_pushnil(L); }
    } else {
        luaL_Buffer b;
        keysink k;
        const char *ty = tname[e->type & 3];
        memset(&k, 0, sizeof k);
        k.b = &b;
        luaL_buffinit(L, &b);
        discovered_id(&k, tlow[e->type & 3], (const unsigned char *)s + e->start, e->end - e->start);
        luaL_pushresult(&b);                           /* id */
        if (named_by) lua_pushlstring(L, s + named_by->start, named_by->end - named_by->start);
        else {
            lua_pushvalue(L, -1);
            lua_rawget(L, names);                      /* id, name|nil */
        }
        if (lua_isnil(L, -1)) {
            lua_pop(L, 1);
            lua_pushlstring(L, s + e->start, e->end - e->start);
            lua_pushvalue(L, -2);
            lua_pushvalue(L, -2);
            lua_rawset(L, names);                      /* names[id] = name */
        }
        lua_pushstring(L, ty);
        lua_pushvalue(L, K + F_N + 1);                 /* "discovered" */
        lua_pushnil(L);
    }
}

/* ---- tally: entity counts over a corpus, kept in C ----------------------------- */

typedef struct tally_ud {
    nc_tally *t;
    keysink scratch;      /* a discovered id being built */
} tally_ud;

/* The userdata at index i if it has metatable mt, else NULL (5.1 has no luaL_testudata). */
static void *test_udata(lua_State *L, int i, const char *mt)
{
    void *p = lua_touserdata(L, i);
    int same;
    if (!p || !lua_getmetatable(L, i)) return NULL;
    luaL_getmetatable(L, mt);
    same = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    return same ? p : NULL;
}

static tally_ud *check_tally(lua_State *L, int i)
{
    tally_ud *t = (tally_ud *)luaL_checkudata(L, i, MT_TALLY);
    if (!t->t) luaL_argerror(L, i, "tally is closed");
    return t;
}

/* core.tally() -> Tally (give it to gazetteer:entities as the output; then :list()) */
static int l_tally(lua_State *L)
{
    tally_ud *t = (tally_ud *)new_object(L, sizeof *t, MT_TALLY);
    t->t = nc_tally_new();
    if (!t->t) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    return 1;
}

static int l_tally_gc(lua_State *L)
{
    tally_ud *t = (tally_ud *)luaL_checkudata(L, 1, MT_TALLY);
    nc_tally_free(t->t);
    free(t->scratch.p);
    memset(t, 0, sizeof *t);
    return 0;
}

static int l_tally_len(lua_State *L)
{
    lua_pushinteger(L, (lua_Integer)nc_tally_count(check_tally(L, 1)->t));
    return 1;
}

/* tally:list() -> {{id, name, type, source, mentions, docs, aliases = {form, ...}}, ...}
 * by mentions (most first), then id */
static int l_tally_list(lua_State *L)
{
    static const char *const key[NC_TALLY_NFIELDS] = { "id", "name", "type", "source" };
    tally_ud *t = check_tally(L, 1);
    size_t n = nc_tally_count(t->t), i, *order;
    void **box;
    lua_settop(L, 1);
    box = new_box(L);
    order = n ? malloc(n * sizeof *order) : NULL;
    *box = order;
    if (n && !order) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    if (nc_tally_order(t->t, order) != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    lua_createtable(L, n < 0x7fffffff ? (int)n : 0, 0);
    for (i = 0; i < n; i++) {
        nc_tally_rec r;
        uint32_t f;
        int k, j = 0;
        nc_tally_get(t->t, order[i], &r);
        lua_createtable(L, 0, 7);
        for (k = 0; k < NC_TALLY_NFIELDS; k++) {
            lua_pushlstring(L, r.s[k], r.n[k]);
            lua_setfield(L, -2, key[k]);
        }
        lua_pushinteger(L, (lua_Integer)r.items);
        lua_setfield(L, -2, "mentions");
        lua_pushinteger(L, (lua_Integer)r.docs);
        lua_setfield(L, -2, "docs");
        lua_createtable(L, r.nforms < 0x7fffffff ? (int)r.nforms : 0, 0);
        for (f = r.first_form; f != NC_TALLY_END; ) {
            const char *fs;
            size_t fl;
            f = nc_tally_form(t->t, f, &fs, &fl);
            lua_pushlstring(L, fs, fl);
            lua_rawseti(L, -2, ++j);
        }
        lua_setfield(L, -2, "aliases");
        lua_rawseti(L, -2, (int)i + 1);
    }
    box_free(box);
    return 1;
}

/* The entity fields of mention i, in the tally's order (id, name, type, source):
 * a resolved short form takes those of the mention it resolves to; a
 * discovered id is built in sink (its name is that mention's text). Returns
 * NC_ENOMEM when the sink could not grow (the caller raises), else NC_OK. */
static int mention_fields(const gaz_ud *u, const nc_ents *out, size_t i, const char *s,
                           keysink *sink, const char **f, size_t *fn)
{
    const nc_ent *e = &out->v[i];
    while (e->source == NC_SRC_RESOLVED && e->ref >= 0 && (size_t)e->ref < i) {
        i = (size_t)e->ref;
        e = &out->v[i];
    }
    if (e->source == NC_SRC_GAZ) {
        const char *tag;
        size_t tagn;
        nc_gaz_entry_info(u->g, (uint32_t)e->ref, &f[0], &fn[0], &f[1], &fn[1], &f[2], &fn[2], &tag, &tagn);
        f[NC_TALLY_SOURCE] = "gazetteer";
    } else {
        sink->n = 0;
        sink->oom = 0;
        discovered_id(sink, tlow[e->type & 3], (const unsigned char *)s + e->start, e->end - e->start);
        if (sink->oom) return NC_ENOMEM;
        f[NC_TALLY_KEY] = sink->p ? sink->p : "";
        fn[NC_TALLY_KEY] = sink->n;
        f[NC_TALLY_NAME] = s + e->start;
        fn[NC_TALLY_NAME] = e->end - e->start;
        f[NC_TALLY_TYPE] = tname[e->type & 3];
        fn[NC_TALLY_TYPE] = strlen(tname[e->type & 3]);
        f[NC_TALLY_SOURCE] = "discovered";
    }
    fn[NC_TALLY_SOURCE] = strlen(f[NC_TALLY_SOURCE]);
    return NC_OK;
}

/* The mentions of out counted into the tally (a new document); want: keep only
 * this type. Returns how many were counted; raises when out of memory. */
static size_t tally_mentions(lua_State *L, const gaz_ud *u, tally_ud *tu, const nc_ents *out, const char *s,
                             const char *want, size_t wantn)
{
    size_t i, k = 0;
    nc_tally_doc(tu->t);
    for (i = 0; i < out->n; i++) {
        const nc_ent *e = &out->v[i];
        const char *f[NC_TALLY_NFIELDS];
        size_t fn[NC_TALLY_NFIELDS];
        int rc;
        if (mention_fields(u, out, i, s, &tu->scratch, f, fn) != NC_OK)
            luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        if (want && !(fn[NC_TALLY_TYPE] == wantn && memcmp(f[NC_TALLY_TYPE], want, wantn) == 0)) continue;
        rc = nc_tally_add(tu->t, f, fn, s + e->start, e->end - e->start);
        if (rc != NC_OK) luaL_error(L, "newscorpus: %s", nc_strerror(rc));
        k++;
    }
    return k;
}

/* A growing byte buffer whose memory sits in a box (freed if Lua raises). */
typedef struct rowbuf {
    void **box;
    size_t n, cap;
} rowbuf;

/* Room for n more bytes at the end of b; returns where they go. */
static char *rb_room(lua_State *L, rowbuf *b, size_t n)
{
    if (n > b->cap - b->n) {
        size_t cap = b->cap ? b->cap : 512;     /* a small first block: no consolidation of the free lists */
        char *p;
        if (n > ((size_t)-1) / 4 - b->n) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        while (cap < b->n + n) cap *= 2;
        p = realloc(*b->box, cap);
        if (!p) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        *b->box = p;
        b->cap = cap;
    }
    return (char *)*b->box + b->n;
}

static void rb_add(lua_State *L, rowbuf *b, const char *s, size_t n)
{
    if (n == 0) return;
    memcpy(rb_room(L, b, n), s, n);
    b->n += n;
}

/* Decimal digits of v at the end of buf[32]; returns how many. */
static size_t fmt_uint(char buf[32], uint64_t v)
{
    size_t i = 32;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v && i > 0);
    return 32 - i;
}

/* Table rows of mentions: "prefix start stop type id text\n". The id column
 * is as wide as the longest id (at most 60): each id's end and length are
 * kept in ids, and the padding goes in when the rows are pushed. */
typedef struct rowfmt {
    rowbuf rb, ids;
    const char *prefix;
    size_t prefixn, numw, maxid;
    const char *doc;      /* JSON Lines instead, with this doc id (spec.json) */
    size_t docn;
    struct gaz_work *w;   /* the buffers' memory is w's, or in boxes when NULL */
} rowfmt;

/* Memory g:entities keeps from one call to the next on the tally, rows and
 * JSON Lines paths: the mentions, nc_entities' working memory, the row
 * buffers and the discovered-id sink, so that a corpus of short articles
 * does not allocate and free them for each one. Those paths call no Lua
 * function while they hold it, but an allocation of the JSON path may run a
 * finalizer, and a raise leaves it taken: `busy` sends a call that finds it
 * taken to memory of its own. */
typedef struct gaz_work {
    int busy;
    nc_ents out;
    nc_ents_work ew;
    void *mem[3];         /* memory of rb[0..2] */
    rowbuf rb[3];         /* rows, id positions, final rows; rb[i].box = &mem[i] */
    keysink sc;
} gaz_work;

/* Buffers over these sizes are not kept for the next call (a huge text's). */
#define KEEP_MENTIONS 65536
#define KEEP_ROWBYTES ((size_t)1 << 24)

static void work_free(gaz_work *w)
{
    int i;
    if (!w) return;
    free(w->out.v);
    nc_ents_work_free(&w->ew);
    for (i = 0; i < 3; i++) free(w->mem[i]);
    free(w->sc.p);
    free(w);
}

/* u's work memory, taken; NULL when it is busy or cannot be made. */
static gaz_work *work_take(gaz_ud *u)
{
    gaz_work *w = u->work;
    int i;
    if (!w) {
        w = u->work = calloc(1, sizeof *w);
        if (!w) return NULL;
        for (i = 0; i < 3; i++) w->rb[i].box = &w->mem[i];
    }
    if (w->busy) return NULL;
    w->busy = 1;
    w->out.n = 0;
    return w;
}

static void work_give(gaz_work *w)
{
    int i;
    if (!w) return;
    if (w->out.cap > KEEP_MENTIONS) {
        free(w->out.v);
        memset(&w->out, 0, sizeof w->out);
    }
    for (i = 0; i < 3; i++)
        if (w->rb[i].cap > KEEP_ROWBYTES) {
            free(w->mem[i]);
            w->mem[i] = NULL;
            w->rb[i].cap = 0;
        }
    w->busy = 0;
}

/* Read the spec {prefix = s, num = w} at index spec; without work memory,
 * push the two boxes of the buffers. */
static void rows_open(lua_State *L, int spec, rowfmt *rf, gaz_work *work)
{
    lua_Integer w;
    memset(rf, 0, sizeof *rf);
    lua_getfield(L, spec, "prefix");
    rf->prefix = lua_tolstring(L, -1, &rf->prefixn);   /* the spec keeps it alive */
    if (!rf->prefix) { rf->prefix = ""; rf->prefixn = 0; }
    lua_getfield(L, spec, "num");
    w = lua_tointeger(L, -1);
    rf->numw = (size_t)(w > 0 && w < 64 ? w : 0);
    lua_getfield(L, spec, "json");
    rf->doc = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &rf->docn) : NULL;
    lua_pop(L, 3);
    rf->w = work;
    if (work) {
        rf->rb = work->rb[0];
        rf->ids = work->rb[1];
        rf->rb.n = rf->ids.n = 0;
    } else {
        rf->rb.box = new_box(L);
        rf->ids.box = new_box(L);
    }
}

/* Write v right-aligned in w bytes, then two spaces, at p; returns the end. */
static char *put_num_cell(char *p, uint64_t v, size_t w)
{
    char num[32];
    size_t l = fmt_uint(num, v);
    if (l < w) { memset(p, ' ', w - l); p += w - l; }
    memcpy(p, num + sizeof num - l, l);
    p += l;
    p[0] = p[1] = ' ';
    return p + 2;
}

/* Text as a table cell at p (at most 3n bytes): control characters as spaces,
 * invalid UTF-8 as U+FFFD. Returns the end. */
static char *put_text(char *p, const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned char c = s[i];
        if (c >= 0x20 && c < 0x7F) { *p++ = (char)c; i++; continue; }
        if (c < 0x80) { *p++ = ' '; i++; continue; }
        {
            int32_t cp;
            size_t len = nc_utf8_decode(s + i, n - i, &cp);
            if (cp == NC_UTF8_BAD) { memcpy(p, "\xEF\xBF\xBD", 3); p += 3; }
            else { memcpy(p, s + i, len); p += len; }
            i += len;
        }
    }
    return p;
}

static void rows_add(lua_State *L, rowfmt *rf, const nc_ent *e, const char *s,
                     const char *type, size_t typen, const char *id, size_t idn)
{
    size_t tn = e->end - e->start, numw = rf->numw > 20 ? rf->numw : 20;
    char *base, *p;
    uint32_t pos[2];
    if (tn > ((size_t)-1) / 4 || idn > ((size_t)-1) / 4 || typen > ((size_t)-1) / 4)
        luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    /* one reservation for the row: prefix, two numbers, type, id, text, newline */
    base = p = rb_room(L, &rf->rb, rf->prefixn + 2 * (numw + 2) + (typen > 7 ? typen : 7) + 2 + idn + 3 * tn + 1);
    memcpy(p, rf->prefix, rf->prefixn);
    p += rf->prefixn;
    p = put_num_cell(p, (uint64_t)e->start + 1, rf->numw);
    p = put_num_cell(p, (uint64_t)e->end, rf->numw);
    memcpy(p, type, typen);
    p += typen;
    if (typen < 7) { memset(p, ' ', 7 - typen); p += 7 - typen; }
    p[0] = p[1] = ' ';
    p += 2;
    memcpy(p, id, idn);
    p += idn;
    pos[0] = (uint32_t)(rf->rb.n + (size_t)(p - base));
    pos[1] = (uint32_t)idn;
    if (idn > rf->maxid) rf->maxid = idn;
    p = put_text(p, (const unsigned char *)s + e->start, tn);
    *p++ = '\n';
    rf->rb.n += (size_t)(p - base);
    rb_add(L, &rf->ids, (const char *)pos, sizeof pos);
}

/* A JSON string: quotes, backslashes and control characters escaped, invalid
 * UTF-8 as U+FFFD (the repair of format.json), other bytes as they are. */
static void rb_json_str(lua_State *L, rowbuf *b, const unsigned char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    size_t i = 0;
    rb_add(L, b, "\"", 1);
    while (i < n) {
        size_t j = i;
        unsigned c;
        while (j < n && s[j] >= 0x20 && s[j] < 0x80 && s[j] != '"' && s[j] != '\\') j++;
        if (j > i) { rb_add(L, b, (const char *)s + i, j - i); i = j; continue; }
        c = s[i];
        if (c == '"' || c == '\\') {
            char e[2];
            e[0] = '\\';
            e[1] = (char)c;
            rb_add(L, b, e, 2);
            i++;
        } else if (c < 0x20) {
            char e[6] = { '\\', 'u', '0', '0', 0, 0 };
            if (c == '\n') rb_add(L, b, "\\n", 2);
            else if (c == '\r') rb_add(L, b, "\\r", 2);
            else if (c == '\t') rb_add(L, b, "\\t", 2);
            else { e[4] = hex[c >> 4]; e[5] = hex[c & 15]; rb_add(L, b, e, 6); }
            i++;
        } else {
            int32_t cp;
            size_t len = nc_utf8_decode(s + i, n - i, &cp);
            if (cp == NC_UTF8_BAD) rb_add(L, b, "\xEF\xBF\xBD", 3);
            else rb_add(L, b, (const char *)s + i, len);
            i += len;
        }
    }
    rb_add(L, b, "\"", 1);
}

/* One mention as a JSON line: doc, start, stop, text, id, name, type, source. */
static void rows_add_json(lua_State *L, rowfmt *rf, const nc_ent *e, const char *s, const char *const *f,
                          const size_t *fn)
{
    static const char *const key[NC_TALLY_NFIELDS] = { ",\"id\":", ",\"name\":", ",\"type\":", ",\"source\":" };
    int k;
    char num[32];
    size_t l;
    rowbuf *b = &rf->rb;
    rb_add(L, b, "{\"doc\":", 7);
    rb_json_str(L, b, (const unsigned char *)rf->doc, rf->docn);
    rb_add(L, b, ",\"start\":", 9);
    l = fmt_uint(num, (uint64_t)e->start + 1);
    rb_add(L, b, num + sizeof num - l, l);
    rb_add(L, b, ",\"stop\":", 8);
    l = fmt_uint(num, (uint64_t)e->end);
    rb_add(L, b, num + sizeof num - l, l);
    rb_add(L, b, ",\"text\":", 8);
    rb_json_str(L, b, (const unsigned char *)s + e->start, e->end - e->start);
    for (k = 0; k < NC_TALLY_NFIELDS; k++) {
        rb_add(L, b, key[k], strlen(key[k]));
        rb_json_str(L, b, (const unsigned char *)f[k], fn[k]);
    }
    rb_add(L, b, "}\n", 2);
}

/* Push the rows (ids padded to the column), then the id column's width. */
static void rows_push(lua_State *L, rowfmt *rf)
{
    const uint32_t *pos = (const uint32_t *)*rf->ids.box;
    size_t cur = 0, r, nrows = rf->ids.n / sizeof(uint32_t[2]);
    rowbuf fin;
    if (rf->maxid > 60) rf->maxid = 60;
    if (rf->w) {
        fin = rf->w->rb[2];
        fin.n = 0;
    } else {
        memset(&fin, 0, sizeof fin);
        fin.box = new_box(L);
    }
    if (nrows) {
        /* one reservation: each row gains at most maxid + 2 spaces */
        char *p = rb_room(L, &fin, rf->rb.n + nrows * (rf->maxid + 2)), *base = p;
        const char *src = (const char *)*rf->rb.box;
        for (r = 0; r < nrows; r++) {
            size_t end = pos[2 * r], l = pos[2 * r + 1], pad = (l < rf->maxid ? rf->maxid - l : 0) + 2;
            memcpy(p, src + cur, end - cur);
            p += end - cur;
            memset(p, ' ', pad);
            p += pad;
            cur = end;
        }
        fin.n += (size_t)(p - base);
    }
    if (rf->rb.n > cur) rb_add(L, &fin, (const char *)*rf->rb.box + cur, rf->rb.n - cur);
    lua_pushlstring(L, fin.n ? (const char *)*fin.box : "", fin.n);
    if (rf->w) {
        rf->w->rb[0] = rf->rb;
        rf->w->rb[1] = rf->ids;
        rf->w->rb[2] = fin;
    } else {
        box_free(fin.box);
        box_free(rf->rb.box);
        box_free(rf->ids.box);
    }
    lua_pushinteger(L, (lua_Integer)rf->maxid);
}

/* g:entities(lexicon, text [, discover=true [, type [, fn]]]) -> list of mentions
 * {start, stop, text, id, name, type, source [, tag]} in text order (1-based
 * inclusive offsets; source "gazetteer" or "discovered"; a short form resolved
 * to an earlier full name takes that mention's id, name, type, source and tag).
 * Discovered ids: "discovered:<type>:<name key>"; their name is the first form
 * written in this text. lexicon: a Wordset of core.LEX bits. type: keep only
 * mentions of this type. fn: instead of tables, fn(start, stop, id, name, type,
 * source, tag) is called for each mention, and the number of calls returned.
 * fn may be a table {prefix = s, num = w} instead: the mentions come back as
 * one string of table rows, "prefix start stop type id text\n", the numbers
 * right-aligned in w bytes, the type in 7, the id as wide as the longest id
 * of the text (at most 60), the text as a cell (control characters as spaces,
 * invalid UTF-8 as U+FFFD); then the number of rows and the id width. */
/* The packed form of a mention list (l_gaz_entities' second result, read by
 * l_quote_doc): per mention ENT_PACK uint32_t, start (1-based), stop, kind. */
#define ENT_PACK 3
#define EK_TAGGED 4u      /* gaz_ud.ekind: the entry has a tag */

/* NC_QE_* of a mention's type name */
static int qe_kind(const char *ty, size_t tl)
{
    if (!ty) return NC_QE_OTHER;
    if (tl == 6 && memcmp(ty, "PERSON", 6) == 0) return NC_QE_PERSON;
    if (tl == 3 && memcmp(ty, "ORG", 3) == 0) return NC_QE_ORG;
    if (tl == 5 && memcmp(ty, "PLACE", 5) == 0) return NC_QE_PLACE;
    return NC_QE_OTHER;
}

/* Freeze the gazetteer of u for matching and make the class of each entry
 * (once); raises when it cannot. */
static void gaz_ready(lua_State *L, gaz_ud *u)
{
    int rc = nc_gaz_freeze(u->g);
    size_t i;
    if (rc != NC_OK) luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (!u->eclass) {
        nc_gaz_info in;
        nc_gaz_info_get(u->g, &in);
        u->eclass = malloc(in.entries ? in.entries : 1);
        u->ekind = malloc(in.entries ? in.entries : 1);
        if (!u->eclass || !u->ekind) {
            free(u->eclass);
            free(u->ekind);
            u->eclass = u->ekind = NULL;
            luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        }
        for (i = 0; i < in.entries; i++) {
            const char *e[4];
            size_t l[4];
            nc_gaz_entry_info(u->g, (uint32_t)i, &e[0], &l[0], &e[1], &l[1], &e[2], &l[2], &e[3], &l[3]);
            u->eclass[i] = (unsigned char)nc_ents_entry_class(e[2], l[2], e[3], l[3]);
            u->ekind[i] = (unsigned char)(qe_kind(e[2], l[2]) | (l[3] ? EK_TAGGED : 0));
        }
        u->nclass = in.entries;
    }
}

/* Push the table of entry strings push_fields reads (4 slots per entry), kept
 * with the gazetteer at index gi (made on first use). */
static void push_entry_cache(lua_State *L, int gi, const gaz_ud *u)
{
    push_ref(L, gi);
    if (!lua_istable(L, -1)) {
        lua_pop(L, 1);
        lua_createtable(L, u->nclass < 0x1fffffff ? (int)(u->nclass * 4) : 0, 0);
        lua_pushvalue(L, -1);
        keep_ref(L, gi);
    }
}

/* The mention table at top + 1 takes the values at top + 2 .. top + 8 (start,
 * stop, then push_fields' id name type source tag) and its text, e's bytes of
 * s; the stack is left at top + 1. K: the field-name strings. */
static void set_mention_fields(lua_State *L, int top, int K, const char *s, const nc_ent *e)
{
    static const int field[7] = { F_START, F_STOP, F_ID, F_NAME, F_TYPE, F_SOURCE, F_TAG };
    int f;
    for (f = 0; f < 7; f++) {
        if (lua_isnil(L, top + 2 + f)) continue;
        lua_pushvalue(L, K + field[f]);
        lua_pushvalue(L, top + 2 + f);
        lua_rawset(L, top + 1);
    }
    lua_pushvalue(L, K + F_TEXT);
    lua_pushlstring(L, s + e->start, e->end - e->start);
    lua_rawset(L, top + 1);
    lua_settop(L, top + 1);
}

static int l_gaz_entities(lua_State *L)
{
    static const char *const fname[F_N] = { "start", "stop", "text", "id", "name", "type", "source", "tag" };
    gaz_ud *u = (gaz_ud *)luaL_checkudata(L, 1, MT_GAZ);
    wordset_ud *lex = check_wordset(L, 2);
    size_t n, i, tl = 0;
    const char *s = luaL_checklstring(L, 3, &n);
    int discover = lua_isnoneornil(L, 4) ? 1 : lua_toboolean(L, 4);
    const char *want = luaL_optlstring(L, 5, NULL, &tl);
    int fn = lua_isfunction(L, 6), rows = lua_istable(L, 6);
    tally_ud *tally = rows || fn ? NULL : (tally_ud *)test_udata(L, 6, MT_TALLY);
    nc_ents out;
    void **box;
    rowfmt rf;
    gaz_work *work;
    int rc, k = 0, names, cache, res, K, f;
    void **pbox = NULL;
    uint32_t *pack = NULL;
    if (!lua_isnoneornil(L, 6) && !fn && !rows && !tally) return luaL_argerror(L, 6, "function, table or tally expected");
    if (tally && !tally->t) return luaL_argerror(L, 6, "tally is closed");
    if (!u->g) return luaL_argerror(L, 1, "gazetteer is closed");
    gaz_ready(L, u);
    lua_settop(L, 6);
    luaL_checkstack(L, F_N + 24, "entities");
    /* the tally and rows paths call no Lua function: memory kept in u serves them
     * whole; the others (which call Lua for each mention) borrow its working
     * memory for the pass alone, the mentions going to a box of their own */
    work = tally || rows ? work_take(u) : NULL;
    if (work) {
        box = NULL;
        rc = nc_entities_in(u->g, u->eclass, u->nclass, &lex->ws, s, n, discover, &work->out, &work->ew);
        out = work->out;
    } else {
        gaz_work *lend;
        box = new_box(L);                  /* before taking the memory: it may raise */
        memset(&out, 0, sizeof out);
        lend = work_take(u);
        rc = nc_entities_in(u->g, u->eclass, u->nclass, &lex->ws, s, n, discover, &out, lend ? &lend->ew : NULL);
        *box = out.v;
        if (lend) work_give(lend);
    }
    if (rc != NC_OK) {
        if (work) work_give(work);
        else box_free(box);
        return push_status_error(L, rc);
    }
    if (tally) {
        size_t counted = tally_mentions(L, u, tally, &out, s, want, tl);
        if (work) work_give(work);
        else box_free(box);
        lua_pushinteger(L, (lua_Integer)counted);
        return 1;
    }
    if (rows) {
        /* rows straight from C: no Lua value per mention */
        void **idbox = NULL;
        keysink sc0, *sc = work ? &work->sc : &sc0;
        int names_t = 0;
        rows_open(L, 6, &rf, work);        /* without work: two boxes pushed */
        if (rf.doc) {
            lua_newtable(L);               /* JSON: discovered id -> the first text of it */
            names_t = lua_gettop(L);
        }
        if (!work) {
            idbox = new_box(L);
            memset(&sc0, 0, sizeof sc0);
        }
        for (i = 0; i < out.n; i++) {
            const char *fv[NC_TALLY_NFIELDS];
            size_t fl[NC_TALLY_NFIELDS];
            int frc = mention_fields(u, &out, i, s, sc, fv, fl);
            if (idbox) *idbox = sc->p;     /* freed with the box if Lua raises */
            if (frc != NC_OK) luaL_error(L, "newscorpus: %s", nc_strerror(frc));
            if (want && !(fl[NC_TALLY_TYPE] == tl && memcmp(fv[NC_TALLY_TYPE], want, tl) == 0)) continue;
            if (!rf.doc) {
                rows_add(L, &rf, &out.v[i], s, fv[NC_TALLY_TYPE], fl[NC_TALLY_TYPE], fv[NC_TALLY_KEY], fl[NC_TALLY_KEY]);
            } else {
                if (fv[NC_TALLY_SOURCE][0] == 'd') {
                    /* the name of a discovered entity: its first form in this text */
                    lua_pushlstring(L, fv[NC_TALLY_KEY], fl[NC_TALLY_KEY]);
                    lua_pushvalue(L, -1);
                    lua_rawget(L, names_t);
                    if (lua_isnil(L, -1)) {
                        lua_pop(L, 1);
                        lua_pushlstring(L, fv[NC_TALLY_NAME], fl[NC_TALLY_NAME]);
                        lua_pushvalue(L, -2);
                        lua_pushvalue(L, -2);
                        lua_rawset(L, names_t);
                    }
                    fv[NC_TALLY_NAME] = lua_tolstring(L, -1, &fl[NC_TALLY_NAME]);
                }
                rows_add_json(L, &rf, &out.v[i], s, fv, fl);
                if (fv[NC_TALLY_SOURCE][0] == 'd') lua_pop(L, 2);
            }
            k++;
        }
        if (idbox) box_free(idbox);
        if (box) box_free(box);
        lua_pop(L, (idbox ? 1 : 0) + (names_t ? 1 : 0));   /* the id box, the names */
        rows_push(L, &rf);                 /* rows, id width */
        if (work) work_give(work);
        lua_pushinteger(L, k);
        lua_insert(L, -2);                 /* rows, k, id width */
        return 3;
    }
    K = lua_gettop(L) + 1;
    for (f = 0; f < F_N; f++) lua_pushstring(L, fname[f]);
    lua_pushliteral(L, "gazetteer");                                   /* K + F_N */
    lua_pushliteral(L, "discovered");                                  /* K + F_N + 1 */
    push_entry_cache(L, 1, u);
    cache = lua_gettop(L);
    lua_newtable(L);                                                   /* id -> first name */
    names = lua_gettop(L);
    if (!fn) {
        /* the list's positions and types packed (ENT_PACK), for core.quote_doc */
        pbox = new_box(L);
        *pbox = pack = (uint32_t *)malloc(out.n ? out.n * ENT_PACK * sizeof *pack : 1);
        if (!pack) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    }
    lua_createtable(L, fn ? 0 : (int)(out.n < 0x7fffffff ? out.n : 0), 0);
    res = lua_gettop(L);
    for (i = 0; i < out.n; i++) {
        const nc_ent *e = &out.v[i];
        int top = lua_gettop(L);
        if (fn) lua_pushvalue(L, 6);
        else lua_createtable(L, 0, 8);
        lua_pushinteger(L, (lua_Integer)e->start + 1);
        lua_pushinteger(L, (lua_Integer)e->end);
        push_fields(L, u, &out, i, s, cache, names, K, NULL);   /* id name type source tag */
        if (want) {
            size_t yl;
            const char *y = lua_tolstring(L, top + 6, &yl);
            if (!(y && yl == tl && memcmp(y, want, tl) == 0)) { lua_settop(L, top); continue; }
        }
        if (fn) {
            lua_call(L, 7, 0);
            k++;
            continue;
        }
        /* mention table at top+1; values at top+2 .. top+8 */
        {
            size_t yl;
            const char *y = lua_tolstring(L, top + 6, &yl);
            pack[ENT_PACK * k] = e->start + 1;
            pack[ENT_PACK * k + 1] = e->end;
            pack[ENT_PACK * k + 2] = (uint32_t)qe_kind(y, yl);
        }
        set_mention_fields(L, top, K, s, e);
        lua_rawseti(L, res, ++k);
    }
    box_free(box);
    if (fn) {
        lua_pushinteger(L, k);
        return 1;
    }
    lua_pushvalue(L, res);
    lua_pushlstring(L, (const char *)pack, k * ENT_PACK * sizeof *pack);
    box_free(pbox);
    return 2;
}

/* ---- mentions: a document's entity mentions, their tables made when asked ---- */

/* What g:mentions gives: the mentions of one text from one pass, with their
 * positions and kinds in C; a mention's table (as g:entities makes it) is made
 * when it is asked for (the caller keeps it: the Mentions keep no Lua table, so
 * that collecting them, a finalizer's work, holds on to nothing more). The
 * uservalue holds the text and the gazetteer. */
typedef struct ments_ud {
    nc_ent *v;               /* the mentions; NULL after close */
    uint32_t *pack;          /* ENT_PACK per mention: start (1-based), stop, kind (NC_QE_*) */
    unsigned char *tagged;   /* per mention: 1 when its gazetteer entry has a tag (in pack's block) */
    size_t n;
    /* the first mention of each discovered id, found in text order up to `named`
     * (ments_first): first[i] for a discovered mention i below named; the ids
     * seen, by hash, in an open-addressed table of cap slots (index + 1, 0 free) */
    size_t named, cap;
    uint32_t *first, *slot;
    uint64_t *hash;
    keysink id[2];           /* ids being compared */
    /* the role reader (m:by_role, qdoc:resolve), made on first use: its
     * per-mention strings (3 per mention: a place's id and name, a person's
     * tag) and the discovered ids among them (rids) */
    nc_roles *roles;
    nc_rstr *rstr;
    char *rids;
} ments_ud;

enum { MU_TEXT = 1, MU_GAZ, MU_ROLES, MU_N = MU_ROLES };

static int l_ments_gc(lua_State *L)
{
    ments_ud *m = (ments_ud *)luaL_checkudata(L, 1, MT_MENTS);
    free(m->v);
    free(m->pack);                     /* and the tagged flags after it */
    free(m->first);
    free(m->slot);
    free(m->hash);
    free(m->id[0].p);
    free(m->id[1].p);
    nc_roles_free(m->roles);
    free(m->roles);
    free(m->rstr);
    free(m->rids);
    memset(m, 0, sizeof *m);
    return 0;
}

static ments_ud *check_ments(lua_State *L, int i)
{
    ments_ud *m = (ments_ud *)luaL_checkudata(L, i, MT_MENTS);
    if (!m->v) luaL_argerror(L, i, "mentions are closed");
    return m;
}

/* The mention whose fields mention i takes (push_fields: resolved mentions point back). */
static size_t ment_target(const nc_ent *v, size_t i)
{
    while (v[i].source == NC_SRC_RESOLVED && v[i].ref >= 0 && (size_t)v[i].ref < i) i = (size_t)v[i].ref;
    return i;
}

/* The discovered id of mention i (a discovered one) into m->id[w]; raises when out of memory. */
static void ments_id(lua_State *L, ments_ud *m, int w, const char *s, size_t i)
{
    keysink *k = &m->id[w];
    const nc_ent *e = &m->v[i];
    k->n = 0;
    discovered_id(k, tlow[e->type & 3], (const unsigned char *)s + e->start, e->end - e->start);
    if (k->oom) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
}

/* Find, in text order up to mention hi (excluded), the first mention of the
 * id of each discovered mention (first[i]): the name of a discovered entity
 * is its first form in the text, as g:entities gives it. */
static void ments_first(lua_State *L, ments_ud *m, const char *s, size_t hi)
{
    if (m->named >= hi) return;
    if (!m->first) {
        size_t cap = 16;
        while (cap < 2 * m->n) cap *= 2;
        m->first = (uint32_t *)malloc(m->n * sizeof *m->first);
        m->slot = (uint32_t *)calloc(cap, sizeof *m->slot);
        m->hash = (uint64_t *)malloc(cap * sizeof *m->hash);
        if (!m->first || !m->slot || !m->hash) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        m->cap = cap;
    }
    for (; m->named < hi; m->named++) {
        size_t i = m->named, j, l;
        uint64_t h = 1469598103934665603u;
        const nc_ent *e = &m->v[i];
        if (ment_target(m->v, i) != i || e->source == NC_SRC_GAZ) continue;
        ments_id(L, m, 0, s, i);
        for (l = 0; l < m->id[0].n; l++) h = (h ^ (unsigned char)m->id[0].p[l]) * 1099511628211u;
        m->first[i] = (uint32_t)i;
        /* at most n ids in 2n slots or more: a free slot is always found */
        for (j = (size_t)h & (m->cap - 1); m->slot[j]; j = (j + 1) & (m->cap - 1)) {
            if (m->hash[j] != h) continue;
            ments_id(L, m, 1, s, m->slot[j] - 1);
            if (m->id[1].n == m->id[0].n && memcmp(m->id[1].p, m->id[0].p, m->id[0].n) == 0) {
                m->first[i] = m->slot[j] - 1;
                break;
            }
        }
        if (!m->slot[j]) {
            m->slot[j] = (uint32_t)i + 1;
            m->hash[j] = h;
        }
    }
}

/* g:mentions(lexicon, text [, discover=true]) -> Mentions
 * The mentions g:entities(lexicon, text, discover) lists, from the same pass,
 * without a table each: m:get(k) makes a table of the k-th (the same fields,
 * the same discovered name) each time it is called, m:all() the list of all;
 * m:span(k), m:first_at(pos), m:indices(kind [, tagged]) and m:packed() read
 * positions and kinds in C (kind "PERSON", "ORG", "PLACE" or "OTHER"). */
static int l_gaz_mentions(lua_State *L)
{
    gaz_ud *u = (gaz_ud *)luaL_checkudata(L, 1, MT_GAZ);
    wordset_ud *lex = check_wordset(L, 2);
    size_t n, i;
    const char *s = luaL_checklstring(L, 3, &n);
    int discover = lua_isnoneornil(L, 4) ? 1 : lua_toboolean(L, 4), rc;
    ments_ud *m;
    nc_ents out, *o = &out;
    gaz_work *lend;
    if (!u->g) return luaL_argerror(L, 1, "gazetteer is closed");
    gaz_ready(L, u);
    lua_settop(L, 3);
    m = (ments_ud *)new_object(L, sizeof *m, MT_MENTS);     /* 4: frees the mentions if Lua raises */
    memset(&out, 0, sizeof out);
    lend = work_take(u);
    if (lend) o = &lend->out;          /* the kept list (work_take emptied it), copied below */
    rc = nc_entities_in(u->g, u->eclass, u->nclass, &lex->ws, s, n, discover, o, lend ? &lend->ew : NULL);
    if (rc == NC_OK && lend) {
        if ((m->v = (nc_ent *)malloc(o->n ? o->n * sizeof *m->v : 1)) != NULL) memcpy(m->v, o->v, o->n * sizeof *m->v);
        else rc = NC_ENOMEM;
        m->n = o->n;
        if (o->cap > KEEP_MENTIONS) {
            free(o->v);
            memset(o, 0, sizeof *o);
        }
        o->n = 0;
    } else if (rc == NC_OK) {
        m->v = out.v;
        m->n = out.n;
    } else if (!lend) {
        free(out.v);
    }
    if (lend) work_give(lend);
    if (rc != NC_OK) {
        free(m->v);
        m->v = NULL;
        m->n = 0;
        return push_status_error(L, rc);
    }
    if (!m->v) m->v = (nc_ent *)malloc(1);
    /* the packed list and, after it, the tagged flags: one block */
    m->pack = (uint32_t *)malloc(m->n ? m->n * (ENT_PACK * sizeof *m->pack + 1) : 1);
    if (!m->v || !m->pack) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    m->tagged = (unsigned char *)(m->pack + ENT_PACK * m->n);
    for (i = 0; i < m->n; i++) {
        const nc_ent *e = &m->v[ment_target(m->v, i)];
        unsigned k = e->type & 3;      /* tname's order is NC_QE_*'s */
        if (e->source == NC_SRC_GAZ) {
            if ((size_t)e->ref < u->nclass) k = u->ekind[e->ref];
            else {
                const char *es[4];
                size_t el[4];
                nc_gaz_entry_info(u->g, (uint32_t)e->ref, &es[0], &el[0], &es[1], &el[1], &es[2], &el[2], &es[3],
                                  &el[3]);
                k = (unsigned)qe_kind(es[2], el[2]) | (el[3] ? EK_TAGGED : 0);
            }
        }
        m->pack[ENT_PACK * i] = m->v[i].start + 1;
        m->pack[ENT_PACK * i + 1] = m->v[i].end;
        m->pack[ENT_PACK * i + 2] = k & 3;
        m->tagged[i] = (k & EK_TAGGED) != 0;
    }
    lua_createtable(L, MU_N, 0);
    lua_pushvalue(L, 3);
    lua_rawseti(L, -2, MU_TEXT);
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, MU_GAZ);
    keep_ref(L, 4);
    return 1;
}

/* Push the tables of mentions lo .. hi - 1 (0-based) into a new list (at the
 * top). One at a time (hi = lo + 1), a discovered entity's name is the form of
 * the first mention of its id (ments_first); for a run from the first, the
 * names are kept by id as they come, in text order (as g:entities does). */
static void ments_make(lua_State *L, int mi, ments_ud *m, size_t lo, size_t hi)
{
    static const char *const fname[F_N] = { "start", "stop", "text", "id", "name", "type", "source", "tag" };
    int uv, list, gi, cache, K, f, names = 0;
    const char *s;
    gaz_ud *u;
    nc_ents view;
    size_t i;
    luaL_checkstack(L, F_N + 24, "mentions");
    push_ref(L, mi);
    uv = lua_gettop(L);
    lua_rawgeti(L, uv, MU_TEXT);
    s = lua_tostring(L, -1);
    lua_rawgeti(L, uv, MU_GAZ);
    gi = lua_gettop(L);
    u = (gaz_ud *)luaL_checkudata(L, gi, MT_GAZ);
    if (!u->g) luaL_error(L, "newscorpus: the gazetteer of these mentions is closed");
    push_entry_cache(L, gi, u);
    cache = lua_gettop(L);
    if (lo == 0 && hi > 1) {
        lua_newtable(L);
        names = lua_gettop(L);
    }
    lua_createtable(L, hi - lo < 0x7fffffff ? (int)(hi - lo) : 0, 0);
    list = lua_gettop(L);
    K = lua_gettop(L) + 1;
    for (f = 0; f < F_N; f++) lua_pushstring(L, fname[f]);
    lua_pushliteral(L, "gazetteer");
    lua_pushliteral(L, "discovered");
    view.v = m->v;
    view.n = view.cap = m->n;
    for (i = lo; i < hi; i++) {
        int top = lua_gettop(L);
        size_t t = ment_target(m->v, i);
        lua_createtable(L, 0, 8);
        lua_pushinteger(L, (lua_Integer)m->v[i].start + 1);
        lua_pushinteger(L, (lua_Integer)m->v[i].end);
        if (names || m->v[t].source == NC_SRC_GAZ) {
            push_fields(L, u, &view, i, s, cache, names, K, NULL);
        } else {
            ments_first(L, m, s, t + 1);
            push_fields(L, u, &view, i, s, cache, 0, K, &m->v[m->first[t]]);
        }
        set_mention_fields(L, top, K, s, &m->v[i]);
        lua_rawseti(L, list, (lua_Integer)(i - lo) + 1);
    }
    lua_settop(L, list);
}

/* The mention index k (1-based) at index a when it is a whole number in 1..n, else 0. */
static size_t ments_index(lua_State *L, int a, const ments_ud *m)
{
    lua_Number k = lua_tonumber(L, a);
    if (lua_type(L, a) != LUA_TNUMBER || !(k >= 1 && k <= (lua_Number)m->n) || k != (lua_Number)(size_t)k) return 0;
    return (size_t)k;
}

/* m:get(k) -> a new table of the k-th mention (the fields g:entities gives
 * it), nil when there is none */
static int l_ments_get(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    size_t k = ments_index(L, 2, m);
    if (!k) return 0;
    ments_make(L, 1, m, k - 1, k);
    lua_rawgeti(L, -1, 1);
    return 1;
}

/* m:all() -> a new list of the tables of all mentions, as g:entities gives it */
static int l_ments_all(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    if (m->n == 0) {
        lua_newtable(L);
        return 1;
    }
    ments_make(L, 1, m, 0, m->n);
    return 1;
}

static const char *const qe_name[] = { "OTHER", "PERSON", "ORG", "PLACE" };

/* m:span(k) -> start, stop, kind of the k-th mention; nothing when there is none */
static int l_ments_span(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    size_t k = ments_index(L, 2, m);
    const uint32_t *p;
    if (!k) return 0;
    p = m->pack + ENT_PACK * (k - 1);
    lua_pushinteger(L, (lua_Integer)p[0]);
    lua_pushinteger(L, (lua_Integer)p[1]);
    lua_pushstring(L, qe_name[p[2] & 3]);
    return 3;
}

/* m:first_at(pos) -> the index of the first mention starting at or after pos (n + 1 when none) */
static int l_ments_first_at(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    lua_Number pos = luaL_checknumber(L, 2);
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if ((lua_Number)m->pack[ENT_PACK * mid] < pos) lo = mid + 1; else hi = mid;
    }
    lua_pushinteger(L, (lua_Integer)lo + 1);
    return 1;
}

/* m:indices(kind [, tagged]) -> the indices of the mentions of that kind
 * ("PERSON", "ORG", "PLACE", "OTHER"), with tagged true only those whose
 * gazetteer entry has a tag, in text order */
static int l_ments_indices(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    const char *want = luaL_checkstring(L, 2);
    int tagged = lua_toboolean(L, 3), kind = -1, j;
    size_t i;
    lua_Integer k = 0;
    for (j = 0; j < 4; j++) if (strcmp(want, qe_name[j]) == 0) kind = j;
    if (kind < 0) return luaL_argerror(L, 2, "PERSON, ORG, PLACE or OTHER expected");
    lua_newtable(L);
    for (i = 0; i < m->n; i++)
        if ((int)m->pack[ENT_PACK * i + 2] == kind && (!tagged || m->tagged[i])) {
            lua_pushinteger(L, (lua_Integer)i + 1);
            lua_rawseti(L, -2, ++k);
        }
    return 1;
}

/* m:packed() -> the positions and kinds as core.quote_doc reads them (ENT_PACK uint32 per mention) */
static int l_ments_packed(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    lua_pushlstring(L, (const char *)m->pack, m->n * ENT_PACK * sizeof *m->pack);
    return 1;
}

static int l_ments_len(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    lua_pushinteger(L, (lua_Integer)m->n);
    return 1;
}

/* The id of mention k (1-based) of m, whose text is s and gazetteer u: its
 * gazetteer entry's, or its discovered id (built in ks), as g:entities gives
 * it. Raises when out of memory. */
static const char *ments_id_of(lua_State *L, const ments_ud *m, const gaz_ud *u, const char *s, size_t k,
                               keysink *ks, size_t *idn)
{
    const nc_ent *e = &m->v[ment_target(m->v, k - 1)];
    if (e->source == NC_SRC_GAZ) {
        const char *es[4];
        size_t el[4];
        nc_gaz_entry_info(u->g, (uint32_t)e->ref, &es[0], &el[0], &es[1], &el[1], &es[2], &el[2], &es[3], &el[3]);
        *idn = el[0];
        return es[0];
    }
    ks->n = 0;
    discovered_id(ks, tlow[e->type & 3], (const unsigned char *)s + e->start, e->end - e->start);
    if (ks->oom) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    *idn = ks->n;
    return ks->p;
}

/* The role reader of the Mentions m (at mi), made on first use, with the word
 * classes of the Wordset at wi (NC_QW_ROLE, NC_QW_ROLE_FILL, NC_QW_LEADER;
 * kept by m's uservalue; another set than the last one starts afresh). The
 * places' ids and names and the persons' tags are those g:entities gives. */
static nc_roles *ments_roles(lua_State *L, int mi, ments_ud *m, int wi)
{
    wordset_ud *cls = check_wordset(L, wi);
    const char *s;
    size_t n, i;
    gaz_ud *u;
    push_ref(L, mi);
    lua_rawgeti(L, -1, MU_TEXT);
    s = lua_tolstring(L, -1, &n);
    lua_rawgeti(L, -2, MU_GAZ);
    u = (gaz_ud *)luaL_checkudata(L, -1, MT_GAZ);
    if (!u->g) luaL_error(L, "newscorpus: the gazetteer of these mentions is closed");
    lua_rawgeti(L, -3, MU_ROLES);
    if (!lua_rawequal(L, -1, wi)) {
        if (m->roles) nc_roles_free(m->roles);
        lua_pushvalue(L, wi);
        lua_rawseti(L, -5, MU_ROLES);
    }
    lua_pop(L, 4);                                      /* s stays kept by the uservalue */
    if (!m->rstr) {
        keysink ids;
        size_t *off, last = 0;
        /* the names of the discovered places: the first mention of their ids (may raise) */
        for (i = 0; i < m->n; i++)
            if (m->pack[ENT_PACK * i + 2] == NC_QE_PLACE && m->v[ment_target(m->v, i)].source != NC_SRC_GAZ &&
                ment_target(m->v, i) + 1 > last)
                last = ment_target(m->v, i) + 1;
        ments_first(L, m, s, last);
        memset(&ids, 0, sizeof ids);
        m->rstr = (nc_rstr *)calloc(3 * m->n + 1, sizeof *m->rstr);
        off = (size_t *)calloc(m->n + 1, sizeof *off);
        if (!m->rstr || !off) {
            free(off);
            return (nc_roles *)(luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM)), NULL);
        }
        for (i = 0; i < m->n; i++) {
            size_t t = ment_target(m->v, i);
            const nc_ent *e = &m->v[t];
            unsigned kind = m->pack[ENT_PACK * i + 2];
            const char *es[4];
            size_t el[4];
            if (kind != NC_QE_PLACE && !(kind == NC_QE_PERSON && m->tagged[i])) continue;
            if (e->source == NC_SRC_GAZ) {
                nc_gaz_entry_info(u->g, (uint32_t)e->ref, &es[0], &el[0], &es[1], &el[1], &es[2], &el[2], &es[3],
                                  &el[3]);
                if (kind == NC_QE_PLACE) {
                    m->rstr[3 * i].p = es[0];
                    m->rstr[3 * i].n = el[0];
                    m->rstr[3 * i + 1].p = es[1];
                    m->rstr[3 * i + 1].n = el[1];
                } else {
                    m->rstr[3 * i + 2].p = es[3];
                    m->rstr[3 * i + 2].n = el[3];
                }
            } else if (kind == NC_QE_PLACE) {
                const nc_ent *f = &m->v[m->first[t]];
                off[i] = ids.n;
                discovered_id(&ids, tlow[e->type & 3], (const unsigned char *)s + e->start, e->end - e->start);
                m->rstr[3 * i].n = ids.n - off[i];
                m->rstr[3 * i + 1].p = s + f->start;
                m->rstr[3 * i + 1].n = f->end - f->start;
            }
        }
        if (ids.oom) {
            free(off);
            free(ids.p);
            return (nc_roles *)(luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM)), NULL);
        }
        m->rids = ids.p;
        for (i = 0; i < m->n; i++)
            if (m->pack[ENT_PACK * i + 2] == NC_QE_PLACE && !m->rstr[3 * i].p) m->rstr[3 * i].p = ids.p + off[i];
        free(off);
    }
    if (!m->roles && !(m->roles = (nc_roles *)calloc(1, sizeof *m->roles)))
        luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    m->roles->t = (const unsigned char *)s;
    m->roles->n = n;
    m->roles->pack = m->pack;
    m->roles->nents = m->n;
    m->roles->ws = &cls->ws;
    m->roles->str = m->rstr;
    return m->roles;
}

/* m:by_role(classes, words, places, pos) -> the index of the person mention a
 * role phrase names, or nil (nc_roles): words, the phrase's words as
 * core.words gives them (lower case); places, the indices of the place
 * mentions in it; pos, where it starts; classes, the Wordset of its word
 * classes (core.QW ROLE, ROLE_FILL, LEADER: newscorpus.phrases). */
static int l_ments_by_role(lua_State *L)
{
    ments_ud *m = check_ments(L, 1);
    lua_Integer pos = luaL_checkinteger(L, 5);
    size_t nw, np, i;
    nc_rstr *w;
    size_t *pl;
    long out;
    nc_roles *r;
    int rc;
    check_wordset(L, 2);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    lua_settop(L, 5);
    r = ments_roles(L, 1, m, 2);
    nw = nc_rawlen(L, 3);
    np = nc_rawlen(L, 4);
    w = (nc_rstr *)nc_newud(L, (nw ? nw : 1) * sizeof *w);      /* 6 */
    pl = (size_t *)nc_newud(L, (np ? np : 1) * sizeof *pl);    /* 7 */
    for (i = 0; i < nw; i++) {
        lua_rawgeti(L, 3, (lua_Integer)i + 1);
        if (lua_type(L, -1) != LUA_TSTRING) return luaL_argerror(L, 3, "a list of words expected");
        w[i].p = lua_tolstring(L, -1, &w[i].n);                /* kept by the table */
        lua_pop(L, 1);
    }
    for (i = 0; i < np; i++) {
        size_t k;
        lua_rawgeti(L, 4, (lua_Integer)i + 1);
        k = ments_index(L, -1, m);
        if (!k || m->pack[ENT_PACK * (k - 1) + 2] != NC_QE_PLACE)
            return luaL_argerror(L, 4, "a list of the indices of place mentions expected");
        pl[i] = k - 1;
        lua_pop(L, 1);
    }
    if (pos < LONG_MIN / 2 || pos > LONG_MAX / 2) return luaL_argerror(L, 5, "position out of range");
    rc = nc_roles_by_role(r, w, nw, pl, np, (long)pos, &out);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (out < 0) return 0;
    lua_pushinteger(L, (lua_Integer)out + 1);
    return 1;
}

/* g:count(text) -> number of matches (no table built) */
static int l_gaz_count(lua_State *L)
{
    nc_gaz_hits h;
    void **box = gaz_hits(L, &h);
    if (!box) return 2;
    lua_pushinteger(L, (lua_Integer)h.n);
    box_free(box);
    return 1;
}

/* g:entry_info(i) -> id, name, type, tag */
static int l_gaz_entry_info(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    const char *s[4];
    size_t l[4];
    int k;
    if (i < 1 || i > (lua_Integer)UINT32_MAX
        || nc_gaz_entry_info(g, (uint32_t)(i - 1), &s[0], &l[0], &s[1], &l[1], &s[2], &l[2], &s[3], &l[3]) != NC_OK)
        return luaL_argerror(L, 2, "no such entry");
    for (k = 0; k < 4; k++) lua_pushlstring(L, s[k], l[k]);
    return 4;
}

/* g:alias_info(i) -> text, entry, mode, translit */
static int l_gaz_alias_info(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    lua_Integer i = luaL_checkinteger(L, 2);
    const char *s;
    size_t n;
    uint32_t e;
    unsigned mode, tr;
    if (i < 1 || i > (lua_Integer)UINT32_MAX || nc_gaz_alias_info(g, (uint32_t)(i - 1), &s, &n, &e, &mode, &tr) != NC_OK)
        return luaL_argerror(L, 2, "no such alias");
    lua_pushlstring(L, s, n);
    lua_pushinteger(L, (lua_Integer)e + 1);
    lua_pushstring(L, case_modes[mode]);
    lua_pushboolean(L, (int)tr);
    return 4;
}

/* g:info() -> {entries, aliases, nodes, translit_nodes, bytes, scan_all, compiled} */
static int l_gaz_info(lua_State *L)
{
    nc_gaz_info in;
    nc_gaz_info_get(check_gaz(L, 1), &in);
    lua_createtable(L, 0, 7);
    lua_pushinteger(L, (lua_Integer)in.entries);
    lua_setfield(L, -2, "entries");
    lua_pushinteger(L, (lua_Integer)in.aliases);
    lua_setfield(L, -2, "aliases");
    lua_pushinteger(L, (lua_Integer)in.nodes);
    lua_setfield(L, -2, "nodes");
    lua_pushinteger(L, (lua_Integer)in.translit_nodes);
    lua_setfield(L, -2, "translit_nodes");
    lua_pushinteger(L, (lua_Integer)in.bytes);
    lua_setfield(L, -2, "bytes");
    lua_pushboolean(L, in.scan_all);
    lua_setfield(L, -2, "scan_all");
    lua_pushboolean(L, in.frozen);
    lua_setfield(L, -2, "compiled");
    return 1;
}

/* g:dump() -> string (the compiled gazetteer, for core.gazetteer_load) */
static int l_gaz_dump(lua_State *L)
{
    nc_gaz *g = check_gaz(L, 1);
    char *buf = NULL;
    size_t len = 0;
    void **box;
    int rc = nc_gaz_freeze(g);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    box = new_box(L);
    rc = nc_gaz_save(g, &buf, &len);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    *box = buf;
    lua_pushlstring(L, buf, len);
    box_free(box);
    return 1;
}

/* core.gazetteer_load(string) -> Gazetteer | nil, msg */
static int l_gazetteer_load(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    gaz_ud *u = (gaz_ud *)new_object(L, sizeof *u, MT_GAZ);
    int rc = nc_gaz_load(s, n, &u->g);
    if (rc == NC_ENOMEM) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (rc != NC_OK) {
        lua_pushnil(L);
        lua_pushstring(L, "not a newscorpus gazetteer, or a damaged one");
        return 2;
    }
    return 1;
}

/* core.token_key(s) -> the matching key of each token, joined by spaces;
 * core.name_key(s) -> the transliteration key, al-/el- particles dropped */
static int push_keys(lua_State *L, int names)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    luaL_Buffer b;
    keysink k;
    memset(&k, 0, sizeof k);
    k.b = &b;
    luaL_buffinit(L, &b);
    add_keys(&k, s, n, names, ' ', 0);
    luaL_pushresult(&b);
    return 1;
}

static int l_token_key(lua_State *L) { return push_keys(L, 0); }
static int l_name_key(lua_State *L) { return push_keys(L, 1); }

/* ---- JSON Lines: the fast path for flat records ------------------------------- */

/* Push the value of span v; 0 when it must go to the general decoder (a number
 * strtod does not read as JSON does, or out of range). */
static int push_json_value(lua_State *L, const char *s, const nc_json_span *v)
{
    size_t len = v->b - v->a;
    switch (v->kind) {
    case NC_JSON_STRING:
        if (!v->escaped) {
            lua_pushlstring(L, s + v->a, len);
        } else if (len <= 4096) {
            char buf[4096];
            lua_pushlstring(L, buf, nc_json_unescape(s, v, buf));
        } else {
            char *buf = (char *)nc_newud(L, len);   /* collected with the rest */
            lua_pushlstring(L, buf, nc_json_unescape(s, v, buf));
            lua_remove(L, -2);
        }
        return 1;
    case NC_JSON_NUMBER: {
        char num[64], *end;
        double d;
        if (len >= sizeof num) return 0;
        memcpy(num, s + v->a, len);
        num[len] = '\0';
        errno = 0;
        d = strtod(num, &end);
        if (end != num + len || errno == ERANGE || d != d || d - d != 0) return 0;
        lua_pushnumber(L, (lua_Number)d);
        return 1;
    }
    case NC_JSON_TRUE: lua_pushboolean(L, 1); return 1;
    case NC_JSON_FALSE: lua_pushboolean(L, 0); return 1;
    default: lua_pushlightuserdata(L, NULL); return 1;   /* cjson.null */
    }
}

/* core.json_record(line [, i [, j]]) -> table, or nothing when the line (or
 * line:sub(i, j), read in place) is not a flat object of valid JSON (string,
 * number, true, false and null values): then the general decoder (cjson)
 * reads it or says what is wrong. The table is
 * what cjson would give: numbers as floats, null as cjson.null. */
static int l_json_record(lua_State *L)
{
    size_t n, pos;
    const char *s = luaL_checklstring(L, 1, &n);
    nc_json_span k, v;
    int rc;
    sub_range(L, 2, &s, &n);
    lua_settop(L, 1);
    if (!nc_json_open(s, n, &pos)) return 0;
    lua_createtable(L, 0, 4);
    while ((rc = nc_json_next(s, n, &pos, &k, &v)) == 1) {
        if (!push_json_value(L, s, &k)) return 0;
        if (!push_json_value(L, s, &v)) return 0;
        lua_rawset(L, 2);
    }
    if (rc != 0) return 0;
    return 1;
}

/* ---- lines ----------------------------------------------------------------- */

/* core.lines(text) -> {start1, stop1, info1, hash1, start2, ...} for every line
 * holding a non-blank byte: start/stop trimmed (1-based inclusive); info: the
 * NC_LINE_* bits (1 blank line before, 2 non-ASCII, 4 tag-cloud shape, 8 long
 * enough for a duplicate, 16 byline shape); hash: 52-bit hash of the line's
 * key form (the one core.fold gives). */
static int l_lines(lua_State *L)
{
    size_t n, i;
    const char *s = luaL_checklstring(L, 1, &n);
    nc_lines ls;
    int rc, k = 0;
    void **box = new_box(L);
    rc = nc_lines_build(&ls, s, n);
    *box = ls.v;
    if (rc != NC_OK) {
        box_free(box);
        return push_status_error(L, rc);
    }
    lua_createtable(L, ls.n * 4 < 0x7fffffff ? (int)(ls.n * 4) : 0, 0);
    for (i = 0; i < ls.n; i++) {
        const nc_line *l = &ls.v[i];
        lua_pushinteger(L, (lua_Integer)l->start + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)l->end);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)l->info);
        lua_rawseti(L, -2, ++k);
        lua_pushnumber(L, (lua_Number)l->hash);
        lua_rawseti(L, -2, ++k);
    }
    box_free(box);
    return 1;
}

/* ---- the cleaner's pass over the lines (lua/newscorpus/clean.lua) ---------- */

/* Reasons the line features give (rule reasons are rule indexes >= 0). */
enum { CL_REPEATED = -1, CL_DUPLICATE = -2, CL_METADATA = -3, CL_TAGS = -4 };
static const char *const cl_feature[] = { "repeated-headline", "duplicate-paragraph", "metadata-line", "tag-list" };

typedef struct cl_cut { uint32_t line, start, end, order; int32_t rule; } cl_cut;   /* 0-based, end exclusive */
typedef struct cl_span { uint32_t start, end; int32_t why; } cl_span;
typedef struct cl_piece { uint32_t start, end, line, blank; } cl_piece;

static int cut_order(const void *x, const void *y)
{
    const cl_cut *a = x, *b = y;
    if (a->line != b->line) return a->line < b->line ? -1 : 1;
    if (a->start != b->start) return a->start < b->start ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

static int span_order(const void *x, const void *y)
{
    const cl_span *a = x, *b = y;
    return a->start < b->start ? -1 : a->start > b->start;
}

/* The index of the line holding byte p (0-based), or -1. */
static long line_at(const nc_lines *ls, size_t p)
{
    size_t lo = 0, hi = ls->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p < ls->v[mid].start) hi = mid;
        else if (p >= ls->v[mid].end) lo = mid + 1;
        else return (long)mid;
    }
    return -1;
}

/* Push line i's span (1-based, inclusive), or nil, nil for i == (size_t)-1. */
static void push_line_span(lua_State *L, const nc_lines *ls, size_t i)
{
    if (i == (size_t)-1) {
        lua_pushnil(L);
        lua_pushnil(L);
        return;
    }
    lua_pushinteger(L, (lua_Integer)ls->v[i].start + 1);
    lua_pushinteger(L, (lua_Integer)ls->v[i].end);
}

/* Memory from a box on the stack, zeroed (raises when out of memory). */
static void *boxed(lua_State *L, size_t count, size_t size)
{
    void **box = new_box(L);
    if (count == 0) count = 1;
    if (count > ((size_t)-1) / size / 2 || !(*box = calloc(count, size)))
        luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    return *box;
}

/* ---- the publication date (meta.date) ---- */

/* What meta.lua's source_of reads of a removed span's reason. */
enum { PD_OTHER = 0, PD_TWEET, PD_CAPTION, PD_METADATA };
/* Evidence ranks, best first (meta.lua RANK); 0 none. */
enum { PD_NONE = 0, PD_STAMP, PD_HEADER, PD_LEAD, PD_EMBEDDED, PD_PICTURE };
static const char *const pd_source_name[] = { NULL, "stamp", "header", "lead", "embedded-tweet", "caption" };
/* The words of a page stamp before its date (meta.lua STAMP), lower case. */
static const char *const pd_stamp[] = { "last updated", "updated", "published", "posted", "date of publication",
                                        "date", "first published", "release date", NULL };

static int pd_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

/* meta.lua source_of: how the date starting at s[a0] is evidenced, given the
 * removed spans (text order) and what their reasons are (kind). */
static int pd_source(const char *s, size_t a0, const cl_span *rem, const unsigned char *kind, size_t nrem)
{
    size_t a = a0 + 1, line_start, bl = 0, k, i, run;   /* a, line_start: 1-based as in meta.lua */
    char before[48];
    for (k = 0; k < nrem; k++) {
        if (a0 >= rem[k].start && a0 < rem[k].end) {
            if (kind[k] == PD_TWEET) return PD_EMBEDDED;
            if (kind[k] == PD_CAPTION) return PD_PICTURE;
            break;
        }
        if (rem[k].start > a0) break;
    }
    if (a0 == 0 || s[a0 - 1] == '\n') {
        line_start = a;
    } else {
        size_t from = a > 48 ? a - 48 : 1, j = a0;
        int nl = 0;
        while (j > from - 1 && !nl) if (s[--j] == '\n') nl = 1;
        line_start = nl ? j + 2 : from;
        if (line_start > 1 && !nl) return a <= 400 ? PD_LEAD : PD_NONE;
        for (j = line_start - 1; j < a0 && pd_space((unsigned char)s[j]); j++) {}
        for (; j < a0; j++) {
            unsigned char c = (unsigned char)s[j];
            before[bl++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
    }
    if (bl == 0) {
        if (line_start == 1 || a <= 300) return PD_HEADER;
        return a <= 400 ? PD_LEAD : PD_NONE;
    }
    if (bl <= 28)
        for (k = 0; pd_stamp[k]; k++) {
            size_t wl = strlen(pd_stamp[k]);
            if (bl <= wl + 8 && bl >= wl && memcmp(before, pd_stamp[k], wl) == 0 &&
                (bl == wl || !nc_is_alpha((unsigned char)before[wl])))
                return PD_STAMP;
        }
    /* only a weekday, or a word of three letters, and punctuation before it */
    for (run = 0; run < bl && nc_is_alpha((unsigned char)before[run]); run++) {}
    i = run >= 4 && memcmp(before + run - 3, "day", 3) == 0 ? run : run == 3 ? 3 : 0;
    while (i < bl && (pd_space((unsigned char)before[i]) || before[i] == ',' || before[i] == '.')) i++;
    if (i == bl && (line_start == 1 || a <= 300)) return PD_HEADER;
    return a <= 400 ? PD_LEAD : PD_NONE;
}

/* meta.lua consider: the dates of s[off..off+len) (the first `limit` bytes'
 * only), against the best so far. */
static void pd_consider(const char *s, size_t off, size_t len, size_t limit, const cl_span *rem,
                        const unsigned char *kind, size_t nrem, nc_date *best, int *best_rank)
{
    size_t pos = 0;
    nc_date d;
    if (limit < len && len - limit > 64) len = limit + 64;       /* room for the year and time */
    while (nc_next_date(s + off, len, &pos, &d)) {
        int rank;
        if (d.start >= limit) break;
        rank = pd_source(s, off + d.start, rem, kind, nrem);
        if (rank && (!*best_rank || rank < *best_rank)) {
            *best = d;
            *best_rank = rank;
        }
    }
}

/* Where the lines that hold the first 600 bytes end: after the first line
 * break at byte 599 or later, or n. Every date the top rule considers
 * starts on one of those lines. */
static size_t pd_top(const char *s, size_t n)
{
    const char *nl = n > 599 ? memchr(s + 599, '\n', n - 599) : NULL;
    return nl ? (size_t)(nl - s) + 1 : n;
}

/* Whether some line starting after byte 552 opens, after blanks, with a
 * stamp word (any case): the only way a date at byte 600 or later can be
 * a stamp, since pd_source looks back at most 48 bytes for its line. */
static int pd_later_stamp(const char *s, size_t n)
{
    const char *p = n > 552 ? s + 552 : s + n, *end = s + n;
    while ((p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        size_t k, i;
        p++;
        while (p < end && *p != '\n' && pd_space((unsigned char)*p)) p++;
        for (k = 0; pd_stamp[k]; k++) {
            size_t wl = strlen(pd_stamp[k]);
            if ((size_t)(end - p) < wl) continue;
            for (i = 0; i < wl; i++) {
                unsigned char c = (unsigned char)p[i];
                if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)pd_stamp[k][i]) break;
            }
            if (i == wl) return 1;
        }
    }
    return 0;
}

/* meta.lua M.date over l_clean's removed spans: pushes date, source, time
 * (nil, nil, nil when the text states none) and returns 3; kind is room for
 * nrem bytes. With top set the spans are those of the lines up to pd_top
 * only: it returns 0 (nothing pushed) when a later line could still give a
 * better date. */
static int pd_push(lua_State *L, const char *s, size_t n, const cl_span *rem, size_t nrem, unsigned char *kind,
                   int top)
{
    nc_date best;
    int rank = 0;
    size_t k;
    char buf[16];
    for (k = 0; k < nrem; k++) {
        const char *r = NULL;
        if (rem[k].why >= 0) {
            lua_rawgeti(L, 4, (lua_Integer)rem[k].why + 1);
            r = lua_tostring(L, -1);
            lua_pop(L, 1);       /* the string stays in the reasons table */
        } else {
            r = cl_feature[-rem[k].why - 1];
        }
        kind[k] = !r ? PD_OTHER : !strcmp(r, "embedded-tweet") ? PD_TWEET
                : !strcmp(r, "caption") || !strcmp(r, "photo-credit") ? PD_CAPTION
                : !strcmp(r, "metadata-line") ? PD_METADATA : PD_OTHER;
    }
    memset(&best, 0, sizeof best);
    pd_consider(s, 0, n, 600, rem, kind, nrem, &best, &rank);
    /* Dates from byte 600 on can only be a stamp, a tweet's or a caption's,
     * and only a better rank replaces the best. */
    if (top && !(rank == PD_STAMP || (rank >= PD_HEADER && rank <= PD_EMBEDDED && !pd_later_stamp(s, n))))
        return 0;
    if (!top)
        for (k = 0; k < nrem; k++)
        if (rem[k].start >= 600 && kind[k] != PD_OTHER)
                pd_consider(s, rem[k].start, rem[k].end - rem[k].start, (size_t)-1, rem, kind, nrem, &best, &rank);
    if (!rank) {
        lua_pushnil(L);
        lua_pushnil(L);
        lua_pushnil(L);
        return 3;
    }
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", best.year, best.month, best.day);
    lua_pushstring(L, buf);
    lua_pushstring(L, pd_source_name[rank]);
    if (best.hour >= 0) {
        snprintf(buf, sizeof buf, "%02d:%02d", best.hour, best.minute);
        lua_pushstring(L, buf);
    } else {
        lua_pushnil(L);
    }
    return 3;
}

/* What cl_pass decides (0-based spans, end exclusive). */
typedef struct cl_out {
    nc_lines ls;
    cl_span *rem;
    cl_piece *pieces;
    unsigned char *kind;                     /* room for nrem bytes (pd_push) */
    size_t nrem, npiece, title, byline;      /* title, byline: line index or (size_t)-1 */
} cl_out;

/* n bytes rounded up to a multiple of 8 (the parts of one allocation). */
static size_t up8(size_t n) { return (n + 7) & ~(size_t)7; }

/* The cleaner's pass over the lines of s[0, len) (len n, or a line's end
 * before it: the lines there and what is decided about them do not depend on
 * what follows), given the matches m of the rules over all of s and, at
 * stack index 3, which rules cut spans. Its memory is in boxes on the stack. */
static int cl_pass(lua_State *L, const char *s, size_t len, const nc_matches *m, cl_out *o)
{
    size_t i, c, k, ncut = 0, seen_cap = 16;
    void **lbox = new_box(L);
    int32_t *reason;
    cl_cut *cuts;
    uint64_t *seen_key;
    unsigned char *seen_val;      /* 0 empty, 1 title, 2 body */
    int rc = nc_lines_build(&o->ls, s, len), blank = 0;
    const nc_lines *ls = &o->ls;
    *lbox = o->ls.v;
    if (rc != NC_OK) return rc;
    o->nrem = o->npiece = 0;
    o->title = o->byline = (size_t)-1;
    while (seen_cap < 2 * ls->n) seen_cap *= 2;
    {
        /* one allocation: seen keys, removed spans, pieces, cuts, reasons,
         * seen values, kinds (counts bounded by lines and matches) */
        size_t nl = ls->n, nm = m->n, size, at = 0;
        unsigned char *mem;
        if (nl > ((size_t)-1) / 256 || nm > ((size_t)-1) / 256) return NC_ENOMEM;
        size = up8(seen_cap * sizeof *seen_key) + up8((nl + nm) * sizeof *o->rem) +
               up8((nl + 2 * nm) * sizeof *o->pieces) + up8(nm * sizeof *cuts) + up8(nl * sizeof *reason) +
               up8(seen_cap) + up8(nl + nm);
        mem = boxed(L, size, 1);
        seen_key = (uint64_t *)(void *)mem;
        at += up8(seen_cap * sizeof *seen_key);
        o->rem = (cl_span *)(void *)(mem + at);
        at += up8((nl + nm) * sizeof *o->rem);
        o->pieces = (cl_piece *)(void *)(mem + at);
        at += up8((nl + 2 * nm) * sizeof *o->pieces);
        cuts = (cl_cut *)(void *)(mem + at);
        at += up8(nm * sizeof *cuts);
        reason = (int32_t *)(void *)(mem + at);
        at += up8(nl * sizeof *reason);
        seen_val = mem + at;
        at += up8(seen_cap);
        o->kind = mem + at;
    }
    for (i = 0; i < ls->n; i++) reason[i] = -100;             /* none */
    for (k = 0; k < m->n; k++) {
        const nc_match *x = &m->v[k];
        long li = line_at(ls, x->start);
        int span;
        if (li < 0 && x->end > 0) li = line_at(ls, x->end - 1);
        if (li < 0) continue;
        lua_rawgeti(L, 3, (lua_Integer)x->rule + 1);
        span = lua_toboolean(L, -1);
        lua_pop(L, 1);
        if (!span) {
            if (reason[li] == -100) reason[li] = (int32_t)x->rule;
        } else {
            uint32_t a = x->start, b = x->end;
            if (a < ls->v[li].start) a = ls->v[li].start;
            if (b > ls->v[li].end) b = ls->v[li].end;
            if (a < b) {
                cuts[ncut].line = (uint32_t)li;
                cuts[ncut].start = a;
                cuts[ncut].end = b;
                cuts[ncut].order = (uint32_t)k;
                cuts[ncut].rule = (int32_t)x->rule;
                ncut++;
            }
        }
    }
    if (ncut > 1) qsort(cuts, ncut, sizeof *cuts, cut_order);
    for (i = 0, c = 0; i < ls->n; i++) {
        const nc_line *l = &ls->v[i];
        int32_t why = reason[i];
        if (why == -100) {
            size_t h = (size_t)(l->hash * 0x9E3779B97F4A7C15ull >> 20) & (seen_cap - 1);
            while (seen_val[h] && seen_key[h] != l->hash) h = (h + 1) & (seen_cap - 1);
            if (o->title == (size_t)-1) {
                o->title = i;
                seen_key[h] = l->hash;
                seen_val[h] = 1;
            } else if (seen_val[h] == 1) {
                why = CL_REPEATED;
            } else if (seen_val[h] && (l->info & NC_LINE_LONG)) {
                why = CL_DUPLICATE;
            } else if (i < 6 && (l->info & NC_LINE_BYLINE)) {
                why = CL_METADATA;
                if (o->byline == (size_t)-1) o->byline = i;
            } else if (l->info & NC_LINE_TAGS) {
                why = CL_TAGS;
            } else if (!seen_val[h]) {
                seen_key[h] = l->hash;
                seen_val[h] = 2;
            }
        }
        blank = blank || (l->info & NC_LINE_BLANK);
        while (c < ncut && cuts[c].line < i) c++;
        if (why != -100) {
            o->rem[o->nrem].start = l->start;
            o->rem[o->nrem].end = l->end;
            o->rem[o->nrem].why = why;
            o->nrem++;
        } else {
            uint32_t p = l->start, a, b;
            for (;; c++) {
                int last = !(c < ncut && cuts[c].line == i);
                /* keep [p, cut start) (or [p, line end) after the last cut), trimmed */
                a = p;
                b = last ? l->end : cuts[c].start;
                if (last || cuts[c].start >= p) {
                    while (a < b && (unsigned char)s[a] <= 32) a++;
                    while (b > a && (unsigned char)s[b - 1] <= 32) b--;
                    if (a < b) {
                        o->pieces[o->npiece].start = a;
                        o->pieces[o->npiece].end = b;
                        o->pieces[o->npiece].line = (uint32_t)i;
                        o->pieces[o->npiece].blank = (uint32_t)blank;
                        o->npiece++;
                        blank = 0;
                    }
                }
                if (last) break;
                if (cuts[c].start >= p) {
                    o->rem[o->nrem].start = cuts[c].start;
                    o->rem[o->nrem].end = cuts[c].end;
                    o->rem[o->nrem].why = cuts[c].rule;
                    o->nrem++;
                    p = cuts[c].end;
                }
            }
        }
    }
    if (o->nrem > 1) qsort(o->rem, o->nrem, sizeof *o->rem, span_order);
    return NC_OK;
}

/* core.clean(text, rules, spans, reasons [, date]) -> removed, pieces, title_start, title_stop,
 *                                                    byline_start, byline_stop
 * The cleaner's decisions (see clean.lua): each line gets the reason of the
 * first match of `rules` on it (rules:match order) whose rule is a line or
 * contains rule (spans[rule] false); span rules (spans[rule] true) cut their
 * match, clipped to its line, out of a line kept otherwise. Then the lines in
 * order: the first kept line is the title; a line keyed like the title is a
 * repeated headline, like an earlier body line and long a duplicate
 * paragraph, a byline in the first six a metadata line, a tag cloud a tag
 * list. removed: list of {start, stop, reason} in text order (reasons[rule]
 * for rules); pieces: flat {start, stop, line, blank_before} of what is kept.
 * Spans 1-based inclusive; nil for no title or byline line.
 * With date true: date, source, time instead (pd_push). The pass then first
 * goes over the lines of the top of the text only, and over all of them only
 * when a later line could give better evidence (pd_best). */
static int l_clean(lua_State *L)
{
    size_t n, k;
    const char *s = luaL_checklstring(L, 1, &n);
    rules_ud *ru = check_rules(L, 2);
    nc_matches m;
    void **mbox;
    cl_out o;
    int rc, date = lua_toboolean(L, 5);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TTABLE);
    if (n > NC_MAX_TEXT) return push_status_error(L, NC_ETOOBIG);
    mbox = new_box(L);
    memset(&m, 0, sizeof m);
    rc = nc_rules_match(ru->r, s, n, &m);
    *mbox = m.v;
    if (rc != NC_OK) return push_status_error(L, rc);
    if (date) {
        size_t top = pd_top(s, n);
        if (top < n) {
            if ((rc = cl_pass(L, s, top, &m, &o)) != NC_OK) return push_status_error(L, rc);
            if (pd_push(L, s, n, o.rem, o.nrem, o.kind, 1)) return 3;
        }
        if ((rc = cl_pass(L, s, n, &m, &o)) != NC_OK) return push_status_error(L, rc);
        return pd_push(L, s, n, o.rem, o.nrem, o.kind, 0);
    }
    if ((rc = cl_pass(L, s, n, &m, &o)) != NC_OK) return push_status_error(L, rc);
    lua_createtable(L, o.nrem < 0x7fffffff ? (int)o.nrem : 0, 0);
    for (k = 0; k < o.nrem; k++) {
        lua_createtable(L, 0, 3);
        lua_pushinteger(L, (lua_Integer)o.rem[k].start + 1);
        lua_setfield(L, -2, "start");
        lua_pushinteger(L, (lua_Integer)o.rem[k].end);
        lua_setfield(L, -2, "stop");
        if (o.rem[k].why >= 0) lua_rawgeti(L, 4, (lua_Integer)o.rem[k].why + 1);
        else lua_pushstring(L, cl_feature[-o.rem[k].why - 1]);
        lua_setfield(L, -2, "reason");
        lua_rawseti(L, -2, (lua_Integer)k + 1);
    }
    lua_createtable(L, o.npiece * 4 < 0x7fffffff ? (int)(o.npiece * 4) : 0, 0);
    for (k = 0; k < o.npiece; k++) {
        lua_pushinteger(L, (lua_Integer)o.pieces[k].start + 1);
        lua_rawseti(L, -2, (lua_Integer)(4 * k + 1));
        lua_pushinteger(L, (lua_Integer)o.pieces[k].end);
        lua_rawseti(L, -2, (lua_Integer)(4 * k + 2));
        lua_pushinteger(L, (lua_Integer)o.pieces[k].line + 1);
        lua_rawseti(L, -2, (lua_Integer)(4 * k + 3));
        lua_pushboolean(L, (int)o.pieces[k].blank);
        lua_rawseti(L, -2, (lua_Integer)(4 * k + 4));
    }
    push_line_span(L, &o.ls, o.title);
    push_line_span(L, &o.ls, o.byline);
    return 6;
}

/* core.dates(text [, limit]) -> flat {start, stop, year, month, day, hour, minute, ...}
 * for each full date (nc_dates.h) starting within the first `limit` bytes
 * (default: all); 1-based inclusive spans; hour and minute -1 without a time. */
static int l_dates(lua_State *L)
{
    size_t n, pos = 0;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer limit = luaL_optinteger(L, 2, (lua_Integer)n);
    nc_date d;
    int k = 0;
    if (limit < 0) limit = 0;
    if ((size_t)limit < n && n - (size_t)limit > 64) n = (size_t)limit + 64;  /* room for the year and time */
    lua_newtable(L);
    while (nc_next_date(s, n, &pos, &d)) {
        if ((lua_Integer)d.start >= limit) break;
        lua_pushinteger(L, (lua_Integer)d.start + 1);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, (lua_Integer)d.end);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, d.year);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, d.month);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, d.day);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, d.hour);
        lua_rawseti(L, -2, ++k);
        lua_pushinteger(L, d.minute);
        lua_rawseti(L, -2, ++k);
    }
    return 1;
}

/* The labels of the bundled date rules, in the order of nc_datevalue.h. */
static const char *const date_labels[NC_DV_NLABELS] = { "date", "iso", "numeric", "named", "month",
    "month-cue", "daymonth", "season", "decade", "quarter", "century", "year", "relative", "duration",
    "weekday" };

/* core.date_value(text, a, b, label [, anchor [, order]])
 *   -> value | nil, kind, granularity, used_anchor
 * The value of the expression text[a..b] (1-based, inclusive) that the rule
 * labelled core.date_labels[label] found. anchor: the publication date as a
 * day number (1970-01-01 = 0), false when the document has none, nil when not
 * read yet; order: "dmy" or "mdy" for slashed dates, nil when not read yet.
 * Returns false when the match is no date ("May I"), and true, "anchor" (or
 * true, "order") when the expression needs that first: ask again with it. */
static int l_date_value(lua_State *L)
{
    static const char *const kinds[] = { "absolute", "relative", "duration" };
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3), label = luaL_checkinteger(L, 4);
    nc_date_ctx ctx;
    nc_date_value v;
    int rc;
    luaL_argcheck(L, label >= 1 && label <= NC_DV_NLABELS, 4, "no such date label");
    luaL_argcheck(L, a >= 1 && b >= a - 1 && (size_t)b <= n, 3, "span out of range");
    ctx.text = s;
    ctx.n = n;
    ctx.anchor = 0;
    ctx.order = 0;
    if (lua_isnoneornil(L, 5)) ctx.anchor_known = -1;
    else if (lua_type(L, 5) == LUA_TBOOLEAN && !lua_toboolean(L, 5)) ctx.anchor_known = 0;
    else {
        lua_Integer z = luaL_checkinteger(L, 5);
        luaL_argcheck(L, z >= -100000000 && z <= 100000000, 5, "day number out of range");
        ctx.anchor_known = 1;
        ctx.anchor = (long)z;
    }
    if (!lua_isnoneornil(L, 6)) {
        const char *o = luaL_checkstring(L, 6);
        if (strcmp(o, "dmy") == 0) ctx.order = 'd';
        else if (strcmp(o, "mdy") == 0) ctx.order = 'm';
        else return luaL_argerror(L, 6, "'dmy' or 'mdy' expected");
    }
    rc = nc_date_read((int)label - 1, &ctx, (size_t)a - 1, (size_t)b, &v);
    if (rc == NC_DV_DROP) { lua_pushboolean(L, 0); return 1; }
    if (rc == NC_DV_NEED_ANCHOR || rc == NC_DV_NEED_ORDER) {
        lua_pushboolean(L, 1);
        lua_pushstring(L, rc == NC_DV_NEED_ANCHOR ? "anchor" : "order");
        return 2;
    }
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (v.value[0]) lua_pushstring(L, v.value); else lua_pushnil(L);
    lua_pushstring(L, kinds[v.kind]);
    lua_pushstring(L, v.gran);
    lua_pushboolean(L, v.used);
    return 4;
}

/* Call need(what) at index fn for the anchor or the numeric order of ctx
 * (see core.date_rows); the anchor's ISO text (or nil) goes to stack slot iso. */
static void date_ask(lua_State *L, int fn, int anchor, nc_date_ctx *ctx, int iso)
{
    lua_pushvalue(L, fn);
    lua_pushstring(L, anchor ? "anchor" : "order");
    lua_call(L, 1, 2);
    if (anchor) {
        size_t dn;
        const char *ds;
        long dz;
        if (lua_type(L, -2) == LUA_TSTRING) {
            ds = lua_tolstring(L, -2, &dn);
            ctx->anchor_known = nc_day_of(ds, dn, &dz);
            ctx->anchor = ctx->anchor_known ? dz : 0;
        } else if (lua_type(L, -2) == LUA_TNUMBER) {
            lua_Number z = lua_tonumber(L, -2);
            if (!(z >= -100000000 && z <= 100000000) || z != (lua_Number)(long)z)
                luaL_error(L, "newscorpus: the anchor must be a whole day number in range");
            ctx->anchor_known = 1;
            ctx->anchor = (long)z;
        } else {
            ctx->anchor_known = 0;
        }
        if (lua_type(L, -1) != LUA_TSTRING) { lua_pop(L, 1); lua_pushnil(L); }
        lua_replace(L, iso);
        lua_pop(L, 1);
    } else {
        const char *o = lua_tostring(L, -2);
        if (!o || (strcmp(o, "dmy") != 0 && strcmp(o, "mdy") != 0))
            luaL_error(L, "newscorpus: the numeric order must be 'dmy' or 'mdy'");
        ctx->order = o[0];
        lua_pop(L, 2);
    }
}

/* A rows spec at index idx (core.date_rows, core.claims): its prefix (the doc
 * cell and its gap; the spec keeps the string alive, "" when none) and the
 * width of the number cells, num (0 when missing or not in 1..63). */
static size_t row_spec(lua_State *L, int idx, const char **prefix, size_t *prefixn)
{
    lua_Integer w;
    lua_getfield(L, idx, "prefix");
    *prefix = lua_tolstring(L, -1, prefixn);
    if (!*prefix) { *prefix = ""; *prefixn = 0; }
    lua_getfield(L, idx, "num");
    w = lua_tointeger(L, -1);
    lua_pop(L, 2);
    return (size_t)(w > 0 && w < 64 ? w : 0);
}

/* Write s (n bytes) left-aligned in a cell of at least w bytes, then two spaces. */
static char *put_cell(char *p, const char *s, size_t n, size_t w)
{
    memcpy(p, s, n);
    p += n;
    if (n < w) { memset(p, ' ', w - n); p += w - n; }
    p[0] = p[1] = ' ';
    return p + 2;
}

/* core.date_rows(text, m, codes, need, spec) -> rows, count
 * The dates command's output for the matches m of the bundled date rules
 * (flat {rule, start, stop, ...} as compiled:match gives them), without a Lua
 * value per date: codes[rule] is the rule's label number (core.date_labels
 * order). The anchor and the numeric order are asked for when a date first
 * needs them, as dates.find does: need("anchor") returns the anchor's day
 * number, or a text starting YYYY-MM-DD (its day is read here: nc_day_of),
 * or false, then the anchor's ISO text (or nil); need("order") "dmy" or "mdy".
 * spec {prefix = s, num = w}: table rows "prefix start stop value kind anchor
 * text\n" (value 11 wide, kind 8, anchor 10; "-" for none; the text a cell);
 * spec {json = id}: JSON Lines {doc, start, stop, text, value, kind,
 * granularity, anchor} (null for none). Strings are repaired as the tables
 * and format.json do. */
static int l_date_rows(lua_State *L)
{
    static const char *const kinds[] = { "absolute", "relative", "duration" };
    size_t n, nm, k, count = 0, prefixn = 0, docn = 0, numw;
    const char *s = luaL_checklstring(L, 1, &n), *prefix, *doc;
    nc_date_ctx ctx;
    const char *iso = NULL;
    size_t ison = 0;
    rowbuf rb;
    luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    luaL_checktype(L, 4, LUA_TFUNCTION);
    luaL_checktype(L, 5, LUA_TTABLE);
    numw = row_spec(L, 5, &prefix, &prefixn);
    lua_getfield(L, 5, "json");
    doc = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &docn) : NULL;
    lua_pop(L, 1);
    nm = (size_t)nc_rawlen(L, 2);
    luaL_argcheck(L, nm % 3 == 0, 2, "flat {rule, start, stop, ...} expected");
    ctx.text = s;
    ctx.n = n;
    ctx.anchor_known = -1;
    ctx.anchor = 0;
    ctx.order = 0;
    rb.box = new_box(L);              /* slot 6 */
    rb.n = rb.cap = 0;
    lua_pushnil(L);                   /* slot 7: the anchor's ISO text, once asked for */
    for (k = 1; k + 2 <= nm; k += 3) {
        lua_Integer rule, a, b, code;
        nc_date_value v;
        int rc, anchored;
        const char *val;
        size_t vn, tn, kn;
        lua_rawgeti(L, 2, (lua_Integer)k);
        lua_rawgeti(L, 2, (lua_Integer)k + 1);
        lua_rawgeti(L, 2, (lua_Integer)k + 2);
        rule = lua_tointeger(L, -3);
        a = lua_tointeger(L, -2);
        b = lua_tointeger(L, -1);
        lua_pop(L, 3);
        lua_rawgeti(L, 3, rule);
        code = lua_tointeger(L, -1);
        lua_pop(L, 1);
        if (code < 1 || code > NC_DV_NLABELS) luaL_error(L, "newscorpus: rule %d has no date label", (int)rule);
        if (a < 1 || b < a - 1 || (size_t)b > n) luaL_error(L, "newscorpus: match %d out of range", (int)(k / 3 + 1));
        for (;;) {                     /* ask for what the read needs, then read again */
            rc = nc_date_read((int)code - 1, &ctx, (size_t)a - 1, (size_t)b, &v);
            if (rc == NC_DV_NEED_ANCHOR && ctx.anchor_known < 0) date_ask(L, 4, 1, &ctx, 7);
            else if (rc == NC_DV_NEED_ORDER && !ctx.order) date_ask(L, 4, 0, &ctx, 7);
            else break;
        }
        if (rc == NC_DV_DROP) continue;
        if (rc != NC_OK) luaL_error(L, "newscorpus: %s", nc_strerror(rc == NC_DV_NEED_ANCHOR || rc == NC_DV_NEED_ORDER ? NC_EINVAL : rc));
        anchored = v.used || v.kind == NC_DV_RELATIVE_KIND;
        if (anchored && ctx.anchor_known < 0) date_ask(L, 4, 1, &ctx, 7);
        iso = lua_tolstring(L, 7, &ison);     /* kept alive in slot 7 */
        anchored = anchored && iso;
        tn = (size_t)(b - a + 1);
        val = v.value[0] ? v.value : doc ? "null" : "-";
        vn = strlen(val);
        kn = strlen(kinds[v.kind]);
        count++;
        if (doc) {
            char num[32];
            size_t l;
            rb_add(L, &rb, "{\"doc\":", 7);
            rb_json_str(L, &rb, (const unsigned char *)doc, docn);
            rb_add(L, &rb, ",\"start\":", 9);
            l = fmt_uint(num, (uint64_t)a);
            rb_add(L, &rb, num + sizeof num - l, l);
            rb_add(L, &rb, ",\"stop\":", 8);
            l = fmt_uint(num, (uint64_t)b);
            rb_add(L, &rb, num + sizeof num - l, l);
            rb_add(L, &rb, ",\"text\":", 8);
            rb_json_str(L, &rb, (const unsigned char *)s + a - 1, tn);
            rb_add(L, &rb, ",\"value\":", 9);
            if (v.value[0]) rb_json_str(L, &rb, (const unsigned char *)val, vn);
            else rb_add(L, &rb, "null", 4);
            rb_add(L, &rb, ",\"kind\":", 8);
            rb_json_str(L, &rb, (const unsigned char *)kinds[v.kind], kn);
            rb_add(L, &rb, ",\"granularity\":", 15);
            rb_json_str(L, &rb, (const unsigned char *)v.gran, strlen(v.gran));
            rb_add(L, &rb, ",\"anchor\":", 10);
            if (anchored) rb_json_str(L, &rb, (const unsigned char *)iso, ison);
            else rb_add(L, &rb, "null", 4);
            rb_add(L, &rb, "}\n", 2);
        } else {
            size_t numr = numw > 20 ? numw : 20;
            char *base, *p;
            if (tn > ((size_t)-1) / 4) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
            base = p = rb_room(L, &rb, prefixn + 2 * (numr + 2) + (vn > 11 ? vn : 11) + 2 + (kn > 8 ? kn : 8) + 2 +
                                       (ison > 10 ? ison : 10) + 2 + 3 * tn + 1);
            memcpy(p, prefix, prefixn);
            p += prefixn;
            p = put_num_cell(p, (uint64_t)a, numw);
            p = put_num_cell(p, (uint64_t)b, numw);
            p = put_cell(p, val, vn, 11);
            p = put_cell(p, kinds[v.kind], kn, 8);
            p = anchored ? put_cell(p, iso, ison, 10) : put_cell(p, "-", 1, 10);
            p = put_text(p, (const unsigned char *)s + a - 1, tn);
            *p++ = '\n';
            rb.n += (size_t)(p - base);
        }
    }
    lua_pushlstring(L, rb.n ? (const char *)*rb.box : "", rb.n);
    lua_pushinteger(L, (lua_Integer)count);
    return 2;
}

/* core.claim_kind(text, a, b, s0, s1, share, lexicon, population) -> kind, part
 * What the figure text[a..b] (1-based, inclusive) in the sentence text[s0..s1]
 * counts, from the cue words of `lexicon` (a core.wordset whose values pack
 * kinds and scores as nc_claims.h says) within 90 bytes and ten words each
 * side in the sentence: kind 1..7 or 0 (none); part 0, 1 (a part of another
 * figure: "among", "15 of them"), 2 (after "including"). `population` is the
 * kind number of the population cues the reader itself knows ("home to"). */
static int l_claim_kind(lua_State *L)
{
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);
    lua_Integer s0 = luaL_checkinteger(L, 4), s1 = luaL_checkinteger(L, 5), lo, hi;
    int share = lua_toboolean(L, 6), part = 0, kind;
    wordset_ud *w = check_wordset(L, 7);
    lua_Integer pop = luaL_checkinteger(L, 8);
    luaL_argcheck(L, a >= 1 && b >= a - 1 && (size_t)b <= n, 3, "span out of range");
    luaL_argcheck(L, pop >= 0 && pop <= 7, 8, "kind number must be 0..7");
    lo = a - 90 < s0 ? s0 : a - 90;
    if (lo < 1) lo = 1;
    if (lo > a) lo = a;
    hi = b + 90 > s1 ? s1 : b + 90;
    if (hi > (lua_Integer)n) hi = (lua_Integer)n;
    if (hi < b) hi = b;
    kind = nc_claim_kind(s, (size_t)lo - 1, (size_t)a - 1, (size_t)b, (size_t)hi, share, &w->ws, (unsigned)pop, &part);
    lua_pushinteger(L, kind);
    lua_pushinteger(L, part);
    return 2;
}

/* The labels core.claim_read takes, in the order of nc_claims.h. */
static const char *const claim_labels[NC_CL_NLABELS] = { "none", "number", "words", "percent", "money",
    "fraction", "vague", "range" };

/* core.claim_read(text, a, b, label) -> value | nil, low, high, unit, approx,
 * bound, zero_lead: the figure text[a..b] (1-based, inclusive) found by the
 * rule labelled core.claim_labels[label] ("none": the qualifier only).
 * bound: "low", "high", "below", "about" or nil; zero_lead: the figure after
 * its qualifier starts with 0 and a digit. */
static int l_claim_read(lua_State *L)
{
    static const char *const bounds[] = { NULL, "low", "high", "below", "about" };
    size_t n;
    const char *s = luaL_checklstring(L, 1, &n);
    lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3), label = luaL_checkinteger(L, 4);
    nc_claim_value v;
    int rc;
    luaL_argcheck(L, a >= 1 && b >= a - 1 && (size_t)b <= n, 3, "span out of range");
    luaL_argcheck(L, label >= 1 && label <= NC_CL_NLABELS, 4, "no such figure label");
    rc = nc_claim_read((int)label - 1, s, (size_t)a - 1, (size_t)b, &v);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (v.ok) {
        lua_pushnumber(L, v.value);
        lua_pushnumber(L, v.low);
        lua_pushnumber(L, v.high);
    } else {
        lua_pushnil(L);
        lua_pushnil(L);
        lua_pushnil(L);
    }
    if (v.unit) lua_pushstring(L, v.unit); else lua_pushnil(L);
    if (v.approx) lua_pushstring(L, v.approx); else lua_pushnil(L);
    if (bounds[v.bound]) lua_pushstring(L, bounds[v.bound]); else lua_pushnil(L);
    lua_pushboolean(L, v.zero_lead);
    return 7;
}


/* A number as the claims table shows it (cli.lua's grouped): integral values
 * below 2^53 as integers, others as %.10g; more than four leading digits
 * grouped by threes ("500,000"). Writes at p (at most 64 bytes). */
static char *put_grouped(char *p, double v)
{
    char t[48];
    size_t n, d = 0, i;
    if (v == floor(v) && v > -9007199254740992.0 && v < 9007199254740992.0) {
        char num[32];
        uint64_t u = (uint64_t)(v < 0 ? -v : v);
        size_t l = fmt_uint(num, u);
        n = 0;
        if (v < 0) t[n++] = '-';
        memcpy(t + n, num + sizeof num - l, l);
        n += l;
    } else {
        n = (size_t)snprintf(t, sizeof t, "%.10g", v);
    }
    if (n >= sizeof t) n = sizeof t - 1;
    while (d < n && t[d] >= '0' && t[d] <= '9') d++;
    if (d <= 4) { memcpy(p, t, n); return p + n; }
    for (i = 0; i < d; i++) {
        if (i > 0 && (d - i) % 3 == 0) *p++ = ',';
        *p++ = t[i];
    }
    memcpy(p, t + d, n - d);
    return p + (n - d);
}

/* The figure column of the claims table (cli.lua's figure): "more than
 * 500,000", "almost 66.7%", "3,500,000 USD", "200,000-999,999". Writes at p
 * (at most 200 bytes); returns the end. */
static char *put_figure(char *p, const nc_claim *c)
{
    if ((c->low != c->value || c->high != c->value) && !c->approx && c->high != HUGE_VAL) {
        p = put_grouped(p, c->low);
        *p++ = '-';
        p = put_grouped(p, c->high);
    } else {
        if (c->low != c->value || c->high != c->value) {
            size_t l = c->approx ? strlen(c->approx) : 0;
            memcpy(p, c->approx ? c->approx : "", l);
            p += l;
            if (l) *p++ = ' ';
        }
        p = put_grouped(p, c->value);
    }
    if (c->unit) {
        size_t l = strlen(c->unit);
        if (strcmp(c->unit, "%") != 0) *p++ = ' ';
        memcpy(p, c->unit, l);
        p += l;
    }
    return p;
}

/* What core.claims allocates for a document, freed by __gc if Lua raises.
 * One is kept per Lua state (the upvalue of core.claims) and its memory used
 * again for the next document; a call made while it is in use (from a
 * finalizer that runs during an allocation) makes one of its own. */
typedef struct claims_work {
    nc_claims out;
    nc_matches m;
    nc_claim_in *in;
    size_t incap;
    nc_tokens t;
    nc_sentences s;
    void *rows;                /* the rows buffer; rowscap bytes */
    size_t rowscap;
    void *md;                  /* PCRE2's match data (nc_rules_match_kept) */
    size_t *rng, rngcap;       /* the byte ranges the figures' kinds read (2 per range) */
    int busy;
} claims_work;

static int l_claims_gc(lua_State *L)
{
    claims_work *w = (claims_work *)luaL_checkudata(L, 1, MT_CLAIMS);
    nc_claims_free(&w->out);
    nc_matches_free(&w->m);
    free(w->in);
    w->in = NULL;
    w->incap = 0;
    nc_tokens_free(&w->t);
    nc_sentences_free(&w->s);
    free(w->rows);
    w->rows = NULL;
    w->rowscap = 0;
    nc_rules_md_free(w->md);
    w->md = NULL;
    free(w->rng);
    w->rng = NULL;
    w->rngcap = 0;
    return 0;
}

/* core.claims(text, m, codes, split, lexicon, population, want [, user [, spec]])
 * The figures of text from the matches m of the claims rules: flat {rule,
 * start, stop, ...} as compiled:match gives them (in text order), or the
 * compiled rule set itself (its matches are found here). codes[rule] is the
 * number of a figure rule's label in core.claim_labels, 9 for a year rule, nil
 * for any other. A rule of -c (c a label number, or 0) is a user's figure
 * rule labelled c; user[k] is the value of the k-th match (nil: none). split:
 * the document's Sentences, or the splitter's Wordset (the text is split here
 * as doc:sentences() splits it, when some match is a figure), or nil (the
 * text is one sentence). lexicon, population: as for core.claim_kind. want:
 * a kind name or nil. Without spec, a flat list of 12 values per figure: match
 * number, start, stop, value, low, high|false, approx|false, kind,
 * unit|false, label number, part, sentence|false. With spec {prefix = s, num =
 * w}: the claims table's rows "prefix start stop kind figure text\n" as one
 * string, and their count. */
static int l_claims(lua_State *L)
{
    size_t n, nm, k, nin = 0, i, ns = 0;
    const char *s = luaL_checklstring(L, 1, &n);
    const nc_sentence *sv = NULL;
    wordset_ud *lex, *abbr = NULL;
    rules_ud *ru = NULL;
    lua_Integer pop;
    int want = -1, rc, figures = 0;
    claims_work *w;
    if (lua_type(L, 2) == LUA_TUSERDATA) ru = check_rules(L, 2);
    else luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_type(L, 4) == LUA_TUSERDATA) {
        if (test_udata(L, 4, MT_WORDSET)) {
            abbr = check_wordset(L, 4);
        } else {
            l_sentences *ss = check_sentences(L, 4);
            sv = ss->s.v;
            ns = ss->s.n;
        }
    } else if (!lua_isnoneornil(L, 4)) {
        luaL_argerror(L, 4, "Sentences or Wordset expected");
    }
    lex = check_wordset(L, 5);
    pop = luaL_checkinteger(L, 6);
    luaL_argcheck(L, pop >= 0 && pop <= 7, 6, "kind number must be 0..7");
    if (!lua_isnoneornil(L, 7)) {
        const char *kw = luaL_checkstring(L, 7);
        for (want = 0; want < NC_CK_NKINDS && strcmp(kw, nc_claim_kinds[want]) != 0; want++) {}
        luaL_argcheck(L, want < NC_CK_NKINDS, 7, "unknown kind");
    }
    if (!lua_isnoneornil(L, 8)) luaL_checktype(L, 8, LUA_TTABLE);
    if (!lua_isnoneornil(L, 9)) luaL_checktype(L, 9, LUA_TTABLE);
    lua_settop(L, 9);
    w = (claims_work *)lua_touserdata(L, lua_upvalueindex(1));
    if (w->busy) w = (claims_work *)new_object(L, sizeof *w, MT_CLAIMS);   /* slot 10 */
    else lua_pushvalue(L, lua_upvalueindex(1));                            /* slot 10 */
    w->busy = 1;                       /* until the return (a raise leaves it: then each call makes its own) */
    w->m.n = 0;
    w->m.limited = 0;
    if (ru) {
        if ((rc = nc_rules_match_kept(ru->r, s, n, &w->m, &w->md)) != NC_OK)
            return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
        nm = w->m.n;
    } else {
        nm = (size_t)nc_rawlen(L, 2);
        luaL_argcheck(L, nm % 3 == 0, 2, "flat {rule, start, stop, ...} expected");
        nm /= 3;
    }
    if (nm > w->incap) {
        nc_claim_in *p = realloc(w->in, nm * sizeof *w->in);
        if (!p) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        w->in = p;
        w->incap = nm;
    }
    for (k = 0; k < nm; k++) {
        lua_Integer rule, a, b, code;
        nc_claim_in *e = &w->in[nin++];
        if (ru) {
            rule = (lua_Integer)w->m.v[k].rule + 1;
            a = (lua_Integer)w->m.v[k].start + 1;
            b = (lua_Integer)w->m.v[k].end;
        } else {
            lua_rawgeti(L, 2, (lua_Integer)(3 * k + 1));
            lua_rawgeti(L, 2, (lua_Integer)(3 * k + 2));
            lua_rawgeti(L, 2, (lua_Integer)(3 * k + 3));
            rule = lua_tointeger(L, -3);
            a = lua_tointeger(L, -2);
            b = lua_tointeger(L, -1);
            lua_pop(L, 3);
        }
        if (a < 1 || b < a - 1 || (size_t)b > n || (nin > 1 && (size_t)a - 1 < w->in[nin - 2].end))
            return luaL_error(L, "newscorpus: match %d out of range or order", (int)nin);
        e->start = (size_t)a - 1;
        e->end = (size_t)b;
        e->user = rule < 1;
        e->value = 0;
        if (e->user) {
            code = -rule;
            lua_rawgeti(L, 8, (lua_Integer)nin);
            e->value = lua_type(L, -1) == LUA_TNUMBER ? (double)lua_tonumber(L, -1) : (double)NAN;
            lua_pop(L, 1);
        } else {
            lua_rawgeti(L, 3, rule);
            code = lua_tointeger(L, -1);
            lua_pop(L, 1);
        }
        e->code = code >= 1 && code <= NC_CL_YEAR + 1 ? (int)code - 1 : -1;
        figures |= e->code > NC_CL_NONE || e->user;
    }
    if (abbr && figures) {             /* the sentences, as doc:sentences() makes them */
        size_t nr = 0;
        if (lua_type(L, 9) == LUA_TTABLE) {
            /* rows: only the sentence ends near a figure, where its kind reads
             * (the qualifier before it 32 bytes at most, its unit after 40, and
             * 90 bytes each side) */
            if (2 * nin > w->rngcap) {
                size_t *p = realloc(w->rng, 2 * nin * sizeof *p);
                if (!p) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
                w->rng = p;
                w->rngcap = 2 * nin;
            }
            for (k = 0; k < nin; k++) {
                const nc_claim_in *e = &w->in[k];
                size_t lo = e->start > 128 ? e->start - 128 : 0, hi = e->end + 136;
                if (!(e->code > NC_CL_NONE || e->user)) continue;
                if (nr && lo <= w->rng[2 * nr - 1]) {
                    if (hi > w->rng[2 * nr - 1]) w->rng[2 * nr - 1] = hi;
                } else {
                    w->rng[2 * nr] = lo;
                    w->rng[2 * nr + 1] = hi;
                    nr++;
                }
            }
        }
        rc = nc_split_text_in(&w->s, s, n, &abbr->ws, &w->t, lua_type(L, 9) == LUA_TTABLE ? w->rng : NULL, nr);
        if (rc == NC_ENOMEM) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
        if (rc == NC_OK) {
            sv = w->s.v;
            ns = w->s.n;
        }
    }
    rc = nc_claims_collect(s, n, w->in, nin, sv, ns, &lex->ws, (unsigned)pop, want, &w->out);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (lua_type(L, 9) == LUA_TTABLE) {
        const char *prefix;
        size_t prefixn = 0, numw = row_spec(L, 9, &prefix, &prefixn);
        rowbuf rb;
        rb.box = &w->rows;
        rb.n = 0;
        rb.cap = w->rowscap;
        for (i = 0; i < w->out.n; i++) {
            const nc_claim *c = &w->out.v[i];
            size_t tn = c->stop - c->start, kn = strlen(nc_claim_kinds[c->kind]);
            char fig[256], *fe = put_figure(fig, c), *base, *p;
            if (tn > ((size_t)-1) / 4) luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
            base = p = rb_room(L, &rb, prefixn + 2 * ((numw > 20 ? numw : 20) + 2) + 12 + (size_t)(fe - fig) + 24 +
                                           3 * tn + 1);
            memcpy(p, prefix, prefixn);
            p += prefixn;
            p = put_num_cell(p, (uint64_t)c->start + 1, numw);
            p = put_num_cell(p, (uint64_t)c->stop, numw);
            p = put_cell(p, nc_claim_kinds[c->kind], kn, 10);
            p = put_cell(p, fig, (size_t)(fe - fig), 22);
            p = put_text(p, (const unsigned char *)s + c->start, tn);
            *p++ = '\n';
            rb.n += (size_t)(p - base);
        }
        w->rowscap = rb.cap;
        lua_pushlstring(L, rb.n ? (const char *)*rb.box : "", rb.n);
        lua_pushinteger(L, (lua_Integer)w->out.n);
        w->busy = 0;
        return 2;
    }
    lua_createtable(L, (int)(w->out.n * 12 < INT_MAX ? w->out.n * 12 : 0), 0);
    for (i = 0, k = 0; i < w->out.n; i++) {
        const nc_claim *c = &w->out.v[i];
        lua_pushinteger(L, (lua_Integer)c->index + 1);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushinteger(L, (lua_Integer)c->start + 1);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushinteger(L, (lua_Integer)c->stop);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushnumber(L, c->value);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushnumber(L, c->low);
        lua_rawseti(L, -2, (lua_Integer)++k);
        if (c->high != HUGE_VAL) lua_pushnumber(L, c->high); else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)++k);
        if (c->approx) lua_pushstring(L, c->approx); else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushstring(L, nc_claim_kinds[c->kind]);
        lua_rawseti(L, -2, (lua_Integer)++k);
        if (c->unit) lua_pushstring(L, c->unit); else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushinteger(L, c->label + 1);
        lua_rawseti(L, -2, (lua_Integer)++k);
        lua_pushboolean(L, c->part);
        lua_rawseti(L, -2, (lua_Integer)++k);
        if (c->sentence) lua_pushinteger(L, (lua_Integer)c->sentence); else lua_pushboolean(L, 0);
        lua_rawseti(L, -2, (lua_Integer)++k);
    }
    w->busy = 0;
    return 1;
}

/* The string field k of the table at index t, or NULL when it is nil; a value
 * of another type is misuse and raises. Leaves the value on the stack. */
static const char *row_str(lua_State *L, int t, const char *k, size_t *n)
{
    lua_getfield(L, t, k);
    if (lua_isnil(L, -1)) { *n = 0; return NULL; }
    if (lua_type(L, -1) != LUA_TSTRING) luaL_error(L, "newscorpus: quote field '%s' must be a string", k);
    return lua_tolstring(L, -1, n);
}

/* The whole non-negative number field k of the table at index t (else raises). */
static uint64_t row_pos(lua_State *L, int t, const char *k)
{
    lua_Number v;
    lua_getfield(L, t, k);
    v = lua_tonumber(L, -1);
    if (lua_type(L, -1) != LUA_TNUMBER || !(v >= 0 && v < 9007199254740992.0) || v != (lua_Number)(uint64_t)v)
        luaL_error(L, "newscorpus: quote field '%s' must be a whole number >= 0", k);
    lua_pop(L, 1);
    return (uint64_t)v;
}

/* core.quote_rows(list, spec) -> rows, count
 * The quotes command's table rows for a list of quotes (doc:quotes()), written
 * without a Lua string per row: "prefix start stop kind speaker cue text\n",
 * the numbers right-aligned in spec.num bytes, kind in 8, the speaker (its id,
 * else its name, else "-") in 26, the cue (else "-") in 10, each cell followed
 * by two spaces; the speaker and the text as table cells (format.cell: control
 * characters as spaces, invalid UTF-8 as U+FFFD). spec {prefix = s, num = w}
 * as for core.date_rows. A quote that is not a table, or a field of the wrong
 * type, raises. */
static int l_quote_rows(lua_State *L)
{
    const char *prefix;
    size_t prefixn = 0, numw, i, n;
    rowbuf rb;
    int top;
    luaL_checktype(L, 1, LUA_TTABLE);
    luaL_checktype(L, 2, LUA_TTABLE);
    numw = row_spec(L, 2, &prefix, &prefixn);
    n = nc_rawlen(L, 1);
    rb.box = new_box(L);
    rb.n = rb.cap = 0;
    top = lua_gettop(L);
    for (i = 1; i <= n; i++) {
        const char *kind, *sp, *cue, *tx;
        size_t kn, spn, cn, tn;
        uint64_t a, b;
        char *base, *p, *cell;
        lua_rawgeti(L, 1, (lua_Integer)i);
        if (!lua_istable(L, -1)) luaL_error(L, "newscorpus: quote %d is not a table", (int)i);
        a = row_pos(L, top + 1, "start");
        b = row_pos(L, top + 1, "stop");
        kind = row_str(L, top + 1, "kind", &kn);
        sp = row_str(L, top + 1, "speaker_id", &spn);
        if (!sp) sp = row_str(L, top + 1, "speaker", &spn);
        if (!sp) { sp = "-"; spn = 1; }
        cue = row_str(L, top + 1, "cue", &cn);
        if (!cue) { cue = "-"; cn = 1; }
        tx = row_str(L, top + 1, "text", &tn);
        if (!kind || !tx) luaL_error(L, "newscorpus: quote %d has no %s", (int)i, kind ? "text" : "kind");
        if (tn > ((size_t)-1) / 8 || spn > ((size_t)-1) / 8 || kn > ((size_t)-1) / 8 || cn > ((size_t)-1) / 8)
            luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        base = p = rb_room(L, &rb, prefixn + 2 * ((numw > 20 ? numw : 20) + 2) + kn + 10 + 3 * spn + 28 + cn + 12 +
                                     3 * tn + 1);
        memcpy(p, prefix, prefixn);
        p += prefixn;
        p = put_num_cell(p, a, numw);
        p = put_num_cell(p, b, numw);
        p = put_cell(p, kind, kn, 8);
        cell = p;
        p = put_text(p, (const unsigned char *)sp, spn);
        p = put_cell(p, "", 0, (size_t)(p - cell) < 26 ? 26 - (size_t)(p - cell) : 0);
        p = put_cell(p, cue, cn, 10);
        p = put_text(p, (const unsigned char *)tx, tn);
        *p++ = '\n';
        rb.n += (size_t)(p - base);
        lua_settop(L, top);
    }
    lua_pushlstring(L, rb.n ? (const char *)*rb.box : "", rb.n);
    box_free(rb.box);
    lua_pushinteger(L, (lua_Integer)n);
    return 2;
}

/* ---- UTF-8 checks ------------------------------------------------------------- */

/* core.utf8_scan(text [, max]) -> invalid_count, {start1, stop1, start2, ...} (at most max spans, default 100), nul_count */
static int l_utf8_scan(lua_State *L)
{
    size_t n, pos = 0, len, count = 0;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    lua_Integer max = luaL_optinteger(L, 2, 100);
    int k = 0;
    lua_newtable(L);
    while (nc_utf8_find_invalid(s, n, &pos, &len)) {
        count++;
        if (count <= (size_t)(max < 0 ? 0 : max)) {
            lua_pushinteger(L, (lua_Integer)pos + 1);
            lua_rawseti(L, -2, ++k);
            lua_pushinteger(L, (lua_Integer)(pos + len));
            lua_rawseti(L, -2, ++k);
        }
        pos += len;
    }
    lua_pushinteger(L, (lua_Integer)count);
    lua_insert(L, -2);
    lua_pushinteger(L, (lua_Integer)nc_count_nul(s, n));
    return 3;
}

/* core.find_byte(text, set [, init [, stop [, other]]]) -> position of the
 * first byte of text[init..stop] (1-based, inclusive; default the whole text)
 * that is one of the bytes of `set` (with `other`: that is none of them), or
 * nil. What string.find(text, "[...]", init) (or "[^...]") answers for a
 * class of single bytes, without trying the class at every byte or cutting
 * the span out first. */
static int l_find_byte(lua_State *L)
{
    size_t n, k, i;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    const unsigned char *set = (const unsigned char *)luaL_checklstring(L, 2, &k);
    lua_Integer init = luaL_optinteger(L, 3, 1), stop = luaL_optinteger(L, 4, (lua_Integer)n);
    unsigned char map[256], other = (unsigned char)lua_toboolean(L, 5);
    if (init < 1) init = 1;
    if (stop > (lua_Integer)n) stop = (lua_Integer)n;
    if (init > stop) { lua_pushnil(L); return 1; }
    memset(map, 0, sizeof map);
    for (i = 0; i < k; i++) map[set[i]] = 1;
    for (i = (size_t)init - 1; i < (size_t)stop; i++)
        if (map[s[i]] != other) { lua_pushinteger(L, (lua_Integer)i + 1); return 1; }
    lua_pushnil(L);
    return 1;
}

/* Add s[0..n-1] to b, control characters (C0 and DEL) as spaces when `controls`. */
static void add_controls_spaced(luaL_Buffer *b, const unsigned char *s, size_t n, int controls)
{
    size_t i, from = 0;
    if (controls)
        for (i = 0; i < n; i++)
            if (s[i] < 0x20 || s[i] == 0x7F) {
                luaL_addlstring(b, (const char *)s + from, i - from);
                luaL_addchar(b, ' ');
                from = i + 1;
            }
    luaL_addlstring(b, (const char *)s + from, n - from);
}

/* core.utf8_repair(text [, controls]) -> text with each invalid sequence replaced
 * by U+FFFD (and, with controls true, each C0 control and DEL by a space: a table
 * cell), count of invalid sequences. Returns the argument itself when there is
 * nothing to replace. */
static int l_utf8_repair(lua_State *L)
{
    size_t n, pos = 0, len, from = 0, count = 0, i;
    const unsigned char *s = (const unsigned char *)luaL_checklstring(L, 1, &n);
    int controls = 0, bad;
    luaL_Buffer b;
    if (lua_toboolean(L, 2))
        for (i = 0; i < n && !controls; i++) controls = s[i] < 0x20 || s[i] == 0x7F;
    bad = nc_utf8_find_invalid(s, n, &pos, &len);
    if (!bad && !controls) {
        lua_settop(L, 1);
        lua_pushinteger(L, 0);
        return 2;
    }
    luaL_buffinit(L, &b);
    while (bad) {
        add_controls_spaced(&b, s + from, pos - from, controls);
        luaL_addstring(&b, "\xEF\xBF\xBD");
        count++;
        pos += len;
        from = pos;
        bad = nc_utf8_find_invalid(s, n, &pos, &len);
    }
    add_controls_spaced(&b, s + from, n - from, controls);
    luaL_pushresult(&b);
    lua_pushinteger(L, (lua_Integer)count);
    return 2;
}

/* ---- files ------------------------------------------------------------------- */

typedef struct l_dir {
    DIR *d;   /* open directory, NULL when closed */
} l_dir;

static int l_dir_gc(lua_State *L)
{
    l_dir *d = (l_dir *)luaL_checkudata(L, 1, MT_DIR);
    if (d->d) closedir(d->d);
    d->d = NULL;
    return 0;
}

/* core.listdir(path) -> {name=kind, ...} with kind "file", "dir" or "other"
 * (. and .. left out) | nil, msg */
static int l_listdir(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    l_dir *d;
    struct dirent *e;
    char full[4096];
    lua_settop(L, 1);
    d = (l_dir *)new_object(L, sizeof *d, MT_DIR);
    d->d = opendir(path);
    if (!d->d) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_newtable(L);
    while ((e = readdir(d->d)) != NULL) {
        struct stat st;
        const char *kind = "other";
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        if ((size_t)snprintf(full, sizeof full, "%s/%s", path, e->d_name) < sizeof full &&
            stat(full, &st) == 0)
            kind = S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other";
        lua_pushstring(L, kind);
        lua_setfield(L, -2, e->d_name);
    }
    closedir(d->d);
    d->d = NULL;
    return 1;
}

/* core.isatty(fd) -> boolean */
static int l_isatty(lua_State *L)
{
    lua_pushboolean(L, isatty((int)luaL_checkinteger(L, 1)) == 1);
    return 1;
}

/* core.filekind(path) -> "file" | "dir" | "other" | nil, msg */
static int l_filekind(lua_State *L)
{
    const char *path = luaL_checkstring(L, 1);
    struct stat st;
    if (stat(path, &st) != 0) {
        lua_pushnil(L);
        lua_pushfstring(L, "%s: %s", path, strerror(errno));
        return 2;
    }
    lua_pushstring(L, S_ISDIR(st.st_mode) ? "dir" : S_ISREG(st.st_mode) ? "file" : "other");
    return 1;
}

/* ---- phrase words ---------------------------------------------------------- */

typedef struct words_out {
    lua_State *L;
    size_t base, n;
    const unsigned char *t;   /* the words' text, when gaps are asked for */
    size_t prev;              /* the last word's stop + 1 */
} words_out;

/* What separates two words, t[a..b): "" only spaces (Lua's %s, and the
 * bytes of a no-break space), "," one comma among them, "." anything else. */
static const char *gap_kind(const unsigned char *t, size_t a, size_t b)
{
    size_t i;
    int comma = 0;
    for (i = a; i < b; i++) {
        unsigned char c = t[i];
        if (c == ' ' || (c >= '\t' && c <= '\r') || c == 0xC2 || c == 0xA0) continue;
        if (c == ',' && !comma) { comma = 1; continue; }
        return ".";
    }
    return comma ? "," : "";
}

static int push_word(void *ud, size_t start, size_t stop, const unsigned char *form, size_t formn)
{
    words_out *o = ud;
    lua_State *L = o->L;
    int g = o->t ? 1 : 0;
    o->n++;
    lua_pushinteger(L, (lua_Integer)(o->base + start + 1));
    lua_rawseti(L, -4 - g, (int)o->n);
    lua_pushinteger(L, (lua_Integer)(o->base + stop + 1));
    lua_rawseti(L, -3 - g, (int)o->n);
    lua_pushlstring(L, (const char *)form, formn);
    lua_rawseti(L, -2 - g, (int)o->n);
    if (g) {
        lua_pushstring(L, o->n == 1 ? "" : gap_kind(o->t, o->prev, start));
        lua_rawseti(L, -2, (int)o->n);
        o->prev = stop + 1;
    }
    return 0;
}

/* core.words(text, a, b [, gaps]) -> starts, stops, forms [, gaps]: the words
 * of text[a..b] (1-based inclusive, clamped to the text) as nc_phrase_words
 * reads them; with gaps true, also what comes between each word and the one
 * before ("" spaces only, "," a comma, "." anything else; "" for the first). */
static int l_words(lua_State *L)
{
    size_t len, n;
    const char *s = luaL_checklstring(L, 1, &len);
    lua_Integer a = luaL_checkinteger(L, 2), b = luaL_checkinteger(L, 3);
    unsigned char *scratch;
    words_out o;
    int guess, gaps = lua_toboolean(L, 4);
    if (a < 1) a = 1;
    if (b > (lua_Integer)len) b = (lua_Integer)len;
    n = b >= a ? (size_t)(b - a + 1) : 0;
    if (n > NC_MAX_TEXT) return luaL_error(L, "newscorpus: text too long");
    scratch = nc_newud(L, n ? 2 * n : 1);
    guess = (int)(n / 6 < 0x10000 ? n / 6 : 0x10000);   /* about one word in 6 bytes */
    lua_createtable(L, guess, 0);
    lua_createtable(L, guess, 0);
    lua_createtable(L, guess, 0);
    if (gaps) lua_createtable(L, guess, 0);
    o.L = L;
    o.base = n ? (size_t)(a - 1) : 0;
    o.n = 0;
    o.t = gaps ? (const unsigned char *)s + o.base : NULL;
    o.prev = 0;
    if (n) nc_phrase_words((const unsigned char *)s + o.base, n, scratch, push_word, &o);
    return gaps ? 4 : 3;
}

/* ---- Quote attribution ------------------------------------------------------ */

typedef struct qdoc_ud {
    nc_qdoc d;
    void *mem;          /* the cues, entities and sentences of d, one block; owned */
    nc_qspans paras;    /* owned */
    nc_qmarks quotes;   /* owned */
} qdoc_ud;

static qdoc_ud *check_qdoc(lua_State *L, int i)
{
    qdoc_ud *q = (qdoc_ud *)luaL_checkudata(L, i, MT_QDOC);
    if (!q->mem) luaL_argerror(L, i, "quote document is closed");
    return q;
}

static int l_qdoc_gc(lua_State *L)
{
    qdoc_ud *q = (qdoc_ud *)luaL_checkudata(L, 1, MT_QDOC);
    free(q->mem);
    q->mem = NULL;
    free(q->paras.v);
    free(q->quotes.v);
    memset(&q->paras, 0, sizeof q->paras);
    memset(&q->quotes, 0, sizeof q->quotes);
    return 0;
}

/* field f of the table at index t as a position in 0..n+1 (0: absent or false) */
static long qfield(lua_State *L, int t, const char *f, long n, int arg)
{
    lua_Integer v;
    lua_getfield(L, t, f);
    if (lua_isnil(L, -1) || (lua_isboolean(L, -1) && !lua_toboolean(L, -1))) { lua_pop(L, 1); return 0; }
    if (!lua_isnumber(L, -1)) luaL_argerror(L, arg, "positions must be integers");
    v = lua_tointeger(L, -1);
    lua_pop(L, 1);
    if (v < 0 || v > (lua_Integer)n + 1) luaL_argerror(L, arg, "position outside the text");
    return (long)v;
}

static int qlabel(const char *s)
{
    static const char *const names[] = { "say", "that", "ask", "describe", "according", "quoted" };
    int k;
    for (k = 0; k < 6; k++) if (s && strcmp(s, names[k]) == 0) return k + 1;
    return NC_QL_OTHER;
}

/* The sentences core.quote_doc finds, kept from one call to the next (its
 * upvalue; a call after one raised makes its own). */
typedef struct qsplit_work {
    nc_sentences split;
    nc_tokens scratch;
    int busy;
} qsplit_work;

static int l_qsplit_gc(lua_State *L)
{
    qsplit_work *w = (qsplit_work *)luaL_checkudata(L, 1, MT_QSPLIT);
    nc_sentences_free(&w->split);
    nc_tokens_free(&w->scratch);
    memset(w, 0, sizeof *w);
    return 0;
}

/* core.quote_doc(text, matches, labels, ents, sentences, wordset) -> QuoteDoc:
 * the document as newscorpus.quotes reads it, in C arrays: the speech cues
 * (matches of the cue rules, {rule, a, b, ...} as Rules:match gives them, or
 * the Rules object itself, matched here; labels[rule] their label; those
 * nc_quote_cue_ok refuses are left out), entity
 * mentions {start, stop, type} (or their packed list, Mentions:packed(), or the
 * Mentions object itself), the sentences, the word classes (core.QW), and
 * the paragraphs and quotations read here (nc_quote_paragraphs, nc_quote_pair;
 * no quotation when the text has no double mark). sentences: the document's
 * Sentences, or the splitter's Wordset (the sentences are then found here,
 * by nc_split_text, the spans core.split would give, without a token array). */
static int l_quote_doc(lua_State *L)
{
    size_t len, nm, nl, ne, ns, bytes, i;
    const char *text = luaL_checklstring(L, 1, &len);
    const nc_sentence *sv;
    wordset_ud *ws;
    qdoc_ud *q;
    char *m;
    unsigned char *codes;
    long n = (long)len;
    int rc;
    qsplit_work *w = NULL;
    unsigned char codes_here[64];
    const char *packed = NULL;
    size_t plen = 0;
    rules_ud *ru = NULL;
    nc_matches *mm = NULL, mown;
    void **mbox = NULL;
    if (test_udata(L, 2, MT_RULES)) ru = check_rules(L, 2);
    else luaL_checktype(L, 2, LUA_TTABLE);
    luaL_checktype(L, 3, LUA_TTABLE);
    if (lua_type(L, 4) == LUA_TSTRING) {
        packed = lua_tolstring(L, 4, &plen);
        luaL_argcheck(L, plen % (ENT_PACK * sizeof(uint32_t)) == 0, 4, "not a packed mention list");
    } else if (test_udata(L, 4, MT_MENTS)) {
        const ments_ud *mu = check_ments(L, 4);        /* its packed list, read in place */
        packed = (const char *)mu->pack;
        plen = mu->n * ENT_PACK * sizeof(uint32_t);
    } else {
        luaL_checktype(L, 4, LUA_TTABLE);
    }
    if (!test_udata(L, 5, MT_WORDSET)) check_sentences(L, 5);
    ws = check_wordset(L, 6);
    if (len > NC_MAX_TEXT || len > (size_t)LONG_MAX / 2) return luaL_error(L, "newscorpus: text too long");
    nl = nc_rawlen(L, 3);
    ne = packed ? plen / (ENT_PACK * sizeof(uint32_t)) : nc_rawlen(L, 4);
    lua_settop(L, 6);
    if (ru) {
        /* the cues matched here, in the Rules' kept memory (rules:match's), given
         * back once they are copied */
        rc = rules_run(L, ru, text, len, &mown, &mbox, &mm);
        if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
        nm = mm->n;
    } else {
        nm = nc_rawlen(L, 2) / 3;
    }
    if (test_udata(L, 5, MT_WORDSET)) {
        w = (qsplit_work *)lua_touserdata(L, lua_upvalueindex(1));
        if (w->busy) w = (qsplit_work *)new_object(L, sizeof *w, MT_QSPLIT);   /* slot 7: freed with it */
        w->busy = 1;                   /* until the sentences are copied (a raise leaves it) */
        rc = nc_split_text(&w->split, text, len, &check_wordset(L, 5)->ws, &w->scratch);
        if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
        sv = w->split.v;
        ns = w->split.n;
    } else {
        const l_sentences *ss = check_sentences(L, 5);
        sv = ss->s.v;
        ns = ss->s.n;
    }
    /* the label code of each rule */
    codes = nl < sizeof codes_here ? codes_here : (unsigned char *)nc_newud(L, nl + 1);
    for (i = 1; i <= nl; i++) {
        lua_rawgeti(L, 3, (int)i);
        codes[i] = (unsigned char)qlabel(lua_tostring(L, -1));
        lua_pop(L, 1);
    }
    q = (qdoc_ud *)new_object(L, sizeof *q, MT_QDOC);
    lua_createtable(L, 2, 0);          /* keep the text and the word set */
    lua_pushvalue(L, 1);
    lua_rawseti(L, -2, 1);
    lua_pushvalue(L, 6);
    lua_rawseti(L, -2, 2);
    keep_ref(L, -2);
    bytes = nm * sizeof(nc_qcue) + ne * sizeof(nc_qent) + ns * sizeof(nc_qspan);
    q->mem = malloc(bytes ? bytes : 1);
    if (!q->mem) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    m = (char *)q->mem;
    q->d.t = (const unsigned char *)text;
    q->d.n = n;
    q->d.ws = &ws->ws;
    q->d.cues = (nc_qcue *)(void *)m;
    m += nm * sizeof(nc_qcue);
    q->d.ents = (nc_qent *)(void *)m;
    m += ne * sizeof(nc_qent);
    q->d.sents = (nc_qspan *)(void *)m;
    for (i = 0; i < nm; i++) {
        nc_qcue *c = (nc_qcue *)&q->d.cues[q->d.ncues];
        lua_Integer rule, a, b;
        if (mm) {
            rule = (lua_Integer)mm->v[i].rule + 1;
            a = (lua_Integer)mm->v[i].start + 1;
            b = (lua_Integer)mm->v[i].end;
        } else {
            lua_rawgeti(L, 2, (int)(3 * i + 1));
            lua_rawgeti(L, 2, (int)(3 * i + 2));
            lua_rawgeti(L, 2, (int)(3 * i + 3));
            rule = lua_tointeger(L, -3);
            a = lua_tointeger(L, -2);
            b = lua_tointeger(L, -1);
            lua_pop(L, 3);
        }
        luaL_argcheck(L, a >= 1 && b >= a && b <= n, 2, "match outside the text");
        if (!nc_quote_cue_ok((const unsigned char *)text, n, (long)a)) continue;
        c->a = (long)a;
        c->b = (long)b;
        c->label = rule >= 1 && (size_t)rule <= nl ? codes[rule] : NC_QL_OTHER;
        q->d.ncues++;
    }
    if (ru) rules_done(ru, mbox);      /* the cues are copied: the matches' memory is free again */
    for (i = 0; i < ne && packed; i++) {
        nc_qent *e = (nc_qent *)&q->d.ents[i];
        uint32_t v[ENT_PACK];
        memcpy(v, packed + i * sizeof v, sizeof v);
        luaL_argcheck(L, v[0] <= (uint32_t)n + 1 && v[1] <= (uint32_t)n + 1 && v[2] <= NC_QE_PLACE, 4,
                      "position outside the text");
        e->start = (long)v[0];
        e->stop = (long)v[1];
        e->kind = (int)v[2];
    }
    for (i = 0; i < ne && !packed; i++) {
        nc_qent *e = (nc_qent *)&q->d.ents[i];
        size_t tl;
        const char *ty;
        lua_rawgeti(L, 4, (int)i + 1);
        luaL_argcheck(L, lua_istable(L, -1), 4, "entities must be tables");
        e->start = qfield(L, -1, "start", n, 4);
        e->stop = qfield(L, -1, "stop", n, 4);
        lua_getfield(L, -1, "type");
        ty = lua_tolstring(L, -1, &tl);
        e->kind = qe_kind(ty, tl);
        lua_pop(L, 2);
    }
    q->d.nents = ne;
    for (i = 0; i < ns; i++) {
        nc_qspan *sp = (nc_qspan *)&q->d.sents[i];
        sp->a = (long)sv[i].start + 1;
        sp->b = (long)sv[i].start + (long)sv[i].len;
    }
    q->d.nsents = ns;
    if (w) w->busy = 0;
    rc = nc_quote_paragraphs((const unsigned char *)text, n, &q->paras);
    if (rc == NC_OK && (memchr(text, '"', len) || memchr(text, 0xE2, len) || memchr(text, 0xC2, len)))
        rc = nc_quote_pair((const unsigned char *)text, n, q->paras.v, q->paras.n, &q->quotes);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    q->d.paras = q->paras.v;
    q->d.nparas = q->paras.n;
    q->d.quotes = q->quotes.v;
    q->d.nquotes = q->quotes.n;
    return 1;
}

/* qdoc:in_quote(pos) -> whether pos is inside a quotation */
static int l_qdoc_in_quote(lua_State *L)
{
    qdoc_ud *q = check_qdoc(L, 1);
    lua_pushboolean(L, nc_quote_inside(&q->d, (long)luaL_checkinteger(L, 2)));
    return 1;
}

/* push the spans as a list of {a, b} */
static void push_spans(lua_State *L, const nc_qspans *p)
{
    size_t i;
    lua_createtable(L, (int)(p->n < INT_MAX ? p->n : INT_MAX), 0);
    for (i = 0; i < p->n; i++) {
        lua_createtable(L, 2, 0);
        lua_pushinteger(L, (lua_Integer)p->v[i].a);
        lua_rawseti(L, -2, 1);
        lua_pushinteger(L, (lua_Integer)p->v[i].b);
        lua_rawseti(L, -2, 2);
        lua_rawseti(L, -2, (int)i + 1);
    }
}

/* core.paragraphs(text) -> list of {a, b} (nc_quote_paragraphs) */
static int l_paragraphs(lua_State *L)
{
    size_t len;
    const char *text = luaL_checklstring(L, 1, &len);
    void **box = new_box(L);
    nc_qspans p = { NULL, 0, 0 };
    int rc;
    if (len > NC_MAX_TEXT || len > (size_t)LONG_MAX / 2) return luaL_error(L, "newscorpus: text too long");
    rc = nc_quote_paragraphs((const unsigned char *)text, (long)len, &p);
    *box = p.v;
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    push_spans(L, &p);
    free(p.v);
    *box = NULL;
    return 1;
}

/* core.pair_quotes(text, paras) -> list of {open, close, a, b, para, closed,
 * single} (nc_quote_pair; close nil when never closed) over the paragraphs
 * paras (a list of {a, b} inside the text, in order) */
static int l_pair_quotes(lua_State *L)
{
    size_t len, np, i;
    const char *text = luaL_checklstring(L, 1, &len);
    nc_qspan *ps;
    void **box, **box2;
    nc_qmarks qm = { NULL, 0, 0 };
    int rc;
    long n = (long)len;
    luaL_checktype(L, 2, LUA_TTABLE);
    if (len > NC_MAX_TEXT || len > (size_t)LONG_MAX / 2) return luaL_error(L, "newscorpus: text too long");
    np = nc_rawlen(L, 2);
    lua_settop(L, 2);
    box = new_box(L);
    box2 = new_box(L);
    ps = (nc_qspan *)malloc(np ? np * sizeof *ps : 1);
    if (!ps) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    *box = ps;
    for (i = 0; i < np; i++) {
        lua_rawgeti(L, 2, (int)i + 1);
        luaL_argcheck(L, lua_istable(L, -1), 2, "paragraphs must be {a, b}");
        lua_rawgeti(L, -1, 1);
        lua_rawgeti(L, -2, 2);
        luaL_argcheck(L, lua_isnumber(L, -1) && lua_isnumber(L, -2), 2, "paragraphs must be {a, b}");
        ps[i].a = (long)lua_tointeger(L, -2);
        ps[i].b = (long)lua_tointeger(L, -1);
        luaL_argcheck(L, ps[i].a >= 1 && ps[i].b <= n && ps[i].a <= ps[i].b + 1, 2, "paragraph outside the text");
        lua_pop(L, 3);
    }
    rc = nc_quote_pair((const unsigned char *)text, n, ps, np, &qm);
    *box2 = qm.v;
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    lua_createtable(L, (int)(qm.n < INT_MAX ? qm.n : INT_MAX), 0);
    for (i = 0; i < qm.n; i++) {
        const nc_qmark *x = &qm.v[i];
        lua_createtable(L, 0, 7);
        lua_pushinteger(L, (lua_Integer)x->open);
        lua_setfield(L, -2, "open");
        if (x->close) {
            lua_pushinteger(L, (lua_Integer)x->close);
            lua_setfield(L, -2, "close");
        }
        lua_pushinteger(L, (lua_Integer)x->a);
        lua_setfield(L, -2, "a");
        lua_pushinteger(L, (lua_Integer)x->b);
        lua_setfield(L, -2, "b");
        lua_pushinteger(L, (lua_Integer)x->para);
        lua_setfield(L, -2, "para");
        lua_pushboolean(L, x->closed);
        lua_setfield(L, -2, "closed");
        lua_pushboolean(L, x->single);
        lua_setfield(L, -2, "single");
        lua_rawseti(L, -2, (int)i + 1);
    }
    free(ps);
    *box = NULL;
    free(qm.v);
    *box2 = NULL;
    return 1;
}

#define QI_FIELDS 22

/* qdoc:items(indirect) -> flat list, 22 integers per item (see nc_quote_items):
 * kind (1 quotation, 2 reported, 3 reported whose speaker a quotation took),
 * quotation index, start, stop, speaker a (0: none), speaker b, how (0 the
 * cue's words, 1 "according to", 2 "quoted", 3 no cue), cue a, cue b, partial,
 * title, words, paragraph index, paragraph start, para, end, for a
 * quotation closed (0 or 1) and the position of its opening mark, and the
 * mentions of the speaker phrase as indices into the entities given
 * (nc_quote_phrase_ents; 0 when none or no phrase): the first at or after
 * its start, its person, its organisation, its place. */
static int l_qdoc_items(lua_State *L)
{
    qdoc_ud *q = check_qdoc(L, 1);
    int indirect = lua_toboolean(L, 2), rc;
    void **box = new_box(L);
    nc_qitems it = { NULL, 0, 0 };
    size_t i;
    rc = nc_quote_items(&q->d, indirect, &it);
    *box = it.v;
    if (rc != NC_OK) { nc_qitems_free(&it); *box = NULL; return luaL_error(L, "newscorpus: %s", nc_strerror(rc)); }
    if (it.n > (size_t)INT_MAX / QI_FIELDS) { nc_qitems_free(&it); *box = NULL; return luaL_error(L, "newscorpus: too many quotations"); }
    lua_createtable(L, (int)(it.n * QI_FIELDS), 0);
    for (i = 0; i < it.n; i++) {
        const nc_qitem *x = &it.v[i];
        lua_Integer f[QI_FIELDS];
        int j;
        f[0] = x->kind == NC_QI_QUOTE ? 1 : (x->taken ? 3 : 2);
        f[1] = (lua_Integer)x->quote;
        f[2] = x->start;
        f[3] = x->stop;
        f[4] = x->sp.a;
        f[5] = x->sp.b;
        f[6] = x->sp.how;
        f[7] = x->cue_a;
        f[8] = x->cue_b;
        f[9] = x->partial;
        f[10] = x->title;
        f[11] = x->words;
        f[12] = x->pi;
        f[13] = x->pa;
        f[14] = x->para;
        f[15] = x->end;
        f[16] = x->kind == NC_QI_QUOTE ? q->d.quotes[x->quote - 1].closed : 1;
        f[17] = x->kind == NC_QI_QUOTE ? q->d.quotes[x->quote - 1].open : 0;
        if (x->sp.a) {
            nc_qphrase ph = nc_quote_phrase_ents(&q->d, x->sp.a, x->sp.b);
            f[18] = (lua_Integer)ph.first;
            f[19] = (lua_Integer)ph.person;
            f[20] = (lua_Integer)ph.org;
            f[21] = (lua_Integer)ph.place;
        } else {
            f[18] = f[19] = f[20] = f[21] = 0;
        }
        for (j = 0; j < QI_FIELDS; j++) {
            lua_pushinteger(L, f[j]);
            lua_rawseti(L, -2, (int)(i * QI_FIELDS) + j + 1);
        }
    }
    nc_qitems_free(&it);
    *box = NULL;
    return 1;
}

/* What qdoc:resolve keeps from one call to the next (its upvalue): the items,
 * the quotations, a speaker's id and the rows. A call made while another runs
 * (from a role callback), or after one raised, makes its own. */
typedef struct qres_work {
    nc_qitems it;
    nc_qouts o;
    keysink ks;
    void *rows;
    size_t rowscap;
    int busy;
} qres_work;

static int l_qres_gc(lua_State *L)
{
    qres_work *w = (qres_work *)luaL_checkudata(L, 1, MT_QRES);
    nc_qitems_free(&w->it);
    nc_qouts_free(&w->o);
    free(w->ks.p);
    free(w->rows);
    memset(w, 0, sizeof *w);
    return 0;
}

/* the role callback of qdoc:resolve: fn(a, b, first, place) in protected mode */
typedef struct role_call_ud {
    lua_State *L;
    int fn;            /* stack index of the function */
    int failed;        /* 1: its error is at the top of the stack; 2: out of memory (role_in_c) */
    nc_roles *roles;   /* role_in_c's */
} role_call_ud;

/* the role reader in C (nc_roles_phrase) */
static size_t role_in_c(void *ud, long a, long b, size_t first, int place)
{
    role_call_ud *r = (role_call_ud *)ud;
    long k;
    if (nc_roles_phrase(r->roles, a, b, first, place, &k) != NC_OK) {
        r->failed = 2;
        return (size_t)-1;
    }
    return k >= 0 ? (size_t)k + 1 : 0;
}

static size_t role_call(void *ud, long a, long b, size_t first, int place)
{
    role_call_ud *r = (role_call_ud *)ud;
    lua_State *L = r->L;
    lua_Number k;
    size_t out = 0;
    luaL_checkstack(L, 6, "role");
    lua_pushvalue(L, r->fn);
    lua_pushinteger(L, (lua_Integer)a);
    lua_pushinteger(L, (lua_Integer)b);
    lua_pushinteger(L, (lua_Integer)first);
    lua_pushboolean(L, place);
    if (lua_pcall(L, 4, 1, 0) != 0) {
        r->failed = 1;
        return (size_t)-1;
    }
    k = lua_tonumber(L, -1);
    if (lua_type(L, -1) == LUA_TNUMBER && k >= 1 && k < 4294967296.0) out = (size_t)k;
    lua_pop(L, 1);
    return out;
}

#define QR_FIELDS 12

/* The quotes command's table rows for the quotations w->o of q (l_qdoc_resolve
 * with a spec at 5, the Mentions q's entities came from at 6, a kind to keep at
 * 7 or nil), as core.quote_rows writes them from doc:quotes(): pushes the rows
 * and their count. */
static int qdoc_rows(lua_State *L, const qdoc_ud *q, qres_work *w)
{
    static const char *const kinds[] = { "", "direct", "partial", "indirect", "scare" };
    const nc_qouts *o = &w->o;
    ments_ud *m = check_ments(L, 6);
    const gaz_ud *u;
    const char *prefix, *ms;
    size_t prefixn = 0, numw = row_spec(L, 5, &prefix, &prefixn), i, msn, count = 0;
    lua_Integer want = lua_isnoneornil(L, 7) ? 0 : luaL_checkinteger(L, 7);
    keysink *ks;
    rowbuf rb;
    push_ref(L, 6);
    lua_rawgeti(L, -1, MU_TEXT);
    ms = lua_tolstring(L, -1, &msn);
    lua_rawgeti(L, -2, MU_GAZ);
    u = (const gaz_ud *)luaL_checkudata(L, -1, MT_GAZ);
    if (!u->g) return luaL_error(L, "newscorpus: the gazetteer of these mentions is closed");
    if (!ms || msn != (size_t)q->d.n || m->n != q->d.nents)
        return luaL_argerror(L, 6, "the mentions of another text");
    ks = &w->ks;                        /* its memory is w's */
    ks->n = 0;
    ks->oom = 0;
    rb.box = &w->rows;
    rb.n = 0;
    rb.cap = w->rowscap;
    for (i = 0; i < o->n; i++) {
        const nc_qout *x = &o->v[i];
        const char *sp = "-";
        size_t spn = 1, tn, kn, cn, cap;
        char *base, *p, *cell;
        int kind = x->kind >= 1 && x->kind <= 4 ? x->kind : 0;
        if (want && x->kind != want) continue;
        if (x->ent) {
            if (x->ent > m->n) return luaL_error(L, "newscorpus: a speaker outside the mentions");
            sp = ments_id_of(L, m, u, ms, x->ent, ks, &spn);
        } else if (x->ta) {
            sp = (const char *)q->d.t + x->ta - 1;
            spn = (size_t)(x->tb - x->ta + 1);
        }
        tn = x->stop >= x->start ? (size_t)(x->stop - x->start + 1) : 0;
        kn = strlen(kinds[kind]);
        cap = x->how == NC_QH_WORD && x->cue_b >= x->cue_a ? (size_t)(x->cue_b - x->cue_a + 1) + 16 : 16;
        if (tn > ((size_t)-1) / 8 || spn > ((size_t)-1) / 8 || cap > ((size_t)-1) / 8)
            luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
        base = p = rb_room(L, &rb, prefixn + 2 * ((numw > 20 ? numw : 20) + 2) + kn + 10 + 3 * spn + 28 + cap + 12 +
                                     3 * tn + 1);
        w->rowscap = rb.cap;
        memcpy(p, prefix, prefixn);
        p += prefixn;
        p = put_num_cell(p, (uint64_t)x->start, numw);
        p = put_num_cell(p, (uint64_t)x->stop, numw);
        p = put_cell(p, kinds[kind], kn, 8);
        cell = p;
        p = put_text(p, (const unsigned char *)sp, spn);
        p = put_cell(p, "", 0, (size_t)(p - cell) < 26 ? 26 - (size_t)(p - cell) : 0);
        cn = nc_quote_cue(&q->d, x->how, x->cue_a, x->cue_b, (unsigned char *)p, cap);
        if (!cn) { *p = '-'; cn = 1; }
        p = put_cell(p + cn, "", 0, cn < 10 ? 10 - cn : 0);
        p = put_text(p, q->d.t + x->start - 1, tn);
        *p++ = '\n';
        rb.n += (size_t)(p - base);
        count++;
    }
    lua_pushlstring(L, rb.n ? (const char *)*rb.box : "", rb.n);
    lua_pushinteger(L, (lua_Integer)count);
    return 2;
}

/* qdoc:resolve(indirect, scare, role) -> flat list, 12 integers per quotation or
 * reported clause, by start (nc_quote_resolve): start, stop, kind (1 direct,
 * 2 partial, 3 indirect, 4 scare), closed (0 or 1), how (0 the cue's words
 * cue_a..cue_b, 1 "according to", 2 "quoted", 3 no cue), cue_a, cue_b, the
 * speaker phrase a and b (0: none), the speaker's mention (index into the
 * entities given, 0: none), else the words that name it, ta and tb (0: no
 * speaker). role(a, b, first, place) -> the mention a role phrase names, or
 * nil; an error in it is raised. qdoc:resolve(indirect, scare, role, spec, ms
 * [, kind]) -> the quotes command's table rows and their count instead
 * (qdoc_rows; ms the Mentions the entities came from, kind a kind number). */
static int l_qdoc_resolve(lua_State *L)
{
    qdoc_ud *q = check_qdoc(L, 1);
    int indirect = lua_toboolean(L, 2), scare = lua_toboolean(L, 3), rc;
    qres_work *w;
    role_call_ud r;
    size_t i;
    int in_c = test_udata(L, 4, MT_WORDSET) != NULL;
    if (!in_c) luaL_checktype(L, 4, LUA_TFUNCTION);
    lua_settop(L, 7);
    r.L = L;
    r.fn = 4;
    r.failed = 0;
    r.roles = NULL;
    if (in_c) {
        /* the role phrases read in C (nc_roles), from the Mentions at 6 */
        ments_ud *m = check_ments(L, 6);
        if (m->n != q->d.nents) return luaL_argerror(L, 6, "the mentions of another text");
        r.roles = ments_roles(L, 6, m, 4);
        if (r.roles->n != (size_t)q->d.n) return luaL_argerror(L, 6, "the mentions of another text");
    }
    w = (qres_work *)lua_touserdata(L, lua_upvalueindex(1));
    if (w->busy) w = (qres_work *)new_object(L, sizeof *w, MT_QRES);   /* slot 8: freed with it */
    w->busy = 1;                       /* until the return (a raise leaves it: then each call makes its own) */
    rc = nc_quote_items(&q->d, indirect, &w->it);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    rc = nc_quote_resolve(&q->d, &w->it, scare, in_c ? role_in_c : role_call, &r, &w->o);
    if (r.failed == 2) return luaL_error(L, "newscorpus: %s", nc_strerror(NC_ENOMEM));
    if (r.failed) return lua_error(L);
    if (rc != NC_OK) return luaL_error(L, "newscorpus: %s", nc_strerror(rc));
    if (lua_istable(L, 5)) {
        int k = qdoc_rows(L, q, w);
        w->busy = 0;
        return k;
    }
    if (w->o.n > (size_t)INT_MAX / QR_FIELDS) return luaL_error(L, "newscorpus: too many quotations");
    lua_createtable(L, (int)(w->o.n * QR_FIELDS), 0);
    for (i = 0; i < w->o.n; i++) {
        const nc_qout *x = &w->o.v[i];
        lua_Integer f[QR_FIELDS];
        int j;
        f[0] = x->start;
        f[1] = x->stop;
        f[2] = x->kind;
        f[3] = x->closed;
        f[4] = x->how;
        f[5] = x->cue_a;
        f[6] = x->cue_b;
        f[7] = x->sa;
        f[8] = x->sb;
        f[9] = (lua_Integer)x->ent;
        f[10] = x->ta;
        f[11] = x->tb;
        for (j = 0; j < QR_FIELDS; j++) {
            lua_pushinteger(L, f[j]);
            lua_rawseti(L, -2, (int)(i * QR_FIELDS) + j + 1);
        }
    }
    w->busy = 0;
    return 1;
}

/* ---- module ------------------------------------------------------------------- */

/* Register metatable mt with methods; __index dispatches numbers to idx. */
static void new_class(lua_State *L, const char *mt, const luaL_Reg *meta, const luaL_Reg *methods,
                      lua_CFunction idx)
{
    luaL_newmetatable(L, mt);
    nc_setfuncs(L, meta);
    lua_newtable(L);
    nc_setfuncs(L, methods);
    if (idx) {
        lua_pushcclosure(L, idx, 1);
    }
    lua_setfield(L, -2, "__index");
    lua_pushstring(L, mt);
    lua_setfield(L, -2, "__name");
    lua_pop(L, 1);
}

int luaopen_newscorpus_core(lua_State *L);

int luaopen_newscorpus_core(lua_State *L)
{
    static const luaL_Reg tokens_meta[] = {
        { "__gc", l_tokens_gc }, { "__close", l_tokens_gc }, { "__len", l_tokens_len }, { NULL, NULL }
    };
    static const luaL_Reg tokens_methods[] = {
        { "span", l_tokens_span }, { "text", l_tokens_text }, { "each", l_tokens_each },
        { "count", l_tokens_count }, { "is", l_tokens_is }, { "close", l_tokens_gc }, { NULL, NULL }
    };
    static const luaL_Reg sent_meta[] = {
        { "__gc", l_sentences_gc }, { "__close", l_sentences_gc }, { "__len", l_sentences_len },
        { NULL, NULL }
    };
    static const luaL_Reg sent_methods[] = {
        { "span", l_sentences_span }, { "each", l_sentences_each }, { "close", l_sentences_gc },
        { NULL, NULL }
    };
    static const luaL_Reg ws_meta[] = {
        { "__gc", l_wordset_gc }, { "__close", l_wordset_gc }, { "__len", l_wordset_len }, { NULL, NULL }
    };
    static const luaL_Reg ws_methods[] = {
        { "add", l_wordset_add }, { "add_lines", l_wordset_add_lines }, { "get", l_wordset_get }, { "close", l_wordset_gc }, { NULL, NULL }
    };
    static const luaL_Reg map_meta[] = { { "__gc", l_map_gc }, { "__close", l_map_gc }, { NULL, NULL } };
    static const luaL_Reg map_methods[] = { { "span", l_map_span }, { "close", l_map_gc }, { NULL, NULL } };
    static const luaL_Reg dir_meta[] = { { "__gc", l_dir_gc }, { NULL, NULL } };
    static const luaL_Reg rules_meta[] = {
        { "__gc", l_rules_gc }, { "__close", l_rules_gc }, { "__len", l_rules_len }, { NULL, NULL }
    };
    static const luaL_Reg rules_methods[] = { { "match", l_rules_match }, { "triggers", l_rules_triggers }, { "close", l_rules_gc }, { NULL, NULL } };
    static const luaL_Reg gaz_meta[] = { { "__gc", l_gaz_gc }, { "__close", l_gaz_gc }, { NULL, NULL } };
    static const luaL_Reg gaz_methods[] = {
        { "entry", l_gaz_entry }, { "alias", l_gaz_alias }, { "add_tsv", l_gaz_add_tsv }, { "compile", l_gaz_compile },
        { "match", l_gaz_match }, { "count", l_gaz_count }, { "entry_info", l_gaz_entry_info }, { "alias_info", l_gaz_alias_info },
        { "info", l_gaz_info }, { "dump", l_gaz_dump }, { "entities", l_gaz_entities }, { "mentions", l_gaz_mentions }, { "close", l_gaz_gc }, { NULL, NULL }
    };
    static const luaL_Reg none[] = { { NULL, NULL } };
    static const luaL_Reg box_meta[] = { { "__gc", l_box_gc }, { NULL, NULL } };
    static const luaL_Reg claims_meta[] = { { "__gc", l_claims_gc }, { NULL, NULL } };
    static const luaL_Reg tally_meta[] = {
        { "__gc", l_tally_gc }, { "__close", l_tally_gc }, { "__len", l_tally_len }, { NULL, NULL }
    };
    static const luaL_Reg ments_meta[] = {
        { "__gc", l_ments_gc }, { "__close", l_ments_gc }, { "__len", l_ments_len }, { NULL, NULL }
    };
    static const luaL_Reg ments_methods[] = {
        { "get", l_ments_get }, { "all", l_ments_all }, { "span", l_ments_span }, { "first_at", l_ments_first_at },
        { "indices", l_ments_indices }, { "by_role", l_ments_by_role }, { "packed", l_ments_packed }, { "count", l_ments_len }, { "close", l_ments_gc },
        { NULL, NULL }
    };
    static const luaL_Reg qdoc_meta[] = { { "__gc", l_qdoc_gc }, { "__close", l_qdoc_gc }, { NULL, NULL } };
    static const luaL_Reg qres_meta[] = { { "__gc", l_qres_gc }, { NULL, NULL } };
    static const luaL_Reg qsplit_meta[] = { { "__gc", l_qsplit_gc }, { NULL, NULL } };
    static const luaL_Reg qdoc_methods[] = {
        { "items", l_qdoc_items }, { "in_quote", l_qdoc_in_quote }, { "close", l_qdoc_gc },
        { NULL, NULL }
    };
    static const luaL_Reg tally_methods[] = { { "list", l_tally_list }, { "close", l_tally_gc }, { NULL, NULL } };
    static const luaL_Reg funcs[] = {
        { "wordset", l_wordset },
        { "normalize", l_normalize }, { "utf8_scan", l_utf8_scan }, { "utf8_repair", l_utf8_repair }, { "find_byte", l_find_byte }, { "listdir", l_listdir },
        { "filekind", l_filekind }, { "isatty", l_isatty }, { "rules", l_rules }, { "fold", l_fold }, { "lines", l_lines }, { "clean", l_clean },
        { "encoding", l_encoding }, { "dates", l_dates }, { "date_value", l_date_value }, { "date_rows", l_date_rows }, { "claim_kind", l_claim_kind }, { "claim_read", l_claim_read }, { "from_cp1252", l_from_cp1252 },
        { "gazetteer", l_gazetteer }, { "gazetteer_load", l_gazetteer_load }, { "token_key", l_token_key },
        { "name_key", l_name_key }, { "words", l_words }, { "tally", l_tally }, { "json_record", l_json_record }, { "quote_rows", l_quote_rows }, { "paragraphs", l_paragraphs }, { "pair_quotes", l_pair_quotes },
        { "sentence_spans", l_sentence_spans }, { NULL, NULL }
    };
    int k;

    new_class(L, MT_TOKENS, tokens_meta, tokens_methods, l_tokens_index);
    new_class(L, MT_SENTENCES, sent_meta, sent_methods, l_sentences_index);
    new_class(L, MT_WORDSET, ws_meta, ws_methods, NULL);
    new_class(L, MT_MAP, map_meta, map_methods, NULL);
    new_class(L, MT_DIR, dir_meta, none, NULL);
    new_class(L, MT_RULES, rules_meta, rules_methods, NULL);
    new_class(L, MT_BOX, box_meta, none, NULL);
    new_class(L, MT_CLAIMS, claims_meta, none, NULL);
    new_class(L, MT_GAZ, gaz_meta, gaz_methods, NULL);
    new_class(L, MT_TALLY, tally_meta, tally_methods, NULL);
    new_class(L, MT_QDOC, qdoc_meta, qdoc_methods, NULL);
    new_class(L, MT_MENTS, ments_meta, ments_methods, NULL);
    new_class(L, MT_QRES, qres_meta, none, NULL);
    new_class(L, MT_QSPLIT, qsplit_meta, none, NULL);
    luaL_getmetatable(L, MT_QDOC);                    /* qdoc:resolve keeps its working memory */
    lua_getfield(L, -1, "__index");
    new_object(L, sizeof(qres_work), MT_QRES);
    lua_pushcclosure(L, l_qdoc_resolve, 1);
    lua_setfield(L, -2, "resolve");
    lua_pop(L, 2);

    lua_newtable(L);
    nc_setfuncs(L, funcs);
    {
        /* the counter of gc_external, shared by the two functions */
        size_t *debt = (size_t *)nc_newud(L, sizeof *debt);
        *debt = 0;
        lua_pushvalue(L, -1);
        lua_pushcclosure(L, l_tokenize, 1);
        lua_setfield(L, -3, "tokenize");
        lua_pushcclosure(L, l_split, 1);
        lua_setfield(L, -2, "split");
    }
    new_object(L, sizeof(qsplit_work), MT_QSPLIT);    /* core.quote_doc keeps its sentences' memory */
    lua_pushcclosure(L, l_quote_doc, 1);
    lua_setfield(L, -2, "quote_doc");
    new_object(L, sizeof(claims_work), MT_CLAIMS);    /* core.claims keeps its working memory */
    lua_pushcclosure(L, l_claims, 1);
    lua_setfield(L, -2, "claims");
    lua_pushstring(L, NC_VERSION);
    lua_setfield(L, -2, "version");
    lua_newtable(L);
    for (k = 0; k < NC_NKINDS; k++) {
        lua_pushstring(L, nc_token_kind_name(k));
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "token_kinds");
    lua_newtable(L);
    for (k = 0; k < NC_DV_NLABELS; k++) {
        lua_pushstring(L, date_labels[k]);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "date_labels");
    lua_newtable(L);
    for (k = 0; k < NC_CL_NLABELS; k++) {
        lua_pushstring(L, claim_labels[k]);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "claim_labels");
    lua_newtable(L);
    for (k = 0; k < NC_CK_NKINDS; k++) {
        lua_pushstring(L, nc_claim_kinds[k]);
        lua_rawseti(L, -2, k + 1);
    }
    lua_setfield(L, -2, "claim_kinds");
    lua_pushinteger(L, NC_ABBR_TITLE);
    lua_setfield(L, -2, "ABBR_TITLE");
    lua_pushinteger(L, NC_ABBR_NUMBER);
    lua_setfield(L, -2, "ABBR_NUMBER");
    lua_pushinteger(L, NC_ABBR_OTHER);
    lua_setfield(L, -2, "ABBR_OTHER");
    lua_pushinteger(L, NC_STARTER);
    lua_setfield(L, -2, "STARTER");
    {
        static const struct { const char *name; unsigned bit; } lexbits[] = {
            { "COMMON", NC_W_COMMON }, { "MONTH", NC_W_MONTH }, { "TITLE", NC_W_TITLE },
            { "ORG_END", NC_W_ORG_END }, { "ORG_START", NC_W_ORG_START }, { "PLACE_END", NC_W_PLACE_END },
            { "PLACE_BEFORE", NC_W_PLACE_BEFORE }, { "CUE", NC_W_CUE }, { "CONNECT", NC_W_CONNECT },
            { "ORG_CONNECT", NC_W_ORG_CONNECT }, { "FIRST", NC_W_FIRST }, { "ENGLISH", NC_W_ENGLISH },
            { "NOTPERSON", NC_W_NOTPERSON }, { "ADVERB", NC_W_ADVERB },
            { "COMPASS", NC_W_COMPASS }
        };
        size_t j;
        lua_newtable(L);
        for (j = 0; j < sizeof lexbits / sizeof lexbits[0]; j++) {
            lua_pushinteger(L, (lua_Integer)lexbits[j].bit);
            lua_setfield(L, -2, lexbits[j].name);
        }
        lua_setfield(L, -2, "LEX");
    }
    {
        static const struct { const char *name; unsigned bit; } qwbits[] = {
            { "BREAK", NC_QW_BREAK }, { "PRONOUN", NC_QW_PRONOUN }, { "ADVERB", NC_QW_ADVERB }, { "AUX", NC_QW_AUX },
            { "HEARERS", NC_QW_HEARERS }, { "ROLE", NC_QW_ROLE }, { "PLACE_PREP", NC_QW_PLACE_PREP },
            { "SOURCE", NC_QW_SOURCE }, { "DETERMINER", NC_QW_DETERMINER }, { "TIME", NC_QW_TIME },
            { "ORG_HEAD", NC_QW_ORG_HEAD }, { "ROLE_FILL", NC_QW_ROLE_FILL }, { "LEADER", NC_QW_LEADER }
        };
        size_t j;
        lua_newtable(L);
        for (j = 0; j < sizeof qwbits / sizeof qwbits[0]; j++) {
            lua_pushinteger(L, (lua_Integer)qwbits[j].bit);
            lua_setfield(L, -2, qwbits[j].name);
        }
        lua_setfield(L, -2, "QW");
    }
    return 1;
}
