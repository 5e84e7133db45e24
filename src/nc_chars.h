/* nc_chars — character classes for the tokenizer (internal to the core).
 * ASCII bytes through an immutable table, other code points through
 * utf8proc; invalid UTF-8 has its own class. No allocation, no state. */
#ifndef NC_CHARS_H
#define NC_CHARS_H
#include <stddef.h>
#include <stdint.h>

/* Character classes, as bits so that "any of" tests are one AND. */
enum {
    C_SPACE = 1 << 0, C_NL = 1 << 1, C_UPPER = 1 << 2, C_LOWER = 1 << 3,
    C_LETTER = 1 << 4, C_DIGIT = 1 << 5, C_MARK = 1 << 6, C_PUNCT = 1 << 7,
    C_SYMBOL = 1 << 8, C_FORMAT = 1 << 9, C_EMOJI = 1 << 10, C_INVALID = 1 << 11,
    C_APOS = 1 << 12, C_HYPHEN = 1 << 13, C_CONNECT = 1 << 14,
    C_SPECIAL = 1 << 15    /* may continue a word into a URL or e-mail: . @ : / _ + % - */
};
#define C_ALPHA (C_UPPER | C_LOWER | C_LETTER | C_MARK)
#define C_WORD (C_ALPHA | C_DIGIT)

/* Class of each ASCII byte (immutable). */
extern const uint16_t nc_ascii_cls[128];

/* Read-only cursor over the text: s[0..n-1], borrowed. */
typedef struct nc_scan {
    const unsigned char *s;
    size_t n;
} nc_scan;

/* Class of the character at i (i < n), its length in *len (>= 1) and code
 * point in *cp (NC_UTF8_BAD for an invalid sequence). */
unsigned nc_cls_at(const nc_scan *sc, size_t i, size_t *len, int32_t *cp);

/* Class at i, or 0 past the end. */
unsigned nc_cls_peek(const nc_scan *sc, size_t i);

static inline int nc_is_alpha(unsigned c) { return (c | 32) >= 'a' && (c | 32) <= 'z'; }
static inline int nc_is_digit(unsigned c) { return c >= '0' && c <= '9'; }
static inline int nc_is_alnum(unsigned c) { return nc_is_alpha(c) || nc_is_digit(c); }

#endif
