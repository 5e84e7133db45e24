/* nc_quotemarks — the paragraphs of a text and its quote marks paired into
 * quotations (newscorpus.quotemarks; read by nc_quotes and the events layer).
 * Positions are 1-based and inclusive, as in Lua. */
#ifndef NC_QUOTEMARKS_H
#define NC_QUOTEMARKS_H

#include <stddef.h>
#include "nc_common.h"

typedef struct nc_qspan { long a, b; } nc_qspan;
/* a quotation: its marks at open and close (close 0: never closed, it ends with its
 * paragraph), the text inside a..b, the paragraph (1-based) it opens in */
typedef struct nc_qmark { long open, close, a, b, para; int single, closed; } nc_qmark;

typedef struct nc_qspans { nc_qspan *v; size_t n, cap; } nc_qspans;
typedef struct nc_qmarks { nc_qmark *v; size_t n, cap; } nc_qmarks;

/* Paragraphs of text: a newline ends one, but in hard-wrapped text (blank lines
 * between paragraphs, no line over 100 bytes) only a blank line does. Blanks
 * around a paragraph are not part of it; empty ones are left out. NC_OK or
 * NC_ENOMEM. */
int nc_quote_paragraphs(const unsigned char *t, long n, nc_qspans *out);

/* Quote marks paired into quotations, paragraph by paragraph: straight " and ',
 * curly “ ” ‘ ’, „ and « »; a straight mark opens after a space, bracket, dash or
 * colon and closes before a space or punctuation; ’ and ' with a letter after
 * them are apostrophes. Single quotes count only outside double ones. A
 * paragraph that opens a quote without closing it continues into the next when
 * that one opens with a mark; else the quote ends with its paragraph. Sorted by
 * open; the text inside trimmed of spaces and of the comma, colon or semicolon
 * before an attribution; quotations with no letter or digit left out. No input
 * is an error: NC_OK or NC_ENOMEM. */
int nc_quote_pair(const unsigned char *t, long n, const nc_qspan *paras, size_t np, nc_qmarks *out);

#endif
