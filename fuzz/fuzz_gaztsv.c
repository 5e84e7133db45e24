/* libFuzzer target: gazetteer TSV (nc_gaz_add_tsv). The input is the TSV
 * text; whatever it holds, reading either succeeds or names a line within
 * the text, and the gazetteer then freezes and matches the input itself. */
#include <stdlib.h>
#include <string.h>
#include "nc_gaztsv.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    nc_gaz *g = nc_gaz_new();
    nc_gaz_hits h;
    size_t line = 0, i, lines = 1;
    const char *why = NULL;
    int rc;
    if (!g) return 0;
    for (i = 0; i < size; i++) lines += data[i] == '\n';
    rc = nc_gaz_add_tsv(g, (const char *)data, size, &line, &why);
    if (rc != NC_OK && rc != NC_EINVAL && rc != NC_ENOMEM) abort();
    if (rc == NC_EINVAL && (line == 0 || line > lines || !why)) abort();
    if (nc_gaz_freeze(g) == NC_OK) {
        memset(&h, 0, sizeof h);
        if (nc_gaz_match(g, (const char *)data, size, &h) == NC_OK)
            for (i = 0; i < h.n; i++)
                if (h.v[i].start >= h.v[i].end || h.v[i].end > size) abort();
        free(h.v);
    }
    nc_gaz_free(g);
    return 0;
}
