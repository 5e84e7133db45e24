/* nc_token — a Unicode-aware tokenizer for news text over borrowed bytes.
 *
 * Tokens point into the original text (0-based start, byte length); the text
 * is never copied or modified. Whitespace (including control characters and
 * NUL) separates tokens and is not itself a token; every other byte of the
 * input belongs to exactly one token. Invalid UTF-8 becomes SYMBOL tokens
 * flagged NC_TOK_INVALID. */
#ifndef NC_TOKEN_H
#define NC_TOKEN_H
#include "nc_common.h"

typedef enum nc_token_kind {
    NC_WORD = 0,   /* letters/digits of any script, with inner - ' ’ (al-Assad, O'Brien), U.S. */
    NC_NUMBER,     /* 500,000  3.5  90%  10-year  14/09/2021  07:57  1st  2019-03-20 */
    NC_PUNCT,      /* one punctuation char, or a run of . or !? or - (... ?! --) */
    NC_SYMBOL,     /* currency, math and other symbols; invalid bytes */
    NC_URL,        /* https://t.co/x  www.bbc.co.uk  pic.twitter.com/x */
    NC_EMAIL,      /* name@example.org */
    NC_HANDLE,     /* @AmichaiStein1 */
    NC_HASHTAG,    /* #Syria */
    NC_EMOJI,      /* one emoji with its modifiers, ZWJ sequence or flag */
    NC_CLITIC,     /* 's 're 've 'll 'd 'm n't  split off the word before */
    NC_NKINDS
} nc_token_kind;

/* Token flags (nc_token.flags). */
#define NC_TOK_SPACE   0x01u  /* whitespace (or start of text) before the token */
#define NC_TOK_NL      0x02u  /* at least one line break since the previous token */
#define NC_TOK_PARA    0x04u  /* a blank line since the previous token */
#define NC_TOK_CAP     0x08u  /* first character is an upper/title-case letter */
#define NC_TOK_UPPER   0x10u  /* >= 2 letters, none lower-case (NATO, US) */
#define NC_TOK_INVALID 0x20u  /* an invalid UTF-8 sequence */
#define NC_TOK_LOWER   0x40u  /* first character is a lower-case letter */
#define NC_TOK_DOTTED  0x80u  /* a dotted abbreviation ending in a full stop (U.S.) */
#define NC_TOK_REPAIRED 0x100u /* a clitic whose apostrophe was lost: the s of "Russia s" */
#define NC_TOK_TERMINAL 0x200u /* punctuation ending in . ! ? … or another sentence-final mark */

typedef struct nc_token {
    uint32_t start;  /* 0-based offset of the first byte in the original text */
    uint32_t len;    /* length in bytes, > 0 */
    uint8_t kind;    /* nc_token_kind */
    uint16_t flags;  /* NC_TOK_* */
} nc_token;

typedef struct nc_tokens {
    nc_token *v;       /* n tokens in text order, non-overlapping; owned */
    size_t n, cap;
} nc_tokens;

/* Tokenize s[0..n-1] into *out (initialised by the call; nc_tokens_free it
 * whatever the result). Returns NC_OK, NC_ENOMEM or NC_ETOOBIG. */
int nc_tokenize(nc_tokens *out, const char *s, size_t n);

/* Append to *out the tokens of the n-byte text s that start in s[from..to):
 * the tokens nc_tokenize(s, n) gives there, when `from` and `to` are each 0,
 * n, or at or after whitespace no token holds (a byte below 0x21, U+0085,
 * U+2028, U+2029). *carry holds the whitespace seen since the last token
 * (NC_TOK_SPACE, NC_TOK_NL, NC_TOK_PARA and the line breaks counted, << 16):
 * NC_TOK_SPACE for a piece of its own (its first token's line-break flags then
 * count only what follows `from`), and what the call before left in it for
 * the piece that goes on from its `to`. A lost clitic ("Russia s") is read
 * against the last token of *out, so *out is empty or ends with the token
 * before `from`. *out: zeroed, or holding tokens of s (nc_tokens_free it
 * whatever the result). Returns NC_OK, NC_ENOMEM, NC_ETOOBIG or NC_EINVAL
 * (from > to, to > n). */
int nc_tokenize_span(nc_tokens *out, const char *s, size_t n, size_t from, size_t to, unsigned *carry);

/* Free what *t owns and zero it; safe to call twice. */
void nc_tokens_free(nc_tokens *t);

/* Lower-case name of a kind ("word", "number", ...), or "?" when out of range. */
const char *nc_token_kind_name(int kind);

#endif
