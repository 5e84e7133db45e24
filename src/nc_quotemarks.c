/* nc_quotemarks — paragraphs, and quote marks paired into quotations. See
 * nc_quotemarks.h. */
#include "nc_quotemarks.h"
#include "nc_chars.h"
#include <stdlib.h>
#include <string.h>

/* text[i] (1-based), or -1 outside the text */
#define T2(t, n, i) ((i) >= 1 && (i) <= (n) ? (int)(t)[(i) - 1] : -1)

static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }   /* %s */

static int blank_byte(int c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

/* A byte that lets a straight mark after it open a quote (a space, a bracket, a
 * dash, a colon; -1: none) or before it close one. */
static int opens_after(int c)
{
    return c < 0 || c == 32 || c == 9 || c == 10 || c == 13 || c == 40 || c == 91 || c == 123 || c == 58 ||
           c == 45 || c == 0x94 || c == 0x93;   /* last bytes of — – */
}

static int closes_before(int c)
{
    return c < 0 || c == 32 || c == 9 || c == 10 || c == 13 || c == 44 || c == 46 || c == 59 || c == 58 ||
           c == 33 || c == 63 || c == 41 || c == 93 || c == 125 || c == 45 || c == 0xE2;
}

static int mark_alnum(int c) { return c >= 0 && (nc_is_alnum((unsigned)c) || c >= 0xC3); }

/* the end of "\n[ \t\r]*\n" starting at the first newline at or after p, or 0;
 * *s gets its start */
static long blank_line(const unsigned char *t, long n, long p, long *s)
{
    for (; p <= n; p++) {
        const unsigned char *nl = memchr(t + p - 1, '\n', (size_t)(n - p + 1));
        long e;
        if (!nl) return 0;
        p = (long)(nl - t) + 1;
        for (e = p + 1; e <= n && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'); e++) {}
        if (e <= n && t[e - 1] == '\n') { *s = p; return e; }
    }
    return 0;
}

static int push_span(nc_qspans *out, long a, long b)
{
    if (out->n == out->cap) {
        nc_qspan *v = (nc_qspan *)nc_grow(out->v, &out->cap, sizeof *v, 16);
        if (!v) return NC_ENOMEM;
        out->v = v;
    }
    out->v[out->n].a = a;
    out->v[out->n++].b = b;
    return NC_OK;
}

int nc_quote_paragraphs(const unsigned char *t, long n, nc_qspans *out)
{
    long p = 1, s, e, stop, ls = 1, i;
    int wrapped = 0;
    out->n = 0;
    if (blank_line(t, n, 1, &s)) {
        /* hard-wrapped: blank lines between paragraphs, no line over 100 bytes */
        wrapped = 1;
        for (i = 1; i <= n + 1; i++)
            if (i == n + 1 || t[i - 1] == '\n') {
                if (i - ls > 100) { wrapped = 0; break; }
                ls = i + 1;
            }
    }
    while (p <= n) {
        if (wrapped) {
            e = blank_line(t, n, p, &s);
            if (!e) s = 0;
        } else {
            const unsigned char *nl = memchr(t + p - 1, '\n', (size_t)(n - p + 1));
            s = e = nl ? (long)(nl - t) + 1 : 0;
        }
        stop = s ? s - 1 : n;
        while (stop >= p && blank_byte(t[stop - 1])) stop--;
        while (p <= stop && blank_byte(t[p - 1])) p++;
        if (stop >= p && push_span(out, p, stop) != NC_OK) return NC_ENOMEM;
        if (!s) break;
        p = e + 1;
    }
    return NC_OK;
}

typedef struct qmk { long pos; int len; char role; int single; } qmk;   /* role 'o', 'c' or 'e' */
typedef struct qmks { qmk *v; size_t n, cap; } qmks;

/* The marks of the paragraph text[a..b]. */
static int para_marks(const unsigned char *t, long n, long a, long b, qmks *out)
{
    long p = a;
    out->n = 0;
    while (p <= b) {
        long s;
        int c, len = 1, single = 0;
        char role = 0;
        for (s = p; s <= b; s++) {
            c = t[s - 1];
            if (c == '"' || c == '\'' || c == 0xE2 || c == 0xC2) break;
        }
        if (s > b) break;
        c = t[s - 1];
        if (c == '"' || c == '\'') {
            int before = s > a ? t[s - 2] : -1, after = s < b ? t[s] : -1, o, cl;
            single = c == '\'';
            o = opens_after(before) && !opens_after(after);
            cl = closes_before(after) && !opens_after(before);
            if (single) {
                /* an apostrophe (don't, Russia's, the 1990s') never opens or closes */
                if (o && mark_alnum(after)) role = 'o';
                else if (cl) role = 'c';
            } else {
                role = o ? 'o' : (cl ? 'c' : 'e');
            }
        } else if (c == 0xE2) {
            int c2 = s + 1 <= n ? t[s] : -1, c3 = s + 2 <= n ? t[s + 1] : -1;
            len = 3;
            if (c2 == 0x80) {
                if (c3 == 0x9C || c3 == 0x9E) role = 'o';
                else if (c3 == 0x9D) role = 'c';
                else if (c3 == 0x98) { role = 'o'; single = 1; }
                else if (c3 == 0x99) {
                    /* ’ is an apostrophe too: a closing mark only with no letter after it */
                    int after = s + 3 <= n ? t[s + 2] : -1;
                    if (!mark_alnum(after) && s > a && !opens_after(t[s - 2])) { role = 'c'; single = 1; }
                }
            }
        } else {
            int c2 = s + 1 <= n ? t[s] : -1;
            len = 2;
            if (c2 == 0xAB) role = 'o';
            else if (c2 == 0xBB) role = 'c';
        }
        if (role) {
            if (out->n == out->cap) {
                qmk *v = (qmk *)nc_grow(out->v, &out->cap, sizeof *v, 16);
                if (!v) return NC_ENOMEM;
                out->v = v;
            }
            out->v[out->n].pos = s;
            out->v[out->n].len = len;
            out->v[out->n].role = role;
            out->v[out->n++].single = single;
        }
        p = s + len;
    }
    return NC_OK;
}

static int push_mark(nc_qmarks *out, const nc_qmark *q)
{
    if (out->n == out->cap) {
        nc_qmark *v = (nc_qmark *)nc_grow(out->v, &out->cap, sizeof *v, 16);
        if (!v) return NC_ENOMEM;
        out->v = v;
    }
    out->v[out->n++] = *q;
    return NC_OK;
}

static nc_qmark opening(const qmk *m, long para)
{
    nc_qmark q;
    memset(&q, 0, sizeof q);
    q.open = m->pos;
    q.a = m->pos + m->len;
    q.para = para;
    q.single = m->single;
    return q;
}

static int by_open(const void *x, const void *y)
{
    long a = ((const nc_qmark *)x)->open, b = ((const nc_qmark *)y)->open;
    return a < b ? -1 : a > b;
}

int nc_quote_pair(const unsigned char *t, long n, const nc_qspan *paras, size_t np, nc_qmarks *out)
{
    qmks mk = { NULL, 0, 0 };
    nc_qmark carry, open, sopen;
    int has_carry = 0, rc = NC_OK;
    size_t pi, i, k, first_span, j, kept;
    out->n = 0;
    for (pi = 1; pi <= np && rc == NC_OK; pi++) {
        long pa = paras[pi - 1].a, pb = paras[pi - 1].b;
        int has_open = 0, has_sopen = 0;
        if (pa < 1 || pb > n) continue;
        if ((rc = para_marks(t, n, pa, pb, &mk)) != NC_OK) break;
        k = 0;
        if (has_carry) {
            const qmk *m = mk.n ? &mk.v[0] : NULL;
            if (m && m->pos == pa && m->role != 'c' && m->single == carry.single) {
                k = 1;                          /* the continuation mark */
            } else {
                carry.b = paras[pi - 2].b;
                carry.closed = 0;
                if ((rc = push_mark(out, &carry)) != NC_OK) break;
                has_carry = 0;
            }
        }
        /* double marks first; single marks only outside double quotes */
        first_span = out->n;
        if (has_carry) { open = carry; has_open = 1; has_carry = 0; }
        for (i = k; i < mk.n && rc == NC_OK; i++) {
            const qmk *m = &mk.v[i];
            if (m->single) continue;
            if (!has_open) {
                if (m->role != 'c') { open = opening(m, (long)pi); has_open = 1; }
            } else if (m->role == 'o' && m->pos > open.a && opens_after(T2(t, n, m->pos - 1)) &&
                       !(m->pos + m->len <= pb && opens_after(T2(t, n, m->pos + m->len))) && m->len == 3) {
                /* a second opening “ before any closing one: the first was stray */
                open = opening(m, (long)pi);
            } else {
                open.close = m->pos;
                open.b = m->pos - 1;
                open.closed = 1;
                rc = push_mark(out, &open);
                has_open = 0;
            }
        }
        if (rc != NC_OK) break;
        if (has_open) { carry = open; has_carry = 1; }
        /* single quotes, outside the double ones of this paragraph */
        for (i = k; i < mk.n && rc == NC_OK; i++) {
            const qmk *m = &mk.v[i];
            int inside = 0;
            if (!m->single) continue;
            for (j = first_span; j < out->n; j++)
                if (!out->v[j].single && out->v[j].closed && m->pos > out->v[j].open && m->pos < out->v[j].close) {
                    inside = 1;
                    break;
                }
            if (has_carry && m->pos > carry.open) inside = 1;
            if (inside) continue;
            if (!has_sopen) {
                if (m->role == 'o') { sopen = opening(m, (long)pi); has_sopen = 1; }
            } else if (m->role == 'c') {
                sopen.close = m->pos;
                sopen.b = m->pos - 1;
                sopen.closed = 1;
                rc = push_mark(out, &sopen);
                has_sopen = 0;
            }
        }
    }
    if (rc == NC_OK && has_carry && np) {
        carry.b = paras[np - 1].b;
        carry.closed = 0;
        rc = push_mark(out, &carry);
    }
    free(mk.v);
    if (rc != NC_OK) return rc;
    if (out->n > 1) qsort(out->v, out->n, sizeof *out->v, by_open);
    /* trim spaces, and the comma (or colon) that ends a quote before its attribution */
    for (i = 0, kept = 0; i < out->n; i++) {
        nc_qmark q = out->v[i];
        long a = q.a, b = q.b, x;
        int word = 0;
        while (a <= b && a >= 1 && a <= n && is_space(t[a - 1])) a++;
        while (b >= a && b >= 1 && b <= n && (is_space(t[b - 1]) || t[b - 1] == ',' || t[b - 1] == ':' || t[b - 1] == ';')) b--;
        for (x = a; x <= b && x >= 1 && x <= n; x++)
            if (nc_is_alnum(t[x - 1]) || t[x - 1] >= 0x80) { word = 1; break; }
        if (b >= a && word) {
            q.a = a;
            q.b = b;
            out->v[kept++] = q;
        }
    }
    out->n = kept;
    return NC_OK;
}
