/* libFuzzer target: the kind of a figure (nc_claim_kind), its reading
 * (nc_claim_read, every label), the words around it (qualifier, unit, name)
 * and a document's figures (nc_claims_collect) over any bytes. The first four bytes place the
 * window and the figure in the rest of the input; the kind is one the word set
 * can give (or 0), the part 0, 1 or 2, a value read comes with low <= high;
 * a figure spans its match, from no earlier than the match before. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <math.h>
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
    {
        /* the words around p[1]..p[2] */
        size_t q = nc_claim_qualifier((const char *)data + 4, p[0], p[1]), len = 0;
        const char *u = nc_claim_unit_after((const char *)data + 4, n, p[2], &len);
        if (q < p[0] || q > p[1] || (u ? len == 0 || p[2] + len > n : len != 0)) __builtin_trap();
        (void)nc_claim_name_before((const char *)data + 4, p[1]);
    }
    {
        /* matches cut by the first 16 bytes: byte k's value sets match k's length, start and code */
        nc_claim_in in[16];
        nc_claims out = { NULL, 0, 0 };
        nc_sentence sv[2];
        size_t nin = 0, at = 0, ns = n > 1 ? 2 : 0;
        for (i = 0; i < 16 && i < n; i++) {
            size_t e = at + (size_t)data[4 + i] % 24;
            if (e > n) break;
            in[nin].start = at + (data[4 + i] & 3u) > e ? e : at + (data[4 + i] & 3u);
            in[nin].end = e;
            in[nin].code = (int)(data[4 + i] >> 4) % (NC_CL_YEAR + 2) - 1;
            in[nin].user = (data[4 + i] & 8) != 0;
            in[nin].value = data[4 + i] & 4 ? (double)data[4 + i] : (double)NAN;
            nin++;
            at = e;
        }
        memset(sv, 0, sizeof sv);
        sv[0].len = (uint32_t)(n / 2);
        sv[1].start = (uint32_t)(n / 2);
        sv[1].len = (uint32_t)(n - n / 2);
        if (nc_claims_collect((const char *)data + 4, n, in, nin, sv, ns, &ws, 5, data[1] % 9 - 1, &out) != NC_OK)
            __builtin_trap();
        for (i = 0; i < out.n; i++) {
            const nc_claim *c = &out.v[i];
            size_t k = c->index;
            if (k >= nin || c->start > in[k].start || c->stop < in[k].end || c->stop > n ||
                (k > 0 && c->start < in[k - 1].end) || c->kind < 0 || c->kind >= NC_CK_NKINDS ||
                (c->sentence && c->sentence > ns) || !(c->low <= c->high || c->low != c->low))
                __builtin_trap();
        }
        nc_claims_free(&out);
    }
    nc_wordset_free(&ws);
    return 0;
}
