/* libFuzzer target: the JSON Lines fast path (nc_json). The input is a line.
 * Checks: spans in bounds and in order, a string's unescaped form no longer
 * than its span, and an accepted line read to its end. */
#include <stdlib.h>
#include <string.h>
#include "nc_json.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    const char *s = (const char *)data;
    size_t pos, last = 0;
    nc_json_span sp[2];
    char *buf = malloc(size + 1);
    int rc, k;
    if (!buf) return 0;
    if (nc_json_open(s, size, &pos)) {
        while ((rc = nc_json_next(s, size, &pos, &sp[0], &sp[1])) == 1) {
            for (k = 0; k < 2; k++) {
                if (sp[k].a > sp[k].b || sp[k].b > size || sp[k].a < last) abort();
                last = sp[k].b;
                if (sp[k].kind == NC_JSON_STRING && nc_json_unescape(s, &sp[k], buf) > sp[k].b - sp[k].a) abort();
            }
            if (sp[0].kind != NC_JSON_STRING || pos > size) abort();
        }
        if (rc == 0 && pos != size) abort();
    }
    free(buf);
    return 0;
}
