#include "nc_tally.h"
#include <stdlib.h>
#include <string.h>

typedef struct rec {
    size_t off[NC_TALLY_NFIELDS], len[NC_TALLY_NFIELDS];   /* fields in the arena */
    uint64_t items, docs, last_doc, h;
    size_t nforms;
    uint32_t first_form, last_form;
} rec;

typedef struct form {
    size_t off, len;   /* in the arena */
    uint64_t h;        /* hash of the record index and the bytes */
    uint32_t rec;      /* the record's index */
    uint32_t next;     /* next form of the same record, or NC_TALLY_END */
} form;

struct nc_tally {
    char *arena;
    size_t alen, acap;
    rec *recs;
    size_t nrecs, rcap;
    form *forms;
    size_t nforms, fcap;
    uint32_t *kidx, *fidx;   /* open addressing: index + 1, 0 = empty; power-of-two sizes */
    size_t kslots, fslots;
    uint64_t doc;
};

static uint64_t hash(uint64_t h, const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) { h ^= (unsigned char)s[i]; h *= 1099511628211ull; }
    return h ^ (h >> 29);
}

#define SEED 1469598103934665603ull

nc_tally *nc_tally_new(void)
{
    nc_tally *t = calloc(1, sizeof *t);
    if (t) t->doc = 1;
    return t;
}

void nc_tally_free(nc_tally *t)
{
    if (!t) return;
    free(t->arena);
    free(t->recs);
    free(t->forms);
    free(t->kidx);
    free(t->fidx);
    free(t);
}

void nc_tally_doc(nc_tally *t) { t->doc++; }

size_t nc_tally_count(const nc_tally *t) { return t->nrecs; }

/* Rebuild an index of nslots slots over n hashed items. */
static int reindex(uint32_t **idx, size_t *slots, size_t n, const void *items, size_t stride, size_t hoff)
{
    size_t ns = *slots ? *slots * 2 : 64, i, j;
    uint32_t *p;
    while (ns < 2 * (n + 1)) ns *= 2;
    if (ns > (size_t)UINT32_MAX || !(p = calloc(ns, sizeof *p))) return NC_ENOMEM;
    for (i = 0; i < n; i++) {
        uint64_t h;
        memcpy(&h, (const char *)items + i * stride + hoff, sizeof h);
        for (j = (size_t)h & (ns - 1); p[j]; j = (j + 1) & (ns - 1)) {}
        p[j] = (uint32_t)(i + 1);
    }
    free(*idx);
    *idx = p;
    *slots = ns;
    return NC_OK;
}

/* Room for need more arena bytes. */
static int arena_room(nc_tally *t, size_t need)
{
    size_t cap = t->acap ? t->acap : 4096;
    char *p;
    if (need > (size_t)-1 / 2 - t->alen) return NC_ENOMEM;
    if (t->alen + need <= t->acap) return NC_OK;
    while (cap < t->alen + need) cap *= 2;
    p = realloc(t->arena, cap);
    if (!p) return NC_ENOMEM;
    t->arena = p;
    t->acap = cap;
    return NC_OK;
}

static size_t put(nc_tally *t, const char *s, size_t n)
{
    size_t off = t->alen;
    if (n) memcpy(t->arena + off, s, n);
    t->alen += n;
    return off;
}

static int same(const nc_tally *t, size_t off, size_t len, const char *s, size_t n)
{
    return len == n && (n == 0 || memcmp(t->arena + off, s, n) == 0);
}

int nc_tally_add(nc_tally *t, const char *const f[NC_TALLY_NFIELDS], const size_t fn[NC_TALLY_NFIELDS],
                 const char *fs, size_t fl)
{
    uint64_t kh, fh;
    size_t i, need = fl, ri;
    uint32_t r = 0, x = 0;
    rec *rp;
    form *fp;
    int k;
    if (!t || !f || !fn || (!fs && fl)) return NC_EINVAL;
    for (k = 0; k < NC_TALLY_NFIELDS; k++) if (!f[k] && fn[k]) return NC_EINVAL;
    kh = hash(SEED, f[NC_TALLY_KEY], fn[NC_TALLY_KEY]);
    if (t->kslots)
        for (i = (size_t)kh & (t->kslots - 1); (r = t->kidx[i]) != 0; i = (i + 1) & (t->kslots - 1)) {
            const rec *c = &t->recs[r - 1];
            if (c->h == kh && same(t, c->off[NC_TALLY_KEY], c->len[NC_TALLY_KEY], f[NC_TALLY_KEY], fn[NC_TALLY_KEY]))
                break;
        }
    ri = r ? r - 1 : t->nrecs;
    fh = hash(SEED ^ ((uint64_t)ri * 0x9E3779B97F4A7C15ull), fs, fl);
    if (r && t->fslots)
        for (i = (size_t)fh & (t->fslots - 1); (x = t->fidx[i]) != 0; i = (i + 1) & (t->fslots - 1)) {
            const form *c = &t->forms[x - 1];
            if (c->h == fh && c->rec == ri && same(t, c->off, c->len, fs, fl)) break;
        }
    if (!r) {
        /* a new record: room for it, its fields and its index slot first */
        if (t->nrecs >= UINT32_MAX - 1) return NC_ENOMEM;
        for (k = 0; k < NC_TALLY_NFIELDS; k++) {
            if (fn[k] > (size_t)-1 / 4 - need) return NC_ENOMEM;
            need += fn[k];
        }
        if (t->nrecs >= t->rcap) {
            rec *p = nc_grow(t->recs, &t->rcap, sizeof *p, 64);
            if (!p) return NC_ENOMEM;
            t->recs = p;
        }
        if (2 * (t->nrecs + 1) > t->kslots
            && reindex(&t->kidx, &t->kslots, t->nrecs, t->recs, sizeof(rec), offsetof(rec, h)) != NC_OK)
            return NC_ENOMEM;
    }
    if (!x) {
        /* a new form: room for it and its index slot */
        if (t->nforms >= UINT32_MAX - 1) return NC_ENOMEM;
        if (t->nforms >= t->fcap) {
            form *p = nc_grow(t->forms, &t->fcap, sizeof *p, 64);
            if (!p) return NC_ENOMEM;
            t->forms = p;
        }
        if (2 * (t->nforms + 1) > t->fslots
            && reindex(&t->fidx, &t->fslots, t->nforms, t->forms, sizeof(form), offsetof(form, h)) != NC_OK)
            return NC_ENOMEM;
    } else {
        need = 0;
    }
    if (arena_room(t, need) != NC_OK) return NC_ENOMEM;
    /* nothing fails from here */
    if (!r) {
        rp = &t->recs[t->nrecs++];
        memset(rp, 0, sizeof *rp);
        for (k = 0; k < NC_TALLY_NFIELDS; k++) {
            rp->off[k] = put(t, f[k], fn[k]);
            rp->len[k] = fn[k];
        }
        rp->h = kh;
        rp->first_form = rp->last_form = NC_TALLY_END;
        for (i = (size_t)kh & (t->kslots - 1); t->kidx[i]; i = (i + 1) & (t->kslots - 1)) {}
        t->kidx[i] = (uint32_t)t->nrecs;
    }
    rp = &t->recs[ri];
    rp->items++;
    if (rp->last_doc != t->doc) { rp->last_doc = t->doc; rp->docs++; }
    if (!x) {
        fp = &t->forms[t->nforms];
        fp->off = put(t, fs, fl);
        fp->len = fl;
        fp->h = fh;
        fp->rec = (uint32_t)ri;
        fp->next = NC_TALLY_END;
        if (rp->last_form == NC_TALLY_END) rp->first_form = (uint32_t)t->nforms;
        else t->forms[rp->last_form].next = (uint32_t)t->nforms;
        rp->last_form = (uint32_t)t->nforms;
        rp->nforms++;
        t->nforms++;
        for (i = (size_t)fh & (t->fslots - 1); t->fidx[i]; i = (i + 1) & (t->fslots - 1)) {}
        t->fidx[i] = (uint32_t)t->nforms;
    }
    return NC_OK;
}

int nc_tally_get(const nc_tally *t, size_t i, nc_tally_rec *r)
{
    const rec *c;
    int k;
    if (!t || !r || i >= t->nrecs) return NC_EINVAL;
    c = &t->recs[i];
    for (k = 0; k < NC_TALLY_NFIELDS; k++) {
        r->s[k] = t->arena + c->off[k];
        r->n[k] = c->len[k];
    }
    r->items = c->items;
    r->docs = c->docs;
    r->nforms = c->nforms;
    r->first_form = c->first_form;
    return NC_OK;
}

uint32_t nc_tally_form(const nc_tally *t, uint32_t f, const char **s, size_t *n)
{
    if (!t || f >= t->nforms) { *s = ""; *n = 0; return NC_TALLY_END; }
    *s = t->arena + t->forms[f].off;
    *n = t->forms[f].len;
    return t->forms[f].next;
}

typedef struct sortkey {
    uint64_t items;
    const char *k;
    size_t kn, i;
} sortkey;

static int cmp(const void *pa, const void *pb)
{
    const sortkey *a = pa, *b = pb;
    size_t m = a->kn < b->kn ? a->kn : b->kn;
    int c;
    if (a->items != b->items) return a->items > b->items ? -1 : 1;
    c = m ? memcmp(a->k, b->k, m) : 0;
    if (c) return c;
    return a->kn < b->kn ? -1 : a->kn > b->kn;
}

int nc_tally_order(const nc_tally *t, size_t *order)
{
    sortkey *v;
    size_t i;
    if (!t || (!order && t->nrecs)) return NC_EINVAL;
    if (!t->nrecs) return NC_OK;
    v = malloc(t->nrecs * sizeof *v);
    if (!v) return NC_ENOMEM;
    for (i = 0; i < t->nrecs; i++) {
        v[i].items = t->recs[i].items;
        v[i].k = t->arena + t->recs[i].off[NC_TALLY_KEY];
        v[i].kn = t->recs[i].len[NC_TALLY_KEY];
        v[i].i = i;
    }
    qsort(v, t->nrecs, sizeof *v, cmp);
    for (i = 0; i < t->nrecs; i++) order[i] = v[i].i;
    free(v);
    return NC_OK;
}
