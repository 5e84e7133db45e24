/* libFuzzer target: the role reader (nc_roles) on a document read from the
 * input: a capitalised word (letters and non-ASCII bytes) is a person, an organisation or a place (by its
 * length), a place's id is its word in lower case (two places of one word share
 * an id) and its name the word; a person whose word ends in 'x' has the bytes
 * after it up to the line's end as its gazetteer tag. Every role phrase (the
 * words before each blank, from 1 to 40 bytes back) and the phrases of arbitrary
 * words must name -1 or a person mention, and twice the same. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nc_quotes.h"
#include "nc_roles.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check(const nc_roles *r, long k)
{
    if (k < -1 || k >= (long)r->nents) __builtin_trap();
    if (k >= 0 && r->pack[3 * (size_t)k + 2] != NC_QE_PERSON) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const role[] = { "president", "minister", "foreign", "defence", "defense", "leader", "king",
                                        "spokesman", "chief", "the" };
    static const char *const fill[] = { "the", "a", "former", "his", "state", "country's" };
    static const char *const leader[] = { "president", "leader", "king" };
    nc_wordset ws;
    nc_roles r;
    uint32_t *pack = malloc((size + 1) * 3 * sizeof *pack);
    nc_rstr *str = calloc(3 * size + 3, sizeof *str);
    char *low = malloc(size + 1);
    size_t n = size, i, k, ne = 0;
    if (!pack || !str || !low) goto done;
    nc_wordset_init(&ws);
    for (k = 0; k < sizeof role / sizeof role[0]; k++) nc_wordset_add(&ws, role[k], strlen(role[k]), NC_QW_ROLE);
    for (k = 0; k < sizeof fill / sizeof fill[0]; k++) nc_wordset_add(&ws, fill[k], strlen(fill[k]), NC_QW_ROLE_FILL);
    for (k = 0; k < sizeof leader / sizeof leader[0]; k++)
        nc_wordset_add(&ws, leader[k], strlen(leader[k]), NC_QW_LEADER);
    for (i = 0; i < n; i++) low[i] = (char)((data[i] >= 'A' && data[i] <= 'Z') ? data[i] + 32 : data[i]);
    for (i = 0; i < n; i++) {
        if (data[i] >= 'A' && data[i] <= 'Z' && (i == 0 || data[i - 1] == ' ')) {
            size_t e = i, kind;
            while (e + 1 < n && (data[e + 1] >= 0x80 || (data[e + 1] | 32) - 'a' < 26u)) e++;
            kind = (e - i) % 3 + 1;                          /* NC_QE_PERSON, ORG, PLACE */
            pack[3 * ne] = (uint32_t)i + 1;
            pack[3 * ne + 1] = (uint32_t)e + 1;
            pack[3 * ne + 2] = (uint32_t)kind;
            if (kind == NC_QE_PLACE) {
                str[3 * ne].p = low + i;
                str[3 * ne].n = e - i + 1;
                str[3 * ne + 1].p = (const char *)data + i;
                str[3 * ne + 1].n = e - i + 1;
            } else if (kind == NC_QE_PERSON && data[e] == 'x') {
                size_t t = e + 1;
                while (t < n && data[t] != '\n') t++;
                str[3 * ne + 2].p = (const char *)data + e + 1;
                str[3 * ne + 2].n = t - e - 1;
            }
            ne++;
        }
    }
    {
        /* exactly ne mentions, so that a read past them is caught */
        uint32_t *p = malloc((ne ? ne : 1) * 3 * sizeof *p);
        nc_rstr *q = malloc((ne ? ne : 1) * 3 * sizeof *q);
        if (!p || !q) {
            free(p);
            free(q);
            nc_wordset_free(&ws);
            goto done;
        }
        memcpy(p, pack, ne * 3 * sizeof *p);
        memcpy(q, str, ne * 3 * sizeof *q);
        free(pack);
        free(str);
        pack = p;
        str = q;
    }
    memset(&r, 0, sizeof r);
    r.t = data;
    r.n = n;
    r.pack = pack;
    r.nents = ne;
    r.ws = &ws;
    r.str = str;
    for (i = 1; i <= n && i <= 8000; i++) {
        long back, k1, k2;
        if (i < n && data[i] > ' ') continue;                /* phrases that end before a blank */
        for (back = 1; back <= 40 && back <= (long)i; back += 13) {
            long a = (long)i - back + 1;
            size_t first = 0, hi = ne;
            while (first < hi) {                            /* the first mention starting at or after a */
                size_t mid = first + (hi - first) / 2;
                if ((long)pack[3 * mid] < a) first = mid + 1; else hi = mid;
            }
            if (nc_roles_phrase(&r, a, (long)i, first + 1, (int)(i % 2), &k1) != NC_OK) goto out;
            check(&r, k1);
            if (nc_roles_phrase(&r, a, (long)i, first + 1, (int)(i % 2), &k2) != NC_OK) goto out;
            if (k1 != k2) __builtin_trap();
        }
    }
    {
        /* arbitrary words, with places among the mentions */
        nc_rstr w[8];
        size_t pl[4], np = 0, nw = 0;
        long out;
        for (k = 0; k < ne && np < 4; k++)
            if (pack[3 * k + 2] == NC_QE_PLACE) pl[np++] = k;
        for (i = 0; i + 1 < n && nw < 8; i += 1 + data[i] % 7) {
            w[nw].p = low + i;
            w[nw++].n = 1 + data[i + 1] % 9 < n - i ? 1 + data[i + 1] % 9 : n - i;
        }
        if (nc_roles_by_role(&r, w, nw, pl, np, n ? (long)data[0] : 0, &out) == NC_OK) check(&r, out);
    }
out:
    nc_roles_free(&r);
    nc_wordset_free(&ws);
done:
    free(pack);
    free(str);
    free(low);
    return 0;
}
