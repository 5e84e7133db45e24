#include "nc_gaztsv.h"
#include <string.h>

#define MAXF 6
#define MAXTYPE 64

static int has(const char *s, size_t n, const char *w)
{
    size_t k = strlen(w), i;
    for (i = 0; i + k <= n; i++)
        if (!memcmp(s + i, w, k)) return 1;
    return 0;
}

static int visible(const char *s, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\v' && s[i] != '\f') return 1;
    return 0;
}

/* Case policy of alias a[0..n-1] after its marker (moved past in *a, *n). */
static unsigned alias_mode(const char **a, size_t *n)
{
    size_t i;
    int lower = 0, upper = 0;
    if (**a == '=') { (*a)++; (*n)--; return NC_CASE_EXACT; }
    if (**a == '*') { (*a)++; (*n)--; return NC_CASE_ANY; }
    for (i = 0; i < *n; i++) {
        if ((*a)[i] >= 'a' && (*a)[i] <= 'z') lower = 1;
        if ((*a)[i] >= 'A' && (*a)[i] <= 'Z') upper = 1;
    }
    return (*n <= 5 && !lower && upper) ? NC_CASE_EXACT : NC_CASE_CAPS;
}

static int add_line(nc_gaz *g, const char *s, size_t n, const char **why)
{
    const char *f[MAXF];
    size_t fl[MAXF], nf = 0, i, start = 0, naliases = 0;
    char type[MAXTYPE];
    const char *name, *opts;
    size_t namen, typen, optsn;
    unsigned translit, force = 3;
    uint32_t idx;
    int rc;
    for (i = 0; i <= n && nf < MAXF; i++) {
        if (i == n || s[i] == '\t') {
            f[nf] = s + start;
            fl[nf++] = i - start;
            start = i + 1;
        }
    }
    if (nf < 3) { *why = "expected id<TAB>type<TAB>name<TAB>aliases<TAB>tag"; return NC_EINVAL; }
    if (fl[0] == 0) { *why = "entry without an id"; return NC_EINVAL; }
    if (fl[1] >= MAXTYPE) { *why = "type longer than 63 bytes"; return NC_EINVAL; }
    for (i = 0; i < fl[1]; i++) type[i] = (f[1][i] >= 'a' && f[1][i] <= 'z') ? (char)(f[1][i] - 32) : f[1][i];
    typen = fl[1];
    name = fl[2] ? f[2] : f[0];
    namen = fl[2] ? fl[2] : fl[0];
    opts = nf > 5 ? f[5] : "";
    optsn = nf > 5 ? fl[5] : 0;
    translit = (typen == 6 && !memcmp(type, "PERSON", 6)) || (typen == 3 && !memcmp(type, "ORG", 3));
    if (has(opts, optsn, "notranslit")) translit = 0;
    else if (has(opts, optsn, "translit")) translit = 1;
    if (has(opts, optsn, "exact")) force = NC_CASE_EXACT;
    else if (has(opts, optsn, "anycase")) force = NC_CASE_ANY;
    rc = nc_gaz_entry(g, f[0], fl[0], name, namen, type, typen, nf > 4 ? f[4] : "", nf > 4 ? fl[4] : 0, &idx);
    if (rc != NC_OK) { *why = "cannot add the entry"; return rc; }
    if (nf > 3) {
        const char *a = f[3], *end = f[3] + fl[3];
        while (a < end) {
            const char *b = memchr(a, '|', (size_t)(end - a));
            size_t an;
            unsigned mode;
            if (!b) b = end;
            an = (size_t)(b - a);
            if (visible(a, an)) {
                const char *t = a;
                mode = alias_mode(&t, &an);
                if (force != 3) mode = force;
                rc = nc_gaz_alias(g, idx, t, an, mode, translit);
                if (rc == NC_ENOMEM) return rc;
                if (rc != NC_OK) { *why = "an alias with no word, too many tokens or too long a token"; return rc; }
                naliases++;
            }
            a = b + 1;
        }
    }
    if (naliases == 0) {
        rc = nc_gaz_alias(g, idx, name, namen, force != 3 ? force : NC_CASE_CAPS, translit);
        if (rc == NC_ENOMEM) return rc;
        if (rc != NC_OK) { *why = "a name with no word, too many tokens or too long a token"; return rc; }
    }
    return NC_OK;
}

int nc_gaz_add_tsv(nc_gaz *g, const char *s, size_t n, size_t *line, const char **why)
{
    size_t p = 0, ln = 0;
    *line = 0;
    *why = "";
    if (!g || (!s && n)) return NC_EINVAL;
    while (p < n) {
        const char *nl = memchr(s + p, '\n', n - p);
        size_t e = nl ? (size_t)(nl - s) : n, q = p, len;
        ln++;
        len = e - p;
        if (len && s[e - 1] == '\r') len--;
        while (q < p + len && (s[q] == ' ' || s[q] == '\t')) q++;
        if (visible(s + p, len) && s[q] != '#') {
            int rc = add_line(g, s + p, len, why);
            if (rc != NC_OK) { *line = ln; return rc; }
        }
        p = e + 1;
    }
    return NC_OK;
}
