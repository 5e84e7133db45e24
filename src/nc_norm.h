/* nc_norm — normalised layers of a text with a map back to the original bytes.
 *
 * Two forms: NFC (for display) and KEY (for matching: NFKC, case-folded,
 * typographic quotes, apostrophes and dashes unified to ' " -, optionally
 * accents stripped). Invalid UTF-8 becomes U+FFFD in the output and is
 * counted in `repairs`; the original bytes are never touched. The KEY form
 * also repairs what scraping broke: mojibake ("â€™" -> ', "Ã©" -> é, counted
 * in `mojibake`) and lost apostrophes ("Russia s" -> russia's).
 *
 * The map is a list of runs, not one entry per byte: an "exact" run maps its
 * bytes one to one (ASCII, or one character to one character of the same
 * length); any other run maps every output byte to the whole original range
 * it came from (a character plus its combining marks). */
#ifndef NC_NORM_H
#define NC_NORM_H
#include "nc_common.h"

#define NC_NORM_NFC        0u  /* canonical composition only */
#define NC_NORM_KEY        1u  /* NFKC + case fold + typographic unification */
#define NC_NORM_NOACCENTS  2u  /* also strip combining marks (é -> e) */
#define NC_NORM_NOMAP      4u  /* build the text only: no runs (nc_norm_map not usable) */

typedef struct nc_norm_run {
    uint32_t norm;   /* first output byte of the run (0-based) */
    uint32_t orig;   /* first original byte it came from (0-based) */
    uint32_t oend;   /* one past the last original byte; oend > orig */
    uint32_t exact;  /* 1: byte i of the run is original byte orig + i */
} nc_norm_run;

typedef struct nc_norm {
    char *text;          /* normalised UTF-8, NUL-terminated, owned; len bytes */
    size_t len;          /* bytes in text, excluding the terminating NUL */
    size_t cap;          /* allocated size of text */
    nc_norm_run *runs;   /* sorted by norm (strictly increasing); owned */
    size_t nruns, runcap;
    size_t orig_len;     /* length of the original text */
    size_t repairs;      /* invalid sequences replaced by U+FFFD */
    size_t mojibake;     /* KEY: mojibake sequences repaired ("Ã©" -> é) */
    int nomap;           /* 1: built with NC_NORM_NOMAP, runs are empty */
} nc_norm;

/* Build the layer of s[0..n-1] into *out (which the call initialises; call
 * nc_norm_free on it whatever the result). flags: NC_NORM_* bits.
 * Returns NC_OK, NC_ENOMEM, NC_ETOOBIG or NC_EINVAL. */
int nc_norm_build(nc_norm *out, const char *s, size_t n, unsigned flags);

/* Free what *nm owns and zero it; safe to call twice. */
void nc_norm_free(nc_norm *nm);

/* Map the output byte range [a, b) (0-based, a < b <= len) to the original
 * range [*os, *oe). The result always covers whole original characters. */
void nc_norm_map(const nc_norm *nm, size_t a, size_t b, size_t *os, size_t *oe);

#endif
