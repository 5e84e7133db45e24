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
