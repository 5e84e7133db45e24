#include "nc_sent.h"
#include "nc_utf8.h"
#include <stdlib.h>
#include <string.h>

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

/* ASCII bytes that end a sentence: . ! ? */
static const uint8_t ascii_term[128] = { ['.'] = 1, ['!'] = 1, ['?'] = 1 };

static int is_terminal(const char *s, const nc_token *t)
{
    int32_t c;
    unsigned b;
    if (t->kind != NC_PUNCT) return 0;
    b = (unsigned char)s[t->start + t->len - 1];
    if (b < 0x80) return ascii_term[b];
    c = last_cp(s, t);
    return c == '.' || c == '!' || c == '?' || c == 0x2026 || c == 0x203C || c == 0x2047 ||
           c == 0x2048 || c == 0x2049 || c == 0x3002 || c == 0xFF01 || c == 0xFF1F ||
           c == 0xFF0E || c == 0x061F || c == 0x06D4 || c == 0x0964;
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
        if (is_terminal(s, t)) return (long)i;
        if ((nx->kind == NC_WORD && (nx->flags & NC_TOK_LOWER)) || is_char(s, t, ',') ||
            is_char(s, t, ';'))
            return -1;                                   /* a wrapped line */
        return (long)i;                                  /* a line without final punctuation */
    }
    if (is_terminal(s, t)) {
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
        /* Fast path, exact: a token other than punctuation can end a sentence
         * only before a line break, as a dotted abbreviation (U.S.), or as the
         * last token. One branch, computed without branches. */
        if (i + 1 < nt) {
            /* punctuation other than a terminal (a comma, a bracket) goes on
             * too, when it is one ASCII byte: checked without decoding */
            unsigned b = (unsigned char)s[v[i].start];
            unsigned need = ((unsigned)(v[i].kind == NC_PUNCT) &
                             ((unsigned)(v[i].len != 1) | (unsigned)(b >= 0x80) | ascii_term[b & 0x7F])) |
                            ((v[i + 1].flags & (NC_TOK_NL | NC_TOK_PARA)) != 0) |
                            ((v[i].flags & NC_TOK_DOTTED) != 0);
            if (!need) continue;
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
