/* libFuzzer target: the phrase word walker. Words must be in order, inside the
 * input, non-overlapping, and each form no longer than its span. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include "nc_words.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct state { size_t n, next; } state;

static int check(void *ud, size_t start, size_t stop, const unsigned char *form, size_t formn)
{
    state *st = ud;
    if (start < st->next || stop < start || stop >= st->n || formn == 0 || formn > stop - start + 1)
        __builtin_trap();
    (void)form;
    st->next = stop + 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    unsigned char *scratch = malloc(size ? 2 * size : 1);
    state st;
    if (!scratch) return 0;
    st.n = size;
    st.next = 0;
    nc_phrase_words(data, size, scratch, check, &st);
    free(scratch);
    return 0;
}
