/* libFuzzer target: the kind of a figure (nc_claim_kind) and its reading
 * (nc_claim_read, every label) over any bytes. The first four bytes place the
 * window and the figure in the rest of the input; the kind is one the word set
 * can give (or 0), the part 0, 1 or 2, a value read comes with low <= high. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nc_claims.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const words[] = { "killed", "dead", "wounded", "home", "of", "them", "city",
                                         "people", "including", "among", "territory", "'s" };
    nc_wordset ws;
    size_t n, p[4], i;
    int part = -1, kind;
    if (size < 4) return 0;
    n = size - 4;
    for (i = 0; i < 4; i++) p[i] = n ? data[i] * n / 255 : 0;
    /* lo <= a <= b <= hi */
    for (i = 1; i < 4; i++) {
        size_t j = i, t;
        while (j > 0 && p[j - 1] > p[j]) { t = p[j]; p[j] = p[j - 1]; p[j - 1] = t; j--; }
    }
    nc_wordset_init(&ws);
    for (i = 0; i < sizeof words / sizeof words[0]; i++)
        nc_wordset_add(&ws, words[i], strlen(words[i]), (unsigned)(i % 7 + 1) | ((unsigned)(i % 16) << 3) |
                       ((unsigned)(i % 3) << 7) | (i & 1 ? NC_CK_PLACE : 0u) | (i & 2 ? NC_CK_OF_PART : 0u));
    kind = nc_claim_kind((const char *)data + 4, p[0], p[1], p[2], p[3], data[0] & 1, &ws, 5, &part);
    if (kind < 0 || kind > 7 || part < 0 || part > 2) __builtin_trap();
    {
        /* the figure p[1]..p[2] read by every label: a value only with a sane interval */
        nc_claim_value v;
        int label;
        for (label = 0; label < NC_CL_NLABELS; label++) {
            if (nc_claim_read(label, (const char *)data + 4, p[1], p[2], &v) != NC_OK) __builtin_trap();
            if (v.ok && !(v.low <= v.high || v.low != v.low || v.high != v.high)) __builtin_trap();
            if (v.bound < NC_CL_EXACT || v.bound > NC_CL_ABOUT) __builtin_trap();
        }
    }
    nc_wordset_free(&ws);
    return 0;
}
