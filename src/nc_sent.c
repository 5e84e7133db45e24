#include "nc_sent.h"
#include "nc_utf8.h"
#include "nc_chars.h"
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Last code point of token t. */
static int32_t last_cp(const char *s, const nc_token *t)
{
    const unsigned char *p = (const unsigned char *)s + t->start;
    size_t k = t->len, b = k;
    int32_t cp;
    while (b > 0 && k - b < 4 && (p[b - 1] & 0xC0) == 0x80) b--;
    if (b == 0) return NC_UTF8_BAD;
    nc_utf8_decode(p + b - 1, k - b + 1, &cp);
    return cp;
}

/* Punctuation ending in . ! ? or another sentence-final mark (the tokenizer
 * flags it). */
static int is_terminal(const nc_token *t)
{
    return t->kind == NC_PUNCT && (t->flags & NC_TOK_TERMINAL);
}

/* A closing quote or bracket that stays with the sentence it follows. */
static int is_closer(const char *s, const nc_token *t)
{
    int32_t c;
    if (t->kind != NC_PUNCT || (t->flags & NC_TOK_SPACE)) return 0;
    c = last_cp(s, t);
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '}' || c == 0x201D ||
           c == 0x2019 || c == 0x00BB || c == 0x203A || c == 0x300D || c == 0x300F;
}

/* Punctuation that cannot start a sentence. */
static int cannot_start(const char *s, const nc_token *t)
{
    int32_t c;
    if (t->kind == NC_CLITIC) return 1;
    if (t->kind == NC_WORD) return (t->flags & NC_TOK_LOWER) != 0;
    if (t->kind != NC_PUNCT) return 0;
    c = last_cp(s, t);
    return c == ',' || c == ';' || c == ':' || c == ')' || c == ']' || c == '}' || c == '.' ||
           c == '?' || c == '!' || c == '%';
}

/* Wordset value of token t (0 when too long or absent). */
static unsigned lookup(const nc_wordset *ws, const char *s, const nc_token *t)
{
    if (!ws) return 0;
    return nc_wordset_get(ws, s + t->start, t->len);
}

static int is_starter(const nc_wordset *ws, const char *s, const nc_token *t)
{
    return t->kind == NC_WORD && (t->flags & NC_TOK_CAP) && (lookup(ws, s, t) & NC_STARTER);
}

/* The token is a single byte equal to c. */
static int is_char(const char *s, const nc_token *t, char c)
{
    return t->len == 1 && s[t->start] == c;
}

/* Index of the last token of the sentence that contains token i, when a
 * sentence ends there (after absorbing closers), or -1 when it goes on. */
static long boundary_after(const char *s, const nc_token *v, size_t nt, size_t i,
                           const nc_wordset *ws)
{
    const nc_token *t = &v[i], *nx;
    size_t j = i;

    if (i + 1 >= nt) return (long)i;
    nx = &v[i + 1];
    if (nx->flags & NC_TOK_PARA) return (long)i;
    if (nx->flags & NC_TOK_NL) {
        if (is_terminal(t)) return (long)i;
        if ((nx->kind == NC_WORD && (nx->flags & NC_TOK_LOWER)) || is_char(s, t, ',') ||
            is_char(s, t, ';'))
            return -1;                                   /* a wrapped line */
        return (long)i;                                  /* a line without final punctuation */
    }
    if (is_terminal(t)) {
        while (j + 1 < nt && is_closer(s, &v[j + 1]) && !(v[j + 1].flags & NC_TOK_NL)) j++;
        if (j + 1 >= nt) return (long)j;
        nx = &v[j + 1];
        if (nx->flags & NC_TOK_NL) return (long)j;
        if (is_char(s, t, '.') && i > 0 && !(t->flags & NC_TOK_SPACE)) {
            const nc_token *w = &v[i - 1];
            if (w->kind == NC_WORD) {
                unsigned val = lookup(ws, s, w);
                if (val & NC_ABBR_TITLE) return -1;
                if ((val & NC_ABBR_NUMBER) && nx->kind == NC_NUMBER) return -1;
                if ((val & NC_ABBR_OTHER) && !is_starter(ws, s, nx)) return -1;
                if (w->len == 1 && (w->flags & NC_TOK_CAP) && !is_starter(ws, s, nx)) return -1;
            }
        }
        if (cannot_start(s, nx)) return -1;
        return (long)j;
    }
    /* a dotted abbreviation that may end a sentence: "in the U.S. The ..." */
    if ((t->flags & NC_TOK_DOTTED) && is_starter(ws, s, nx))
        return (long)i;
    return -1;
}

static int push(nc_sentences *ss, const nc_token *v, size_t first, size_t last, uint32_t para)
{
    nc_sentence *st;
    if (ss->n == ss->cap) {
        nc_sentence *p = nc_grow(ss->v, &ss->cap, sizeof *p, 16);
        if (!p) return NC_ENOMEM;
        ss->v = p;
    }
    st = &ss->v[ss->n++];
    st->start = v[first].start;
    st->len = v[last].start + v[last].len - v[first].start;
    st->first = (uint32_t)first;
    st->ntok = (uint32_t)(last - first + 1);
    st->para = para;
    return NC_OK;
}

int nc_split(nc_sentences *out, const char *s, size_t n, const nc_tokens *toks,
             const nc_wordset *abbr)
{
    size_t i, first = 0, nt = toks->n;
    const nc_token *v = toks->v;
    uint32_t para = 0;

    (void)n;
    memset(out, 0, sizeof *out);
    for (i = 0; i < nt; i++) {
        long last;
        /* Fast path, exact: a sentence can end only at terminal punctuation,
         * a dotted abbreviation (U.S.), before a line break (a blank line
         * always comes with one) or at the last token. The flags of each
         * token are read once: one load and one branch per token. */
        if (i + 1 < nt) {
            const nc_token *p = v + i, *stop = v + nt - 1;
            unsigned cur = p->flags, nxt;
            for (; p < stop; p++, cur = nxt) {
                nxt = p[1].flags;
                if ((cur & (NC_TOK_TERMINAL | NC_TOK_DOTTED)) | (nxt & NC_TOK_NL)) break;
            }
            i = (size_t)(p - v);
        }
        last = boundary_after(s, v, nt, i, abbr);
        if (last < 0) continue;
        if (first > 0 && (v[first].flags & NC_TOK_NL)) para++;
        if (push(out, v, first, (size_t)last, para) != NC_OK) return NC_ENOMEM;
        i = (size_t)last;
        first = i + 1;
    }
    return NC_OK;
}

void nc_sentences_free(nc_sentences *ss)
{
    free(ss->v);
    memset(ss, 0, sizeof *ss);
}

/* ---- sentences without the whole token array ---------------------------------
 * nc_split_text finds the sentences nc_split gives, tokenizing only around the
 * points where one may end. A token can end a sentence only when it ends in a
 * terminal mark or is a dotted abbreviation (it holds . ! ? or a multi-byte
 * terminal) or a line break follows it; whether it does depends on it, the
 * token before and the tokens after up to the next one that is no closing
 * mark. Whitespace no token holds (a byte below 0x21, U+0085, U+2028, U+2029)
 * cuts the text into chunks; the chunks that hold such a token are tokenized
 * with the two chunks before them and the one after (nc_tokenize_span gives
 * the tokens nc_tokenize gives there), and every token of theirs is decided
 * by boundary_after, in text order, as nc_split decides it. */

/* Bytes of whitespace no token holds at s[k] (1, 2 or 3), or 0. */
static size_t cut_at(const unsigned char *s, size_t n, size_t k)
{
    if (s[k] <= 0x20) return 1;
    if (s[k] == 0xC2) return k + 1 < n && s[k + 1] == 0x85 ? 2 : 0;
    if (s[k] == 0xE2) return k + 2 < n && s[k + 1] == 0x80 && (s[k + 2] == 0xA8 || s[k + 2] == 0xA9) ? 3 : 0;
    return 0;
}

/* Bytes of such whitespace ending right before k, or 0. */
static size_t cut_before(const unsigned char *s, size_t k)
{
    if (k == 0) return 0;
    if (s[k - 1] <= 0x20) return 1;
    if (k >= 2 && s[k - 2] == 0xC2 && s[k - 1] == 0x85) return 2;
    if (k >= 3 && s[k - 3] == 0xE2 && s[k - 2] == 0x80 && (s[k - 1] == 0xA8 || s[k - 1] == 0xA9)) return 3;
    return 0;
}

/* What a byte may start: 1 a terminal mark (. ! ?), 2 a line break, 3 a
 * multi-byte character to look at (a terminal mark or a line break). */
static const unsigned char MARK_BYTE[256] = {
    ['.'] = 1, ['!'] = 1, ['?'] = 1, ['\n'] = 2, ['\r'] = 2,
    [0xC2] = 3, [0xD8] = 3, [0xDB] = 3, [0xE0] = 3, [0xE2] = 3, [0xE3] = 3, [0xEF] = 3
};

/* The first k' >= k where a byte may start a mark (MARK_BYTE, or any byte
 * >= 0x80 on the SSE2 path), or n. */
static size_t next_mark(const unsigned char *s, size_t n, size_t k)
{
#if defined(__SSE2__)
    const __m128i dot = _mm_set1_epi8('.'), exc = _mm_set1_epi8('!'), que = _mm_set1_epi8('?'),
                  lf = _mm_set1_epi8('\n'), cr = _mm_set1_epi8('\r');
    while (k + 16 <= n) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
        __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, dot), _mm_cmpeq_epi8(x, exc)),
                                 _mm_or_si128(_mm_cmpeq_epi8(x, que), _mm_or_si128(_mm_cmpeq_epi8(x, lf),
                                                                                 _mm_cmpeq_epi8(x, cr))));
        unsigned bits = (unsigned)_mm_movemask_epi8(_mm_or_si128(m, x));   /* x: its bytes >= 0x80 */
        if (bits) return k + (size_t)__builtin_ctz(bits);
        k += 16;
    }
#endif
    while (k < n && !MARK_BYTE[s[k]]) k++;
    return k;
}

/* The multi-byte character at s[k] (lead byte with MARK_BYTE 3): 1 a
 * terminal mark (terminal_cp in nc_token.c), 2 a line break, 0 neither. */
static int multi_mark(const unsigned char *s, size_t n, size_t k)
{
    unsigned b1 = k + 1 < n ? s[k + 1] : 0, b2 = k + 2 < n ? s[k + 2] : 0;
    switch (s[k]) {
    case 0xC2: return b1 == 0x85 ? 2 : 0;                                   /* U+0085 */
    case 0xD8: return b1 == 0x9F;                                           /* U+061F */
    case 0xDB: return b1 == 0x94;                                           /* U+06D4 */
    case 0xE0: return b1 == 0xA5 && b2 == 0xA4;                             /* U+0964 */
    case 0xE2:
        if (b1 == 0x80) return b2 == 0xA6 || b2 == 0xBC ? 1 : b2 == 0xA8 || b2 == 0xA9 ? 2 : 0;
        return b1 == 0x81 && b2 >= 0x87 && b2 <= 0x89;                      /* U+2047..2049 */
    case 0xE3: return b1 == 0x80 && b2 == 0x82;                             /* U+3002 */
    case 0xEF: return b1 == 0xBC && (b2 == 0x81 || b2 == 0x8E || b2 == 0x9F); /* U+FF01 FF0E FF1F */
    default: return 0;
    }
}

typedef struct split_state {
    const unsigned char *s;
    size_t n;
    const nc_wordset *abbr;
    nc_tokens *t;          /* the window's tokens, s[wfrom..wto) */
    size_t wfrom, wto;
    unsigned carry;        /* the tokenizer's whitespace state at wto */
    int open;              /* a window is held */
    size_t done;           /* tokens starting before this are decided */
    size_t first;          /* start of the sentence under way */
    unsigned first_nl;     /* its first token follows a line break (and is not the text's first) */
    uint32_t para;
    int finished;          /* the text's last token ended a sentence */
    nc_sentences *out;
} split_state;

/* Start of the chunk ending at e (or holding e - 1). */
static size_t chunk_start(const unsigned char *s, size_t e)
{
    while (e > 0) {
        unsigned c = s[e - 1];
        if (c <= 0x20 || ((c == 0x85 || c == 0xA8 || c == 0xA9) && cut_before(s, e))) break;
        e--;
    }
    return e;
}

/* End of the chunk starting at or holding k. */
static size_t chunk_end(const unsigned char *s, size_t n, size_t k)
{
    while (k < n) {
        unsigned c = s[k];
        if (c <= 0x20 || ((c == 0xC2 || c == 0xE2) && cut_at(s, n, k))) break;
        k++;
    }
    return k;
}

/* Tokenize so that the window holds the chunk [cs, ce), `back` (2 or 3)
 * tokens before it (or the text from 0) and at least one token after ce (or
 * the text to its end). A token is decided by itself, the token before (an
 * abbreviation?) and the one before that (which says whether the token before
 * is a lost clitic), and the tokens after. Returns NC_OK or an error. */
static int cover(split_state *st, size_t cs, size_t ce, size_t back)
{
    const unsigned char *s = st->s;
    size_t r = cs, k, to;
    int chunks = 0, rc, want = (int)back;
    for (;;) {
        /* back over `want` chunks, or to the window's end (then the window goes on) */
        while (r > 0 && !(st->open && r <= st->wto)) {
            size_t c = cut_before(s, r);
            if (c) { r -= c; continue; }
            if (chunks == want) break;
            r = chunk_start(s, r);
            chunks++;
        }
        if (st->open && r <= st->wto) {
            r = st->wto;
        } else {
            st->t->n = 0;
            st->wfrom = r;
            st->wto = r;
            st->carry = NC_TOK_SPACE;
            st->open = 1;
        }
        to = ce > st->wto ? ce : st->wto;
        if (to > r && (rc = nc_tokenize_span(st->t, (const char *)s, st->n, r, to, &st->carry)) != NC_OK) return rc;
        st->wto = to;
        /* `back` tokens before the chunk (the text's first ones aside): chunks
         * of no-break spaces alone hold none, so look further back */
        if ((st->t->n >= back && st->t->v[back - 1].start < cs) || st->wfrom == 0) break;
        st->open = 0;
        r = st->wfrom;
        want = 2 * chunks + 2;             /* twice as far: linear over a run of such chunks */
    }
    /* a token after ce: the next chunks, until one holds a token */
    while (st->wto < st->n && (st->t->n == 0 || st->t->v[st->t->n - 1].start < ce)) {
        k = st->wto;
        while (k < st->n && cut_at(s, st->n, k)) k += cut_at(s, st->n, k);
        k = chunk_end(s, st->n, k);
        if ((rc = nc_tokenize_span(st->t, (const char *)s, st->n, st->wto, k, &st->carry)) != NC_OK) return rc;
        st->wto = k;
    }
    return NC_OK;
}

/* Index of the first of the nt tokens v that starts at or after pos. */
static size_t first_from(const nc_token *v, size_t nt, size_t pos)
{
    size_t lo = 0, hi = nt;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid].start < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* Decide the tokens of the window that start in [cs, ce) and, with prev, the
 * last token before cs (before a line break, the chunk before it may hold no
 * token: no-break spaces or format characters), in order; none that starts
 * before st->done. */
static int decide_chunk(split_state *st, size_t cs, size_t ce, int prev)
{
    const nc_token *v = st->t->v;
    size_t nt = st->t->n, i;
    int at_end = st->wto >= st->n;
    /* the first token at or after cs (with prev, the one before it), unless decided */
    size_t lo = first_from(v, nt, cs);
    if (prev && lo > 0) lo--;
    if (lo < nt && v[lo].start < st->done) lo = first_from(v, nt, st->done);
    for (i = lo; i < nt && v[i].start < ce && !st->finished; i++) {
        unsigned nxt = i + 1 < nt ? v[i + 1].flags : 0;
        long last;
        if (!((v[i].flags & (NC_TOK_TERMINAL | NC_TOK_DOTTED)) || (nxt & NC_TOK_NL) || (i + 1 >= nt && at_end)))
            continue;
        last = boundary_after((const char *)st->s, v, nt, i, st->abbr);
        if (last < 0) continue;
        {
            nc_sentence *sn;
            const nc_token *e = &v[last];
            if (st->first_nl) st->para++;
            if (st->out->n == st->out->cap) {
                nc_sentence *p = nc_grow(st->out->v, &st->out->cap, sizeof *p, 16);
                if (!p) return NC_ENOMEM;
                st->out->v = p;
            }
            sn = &st->out->v[st->out->n++];
            sn->start = (uint32_t)st->first;
            sn->len = (uint32_t)(e->start + e->len - st->first);
            sn->first = 0;
            sn->ntok = 0;
            sn->para = st->para;
            st->done = (size_t)e->start + e->len;
        }
        if ((size_t)last + 1 < nt) {
            st->first = v[last + 1].start;
            st->first_nl = v[last + 1].flags & NC_TOK_NL;
        } else {
            st->finished = 1;       /* the text's last token (at_end, see cover) */
        }
        i = (size_t)last;
    }
    return NC_OK;
}

int nc_split_text(nc_sentences *out, const char *text, size_t n, const nc_wordset *abbr, nc_tokens *scratch)
{
    return nc_split_text_in(out, text, n, abbr, scratch, NULL, 0);
}

/* Where the marks that can bear on [lo, hi) lie: from the start of the chunk
 * before the one that holds lo - 1 or ends before lo (a sentence that ends
 * there may be followed by one that starts in the range) to the start of the
 * chunk after hi - 1 (a line break after the chunk that holds it ends its
 * sentence). */
/* Whether s[a..b) holds only what the tokenizer passes over before a token
 * (no-break and other spaces, format characters): a chunk with no token. */
static int blank(const unsigned char *s, size_t n, size_t a, size_t b)
{
    nc_scan sc;
    sc.s = s;
    sc.n = n;
    while (a < b) {
        size_t len;
        int32_t cp;
        if (!(nc_cls_at(&sc, a, &len, &cp) & (C_SPACE | C_FORMAT))) return 0;   /* DEL is a space too */
        a += len;
    }
    return 1;
}

static void region(const unsigned char *s, size_t n, size_t lo, size_t hi, size_t *rs, size_t *re)
{
    size_t p = lo, c;
    int more = 2;
    /* back over two chunks that may hold a token (chunks of no-break spaces or
     * format characters hold none): the one that holds lo - 1 (or ends before
     * lo), and the one before (lo may follow format characters that open its
     * chunk, after which the next sentence starts) */
    for (;;) {
        while (p > 0 && cut_before(s, p)) p -= cut_before(s, p);
        c = chunk_start(s, p);
        if (c == p || (!blank(s, n, c, chunk_end(s, n, c)) && --more == 0)) break;
        p = c;
    }
    *rs = c;
    p = hi;
    if (p > 0 && p < n && !cut_before(s, p)) p = chunk_end(s, n, p);
    for (;;) {
        while (p < n && cut_at(s, n, p)) p += cut_at(s, n, p);
        c = chunk_end(s, n, p);
        if (p >= n || !blank(s, n, p, c)) break;
        p = c;
    }
    *re = p;
}

int nc_split_text_in(nc_sentences *out, const char *text, size_t n, const nc_wordset *abbr, nc_tokens *scratch,
                     const size_t *rng, size_t nrng)
{
    split_state st;
    const unsigned char *s = (const unsigned char *)text;
    size_t k = 0, last_ce = 0, ri = 0, re = n;
    int rc;
    out->n = 0;                                       /* its memory is kept */
    if (!text && n) return NC_EINVAL;
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    memset(&st, 0, sizeof st);
    st.s = s;
    st.n = n;
    st.abbr = abbr;
    st.t = scratch;
    st.out = out;
    scratch->n = 0;
    st.carry = NC_TOK_SPACE;
    /* the first token starts the first sentence */
    {
        size_t e = 0;
        while (scratch->n == 0 && e < n) {
            size_t b = e;
            while (b < n && cut_at(s, n, b)) b += cut_at(s, n, b);
            e = chunk_end(s, n, b);
            if ((rc = nc_tokenize_span(scratch, text, n, st.wto, e, &st.carry)) != NC_OK) return rc;
            st.wto = e;
        }
        if (scratch->n == 0) return NC_OK;            /* no token: no sentence */
        st.open = 1;
        st.first = scratch->v[0].start;
    }
    if (rng) {                                        /* the first range's marks */
        size_t rs;
        re = 0;
        if (nrng) {
            region(s, n, rng[0] < n ? rng[0] : n, rng[1] < n ? rng[1] : n, &rs, &re);
            k = rs;
        }
    }
    while (!st.finished) {
        unsigned m;
        size_t cs, ce;
        if ((k = next_mark(s, re, k)) >= re) {
            size_t rs;
            if (!rng || ++ri >= nrng) break;
            region(s, n, rng[2 * ri] < n ? rng[2 * ri] : n, rng[2 * ri + 1] < n ? rng[2 * ri + 1] : n, &rs, &re);
            if (k < rs) k = rs;
            continue;
        }
        m = MARK_BYTE[s[k]];
        if (!m) { k++; continue; }
        if (m == 3 && !(m = (unsigned)multi_mark(s, n, k))) { k++; continue; }
        if (m == 1) {
            /* a terminal mark: its chunk */
            cs = chunk_start(s, k);
            ce = chunk_end(s, n, k);
        } else {
            /* a line break: the chunk before it (the whole run of whitespace
             * is passed at once: each run is walked back once) */
            size_t e = k;
            while (e > 0 && cut_before(s, e)) e -= cut_before(s, e);
            while (k < n && cut_at(s, n, k)) k += cut_at(s, n, k);
            if (e == 0) continue;
            ce = e;
            cs = chunk_start(s, e);
        }
        if (ce > last_ce) {
            if ((rc = cover(&st, cs, ce, m == 1 ? 2 : 3)) != NC_OK) return rc;
            if ((rc = decide_chunk(&st, cs, ce, m != 1)) != NC_OK) return rc;
            last_ce = ce;
        }
        if (k < ce) k = ce;
    }
    if (!st.finished) {
        /* the last chunk that holds a token ends the last sentence */
        size_t e = n, cs;
        nc_tokens probe;
        memset(&probe, 0, sizeof probe);
        for (;;) {
            while (e > 0 && cut_before(s, e)) e -= cut_before(s, e);
            if (e == 0) break;                       /* cannot happen: a token was found */
            cs = chunk_start(s, e);
            unsigned pc = NC_TOK_SPACE;
            probe.n = 0;
            if ((rc = nc_tokenize_span(&probe, text, n, cs, e, &pc)) != NC_OK) { nc_tokens_free(&probe); return rc; }
            if (probe.n) break;
            e = cs;
        }
        nc_tokens_free(&probe);
        if (e > 0) {
            cs = chunk_start(s, e);
            if ((rc = cover(&st, cs, e, 2)) != NC_OK) return rc;
            if ((rc = decide_chunk(&st, st.done > cs ? st.done : cs, n, 0)) != NC_OK) return rc;
        }
    }
    return NC_OK;
}
