#include "nc_claims.h"
#include "nc_chars.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 10          /* words each side */

/* 1 for a byte of a word in the windows the kind reads: an ASCII letter or
 * digit, ', or any byte >= 0x80 */
static const unsigned char WORD_BYTE[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
};
#define word_byte(c) (WORD_BYTE[(unsigned char)(c)])

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
    size_t ws[WINDOW], we[WINDOW], n = 0, p, e, i;
    int best = 0, score = 0, possessive = 0, prev_of = 0, d;
    *part = 0;
    /* the last WINDOW words before, nearest first (words: runs of word bytes
     * in [lo, a), the first cut at lo) */
    for (p = a; n < WINDOW;) {
        while (p > lo && !word_byte(s[p - 1])) p--;
        if (p <= lo) break;
        e = p;
        while (p > lo && word_byte(s[p - 1])) p--;
        ws[n] = p;
        we[n] = e;
        n++;
    }
    /* "a city of": the population of a place */
    if (!share && n >= 2 && is(text + ws[0], we[0] - ws[0], "of") &&
        (lookup(lex, text + ws[1], we[1] - ws[1]) & NC_CK_PLACE)) {
        best = (int)kind_population;
        score = 11;
    }
    for (i = 0; i < n; i++) {
        const char *w = text + ws[i];
        size_t len = we[i] - ws[i];
        unsigned sc = 0, k;
        d = (int)i;
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

/* ---- reading a figure --------------------------------------------------------- */

typedef struct { const char *w; double v; } wordval;

static const wordval SCALE[] = {
    { "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 }, { "trillion", 1e12 }, { "k", 1e3 },
    { "m", 1e6 }, { "mn", 1e6 }, { "b", 1e9 }, { "bn", 1e9 }, { "tn", 1e12 }, { "trn", 1e12 },
    { "hundred", 100 }, { "dozen", 12 }, { NULL, 0 }
};
static const wordval WORD[] = {
    { "a", 1 }, { "an", 1 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
    { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
    { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 }, { "sixteen", 16 },
    { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 }, { "twenty", 20 }, { "thirty", 30 },
    { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 },
    { NULL, 0 }
};
static const wordval VAGUE[] = {
    { "dozens", 12 }, { "scores", 20 }, { "tens", 10 }, { "hundreds", 100 }, { "thousands", 1e3 },
    { "millions", 1e6 }, { "billions", 1e9 }, { NULL, 0 }
};
static const wordval FRACTION[] = {
    { "half", 50 }, { "halves", 50 }, { "third", 100.0 / 3 }, { "thirds", 100.0 / 3 }, { "quarter", 25 },
    { "quarters", 25 }, { "fifth", 20 }, { "fifths", 20 }, { "tenth", 10 }, { "tenths", 10 }, { NULL, 0 }
};
static const struct { const char *w; double lo, hi; } FEW[] = {
    { "several", 3, 9 }, { "a few", 2, 9 }, { "a couple of", 2, 3 }, { "many", 2, 9.99 }, { NULL, 0, 0 }
};
static const struct { const char *w, *code; } CURRENCY[] = {
    { "$", "USD" }, { "us$", "USD" }, { "us $", "USD" }, { "a$", "AUD" }, { "c$", "CAD" }, { "hk$", "HKD" },
    { "\xE2\x82\xAC", "EUR" }, { "\xC2\xA3", "GBP" }, { "\xC2\xA5", "JPY" }, { "usd", "USD" }, { "eur", "EUR" },
    { "gbp", "GBP" }, { "chf", "CHF" }, { "jpy", "JPY" }, { "cny", "CNY" }, { NULL, NULL }
};
/* qualifiers, longest first, with the bound each puts on the figure */
#define Q(s, b) { s, sizeof s - 1, b }
static const struct { const char *q; size_t len; int bound; } QUAL[] = {
    Q("an approximate", NC_CL_ABOUT), Q("a approximate", NC_CL_ABOUT), Q("approximately", NC_CL_ABOUT),
    Q("no fewer than", NC_CL_LOW), Q("a maximum of", NC_CL_HIGH), Q("a minimum of", NC_CL_LOW),
    Q("greater than", NC_CL_LOW), Q("in excess of", NC_CL_LOW), Q("no less than", NC_CL_LOW),
    Q("no more than", NC_CL_HIGH), Q("an estimated", NC_CL_ABOUT), Q("as little as", NC_CL_LOW),
    Q("higher than", NC_CL_LOW), Q("more or less", NC_CL_ABOUT), Q("upwards of", NC_CL_LOW),
    Q("fewer than", NC_CL_HIGH), Q("lower than", NC_CL_HIGH), Q("well under", NC_CL_HIGH),
    Q("as many as", NC_CL_HIGH), Q("as much as", NC_CL_HIGH), Q("just under", NC_CL_BELOW),
    Q("more than", NC_CL_LOW), Q("as few as", NC_CL_LOW), Q("less than", NC_CL_HIGH),
    Q("estimated", NC_CL_ABOUT), Q("well over", NC_CL_LOW), Q("just over", NC_CL_LOW),
    Q("at least", NC_CL_LOW), Q("close to", NC_CL_BELOW), Q("possibly", NC_CL_ABOUT),
    Q("at most", NC_CL_HIGH), Q("approx.", NC_CL_ABOUT), Q("roughly", NC_CL_ABOUT), Q("perhaps", NC_CL_ABOUT),
    Q("nearly", NC_CL_BELOW), Q("almost", NC_CL_BELOW), Q("around", NC_CL_ABOUT), Q("above", NC_CL_LOW),
    Q("under", NC_CL_HIGH), Q("below", NC_CL_HIGH), Q("up to", NC_CL_HIGH), Q("about", NC_CL_ABOUT),
    Q("over", NC_CL_LOW), Q("some", NC_CL_ABOUT), { NULL, 0, 0 }
};
#undef Q

static int is_a(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_d(unsigned char c) { return c >= '0' && c <= '9'; }
static int is_w(unsigned char c) { return is_a(c) || is_d(c); }

static int eq(const unsigned char *w, size_t n, const char *lit) { return strlen(lit) == n && memcmp(w, lit, n) == 0; }

static const wordval *lookup_val(const wordval *list, const unsigned char *w, size_t n)
{
    for (; list->w; list++)
        if (eq(w, n, list->w)) return list;
    return NULL;
}

static double floor_(double x)
{
    long long i;
    if (x >= 4503599627370496.0 || x <= -4503599627370496.0) return x;   /* 2^52: integral already */
    i = (long long)x;
    return (double)i > x ? (double)(i - 1) : (double)i;
}

static double round1(double x) { return floor_(x * 10 + 0.5) / 10; }

/* The number of the digits d[0..n) (commas skipped, one '.'), as Lua's
 * tonumber reads it: exact for up to 15 digits, else strtod. */
static double number_of(const unsigned char *d, size_t n)
{
    char buf[400];
    double m = 0, p = 1;
    size_t i, nd = 0, o = 0;
    int frac = 0, point = 0;
    for (i = 0; i < n; i++) {
        if (d[i] == ',') continue;
        if (d[i] == '.') { point = 1; continue; }
        nd++;
        m = m * 10 + (d[i] - '0');
        if (point) frac++;
    }
    if (nd <= 15) {
        while (frac-- > 0) p *= 10;
        return m / p;
    }
    for (i = 0; i < n && o + 1 < sizeof buf; i++)
        if (d[i] != ',') buf[o++] = (char)d[i];
    buf[o] = 0;
    return strtod(buf, NULL);
}

/* "500,000", "3.5", then an optional scale ("million", "bn"): Lua's
 * match(s, "^([%d,]*%d%.?%d*)%s*(.*)$") and the scale word after it. Sets
 * *v and *rest (the rest of s after the figure, its blanks and its scale).
 * Returns 0 when s does not start with a number. */
static int digits(const unsigned char *s, size_t n, double *v, size_t *rest)
{
    size_t run = 0, k, e, r, w;
    const wordval *sc;
    while (run < n && (is_d(s[run]) || s[run] == ',')) run++;
    k = run;
    while (k > 0 && s[k - 1] == ',') k--;
    if (k == 0) return 0;
    e = k;
    if (e == run && e < n && s[e] == '.') {
        e++;
        while (e < n && is_d(s[e])) e++;
    }
    *v = number_of(s, e);
    r = e;
    while (r < n && s[r] == ' ') r++;
    w = r;
    while (w < n && is_a(s[w])) w++;
    if (w > r && (sc = lookup_val(SCALE, s + r, w - r)) != NULL && !eq(s + r, w - r, "hundred") &&
        !eq(s + r, w - r, "dozen")) {
        *v *= sc->v;
        r = w;
    }
    *rest = r;
    return 1;
}

/* spelled-out numbers: "four million", "twenty-five", "one hundred and fifty" */
static int words(const unsigned char *s, size_t n, double *v)
{
    double total = 0, cur = 0;
    int any = 0;
    size_t i = 0;
    while (i < n) {
        size_t j;
        const wordval *x;
        while (i < n && !is_a(s[i])) i++;
        if (i >= n) break;
        j = i;
        while (j < n && is_a(s[j])) j++;
        if ((x = lookup_val(WORD, s + i, j - i)) != NULL) { cur += x->v; any = 1; }
        else if (eq(s + i, j - i, "hundred") || eq(s + i, j - i, "dozen")) {
            cur = (cur == 0 ? 1 : cur) * lookup_val(SCALE, s + i, j - i)->v;
            any = 1;
        } else if ((x = lookup_val(SCALE, s + i, j - i)) != NULL) {
            total += (cur == 0 ? 1 : cur) * x->v;
            cur = 0;
            any = 1;
        } else if (!eq(s + i, j - i, "and")) break;
        i = j;
    }
    if (!any) return 0;
    *v = total + cur;
    return 1;
}

static void set3(nc_claim_value *out, double v, double lo, double hi)
{
    out->ok = 1;
    out->value = v;
    out->low = lo;
    out->high = hi;
}

/* "one in five", "1 out of 4", "two-thirds", "half" */
static void read_fraction(const unsigned char *s, size_t n, nc_claim_value *out)
{
    size_t i = 0, j, k, d0;
    const wordval *f, *w;
    while (i < n && is_w(s[i])) i++;
    if (i > 0 && i < n && s[i] == ' ') {
        j = i + 1;
        if (n - j >= 3 && memcmp(s + j, "in ", 3) == 0) d0 = j + 3;
        else if (n - j >= 7 && memcmp(s + j, "out of ", 7) == 0) d0 = j + 7;
        else d0 = 0;
        if (d0 && d0 < n) {
            for (k = d0; k < n && is_w(s[k]); k++) {}
            if (k == n) {
                double den = -1;
                for (k = d0; k < n && is_d(s[k]); k++) {}
                if (k == n) den = number_of(s + d0, n - d0);
                else if ((w = lookup_val(WORD, s + d0, n - d0)) != NULL) den = w->v;
                if (den > 0) {
                    double v = round1(100 / den);
                    set3(out, v, v, v);
                    out->unit = "%";
                }
                return;
            }
        }
    }
    /* NUM-FRAC or NUM FRAC, else the whole text is the fraction of one */
    i = 0;
    while (i < n && is_a(s[i])) i++;
    j = i;
    while (j < n && (s[j] == ' ' || s[j] == '-')) j++;
    k = j;
    while (k < n && is_a(s[k])) k++;
    if (i > 0 && j > i && k > j && k == n) {
        w = lookup_val(WORD, s, i);
        f = lookup_val(FRACTION, s + j, k - j);
    } else {
        w = lookup_val(WORD, (const unsigned char *)"one", 3);
        f = lookup_val(FRACTION, s, n);
    }
    if (w && f) {
        double v = round1(w->v * f->v);
        set3(out, v, v, v);
        out->unit = "%";
    }
}

/* "hundreds of thousands", "dozens", "several hundred", "a few thousand" */
static void read_vague(const unsigned char *s, size_t n, nc_claim_value *out)
{
    size_t i = 0, k;
    const wordval *base;
    while (i < n && is_a(s[i])) i++;
    for (k = i + 4; k < n && is_a(s[k]); k++) {}
    if (i > 0 && n - i > 4 && memcmp(s + i, " of ", 4) == 0 && k == n && k > i + 4) {
        /* WORD of WORD: the first a vague quantity, the second one too or 1 */
        const wordval *of = lookup_val(VAGUE, s + i + 4, n - i - 4);
        double unit = of ? of->v : 1;
        if ((base = lookup_val(VAGUE, s, i)) != NULL) {
            set3(out, 2 * base->v * unit, 2 * base->v * unit, 10 * base->v * unit - 1);
            return;
        }
    } else if ((base = lookup_val(VAGUE, s, n)) != NULL) {
        set3(out, 2 * base->v, 2 * base->v, 10 * base->v - 1);
        return;
    }
    /* FEW SCALE: "several hundred" */
    k = n;
    while (k > 0 && is_a(s[k - 1])) k--;
    if (k < n && k > 0 && s[k - 1] == ' ') {
        const wordval *sc = lookup_val(SCALE, s + k, n - k);
        int j;
        for (j = 0; sc && FEW[j].w; j++)
            if (eq(s, k - 1, FEW[j].w)) { set3(out, FEW[j].lo * sc->v, FEW[j].lo * sc->v, FEW[j].hi * sc->v); return; }
    }
}

/* "300-400", "300–400", "20 to 30", "between 300 and 400" */
static void read_range(const unsigned char *s, size_t n, nc_claim_value *out)
{
    double x, y;
    size_t r, q;
    if (n >= 8 && memcmp(s, "between ", 8) == 0) {
        if (!digits(s + 8, n - 8, &x, &r)) return;
        r += 8;
        while (r < n && s[r] == ' ') r++;          /* after a scale: "between 3 million and 4 million" */
        if (n - r >= 4 && memcmp(s + r, "and ", 4) == 0) q = r + 4;
        else return;
    } else {
        if (!digits(s, n, &x, &r)) return;
        q = r;
        while (q < n && s[q] == ' ') q++;
        if (q < n && s[q] == '-') q++;
        else if (n - q >= 3 && memcmp(s + q, "\xE2\x80\x93", 3) == 0) q += 3;
        else if (n - q >= 3 && memcmp(s + q, "to ", 3) == 0) q += 2;   /* "3 million to 4 million" */
        else return;
        while (q < n && s[q] == ' ') q++;
    }
    if (!digits(s + q, n - q, &y, &r) || y <= x) return;
    set3(out, x, x, y);
}

int nc_claim_read(int label, const char *text, size_t a, size_t b, nc_claim_value *out)
{
    unsigned char small[256], *s = small;
    size_t n = 0, i, p;
    int k, blank = 0;
    if (!text || !out || a > b || label < 0 || label >= NC_CL_NLABELS) return NC_EINVAL;
    memset(out, 0, sizeof *out);
    if (b - a > sizeof small && !(s = malloc(b - a))) return NC_ENOMEM;
    /* lower case, blank runs as one space */
    for (i = a; i < b; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || (c >= 9 && c <= 13)) {
            if (!blank) s[n++] = ' ';
            blank = 1;
            continue;
        }
        blank = 0;
        s[n++] = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
    }
    /* the qualifier: a phrase followed by a blank */
    p = 0;
    for (k = 0; QUAL[k].q; k++) {
        size_t ql = QUAL[k].len;
        if (ql < n && memcmp(s, QUAL[k].q, ql) == 0 && s[ql] == ' ') {
            out->approx = QUAL[k].q;
            out->bound = QUAL[k].bound;
            p = ql + 1;
            break;
        }
    }
    out->zero_lead = n - p >= 2 && s[p] == '0' && is_d(s[p + 1]);
    {
        const unsigned char *r = s + p;
        size_t rn = n - p, e;
        double v;
        switch (label) {
        case NC_CL_NUMBER:
            if (digits(r, rn, &v, &e)) set3(out, v, v, v);
            break;
        case NC_CL_PERCENT:
            if (digits(r, rn, &v, &e)) { set3(out, v, v, v); out->unit = "%"; }
            break;
        case NC_CL_WORDS:
            if (words(r, rn, &v)) set3(out, v, v, v);
            break;
        case NC_CL_MONEY: {
            size_t d = 0, c;
            int j;
            while (d < rn && !is_d(r[d])) d++;
            if (d == rn) break;
            c = d;
            while (c > 0 && r[c - 1] == ' ') c--;
            if (!digits(r + d, rn - d, &v, &e)) break;
            set3(out, v, v, v);
            out->unit = "money";
            for (j = 0; CURRENCY[j].w; j++)
                if (eq(r, c, CURRENCY[j].w)) { out->unit = CURRENCY[j].code; break; }
            if (!CURRENCY[j].w) {            /* "us $": the code without its blanks */
                unsigned char t[16];
                size_t tn = 0, m;
                for (m = 0; m < c && tn < sizeof t; m++) if (r[m] != ' ') t[tn++] = r[m];
                for (j = 0; m == c && CURRENCY[j].w; j++)
                    if (eq(t, tn, CURRENCY[j].w)) { out->unit = CURRENCY[j].code; break; }
            }
            break;
        }
        case NC_CL_FRACTION: read_fraction(r, rn, out); break;
        case NC_CL_VAGUE: read_vague(r, rn, out); break;
        case NC_CL_RANGE: read_range(r, rn, out); break;
        default: break;
        }
    }
    if (s != small) free(s);
    return NC_OK;
}

/* ---- a figure in its text ----------------------------------------------------- */

const char *const nc_claim_kinds[NC_CK_NKINDS] = { "other", "deaths", "injured", "displaced", "troops",
                                                   "population", "territory", "money" };

static unsigned char lower_(unsigned char c) { return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c; }

/* Whether the character that ends at text[p] (p > 0) is one PCRE2's \w
 * matches in UCP mode (a letter, a digit or '_'). */
static int word_char_before(const unsigned char *s, size_t p)
{
    size_t b = p - 1, len;
    int32_t cp;
    nc_scan sc;
    if (s[b] < 0x80) return is_w(s[b]) || s[b] == '_';
    while (b > 0 && p - b < 4 && (s[b] & 0xC0) == 0x80) b--;
    sc.s = s;
    sc.n = p;
    return (nc_cls_at(&sc, b, &len, &cp) & (C_UPPER | C_LOWER | C_LETTER | C_DIGIT)) != 0 && b + len == p;
}

size_t nc_claim_qualifier(const char *text, size_t lo, size_t a)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t best = a, e = a;
    int k;
    if (!text || e <= lo || !is_space(s[e - 1])) return a;
    while (e > lo && is_space(s[e - 1])) e--;
    if (e == lo) return a;
    for (k = 0; QUAL[k].q; k++) {
        const char *q = QUAL[k].q;
        size_t qi = QUAL[k].len, p = e;
        if (lower_(s[e - 1]) != (unsigned char)q[qi - 1]) continue;     /* most figures have none */
        while (qi > 0 && p > lo) {
            if (q[qi - 1] == ' ') {                 /* one blank or more */
                if (!is_space(s[p - 1])) break;
                while (p > lo && is_space(s[p - 1])) p--;
            } else if (lower_(s[p - 1]) == (unsigned char)q[qi - 1]) {
                p--;
            } else {
                break;
            }
            qi--;
        }
        if (qi == 0 && p < best && (p == 0 || !word_char_before(s, p))) best = p;
    }
    return best;
}

/* The words after a figure that make its unit (lower case). */
static const struct { const char *w, *unit; } UNIT_WORDS[] = {
    { "us dollars", "USD" }, { "u.s. dollars", "USD" }, { "dollars", "USD" }, { "euros", "EUR" },
    { "pounds sterling", "GBP" }, { "syrian pounds", "SYP" }, { "pounds", "GBP" }, { "yuan", "CNY" },
    { "rubles", "RUB" }, { "roubles", "RUB" }, { "lira", "TRY" }, { "liras", "TRY" }, { "rupees", "INR" },
    { "yen", "JPY" }, { "square kilometres", "km2" }, { "square kilometers", "km2" }, { "square km", "km2" },
    { "sq km", "km2" }, { "km2", "km2" }, { "km\xC2\xB2", "km2" }, { "square miles", "mi2" },
    { "kilometres", "km" }, { "kilometers", "km" }, { "km", "km" }, { "miles", "mi" }, { "mile", "mi" },
    { "metres", "m" }, { "meters", "m" }, { "hectares", "ha" }, { "acres", "acre" }, { "tonnes", "t" },
    { "tons", "t" }, { "kilograms", "kg" }, { "kg", "kg" }, { "barrels", "bbl" }, { "megawatts", "MW" },
    { "mw", "MW" }, { "years", "years" }, { "year", "years" }, { "months", "months" }, { "weeks", "weeks" },
    { "days", "days" }, { "day", "days" }, { "hours", "hours" }, { "hour", "hours" },
    { "minutes", "minutes" }, { "min", "minutes" }, { "mins", "minutes" }, { NULL, NULL }
};

/* The units that are money. */
static int currency_unit(const char *u)
{
    static const char *const list[] = { "money", "USD", "AUD", "CAD", "HKD", "EUR", "GBP", "JPY", "CHF",
                                        "CNY", "SYP", "RUB", "TRY", "INR", NULL };
    int i;
    for (i = 0; u && list[i]; i++)
        if (strcmp(u, list[i]) == 0) return 1;
    return 0;
}

/* A byte that ends the first word of a unit: Lua's [%s,.;:!?()"%-]. */
static int unit_stop(unsigned char c)
{
    return is_space(c) || c == ',' || c == '.' || c == ';' || c == ':' || c == '!' || c == '?' || c == '(' || c == ')' ||
           c == '"' || c == '-';
}

const char *nc_claim_unit_after(const char *text, size_t n, size_t b, size_t *len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t an, p, f, i, best = 0;
    int of = 0, k, hit = -1;
    unsigned char low[25];
    *len = 0;
    if (!text || b >= n) return NULL;
    s += b;
    an = n - b < 40 ? n - b : 40;                       /* the 40 bytes after the figure */
    p = 0;
    if (is_space(s[0])) {                               /* "of": "millions of dollars" */
        size_t q = 0;
        while (q < an && is_space(s[q])) q++;
        if (an - q >= 3 && s[q] == 'o' && s[q + 1] == 'f' && is_space(s[q + 2])) {
            q += 2;
            while (q < an && is_space(s[q])) q++;
            of = 1;
            p = q;
        }
    }
    if (!of && (is_space(s[0]) || s[0] == '-')) p = 1;
    for (f = p; f < an && !unit_stop(s[f]); f++) {}
    if (f == p) return NULL;
    for (i = 0; i < 25 && p + i < an; i++) low[i] = lower_(s[p + i]);
    for (k = 0; UNIT_WORDS[k].w; k++) {
        const char *w = UNIT_WORDS[k].w, *sp;
        size_t wl, fl;
        if ((unsigned char)w[0] != low[0]) continue;
        sp = strchr(w, ' ');
        wl = strlen(w);
        fl = sp ? (size_t)(sp - w) : wl;
        if (fl != f - p || wl > i || wl <= best || memcmp(low, w, fl) != 0 || memcmp(low, w, wl) != 0) continue;
        if (wl < i && (is_w(low[wl]) || low[wl] >= 0x80)) continue;
        best = wl;
        hit = k;
    }
    if (hit < 0 || (of && !currency_unit(UNIT_WORDS[hit].unit))) return NULL;
    *len = p + best;
    return UNIT_WORDS[hit].unit;
}

/* Words before a number that make it a name, not a figure (sorted). */
static const char *const NAME_BEFORE[] = {
    "act", "airbus", "apollo", "article", "articles", "avenue", "battalion", "block", "boeing", "box",
    "brigade", "building", "bus", "camp", "category", "channel", "chapter", "class", "clause", "code",
    "covid", "district", "division", "episode", "exit", "figure", "flight", "floor", "game", "gate",
    "grade", "highway", "interstate", "item", "lane", "level", "line", "model", "no", "number", "page",
    "pages", "paragraph", "part", "phase", "pier", "platform", "psalm", "regiment", "resolution",
    "resolutions", "road", "room", "round", "route", "rule", "sars", "season", "section", "sector", "squad",
    "stage", "step", "street", "table", "terminal", "tier", "tower", "train", "type", "unit", "verse",
    "version", "vol", "volume", "ward", "zone"
};

static int cmp_name(const void *k, const void *e) { return strcmp((const char *)k, *(const char *const *)e); }

int nc_claim_name_before(const char *text, size_t a)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t lo = a > 24 ? a - 24 : 0, e = a, b;
    char w[32];
    if (!text) return 0;
    /* the window is s[lo, e): from its end, "#", blanks, ".", then the word */
    if (e > lo && s[e - 1] == '#') e--;
    while (e > lo && is_space(s[e - 1])) e--;
    if (e > lo && s[e - 1] == '.') e--;
    for (b = e; b > lo && is_a(s[b - 1]); b--) {}
    if (b == e || e - b >= sizeof w) return 0;
    for (lo = b; lo < e; lo++) w[lo - b] = (char)lower_(s[lo]);
    w[e - b] = 0;
    return bsearch(w, NAME_BEFORE, sizeof NAME_BEFORE / sizeof *NAME_BEFORE, sizeof *NAME_BEFORE, cmp_name) != NULL;
}

static int push_claim(nc_claims *out, const nc_claim *c)
{
    if (out->n == out->cap) {
        nc_claim *v = nc_grow(out->v, &out->cap, sizeof *v, 16);
        if (!v) return NC_ENOMEM;
        out->v = v;
    }
    out->v[out->n++] = *c;
    return NC_OK;
}

/* "no" and blanks end text[lo, a): "no one" */
static int after_no(const unsigned char *s, size_t lo, size_t a)
{
    size_t e = a;
    while (e > lo && is_space(s[e - 1])) e--;
    return e < a && e - lo >= 2 && lower_(s[e - 2]) == 'n' && lower_(s[e - 1]) == 'o';
}

int nc_claims_collect(const char *text, size_t n, const nc_claim_in *in, size_t nin, const nc_sentence *sents,
                      size_t ns, const nc_wordset *lex, unsigned kind_population, int want, nc_claims *out)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i, si = 0, prev_end = 0;
    if (!text || (nin && !in) || (ns && !sents) || !lex || !out) return NC_EINVAL;
    out->n = 0;
    for (i = 0; i < nin; i++, prev_end = in[i - 1].end) {
        const nc_claim_in *m = &in[i];
        size_t a = m->start, b = m->end, stop, ulen, ss = 0, se = n, lo, hi;
        int label = m->code, rc;
        nc_claim_value v;
        nc_claim c;
        if (b > n || a > b) return NC_EINVAL;
        if (label < 0 || (label == NC_CL_NONE && !m->user)) continue;
        a = nc_claim_qualifier(text, a > prev_end + 32 ? a - 32 : prev_end < a ? prev_end : a, a);
        if (label == NC_CL_YEAR) {         /* a bare year after a qualifier: "more than 2000 tankers" */
            if (a == m->start || b - m->start != 4 || !is_d(s[b - 1]) || !is_d(s[b - 2]) || !is_d(s[b - 3]) ||
                !is_d(s[b - 4]))
                continue;
            label = NC_CL_NUMBER;
        }
        if ((rc = nc_claim_read(m->user ? NC_CL_NONE : label, text, a, b, &v)) != NC_OK) return rc;
        if (m->user) {
            if (m->value != m->value) continue;          /* NaN: no value */
            v.ok = 1;
            v.value = v.low = v.high = m->value;
        }
        if (!v.ok) continue;
        /* a name, not a figure: "F-16", "COVID-19", "Resolution 2254", "No. 10", "0914" */
        if (label != NC_CL_MONEY && a >= 2 && is_a(s[a - 2]) && s[a - 1] == '-') continue;
        if (label == NC_CL_NUMBER && v.zero_lead) continue;
        if ((label == NC_CL_NUMBER || label == NC_CL_RANGE) && !v.approx && nc_claim_name_before(text, a)) continue;
        stop = b;
        if (!v.unit && (v.unit = nc_claim_unit_after(text, n, b, &ulen)) != NULL) stop = b + ulen;
        while (si + 1 < ns && (size_t)sents[si].start + sents[si].len <= a) si++;
        if (ns) {
            ss = sents[si].start;
            se = (size_t)sents[si].start + sents[si].len;
        }
        memset(&c, 0, sizeof c);
        if (v.unit && currency_unit(v.unit)) {
            c.kind = NC_CK_MONEY;
        } else if (v.unit && strcmp(v.unit, "%") != 0) {
            c.kind = NC_CK_OTHER;                  /* "seven years of war", "100 km" */
        } else {
            lo = a >= 90 && a - 90 > ss ? a - 90 : ss < a ? ss : a;
            hi = stop + 90 < se ? stop + 90 : se;
            if (hi > n) hi = n;
            if (hi < stop) hi = stop;
            c.kind = nc_claim_kind(text, lo, a, stop, hi, v.unit != NULL, lex, kind_population, &c.part);
            if (c.kind < 0 || c.kind >= NC_CK_MONEY) c.kind = NC_CK_OTHER;
        }
        if (label == NC_CL_WORDS && v.value == 1 &&
            (c.kind == NC_CK_OTHER || after_no(s, a >= 4 ? a - 4 : 0, a)))
            continue;                              /* "no one", "one of" */
        if (v.bound == NC_CL_LOW) {
            v.high = HUGE_VAL;
        } else if (v.bound == NC_CL_HIGH) {
            v.low = 0;
        } else if (v.bound == NC_CL_BELOW || v.bound == NC_CL_ABOUT) {
            int pct = v.unit && strcmp(v.unit, "%") == 0;
            v.low *= 0.9;
            if (v.bound == NC_CL_ABOUT) v.high *= 1.1;
            v.low = pct ? round1(v.low) : floor_(v.low);
            v.high = pct ? round1(v.high) : floor_(v.high + 0.5);
        }
        c.sentence = ns ? si + 1 : 0;
        if (c.part == 2) {                         /* "31 people including two medics": of the figure before */
            const nc_claim *p = out->n ? &out->v[out->n - 1] : NULL;
            c.part = p && p->sentence == c.sentence && p->kind == c.kind;
        }
        if (want >= 0 && c.kind != want) continue;
        c.start = a;
        c.stop = stop;
        c.index = i;
        c.value = v.value;
        c.low = v.low;
        c.high = v.high;
        c.approx = v.approx;
        c.unit = v.unit;
        c.label = label;
        if (push_claim(out, &c) != NC_OK) return NC_ENOMEM;
    }
    return NC_OK;
}

void nc_claims_free(nc_claims *c)
{
    if (!c) return;
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}
