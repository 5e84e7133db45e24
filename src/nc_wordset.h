/* nc_wordset — an immutable-after-build set of short words with a small value
 * per word (bit flags), for abbreviation and cue lists. Keys compare
 * ASCII-case-insensitively. Owned memory, no global state. */
#ifndef NC_WORDSET_H
#define NC_WORDSET_H
#include "nc_common.h"

#define NC_WORD_MAX 64   /* longer keys are not stored and never found */

/* One slot of the open-addressing table: 16 bytes, four to a cache line; a key
 * of up to 8 bytes is compared inside the slot, a longer one reads the arena
 * only for its tail, so most lookups touch one cache line. */
typedef struct nc_wordset_slot {
    char pre[8];     /* the key's first bytes, lower-cased, zero-padded */
    uint32_t off;    /* key offset in arena; meaningful when len > 0 */
    uint16_t val;    /* OR of the values added for this key; never 0 for a used slot */
    uint8_t len;     /* key length; 0 = empty slot */
    uint8_t tag;     /* 8 bits of the key's hash */
} nc_wordset_slot;

typedef struct nc_wordset {
    char *arena;              /* lower-cased keys, back to back; owned */
    size_t arena_len, arena_cap;
    nc_wordset_slot *slots;   /* open addressing, power-of-two size; owned */
    size_t nslots, count;     /* count < 1/2 of nslots: a miss probes few slots */
    uint64_t seen[64];        /* a bit per (length, first and last byte folded) of the keys:
                               * most words looked up are absent, and most of those are
                               * told so here, before hashing them */
} nc_wordset;

/* Initialise an empty set. */
void nc_wordset_init(nc_wordset *ws);

/* Add word w[0..n-1] with value bits val (1..65535), OR-ing into an existing
 * entry. Returns NC_OK, NC_ENOMEM, or NC_EINVAL (empty, too long, val 0). */
int nc_wordset_add(nc_wordset *ws, const char *w, size_t n, unsigned val);
/* Add the first field (up to a tab, trimmed of spaces) of every line of
 * s[0..n-1] with val, skipping blank lines, '#' comments and fields over
 * NC_WORD_MAX bytes. *added: how many were added (may be NULL). */
int nc_wordset_add_lines(nc_wordset *ws, const char *s, size_t n, unsigned val, size_t *added);

/* Value bits of w[0..n-1], or 0 when absent. */
unsigned nc_wordset_get(const nc_wordset *ws, const char *w, size_t n);

/* Free what *ws owns and zero it; safe to call twice. */
void nc_wordset_free(nc_wordset *ws);

#endif
