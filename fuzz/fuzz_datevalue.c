/* libFuzzer target: the value of a date match (nc_date_read) over any bytes,
 * every label, with and without an anchor and a numeric order. The first two
 * bytes pick the label and the anchor; the span is the rest of the input, or a
 * part of it after the first NUL. Results are NC_OK with a terminated value
 * and granularity, or one of the documented asks. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nc_datevalue.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    nc_date_ctx ctx;
    nc_date_value v;
    const uint8_t *nul;
    size_t a, b;
    int label, rc;
    if (size < 2) return 0;
    label = data[0] % NC_DV_NLABELS;
    ctx.text = (const char *)data + 2;
    ctx.n = size - 2;
    ctx.anchor_known = data[1] % 3 - 1;
    ctx.anchor = (long)(data[1] * 997L) - 60000L;
    ctx.order = data[1] & 8 ? 'm' : data[1] & 16 ? 'd' : 0;
    nul = memchr(ctx.text, 0, ctx.n);
    a = nul ? (size_t)(nul - (const uint8_t *)ctx.text) : 0;
    b = ctx.n;
    rc = nc_date_read(label, &ctx, a, b, &v);
    if (rc == NC_OK) {
        if (!memchr(v.value, 0, sizeof v.value) || !memchr(v.gran, 0, sizeof v.gran)) __builtin_trap();
        if (v.kind < NC_DV_ABSOLUTE || v.kind > NC_DV_DURATION_KIND) __builtin_trap();
    } else if (rc == NC_DV_NEED_ANCHOR) {
        if (ctx.anchor_known >= 0) __builtin_trap();
    } else if (rc == NC_DV_NEED_ORDER) {
        if (ctx.order != 0 || label != NC_DV_NUMERIC) __builtin_trap();
    } else if (rc != NC_DV_DROP || label != NC_DV_MONTH_CUE) {
        __builtin_trap();
    }
    if (nc_date_read(label, &ctx, 0, ctx.n + 1, &v) != NC_EINVAL) __builtin_trap();     /* past the end */
    if (ctx.n > 0 && nc_date_read(label, &ctx, ctx.n, ctx.n - 1, &v) != NC_EINVAL) __builtin_trap();
    if (nc_date_read(NC_DV_NLABELS, &ctx, a, b, &v) != NC_EINVAL) __builtin_trap();
    return 0;
}
