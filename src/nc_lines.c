#include "nc_lines.h"
#include "nc_forms.h"   /* nc_eq_lower */
#include "nc_norm.h"
#include <stdlib.h>
#include <string.h>

#define HASH_MUL UINT64_C(0x9E3779B97F4A7C15)
#define HASH_MASK ((UINT64_C(1) << 52) - 1)

static int is_blank(unsigned c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

/* The key bytes of a line are hashed eight at a time: a byte-at-a-time
 * FNV chain costs a multiplication per byte, this one per eight. */
typedef struct khash {
    uint64_t h, acc;
    unsigned nacc;
    uint64_t len;
} khash;

static void kh_init(khash *k) { k->h = UINT64_C(0x243F6A8885A308D3); k->acc = 0; k->nacc = 0; k->len = 0; }

static void kh_byte(khash *k, unsigned c)
{
    k->acc |= (uint64_t)c << (8 * k->nacc);
    if (++k->nacc == 8) {
        k->h = (k->h ^ k->acc) * HASH_MUL;
        k->h ^= k->h >> 32;
        k->acc = 0;
        k->nacc = 0;
        k->len += 8;
    }
}

static uint64_t kh_end(khash *k)
{
    uint64_t h = k->h;
    h = (h ^ k->acc ^ ((k->len + k->nacc) << 56)) * HASH_MUL;
    h ^= h >> 29;
    h *= HASH_MUL;
    h ^= h >> 32;
    return h & HASH_MASK;
}

/* The hashed form of a key text: ASCII letters in lower case; blanks (bytes
 * <= 0x20), apostrophes and backticks as a space; runs of spaces as one; the
 * ends trimmed. Apostrophes count as spaces so that "Russia's", "Russia s"
 * (its apostrophe lost) and "Russia’s" hash alike. */
static unsigned hashed_byte(unsigned c)
{
    if (c <= 0x20 || c == '\'' || c == '`') return ' ';
    if (c >= 'A' && c <= 'Z') return c + 32;
    return c;
}

/* Hash of s[a..b), one byte at a time. */
static uint64_t hash_bytes(const unsigned char *s, size_t a, size_t b)
{
    khash k;
    size_t i;
    int space = 0, any = 0;
    kh_init(&k);
    for (i = a; i < b; i++) {
        unsigned c = hashed_byte(s[i]);
        if (c == ' ') { space = any; continue; }
        if (space) { kh_byte(&k, ' '); space = 0; }
        kh_byte(&k, c);
        any = 1;
    }
    return kh_end(&k);
}

uint64_t nc_key_hash(const unsigned char *s, size_t n)
{
    return hash_bytes(s, 0, n);
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGH UINT64_C(0x8080808080808080)

/* High bit of each byte of ASCII w that is >= v (no carries between bytes). */
static uint64_t ge(uint64_t w, unsigned v) { return ((w & ~HIGH) + (0x80 - v) * ONES) & HIGH; }
/* High bit of each byte of ASCII w equal to v. */
static uint64_t eq(uint64_t w, unsigned v)
{
    uint64_t x = w ^ (v * ONES);
    return ~(((x & ~HIGH) + ~HIGH) | x) & HIGH;
}

uint64_t nc_ascii_key_hash(const unsigned char *s, size_t a, size_t b)
{
    khash k;
    size_t i = a;
    uint64_t prev = 0;
    /* an apostrophe at either end would be trimmed: the byte path does that */
    if (s[a] == '\'' || s[a] == '`' || s[b - 1] == '\'' || s[b - 1] == '`') return hash_bytes(s, a, b);
    kh_init(&k);
    /* eight bytes at a time while no run of spaces needs collapsing */
    for (; i + 8 <= b; i += 8) {
        uint64_t w, sp, up, full;
        memcpy(&w, s + i, 8);
        sp = ~ge(w, 0x21) & HIGH;                         /* blanks and controls */
        sp |= eq(w, '\'') | eq(w, '`');
        if ((sp & (sp << 8)) || (prev && (sp & 0x80))) return hash_bytes(s, a, b);
        prev = sp >> 63;
        up = ge(w, 'A') & ~ge(w, 'Z' + 1);
        w += up >> 2;                                     /* + 0x20: lower case */
        full = (sp >> 7) * 0xFF;
        w = (w & ~full) | (full & (' ' * ONES));
        k.h = (k.h ^ w) * HASH_MUL;                       /* as eight kh_byte calls */
        k.h ^= k.h >> 32;
        k.len += 8;
    }
    for (; i < b; i++) {
        unsigned c = hashed_byte(s[i]);
        if (c == ' ' && prev) return hash_bytes(s, a, b);
        prev = c == ' ';
        kh_byte(&k, c);
    }
    return kh_end(&k);
}

/* Words that a tag cloud never contains: it has no sentence structure. */
static int function_word(const unsigned char *w, size_t n)
{
    static const char *const words[] = {
        "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "and", "or", "but", "by",
        "from", "as", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
        "would", "said", "says", "after", "over", "into", "than", "that", "this", "which", "who",
        "not", "its", "their", "his", "her", "he", "she", "they", "we", "it", NULL
    };
    size_t k;
    if (n > 5) return 0;
    for (k = 0; words[k]; k++)
        if (nc_eq_lower(w, n, words[k])) return 1;
    return 0;
}

/* Features of the trimmed line s[a..b): word count, tag-cloud and byline shapes. */
static void shape(const unsigned char *s, size_t a, size_t b, nc_line *l)
{
    size_t i = a, len = b - a;
    int tags = 1, words = 0;
    if (len > 200) {                   /* too long for a tag cloud or a byline */
        l->info |= NC_LINE_LONG;
        return;
    }
    while (i < b) {
        size_t w = i;
        unsigned c0 = s[i];
        while (i < b && !is_blank(s[i])) {
            unsigned c = s[i];
            if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
                c == '"' || c == '\'' || c == '(' || c == ')')
                tags = 0;
            else if (c == 0xE2 && i + 2 < b && s[i + 1] == 0x80 &&
                     (s[i + 2] == 0x9C || s[i + 2] == 0x9D || s[i + 2] == 0x99 || s[i + 2] == 0x98))
                tags = 0;                                   /* curly quotes */
            i++;
        }
        words++;
        if (tags && !((c0 >= 'A' && c0 <= 'Z') || (c0 >= '0' && c0 <= '9') || c0 >= 0xC0)) tags = 0;
        if (tags && function_word(s + w, i - w)) tags = 0;
        while (i < b && is_blank(s[i])) i++;
    }
    if (tags && words >= 5) l->info |= NC_LINE_TAGS;
    if (len >= 60 || words >= 8) l->info |= NC_LINE_LONG;
    if (len <= 80 && len > 3 && (s[a] | 32) == 'b' && (s[a + 1] | 32) == 'y' && is_blank(s[a + 2])) {
        size_t j = a + 2;
        while (j < b && is_blank(s[j])) j++;
        if (j < b && s[j] >= 'A' && s[j] <= 'Z' && s[b - 1] != '.' && s[b - 1] != '!' && s[b - 1] != '?')
            l->info |= NC_LINE_BYLINE;
    }
}

/* Hash of the KEY form of s[a..b) for a line with non-ASCII bytes. */
static int wide_hash(const unsigned char *s, size_t a, size_t b, uint64_t *h)
{
    nc_norm nm;
    int rc = nc_norm_build(&nm, (const char *)s + a, b - a, NC_NORM_KEY | NC_NORM_NOMAP);
    if (rc == NC_OK) *h = nc_key_hash((const unsigned char *)nm.text, nm.len);
    nc_norm_free(&nm);
    return rc;
}

int nc_lines_build(nc_lines *out, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t pos = 0;
    int blank = 0;

    memset(out, 0, sizeof *out);
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!s && n) return NC_EINVAL;
    while (pos < n) {
        const unsigned char *nl = memchr(s + pos, '\n', n - pos);
        size_t e = nl ? (size_t)(nl - s) : n, a = pos, b = e, i;
        pos = e + 1;
        while (a < b && s[a] <= ' ') a++;
        while (b > a && s[b - 1] <= ' ') b--;
        if (a == b) { blank = out->n > 0; continue; }
        if (out->n == out->cap) {
            nc_line *p = nc_grow(out->v, &out->cap, sizeof *p, 32);
            if (!p) return NC_ENOMEM;
            out->v = p;
        }
        {
            nc_line *l = &out->v[out->n++];
            l->start = (uint32_t)a;
            l->end = (uint32_t)b;
            l->info = blank ? NC_LINE_BLANK : 0u;
            blank = 0;
            i = a;
            while (i + 8 <= b) {                 /* any byte >= 0x80, eight at a time */
                uint64_t w;
                memcpy(&w, s + i, 8);
                if (w & UINT64_C(0x8080808080808080)) break;
                i += 8;
            }
            while (i < b && s[i] < 0x80) i++;
            if (i < b) {
                int rc;
                l->info |= NC_LINE_WIDE;
                if ((rc = wide_hash(s, a, b, &l->hash)) != NC_OK) return rc;
            } else {
                l->hash = nc_ascii_key_hash(s, a, b);
            }
            shape(s, a, b, l);
        }
    }
    return NC_OK;
}

void nc_lines_free(nc_lines *l)
{
    free(l->v);
    memset(l, 0, sizeof *l);
}
