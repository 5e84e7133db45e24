/* nc_gaz — a gazetteer compiled into a token trie, matched whole-token,
 * leftmost-longest and non-overlapping over any number of texts.
 *
 * Matching runs on a key stream, not on the bytes: the text is cut into
 * tokens (runs of letters, marks and digits; every other visible character
 * is a token of its own; spaces and hyphens only separate), and each token
 * is keyed by NFKC + case folding + accent stripping (ASCII: lower case), with
 * typographic apostrophes unified. "Côte d’Ivoire", "COTE D'IVOIRE" and
 * "Cote d'Ivoire" have one key sequence; "al-Assad" and "al Assad" too.
 * Offsets of matches are byte offsets into the original text.
 *
 * Case policy, per alias:
 *   NC_CASE_CAPS  (default) case-insensitive, but every token the alias
 *                 writes with an initial capital must start with a capital
 *                 in the text ("Islamic State", "ISLAMIC STATE"; not
 *                 "islamic state");
 *   NC_CASE_EXACT the original bytes of every token must be equal ("US",
 *                 "IS", "Nice" match only so written);
 *   NC_CASE_ANY   any case.
 * Only tokens that begin with a capital can start a CAPS or EXACT match, so
 * the scanner skips lower-case text eight bytes at a time. Tokens before
 * the first capitalised one ("al" in "al-Qaeda") are a left context checked
 * backwards from it (letters of scripts without case count as capitals). A
 * CAPS alias written in lower case must be capitalised in the text at its
 * first token. An ANY alias, or an EXACT one with no capitalised token
 * ("iPhone"), makes the scanner visit every token (slower; see nc_gaz_info).
 *
 * Transliteration: an alias added with translit = 1 is also stored under its
 * name key (nc_name_key): leading al-/el- particles dropped, q -> k, doubled
 * letters single, the first vowel run reduced to its class (a | e i y | o u)
 * and later vowel runs to one mark. A text that fails the exact key is tried
 * on the name key, so "al-Meqdad" finds an entry written "Mekdad".
 *
 * Immutable once frozen: nc_gaz_match only reads the gazetteer, so one
 * compiled gazetteer may serve any number of threads. No global state. */
#ifndef NC_GAZ_H
#define NC_GAZ_H
#include "nc_common.h"

enum { NC_CASE_CAPS = 0, NC_CASE_EXACT = 1, NC_CASE_ANY = 2 };

#define NC_GAZ_MAXTOK 16     /* tokens in one alias */
#define NC_GAZ_MAXKEY 255    /* bytes in one token key */

/* how a match was made (nc_gaz_hit.how bits) */
#define NC_GAZ_TRANSLIT 1u   /* through the name key */
#define NC_GAZ_PARTICLE 2u   /* start extended over an al-/el- particle */

typedef struct nc_gaz nc_gaz;

typedef struct nc_gaz_hit {
    uint32_t start, end;     /* original bytes [start, end), 0-based */
    uint32_t entry;          /* entry index (0-based, in order of nc_gaz_entry) */
    uint32_t alias;          /* alias index (0-based, in order of nc_gaz_alias) */
    uint32_t how;            /* NC_GAZ_* bits */
} nc_gaz_hit;

typedef struct nc_gaz_hits {
    nc_gaz_hit *v;
    size_t n, cap;
} nc_gaz_hits;

typedef struct nc_gaz_info {
    size_t entries, aliases, nodes, translit_nodes, bytes;
    int scan_all;            /* 1: some alias has no capitalised token */
    int frozen;
} nc_gaz_info;

/* A new, empty gazetteer, or NULL when out of memory. */
nc_gaz *nc_gaz_new(void);
void nc_gaz_free(nc_gaz *g);

/* Add an entry: strings are copied (any may be empty). Its index is stored in
 * *index. NC_EINVAL once frozen. */
int nc_gaz_entry(nc_gaz *g, const char *id, size_t idn, const char *name, size_t namen,
                 const char *type, size_t typen, const char *tag, size_t tagn, uint32_t *index);

/* Add an alias of entry `entry`. mode: NC_CASE_*; translit: 0 or 1.
 * NC_EINVAL when frozen, for a bad entry or mode, an alias with no token,
 * more than NC_GAZ_MAXTOK tokens or a token key over NC_GAZ_MAXKEY bytes.
 * An alias equal to one the entry already has (same keys, same mode) is
 * accepted and ignored. */
int nc_gaz_alias(nc_gaz *g, uint32_t entry, const char *s, size_t n, unsigned mode, unsigned translit);

/* Build the lookup tables; after this the gazetteer is read-only. Idempotent. */
int nc_gaz_freeze(nc_gaz *g);

/* Match s[0..n-1] with a frozen gazetteer, appending to *out (whose buffer the
 * caller frees; init it zeroed). Hits are in text order, non-overlapping. A
 * text of 64 KB or more gets a memo of the tries' roots for the call (see
 * nc_gaz_scratch). */
int nc_gaz_match(const nc_gaz *g, const char *s, size_t n, nc_gaz_hits *out);

/* Working memory of a match that a caller keeps from one call to the next
 * (a match allocates about 10 KB otherwise). From its second text on it also
 * remembers what the tries hold for the token keys it met (128 KB): a corpus
 * repeats its capitalised words. That memo is of one gazetteer and is cleared when the scratch meets
 * another; a scratch must not outlive its gazetteer into a new one allocated
 * at the same address (free the scratch with the gazetteer). Zero it before
 * first use; free it with nc_gaz_scratch_free. One match at a time may use it. */
typedef struct nc_gaz_scratch {
    void *walker;
} nc_gaz_scratch;

/* nc_gaz_match with working memory from *sc (NULL: allocate and free it). */
int nc_gaz_match_in(const nc_gaz *g, const char *s, size_t n, nc_gaz_hits *out, nc_gaz_scratch *sc);
void nc_gaz_scratch_free(nc_gaz_scratch *sc);

/* Next byte at or after i that is an ASCII capital or a non-ASCII byte (n if
 * none); eight bytes at a time. */
size_t nc_next_capital(const unsigned char *s, size_t n, size_t i);

/* The strings of entry i (borrowed, valid while g lives); NC_EINVAL if out of range. */
int nc_gaz_entry_info(const nc_gaz *g, uint32_t i, const char **id, size_t *idn,
                      const char **name, size_t *namen, const char **type, size_t *typen,
                      const char **tag, size_t *tagn);

/* Alias i: its text as given, its entry and mode. */
int nc_gaz_alias_info(const nc_gaz *g, uint32_t i, const char **s, size_t *n,
                      uint32_t *entry, unsigned *mode, unsigned *translit);

void nc_gaz_info_get(const nc_gaz *g, nc_gaz_info *info);

/* Serialise a frozen gazetteer into a malloc'd buffer (*buf, *len), and back.
 * nc_gaz_load checks every count and offset: a damaged or hostile file gives
 * NC_EINVAL, never a read out of bounds. The loaded gazetteer is frozen. */
int nc_gaz_save(const nc_gaz *g, char **buf, size_t *len);
int nc_gaz_load(const char *buf, size_t len, nc_gaz **out);

/* Key of one token s[0..n-1] as the matcher computes it, into out (room for
 * 4 * NC_GAZ_MAXKEY + 4 bytes). Returns its length, or 0 if it is longer
 * than NC_GAZ_MAXKEY bytes. */
size_t nc_token_key(const unsigned char *s, size_t n, unsigned char *out);

/* The matcher's tokens: the token at or after i in s[0..n-1] is [*ts, *te);
 * returns 0 when there is none. */
int nc_next_match_token(const unsigned char *s, size_t n, size_t i, size_t *ts, size_t *te);

/* Is the token key k[0..n-1] a name particle the name key drops ("al", "el")? */
int nc_is_particle(const unsigned char *k, size_t n);

/* Transliteration name key of a token key k[0..n-1] into out (room for n + 1
 * bytes). Returns its length. */
size_t nc_name_key(const unsigned char *k, size_t n, unsigned char *out);

#endif
