/* nc_tally — counts per key over a stream of documents, kept in C so that a
 * corpus-wide count needs no Lua value per item: for each key (an entity id)
 * the number of items and of documents it occurs in, the fields given with
 * its first item (name, type, source), and the distinct forms it was written
 * in, in order of first appearance.
 *
 * Keys and forms are byte strings (any bytes, NUL included) compared exactly.
 * Memory grows with the number of distinct keys and of distinct forms per
 * key, not with the number of items or documents. Owned memory, no global
 * state; a failed add leaves the tally as it was (and freeable). */
#ifndef NC_TALLY_H
#define NC_TALLY_H
#include "nc_common.h"

typedef struct nc_tally nc_tally;

/* The fields of a record as given with its first item. */
enum { NC_TALLY_KEY, NC_TALLY_NAME, NC_TALLY_TYPE, NC_TALLY_SOURCE, NC_TALLY_NFIELDS };

typedef struct nc_tally_rec {
    const char *s[NC_TALLY_NFIELDS];  /* the fields (inside the tally; valid until the next add) */
    size_t n[NC_TALLY_NFIELDS];
    uint64_t items, docs;
    size_t nforms;
    uint32_t first_form;             /* for nc_tally_form; NC_TALLY_END when none */
} nc_tally_rec;

#define NC_TALLY_END UINT32_MAX

/* A new empty tally, or NULL when out of memory. */
nc_tally *nc_tally_new(void);
void nc_tally_free(nc_tally *t);

/* The items that follow belong to a new document. */
void nc_tally_doc(nc_tally *t);

/* One item: key f[NC_TALLY_KEY] (the other fields are kept only when the key
 * is new), written as form[0..formn-1]. Returns NC_OK or NC_ENOMEM (nothing
 * counted), NC_EINVAL for NULL pointers with a length. */
int nc_tally_add(nc_tally *t, const char *const f[NC_TALLY_NFIELDS], const size_t fn[NC_TALLY_NFIELDS],
                 const char *form, size_t formn);

/* Number of distinct keys. */
size_t nc_tally_count(const nc_tally *t);

/* Record i (0-based, in order of first appearance) into *r; NC_EINVAL when
 * there is no such record. */
int nc_tally_get(const nc_tally *t, size_t i, nc_tally_rec *r);

/* Form f (from first_form, then from the returned index) into *s, *n; returns
 * the next form of the same record, or NC_TALLY_END. */
uint32_t nc_tally_form(const nc_tally *t, uint32_t f, const char **s, size_t *n);

/* The records' indices sorted by items (most first), then key (bytes,
 * shorter first on a tie of the common prefix), into order[0 .. count-1].
 * Returns NC_OK or NC_ENOMEM. */
int nc_tally_order(const nc_tally *t, size_t *order);

#endif
