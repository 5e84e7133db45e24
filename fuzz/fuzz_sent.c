/* libFuzzer target: the sentence splitter. Sentences must cover every token once, in order,
 * and nc_split_text (no token array) must give the same spans and paragraphs. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nc_sent.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const titles[] = { "mr", "dr", "gen" };
    nc_wordset ws;
    nc_tokens t;
    nc_sentences ss;
    size_t i, next = 0;
    nc_wordset_init(&ws);
    for (i = 0; i < 3; i++) nc_wordset_add(&ws, titles[i], strlen(titles[i]), NC_ABBR_TITLE);
    nc_wordset_add(&ws, "sept", 4, NC_ABBR_NUMBER);
    nc_wordset_add(&ws, "inc", 3, NC_ABBR_OTHER);
    nc_wordset_add(&ws, "The", 3, NC_STARTER);
    if (nc_tokenize(&t, (const char *)data, size) == NC_OK &&
        nc_split(&ss, (const char *)data, size, &t, &ws) == NC_OK) {
        for (i = 0; i < ss.n; i++) {
            const nc_sentence *s = &ss.v[i];
            if (s->first != next || s->ntok == 0 || s->len == 0 || (size_t)s->start + s->len > size)
                __builtin_trap();
            next = s->first + s->ntok;
        }
        if (next != t.n) __builtin_trap();
        {
            nc_sentences st;
            nc_tokens scratch;
            memset(&scratch, 0, sizeof scratch);
            memset(&st, 0, sizeof st);
            if (nc_split_text(&st, (const char *)data, size, &ws, &scratch) == NC_OK) {
                if (st.n != ss.n) __builtin_trap();
                for (i = 0; i < ss.n; i++)
                    if (st.v[i].start != ss.v[i].start || st.v[i].len != ss.v[i].len || st.v[i].para != ss.v[i].para)
                        __builtin_trap();
            }
            /* near ranges only: the ends that bear on them are there, and no other */
            {
                size_t rng[4], j, m;
                rng[0] = size / 4;
                rng[1] = size / 4 + 40;
                rng[2] = size / 2 + 40;
                rng[3] = size / 2 + 50;
                if (nc_split_text_in(&st, (const char *)data, size, &ws, &scratch, rng, 2) == NC_OK) {
                    for (j = 0; j < ss.n; j++) {
                        size_t end = (size_t)ss.v[j].start + ss.v[j].len, next = j + 1 < ss.n ? ss.v[j + 1].start : size;
                        int need = j + 1 == ss.n, found = 0;
                        for (m = 0; m < 2; m++)
                            if ((end >= rng[2 * m] && end < rng[2 * m + 1]) || (next >= rng[2 * m] && next < rng[2 * m + 1]))
                                need = 1;
                        for (m = 0; m < st.n; m++)
                            if ((size_t)st.v[m].start + st.v[m].len == end) found = 1;
                        if (need && !found) __builtin_trap();
                    }
                    for (m = 0; m < st.n; m++) {
                        size_t end = (size_t)st.v[m].start + st.v[m].len;
                        int found = 0;
                        for (j = 0; j < ss.n; j++)
                            if ((size_t)ss.v[j].start + ss.v[j].len == end) found = 1;
                        if (!found) __builtin_trap();
                    }
                }
            }
            nc_sentences_free(&st);
            nc_tokens_free(&scratch);
        }
    }
    nc_sentences_free(&ss);
    nc_tokens_free(&t);
    nc_wordset_free(&ws);
    return 0;
}
