/* libFuzzer target: the normaliser (NFC and KEY, with and without accents). */
#include <stddef.h>
#include <stdint.h>
#include "nc_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const unsigned forms[] = { NC_NORM_NFC, NC_NORM_KEY, NC_NORM_KEY | NC_NORM_NOACCENTS };
    size_t f, os, oe, i;
    for (f = 0; f < 3; f++) {
        nc_norm nm;
        if (nc_norm_build(&nm, (const char *)data, size, forms[f]) == NC_OK && nm.len > 0) {
            nc_norm_map(&nm, 0, nm.len, &os, &oe);
            if (os > oe || oe > size) __builtin_trap();
            for (i = 0; i < nm.len; i += 1 + nm.len / 64) {   /* every map result in bounds */
                nc_norm_map(&nm, i, i + 1, &os, &oe);
                if (os >= oe || oe > size) __builtin_trap();
            }
        }
        nc_norm_free(&nm);
    }
    return 0;
}
