#include "nc_token.h"
#include "nc_utf8.h"
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Character classes, as bits so that "any of" tests are one AND. */
enum {
    C_SPACE = 1 << 0, C_NL = 1 << 1, C_UPPER = 1 << 2, C_LOWER = 1 << 3,
    C_LETTER = 1 << 4, C_DIGIT = 1 << 5, C_MARK = 1 << 6, C_PUNCT = 1 << 7,
    C_SYMBOL = 1 << 8, C_FORMAT = 1 << 9, C_EMOJI = 1 << 10, C_INVALID = 1 << 11,
    C_APOS = 1 << 12, C_HYPHEN = 1 << 13, C_CONNECT = 1 << 14,
    C_SPECIAL = 1 << 15    /* may continue a word into a URL or e-mail: . @ : / _ + % - */
};
#define C_ALPHA (C_UPPER | C_LOWER | C_LETTER | C_MARK)
#define C_WORD (C_ALPHA | C_DIGIT)

static const char *const kind_names[NC_NKINDS] = {
    "word", "number", "punct", "symbol", "url", "email", "handle", "hashtag", "emoji", "clitic"
};

const char *nc_token_kind_name(int kind)
{
    return kind >= 0 && kind < NC_NKINDS ? kind_names[kind] : "?";
}

/* Class of each ASCII byte (immutable). */
static const uint16_t ascii_cls[128] = {
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_NL, C_SPACE,
    C_SPACE, C_NL, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_PUNCT, C_PUNCT, C_PUNCT,
    C_SYMBOL, C_PUNCT | C_SPECIAL, C_PUNCT, C_PUNCT | C_APOS,
    C_PUNCT, C_PUNCT, C_PUNCT, C_SYMBOL | C_SPECIAL,
    C_PUNCT, C_PUNCT | C_HYPHEN | C_SPECIAL, C_PUNCT | C_SPECIAL, C_PUNCT | C_SPECIAL,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_PUNCT | C_SPECIAL, C_PUNCT,
    C_SYMBOL, C_SYMBOL, C_SYMBOL, C_PUNCT,
    C_PUNCT | C_SPECIAL, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_PUNCT,
    C_PUNCT, C_PUNCT, C_SYMBOL, C_PUNCT | C_CONNECT | C_SPECIAL,
    C_SYMBOL, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_PUNCT,
    C_SYMBOL, C_PUNCT, C_SYMBOL, C_SPACE,
};

/* ASCII letters and digits for the word fast path: 1 upper, 2 lower, 4 digit;
 * 0 for everything else, including every byte >= 0x80. */
static const uint8_t word_tab[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 0, 0, 0, 0, 0, 0,
    0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0,
    0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
};

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define NC_SWAR 1
#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* High bit of each byte of x set where m < byte < n (m, n <= 128; bytes >= 0x80
 * never match). Per-byte exact: no carry or borrow crosses bytes. */
static uint64_t swar_between(uint64_t x, unsigned m, unsigned n)
{
    uint64_t low = x & (ONES * 127);
    return ((ONES * (127 + n) - low) & ~x & (low + ONES * (127 - m))) & HIGHS;
}
#endif

/* End of the run of ASCII letters and digits starting at p (p <= stop).
 * *acc gets bit 1 when the run has an upper-case letter, bit 2 for lower case. */
static const unsigned char *ascii_word_end(const unsigned char *p, const unsigned char *stop, unsigned *acc)
{
    unsigned e;
#ifdef NC_SWAR
    while (stop - p >= 8) {
        uint64_t x, letter, word, up, lo, stopper;
        memcpy(&x, p, 8);
        letter = swar_between(x | ONES * 0x20, 0x60, 0x7B);   /* A-Z a-z */
        word = letter | swar_between(x, 0x2F, 0x3A);         /* and 0-9 */
        lo = letter & (x << 2);                              /* bit 5 set: lower case */
        up = letter & ~lo;
        stopper = ~word & HIGHS;
        if (stopper) {
            /* bytes before the first non-word byte */
            uint64_t in = (stopper & (0 - stopper)) - 1;
            if (up & in) *acc |= 1u;
            if (lo & in) *acc |= 2u;
            return p + (__builtin_ctzll(stopper) >> 3);
        }
        if (up) *acc |= 1u;
        if (lo) *acc |= 2u;
        p += 8;
    }
#endif
    while (p < stop && (e = word_tab[*p]) != 0) { *acc |= e; p++; }
    return p;
}

/* Class of a decoded non-ASCII code point (emoji decided by the caller for
 * text-default pictographs below U+1F000). */
static unsigned uni_class(int32_t cp)
{
    const utf8proc_property_t *p;
    if (cp == NC_UTF8_BAD) return C_INVALID;
    switch (cp) {
    case 0x2019: case 0x2018: return C_PUNCT | C_APOS;   /* ’ also as apostrophe */
    case 0x2010: case 0x2011: return C_PUNCT | C_HYPHEN;
    case 0x0085: case 0x2028: case 0x2029: return C_NL;
    default: break;
    }
    p = utf8proc_get_property(cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
    case UTF8PROC_CATEGORY_LL: return C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return C_MARK;
    case UTF8PROC_CATEGORY_ND: return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return C_NL;
    case UTF8PROC_CATEGORY_CF: return C_FORMAT;
    case UTF8PROC_CATEGORY_PC: return C_PUNCT | C_CONNECT;
    case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    default:
        if (p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) return C_EMOJI;
        if (p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC && cp >= 0x1F000)
            return C_EMOJI;
        return C_SYMBOL;
    }
}

/* Read-only cursor over the text. */
typedef struct scan {
    const unsigned char *s;
    size_t n;
} scan;

/* Class of the character at i (i < n), its length in *len and code point in *cp. */
static unsigned cls_at(const scan *sc, size_t i, size_t *len, int32_t *cp)
{
    unsigned b = sc->s[i];
    if (b < 0x80) { *len = 1; *cp = (int32_t)b; return ascii_cls[b]; }
    *len = nc_utf8_decode(sc->s + i, sc->n - i, cp);
    return uni_class(*cp);
}

/* Class at i, or 0 past the end. */
static unsigned cls_peek(const scan *sc, size_t i)
{
    size_t len;
    int32_t cp;
    return i < sc->n ? cls_at(sc, i, &len, &cp) : 0;
}

static int is_alpha_ascii(unsigned c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static int is_alnum_ascii(unsigned c) { return is_alpha_ascii(c) || (c >= '0' && c <= '9'); }
static int is_digit_ascii(unsigned c) { return c >= '0' && c <= '9'; }

/* Case-insensitive comparison of s[0..n-1] (ASCII) with lower-case lit. */
static int eq_lower(const unsigned char *s, size_t n, const char *lit)
{
    size_t i;
    if (strlen(lit) != n) return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)(s[i] | 32) != (unsigned char)lit[i]) return 0;
    return 1;
}

/* Common top-level domains accepted for a bare domain without a path. */
static int known_tld(const unsigned char *s, size_t n)
{
    static const char *const tlds[] = {
        "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "co",
        "uk", "us", "eu", "ru", "fr", "de", "tv", "news", "online", NULL
    };
    size_t i;
    for (i = 0; tlds[i]; i++)
        if (eq_lower(s, n, tlds[i])) return 1;
    return 0;
}

/* Host name at i: labels of [A-Za-z0-9-] separated by single dots. Returns its
 * end (i when none); *dots gets the number of dots, *last the start of the
 * last label. */
static size_t scan_host(const scan *sc, size_t i, int *dots, size_t *last)
{
    size_t j = i, end = i;
    *dots = 0;
    *last = i;
    for (;;) {
        size_t l = j;
        while (j < sc->n && (is_alnum_ascii(sc->s[j]) || sc->s[j] == '-')) j++;
        if (j == l) break;
        end = j;
        if (j + 1 < sc->n && sc->s[j] == '.' && is_alnum_ascii(sc->s[j + 1])) {
            (*dots)++;
            j++;
            *last = j;
        } else break;
    }
    if (*dots == 0) return i;
    return end;
}

/* URL body from i: up to whitespace or a delimiter, without trailing
 * punctuation (a closing bracket stays when the URL opened it). */
static size_t scan_url_tail(const scan *sc, size_t i)
{
    size_t j = i;
    int paren = 0;
    while (j < sc->n) {
        unsigned b = sc->s[j];
        if (b < 0x80) {
            if (b <= ' ' || b == 0x7F || strchr("\"<>`{}|\\^", (int)b)) break;
            if (b == '(') paren++;
            if (b == ')') paren--;
            j++;
        } else {
            size_t len;
            int32_t cp;
            unsigned c = cls_at(sc, j, &len, &cp);
            if (!(c & C_WORD)) break;
            j += len;
        }
    }
    while (j > i) {
        unsigned b = sc->s[j - 1];
        if (b == ')' && paren >= 0) break;
        if (b == ')') { paren++; j--; continue; }
        if (!strchr(".,;:!?'", (int)b)) break;
        j--;
    }
    return j;
}

/* Try the ASCII forms that begin like a word: e-mail, URL with a scheme,
 * www., a host followed by a path, or a bare domain with a common TLD.
 * Returns the end (> i) and sets *kind, or returns i. */
static size_t scan_special(const scan *sc, size_t i, int *kind)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, j = i, last, h;
    int dots;

    /* e-mail: local part, @, host with a dot */
    while (j < n && (is_alnum_ascii(s[j]) || strchr("._%+-", (int)s[j]) != NULL) && s[j]) j++;
    if (j < n && s[j] == '@' && j > i) {
        h = scan_host(sc, j + 1, &dots, &last);
        if (h > j + 1 && is_alpha_ascii(s[last]) && h - last >= 2) { *kind = NC_EMAIL; return h; }
    }
    /* scheme:// or www. */
    for (j = i; j < n && is_alpha_ascii(s[j]); j++) {}
    if (j + 3 <= n && j > i && memcmp(s + j, "://", 3) == 0 &&
        (eq_lower(s + i, j - i, "http") || eq_lower(s + i, j - i, "https") ||
         eq_lower(s + i, j - i, "ftp"))) {
        size_t e = scan_url_tail(sc, j + 3);
        if (e > j + 3) { *kind = NC_URL; return e; }
    }
    if (i + 4 < n && eq_lower(s + i, 4, "www.") && is_alnum_ascii(s[i + 4])) {
        *kind = NC_URL;
        return scan_url_tail(sc, i);
    }
    /* host/path or host.tld */
    h = scan_host(sc, i, &dots, &last);
    if (h > i && h - last >= 2 && is_alpha_ascii(s[last]) && is_alpha_ascii(s[h - 1])) {
        if (h < n && s[h] == '/') { *kind = NC_URL; return scan_url_tail(sc, i); }
        if (known_tld(s + last, h - last) && !(cls_peek(sc, h) & C_WORD)) {
            *kind = NC_URL;
            return h;
        }
    }
    return i;
}

/* True when the byte at e, just after a word, may continue it into an e-mail
 * address or URL: @ _ + %, a dot before a letter or digit, or :// . */
static int maybe_special(const unsigned char *s, size_t n, size_t e)
{
    unsigned c = s[e];
    if (c == '@' || c == '_' || c == '+' || c == '%') return 1;
    if (c == '.') return e + 1 < n && is_alnum_ascii(s[e + 1]);
    if (c == ':') return e + 2 < n && s[e + 1] == '/' && s[e + 2] == '/';
    return 0;
}

/* Length of a clitic at s[k..m) (the letters after an apostrophe). */
static int is_clitic(const unsigned char *s, size_t len)
{
    return eq_lower(s, len, "s") || eq_lower(s, len, "re") || eq_lower(s, len, "ve") ||
           eq_lower(s, len, "ll") || eq_lower(s, len, "d") || eq_lower(s, len, "m");
}

/* Scan a word from i. Returns its end; *clitic_end > end when a clitic token
 * [end, *clitic_end) follows. *cased gets NC_TOK_CAP/UPPER/LOWER bits. */
static size_t scan_word(const scan *sc, size_t i, size_t *clitic_end, unsigned *cased)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, j = i;
    size_t nupper = 0, nlower = 0, first = 1;
    unsigned c, firstc = 0;
    size_t len;
    int32_t cp;

    *clitic_end = 0;
    for (;;) {
        /* run of word characters (format characters such as ZWJ or the soft
         * hyphen join when another word character follows) */
        while (j < n) {
            if (s[j] < 0x80) {
                c = ascii_cls[s[j]];
                len = 1;
            } else {
                c = cls_at(sc, j, &len, &cp);
                if ((c & C_FORMAT) && (cls_peek(sc, j + len) & C_WORD)) c = C_MARK;
            }
            if (!(c & C_WORD)) break;
            if (first) { firstc = c; first = 0; }
            if (c & C_UPPER) nupper++;
            else if (c & C_LOWER) nlower++;
            j += len;
        }
        if (j >= n) break;
        c = cls_at(sc, j, &len, &cp);
        if (c & (C_HYPHEN | C_CONNECT)) {
            if (cls_peek(sc, j + len) & C_WORD) { j += len; continue; }
            break;
        }
        if (c & C_APOS) {
            size_t k = j + len, m = k;
            unsigned c2;
            size_t l2;
            int32_t cp2;
            while (m < n && ((c2 = cls_at(sc, m, &l2, &cp2)) & C_ALPHA)) m += l2;
            if (m == k) break;                          /* trailing apostrophe */
            if (m < n && (cls_peek(sc, m) & C_WORD)) { j = m; continue; }
            if (is_clitic(s + k, m - k)) { *clitic_end = m; break; }
            if (eq_lower(s + k, m - k, "t") && j - i >= 2 && (s[j - 1] | 32) == 'n') {
                j--;                                    /* do|n't, ca|n't */
                if (s[j] == 'N') nupper--; else nlower--;
                *clitic_end = m;
                break;
            }
            j = m;                                      /* O'Brien, Qu'ran */
            continue;
        }
        break;
    }
    *cased = 0;
    if (firstc & C_UPPER) *cased |= NC_TOK_CAP;
    if (firstc & C_LOWER) *cased |= NC_TOK_LOWER;
    if (nupper >= 2 && nlower == 0) *cased |= NC_TOK_UPPER;
    return j;
}

/* Dotted abbreviation from i: (letter .){2,} as in U.S. e.g. a.m. Returns
 * its end, or i when there is none. */
static size_t scan_dotted(const scan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t j = i, count = 0;
    while (j + 1 < sc->n && is_alpha_ascii(s[j]) && s[j + 1] == '.') {
        j += 2;
        count++;
        if (j < sc->n && is_alpha_ascii(s[j]) && j + 1 < sc->n && is_alpha_ascii(s[j + 1])) return i;
    }
    if (count < 2 || (j < sc->n && is_alnum_ascii(s[j]))) return i;
    return j;
}

/* Digits (any script) from i; returns the end. */
static size_t scan_digits(const scan *sc, size_t i)
{
    size_t len;
    int32_t cp;
    while (i < sc->n) {
        if (is_digit_ascii(sc->s[i])) { i++; continue; }
        if (sc->s[i] < 0x80 || !(cls_at(sc, i, &len, &cp) & C_DIGIT)) break;
        i += len;
    }
    return i;
}

/* A number from i (a digit). Returns its end. */
static size_t scan_number(const scan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, j = scan_digits(sc, i), first = j - i;
    /* ISO date 2019-03-20, optionally with a time 2019-03-20T07:57:00Z */
    if (first == 4 && j + 6 <= n && s[j] == '-' && is_digit_ascii(s[j + 1]) &&
        is_digit_ascii(s[j + 2]) && s[j + 3] == '-' && is_digit_ascii(s[j + 4]) &&
        is_digit_ascii(s[j + 5]) && (j + 6 == n || !is_digit_ascii(s[j + 6]))) {
        j += 6;
        if (j + 1 < n && s[j] == 'T' && is_digit_ascii(s[j + 1])) {
            j++;
            while (j < n && (is_digit_ascii(s[j]) || s[j] == ':' || s[j] == '.')) j++;
            while (j > i && (s[j - 1] == ':' || s[j - 1] == '.')) j--;
            if (j < n && s[j] == 'Z') j++;
            else if (j + 6 <= n && (s[j] == '+' || s[j] == '-') && is_digit_ascii(s[j + 1]) &&
                     is_digit_ascii(s[j + 2]) && s[j + 3] == ':' && is_digit_ascii(s[j + 4]) &&
                     is_digit_ascii(s[j + 5])) j += 6;
        }
        return j;
    }
    for (;;) {
        if (j + 3 < n && s[j] == ',' && is_digit_ascii(s[j + 1]) && is_digit_ascii(s[j + 2]) &&
            is_digit_ascii(s[j + 3]) && (j + 4 == n || !is_digit_ascii(s[j + 4]))) {
            j += 4;                                         /* 500,000 */
            continue;
        }
        if (j + 1 < n && (s[j] == '.' || s[j] == ':' || s[j] == '/') && is_digit_ascii(s[j + 1])) {
            j = scan_digits(sc, j + 1);                     /* 3.5  07:57  14/09/2021 */
            continue;
        }
        break;
    }
    if (j < n && s[j] == '%') return j + 1;
    /* unit or ordinal suffix: 1st 5bn 10km 1990s */
    while (j < n) {
        size_t len;
        int32_t cp;
        unsigned c = cls_at(sc, j, &len, &cp);
        if (!(c & C_WORD)) break;
        j += len;
    }
    /* 10-year, 10-year-old */
    while (j + 1 < n && s[j] == '-' && (cls_peek(sc, j + 1) & C_ALPHA)) {
        j++;
        while (j < n) {
            size_t len;
            int32_t cp;
            unsigned c = cls_at(sc, j, &len, &cp);
            if (!(c & C_WORD)) break;
            j += len;
        }
    }
    return j;
}

/* An emoji from i with its modifiers, ZWJ sequence or flag pair. */
static size_t scan_emoji(const scan *sc, size_t i, int32_t first)
{
    size_t j = i, len;
    int32_t cp;
    unsigned c = cls_at(sc, j, &len, &cp);
    (void)c;
    j += len;
    if (first >= 0x1F1E6 && first <= 0x1F1FF) {               /* regional indicator pair */
        if (j < sc->n && sc->s[j] >= 0x80) {
            cls_at(sc, j, &len, &cp);
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) j += len;
        }
        return j;
    }
    while (j < sc->n && sc->s[j] >= 0x80) {
        cls_at(sc, j, &len, &cp);
        if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
            (cp >= 0xE0020 && cp <= 0xE007F)) {
            j += len;
        } else if (cp == 0x200D && j + len < sc->n) {
            size_t l2;
            int32_t cp2;
            unsigned c2 = cls_at(sc, j + len, &l2, &cp2);
            const utf8proc_property_t *p = utf8proc_get_property(cp2 < 0 ? 0 : cp2);
            if (!(c2 & C_EMOJI) && p->boundclass != UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC) break;
            j += len + l2;
        } else break;
    }
    return j;
}

/* Append a token; grows the array by half. Returns NC_OK or NC_ENOMEM. */
static int push(nc_tokens *t, size_t start, size_t end, int kind, unsigned flags)
{
    nc_token *tok;
    if (t->n == t->cap) {
        size_t cap = t->cap < 64 ? 64 : t->cap + t->cap / 2;
        nc_token *p = realloc(t->v, cap * sizeof *p);
        if (!p) return NC_ENOMEM;
        t->v = p;
        t->cap = cap;
    }
    tok = &t->v[t->n++];
    tok->start = (uint32_t)start;
    tok->len = (uint32_t)(end - start);
    tok->kind = (uint8_t)kind;
    tok->flags = (uint8_t)flags;
    return NC_OK;
}

/* The general path for a token starting at i with class c (code point cp,
 * length len). Returns the end, sets *kind, *cased and *clitic. */
static size_t scan_token(const scan *sc, const nc_tokens *out, size_t i, unsigned c, size_t len,
                         int32_t cp, unsigned flags, int *kind, unsigned *cased, size_t *clitic)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, end = i + len;
    unsigned b = s[i];

    *kind = NC_PUNCT;
    *cased = 0;
    *clitic = 0;
    if (c & C_WORD) {
        size_t sp;
        if ((c & (C_UPPER | C_LOWER)) && b < 0x80 && (end = scan_dotted(sc, i)) > i) {
            *kind = NC_WORD;
            *cased = ((c & C_UPPER) ? NC_TOK_CAP : NC_TOK_LOWER) | NC_TOK_DOTTED;
            return end;
        }
        *kind = (c & C_DIGIT) ? NC_NUMBER : NC_WORD;
        end = (c & C_DIGIT) ? scan_number(sc, i) : scan_word(sc, i, clitic, cased);
        if (b < 0x80 && end < n && maybe_special(s, n, end) && (sp = scan_special(sc, i, kind)) > end) {
            *clitic = 0;
            *cased = 0;
            return sp;
        }
        if (*kind == NC_NUMBER) *cased = 0;
        return end;
    }
    if (c & C_APOS) {
        /* a clitic after a word: Russia|'s (reached when the word scan stopped) */
        size_t m = end, l2;
        int32_t cp2;
        while (m < n && (cls_at(sc, m, &l2, &cp2) & C_ALPHA)) m += l2;
        if (!(flags & NC_TOK_SPACE) && out->n && out->v[out->n - 1].kind == NC_WORD &&
            m > end && is_clitic(s + end, m - end) && !(cls_peek(sc, m) & C_WORD)) {
            *kind = NC_CLITIC;
            return m;
        }
        return end;
    }
    if (c & C_EMOJI) {
        *kind = NC_EMOJI;
        return scan_emoji(sc, i, cp);
    }
    if (c & C_INVALID) {
        *kind = NC_SYMBOL;
        return end;
    }
    if (c & C_SYMBOL) {
        *kind = NC_SYMBOL;
        if (b >= 0x80 && end < n) {                 /* text pictograph + VS16 = emoji */
            size_t l2;
            int32_t cp2;
            cls_at(sc, end, &l2, &cp2);
            if (cp2 == 0xFE0F) { *kind = NC_EMOJI; return scan_emoji(sc, i, cp); }
        }
        return end;
    }
    if (b == '@') {
        size_t j = end;
        while (j < n && (is_alnum_ascii(s[j]) || s[j] == '_')) j++;
        if (j > end) { *kind = NC_HANDLE; return j; }
    } else if (b == '#') {
        size_t j = end;
        int letters = 0;
        while (j < n) {
            size_t l2;
            int32_t cp2;
            unsigned c2 = cls_at(sc, j, &l2, &cp2);
            if (!(c2 & (C_WORD | C_CONNECT))) break;
            if (c2 & C_ALPHA) letters = 1;
            j += l2;
        }
        if (letters) { *kind = NC_HASHTAG; return j; }
    } else if (b == '.' || b == '-') {
        while (end < n && s[end] == b) end++;      /* ... -- */
    } else if (b == '!' || b == '?') {
        while (end < n && (s[end] == '!' || s[end] == '?')) end++;
    }
    return end;
}

int nc_tokenize(nc_tokens *out, const char *text, size_t n)
{
    scan sc;
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, nl = 0;
    unsigned pending = NC_TOK_SPACE;

    memset(out, 0, sizeof *out);
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!text && n) return NC_EINVAL;
    sc.s = s;
    sc.n = n;
    if (n) {
        size_t guess = n / 6 + 16;
        out->v = malloc(guess * sizeof *out->v);
        if (!out->v) return NC_ENOMEM;
        out->cap = guess;
    }

    while (i < n) {
        size_t len, end, clitic;
        int32_t cp;
        unsigned c, b = s[i], flags, cased;
        int kind;

        if (b == ' ') { i++; pending |= NC_TOK_SPACE; continue; }
        if (b < 0x80) {
            c = ascii_cls[b];
            len = 1;
            cp = (int32_t)b;
        } else {
            c = cls_at(&sc, i, &len, &cp);
        }
        if (c & (C_SPACE | C_FORMAT)) { i += len; pending |= NC_TOK_SPACE; continue; }
        if (c & C_NL) {
            if (b == '\r' && i + 1 < n && s[i + 1] == '\n') len = 2;
            i += len;
            nl++;
            pending |= NC_TOK_SPACE | NC_TOK_NL | (nl >= 2 ? NC_TOK_PARA : 0u);
            continue;
        }
        flags = pending;
        pending = 0;
        nl = 0;

        /* fast path: an ASCII word of letters and digits ending in a space or
         * plain punctuation (most tokens of English news) */
        if ((c & (C_UPPER | C_LOWER)) && (i + 1 >= n || s[i + 1] != '.')) {
            unsigned acc = 0;
            size_t j = (size_t)(ascii_word_end(s + i + 1, s + n, &acc) - s);
            if (j >= n || (s[j] < 0x80 && !(ascii_cls[s[j]] & (C_SPECIAL | C_APOS)))) {
                /* branch-free: capitalisation is not predictable */
                unsigned isup = (c >> 2) & 1u;                  /* c & C_UPPER */
                cased = NC_TOK_LOWER + isup * (NC_TOK_CAP - NC_TOK_LOWER) +
                        (isup & (unsigned)(acc == 1u)) * NC_TOK_UPPER;
                if (out->n == out->cap) {
                    if (push(out, i, j, NC_WORD, flags | cased) != NC_OK) return NC_ENOMEM;
                } else {
                    nc_token *tok = &out->v[out->n++];
                    tok->start = (uint32_t)i;
                    tok->len = (uint32_t)(j - i);
                    tok->kind = NC_WORD;
                    tok->flags = (uint8_t)(flags | cased);
                }
                i = j;
                if (i < n && s[i] == ' ') { i++; pending = NC_TOK_SPACE; }   /* the usual next byte */
                continue;
            }
        }
        /* fast path: one plain punctuation character, or a lone full stop */
        if ((c == C_PUNCT && b < 0x80 && b != '.' && b != '!' && b != '?' && b != '@' && b != '#') ||
            (b == '.' && (i + 1 >= n || s[i + 1] != '.'))) {
            if (push(out, i, i + 1, NC_PUNCT, flags) != NC_OK) return NC_ENOMEM;
            i++;
            continue;
        }

        end = scan_token(&sc, out, i, c, len, cp, flags, &kind, &cased, &clitic);
        if (c & C_INVALID) flags |= NC_TOK_INVALID;
        if (push(out, i, end, kind, flags | cased) != NC_OK) return NC_ENOMEM;
        if (clitic > end) {
            if (push(out, end, clitic, NC_CLITIC, 0) != NC_OK) return NC_ENOMEM;
            end = clitic;
        }
        i = end;
    }
    return NC_OK;
}

void nc_tokens_free(nc_tokens *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}
