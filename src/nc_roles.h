/* nc_roles — the person a role phrase names ("the Russian president",
 * "Syria's foreign minister"), read from the roles the text gives its persons
 * and from their gazetteer tags:
 *   - a person's role in the text is the words of the title before a mention
 *     ("Syrian Foreign Minister Faisal al-Meqdad", "Russia's defence minister
 *     Sergei Shoigu") or of the apposition after it ("Peskov, the Kremlin
 *     spokesman,"), with the ids of the places among them (nationalities);
 *   - a role phrase names, of the persons whose roles hold its role words (a
 *     leader word is held by any leader word; "defence" and "defense" are one)
 *     and its places, the latest mention before it, else the first after; with
 *     none, of the persons whose tag does ("President of Syria" for "the Syrian
 *     leader"; not a "former" one unless the phrase says so), the same.
 * Each person's role is read once per document and what fits each set of role
 * words and places once (kept in nc_roles until nc_roles_free). No global
 * state; the text and mentions are read, never written. */
#ifndef NC_ROLES_H
#define NC_ROLES_H
#include "nc_common.h"
#include "nc_wordset.h"
#include <stdint.h>

typedef struct nc_rstr { const char *p; size_t n; } nc_rstr;

typedef struct nc_rwords {      /* words of a window (nc_phrase_words), 1-based spans */
    size_t n, cap;
    long *S, *E;
    size_t *off, *len;          /* forms in form[] */
    unsigned char *form, *scratch;
    size_t used, fcap, scap;
} nc_rwords;

typedef struct nc_rmemo nc_rmemo;

typedef struct nc_roles {
    /* the document, set by the caller before the first call and then left alone */
    const unsigned char *t;     /* the text */
    size_t n;
    const uint32_t *pack;       /* 3 per mention, in text order: start (1-based), stop, kind (NC_QE_*) */
    size_t nents;
    const nc_wordset *ws;       /* word classes: NC_QW_ROLE, NC_QW_ROLE_FILL, NC_QW_LEADER */
    const nc_rstr *str;         /* 3 per mention: a place's id and name, a person's gazetteer tag (n = 0: none) */
    /* kept from call to call: zero it before the first; nc_roles_free */
    int32_t *role;              /* per mention: 0 unread, -1 none, else 1 + its record's offset in rec */
    unsigned char *rec;         /* role records, memo keys, normalised tags */
    size_t nrec, caprec;
    uint32_t *idx;              /* lists of mention indices (what fits, the tagged persons) */
    size_t nidx, capidx;
    nc_rmemo *memo;             /* open addressing, capmemo slots (a power of two) */
    size_t nmemo, capmemo;
    int tags_read;
    size_t tagged, ntagged;     /* the tagged persons: pairs (mention, offset of its tag in rec) in idx */
    nc_rwords wa, wb;           /* scratch */
    unsigned char *key;         /* scratch: the memo key being built */
    size_t keycap;
    uint32_t *pl;               /* scratch: places */
    size_t plcap;
} nc_roles;

/* The person the role phrase with words w[0..nw) (lower-case forms, as
 * nc_phrase_words gives them) and places places[0..np) (0-based indices of
 * place mentions) at pos (1-based) names: *out its 0-based mention index, or
 * -1. Returns NC_OK or NC_ENOMEM (the roles stay usable and freeable). */
int nc_roles_by_role(nc_roles *r, const nc_rstr *w, size_t nw, const size_t *places, size_t np, long pos,
                     long *out);

/* The same for the phrase text[a..b] (1-based, inclusive): its words, and
 * with place its places (the place mentions from first, a 1-based index, that
 * start and end in it). */
int nc_roles_phrase(nc_roles *r, long a, long b, size_t first, int place, long *out);

void nc_roles_free(nc_roles *r);

#endif
