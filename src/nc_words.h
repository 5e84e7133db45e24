/* nc_words — the words a phrase reader walks (speakers, parties, roles): runs
 * of letters, digits and non-ASCII bytes with inner ' - . kept, quote marks,
 * general punctuation and « » stripped from either end, a final . ' - dropped
 * unless the . abbreviates ("Mr.", "U.S."). No-break and Unicode spaces and
 * dashes (U+00A0, U+2000-200A, U+2010-2015, U+2028, U+2029, U+202F) part words.
 * No allocation, no global state. */
#ifndef NC_WORDS_H
#define NC_WORDS_H
#include "nc_common.h"

/* Called per word with its 0-based inclusive byte span [start, stop] in s and
 * its form: ASCII lower-cased, ’ (U+2019) written as '. A non-zero return
 * stops the walk and is returned by nc_phrase_words. */
typedef int (*nc_word_fn)(void *ud, size_t start, size_t stop, const unsigned char *form, size_t formn);

/* Walk the words of s[0..n-1] in order. scratch: 2 * n bytes the walk may use.
 * Returns NC_OK, or the first non-zero value fn returned. */
int nc_phrase_words(const unsigned char *s, size_t n, unsigned char *scratch, nc_word_fn fn, void *ud);

#endif
