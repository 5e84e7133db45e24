#include "nc_gaz.h"
#include "nc_chars.h"
#include "nc_utf8.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define NONE UINT32_MAX
#define KEYBUF (NC_GAZ_MAXKEY + 8)

typedef struct atok {          /* one token of an alias */
    uint32_t key, orig;        /* offsets into the pool */
    uint16_t keyn, orign;
    uint8_t cap;               /* written with an initial capital */
} atok;

typedef struct alias {
    uint32_t entry, text, textn;
    uint32_t tok, trtok;       /* first token in toks (exact, then name-key form) */
    uint8_t ntok, anchor, ntr, mode;
    uint32_t next, trnext;     /* next alias ending at the same trie node */
} alias;

typedef struct entry { uint32_t off[4], len[4]; } entry;   /* id, name, type, tag */

typedef struct node {
    uint32_t head, tail;       /* aliases ending here */
    uint32_t parent, key;      /* the edge into the node: its parent and key (pool offset) */
    uint32_t keyn, nchild;
} node;
/* An edge: h = edge_hash(key hash, parent), which is a bijection of the
 * parent for a given key, so equal h and equal key bytes mean equal parent. */
typedef struct slot { uint64_t h; uint32_t child, pad; } slot;

typedef struct trie {
    node *nodes;
    size_t nn, ncap;
    slot *slots;
    size_t nslots, used;
    uint64_t *bloom;           /* one bit per root edge hash, built by freeze */
    unsigned bloom_shift;
} trie;

struct nc_gaz {
    unsigned char *pool;
    size_t pooln, poolcap;
    entry *entries;
    size_t ne, ecap;
    alias *aliases;
    size_t na, acap;
    atok *toks;
    size_t nt, tcap;
    trie ex, tr;
    int scan_all, frozen;
};

/* ---- characters and tokens ------------------------------------------------ */

static unsigned cls_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    nc_scan sc;
    int32_t cp;
    sc.s = s; sc.n = n;
    return nc_cls_at(&sc, i, len, &cp);
}

/* Separators: spaces, line breaks, format characters, hyphens and en dashes. */
static int is_sep(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned b = s[i], c;
    int32_t cp;
    nc_scan sc;
    if (b < 0x80) { *len = 1; return (nc_ascii_cls[b] & (C_SPACE | C_NL)) || b == '-'; }
    sc.s = s; sc.n = n;
    c = nc_cls_at(&sc, i, len, &cp);
    if (cp == 0x2010 || cp == 0x2011 || cp == 0x2012 || cp == 0x2013 || cp == 0x2212) return 1;
    return (c & (C_SPACE | C_NL | C_FORMAT)) != 0;
}

static int word_at(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    unsigned b = s[i];
    if (b < 0x80) { *len = 1; return (nc_ascii_cls[b] & C_WORD) != 0; }
    return (cls_at(s, n, i, len) & C_WORD) != 0;
}

/* The token at or after i: [*ts, *te). Returns 0 at the end of the text. */
static int next_tok(const unsigned char *s, size_t n, size_t i, size_t *ts, size_t *te)
{
    size_t len;
    while (i < n && is_sep(s, n, i, &len)) i += len;
    if (i >= n) return 0;
    *ts = i;
    if (word_at(s, n, i, &len)) {
        i += len;
        for (;;) {
            while (i < n && s[i] < 0x80 && (nc_ascii_cls[s[i]] & C_WORD)) i++;
            if (i < n && s[i] >= 0x80 && word_at(s, n, i, &len)) { i += len; continue; }
            break;
        }
    } else {
        i += len;
    }
    *te = i;
    return 1;
}

int nc_next_match_token(const unsigned char *s, size_t n, size_t i, size_t *ts, size_t *te)
{
    return next_tok(s, n, i, ts, te);
}

/* Start of the character that ends just before i (i > 0), and its length. */
static size_t char_before(const unsigned char *s, size_t n, size_t i, size_t *len)
{
    size_t j = i - 1, k = 0;
    int32_t cp;
    if (s[j] < 0x80) { *len = 1; return j; }
    while (j > 0 && k < 3 && (s[j] & 0xC0) == 0x80) { j--; k++; }
    if (nc_utf8_decode(s + j, n - j, &cp) != i - j) j = i - 1;   /* not one character */
    *len = i - j;
    return j;
}

/* The token that ends at or before i: [*ts, *te). Returns 0 at the start. */
static int prev_tok(const unsigned char *s, size_t n, size_t i, size_t *ts, size_t *te)
{
    size_t j, len, l2;
    for (;;) {
        if (i == 0) return 0;
        j = char_before(s, n, i, &len);
        if (!is_sep(s, n, j, &l2) || l2 != len) break;
        i = j;
    }
    *te = i;
    if (word_at(s, n, j, &l2) && l2 == len) {
        i = j;
        while (i > 0) {
            j = char_before(s, n, i, &len);
            if (!word_at(s, n, j, &l2) || l2 != len) break;
            i = j;
        }
        *ts = i;
    } else {
        *ts = j;
    }
    return 1;
}

/* Starts with a capital: an upper-case letter, or a letter of a script
 * without case (Arabic, Chinese, ...), which counts as capitalised. */
static int starts_upper(const unsigned char *s, size_t n, size_t i)
{
    size_t len;
    if (s[i] < 0x80) return s[i] >= 'A' && s[i] <= 'Z';
    return (cls_at(s, n, i, &len) & (C_UPPER | C_LETTER)) != 0;
}

size_t nc_token_key(const unsigned char *s, size_t n, unsigned char *out)
{
    size_t i = 0, o = 0, len;
    int32_t cp, buf[32];
    utf8proc_ssize_t k, j;
    int bc;
    while (i < n) {
        unsigned b = s[i];
        if (b < 0x80) {
            if (o >= NC_GAZ_MAXKEY) return 0;
            out[o++] = (unsigned char)(b >= 'A' && b <= 'Z' ? b + 32 : (b == '`' ? '\'' : b));
            i++;
            continue;
        }
        len = nc_utf8_decode(s + i, n - i, &cp);
        i += len;
        if (cp == NC_UTF8_BAD) cp = NC_REPLACEMENT;
        if (cp == 0x2018 || cp == 0x2019 || cp == 0x02BC || cp == 0x00B4 || cp == 0x2032) cp = '\'';
        bc = 0;
        k = utf8proc_decompose_char(cp, buf, 32, (utf8proc_option_t)(UTF8PROC_COMPAT | UTF8PROC_CASEFOLD
                                    | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK), &bc);
        if (k < 0 || k > 32) { buf[0] = NC_REPLACEMENT; k = 1; }
        for (j = 0; j < k; j++) {
            if (o + 4 > NC_GAZ_MAXKEY) return 0;
            o += nc_utf8_encode(buf[j], out + o);
        }
    }
    return o;
}

/* Per byte: the class a first vowel run takes ('a', 'i' or 'u'; y counts as a
 * vowel: Lavrentyev ~ Lavrentiev, Shoygu ~ Shoigu), 0 for any other byte. */
static const unsigned char VCLASS[256] = {
    ['a'] = 'a', ['e'] = 'i', ['i'] = 'i', ['y'] = 'i', ['o'] = 'u', ['u'] = 'u'
};

size_t nc_name_key(const unsigned char *k, size_t n, unsigned char *out)
{
    size_t i = 0, o = 0;
    int first_vowel = 1;
    while (i < n) {
        unsigned c = k[i];
        if (VCLASS[c]) {
            size_t j = i + 1;
            while (j < n && VCLASS[k[j]]) j++;
            if (first_vowel) {
                /* "y" before a vowel at the start is a vowel (Yevgeny ~ Evgeny) */
                out[o++] = VCLASS[c == 'y' && j > i + 1 ? k[i + 1] : c];
                first_vowel = 0;
            } else {
                out[o++] = '*';
            }
            i = j;
            continue;
        }
        if (c == 'q') c = 'k';
        else if (c == 'w') c = 'v';
        else if (i + 1 < n && k[i + 1] == 'h' && (c == 'p' || c == 'd')) { i++; c = c == 'p' ? 'f' : 'd'; }   /* ph -> f, dh -> d */
        else if (c == 'c' && i + 1 < n && k[i + 1] == 'k') { i++; c = 'k'; }   /* ck -> k */
        if (o > 0 && out[o - 1] == c) { i++; continue; }                        /* doubled */
        out[o++] = (unsigned char)c;
        i++;
    }
    return o;
}

int nc_is_particle(const unsigned char *k, size_t n)
{
    return n == 2 && (k[0] == 'a' || k[0] == 'e') && k[1] == 'l';
}

/* ---- hashing and the trie -------------------------------------------------- */

static uint64_t key_hash(const unsigned char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    size_t i;
    for (i = 0; i < n; i++) { h ^= k[i]; h *= 1099511628211ull; }
    return h;
}

static uint64_t edge_hash(uint64_t kh, uint32_t parent)
{
    uint64_t h = kh ^ ((uint64_t)parent + 1) * 0x9E3779B97F4A7C15ull;
    h ^= h >> 31; h *= 0xBF58476D1CE4E5B9ull; h ^= h >> 29;
    return h;
}

static uint32_t trie_find(const trie *t, const unsigned char *pool, uint32_t parent,
                          const unsigned char *k, size_t kn, uint64_t kh)
{
    uint64_t h;
    size_t i;
    if (!t->nslots) return NONE;
    h = edge_hash(kh, parent);
    for (i = (size_t)h & (t->nslots - 1); t->slots[i].child; i = (i + 1) & (t->nslots - 1)) {
        const slot *sl = &t->slots[i];
        if (sl->h == h) {
            const node *nd = &t->nodes[sl->child];
            if (nd->keyn == kn && memcmp(pool + nd->key, k, kn) == 0) return sl->child;
        }
    }
    return NONE;
}

static int trie_grow(trie *t)
{
    size_t ns = t->nslots ? t->nslots * 2 : 1024, i, j;
    slot *old = t->slots, *p = calloc(ns, sizeof *p);
    if (!p) return NC_ENOMEM;
    for (i = 0; i < t->nslots; i++) {
        if (!old[i].child) continue;
        for (j = (size_t)old[i].h & (ns - 1); p[j].child; j = (j + 1) & (ns - 1)) {}
        p[j] = old[i];
    }
    free(old);
    t->slots = p;
    t->nslots = ns;
    return NC_OK;
}

/* The child of parent under key k (stored in the pool at koff), created if absent. */
static int trie_child(trie *t, const unsigned char *pool, uint32_t parent, uint32_t koff, size_t kn,
                      uint32_t *child)
{
    uint64_t kh = key_hash(pool + koff, kn), h;
    size_t i;
    uint32_t c = trie_find(t, pool, parent, pool + koff, kn, kh);
    if (c != NONE) { *child = c; return NC_OK; }
    if (t->nn == 0) {   /* the root is node 0 */
        node *nd = nc_grow(t->nodes, &t->ncap, sizeof *nd, 1024);
        if (!nd) return NC_ENOMEM;
        t->nodes = nd;
        memset(&t->nodes[0], 0, sizeof t->nodes[0]);
        t->nodes[0].head = t->nodes[0].tail = NONE;
        t->nn = 1;
    }
    if ((t->used + 1) * 2 > t->nslots && trie_grow(t) != NC_OK) return NC_ENOMEM;
    if (t->nn >= t->ncap) {
        node *nd = nc_grow(t->nodes, &t->ncap, sizeof *nd, 1024);
        if (!nd) return NC_ENOMEM;
        t->nodes = nd;
    }
    if (t->nn >= NONE - 1) return NC_ENOMEM;
    c = (uint32_t)t->nn++;
    t->nodes[c].head = t->nodes[c].tail = NONE;
    t->nodes[c].parent = parent;
    t->nodes[c].key = koff;
    t->nodes[c].keyn = (uint32_t)kn;
    t->nodes[c].nchild = 0;
    t->nodes[parent].nchild++;
    h = edge_hash(kh, parent);
    for (i = (size_t)h & (t->nslots - 1); t->slots[i].child; i = (i + 1) & (t->nslots - 1)) {}
    t->slots[i].h = h;
    t->slots[i].child = c;
    t->used++;
    *child = c;
    return NC_OK;
}

static void trie_free(trie *t)
{
    free(t->nodes);
    free(t->slots);
    free(t->bloom);
    memset(t, 0, sizeof *t);
}

static int trie_bloom(trie *t)
{
    size_t roots = 0, bits = 4096, i;
    unsigned shift = 64 - 12;
    roots = t->nodes[0].nchild;
    while (bits < roots * 16 && bits < ((size_t)1 << 26)) { bits *= 2; shift--; }
    t->bloom = calloc(bits / 64, sizeof *t->bloom);
    if (!t->bloom) return NC_ENOMEM;
    t->bloom_shift = shift;
    for (i = 0; i < t->nslots; i++) {
        if (t->slots[i].child && t->nodes[t->slots[i].child].parent == 0) {
            uint64_t b = (t->slots[i].h >> shift);
            t->bloom[b / 64] |= (uint64_t)1 << (b % 64);
        }
    }
    return NC_OK;
}

static int bloom_has(const trie *t, uint64_t kh)
{
    uint64_t b = edge_hash(kh, 0) >> t->bloom_shift;
    return (t->bloom[b / 64] >> (b % 64)) & 1;
}

/* ---- building ------------------------------------------------------------- */

nc_gaz *nc_gaz_new(void)
{
    return calloc(1, sizeof(nc_gaz));
}

void nc_gaz_free(nc_gaz *g)
{
    if (!g) return;
    free(g->pool);
    free(g->entries);
    free(g->aliases);
    free(g->toks);
    trie_free(&g->ex);
    trie_free(&g->tr);
    free(g);
}

static int pool_add(nc_gaz *g, const void *p, size_t n, uint32_t *off)
{
    while (g->pooln + n + 1 > g->poolcap) {
        unsigned char *np = nc_grow(g->pool, &g->poolcap, 1, 4096);
        if (!np) return NC_ENOMEM;
        g->pool = np;
    }
    if (g->pooln + n >= NC_MAX_TEXT) return NC_ENOMEM;
    *off = (uint32_t)g->pooln;
    if (n) memcpy(g->pool + g->pooln, p, n);
    g->pooln += n;
    return NC_OK;
}

int nc_gaz_entry(nc_gaz *g, const char *id, size_t idn, const char *name, size_t namen,
                 const char *type, size_t typen, const char *tag, size_t tagn, uint32_t *index)
{
    const char *str[4];
    size_t len[4], k;
    entry e;
    str[0] = id; str[1] = name; str[2] = type; str[3] = tag;
    len[0] = idn; len[1] = namen; len[2] = typen; len[3] = tagn;
    if (!g || g->frozen || !index) return NC_EINVAL;
    if (g->ne >= NONE - 1) return NC_ENOMEM;
    for (k = 0; k < 4; k++) {
        if (!str[k]) len[k] = 0;
        if (pool_add(g, str[k], len[k], &e.off[k]) != NC_OK) return NC_ENOMEM;
        e.len[k] = (uint32_t)len[k];
    }
    if (g->ne >= g->ecap) {
        entry *ne = nc_grow(g->entries, &g->ecap, sizeof *ne, 256);
        if (!ne) return NC_ENOMEM;
        g->entries = ne;
    }
    g->entries[g->ne] = e;
    *index = (uint32_t)g->ne++;
    return NC_OK;
}

static int tok_push(nc_gaz *g, const atok *t)
{
    if (g->nt >= g->tcap) {
        atok *nt = nc_grow(g->toks, &g->tcap, sizeof *nt, 1024);
        if (!nt) return NC_ENOMEM;
        g->toks = nt;
    }
    g->toks[g->nt++] = *t;
    return NC_OK;
}

/* Is alias a (already linked at node nd of t) the same as b? */
static int same_alias(const nc_gaz *g, const alias *a, const alias *b)
{
    return a->entry == b->entry && a->mode == b->mode && a->ntok == b->ntok && a->anchor == b->anchor
        && (a->mode != NC_CASE_EXACT || (a->textn == b->textn
            && memcmp(g->pool + a->text, g->pool + b->text, a->textn) == 0));
}

/* Walk (creating) the path of tokens [from, to) of toks starting at toks index
 * base; returns the end node. */
static int trie_path(nc_gaz *g, trie *t, uint32_t base, unsigned from, unsigned to, uint32_t *end)
{
    uint32_t nd = 0;
    unsigned i;
    int rc;
    for (i = from; i < to; i++) {
        const atok *k = &g->toks[base + i];
        if ((rc = trie_child(t, g->pool, nd, k->key, k->keyn, &nd)) != NC_OK) return rc;
    }
    *end = nd;
    return NC_OK;
}

int nc_gaz_alias(nc_gaz *g, uint32_t ent, const char *str, size_t n, unsigned mode, unsigned translit)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char kb[KEYBUF], nk[KEYBUF];
    size_t ts, te, i = 0, kn;
    alias a;
    atok t;
    uint32_t nd, x;
    size_t tok0 = g ? g->nt : 0, pool0 = g ? g->pooln : 0;
    int rc, anchor = -1;
    if (!g || g->frozen || ent >= g->ne || mode > NC_CASE_ANY || (!s && n)) return NC_EINVAL;
    memset(&a, 0, sizeof a);
    a.entry = ent;
    a.mode = (uint8_t)mode;
    a.tok = (uint32_t)g->nt;
    if ((rc = pool_add(g, s, n, &a.text)) != NC_OK) return rc;
    a.textn = (uint32_t)n;
    while (next_tok(s, n, i, &ts, &te)) {
        i = te;
        if (a.ntok >= NC_GAZ_MAXTOK || te - ts > NC_GAZ_MAXKEY) goto invalid;
        kn = nc_token_key(s + ts, te - ts, kb);
        if (kn == 0) goto invalid;
        memset(&t, 0, sizeof t);
        t.cap = (uint8_t)starts_upper(s, n, ts);
        t.orig = a.text + (uint32_t)ts;
        t.orign = (uint16_t)(te - ts);
        if ((rc = pool_add(g, kb, kn, &t.key)) != NC_OK) goto fail;
        t.keyn = (uint16_t)kn;
        if ((rc = tok_push(g, &t)) != NC_OK) goto fail;
        if (anchor < 0 && t.cap && mode != NC_CASE_ANY) anchor = a.ntok;
        a.ntok++;
    }
    if (a.ntok == 0) goto invalid;
    if (anchor < 0 && mode == NC_CASE_CAPS) {
        /* written in lower case: the text must still be capitalised at its start */
        anchor = 0;
        g->toks[a.tok].cap = 1;
    }
    if (anchor < 0) { anchor = 0; g->scan_all = 1; }
    a.anchor = (uint8_t)anchor;
    /* the name-key form: particles dropped, keys folded */
    a.trtok = (uint32_t)g->nt;
    if (translit && mode != NC_CASE_EXACT) {
        unsigned j;
        for (j = 0; j < a.ntok; j++) {
            atok k = g->toks[a.tok + j];
            if (nc_is_particle(g->pool + k.key, k.keyn)) continue;
            kn = nc_name_key(g->pool + k.key, k.keyn, nk);
            if ((rc = pool_add(g, nk, kn, &k.key)) != NC_OK) goto fail;
            k.keyn = (uint16_t)kn;
            if ((rc = tok_push(g, &k)) != NC_OK) goto fail;
            a.ntr++;
        }
    }
    /* link into the exact trie (from the anchor) */
    if ((rc = trie_path(g, &g->ex, a.tok, a.anchor, a.ntok, &nd)) != NC_OK) goto fail;
    for (x = g->ex.nodes[nd].head; x != NONE; x = g->aliases[x].next)
        if (same_alias(g, &g->aliases[x], &a)) { g->nt = tok0; g->pooln = pool0; return NC_OK; }
    if (g->na >= g->acap) {
        alias *na = nc_grow(g->aliases, &g->acap, sizeof *na, 1024);
        if (!na) { rc = NC_ENOMEM; goto fail; }
        g->aliases = na;
    }
    if (g->na >= NONE - 1) { rc = NC_ENOMEM; goto fail; }
    a.next = a.trnext = NONE;
    g->aliases[g->na] = a;
    if (g->ex.nodes[nd].tail == NONE) g->ex.nodes[nd].head = (uint32_t)g->na;
    else g->aliases[g->ex.nodes[nd].tail].next = (uint32_t)g->na;
    g->ex.nodes[nd].tail = (uint32_t)g->na;
    if (a.ntr) {
        if ((rc = trie_path(g, &g->tr, a.trtok, 0, a.ntr, &nd)) != NC_OK) { g->na++; return rc; }
        if (g->tr.nodes[nd].tail == NONE) g->tr.nodes[nd].head = (uint32_t)g->na;
        else g->aliases[g->tr.nodes[nd].tail].trnext = (uint32_t)g->na;
        g->tr.nodes[nd].tail = (uint32_t)g->na;
    }
    g->na++;
    return NC_OK;
invalid:
    rc = NC_EINVAL;
fail:
    g->nt = tok0;
    g->pooln = pool0;
    return rc;
}

int nc_gaz_freeze(nc_gaz *g)
{
    if (!g) return NC_EINVAL;
    if (g->frozen) return NC_OK;
    if (g->ex.nslots && trie_bloom(&g->ex) != NC_OK) return NC_ENOMEM;
    if (g->tr.nslots && trie_bloom(&g->tr) != NC_OK) return NC_ENOMEM;
    g->frozen = 1;
    return NC_OK;
}

/* ---- matching ------------------------------------------------------------- */

typedef struct ttok {          /* a text token met while walking */
    size_t s, e;
    size_t keyn, nkn;          /* nkn: name key length, (size_t)-1 until computed */
    uint64_t kh;
    int cap;
    unsigned char key[KEYBUF], nk[KEYBUF];
} ttok;

/* What the root of each trie holds for one token key: a text repeats its
 * capitalised words ("The", "Syria", a name), and looking a key up in the
 * tries costs cache misses and the name key. Direct-mapped on the key hash;
 * keys over MEMO_KEY bytes are not kept. */
#define MEMO_KEY 23
#define MEMO_BITS 12
#define MEMO_TEXT 65536        /* a text this long gets a memo on its first call, scratch or none */
typedef struct memo {
    unsigned char key[MEMO_KEY];
    uint8_t keyn;              /* 0: empty */
    uint32_t ex, tr;           /* root child for the key, for its name key; NONE if none */
} memo;

typedef struct walker {
    const nc_gaz *g;
    const unsigned char *s;
    size_t n;
    memo *memo;                /* 1 << MEMO_BITS entries, or NULL */
    const nc_gaz *memo_g;      /* the gazetteer the memo is of */
    int used;                  /* a kept scratch's walker has served a text */
    ttok t[NC_GAZ_MAXTOK + 1];
    size_t nt;                 /* tokens read so far from the anchor */
} walker;

static int fill(walker *w, size_t i, size_t from)
{
    ttok *t = &w->t[i];
    const unsigned char *s = w->s;
    size_t n = w->n, j, o = 0;
    uint64_t h = 1469598103934665603ull;
    /* ASCII fast path: a word of ASCII letters and digits, keyed and hashed in one pass */
    while (from < n && (s[from] == ' ' || s[from] == '-' || s[from] == '\n')) from++;
    if (from < n && s[from] < 0x80 && (nc_ascii_cls[s[from]] & C_WORD)) {
        for (j = from; j < n && s[j] < 0x80 && (nc_ascii_cls[s[j]] & C_WORD) && o < NC_GAZ_MAXKEY; j++) {
            unsigned c = s[j] | ((nc_ascii_cls[s[j]] & C_UPPER) ? 32u : 0u);
            t->key[o++] = (unsigned char)c;
            h = (h ^ c) * 1099511628211ull;
        }
        if (j >= n || (s[j] < 0x80 && !(nc_ascii_cls[s[j]] & C_WORD))) {
            t->s = from;
            t->e = j;
            t->keyn = o;
            t->kh = h;
            t->nkn = (size_t)-1;
            t->cap = s[from] >= 'A' && s[from] <= 'Z';
            return 1;
        }
    }
    if (!next_tok(s, n, from, &t->s, &t->e)) return 0;
    t->keyn = t->e - t->s > NC_GAZ_MAXKEY ? 0 : nc_token_key(s + t->s, t->e - t->s, t->key);
    t->kh = key_hash(t->key, t->keyn);
    t->nkn = (size_t)-1;
    t->cap = starts_upper(s, n, t->s);
    return 1;
}

static ttok *tok(walker *w, size_t i)
{
    if (i >= NC_GAZ_MAXTOK || w->nt == 0) return NULL;
    while (w->nt <= i) {
        if (!fill(w, w->nt, w->t[w->nt - 1].e)) return NULL;
        w->nt++;
    }
    return &w->t[i];
}

static void name_key_of(ttok *t)
{
    if (t->nkn == (size_t)-1) t->nkn = nc_name_key(t->key, t->keyn, t->nk);
}

/* The root children of token t (keyn > 0) in the exact trie and, by its name
 * key, in the name-key trie (NONE where there is none). */
static void roots(walker *w, ttok *t, uint32_t *ex, uint32_t *tr)
{
    const nc_gaz *g = w->g;
    memo *m = NULL;
    if (w->memo && t->keyn <= MEMO_KEY) {
        m = &w->memo[t->kh & ((1u << MEMO_BITS) - 1)];
        if (m->keyn == t->keyn && memcmp(m->key, t->key, t->keyn) == 0) {
            *ex = m->ex;
            *tr = m->tr;
            return;
        }
    }
    *ex = g->ex.nslots && bloom_has(&g->ex, t->kh) ? trie_find(&g->ex, g->pool, 0, t->key, t->keyn, t->kh)
                                                    : NONE;
    *tr = NONE;
    if (g->tr.nslots) {
        uint64_t nh;
        name_key_of(t);
        nh = key_hash(t->nk, t->nkn);
        if (bloom_has(&g->tr, nh)) *tr = trie_find(&g->tr, g->pool, 0, t->nk, t->nkn, nh);
    }
    if (m) {
        memcpy(m->key, t->key, t->keyn);
        m->keyn = (uint8_t)t->keyn;
        m->ex = *ex;
        m->tr = *tr;
    }
}

static int case_ok(const nc_gaz *g, const alias *a, const atok *k, const unsigned char *s, size_t ts,
                   size_t te, int cap)
{
    if (a->mode == NC_CASE_CAPS) return !k->cap || cap;
    if (a->mode == NC_CASE_EXACT)
        return k->orign == te - ts && memcmp(g->pool + k->orig, s + ts, te - ts) == 0;
    return 1;
}

/* Does alias a match text tokens 0..last (its tokens anchor..ntok-1)? Its
 * left context is read backwards from the anchor. The start is in *start. */
static int alias_ok(walker *w, const alias *a, size_t last, size_t *start)
{
    const nc_gaz *g = w->g;
    size_t i, ts, te, pos;
    unsigned char kb[KEYBUF];
    int j;
    for (i = 0; i <= last; i++) {
        const atok *k = &g->toks[a->tok + a->anchor + i];
        if (!case_ok(g, a, k, w->s, w->t[i].s, w->t[i].e, w->t[i].cap)) return 0;
    }
    pos = w->t[0].s;
    for (j = (int)a->anchor - 1; j >= 0; j--) {
        const atok *k = &g->toks[a->tok + (unsigned)j];
        size_t kn;
        if (!prev_tok(w->s, w->n, pos, &ts, &te) || te - ts > NC_GAZ_MAXKEY) return 0;
        kn = nc_token_key(w->s + ts, te - ts, kb);
        if (kn != k->keyn || memcmp(kb, g->pool + k->key, kn) != 0) return 0;
        if (!case_ok(g, a, k, w->s, ts, te, starts_upper(w->s, w->n, ts))) return 0;
        pos = ts;
    }
    *start = pos;
    return 1;
}

/* Name-key form: text tokens from 0, particles skipped; alias tokens trtok. */
static int alias_tr_ok(walker *w, const alias *a, const size_t *idx, size_t nidx)
{
    size_t i;
    for (i = 0; i < nidx; i++) {
        const atok *k = &w->g->toks[a->trtok + i];
        if (a->mode == NC_CASE_CAPS && k->cap && !w->t[idx[i]].cap) return 0;
    }
    return 1;
}

static void push_hit(nc_gaz_hits *out, size_t base, const nc_gaz_hit *h, int *rc)
{
    /* A left context can reach back over earlier hits: leftmost, then longest, wins. */
    while (out->n > base && out->v[out->n - 1].end > h->start) {
        const nc_gaz_hit *last = &out->v[out->n - 1];
        if (h->start < last->start || (h->start == last->start && h->end > last->end)) out->n--;
        else return;
    }
    if (out->n >= out->cap) {
        nc_gaz_hit *nv = nc_grow(out->v, &out->cap, sizeof *nv, 64);
        if (!nv) { *rc = NC_ENOMEM; return; }
        out->v = nv;
    }
    out->v[out->n++] = *h;
}

/* Try the anchor token at s[at..]; returns the end of what was consumed. */
static size_t try_anchor(walker *w, size_t at, nc_gaz_hits *out, size_t base, int *rc)
{
    const nc_gaz *g = w->g;
    const trie *ex = &g->ex, *tr = &g->tr;
    nc_gaz_hit best;
    uint32_t nd, x, r_ex, r_tr;
    size_t i, start, anchor_end;
    int found = 0;
    if (!fill(w, 0, at)) return w->n;
    w->nt = 1;
    anchor_end = w->t[0].e;
    if (w->t[0].keyn == 0) return anchor_end;
    memset(&best, 0, sizeof best);
    /* exact keys */
    roots(w, &w->t[0], &r_ex, &r_tr);
    if (r_ex != NONE) {
        nd = r_ex;
        for (i = 0; ; i++) {
            ttok *t = tok(w, i);
            if (!t || !t->keyn) break;
            if (i > 0) nd = trie_find(ex, g->pool, nd, t->key, t->keyn, t->kh);
            if (nd == NONE) break;
            x = ex->nodes[nd].head;
            if (x == NONE && !ex->nodes[nd].nchild) break;
            for (; x != NONE; x = g->aliases[x].next) {
                if (alias_ok(w, &g->aliases[x], i, &start)) {
                    best.start = (uint32_t)start;
                    best.end = (uint32_t)t->e;
                    best.entry = g->aliases[x].entry;
                    best.alias = x;
                    best.how = 0;
                    found = 1;
                    break;
                }
            }
            if (!ex->nodes[nd].nchild) break;
        }
    }
    /* name keys */
    if (tr->nslots) {
        size_t idx[NC_GAZ_MAXTOK], nidx = 0;
        ttok *t = tok(w, 0);
        /* a particle anchor ("Al-Meqdad") is skipped */
        i = 0;
        if (nc_is_particle(t->key, t->keyn)) {
            i = 1;
            t = tok(w, 1);
            if (t && t->keyn) roots(w, t, &r_ex, &r_tr);
        }
        if (t && t->keyn && r_tr != NONE) {
            nd = r_tr;
            for (; ; i++) {
                t = tok(w, i);
                if (!t || !t->keyn) break;
                if (nidx > 0) {
                    if (nc_is_particle(t->key, t->keyn)) continue;
                    name_key_of(t);
                    nd = trie_find(tr, g->pool, nd, t->nk, t->nkn, key_hash(t->nk, t->nkn));
                    if (nd == NONE) break;
                }
                idx[nidx++] = i;
                if (tr->nodes[nd].head == NONE && !tr->nodes[nd].nchild) break;
                for (x = tr->nodes[nd].head; x != NONE; x = g->aliases[x].trnext) {
                    if (alias_tr_ok(w, &g->aliases[x], idx, nidx)) {
                        if (!found || t->e > best.end) {
                            best.start = (uint32_t)w->t[0].s;
                            best.end = (uint32_t)t->e;
                            best.entry = g->aliases[x].entry;
                            best.alias = x;
                            best.how = NC_GAZ_TRANSLIT;
                            found = 1;
                        }
                        break;
                    }
                }
                if (!tr->nodes[nd].nchild) break;
            }
        }
    }
    if (!found) return anchor_end;
    /* a name-key alias takes a particle written before it: "al-Meqdad" */
    if (g->aliases[best.alias].ntr && best.start == w->t[0].s) {
        size_t ps, pe;
        unsigned char kb[KEYBUF];
        if (prev_tok(w->s, w->n, best.start, &ps, &pe) && pe - ps == 2
            && nc_is_particle(kb, nc_token_key(w->s + ps, 2, kb))
            && (pe == best.start || (best.start - pe == 1 && (w->s[pe] == '-' || w->s[pe] == ' ')))) {
            best.start = (uint32_t)ps;
            best.how |= NC_GAZ_PARTICLE;
        }
    }
    push_hit(out, base, &best, rc);
    return best.end;
}

size_t nc_next_capital(const unsigned char *s, size_t n, size_t i)
{
    const uint64_t lo7 = 0x7F7F7F7F7F7F7F7Full, hi = 0x8080808080808080ull;
    const uint64_t ge_a = 0x3F3F3F3F3F3F3F3Full;   /* + ('A' .. 0x7F) sets bit 7 */
    const uint64_t gt_z = 0x2525252525252525ull;   /* + ('[' .. 0x7F) sets bit 7 */
    while (i + 8 <= n) {
        uint64_t x, y, m;
        memcpy(&x, s + i, 8);
        y = x & lo7;
        m = (((y + ge_a) & ~(y + gt_z)) | x) & hi;
        if (m) {   /* the first flagged byte in memory order */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            return i + ((unsigned)__builtin_ctzll(m) >> 3);
#else
            unsigned k = 0;
            while (!((s[i + k] >= 'A' && s[i + k] <= 'Z') || s[i + k] >= 0x80)) k++;
            return i + k;
#endif
        }
        i += 8;
    }
    while (i < n && !((s[i] >= 'A' && s[i] <= 'Z') || s[i] >= 0x80)) i++;
    return i;
}

void nc_gaz_scratch_free(nc_gaz_scratch *sc)
{
    if (!sc) return;
    if (sc->walker) free(((walker *)sc->walker)->memo);
    free(sc->walker);
    sc->walker = NULL;
}

int nc_gaz_match(const nc_gaz *g, const char *str, size_t n, nc_gaz_hits *out)
{
    return nc_gaz_match_in(g, str, n, out, NULL);
}

int nc_gaz_match_in(const nc_gaz *g, const char *str, size_t n, nc_gaz_hits *out, nc_gaz_scratch *sc)
{
    const unsigned char *s = (const unsigned char *)str;
    walker *w;
    size_t i = 0, base, len, ts, te;
    int rc = NC_OK;
    if (!g || !out || (!s && n)) return NC_EINVAL;
    if (!g->frozen) return NC_EINVAL;
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!g->na) return NC_OK;
    if (sc && !sc->walker) {
        if ((sc->walker = malloc(sizeof *w)) != NULL) {
            ((walker *)sc->walker)->memo = NULL;
            ((walker *)sc->walker)->used = 0;
        }
    }
    w = sc ? (walker *)sc->walker : (walker *)malloc(sizeof *w);
    if (!w) return NC_ENOMEM;
    if (!sc) w->memo = NULL;
    /* the memo of the roots pays on a long text, or from a kept scratch's second
     * text on (none if that memory cannot be had) */
    if (!w->memo && (n >= MEMO_TEXT || (sc && w->used))) {
        w->memo = calloc((size_t)1 << MEMO_BITS, sizeof(memo));
        w->memo_g = g;
    } else if (w->memo && w->memo_g != g) {
        memset(w->memo, 0, ((size_t)1 << MEMO_BITS) * sizeof(memo));
        w->memo_g = g;
    }
    if (sc) w->used = 1;
    w->g = g; w->s = s; w->n = n;
    base = out->n;
    while (i < n && rc == NC_OK) {
        if (g->scan_all) {
            if (!next_tok(s, n, i, &ts, &te)) break;
            i = try_anchor(w, ts, out, base, &rc);
            continue;
        }
        i = nc_next_capital(s, n, i);
        if (i >= n) break;
        if (i > 0) {   /* must start a token: else skip the rest of the word */
            size_t j = char_before(s, n, i, &len), l2;
            if (word_at(s, n, j, &l2) && l2 == len && word_at(s, n, i, &l2)) {
                while (i < n) {
                    if (s[i] < 0x80) { if (!(nc_ascii_cls[s[i]] & C_WORD)) break; i++; }
                    else if (word_at(s, n, i, &l2)) i += l2;
                    else break;
                }
                continue;
            }
        }
        if (s[i] >= 0x80 && !starts_upper(s, n, i)) {
            cls_at(s, n, i, &len);
            i += len;
            continue;
        }
        i = try_anchor(w, i, out, base, &rc);
    }
    if (!sc) {
        free(w->memo);
        free(w);
    }
    return rc;
}

/* ---- introspection, save and load ---------------------------------------- */

int nc_gaz_entry_info(const nc_gaz *g, uint32_t i, const char **id, size_t *idn,
                      const char **name, size_t *namen, const char **type, size_t *typen,
                      const char **tag, size_t *tagn)
{
    const entry *e;
    if (!g || i >= g->ne) return NC_EINVAL;
    e = &g->entries[i];
    *id = (const char *)g->pool + e->off[0]; *idn = e->len[0];
    *name = (const char *)g->pool + e->off[1]; *namen = e->len[1];
    *type = (const char *)g->pool + e->off[2]; *typen = e->len[2];
    *tag = (const char *)g->pool + e->off[3]; *tagn = e->len[3];
    return NC_OK;
}

int nc_gaz_alias_info(const nc_gaz *g, uint32_t i, const char **s, size_t *n,
                      uint32_t *ent, unsigned *mode, unsigned *translit)
{
    const alias *a;
    if (!g || i >= g->na) return NC_EINVAL;
    a = &g->aliases[i];
    *s = (const char *)g->pool + a->text; *n = a->textn;
    *ent = a->entry; *mode = a->mode; *translit = a->ntr > 0;
    return NC_OK;
}

void nc_gaz_info_get(const nc_gaz *g, nc_gaz_info *info)
{
    memset(info, 0, sizeof *info);
    if (!g) return;
    info->entries = g->ne;
    info->aliases = g->na;
    info->nodes = g->ex.nn;
    info->translit_nodes = g->tr.nn;
    info->bytes = sizeof *g + g->poolcap + g->ecap * sizeof(entry) + g->acap * sizeof(alias)
        + g->tcap * sizeof(atok) + (g->ex.ncap + g->tr.ncap) * sizeof(node)
        + (g->ex.nslots + g->tr.nslots) * sizeof(slot);
    if (g->ex.bloom) info->bytes += ((size_t)1 << (64 - g->ex.bloom_shift)) / 8;
    if (g->tr.bloom) info->bytes += ((size_t)1 << (64 - g->tr.bloom_shift)) / 8;
    info->scan_all = g->scan_all;
    info->frozen = g->frozen;
}

/* File: "NCGAZ\1\0\0", then little-endian u32 fields: entries, aliases; per
 * entry four strings, per alias entry, mode, translit and its text; a string
 * is a u32 length and its bytes. Loading rebuilds the tables. */
static const char magic[8] = { 'N', 'C', 'G', 'A', 'Z', 1, 0, 0 };

typedef struct wbuf { char *p; size_t n, cap; int rc; } wbuf;

static void put(wbuf *b, const void *p, size_t n)
{
    if (b->rc) return;
    while (b->n + n > b->cap) {
        char *np = nc_grow(b->p, &b->cap, 1, 65536);
        if (!np) { b->rc = NC_ENOMEM; return; }
        b->p = np;
    }
    memcpy(b->p + b->n, p, n);
    b->n += n;
}

static void put32(wbuf *b, uint32_t v)
{
    unsigned char x[4];
    x[0] = (unsigned char)v; x[1] = (unsigned char)(v >> 8);
    x[2] = (unsigned char)(v >> 16); x[3] = (unsigned char)(v >> 24);
    put(b, x, 4);
}

int nc_gaz_save(const nc_gaz *g, char **buf, size_t *len)
{
    wbuf b;
    size_t i, k;
    if (!g || !buf || !len || !g->frozen) return NC_EINVAL;
    memset(&b, 0, sizeof b);
    put(&b, magic, 8);
    put32(&b, (uint32_t)g->ne);
    put32(&b, (uint32_t)g->na);
    for (i = 0; i < g->ne; i++)
        for (k = 0; k < 4; k++) {
            put32(&b, g->entries[i].len[k]);
            put(&b, g->pool + g->entries[i].off[k], g->entries[i].len[k]);
        }
    for (i = 0; i < g->na; i++) {
        const alias *a = &g->aliases[i];
        put32(&b, a->entry);
        put32(&b, a->mode | (a->ntr ? 0x100u : 0));
        put32(&b, a->textn);
        put(&b, g->pool + a->text, a->textn);
    }
    if (b.rc) { free(b.p); return b.rc; }
    *buf = b.p;
    *len = b.n;
    return NC_OK;
}

typedef struct rbuf { const unsigned char *p; size_t n, at; } rbuf;

static int get32(rbuf *r, uint32_t *v)
{
    if (r->n - r->at < 4) return 0;
    *v = (uint32_t)r->p[r->at] | (uint32_t)r->p[r->at + 1] << 8 | (uint32_t)r->p[r->at + 2] << 16
        | (uint32_t)r->p[r->at + 3] << 24;
    r->at += 4;
    return 1;
}

static int getstr(rbuf *r, const char **s, size_t *n)
{
    uint32_t l;
    if (!get32(r, &l) || r->n - r->at < l) return 0;
    *s = (const char *)r->p + r->at;
    *n = l;
    r->at += l;
    return 1;
}

int nc_gaz_load(const char *buf, size_t len, nc_gaz **out)
{
    rbuf r;
    uint32_t ne, na, i, idx, ent, flags;
    nc_gaz *g;
    int rc = NC_EINVAL;
    if (!buf || !out) return NC_EINVAL;
    *out = NULL;
    r.p = (const unsigned char *)buf; r.n = len; r.at = 8;
    if (len < 16 || memcmp(buf, magic, 8) != 0) return NC_EINVAL;
    if (!get32(&r, &ne) || !get32(&r, &na)) return NC_EINVAL;
    /* every entry takes at least 16 bytes and every alias 12: reject absurd counts early */
    if (ne > (len - r.at) / 16 || na > (len - r.at) / 12) return NC_EINVAL;
    if (!(g = nc_gaz_new())) return NC_ENOMEM;
    for (i = 0; i < ne; i++) {
        const char *s[4];
        size_t l[4], k;
        for (k = 0; k < 4; k++) if (!getstr(&r, &s[k], &l[k])) goto bad;
        if ((rc = nc_gaz_entry(g, s[0], l[0], s[1], l[1], s[2], l[2], s[3], l[3], &idx)) != NC_OK) goto bad;
    }
    for (i = 0; i < na; i++) {
        const char *s;
        size_t l;
        rc = NC_EINVAL;
        if (!get32(&r, &ent) || !get32(&r, &flags) || !getstr(&r, &s, &l)) goto bad;
        if (ent >= ne || (flags & 0xFF) > NC_CASE_ANY || (flags & ~0x1FFu)) goto bad;
        if ((rc = nc_gaz_alias(g, ent, s, l, flags & 0xFF, (flags >> 8) & 1)) != NC_OK) goto bad;
    }
    rc = NC_EINVAL;
    if (r.at != r.n) goto bad;
    if ((rc = nc_gaz_freeze(g)) != NC_OK) goto bad;
    *out = g;
    return NC_OK;
bad:
    nc_gaz_free(g);
    return rc == NC_OK ? NC_EINVAL : rc;
}
