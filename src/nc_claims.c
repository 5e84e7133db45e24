#include "nc_claims.h"
#include <string.h>

#define WINDOW 10          /* words each side */
#define MAX_BEFORE 128     /* the words a 90-byte window can hold, and more */

static int word_byte(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '\'' || c >= 0x80;
}

static int is_space(unsigned char c) { return c == ' ' || (c >= 9 && c <= 13); }

/* w[0..n) is lit, ASCII case ignored (lit is lower case) */
static int is(const char *w, size_t n, const char *lit)
{
    size_t i;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)w[i];
        if (!lit[i] || (c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)lit[i]) return 0;
    }
    return lit[n] == 0;
}

static unsigned lookup(const nc_wordset *lex, const char *w, size_t n)
{
    return n <= NC_WORD_MAX ? nc_wordset_get(lex, w, n) : 0;
}

/* the cue a word's value gives: kind (0 none) and score */
static unsigned cue(unsigned v, int share, unsigned *score)
{
    if (NC_CK_KIND(v)) { *score = NC_CK_SCORE(v); return NC_CK_KIND(v); }
    if (share && NC_CK_SHARE_KIND(v)) { *score = NC_CK_SHARE_SCORE(v); return NC_CK_SHARE_KIND(v); }
    return 0;
}

int nc_claim_kind(const char *text, size_t lo, size_t a, size_t b, size_t hi, int share,
                  const nc_wordset *lex, unsigned kind_population, int *part)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t ws[MAX_BEFORE], we[MAX_BEFORE], n = 0, p, e, i;
    int best = 0, score = 0, possessive = 0, prev_of = 0, d;
    *part = 0;
    /* the words before, in order (the last MAX_BEFORE of them) */
    for (p = lo; p < a;) {
        while (p < a && !word_byte(s[p])) p++;
        if (p >= a) break;
        e = p;
        while (e < a && word_byte(s[e])) e++;
        if (n == MAX_BEFORE) {
            memmove(ws, ws + 1, (MAX_BEFORE - 1) * sizeof *ws);
            memmove(we, we + 1, (MAX_BEFORE - 1) * sizeof *we);
            n--;
        }
        ws[n] = p;
        we[n] = e;
        n++;
        p = e;
    }
    /* "a city of": the population of a place */
    if (!share && n >= 2 && is(text + ws[n - 1], we[n - 1] - ws[n - 1], "of") &&
        (lookup(lex, text + ws[n - 2], we[n - 2] - ws[n - 2]) & NC_CK_PLACE)) {
        best = (int)kind_population;
        score = 11;
    }
    for (i = n; i-- > 0;) {
        const char *w = text + ws[i];
        size_t len = we[i] - ws[i];
        unsigned sc = 0, k;
        d = (int)(n - 1 - i);
        if (d >= WINDOW) break;
        k = cue(lookup(lex, w, len), share, &sc);
        if (k && (int)sc - d > score) { best = (int)k; score = (int)sc - d; }
        if (d <= 2 && is(w, len, "home") && 10 - d > score) { best = (int)kind_population; score = 10 - d; }
        if (d <= 1 && (is(w, len, "including") || is(w, len, "includes") || is(w, len, "included"))) *part = 2;
    }
    /* "Syria's 23 million people": before ends in 's (or ’s) and blanks */
    if (n > 0) {
        p = a;
        while (p > lo && is_space(s[p - 1])) p--;
        possessive = p - lo >= 2 && (s[p - 1] == 's' || s[p - 1] == 'S') &&
                     (s[p - 2] == '\'' || s[p - 2] == 0xE2 || s[p - 2] == 0x80 || s[p - 2] == 0x99);
    }
    d = 0;
    for (p = b; p < hi && d < WINDOW;) {
        const char *w;
        size_t len;
        unsigned sc = 0, k, v;
        while (p < hi && !word_byte(s[p])) p++;
        if (p >= hi) break;
        e = p;
        while (e < hi && word_byte(s[e])) e++;
        w = text + p;
        len = e - p;
        v = lookup(lex, w, len);
        k = cue(v, share, &sc);
        if (k && (int)sc - d > score) { best = (int)k; score = (int)sc - d; }
        if (d == 0 && possessive && 11 > score && (is(w, len, "people") || is(w, len, "inhabitants") ||
                                                   is(w, len, "residents") || is(w, len, "citizens"))) {
            best = (int)kind_population;
            score = 11;
        }
        if (d <= 3 && is(w, len, "among")) *part = 1;
        if (d == 1 && prev_of && (v & NC_CK_OF_PART) && !share) *part = 1;
        prev_of = d == 0 && is(w, len, "of");
        d++;
        p = e;
    }
    return best;
}
