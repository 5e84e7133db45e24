/* nc_utf8 — UTF-8 decoding, validation and repair accounting over borrowed bytes.
 * No allocation, no global state. Offsets are 0-based byte offsets. */
#ifndef NC_UTF8_H
#define NC_UTF8_H
#include <stddef.h>
#include <stdint.h>

#define NC_UTF8_BAD (-1)   /* code point reported for an invalid sequence */
#define NC_REPLACEMENT 0xFFFD

/* Decode the sequence at s[0..n-1] (n >= 1). Returns its length in bytes
 * (1..4, never 0, never more than n) and stores the code point in *cp.
 * An invalid sequence yields *cp = NC_UTF8_BAD and the length of its maximal
 * subpart (Unicode 15, section 3.9: one U+FFFD per maximal subpart). */
size_t nc_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);

/* Encode the scalar value cp (0..0x10FFFF, not a surrogate) into buf, which
 * must have room for 4 bytes. Returns the number of bytes written (1..4). */
size_t nc_utf8_encode(int32_t cp, unsigned char *buf);

/* Find the first invalid sequence at or after *pos. Returns 1 and sets *pos
 * to its start and *len to its length (maximal subpart), or returns 0 when
 * s[*pos..n-1] is valid UTF-8. */
int nc_utf8_find_invalid(const unsigned char *s, size_t n, size_t *pos, size_t *len);

/* Number of invalid sequences (each would become one U+FFFD) in s[0..n-1]. */
size_t nc_utf8_count_invalid(const unsigned char *s, size_t n);

/* Number of NUL bytes in s[0..n-1]. */
size_t nc_count_nul(const unsigned char *s, size_t n);

#endif
