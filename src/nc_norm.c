#include "nc_norm.h"
#include "nc_utf8.h"
#include "nc_forms.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* A segment is one character plus the characters that may combine with it;
 * longer runs of combining marks are cut (stream-safe, UAX #15 section 13),
 * which bounds the scratch buffer whatever the input. */
#define SEG_MAX_CHARS 32
#define SEG_BUF 512   /* code points; enough for 32 fully decomposed chars */

typedef struct builder {
    nc_norm *nm;
    unsigned flags;
    utf8proc_option_t opts;
    int32_t buf[SEG_BUF];      /* decomposition scratch */
} builder;

/* Ensure room for `more` output bytes plus the NUL. Returns NC_OK or NC_ENOMEM. */
static int reserve(nc_norm *nm, size_t more)
{
    size_t need = nm->len + more + 1, cap;
    char *p;
    if (need <= nm->cap) return NC_OK;
    cap = nm->cap ? nm->cap : 64;
    while (cap < need) cap *= 2;
    p = realloc(nm->text, cap);
    if (!p) return NC_ENOMEM;
    nm->text = p;
    nm->cap = cap;
    return NC_OK;
}

/* Record that output [nm->len - outlen, nm->len) came from original
 * [orig, orig + olen). Extends the last run when both are exact and adjacent. */
static int add_run(nc_norm *nm, size_t outlen, size_t orig, size_t olen, int exact)
{
    nc_norm_run *r;
    size_t norm = nm->len - outlen;
    if (outlen == 0 || nm->nomap) return NC_OK;  /* dropped characters map nowhere */
    if (nm->nruns) {
        r = &nm->runs[nm->nruns - 1];
        if (exact && r->exact && r->oend == orig) {
            r->oend = (uint32_t)(orig + olen);
            return NC_OK;
        }
    }
    if (nm->nruns == nm->runcap) {
        nc_norm_run *p = nc_grow(nm->runs, &nm->runcap, sizeof *p, 16);
        if (!p) return NC_ENOMEM;
        nm->runs = p;
    }
    r = &nm->runs[nm->nruns++];
    r->norm = (uint32_t)norm;
    r->orig = (uint32_t)orig;
    r->oend = (uint32_t)(orig + olen);
    r->exact = (uint32_t)(exact != 0);
    return NC_OK;
}

/* Typographic unification for the KEY form, applied to each code point
 * before decomposition (utf8proc custom function). */
static utf8proc_int32_t unify(utf8proc_int32_t c, void *data)
{
    (void)data;
    switch (c) {
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
    case 0x02BC: case 0x00B4: case 0x0060:
        return '\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
    case 0x00AB: case 0x00BB:
        return '"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
    case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
        return '-';
    default:
        return c;
    }
}

/* True when code point c may combine with the character before it, so it
 * must stay in that character's segment. */
static int continues_segment(int32_t c)
{
    const utf8proc_property_t *p;
    if (c < 0x300) return 0;
    if (c >= 0x1160 && c <= 0x11FF) return 1;    /* Hangul medial/final jamo */
    p = utf8proc_get_property(c);
    if (p->combining_class != 0) return 1;
    return p->category == UTF8PROC_CATEGORY_MN || p->category == UTF8PROC_CATEGORY_MC ||
           p->category == UTF8PROC_CATEGORY_ME;
}

/* Normalise the valid segment s[0..n-1] and append it; it came from the
 * original bytes [orig, orig + olen) (nchars characters; 0 when it is not a
 * copy of them). Returns NC_OK or NC_ENOMEM. */
static int emit_segment(builder *b, const unsigned char *s, size_t n, size_t orig, size_t olen,
                        size_t nchars)
{
    nc_norm *nm = b->nm;
    utf8proc_ssize_t k, i;
    size_t before = nm->len;
    int rc, exact;

    k = utf8proc_decompose_custom(s, (utf8proc_ssize_t)n, b->buf, SEG_BUF, b->opts,
                                  (b->flags & NC_NORM_KEY) ? unify : NULL, NULL);
    if (k < 0 || k > SEG_BUF) {
        /* Cannot happen for valid input within SEG_MAX_CHARS; keep bytes as they are. */
        if ((rc = reserve(nm, n)) != NC_OK) return rc;
        memcpy(nm->text + nm->len, s, n);
        nm->len += n;
        return add_run(nm, n, orig, olen, 0);
    }
    k = utf8proc_normalize_utf32(b->buf, k, b->opts);
    if (k < 0) k = 0;
    if ((rc = reserve(nm, (size_t)k * 4)) != NC_OK) return rc;
    for (i = 0; i < k; i++)
        nm->len += (size_t)utf8proc_encode_char(b->buf[i], (utf8proc_uint8_t *)nm->text + nm->len);
    /* One character in, one character out, same length: bytes line up. */
    exact = nchars == 1 && k == 1 && nm->len - before == n && n == olen;
    return add_run(nm, nm->len - before, orig, olen, exact);
}

/* Mojibake at s[i] that the KEY form repairs: its length, or 0. A two-byte
 * character whose first half reads as a letter other than Â or Ã (the
 * Latin-1 range) is repaired only next to another repaired sequence: "Ð¿Ñ€"
 * becomes "пр", while "CAFÉ’S" (É then ’, which also reads as UTF-8) stays. */
static size_t repairable_mojibake(const unsigned char *s, size_t n, size_t i, size_t prev_end,
                                  int32_t *cp)
{
    size_t k = nc_mojibake(s + i, n - i, cp);
    int32_t c2;
    if (!k || *cp >= 0x800 || s[i + 1] <= 0x83 || prev_end == i) return k;
    return (i + k < n && nc_mojibake(s + i + k, n - i - k, &c2)) ? k : 0;
}

int nc_norm_build(nc_norm *out, const char *text, size_t n, unsigned flags)
{
    static const unsigned char fffd[3] = { 0xEF, 0xBF, 0xBD };
    const unsigned char *s = (const unsigned char *)text;
    builder bs, *b = &bs;        /* scratch on the stack: about 2 KB */
    size_t i = 0, moj_end = (size_t)-1;
    int rc = NC_OK;

    memset(out, 0, sizeof *out);
    if (flags & ~(NC_NORM_KEY | NC_NORM_NOACCENTS | NC_NORM_NOMAP)) return NC_EINVAL;
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!s && n) return NC_EINVAL;
    out->orig_len = n;
    out->nomap = (flags & NC_NORM_NOMAP) != 0;
    if ((rc = reserve(out, n)) != NC_OK) return rc;
    out->text[0] = '\0';
    b->nm = out;
    b->flags = flags;
    b->opts = (utf8proc_option_t)(UTF8PROC_STABLE | UTF8PROC_COMPOSE);
    if (flags & NC_NORM_KEY)
        b->opts = (utf8proc_option_t)(b->opts | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
    if (flags & NC_NORM_NOACCENTS)
        b->opts = (utf8proc_option_t)(b->opts | UTF8PROC_STRIPMARK);

    while (i < n && rc == NC_OK) {
        int32_t cp;
        size_t k, j, nchars;
        /* ASCII fast path: a byte not followed by a possible combining mark. */
        if (s[i] < 0x80 && (i + 1 == n || s[i + 1] < 0xCC)) {
            size_t start = i;
            if ((rc = reserve(out, 64)) != NC_OK) break;
            while (i < n && i - start < 64 && s[i] < 0x80 && (i + 1 == n || s[i + 1] < 0xCC)) {
                unsigned char c = s[i++];
                if ((flags & NC_NORM_KEY) && c >= 'A' && c <= 'Z') c = (unsigned char)(c + 32);
                else if ((flags & NC_NORM_KEY) && c == '`') c = '\'';
                else if ((flags & NC_NORM_KEY) && c == ' ' && nc_lost_clitic(s, n, i - 1)) c = '\'';
                out->text[out->len++] = (char)c;
            }
            rc = add_run(out, i - start, start, i - start, 1);
            continue;
        }
        if ((flags & NC_NORM_KEY) && s[i] == 0xC3 && (k = repairable_mojibake(s, n, i, moj_end, &cp))) {
            unsigned char u[4];
            out->mojibake++;
            rc = emit_segment(b, u, nc_utf8_encode(cp, u), i, k, 0);
            i = moj_end = i + k;
            continue;
        }
        k = nc_utf8_decode(s + i, n - i, &cp);
        if (cp == NC_UTF8_BAD) {
            out->repairs++;
            if ((rc = reserve(out, 3)) != NC_OK) break;
            memcpy(out->text + out->len, fffd, 3);
            out->len += 3;
            rc = add_run(out, 3, i, k, 0);
            i += k;
            continue;
        }
        /* Gather the segment: this character and what may combine with it. */
        j = i + k;
        nchars = 1;
        while (j < n && nchars < SEG_MAX_CHARS) {
            int32_t c2;
            size_t k2 = nc_utf8_decode(s + j, n - j, &c2);
            if (c2 == NC_UTF8_BAD || !continues_segment(c2)) break;
            j += k2;
            nchars++;
        }
        rc = emit_segment(b, s + i, j - i, i, j - i, nchars);
        i = j;
    }
    if (rc == NC_OK) out->text[out->len] = '\0';
    return rc;
}

void nc_norm_free(nc_norm *nm)
{
    free(nm->text);
    free(nm->runs);
    memset(nm, 0, sizeof *nm);
}

/* Index of the run containing output byte p (runs sorted by norm). */
static size_t find_run(const nc_norm *nm, size_t p)
{
    size_t lo = 0, hi = nm->nruns;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (nm->runs[mid].norm <= p) lo = mid; else hi = mid;
    }
    return lo;
}

void nc_norm_map(const nc_norm *nm, size_t a, size_t b, size_t *os, size_t *oe)
{
    const nc_norm_run *r;
    if (!nm->nruns || a >= b) { *os = *oe = 0; return; }
    r = &nm->runs[find_run(nm, a)];
    *os = r->exact ? r->orig + (a - r->norm) : r->orig;
    r = &nm->runs[find_run(nm, b - 1)];
    *oe = r->exact ? r->orig + (b - r->norm) : r->oend;
}
