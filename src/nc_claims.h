/* nc_claims — what a figure in news counts, from the words around it in its
 * sentence (the `kind` of lua/newscorpus/claims.lua): each cue word within ten
 * words of the figure scores for its kind, less one per word of distance, and
 * the best score wins. The cue words come in a word set (nc_wordset) whose
 * value packs, per word:
 *   bits 0-2   kind (1..7) of the word as a cue, 0: none
 *   bits 3-6   its score (0..15)
 *   bits 7-9   kind of the word as a cue for shares only ("territory", "held")
 *   bits 10-13 that score
 *   bit 14     a place noun ("a city of 23 million": population)
 *   bit 15     a word after "of" that makes a figure a part ("15 of them")
 * Words are runs of ASCII letters, digits, apostrophes and bytes >= 0x80,
 * compared ASCII-caselessly. The text is borrowed; nothing allocates. */
#ifndef NC_CLAIMS_H
#define NC_CLAIMS_H
#include "nc_common.h"
#include "nc_wordset.h"

#define NC_CK_KIND(v) ((v) & 7u)
#define NC_CK_SCORE(v) (((v) >> 3) & 15u)
#define NC_CK_SHARE_KIND(v) (((v) >> 7) & 7u)
#define NC_CK_SHARE_SCORE(v) (((v) >> 10) & 15u)
#define NC_CK_PLACE 0x4000u
#define NC_CK_OF_PART 0x8000u

/* The kind the cues around text[a..b) give, read in text[lo..a) before it and
 * text[b..hi) after it (lo <= a <= b <= hi <= n): 1..7, or 0 for none.
 * `kind_population` is the kind the population cues of the code give ("home
 * to", "a city of", "Syria's people"). *part: 0, 1 a part of another figure
 * ("among", "of them"), 2 after "including". `share`: the figure is a share. */
int nc_claim_kind(const char *text, size_t lo, size_t a, size_t b, size_t hi, int share,
                  const nc_wordset *lex, unsigned kind_population, int *part);

/* Labels of the figure rules (data/rules/numbers.txt) nc_claim_read reads;
 * NC_CL_NONE reads the qualifier only (a user rule's figure). */
enum { NC_CL_NONE, NC_CL_NUMBER, NC_CL_WORDS, NC_CL_PERCENT, NC_CL_MONEY, NC_CL_FRACTION, NC_CL_VAGUE,
       NC_CL_RANGE, NC_CL_NLABELS };

/* Bounds a qualifier puts on a figure. */
enum { NC_CL_EXACT, NC_CL_LOW, NC_CL_HIGH, NC_CL_BELOW, NC_CL_ABOUT };

typedef struct nc_claim_value {
    int ok;                /* value, low and high were read */
    double value, low, high;
    const char *unit;      /* "%", a currency code, "money", or NULL (static strings) */
    const char *approx;    /* the qualifier as written, lower case ("more than"), or NULL */
    int bound;             /* NC_CL_EXACT ... */
    int zero_lead;         /* the figure after its qualifier starts with 0 and a digit ("0914") */
} nc_claim_value;

/* The figure text[a..b) found by a rule with `label`: its qualifier ("more
 * than", "around", "up to" ...) and the bound it puts, the value and the
 * interval it allows, and the unit it holds (%, a currency). Read as
 * claims.lua did in Lua: the text lower-cased with blank runs as one space;
 * digits with thousands commas and a scale ("3.5 million", "23m"); spelled
 * numbers; vague ("hundreds of thousands", "several hundred"); fractions and
 * "one in five" as per cent; ranges ("300-400", "300–400", "between 300 and
 * 400"). Returns NC_OK (out->ok says whether a value was read), NC_ENOMEM or
 * NC_EINVAL. */
int nc_claim_read(int label, const char *text, size_t a, size_t b, nc_claim_value *out);

#endif
