#include "nc_common.h"
#include <stdlib.h>

void *nc_grow(void *v, size_t *cap, size_t elem, size_t first)
{
    size_t n = *cap ? *cap : first / 2;
    void *p;
    if (n > (size_t)-1 / 2 / elem) return NULL;
    p = realloc(v, 2 * n * elem);
    if (p) *cap = 2 * n;
    return p;
}

const char *nc_strerror(int status)
{
    switch (status) {
    case NC_OK: return "ok";
    case NC_ENOMEM: return "out of memory";
    case NC_ETOOBIG: return "text too large (limit is 4 GiB)";
    case NC_EINVAL: return "invalid argument";
    default: return "unknown error";
    }
}
