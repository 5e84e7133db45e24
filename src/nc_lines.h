/* nc_lines — the lines of a text with the features the cleaner decides on:
 * trimmed spans, paragraph breaks, a hash of each line's key form (so that a
 * repeated headline or paragraph is found whatever its case, spacing, quotes
 * or repaired apostrophes), and the shapes of tag lines and bylines.
 * Offsets are 0-based; the text is borrowed, never copied or modified. */
#ifndef NC_LINES_H
#define NC_LINES_H
#include "nc_common.h"

#define NC_LINE_BLANK   1u   /* a blank line comes before it (a paragraph break) */
#define NC_LINE_WIDE    2u   /* has a byte >= 0x80 (hashed through the Unicode key form) */
#define NC_LINE_TAGS    4u   /* reads as a tag cloud: >= 5 words, all capitalised, no
                              * punctuation, no function word ("Putin Assad Syria USA Iran") */
#define NC_LINE_LONG    8u   /* >= 60 bytes or >= 8 words: long enough to call a repeat a duplicate */
#define NC_LINE_BYLINE 16u   /* "By Name ...": <= 80 bytes, not ending in . ! or ? */

typedef struct nc_line {
    uint32_t start;   /* first non-blank byte */
    uint32_t end;     /* one past the last non-blank byte; end > start */
    uint32_t info;    /* NC_LINE_* bits */
    uint64_t hash;    /* 52-bit key hash, as nc_key_hash */
} nc_line;

typedef struct nc_lines {
    nc_line *v;       /* the lines holding a non-blank byte, in order; owned */
    size_t n, cap;
} nc_lines;

/* Build the lines of s[0..n-1] into *out (initialised by the call; call
 * nc_lines_free whatever the result). Returns NC_OK, NC_ENOMEM or NC_ETOOBIG. */
int nc_lines_build(nc_lines *out, const char *s, size_t n);

/* Free what *l owns and zero it; safe to call twice. */
void nc_lines_free(nc_lines *l);

/* 52-bit hash of a key text (the KEY form, lower-case), exact in a double.
 * What is hashed: ASCII letters lower-cased; blanks (bytes <= 0x20),
 * apostrophes and backticks as one space per run; the ends trimmed. So
 * "Russia's", "Russia s" (apostrophe lost) and "RUSSIA’S" (after the KEY form)
 * hash alike. */
uint64_t nc_key_hash(const unsigned char *s, size_t n);

/* The same hash of the ASCII range s[a..b) (a < b), folded on the fly, eight
 * bytes at a time: equal to nc_key_hash of its KEY form. */
uint64_t nc_ascii_key_hash(const unsigned char *s, size_t a, size_t b);

#endif
