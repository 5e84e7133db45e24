/* nc_forms — the token forms that need more than a run of letters: e-mail
 * addresses, URLs, dotted abbreviations, numbers, emoji, clitics (internal
 * to the core; used by nc_token). Offsets are 0-based; nothing allocates. */
#ifndef NC_FORMS_H
#define NC_FORMS_H
#include "nc_chars.h"

/* Case-insensitive comparison of ASCII s[0..n-1] with the lower-case lit. */
int nc_eq_lower(const unsigned char *s, size_t n, const char *lit);

/* True when the byte at e, just after a word, may continue it into an e-mail
 * address or URL. */
int nc_maybe_special(const unsigned char *s, size_t n, size_t e);

/* An e-mail address or URL starting at i: returns its end (> i) and sets
 * *kind (NC_EMAIL or NC_URL), or returns i. */
size_t nc_scan_special(const nc_scan *sc, size_t i, int *kind);

/* True when s[0..len-1] is an English clitic after an apostrophe (s re ve ll d m). */
int nc_is_clitic(const unsigned char *s, size_t len);

/* A clitic whose apostrophe was lost in scraping, as in "Russia s defence",
 * "don t", "I m", "they re": s[sp] is the single space after a word and
 * before a lone lower-case s (after a word of >= 2 letters), t (after don,
 * isn, can ...), m (after I), or d re ve ll (after a pronoun). Returns the
 * clitic's length (1 or 2), or 0. Shared by the tokenizer and the key layer
 * so that both make the same decision. */
size_t nc_lost_clitic(const unsigned char *s, size_t n, size_t sp);

/* Turn token k of out into a clitic flagged NC_TOK_REPAIRED when it is a lone
 * s t m d re ve ll word that nc_lost_clitic accepts; otherwise leave it. */
struct nc_tokens;
void nc_repair_lost_clitic(struct nc_tokens *out, size_t k, const unsigned char *s, size_t n);
/* First letters of the clitics that may lose their apostrophe, as bits (c & 31). */
#define NC_LOST_FIRST ((1u << ('d' & 31)) | (1u << ('l' & 31)) | (1u << ('m' & 31)) | (1u << ('r' & 31)) | \
                       (1u << ('s' & 31)) | (1u << ('t' & 31)) | (1u << ('v' & 31)))

/* Dotted abbreviation from i, (letter .){2,} as in U.S.: its end, or i. */
size_t nc_scan_dotted(const nc_scan *sc, size_t i);

/* A number from i (a digit): its end. */
size_t nc_scan_number(const nc_scan *sc, size_t i);

/* An emoji from i (first code point `first`) with modifiers, ZWJ sequence or
 * flag pair: its end. */
size_t nc_scan_emoji(const nc_scan *sc, size_t i, int32_t first);

#endif
