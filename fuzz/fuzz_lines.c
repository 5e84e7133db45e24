/* libFuzzer target: the cleaner's line features (nc_lines), the key hash and the
 * date scanner. Lines are in bounds, ordered and trimmed; an ASCII line's hash
 * equals the hash of its KEY form (the property duplicate detection relies on);
 * dates are in bounds, ordered and valid. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nc_dates.h"
#include "nc_lines.h"
#include "nc_norm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    nc_lines ls;
    nc_date d;
    size_t i, pos = 0, prev_end = 0, last = 0;
    int first = 1;
    if (nc_lines_build(&ls, s, size) == NC_OK) {
        for (i = 0; i < ls.n; i++) {
            const nc_line *l = &ls.v[i];
            if (l->end <= l->start || l->end > size || l->start < prev_end) __builtin_trap();
            if ((unsigned char)s[l->start] <= ' ' || (unsigned char)s[l->end - 1] <= ' ') __builtin_trap();
            if (!(l->info & NC_LINE_WIDE)) {
                nc_norm nm;
                if (nc_norm_build(&nm, s + l->start, l->end - l->start, NC_NORM_KEY | NC_NORM_NOMAP) == NC_OK &&
                    nc_key_hash((const unsigned char *)nm.text, nm.len) != l->hash)
                    __builtin_trap();
                nc_norm_free(&nm);
            }
            prev_end = l->end;
        }
    }
    nc_lines_free(&ls);
    while (nc_next_date(s, size, &pos, &d)) {
        if (d.end <= d.start || d.end > size || (!first && d.start < last) || pos > size) __builtin_trap();
        if (d.month < 1 || d.month > 12 || d.day < 1 || d.day > 31 || d.year < 1900 || d.year > 2100)
            __builtin_trap();
        if (d.hour >= 24 || d.minute >= 60 || (d.hour < 0) != (d.minute < 0)) __builtin_trap();
        last = d.end;
        first = 0;
    }
    return 0;
}
