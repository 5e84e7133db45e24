#include "nc_ents.h"
#include "nc_chars.h"
#include <stdlib.h>
#include <string.h>

#define MAXEL 32        /* elements in one run; a longer run is cut */
#define LEXMAX 64       /* longest word the lexicon can hold (NC_WORD_MAX) */
#define CONNMAX 4       /* longest connector ("bint"; entities.lua CONNECT, ORG_CONNECT) */

typedef struct el {
    uint32_t a, b;      /* [a, b) */
    int32_t hit;        /* index in the hits, or -1 for a word */
    uint16_t w;         /* lexicon bits of the word (of a one-token hit too) */
    uint8_t conn;       /* a lower-case connector ("al", "of") between names */
    uint8_t ecls;       /* entry class of a hit */
    uint8_t multi;      /* a hit of more than one token */
    uint8_t poss;       /* a word followed by a possessive 's (the name ends there) */
} el;

typedef struct ctx {
    const unsigned char *s;
    size_t n;
    nc_scan sc;
    const nc_gaz_hit *h;
    size_t nh;          /* hits of the scan; more may follow (stems, below) */
    const nc_gaz *g;
    nc_gaz_hits *hits;  /* owns h */
    nc_gaz_scratch *gs; /* the match's working memory */
    const unsigned char *eclass;
    size_t nclass;
    const nc_wordset *lex;
    int discover;
    nc_ents *out;
    size_t ls, le;      /* the line last asked about: [ls, le) */
    int lhl;            /* ... reads as a headline or tag line */
    uint64_t *sk;       /* surname keys (0 = empty slot), open addressing */
    int32_t *sv;        /* ... the mention each resolves to */
    size_t scap, scount;
    int err;
} ctx;

/* Does the tag open with the word w ("city SY")? */
static int tag_word(const char *tag, size_t tagn, const char *w)
{
    size_t n = strlen(w);
    return tagn >= n && !memcmp(tag, w, n) && (tagn == n || tag[n] == ' ');
}

unsigned nc_ents_entry_class(const char *type, size_t typen, const char *tag, size_t tagn)
{
    unsigned c = NC_ENT_OTHER;
    if (typen == 6 && !memcmp(type, "PERSON", 6)) c = NC_ENT_PERSON;
    else if (typen == 3 && !memcmp(type, "ORG", 3)) c = NC_ENT_ORG;
    else if (typen == 5 && !memcmp(type, "PLACE", 5)) c = NC_ENT_PLACE;
    if (tagn >= 7 && !memcmp(tag, "demonym", 7)) c |= NC_ENT_DEMONYM;
    if (tag_word(tag, tagn, "town")) c |= NC_ENT_MINOR;
    if (tag_word(tag, tagn, "city")) c |= NC_ENT_CITY;
    if (tagn >= 7 && !memcmp(tag, "country", 7)) c |= NC_ENT_COUNTRY;
    return c;
}

/* ---- characters ---------------------------------------------------------- */

static unsigned cls(const ctx *c, size_t i, size_t *len)
{
    int32_t cp;
    unsigned char b = c->s[i];
    if (b < 0x80) { *len = 1; return nc_ascii_cls[b]; }
    return nc_cls_at(&c->sc, i, len, &cp);
}

/* Is the byte at i part of a word (letter, mark, digit, or an apostrophe or
 * hyphen followed by a letter)? *len: bytes of the character. */
static int wordch(const ctx *c, size_t i, size_t *len)
{
    unsigned k = cls(c, i, len);
    if (k & C_WORD) return 1;
    if ((k & (C_APOS | C_HYPHEN)) && i + *len < c->n) {
        size_t l2;
        return (cls(c, i + *len, &l2) & C_ALPHA) != 0;
    }
    return 0;
}

static int is_upper(const ctx *c, size_t i)
{
    size_t len;
    unsigned char b = c->s[i];
    if (b < 0x80) return b >= 'A' && b <= 'Z';
    return (cls(c, i, &len) & C_UPPER) != 0;
}

/* Lexicon bits of s[a..b) (0 when longer than the lexicon holds). */
static unsigned lexw(const ctx *c, size_t a, size_t b)
{
    if (b <= a || b - a > LEXMAX) return 0;
    return nc_wordset_get(c->lex, (const char *)c->s + a, b - a);
}

/* End of the word starting at i. *poss: it ends in a possessive 's, left out. */
static size_t word_end(const ctx *c, size_t i, int *poss)
{
    size_t j = i, len;
    *poss = 0;
    while (j < c->n && wordch(c, j, &len)) j += len;
    /* initials: "M." "O.J." */
    if (j == i + 1 && j < c->n && c->s[j] == '.' && is_upper(c, i)) {
        j++;
        while (j + 1 < c->n && c->s[j] >= 'A' && c->s[j] <= 'Z' && c->s[j + 1] == '.') j += 2;
    }
    /* possessive: 's or ’s */
    if (j >= i + 3 && (c->s[j - 1] == 's' || c->s[j - 1] == 'S')) {
        if (c->s[j - 2] == '\'') { *poss = 1; return j - 2; }
        if (j >= i + 5 && c->s[j - 4] == 0xE2 && c->s[j - 3] == 0x80 && c->s[j - 2] == 0x99) {
            *poss = 1;
            return j - 4;
        }
    }
    return j;
}

static int word_start_at(const ctx *c, size_t i)
{
    size_t len;
    unsigned char p;
    if (i == 0) return 1;
    p = c->s[i - 1];
    if (p < 0x80) return !(nc_ascii_cls[p] & C_WORD) && p != '\'' && p != '-';
    /* a multi-byte character before: back up to its lead byte */
    {
        size_t k = i - 1;
        while (k > 0 && (c->s[k] & 0xC0) == 0x80 && i - k < 4) k--;
        return !(cls(c, k, &len) & C_WORD);
    }
}

/* ---- context ------------------------------------------------------------- */

/* Is position a the start of a sentence or a line? */
static int initial(const ctx *c, size_t a)
{
    size_t p = a;
    while (p > 0) {
        unsigned char b = c->s[p - 1];
        if (b == ' ' || b == '\t') { p--; continue; }
        if (b == '.' && p >= 2 && nc_is_alpha(c->s[p - 2])) {
            /* "Mr. Smith", "Gen. Hassan": a title's full stop ends no sentence */
            size_t q = p - 1;
            while (q > 0 && p - 1 - q < 6 && nc_is_alpha(c->s[q - 1])) q--;
            if (lexw(c, q, p - 1) & NC_W_TITLE) return 0;
            return 1;
        }
        if (b == '\n' || b == '\r' || b == '.' || b == '!' || b == '?' || b == ':' || b == '"' ||
            b == '\'' || b == ';' || b == '(' || b == '[')
            return 1;
        /* curly quotes and dashes: E2 80 98/99/9C/9D, E2 80 93/94 */
        if (p >= 3 && c->s[p - 3] == 0xE2 && c->s[p - 2] == 0x80 &&
            (b == 0x98 || b == 0x99 || b == 0x9C || b == 0x9D || b == 0x93 || b == 0x94))
            return 1;
        return 0;
    }
    return 1;
}

/* Does the line holding position a read as a headline or a tag line? Calls
 * come in text order, so each line is scanned once. */
static int headline(ctx *c, size_t a)
{
    size_t ls, le, lo, i, words = 0, caps = 0;
    if (a >= c->ls && a < c->le) return c->lhl;
    lo = a >= c->le ? c->le : 0;
    ls = a;
    while (ls > lo && c->s[ls - 1] != '\n') ls--;
    {
        const unsigned char *nl = memchr(c->s + a, '\n', c->n - a);
        le = nl ? (size_t)(nl - c->s) : c->n;
    }
    c->ls = ls;
    c->le = le;
    c->lhl = 0;
    if (le - ls >= 300) return 0;
    i = ls;
    while (i < le) {
        size_t j = i;
        while (j < le && nc_is_alpha(c->s[j])) j++;
        if (j - i >= 4) { words++; if (c->s[i] <= 'Z') caps++; }
        i = j > i ? j : i + 1;
    }
    if (words >= 3 && caps * 4 >= words * 3) {
        size_t e = le;
        while (e > ls && (c->s[e - 1] == ' ' || c->s[e - 1] == '\r' || c->s[e - 1] == '\t')) e--;
        c->lhl = !(e > ls && (c->s[e - 1] == '.' || c->s[e - 1] == '!' || c->s[e - 1] == '?'));
    }
    return c->lhl;
}

/* The word just before position a (over spaces): its bounds in [*wa, *wb);
 * returns 0 when there is none. */
static int word_before(const ctx *c, size_t a, size_t *wa, size_t *wb)
{
    size_t p = a, e;
    while (p > 0 && c->s[p - 1] == ' ') p--;
    e = p;
    while (p > 0 && e - p <= LEXMAX && (nc_is_alpha(c->s[p - 1]) || c->s[p - 1] == '-' || c->s[p - 1] == '.')) p--;
    if (e == p || e - p > LEXMAX) return 0;
    if (e > p && c->s[e - 1] == '.') e--;
    if (e == p) return 0;
    *wa = p;
    *wb = e;
    return 1;
}

/* Lexicon bits of the word after position b (over spaces and one comma);
 * *comma: the text goes on with ", ". *is_det: that word is "the" or "a". */
static unsigned word_after(const ctx *c, size_t b, int *comma, int *is_det, size_t *next)
{
    size_t p = b, q;
    *comma = b + 1 < c->n && c->s[b] == ',' && c->s[b + 1] == ' ';
    *is_det = 0;
    while (p < c->n && (c->s[p] == ' ' || c->s[p] == ',')) p++;
    q = p;
    while (q < c->n && q - p <= LEXMAX && (nc_is_alpha(c->s[q]) || c->s[q] == '\'')) q++;
    if (q == p || q - p > LEXMAX) return 0;
    *is_det = (q - p == 3 && (c->s[p] | 32) == 't' && (c->s[p + 1] | 32) == 'h' && (c->s[p + 2] | 32) == 'e') ||
              (q - p == 1 && (c->s[p] | 32) == 'a');
    if (next) *next = q;
    return lexw(c, p, q);
}

/* Is there a cue verb after b, perhaps past one adverb ("Gorbachev also proposed")? */
static int cue_after(const ctx *c, size_t b)
{
    int comma, det;
    size_t q = b;
    unsigned w;
    if (b < c->n && c->s[b] == ',') return 0;
    w = word_after(c, b, &comma, &det, &q);
    if (w & NC_W_CUE) return 1;
    if (w & NC_W_ADVERB) return (word_after(c, q, &comma, &det, NULL) & NC_W_CUE) != 0;
    return 0;
}

/* ---- surnames: name key of a last name -> the full-name mention ---------- */

/* Token key of the last token of [a, b) into key (room for 4 * NC_GAZ_MAXKEY
 * + 4 bytes); 0 when the token has under 3 or over NC_GAZ_MAXKEY bytes. */
static size_t last_key(const ctx *c, size_t a, size_t b, unsigned char *key)
{
    size_t t = b;
    while (t > a && c->s[t - 1] != ' ' && c->s[t - 1] != '-') t--;
    if (b - t < 3 || b - t > NC_GAZ_MAXKEY) return 0;
    return nc_token_key(c->s + t, b - t, key);
}

/* Hash of a token key: of its name key when fold (and the key has five bytes
 * or more: short names fold into each other, Aoun ~ Ain), of the key itself
 * otherwise; the two kinds never collide by design (seeds). 0: no key. */
static uint64_t key_hash(const unsigned char *key, size_t kn, int fold)
{
    unsigned char nk[4 * NC_GAZ_MAXKEY + 5];
    const unsigned char *k = key;
    uint64_t h = 1469598103934665603ull;
    size_t i;
    if (kn == 0) return 0;
    if (fold && kn >= 5) {
        kn = nc_name_key(key, kn, nk);
        k = nk;
        h ^= 0x9E3779B97F4A7C15ull;
    }
    for (i = 0; i < kn; i++) { h ^= k[i]; h *= 1099511628211ull; }
    return h ? h : 1;
}

static uint64_t name_hash(const ctx *c, size_t a, size_t b, int fold)
{
    unsigned char key[4 * NC_GAZ_MAXKEY + 4];
    return key_hash(key, last_key(c, a, b, key), fold);
}

static int32_t surname_get(const ctx *c, uint64_t k)
{
    size_t i, mask;
    if (!k || !c->scap) return -1;
    mask = c->scap - 1;
    for (i = (size_t)k & mask; c->sk[i]; i = (i + 1) & mask)
        if (c->sk[i] == k) return c->sv[i];
    return -1;
}

static void surname_put(ctx *c, uint64_t k, int32_t v)
{
    size_t i, mask;
    if (!k || c->err) return;
    if ((c->scount + 1) * 2 > c->scap) {
        size_t ncap = c->scap ? c->scap * 2 : 64, j;
        uint64_t *nk = calloc(ncap, sizeof *nk);
        int32_t *nv = calloc(ncap, sizeof *nv);
        if (!nk || !nv) { free(nk); free(nv); c->err = NC_ENOMEM; return; }
        for (j = 0; j < c->scap; j++) {
            if (c->sk[j]) {
                size_t q = (size_t)c->sk[j] & (ncap - 1);
                while (nk[q]) q = (q + 1) & (ncap - 1);
                nk[q] = c->sk[j];
                nv[q] = c->sv[j];
            }
        }
        free(c->sk);
        free(c->sv);
        c->sk = nk;
        c->sv = nv;
        c->scap = ncap;
    }
    mask = c->scap - 1;
    for (i = (size_t)k & mask; c->sk[i]; i = (i + 1) & mask)
        if (c->sk[i] == k) return;            /* the first full name wins */
    c->sk[i] = k;
    c->sv[i] = v;
    c->scount++;
}

/* ---- output -------------------------------------------------------------- */

static int32_t push(ctx *c, size_t a, size_t b, unsigned type, unsigned src, int32_t ref)
{
    nc_ents *o = c->out;
    if (c->err) return -1;
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 64;
        nc_ent *v = realloc(o->v, cap * sizeof *v);
        if (!v) { c->err = NC_ENOMEM; return -1; }
        o->v = v;
        o->cap = cap;
    }
    o->v[o->n].start = (uint32_t)a;
    o->v[o->n].end = (uint32_t)b;
    o->v[o->n].type = (uint8_t)type;
    o->v[o->n].source = (uint8_t)src;
    o->v[o->n].ref = ref;
    return (int32_t)o->n++;
}

static void push_resolved(ctx *c, size_t a, size_t b, int32_t to)
{
    push(c, a, b, c->out->v[to].type, NC_SRC_RESOLVED, to);
}

/* A full person name: remember its last name for later short forms. */
static void remember(ctx *c, int32_t idx)
{
    unsigned char key[4 * NC_GAZ_MAXKEY + 4];
    size_t kn;
    if (idx < 0) return;
    kn = last_key(c, c->out->v[idx].start, c->out->v[idx].end, key);
    surname_put(c, key_hash(key, kn, 0), idx);
    surname_put(c, key_hash(key, kn, 1), idx);
}

static int acronym(const ctx *c, const el *e)
{
    size_t i;
    if (e->b - e->a < 2) return 0;
    for (i = e->a; i < e->b; i++)
        if (!(c->s[i] >= 'A' && c->s[i] <= 'Z')) return 0;
    return 1;
}

static void emit_hit(ctx *c, const el *e, const el *next)
{
    const nc_gaz_hit *h = &c->h[e->hit];
    unsigned ty = e->ecls & NC_ENT_TYPE;
    int32_t idx;
    if (!e->multi) {
        /* one token through the name key: not a short one ("Ain" ~ Aoun)
         * nor a dictionary word */
        if (ty == NC_ENT_PERSON && (h->how & NC_GAZ_TRANSLIT)) {
            size_t t = e->b;
            while (t > e->a && c->s[t - 1] != ' ' && c->s[t - 1] != '-') t--;
            if (e->b - t < 5 || (e->w & (NC_W_ENGLISH | NC_W_COMMON))) return;
        }
        /* "March", "Nice", "Police" opening a sentence or in a headline; not
         * an acronym opening a sentence ("WHO said") */
        if ((e->w & (NC_W_COMMON | NC_W_MONTH)) && ((initial(c, e->a) && !acronym(c, e)) || headline(c, e->a)))
            return;
        /* "Victoria Nuland": a first name before a capitalised word */
        if ((e->w & NC_W_FIRST) && ty != NC_ENT_PERSON && next && !next->conn) return;
        if (ty == NC_ENT_PLACE && (e->ecls & (NC_ENT_MINOR | NC_ENT_CITY))) {
            /* "Savage" after "Dan Savage": the person, not the town */
            int32_t p = c->scount ? surname_get(c, name_hash(c, e->a, e->b, 0)) : -1;
            if (p >= 0) { push_resolved(c, e->a, e->b, p); return; }
        }
    }
    idx = push(c, e->a, e->b, ty, NC_SRC_GAZ, (int32_t)h->entry);
    if (ty == NC_ENT_PERSON && e->multi) remember(c, idx);
}

/* ---- decisions ----------------------------------------------------------- */

/* "NGO", "PYD", "TRTWORLD": a word in capitals (no name of a person) */
static int is_first(const ctx *c, const el *e, const el *next)
{
    /* a given name; one that is also a word ("Will", "Troy") opening a
     * sentence only before a surname that is no word ("Troy Patterson") */
    if (!(e->w & NC_W_FIRST) || (e->w & NC_W_COMPASS)) return 0;
    if (!((e->w & NC_W_COMMON) || ((e->w & NC_W_ENGLISH) && initial(c, e->a)))) return 1;
    if (!next || next->conn || (next->w & (NC_W_ENGLISH | NC_W_COMMON))) return 0;
    if (next->hit >= 0)
        return !next->multi && (next->ecls & NC_ENT_TYPE) == NC_ENT_PLACE && (next->ecls & NC_ENT_MINOR);
    return 1;
}

/* "Troy Patterson of Slate Magazine": a given name, then "of" (or another
 * organisation connector) before the rest, and no organisation word before
 * it. Returns the connector's index, or -1. */
static int person_of(const el *els, int k, int j)
{
    int q, first = 0;
    for (q = k; q < j; q++) {
        if (els[q].conn) {
            if (!(els[q].w & NC_W_CONNECT)) return first && q > k ? q : -1;
            continue;
        }
        if (els[q].w & (NC_W_ORG_START | NC_W_ORG_END | NC_W_PLACE_END)) return -1;
        if (els[q].w & NC_W_FIRST) first = 1;
    }
    return -1;
}

/* A run of words (no hits) els[k..j]; role: a title or role came before. */
static void decide_words(ctx *c, el *els, int k, int j, int role)
{
    int ntok = 0, q, init, hl, comma, det, plain;
    unsigned after, ty = 0, bw = 0, bw2 = 0;
    size_t wa, wb, a, b;
    el *first, *last;
    /* drop leading titles, sentence-initial common words, months */
    while (k <= j) {
        el *e = &els[k];
        if (e->conn || (e->w & NC_W_ORG_CONNECT)) {
            /* "Secretary of State": an office, not a title before a name */
            if (k > 0 && (els[k - 1].w & NC_W_TITLE)) role = 0;
            k++;
            continue;
        }
        if (e->w & NC_W_TITLE) { role = 1; k++; continue; }
        if (e->w & NC_W_MONTH) { k++; continue; }
        if (initial(c, e->a) && ((e->w & NC_W_COMMON) || ((e->w & NC_W_ENGLISH) && !(e->w & NC_W_FIRST)))) {
            /* ... unless it is a surname seen before, with a cue verb: "Jobs also said" */
            if (k == j && c->scount && cue_after(c, e->b) && surname_get(c, name_hash(c, e->a, e->b, 1)) >= 0) break;
            k++;
            continue;
        }
        if ((e->w & NC_W_COMMON) && k == j) { k++; continue; }
        break;
    }
    while (j >= k && (els[j].conn || (els[j].w & NC_W_MONTH))) j--;
    if (j < k) return;
    /* a person of an organisation or a place: "Troy Patterson of Slate Magazine" */
    q = person_of(els, k, j);
    if (q > 0) {
        decide_words(c, els, k, q - 1, role);
        decide_words(c, els, q + 1, j, 0);
        return;
    }
    /* a title inside the run starts another name: "Apple CEO Steve Jobs" */
    for (q = k + 1; q <= j; q++) {
        if (!els[q].conn && (els[q].w & NC_W_TITLE)) {
            decide_words(c, els, k, q - 1, role);
            decide_words(c, els, q, j, 1);
            return;
        }
    }
    for (q = k; q <= j; q++) if (!els[q].conn) ntok++;
    first = &els[k];
    last = &els[j];
    a = first->a;
    b = last->b;
    init = initial(c, a);
    hl = headline(c, a);
    if (word_before(c, a, &wa, &wb)) {
        bw = lexw(c, wa, wb);
        if (bw & NC_W_TITLE) role = 1;
        if (wb - wa == 2 && c->s[wa] == 'o' && c->s[wa + 1] == 'f' && word_before(c, wa, &wa, &wb))
            bw2 = lexw(c, wa, wb);
    }
    after = word_after(c, b, &comma, &det, NULL);
    if (last->poss) comma = 0, after = 0;
    /* things and events are not names of people, places or organisations */
    if (last->w & NC_W_NOTPERSON) return;
    if (hl) {
        if (ntok >= 2 && (is_first(c, first, &els[k + 1]) || role)) ty = NC_ENT_PERSON;
    } else if ((last->w & NC_W_ORG_END) && ntok >= 2) {
        ty = NC_ENT_ORG;
    } else if ((first->w & NC_W_ORG_START) && ntok >= 2) {
        ty = NC_ENT_ORG;
    } else if (((last->w & NC_W_PLACE_END) && ntok >= 2) || (bw2 & NC_W_PLACE_BEFORE) ||
               (ntok == 2 && (first->w & NC_W_COMPASS) && !(last->w & (NC_W_ENGLISH | NC_W_COMMON)))) {
        ty = NC_ENT_PLACE;
    } else if (ntok >= 2 && is_first(c, first, &els[k + 1])) {
        ty = NC_ENT_PERSON;
    } else if (ntok >= 2 && (role || cue_after(c, b) || (comma && (det || (after & NC_W_TITLE))))) {
        /* a title before, a cue verb or an apposition after: a person, if
         * the words are names rather than dictionary words */
        int words = 0;
        for (q = k; q <= j; q++)
            if (!els[q].conn && (((els[q].w & (NC_W_ENGLISH | NC_W_COMMON)) && !(els[q].w & NC_W_FIRST)) ||
                                 acronym(c, &els[q])))
                words++;
        if (words == 0 || (words == 1 && ntok >= 3)) ty = NC_ENT_PERSON;
    } else if (ntok >= 2 && ntok <= 3) {
        /* two or three capitalised words, none a dictionary word, no org or
         * place word: most often a person's name */
        plain = 1;
        for (q = k; q <= j && plain; q++) {
            const el *e = &els[q];
            if (e->conn) { if (!(e->w & NC_W_CONNECT)) plain = 0; continue; }
            if (e->b - e->a < 2 || (e->w & (NC_W_COMMON | NC_W_NOTPERSON)) || acronym(c, e)) plain = 0;
            else if ((e->w & NC_W_ENGLISH) && !(e->w & NC_W_FIRST)) plain = 0;
            else if (init && q == k && (e->w & NC_W_ENGLISH)) plain = 0;
            else {
                size_t i;
                for (i = e->a; i < e->b; i++) if (nc_is_digit(c->s[i])) { plain = 0; break; }
            }
        }
        if (plain) ty = NC_ENT_PERSON;
    }
    if (ty == NC_ENT_PERSON) {
        /* a name of people has no event words; "Jeff McBride Experience" */
        for (q = k; q <= j; q++) if (els[q].w & NC_W_NOTPERSON) return;
        while (ntok >= 3 && j > k && !els[j].conn && (els[j].w & NC_W_ENGLISH) && !(els[j].w & NC_W_FIRST)) {
            j--;
            ntok--;
            while (j > k && els[j].conn) j--;
        }
        b = els[j].b;
    }
    if (!ty && ntok == 1) {
        int32_t p;
        if (first->w & NC_W_MONTH) return;
        /* a surname seen in a full name before; a dictionary word opening a
         * sentence ("Brown bears") only before a cue verb */
        if (!init || !(first->w & (NC_W_COMMON | NC_W_ENGLISH)) || cue_after(c, b)) {
            p = c->scount ? surname_get(c, name_hash(c, a, b, 1)) : -1;
            if (p >= 0) { push_resolved(c, a, b, p); return; }
        }
        if (first->w & (NC_W_COMMON | NC_W_ORG_END | NC_W_ORG_START | NC_W_PLACE_END | NC_W_TITLE)) return;
        if (hl) return;
        if ((role && !init) ||
            (!(first->w & (NC_W_ENGLISH | NC_W_NOTPERSON)) && b - a >= 3 && cue_after(c, b)))
            ty = NC_ENT_PERSON;
    }
    if (!ty) return;
    if (ntok == 1 && (first->w & NC_W_COMMON)) return;
    {
        int32_t idx = push(c, a, b, ty, NC_SRC_DISCOVERED, -1);
        if (ty == NC_ENT_PERSON && ntok >= 2) remember(c, idx);
    }
}

/* A run as a whole: one organisation, place or person over hits and words,
 * or its hits one by one and the words between them on their own. */
static void decide(ctx *c, el *els, int m)
{
    int k = 0, j = m - 1, q, nhit = 0, nword = 0, role = 0;
    unsigned ty = 0;
    size_t wa, wb;
    if (m <= 0) return;
    if (!c->discover) {
        for (q = 0; q < m; q++) if (els[q].hit >= 0) emit_hit(c, &els[q], q + 1 < m ? &els[q + 1] : NULL);
        return;
    }
    if (word_before(c, els[0].a, &wa, &wb) && (lexw(c, wa, wb) & NC_W_TITLE)) role = 1;
    /* leading titles and sentence-initial common words are not part of a name */
    while (k <= j && els[k].hit < 0) {
        const el *e = &els[k];
        if (e->conn || (e->w & (NC_W_TITLE | NC_W_MONTH | NC_W_ORG_CONNECT)) ||
            (k == 0 && initial(c, e->a) && ((e->w & NC_W_COMMON) || ((e->w & NC_W_ENGLISH) && !(e->w & NC_W_FIRST))))) {
            if (e->w & NC_W_TITLE) role = 1;
            else if (e->conn && k > 0 && (els[k - 1].w & NC_W_TITLE)) role = 0;
            k++;
        } else break;
    }
    while (j >= k && (els[j].conn || (els[j].hit < 0 && (els[j].w & NC_W_MONTH)))) j--;
    for (q = k; q <= j; q++) {
        if (els[q].conn) continue;
        if (els[q].hit >= 0) nhit++; else nword++;
    }
    if (nhit > 0 && (nword > 0 || (nhit >= 2 && (els[k].w & NC_W_FIRST))) && !headline(c, els[k].a)) {
        const el *first = &els[k], *last = &els[j];
        int of_org = 0;
        for (q = k; q < j; q++)
            if (els[q].hit < 0 && !els[q].conn && (els[q].w & NC_W_ORG_START) && els[q + 1].conn) of_org = 1;
        q = person_of(els, k, j);
        if (q > 0) {
            /* the person, then the organisation or place: each on its own */
            decide(c, els, q);
            decide(c, els + q + 1, m - q - 1);
            return;
        }
        if (j == k + 1 && first->hit < 0 && (first->w & NC_W_COMPASS) && last->hit >= 0 && !last->multi &&
            (last->ecls & NC_ENT_TYPE) == NC_ENT_PLACE && !(last->ecls & NC_ENT_DEMONYM))
            ty = NC_ENT_PLACE;      /* "West Aleppo", "Northern Idlib" */
        else if (last->hit < 0 && (last->w & NC_W_ORG_END)) ty = NC_ENT_ORG;
        else if ((first->hit < 0 && (first->w & NC_W_ORG_START)) || of_org) ty = NC_ENT_ORG;
        else if (last->hit < 0 && (last->w & NC_W_PLACE_END)) ty = NC_ENT_PLACE;
        else if (of_org == 0) {
            /* a given name and then surnames, some of which are towns */
            const el *next = k < j ? &els[k + 1] : NULL;
            int ok = first->hit < 0 ? is_first(c, first, next)
                   : (!first->multi && (first->ecls & NC_ENT_TYPE) == NC_ENT_PLACE &&
                      !(first->ecls & NC_ENT_DEMONYM) && is_first(c, first, next));
            for (q = k + 1; q <= j && ok; q++) {
                const el *e = &els[q];
                if (e->conn) { if (!(e->w & NC_W_CONNECT)) ok = 0; continue; }
                if (e->w & (NC_W_NOTPERSON | NC_W_ORG_END | NC_W_PLACE_END | NC_W_TITLE)) ok = 0;
                else if (e->hit >= 0 && (e->multi || (e->ecls & NC_ENT_TYPE) != NC_ENT_PLACE ||
                                         !((e->ecls & NC_ENT_MINOR) ||
                                           ((e->ecls & NC_ENT_CITY) && (role || !((first->w & NC_W_COMMON) ||
                                                                            ((first->w & NC_W_ENGLISH) && initial(c, first->a))))))))
                    ok = 0;   /* a town; a city only after a given name that is no common word
                               * ("Michael Jackson", "Frank Messina"; not "Storm Raqqa") */
                else if (first->hit >= 0 && e->hit < 0 && (e->w & NC_W_ENGLISH)) ok = 0;
            }
            if (ok) ty = NC_ENT_PERSON;
        }
        if (ty) {
            int32_t idx = push(c, els[k].a, els[j].b, ty, NC_SRC_DISCOVERED, -1);
            if (ty == NC_ENT_PERSON) remember(c, idx);
            return;
        }
    }
    /* hits one by one; the words between them on their own */
    q = 0;
    while (q < m) {
        if (els[q].hit >= 0) {
            emit_hit(c, &els[q], q + 1 < m ? &els[q + 1] : NULL);
            q++;
        } else {
            int r = q;
            while (r + 1 < m && els[r + 1].hit < 0) r++;
            /* a connector next to a hit belongs to neither side */
            decide_words(c, els, q, r, q == 0 ? role : 0);
            q = r + 1;
        }
    }
}

/* ---- the scan ------------------------------------------------------------ */

/* Start of the next element at or after p: a hit (index in *hi) or a
 * capitalised word. Returns n when there is none. */
static size_t next_cap(const ctx *c, size_t p)
{
    while ((p = nc_next_capital(c->s, c->n, p)) < c->n) {
        unsigned char b = c->s[p];
        if (b >= 'A' && b <= 'Z') {
            if (word_start_at(c, p)) return p;
        } else if (b >= 0x80 && (b & 0xC0) != 0x80) {
            if (is_upper(c, p) && word_start_at(c, p)) return p;
        }
        p++;
    }
    return c->n;
}

static void fill_hit(ctx *c, el *e, size_t hi)
{
    const nc_gaz_hit *h = &c->h[hi];
    size_t i;
    e->a = h->start;
    e->b = h->end;
    e->hit = (int32_t)hi;
    e->conn = 0;
    e->poss = 0;
    e->ecls = h->entry < c->nclass ? c->eclass[h->entry] : 0;
    e->multi = 0;
    for (i = h->start; i < h->end; i++)
        if (c->s[i] == ' ' || c->s[i] == '-') { e->multi = 1; break; }
    e->w = e->multi ? 0 : (uint16_t)lexw(c, e->a, e->b);
}

/* "Syrias", "Assads": a possessive whose apostrophe was lost in scraping,
 * on a one-token name the gazetteer holds (no town: "Makos" is no Mako's).
 * The stem's match is appended to the hits; makes e that hit, returns 1. */
static int stem_hit(ctx *c, el *e, size_t a, size_t b)
{
    nc_gaz_hits *hs = c->hits;
    size_t n0 = hs->n, sb = b - 1;
    nc_gaz_hit *h;
    int rc = nc_gaz_match_in(c->g, (const char *)c->s + a, sb - a, hs, c->gs);
    c->h = hs->v;
    if (rc != NC_OK) { if (rc == NC_ENOMEM) c->err = rc; hs->n = n0; return 0; }
    if (hs->n != n0 + 1) { hs->n = n0; return 0; }
    h = &hs->v[n0];
    if (h->start != 0 || h->end != sb - a || (h->entry < c->nclass && (c->eclass[h->entry] & NC_ENT_MINOR))) {
        hs->n = n0;
        return 0;
    }
    h->start = (uint32_t)a;
    h->end = (uint32_t)sb;
    fill_hit(c, e, n0);
    e->poss = 1;
    return 1;
}

static void fill_word(ctx *c, el *e, size_t a)
{
    int poss;
    size_t b = word_end(c, a, &poss);
    e->a = (uint32_t)a;
    e->b = (uint32_t)b;
    e->hit = -1;
    e->conn = 0;
    e->poss = (uint8_t)poss;
    e->ecls = 0;
    e->multi = 0;
    e->w = (uint16_t)lexw(c, a, b);
    if (!e->w) {
        /* "Coalition-backed", "US-led", "Oil-rich": an adjective, not a name */
        size_t h = b;
        while (h > a && c->s[h - 1] != '-') h--;
        if (h > a + 1 && h < b && c->s[h] >= 'a' && c->s[h] <= 'z' &&
            (lexw(c, h, b) & NC_W_ENGLISH) &&
            ((b - h >= 3 && c->s[b - 2] == 'e' && c->s[b - 1] == 'd') ||
             (b - h == 4 && !memcmp(c->s + h, "rich", 4))))
            e->w = NC_W_COMMON;
    }
    if (!poss && b - a >= 4 && c->s[b - 1] == 's' && c->s[b - 2] >= 'a' && c->s[b - 2] <= 'z' &&
        c->s[b - 2] != 's' && c->s[b - 2] != 'u' && !(e->w & (NC_W_ENGLISH | NC_W_COMMON | NC_W_FIRST)))
        stem_hit(c, e, a, b);
}

/* Does a name start at p: a hit, a capitalised word, or "al-X"? */
static int name_at(ctx *c, size_t p, size_t hi)
{
    if (p >= c->n) return 0;
    if (hi < c->nh && c->h[hi].start == p) return 1;
    if (is_upper(c, p)) return 1;
    return 0;
}

void nc_ents_work_free(nc_ents_work *w)
{
    if (!w) return;
    free(w->hits.v);
    nc_gaz_scratch_free(&w->gs);
    free(w->sk);
    free(w->sv);
    memset(w, 0, sizeof *w);
}

int nc_entities(const nc_gaz *g, const unsigned char *eclass, size_t nclass,
                const nc_wordset *lex, const char *s, size_t n, int discover, nc_ents *out)
{
    return nc_entities_in(g, eclass, nclass, lex, s, n, discover, out, NULL);
}

/* Surname tables over this size are not kept for the next text (clearing
 * them would cost more than a new one). */
#define KEEP_SURNAMES 4096
/* nor a hit buffer over this many hits (a very long text's) */
#define KEEP_HITS 65536

int nc_entities_in(const nc_gaz *g, const unsigned char *eclass, size_t nclass, const nc_wordset *lex,
                   const char *s, size_t n, int discover, nc_ents *out, nc_ents_work *work)
{
    ctx c;
    nc_ents_work local;
    el els[MAXEL];
    size_t p = 0, hi = 0;
    int rc;
    if (n >= UINT32_MAX) return NC_ETOOBIG;
    if (!work) {
        memset(&local, 0, sizeof local);
        work = &local;
    }
    memset(&c, 0, sizeof c);
    work->hits.n = 0;
    rc = nc_gaz_match_in(g, s, n, &work->hits, &work->gs);
    if (rc != NC_OK) { if (work == &local) nc_ents_work_free(work); return rc; }
    c.s = (const unsigned char *)s;
    c.n = n;
    c.sc.s = c.s;
    c.sc.n = n;
    c.h = work->hits.v;
    c.nh = work->hits.n;
    c.g = g;
    c.hits = &work->hits;
    c.gs = &work->gs;
    c.sk = work->sk;       /* all zero (empty) between calls */
    c.sv = work->sv;
    c.scap = work->scap;
    c.eclass = eclass;
    c.nclass = nclass;
    c.lex = lex;
    c.discover = discover;
    c.out = out;
    while (p < n && !c.err) {
        size_t t;
        int m = 0;
        while (hi < c.nh && c.h[hi].start < p) hi++;
        t = discover ? next_cap(&c, p) : n;
        if (hi < c.nh && c.h[hi].start <= t) { fill_hit(&c, &els[0], hi); hi++; }
        else if (t < n) fill_word(&c, &els[0], t);
        else break;
        m = 1;
        p = els[0].b;
        /* extend: single spaces, capitalised words, hits, connectors */
        while (m < MAXEL - 1 && !els[m - 1].poss && p + 1 < n && c.s[p] == ' ') {
            size_t q = p + 1;
            while (hi < c.nh && c.h[hi].start < q) hi++;
            if (hi < c.nh && c.h[hi].start == q) {
                fill_hit(&c, &els[m++], hi++);
                p = els[m - 1].b;
            } else if (discover && is_upper(&c, q)) {
                fill_word(&c, &els[m++], q);
                if (els[m - 1].b == q) { m--; break; }
                p = els[m - 1].b;
            } else if (discover && nc_is_alpha(c.s[q])) {
                /* a lower-case connector between two names: "bin", "of", "al-" */
                size_t e = q;
                unsigned w;
                while (e < n && nc_is_alpha(c.s[e])) e++;
                if (e - q > CONNMAX) break;
                w = lexw(&c, q, e);
                if (!(w & (NC_W_CONNECT | NC_W_ORG_CONNECT))) break;
                if (e < n && c.s[e] == '-' && (w & NC_W_CONNECT) && e + 1 < n && is_upper(&c, e + 1)) {
                    /* "al-Ahmad": the particle and the name as one word */
                    fill_word(&c, &els[m], q);
                    els[m].w = (uint16_t)lexw(&c, e + 1, els[m].b);
                    m++;
                    p = els[m - 1].b;
                    continue;
                }
                while (hi < c.nh && c.h[hi].start < e + 1) hi++;
                if (e + 1 >= n || c.s[e] != ' ' || !name_at(&c, e + 1, hi)) break;
                els[m].a = (uint32_t)q;
                els[m].b = (uint32_t)e;
                els[m].hit = -1;
                els[m].w = (uint16_t)w;
                els[m].conn = 1;
                els[m].ecls = 0;
                els[m].multi = 0;
                els[m].poss = 0;
                m++;
                p = e;
            } else {
                break;
            }
        }
        decide(&c, els, m);
        if (p <= els[0].a) p = els[0].a + 1;
    }
    if (c.scount && c.scap <= KEEP_SURNAMES) {
        memset(c.sk, 0, c.scap * sizeof *c.sk);
    } else if (c.scount) {
        free(c.sk);
        free(c.sv);
        c.sk = NULL;
        c.sv = NULL;
        c.scap = 0;
    }
    work->sk = c.sk;
    work->sv = c.sv;
    work->scap = c.scap;
    if (work->hits.cap > KEEP_HITS) {
        free(work->hits.v);
        work->hits.v = NULL;
        work->hits.cap = 0;
    }
    work->hits.n = 0;
    if (work == &local) nc_ents_work_free(work);
    return c.err;
}
