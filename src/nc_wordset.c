#include "nc_wordset.h"
#include <stdlib.h>
#include <string.h>

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

/* Lower-case w into out (n <= NC_WORD_MAX; out holds NC_WORD_MAX bytes, zero
 * after the key up to 8) and return its FNV-1a hash. */
static uint32_t fold(const char *w, size_t n, char *out)
{
    uint32_t h = 2166136261u;
    size_t i;
    memset(out, 0, 8);
    for (i = 0; i < n; i++) {
        unsigned char c = lower((unsigned char)w[i]);
        out[i] = (char)c;
        h ^= c;
        h *= 16777619u;
    }
    return h;
}

static int key_eq(const nc_wordset *ws, const nc_wordset_slot *sl, const char *k, size_t n, unsigned tag)
{
    uint64_t a, b;
    if (sl->len != n || sl->tag != tag) return 0;
    memcpy(&a, sl->pre, 8);   /* both zero-padded: one compare */
    memcpy(&b, k, 8);
    if (a != b) return 0;
    return n <= 8 || memcmp(ws->arena + sl->off + 8, k + 8, n - 8) == 0;
}

void nc_wordset_init(nc_wordset *ws) { memset(ws, 0, sizeof *ws); }

/* The bit of seen[] for a key w[0..n) (n >= 1), ASCII case ignored. */
static inline unsigned seen_bit(const char *w, size_t n)
{
    uint32_t a = lower((unsigned char)w[0]), z = lower((unsigned char)w[n - 1]);
    return (unsigned)(((a * 0x9E3779B1u) ^ (z * 0x85EBCA77u) ^ ((uint32_t)n * 0xC2B2AE3Du)) * 0x27D4EB2Fu >> 20);
}

/* Slot for the folded key k (hash h): the one holding it, or the empty one
 * where it would go. */
static nc_wordset_slot *find(const nc_wordset *ws, const char *k, size_t n, uint32_t h)
{
    size_t mask = ws->nslots - 1, i = h & mask;
    unsigned tag = h >> 24;
    while (ws->slots[i].len && !key_eq(ws, &ws->slots[i], k, n, tag)) i = (i + 1) & mask;
    return &ws->slots[i];
}

static int grow(nc_wordset *ws)
{
    size_t ns = ws->nslots ? ws->nslots * 2 : 64, i;
    nc_wordset_slot *old = ws->slots, *p = calloc(ns, sizeof *p);
    size_t oldn = ws->nslots;
    char k[NC_WORD_MAX];
    if (!p) return NC_ENOMEM;
    ws->slots = p;
    ws->nslots = ns;
    for (i = 0; i < oldn; i++)
        if (old[i].len) {
            uint32_t h = fold(ws->arena + old[i].off, old[i].len, k);
            *find(ws, k, old[i].len, h) = old[i];
        }
    free(old);
    return NC_OK;
}

int nc_wordset_add(nc_wordset *ws, const char *w, size_t n, unsigned val)
{
    nc_wordset_slot *sl;
    char k[NC_WORD_MAX];
    uint32_t h;
    if (!w || n == 0 || n > NC_WORD_MAX || val == 0 || val > 0xFFFF) return NC_EINVAL;
    if ((ws->count + 1) * 2 >= ws->nslots && grow(ws) != NC_OK) return NC_ENOMEM;
    h = fold(w, n, k);
    sl = find(ws, k, n, h);
    if (sl->len) { sl->val = (uint16_t)(sl->val | val); return NC_OK; }
    if (ws->arena_len + n > ws->arena_cap) {
        size_t cap = ws->arena_cap ? ws->arena_cap * 2 : 1024;
        char *p;
        while (cap < ws->arena_len + n) cap *= 2;
        if (cap > UINT32_MAX || !(p = realloc(ws->arena, cap))) return NC_ENOMEM;
        ws->arena = p;
        ws->arena_cap = cap;
    }
    memcpy(ws->arena + ws->arena_len, k, n);
    memset(sl->pre, 0, sizeof sl->pre);
    memcpy(sl->pre, k, n < 8 ? n : 8);
    sl->off = (uint32_t)ws->arena_len;
    sl->len = (uint8_t)n;
    sl->val = (uint16_t)val;
    sl->tag = (uint8_t)(h >> 24);
    ws->arena_len += n;
    ws->count++;
    {
        unsigned bit = seen_bit(w, n);
        ws->seen[bit >> 6] |= (uint64_t)1 << (bit & 63);
    }
    return NC_OK;
}

int nc_wordset_add_lines(nc_wordset *ws, const char *s, size_t n, unsigned val, size_t *added)
{
    size_t p = 0, k = 0;
    if (added) *added = 0;
    if (!ws || (!s && n) || val == 0 || val > 0xFFFF) return NC_EINVAL;
    while (p < n) {
        const char *nl = memchr(s + p, '\n', n - p);
        size_t e = nl ? (size_t)(nl - s) : n, a = p, b;
        const char *tab = memchr(s + p, '\t', e - p);
        const char *hash = memchr(s + p, '#', e - p);
        b = tab ? (size_t)(tab - s) : e;
        if (hash && (size_t)(hash - s) < b) b = (size_t)(hash - s);
        while (a < b && (s[a] == ' ' || s[a] == '\r')) a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\r')) b--;
        if (b > a && b - a <= NC_WORD_MAX) {
            int rc = nc_wordset_add(ws, s + a, b - a, val);
            if (rc != NC_OK) return rc;
            k++;
        }
        p = e + 1;
    }
    if (added) *added = k;
    return NC_OK;
}

unsigned nc_wordset_get(const nc_wordset *ws, const char *w, size_t n)
{
    const nc_wordset_slot *sl;
    char k[NC_WORD_MAX];
    uint32_t h;
    unsigned bit;
    if (!ws || !ws->nslots || n == 0 || n > NC_WORD_MAX) return 0;
    bit = seen_bit(w, n);
    if (!(ws->seen[bit >> 6] >> (bit & 63) & 1)) return 0;
    h = fold(w, n, k);
    sl = find(ws, k, n, h);
    return sl->len ? sl->val : 0;
}

void nc_wordset_free(nc_wordset *ws)
{
    free(ws->arena);
    free(ws->slots);
    memset(ws, 0, sizeof *ws);
}
