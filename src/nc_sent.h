/* nc_sent — sentence boundaries over a token array.
 *
 * Rules, in order: a blank line always ends a sentence; a single line break
 * ends one unless the next line continues it (starts lower-case, or the line
 * ends with , or ;); after . ! ? or an ellipsis, closing quotes and brackets
 * stay with the sentence, and the sentence ends unless the next token cannot
 * start one (a lower-case word, , ; : ) or the full stop belongs to an
 * abbreviation (wordset values below) or an initial (J. K. Rowling). */
#ifndef NC_SENT_H
#define NC_SENT_H
#include "nc_token.h"
#include "nc_wordset.h"

/* Wordset values used by the splitter. */
#define NC_ABBR_TITLE  1u  /* Mr Dr Gen: never ends a sentence */
#define NC_ABBR_NUMBER 2u  /* No Sept Art: no break before a number */
#define NC_ABBR_OTHER  4u  /* Inc etc Jr: a break only before a sentence starter */
#define NC_STARTER     8u  /* The He But: words that commonly start a sentence */

typedef struct nc_sentence {
    uint32_t start;   /* 0-based offset of the first byte of the first token */
    uint32_t len;     /* bytes up to the end of the last token; > 0 */
    uint32_t first;   /* index of the first token (0-based) */
    uint32_t ntok;    /* number of tokens, > 0 */
    uint32_t para;    /* paragraph number, 0-based: counts sentences that begin a line */
} nc_sentence;

typedef struct nc_sentences {
    nc_sentence *v;   /* n sentences in order, covering every token once; owned */
    size_t n, cap;
} nc_sentences;

/* Split the tokens `toks` of s[0..n-1] into sentences (*out is initialised by
 * the call; nc_sentences_free it whatever the result). toks comes from
 * nc_tokenize, whose NC_TOK_TERMINAL and NC_TOK_NL flags say where a sentence
 * may end. abbr may be NULL (no abbreviations known). Returns NC_OK or
 * NC_ENOMEM. */
int nc_split(nc_sentences *out, const char *s, size_t n, const nc_tokens *toks,
             const nc_wordset *abbr);

/* The sentences nc_split gives for nc_tokenize(s, n), found by tokenizing
 * only around the points where a sentence may end (terminal marks, dotted
 * abbreviations, line breaks): their start, len and para; first and ntok are
 * 0 (the token array is not made). *out: zeroed, or from an earlier call
 * (its memory is reused; nc_sentences_free it at the end, whatever the
 * result). scratch: a token buffer for the pieces, likewise. Returns NC_OK,
 * NC_ENOMEM, NC_ETOOBIG or NC_EINVAL. */
int nc_split_text(nc_sentences *out, const char *s, size_t n, const nc_wordset *abbr, nc_tokens *scratch);

/* nc_split_text deciding only the sentence ends that can bear on the nrng
 * byte ranges rng[2i]..rng[2i+1] (0-based, half open, in order): the ends of
 * the sentences that end, or whose next sentence starts, in a range, and the
 * text's last sentence; the others are left out. So for a point a in a range,
 * the first sentence listed that ends after a ends where the true one does, if
 * that is in the range, and its start is the true start if that is in the
 * range (else both lie outside: a sentence listed may then span several true
 * ones, and its number and para mean nothing). rng NULL: every sentence, as
 * nc_split_text. */
int nc_split_text_in(nc_sentences *out, const char *s, size_t n, const nc_wordset *abbr, nc_tokens *scratch,
                     const size_t *rng, size_t nrng);

/* Free what *ss owns and zero it; safe to call twice. */
void nc_sentences_free(nc_sentences *ss);

#endif
