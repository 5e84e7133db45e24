#include "nc_roles.h"
#include "nc_quotes.h"
#include "nc_words.h"
#include <stdlib.h>
#include <string.h>

#define RP 3                       /* uint32 per mention in pack */

struct nc_rmemo {
    uint64_t h;
    size_t key, keyn;              /* in rec */
    size_t text, ntext, tag, ntag; /* in idx */
    int used;
};

static long m_start(const nc_roles *r, size_t k) { return (long)r->pack[RP * k]; }
static long m_stop(const nc_roles *r, size_t k) { return (long)r->pack[RP * k + 1]; }
static unsigned m_kind(const nc_roles *r, size_t k) { return r->pack[RP * k + 2]; }

static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }     /* %s */
static int is_alnum(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
static unsigned char low(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c; }

/* ---- memory ----------------------------------------------------------------- */

static int reserve(void **p, size_t *cap, size_t need, size_t size)
{
    size_t c = *cap ? *cap : 64;
    void *q;
    if (need <= *cap) return NC_OK;
    while (c < need) {
        if (c > ((size_t)-1 / 2) / size) return NC_ENOMEM;
        c *= 2;
    }
    if (!(q = realloc(*p, c * size))) return NC_ENOMEM;
    *p = q;
    *cap = c;
    return NC_OK;
}

static int rec_add(nc_roles *r, const void *p, size_t n)
{
    if (n > (size_t)-1 - r->nrec || reserve((void **)&r->rec, &r->caprec, r->nrec + n, 1) != NC_OK)
        return NC_ENOMEM;
    memcpy(r->rec + r->nrec, p, n);
    r->nrec += n;
    return NC_OK;
}

static int idx_add(nc_roles *r, uint32_t v)
{
    if (reserve((void **)&r->idx, &r->capidx, r->nidx + 1, sizeof *r->idx) != NC_OK) return NC_ENOMEM;
    r->idx[r->nidx++] = v;
    return NC_OK;
}

/* ---- the text ----------------------------------------------------------------- */

/* whether text[a..b] (clamped) holds a byte that is no blank (%s, or a byte of U+00A0) */
static int not_blank(const nc_roles *r, long a, long b)
{
    if (a < 1) a = 1;
    if (b > (long)r->n) b = (long)r->n;
    for (; a <= b; a++) {
        unsigned char c = r->t[a - 1];
        if (!(is_space(c) || c == 0xC2 || c == 0xA0)) return 1;
    }
    return 0;
}

/* whether text[a..b] (clamped) holds one of the bytes of set */
static int has_byte(const nc_roles *r, long a, long b, const char *set)
{
    if (a < 1) a = 1;
    if (b > (long)r->n) b = (long)r->n;
    for (; a <= b; a++)
        if (strchr(set, r->t[a - 1]) && r->t[a - 1]) return 1;
    return 0;
}

static int collect(void *ud, size_t start, size_t stop, const unsigned char *form, size_t n)
{
    nc_rwords *w = (nc_rwords *)ud;
    if (w->n + 1 > w->cap) {
        size_t cap = w->cap ? 2 * w->cap : 32;
        long *S = (long *)realloc(w->S, cap * sizeof *S), *E;
        size_t *o, *l;
        if (!S) return 1;
        w->S = S;
        if (!(E = (long *)realloc(w->E, cap * sizeof *E))) return 1;
        w->E = E;
        if (!(o = (size_t *)realloc(w->off, cap * sizeof *o))) return 1;
        w->off = o;
        if (!(l = (size_t *)realloc(w->len, cap * sizeof *l))) return 1;
        w->len = l;
        w->cap = cap;
    }
    if (reserve((void **)&w->form, &w->fcap, w->used + n + 1, 1) != NC_OK) return 1;
    w->S[w->n] = (long)start;
    w->E[w->n] = (long)stop;
    w->off[w->n] = w->used;
    w->len[w->n] = n;
    memcpy(w->form + w->used, form, n);
    w->used += n;
    w->n++;
    return 0;
}

/* The words of text[a..b] (clamped), as core.words reads them: spans 1-based. */
static int read_words(const nc_roles *r, nc_rwords *w, long a, long b)
{
    size_t n, i;
    w->n = 0;
    w->used = 0;
    if (a < 1) a = 1;
    if (b > (long)r->n) b = (long)r->n;
    if (b < a) return NC_OK;
    n = (size_t)(b - a + 1);
    if (n > (size_t)-1 / 2 || reserve((void **)&w->scratch, &w->scap, 2 * n, 1) != NC_OK) return NC_ENOMEM;
    if (nc_phrase_words(r->t + a - 1, n, w->scratch, collect, w) != NC_OK) return NC_ENOMEM;
    for (i = 0; i < w->n; i++) {
        w->S[i] += a;
        w->E[i] += a;
    }
    return NC_OK;
}

static unsigned wclass(const nc_roles *r, const unsigned char *f, size_t n)
{
    return nc_wordset_get(r->ws, (const char *)f, n);
}

static int eq(const unsigned char *f, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(f, s, n) == 0;
}

static int ends_s(const unsigned char *f, size_t n) { return n >= 2 && f[n - 2] == '\'' && f[n - 1] == 's'; }

/* whether mention k's text, ASCII lower case with ’ as ', and then suffix, is f[0..n) */
static int text_is(const nc_roles *r, size_t k, const char *suffix, const unsigned char *f, size_t n)
{
    long a = m_start(r, k), b = m_stop(r, k), p;
    size_t o = 0, sn = strlen(suffix);
    if (a < 1 || b > (long)r->n) return 0;
    for (p = a; p <= b; p++) {
        unsigned char c = r->t[p - 1];
        if (c == 0xE2 && p + 2 <= b && r->t[p] == 0x80 && r->t[p + 1] == 0x99) {
            c = '\'';
            p += 2;
        }
        if (o >= n || f[o] != low(c)) return 0;
        o++;
    }
    return n - o == sn && memcmp(f + o, suffix, sn) == 0;
}

static int same_id(const nc_roles *r, size_t x, size_t y)
{
    return r->str[3 * (x)].n == r->str[3 * (y)].n && (r->str[3 * (x)].n == 0 || memcmp(r->str[3 * (x)].p, r->str[3 * (y)].p, r->str[3 * (x)].n) == 0);
}

/* ---- a person's role ---------------------------------------------------------- */

/* A role's words come from 60 bytes before the name and six words of at most 70
 * bytes after it: at most 36 words, 130 bytes of forms (a form is no longer than
 * its word), so these bounds are never reached. */
#define ROLE_WORDS 64
#define ROLE_BYTES 288

typedef struct rset {              /* a role being read: words (forms) and places (mentions) */
    int nw;
    const unsigned char *w[ROLE_WORDS];
    size_t wn[ROLE_WORDS];
    unsigned char buf[ROLE_BYTES];
    size_t used;
    size_t np;
} rset;

static int set_has(const rset *s, const unsigned char *f, size_t n)
{
    int i;
    for (i = 0; i < s->nw; i++)
        if (s->wn[i] == n && memcmp(s->w[i], f, n) == 0) return 1;
    return 0;
}

static void set_add(rset *s, const unsigned char *f, size_t n)
{
    if (set_has(s, f, n) || s->nw >= ROLE_WORDS || s->used + n > sizeof s->buf || n > 255) return;
    memcpy(s->buf + s->used, f, n);
    s->w[s->nw] = s->buf + s->used;
    s->wn[s->nw++] = n;
    s->used += n;
}

static int place_add(nc_roles *r, rset *s, size_t k)
{
    size_t i;
    for (i = 0; i < s->np; i++)
        if (same_id(r, r->pl[i], k)) return NC_OK;
    if (reserve((void **)&r->pl, &r->plcap, s->np + 1, sizeof *r->pl) != NC_OK) return NC_ENOMEM;
    r->pl[s->np++] = (uint32_t)k;
    return NC_OK;
}

#define WF(w, j) ((w)->form + (w)->off[j])

/* Read the role of person mention i into s (nw = 0: none). */
static int read_role(nc_roles *r, size_t i, rset *s)
{
    nc_rwords *W = &r->wa, *A = &r->wb;
    long st = m_start(r, i), sp = m_stop(r, i), lo = st - 60 < 1 ? 1 : st - 60;
    size_t k = i, kb = i, ka = i + 1, x;
    long j;
    int rc, q;
    s->nw = 0;
    s->used = 0;
    s->np = 0;
    if ((rc = read_words(r, W, lo, st - 1)) != NC_OK) return rc;
    /* the words right before the name, back to a break; k: the first mention
     * starting at or after word j */
    for (j = (long)W->n - 1; j >= 0; j--) {
        const unsigned char *f = WF(W, j);
        size_t fn = W->len[j];
        long sj = W->S[j], ej = W->E[j];
        unsigned c;
        if (not_blank(r, ej + 1, (j + 1 < (long)W->n ? W->S[j + 1] : st) - 1)) break;
        while (k > 0 && m_start(r, k - 1) >= sj) k--;
        c = wclass(r, f, fn);
        if ((c & NC_QW_ROLE) || (m_kind(r, k) == NC_QE_PLACE && (m_start(r, k) == sj || m_stop(r, k) == ej)) ||
            ends_s(f, fn)) {
            set_add(s, f, fn);
        } else if (!(c & NC_QW_ROLE_FILL) && m_kind(r, k) != NC_QE_ORG) {
            /* an organisation before the role ("Kremlin spokesman") is part of it,
             * as is a word of a mention just before the person */
            int ok = 0;
            size_t kk;
            for (kk = i >= 4 ? i - 4 : 0; kk < i; kk++)
                if (m_start(r, kk) <= sj && m_stop(r, kk) >= ej) ok = 1;
            if (!ok) break;
        }
    }
    /* the mentions from lo (kb), and those after the name (ka) */
    while (kb > 0 && m_start(r, kb - 1) >= lo) kb--;
    while (ka < r->nents && m_start(r, ka) <= sp) ka++;
    /* the apposition after: ", the Russian president," / ", Syria's foreign minister" */
    {
        long comma = sp + 1;
        while (comma <= (long)r->n && is_space(r->t[comma - 1])) comma++;
        if (comma <= sp + 70 && comma <= (long)r->n && r->t[comma - 1] == ',') {
            long s0 = comma + 1;
            size_t k2 = ka;
            while (s0 <= (long)r->n && is_space(r->t[s0 - 1])) s0++;
            if (s0 > sp + 71) s0 = sp + 71;
            if ((rc = read_words(r, A, s0, sp + 70)) != NC_OK) return rc;
            for (q = 0; q < (int)A->n && q < 6; q++) {
                const unsigned char *f = WF(A, q);
                size_t fn = A->len[q];
                unsigned c = wclass(r, f, fn);
                if (q > 0 && has_byte(r, A->E[q - 1] + 1, A->S[q] - 1, ",.;:")) break;
                if ((c & NC_QW_ROLE) || ends_s(f, fn)) set_add(s, f, fn);
                else if (!(c & NC_QW_ROLE_FILL)) {
                    while (k2 < r->nents && m_start(r, k2) < A->S[q]) k2++;
                    if (!(k2 < r->nents && m_start(r, k2) == A->S[q])) break;
                    /* a nationality: the role's place ("Varo, the Sylvanian defence minister") */
                    if (m_kind(r, k2) == NC_QE_PLACE) set_add(s, f, fn);
                }
            }
        }
    }
    if (s->nw == 0) return NC_OK;
    /* the places among the role words: a word that is a place's name, or its
     * possessive ("Syria's") */
    for (x = kb; x < i; x++) {
        int y;
        if (m_kind(r, x) != NC_QE_PLACE) continue;
        for (y = 0; y < s->nw; y++)
            if (text_is(r, x, "", s->w[y], s->wn[y])) {
                if ((rc = place_add(r, s, x)) != NC_OK) return rc;
                break;
            }
    }
    for (q = 0; q < s->nw; q++) {
        if (!ends_s(s->w[q], s->wn[q])) continue;
        for (x = kb; x < r->nents && m_start(r, x) < st; x++)
            if (m_kind(r, x) == NC_QE_PLACE && text_is(r, x, "'s", s->w[q], s->wn[q]) &&
                (rc = place_add(r, s, x)) != NC_OK)
                return rc;
    }
    for (q = 0; q < s->nw; q++)
        for (x = ka; x < r->nents && m_start(r, x) <= sp + 70; x++)
            if (m_kind(r, x) == NC_QE_PLACE &&
                (text_is(r, x, "", s->w[q], s->wn[q]) || text_is(r, x, "'s", s->w[q], s->wn[q])) &&
                (rc = place_add(r, s, x)) != NC_OK)
                return rc;
    return NC_OK;
}

/* A role record in rec: [nw] nw x ([len] bytes), [np: 4 bytes] np x [mention: 4 bytes]. */
static int role_of(nc_roles *r, size_t i, const unsigned char **rec)
{
    *rec = NULL;
    if (!r->role) {
        r->role = (int32_t *)calloc(r->nents ? r->nents : 1, sizeof *r->role);
        if (!r->role) return NC_ENOMEM;
    }
    if (r->role[i] == 0) {
        rset s;
        size_t at = r->nrec, p;
        unsigned char b;
        uint32_t np;
        int w, rc;
        if ((rc = read_role(r, i, &s)) != NC_OK) return rc;
        if (s.nw == 0) r->role[i] = -1;
        else {
            if (r->nrec >= 0x7FFFFFF0u) return NC_ENOMEM;
            b = (unsigned char)s.nw;
            if (rec_add(r, &b, 1) != NC_OK) return NC_ENOMEM;
            for (w = 0; w < s.nw; w++) {
                b = (unsigned char)s.wn[w];
                if (rec_add(r, &b, 1) != NC_OK || rec_add(r, s.w[w], s.wn[w]) != NC_OK) return NC_ENOMEM;
            }
            np = (uint32_t)s.np;
            if (rec_add(r, &np, 4) != NC_OK) return NC_ENOMEM;
            for (p = 0; p < s.np; p++)
                if (rec_add(r, &r->pl[p], 4) != NC_OK) return NC_ENOMEM;
            r->role[i] = (int32_t)at + 1;
        }
    }
    if (r->role[i] > 0) *rec = r->rec + (r->role[i] - 1);
    return NC_OK;
}

/* whether a role record holds the word f; with leader, any leader word */
static int rec_has(const nc_roles *r, const unsigned char *rec, const char *f, int leader)
{
    size_t n = rec[0], i, o = 1, fn = f ? strlen(f) : 0;
    for (i = 0; i < n; i++) {
        size_t l = rec[o];
        if (leader ? (wclass(r, rec + o + 1, l) & NC_QW_LEADER) != 0 : (l == fn && memcmp(rec + o + 1, f, fn) == 0))
            return 1;
        o += 1 + l;
    }
    return 0;
}

/* whether a role record holds the place of mention k (its id) */
static int rec_place(const nc_roles *r, const unsigned char *rec, size_t k)
{
    size_t n = rec[0], i, o = 1;
    uint32_t np, x;
    for (i = 0; i < n; i++) o += 1 + rec[o];
    memcpy(&np, rec + o, 4);
    o += 4;
    for (i = 0; i < np; i++, o += 4) {
        memcpy(&x, rec + o, 4);
        if (same_id(r, x, k)) return 1;
    }
    return 0;
}

/* ---- what fits a role phrase ---------------------------------------------------- */

typedef struct want {
    size_t n;
    const char **w;                /* NUL-terminated copies */
    unsigned char *leader;
    const size_t *places;          /* unique by id */
    size_t np;
    int former;
} want;

/* whether text[a..b) holds w (ASCII letters in any case) */
static int holds(const unsigned char *t, size_t a, size_t b, const char *w)
{
    size_t wn = strlen(w), i, j;
    for (i = a; i + wn <= b; i++) {
        for (j = 0; j < wn && low(t[i + j]) == (unsigned char)w[j]; j++) {}
        if (j == wn) return 1;
    }
    return 0;
}

static int contains(const unsigned char *h, size_t hn, const char *pre, const unsigned char *w, size_t wn,
                    const char *post)
{
    size_t pn = strlen(pre), qn = strlen(post), i, total = pn + wn + qn;
    for (i = 0; i + total <= hn; i++)
        if (memcmp(h + i, pre, pn) == 0 && memcmp(h + i + pn, w, wn) == 0 && memcmp(h + i + pn + wn, post, qn) == 0)
            return 1;
    return 0;
}

/* The tagged persons, once: pairs (mention, offset of " <tag> " in rec), the tag
 * in ASCII lower case with each run of other bytes than letters and digits as
 * one space. */
static int read_tags(nc_roles *r)
{
    size_t i;
    if (r->tags_read) return NC_OK;
    r->tagged = r->nidx;
    r->ntagged = 0;
    for (i = 0; i < r->nents; i++) {
        size_t at = r->nrec, j, len;
        const unsigned char *t;
        uint32_t l;
        if (m_kind(r, i) != NC_QE_PERSON || r->str[3 * i + 2].n == 0) continue;
        t = (const unsigned char *)r->str[3 * i + 2].p;
        len = r->str[3 * i + 2].n;
        if (len > 0x7FFFFF00u || r->nrec > 0x7FFFFF00u) return NC_ENOMEM;
        l = 0;
        if (rec_add(r, &l, 4) != NC_OK || rec_add(r, " ", 1) != NC_OK) return NC_ENOMEM;
        for (j = 0; j < len;) {
            if (is_alnum(t[j])) {
                unsigned char c = low(t[j++]);
                if (rec_add(r, &c, 1) != NC_OK) return NC_ENOMEM;
            } else {
                while (j < len && !is_alnum(t[j])) j++;
                if (rec_add(r, " ", 1) != NC_OK) return NC_ENOMEM;
            }
        }
        if (rec_add(r, " ", 1) != NC_OK) return NC_ENOMEM;
        l = (uint32_t)(r->nrec - at - 4);
        memcpy(r->rec + at, &l, 4);
        if (idx_add(r, (uint32_t)i) != NC_OK || idx_add(r, (uint32_t)at) != NC_OK) return NC_ENOMEM;
        r->ntagged++;
    }
    r->tags_read = 1;
    return NC_OK;
}

static int tag_fits(const nc_roles *r, const unsigned char *tag, size_t tn, const want *w)
{
    size_t i;
    int ok = w->former || !contains(tag, tn, " ", (const unsigned char *)"former", 6, " ");
    for (i = 0; i < w->n && ok; i++) {
        const unsigned char *x = (const unsigned char *)w->w[i];
        size_t xn = strlen(w->w[i]);
        int has = contains(tag, tn, " ", x, xn, " ") ||
                  (eq(x, xn, "defense") && contains(tag, tn, " ", (const unsigned char *)"defence", 7, " "));
        if (!has && w->leader[i]) {
            /* a leader word among the tag's words */
            size_t a = 0;
            while (a < tn && !has) {
                size_t b;
                while (a < tn && tag[a] == ' ') a++;
                b = a;
                while (b < tn && tag[b] != ' ') b++;
                if (b > a && (wclass(r, tag + a, b - a) & NC_QW_LEADER)) has = 1;
                a = b;
            }
        }
        if (!has) ok = 0;
    }
    for (i = 0; i < w->np && ok; i++) {
        /* " " and the place's name in ASCII lower case */
        const nc_rstr *nm = &r->str[3 * w->places[i] + 1];
        size_t a, j, found = 0;
        for (a = 0; a + 1 + nm->n <= tn && !found; a++) {
            if (tag[a] != ' ') continue;
            for (j = 0; j < nm->n && tag[a + 1 + j] == low((unsigned char)nm->p[j]); j++) {}
            found = j == nm->n;
        }
        if (!found) ok = 0;
    }
    return ok;
}

static int fitting(nc_roles *r, const want *w, nc_rmemo *m)
{
    size_t i, t;
    int rc;
    /* the persons whose roles in the text hold every role word and place; the
     * bytes their roles are read from (60 before, 70 after) must hold each word
     * that is not a leader word: the others are not read */
    m->text = r->nidx;
    for (i = 0; i < r->nents; i++) {
        const unsigned char *rec;
        size_t a, b, x;
        int ok = 1;
        if (m_kind(r, i) != NC_QE_PERSON) continue;
        a = r->pack[RP * i] > 60 ? r->pack[RP * i] - 61 : 0;
        b = (size_t)r->pack[RP * i + 1] + 70 < r->n ? (size_t)r->pack[RP * i + 1] + 70 : r->n;
        for (x = 0; x < w->n && ok; x++) {
            if (w->leader[x]) continue;
            if (strcmp(w->w[x], "defense") == 0 || strcmp(w->w[x], "defence") == 0)
                ok = holds(r->t, a, b, "defence") || holds(r->t, a, b, "defense");
            else
                ok = holds(r->t, a, b, w->w[x]);
        }
        if (!ok) continue;
        if ((rc = role_of(r, i, &rec)) != NC_OK) return rc;
        if (!rec) continue;
        for (x = 0; x < w->n && ok; x++) {
            const char *f = w->w[x];
            int has = rec_has(r, rec, f, 0) || (strcmp(f, "defense") == 0 && rec_has(r, rec, "defence", 0)) ||
                      (strcmp(f, "defence") == 0 && rec_has(r, rec, "defense", 0));
            if (!has && w->leader[x]) has = rec_has(r, rec, NULL, 1);
            ok = has;
        }
        for (x = 0; x < w->np && ok; x++) ok = rec_place(r, rec, w->places[x]);
        if (ok && (rc = idx_add(r, (uint32_t)i)) != NC_OK) return rc;
    }
    m->ntext = r->nidx - m->text;
    /* the persons whose gazetteer tag does */
    if ((rc = read_tags(r)) != NC_OK) return rc;
    m->tag = r->nidx;
    for (t = 0; t < r->ntagged; t++) {
        uint32_t k = r->idx[r->tagged + 2 * t], at = r->idx[r->tagged + 2 * t + 1], tn;
        memcpy(&tn, r->rec + at, 4);
        if (tag_fits(r, r->rec + at + 4, tn, w) && (rc = idx_add(r, k)) != NC_OK) return rc;
    }
    m->ntag = r->nidx - m->tag;
    return NC_OK;
}

/* Of the mentions idx[from .. from + n) (in text order), the latest that
 * starts before pos, else the first; -1 for none. */
static long nearest_before(const nc_roles *r, size_t from, size_t n, long pos)
{
    long best = -1;
    size_t i;
    for (i = 0; i < n; i++) {
        uint32_t k = r->idx[from + i];
        if (m_start(r, k) < pos) best = (long)k;
        else return best >= 0 ? best : (long)k;
    }
    return best;
}

static int key_add(nc_roles *r, size_t *kn, const void *p, size_t n)
{
    if (n > (size_t)-1 - *kn - 1 || reserve((void **)&r->key, &r->keycap, *kn + n + 1, 1) != NC_OK)
        return NC_ENOMEM;
    memcpy(r->key + *kn, p, n);
    *kn += n;
    return NC_OK;
}

static int id_less(const nc_roles *r, size_t x, size_t y)
{
    const nc_rstr *a = &r->str[3 * (x)], *b = &r->str[3 * (y)];
    size_t n = a->n < b->n ? a->n : b->n;
    int c = n ? memcmp(a->p, b->p, n) : 0;
    return c < 0 || (c == 0 && a->n < b->n);
}

int nc_roles_by_role(nc_roles *r, const nc_rstr *words, size_t nw, const size_t *places, size_t np, long pos,
                     long *out)
{
    want w;
    size_t i, j, kn = 0, *ids = NULL, nids = 0, slot;
    uint64_t h = 1469598103934665603ull;
    nc_rmemo *m;
    char *kw = NULL;
    int rc = NC_OK;
    *out = -1;
    memset(&w, 0, sizeof w);
    if (nw == 0) return NC_OK;
    w.w = (const char **)malloc(nw * sizeof *w.w);
    w.leader = (unsigned char *)malloc(nw);
    if (!w.w || !w.leader) { rc = NC_ENOMEM; goto done; }
    /* the role words and "former" / "ex" */
    for (i = 0; i < nw; i++) {
        const unsigned char *f = (const unsigned char *)words[i].p;
        size_t fn = words[i].n;
        unsigned c = wclass(r, f, fn);
        if (eq(f, fn, "former") || eq(f, fn, "ex")) w.former = 1;
        if (c & NC_QW_ROLE) {
            if (w.n && (rc = key_add(r, &kn, " ", 1)) != NC_OK) goto done;
            if ((rc = key_add(r, &kn, f, fn)) != NC_OK) goto done;
            w.leader[w.n++] = (c & NC_QW_LEADER) != 0;
        }
    }
    if (w.n == 0) goto done;
    /* the places, one per id, sorted by id */
    if (np) {
        if (!(ids = (size_t *)malloc(np * sizeof *ids))) { rc = NC_ENOMEM; goto done; }
        for (i = 0; i < np; i++) {
            for (j = 0; j < nids && !same_id(r, ids[j], places[i]); j++) {}
            if (j == nids) {
                size_t at = nids++;
                while (at > 0 && id_less(r, places[i], ids[at - 1])) {
                    ids[at] = ids[at - 1];
                    at--;
                }
                ids[at] = places[i];
            }
        }
    }
    w.places = ids;
    w.np = nids;
    /* the memo key: the words, the ids, "former" */
    if ((rc = key_add(r, &kn, "|", 1)) != NC_OK) goto done;
    for (i = 0; i < nids; i++)
        if ((i && (rc = key_add(r, &kn, " ", 1)) != NC_OK) ||
            (rc = key_add(r, &kn, r->str[3 * ids[i]].p, r->str[3 * ids[i]].n)) != NC_OK)
            goto done;
    if (w.former && (rc = key_add(r, &kn, "|former", 7)) != NC_OK) goto done;
    for (i = 0; i < kn; i++) h = (h ^ r->key[i]) * 1099511628211ull;
    if ((r->nmemo + 1) * 2 > r->capmemo) {
        size_t cap = r->capmemo ? r->capmemo * 2 : 16;
        nc_rmemo *nm = (nc_rmemo *)calloc(cap, sizeof *nm);
        if (!nm) { rc = NC_ENOMEM; goto done; }
        for (i = 0; i < r->capmemo; i++)
            if (r->memo[i].used) {
                for (slot = (size_t)r->memo[i].h & (cap - 1); nm[slot].used; slot = (slot + 1) & (cap - 1)) {}
                nm[slot] = r->memo[i];
            }
        free(r->memo);
        r->memo = nm;
        r->capmemo = cap;
    }
    for (slot = (size_t)h & (r->capmemo - 1); r->memo[slot].used; slot = (slot + 1) & (r->capmemo - 1)) {
        m = &r->memo[slot];
        if (m->h == h && m->keyn == kn && memcmp(r->rec + m->key, r->key, kn) == 0) break;
    }
    m = &r->memo[slot];
    if (!m->used) {
        nc_rmemo fresh;
        char *p;
        memset(&fresh, 0, sizeof fresh);
        /* the words as NUL-terminated strings (a copy of the key's: rec may move) */
        if (!(kw = (char *)malloc(kn + 1))) { rc = NC_ENOMEM; goto done; }
        memcpy(kw, r->key, kn);
        kw[kn] = 0;
        for (p = kw, i = 0; i < w.n; i++) {
            w.w[i] = p;
            while (*p && *p != ' ' && *p != '|') p++;
            if (*p) *p++ = 0;
        }
        if ((rc = fitting(r, &w, &fresh)) != NC_OK) goto done;
        fresh.key = r->nrec;
        if ((rc = rec_add(r, r->key, kn)) != NC_OK) goto done;
        fresh.keyn = kn;
        fresh.h = h;
        fresh.used = 1;
        *m = fresh;
        r->nmemo++;
    }
    *out = nearest_before(r, m->text, m->ntext, pos);
    if (*out < 0) *out = nearest_before(r, m->tag, m->ntag, pos);
done:
    free(ids);
    free(kw);
    free(w.w);
    free(w.leader);
    return rc;
}

int nc_roles_phrase(nc_roles *r, long a, long b, size_t first, int place, long *out)
{
    nc_rwords *W = &r->wa;
    nc_rstr *ws = NULL;
    size_t *pl = NULL, np = 0, k, i;
    int rc;
    *out = -1;
    if (place && first >= 1) {
        for (k = first - 1; k < r->nents && m_start(r, k) <= b; k++) np++;
        if (np && !(pl = (size_t *)malloc(np * sizeof *pl))) return NC_ENOMEM;
        np = 0;
        for (k = first - 1; k < r->nents && m_start(r, k) <= b; k++)
            if (m_stop(r, k) <= b && m_kind(r, k) == NC_QE_PLACE) pl[np++] = k;
    }
    if ((rc = read_words(r, W, a, b)) != NC_OK) { free(pl); return rc; }
    if (W->n && !(ws = (nc_rstr *)malloc(W->n * sizeof *ws))) { free(pl); return NC_ENOMEM; }
    for (i = 0; i < W->n; i++) {
        ws[i].p = (const char *)WF(W, i);
        ws[i].n = W->len[i];
    }
    /* nc_roles_by_role reads W's words before it reads any role (r->wa) */
    rc = nc_roles_by_role(r, ws, W->n, pl, np, a, out);
    free(ws);
    free(pl);
    return rc;
}

static void words_free(nc_rwords *w)
{
    free(w->S);
    free(w->E);
    free(w->off);
    free(w->len);
    free(w->form);
    free(w->scratch);
}

void nc_roles_free(nc_roles *r)
{
    nc_roles doc;
    if (!r) return;
    free(r->role);
    free(r->rec);
    free(r->idx);
    free(r->memo);
    free(r->key);
    free(r->pl);
    words_free(&r->wa);
    words_free(&r->wb);
    /* what is kept goes; the document the caller set stays */
    memset(&doc, 0, sizeof doc);
    doc.t = r->t;
    doc.n = r->n;
    doc.pack = r->pack;
    doc.nents = r->nents;
    doc.ws = r->ws;
    doc.str = r->str;
    *r = doc;
}
