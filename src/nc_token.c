#include "nc_token.h"
#include "nc_chars.h"
#include "nc_forms.h"
#include "nc_utf8.h"
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[NC_NKINDS] = {
    "word", "number", "punct", "symbol", "url", "email", "handle", "hashtag", "emoji", "clitic"
};

const char *nc_token_kind_name(int kind)
{
    return kind >= 0 && kind < NC_NKINDS ? kind_names[kind] : "?";
}

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

/* What may follow an ASCII word on the fast path: 1 a byte that ends it
 * (space, control, punctuation other than . and those that may continue a
 * URL, e-mail or clitic), 2 a full stop, 0 anything else (bytes >= 0x80,
 * letters, digits, ' @ _ + % - : /). */
static const uint8_t word_after[256] = {
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
    /*   !  "  #  $  %  &  '  (  )  *  +  ,  -  .  /  0-9                          :  ;  <  =  >  ? */
    1, 1, 1, 1, 1, 0, 1, 0, 1, 1, 1, 0, 1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
    /* @  A-Z                                                                      [  \  ]  ^  _ */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0,
    /* `  a-z                                                                      {  |  }  ~  DEL */
    1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1,
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
 * *acc gets bit 1 when the run has an upper-case letter, bit 2 for lower case
 * (and bit 4 for a digit on the byte-wise path: callers mask it off). */
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

/* Scan a word from i. Returns its end; *clitic_end > end when a clitic token
 * [end, *clitic_end) follows. *cased gets NC_TOK_CAP/UPPER/LOWER bits. */
static size_t scan_word(const nc_scan *sc, size_t i, size_t *clitic_end, unsigned *cased)
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
                c = nc_ascii_cls[s[j]];
                len = 1;
            } else {
                c = nc_cls_at(sc, j, &len, &cp);
                if ((c & C_FORMAT) && (nc_cls_peek(sc, j + len) & C_WORD)) c = C_MARK;
            }
            if (!(c & C_WORD)) break;
            if (first) { firstc = c; first = 0; }
            if (c & C_UPPER) nupper++;
            else if (c & C_LOWER) nlower++;
            j += len;
        }
        if (j >= n) break;
        c = nc_cls_at(sc, j, &len, &cp);
        if (c & (C_HYPHEN | C_CONNECT)) {
            if (nc_cls_peek(sc, j + len) & C_WORD) { j += len; continue; }
            break;
        }
        if (c & C_APOS) {
            size_t k = j + len, m = k;
            unsigned c2;
            size_t l2;
            int32_t cp2;
            while (m < n && ((c2 = nc_cls_at(sc, m, &l2, &cp2)) & C_ALPHA)) m += l2;
            if (m == k) break;                          /* trailing apostrophe */
            if (m < n && (nc_cls_peek(sc, m) & C_WORD)) { j = m; continue; }
            if (nc_is_clitic(s + k, m - k)) { *clitic_end = m; break; }
            if (nc_eq_lower(s + k, m - k, "t") && j - i >= 2 && (s[j - 1] | 32) == 'n') {
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

/* Code points that end a sentence when they end a punctuation token. */
static int terminal_cp(int32_t c)
{
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
           c == 0xFF0E || c == 0x061F || c == 0x06D4 || c == 0x0964;
}

/* NC_TOK_TERMINAL when the punctuation s[i..end) ends in a terminal mark. */
static unsigned terminal_flag(const unsigned char *s, size_t i, size_t end)
{
    size_t b = end;
    int32_t cp;
    if (s[end - 1] < 0x80) return terminal_cp(s[end - 1]) ? NC_TOK_TERMINAL : 0u;
    while (b > i && end - b < 4 && (s[b - 1] & 0xC0) == 0x80) b--;
    if (b == i) return 0;
    nc_utf8_decode(s + b - 1, end - b + 1, &cp);
    return terminal_cp(cp) ? NC_TOK_TERMINAL : 0u;
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
    tok->flags = (uint16_t)flags;
    return NC_OK;
}

/* The general path for a token starting at i with class c (code point cp,
 * length len). Returns the end, sets *kind, *cased and *clitic. */
static size_t scan_token(const nc_scan *sc, const nc_tokens *out, size_t i, unsigned c, size_t len,
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
        if ((c & (C_UPPER | C_LOWER)) && b < 0x80 && (end = nc_scan_dotted(sc, i)) > i) {
            *kind = NC_WORD;
            *cased = ((c & C_UPPER) ? NC_TOK_CAP : NC_TOK_LOWER) | NC_TOK_DOTTED;
            return end;
        }
        *kind = (c & C_DIGIT) ? NC_NUMBER : NC_WORD;
        end = (c & C_DIGIT) ? nc_scan_number(sc, i) : scan_word(sc, i, clitic, cased);
        if (b < 0x80 && end < n && nc_maybe_special(s, n, end) && (sp = nc_scan_special(sc, i, kind)) > end) {
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
        while (m < n && (nc_cls_at(sc, m, &l2, &cp2) & C_ALPHA)) m += l2;
        if (!(flags & NC_TOK_SPACE) && out->n && out->v[out->n - 1].kind == NC_WORD &&
            m > end && nc_is_clitic(s + end, m - end) && !(nc_cls_peek(sc, m) & C_WORD)) {
            *kind = NC_CLITIC;
            return m;
        }
        return end;
    }
    if (c & C_EMOJI) {
        *kind = NC_EMOJI;
        return nc_scan_emoji(sc, i, cp);
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
            nc_cls_at(sc, end, &l2, &cp2);
            if (cp2 == 0xFE0F) { *kind = NC_EMOJI; return nc_scan_emoji(sc, i, cp); }
        }
        return end;
    }
    if (b == '@') {
        size_t j = end;
        while (j < n && (nc_is_alnum(s[j]) || s[j] == '_')) j++;
        if (j > end) { *kind = NC_HANDLE; return j; }
    } else if (b == '#') {
        size_t j = end;
        int letters = 0;
        while (j < n) {
            size_t l2;
            int32_t cp2;
            unsigned c2 = nc_cls_at(sc, j, &l2, &cp2);
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

/* Short lower-case words that may be clitics whose apostrophe was lost
 * ("Russia s"): token indices collected without a branch, checked in text
 * order by nc_repair_lost_clitic when the batch is full and at the end. */
#define NC_CAND_BATCH 256
typedef struct cand_batch {
    uint32_t k[NC_CAND_BATCH];
    unsigned n;
} cand_batch;

static void cand_flush(cand_batch *cb, nc_tokens *out, const unsigned char *s, size_t n)
{
    unsigned q;
    for (q = 0; q < cb->n; q++) nc_repair_lost_clitic(out, cb->k[q], s, n);
    cb->n = 0;
}

/* Remember token k when cand is 1 (always writes, counts only candidates). */
static void cand_add(cand_batch *cb, nc_tokens *out, const unsigned char *s, size_t n, size_t k, unsigned cand)
{
    cb->k[cb->n] = (uint32_t)k;
    cb->n += cand;
    if (cb->n == NC_CAND_BATCH) cand_flush(cb, out, s, n);
}

/* The tokens of s[i..to) (sc: the whole text) appended to *out; i is 0 or
 * follows whitespace, `to` is the text's end or whitespace; pending: the
 * flags of the whitespace before i. */
static int tokenize_span(nc_tokens *out, const nc_scan *scp, size_t i, size_t to, unsigned *carry)
{
    nc_scan sc = *scp;
    cand_batch cb;
    const unsigned char *s = sc.s;
    size_t n = sc.n, nl = *carry >> 16;
    unsigned pending = *carry & 0xFFFFu;

    cb.n = 0;
    while (i < to) {
        size_t len, end, clitic;
        int32_t cp;
        unsigned c, b = s[i], flags, cased;
        int kind;

        if (b == ' ') { i++; pending |= NC_TOK_SPACE; continue; }
        if (b < 0x80) {
            c = nc_ascii_cls[b];
            len = 1;
            cp = (int32_t)b;
        } else {
            c = nc_cls_at(&sc, i, &len, &cp);
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

        /* fast path: an ASCII word of letters and digits ending in a space,
         * plain punctuation or a full stop that ends it (most tokens of news) */
        if (c & (C_UPPER | C_LOWER)) {
            unsigned acc = 0, after;
            size_t j = (size_t)(ascii_word_end(s + i + 1, s + n, &acc) - s);
            /* a full stop followed by a letter or digit (U.S., e.g, news.com)
             * is for the general path; "A. Smith" and "said." are not */
            if (j >= n || (after = word_after[s[j]]) == 1 ||
                (after == 2 && (j + 1 >= n || !nc_is_alnum(s[j + 1])))) {
                /* branch-free: capitalisation is not predictable */
                unsigned isup = (c >> 2) & 1u;                  /* c & C_UPPER */
                cased = NC_TOK_LOWER + isup * (NC_TOK_CAP - NC_TOK_LOWER) +
                        (isup & (unsigned)((acc & 3u) == 1u)) * NC_TOK_UPPER;
                if (out->n == out->cap) {
                    if (push(out, i, j, NC_WORD, flags | cased) != NC_OK) return NC_ENOMEM;
                } else {
                    nc_token *tok = &out->v[out->n++];
                    tok->start = (uint32_t)i;
                    tok->len = (uint32_t)(j - i);
                    tok->kind = NC_WORD;
                    tok->flags = (uint16_t)(flags | cased);
                }
                cand_add(&cb, out, s, n, out->n - 1,
                         (unsigned)(j - i <= 2) & (isup ^ 1u) & ((NC_LOST_FIRST >> (b & 31)) & 1u));
                i = j;
                if (i < n && s[i] == ' ') { i++; pending = NC_TOK_SPACE; }   /* the usual next byte */
                continue;
            }
        }
        /* fast path: one plain punctuation character, or a lone full stop */
        if ((c == C_PUNCT && b < 0x80 && b != '.' && b != '!' && b != '?' && b != '@' && b != '#') ||
            (b == '.' && (i + 1 >= n || s[i + 1] != '.'))) {
            if (push(out, i, i + 1, NC_PUNCT, flags | (b == '.' ? NC_TOK_TERMINAL : 0u)) != NC_OK)
                return NC_ENOMEM;
            i++;
            continue;
        }

        end = scan_token(&sc, out, i, c, len, cp, flags, &kind, &cased, &clitic);
        if (c & C_INVALID) flags |= NC_TOK_INVALID;
        if (kind == NC_PUNCT) flags |= terminal_flag(s, i, end);
        if (push(out, i, end, kind, flags | cased) != NC_OK) return NC_ENOMEM;
        if (kind == NC_WORD) cand_add(&cb, out, s, n, out->n - 1, end - i <= 2);
        if (clitic > end) {
            if (push(out, end, clitic, NC_CLITIC, 0) != NC_OK) return NC_ENOMEM;
            end = clitic;
        }
        i = end;
    }
    cand_flush(&cb, out, s, n);
    *carry = pending | (unsigned)(nl < 0xFFFF ? nl : 0xFFFF) << 16;
    return NC_OK;
}

int nc_tokenize(nc_tokens *out, const char *text, size_t n)
{
    nc_scan sc;

    memset(out, 0, sizeof *out);
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!text && n) return NC_EINVAL;
    sc.s = (const unsigned char *)text;
    sc.n = n;
    if (n) {
        size_t guess = n / 6 + 16;
        out->v = malloc(guess * sizeof *out->v);
        if (!out->v) return NC_ENOMEM;
        out->cap = guess;
    }
    {
        unsigned carry = NC_TOK_SPACE;
        return tokenize_span(out, &sc, 0, n, &carry);
    }
}

int nc_tokenize_span(nc_tokens *out, const char *text, size_t n, size_t from, size_t to, unsigned *carry)
{
    nc_scan sc;
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if ((!text && n) || from > to || to > n || !carry) return NC_EINVAL;
    sc.s = (const unsigned char *)text;
    sc.n = n;
    return tokenize_span(out, &sc, from, to, carry);
}

void nc_tokens_free(nc_tokens *t)
{
    free(t->v);
    memset(t, 0, sizeof *t);
}
