/* libFuzzer target: entity mentions (nc_entities). A fixed small gazetteer
 * (a person, a country, a demonym, towns that are also names) and lexicon;
 * the input is the text. Checks: mentions in bounds, non-empty, in text
 * order and not overlapping; a resolved mention points to an earlier
 * mention; the run without discovery gives a subset of the gazetteer. */
#include <stdlib.h>
#include <string.h>
#include "nc_ents.h"
#include "nc_tally.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

static void tally(const nc_ents *o, const unsigned char *s)
{
    nc_tally *t = nc_tally_new();
    nc_tally_rec r;
    size_t i, *order;
    uint64_t items = 0;
    if (!t) return;
    for (i = 0; i < o->n; i++) {
        const char *f[NC_TALLY_NFIELDS];
        size_t fn[NC_TALLY_NFIELDS], len = o->v[i].end - o->v[i].start;
        if (i % 7 == 0) nc_tally_doc(t);
        f[0] = f[1] = (const char *)s + o->v[i].start;
        f[2] = f[3] = "";
        fn[0] = len < 2 ? len : 2;
        fn[1] = len;
        fn[2] = fn[3] = 0;
        if (nc_tally_add(t, f, fn, f[1], len) != NC_OK) abort();
    }
    order = malloc((nc_tally_count(t) + 1) * sizeof *order);
    if (order && nc_tally_order(t, order) != NC_OK) abort();
    for (i = 0; i < nc_tally_count(t); i++) {
        if (nc_tally_get(t, i, &r) != NC_OK || r.nforms == 0 || r.nforms > r.items || r.docs > r.items) abort();
        items += r.items;
    }
    if (items != o->n) abort();
    free(order);
    nc_tally_free(t);
}

static void check(const nc_ents *o, size_t n)
{
    size_t i;
    for (i = 0; i < o->n; i++) {
        const nc_ent *e = &o->v[i];
        if (e->start >= e->end || e->end > n) abort();
        if (i && e->start < o->v[i - 1].end) abort();
        if (e->source == NC_SRC_RESOLVED && (e->ref < 0 || (size_t)e->ref >= i)) abort();
        if (e->source == NC_SRC_GAZ && e->ref < 0) abort();
    }
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const char *const E[][4] = {
        { "Vladimir Putin", "PERSON", "", "Vladimir Putin" }, { "Syria", "PLACE", "country", "Syria" },
        { "Syria", "PLACE", "demonym", "Syrian" }, { "Troy", "PLACE", "town US", "Troy" },
        { "Savage", "PLACE", "city US", "Savage" }, { "al-Qaeda", "ORG", "", "al-Qaeda" },
    };
    static const char *const W[] = { "university", "of", "the", "troy", "said", "also", "minister", "police",
                                     "march", "al", "war", "magazine", "city", "west" };
    static const unsigned B[] = { NC_W_ORG_START | NC_W_ORG_END, NC_W_ORG_CONNECT, NC_W_ORG_CONNECT | NC_W_COMMON,
                                  NC_W_FIRST, NC_W_CUE, NC_W_ADVERB, NC_W_TITLE, NC_W_COMMON, NC_W_MONTH,
                                  NC_W_CONNECT, NC_W_NOTPERSON, NC_W_ORG_END, NC_W_PLACE_BEFORE | NC_W_PLACE_END,
                                  NC_W_COMPASS | NC_W_FIRST | NC_W_ENGLISH };
    nc_gaz *g = nc_gaz_new();
    nc_wordset lex;
    unsigned char ec[6];
    nc_ents o, o2;
    size_t i;
    if (!g) return 0;
    nc_wordset_init(&lex);
    for (i = 0; i < sizeof W / sizeof W[0]; i++) nc_wordset_add(&lex, W[i], strlen(W[i]), B[i]);
    for (i = 0; i < 6; i++) {
        uint32_t e;
        nc_gaz_entry(g, E[i][0], strlen(E[i][0]), E[i][0], strlen(E[i][0]), E[i][1], strlen(E[i][1]),
                     E[i][2], strlen(E[i][2]), &e);
        nc_gaz_alias(g, e, E[i][3], strlen(E[i][3]), NC_CASE_CAPS, 1);
        ec[i] = (unsigned char)nc_ents_entry_class(E[i][1], strlen(E[i][1]), E[i][2], strlen(E[i][2]));
    }
    nc_gaz_freeze(g);
    memset(&o, 0, sizeof o);
    memset(&o2, 0, sizeof o2);
    if (nc_entities(g, ec, 6, &lex, (const char *)data, size, 1, &o) != NC_OK) abort();
    check(&o, size);
    tally(&o, data);
    if (nc_entities(g, ec, 6, &lex, (const char *)data, size, 0, &o2) != NC_OK) abort();
    check(&o2, size);
    for (i = 0; i < o2.n; i++) if (o2.v[i].source != NC_SRC_GAZ && o2.v[i].source != NC_SRC_RESOLVED) abort();
    {
        /* kept working memory: the second half, then the whole text, give
         * what fresh memory gives (nothing of one text shows in the next) */
        nc_ents_work w;
        nc_ents o3;
        memset(&w, 0, sizeof w);
        memset(&o3, 0, sizeof o3);
        if (nc_entities_in(g, ec, 6, &lex, (const char *)data + size / 2, size - size / 2, 1, &o3, &w) != NC_OK)
            abort();
        o3.n = 0;
        if (nc_entities_in(g, ec, 6, &lex, (const char *)data, size, 1, &o3, &w) != NC_OK) abort();
        if (o3.n != o.n) abort();
        for (i = 0; i < o.n; i++)
            if (o3.v[i].start != o.v[i].start || o3.v[i].end != o.v[i].end || o3.v[i].type != o.v[i].type ||
                o3.v[i].source != o.v[i].source || o3.v[i].ref != o.v[i].ref)
                abort();
        free(o3.v);
        nc_ents_work_free(&w);
    }
    free(o.v);
    free(o2.v);
    nc_wordset_free(&lex);
    nc_gaz_free(g);
    return 0;
}
