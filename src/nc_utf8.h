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

/* Windows-1252: the code point of byte b (0x80..0xFF; the five undefined
 * bytes give the C1 control of the same value, as WHATWG decoders do). */
int32_t nc_cp1252_char(unsigned b);

/* Windows-1252 (or Latin-1) byte that stands for code point cp, or -1. */
int nc_cp1252_byte(int32_t cp);

/* Mojibake: UTF-8 that was decoded as Windows-1252 and encoded again, as in
 * "â€™" for ’ or "Ã©" for é. When s[0..n-1] starts with such a sequence
 * (two to four characters that, read back as Windows-1252 bytes, form one
 * valid UTF-8 character >= U+0080), returns its length in bytes and stores
 * the intended code point in *cp; otherwise returns 0. */
size_t nc_mojibake(const unsigned char *s, size_t n, int32_t *cp);

/* Count the valid multi-byte characters and the invalid sequences of s. */
void nc_utf8_census(const unsigned char *s, size_t n, size_t *multi, size_t *invalid);

/* Convert Windows-1252 (a superset of printable Latin-1) s[0..n-1] to UTF-8
 * in out, which needs room for the returned length; out NULL only measures. */
size_t nc_cp1252_to_utf8(const unsigned char *s, size_t n, unsigned char *out);

#endif
