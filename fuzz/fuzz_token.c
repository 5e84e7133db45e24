/* libFuzzer target: the tokenizer. Tokens must be non-empty, ordered, disjoint and in bounds;
 * only punctuation is flagged terminal, and only a clitic is flagged repaired. */
#include <stddef.h>
#include <stdint.h>
#include "nc_token.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc_tokens t;
    size_t i, pos = 0;
    if (nc_tokenize(&t, (const char *)data, size) == NC_OK) {
        for (i = 0; i < t.n; i++) {
            if (t.v[i].len == 0 || t.v[i].start < pos || (size_t)t.v[i].start + t.v[i].len > size ||
                t.v[i].kind >= NC_NKINDS)
                __builtin_trap();
            if ((t.v[i].flags & NC_TOK_TERMINAL) && t.v[i].kind != NC_PUNCT) __builtin_trap();
            if ((t.v[i].flags & NC_TOK_REPAIRED) && t.v[i].kind != NC_CLITIC) __builtin_trap();
            pos = (size_t)t.v[i].start + t.v[i].len;
        }
    }
    nc_tokens_free(&t);
    return 0;
}
