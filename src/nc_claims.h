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
#include "nc_sent.h"

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

/* The start of the qualifier ("more than", "at least", "an estimated" ... as
 * nc_claim_read knows them) that ends before the figure at text[a], with one
 * or more ASCII blanks between (and between its words), at a word start and
 * not before lo; the longest when several end there. a when there is none. */
size_t nc_claim_qualifier(const char *text, size_t lo, size_t a);

/* The unit written after a figure that ends at text[b] ("100 km", "100km",
 * "10-year", "millions of dollars": only currencies after "of"): a static
 * string ("km2", "USD", "years" ...) and in *len the bytes it takes from b,
 * or NULL. Only the 40 bytes from b are read. */
const char *nc_claim_unit_after(const char *text, size_t n, size_t b, size_t *len);

/* Whether the word before text[a] (within the 24 bytes before it, with an
 * optional "." and blanks and "#" after it) makes the number a name, not a
 * figure: "Resolution 2254", "No. 10", "flight #17". */
int nc_claim_name_before(const char *text, size_t a);

/* Kinds of what a figure counts: 1..6 are the lexicon's kinds (the value
 * bits of the cue words), then money; 0 other. Names in nc_claim_kinds. */
enum { NC_CK_OTHER, NC_CK_DEATHS, NC_CK_INJURED, NC_CK_DISPLACED, NC_CK_TROOPS, NC_CK_POPULATION,
       NC_CK_TERRITORY, NC_CK_MONEY, NC_CK_NKINDS };
extern const char *const nc_claim_kinds[NC_CK_NKINDS];

/* A match of the claims scan (the date rules, then the figure rules). */
typedef struct nc_claim_in {
    size_t start, end;     /* text[start, end) */
    int code;              /* NC_CL_NUMBER ... of a figure rule; NC_CL_YEAR a year rule; -1 any other */
    int user;              /* a user's figure rule: its value in `value` (NaN: it gave none) */
    double value;
} nc_claim_in;
#define NC_CL_YEAR NC_CL_NLABELS

/* A figure read in its sentence (see lua/newscorpus/claims.lua). */
typedef struct nc_claim {
    size_t start, stop;    /* text[start, stop): its qualifier, the figure and its unit */
    size_t index;          /* the match it comes from */
    double value, low, high;   /* high: HUGE_VAL when the words put no upper bound */
    const char *approx;    /* static strings or NULL */
    const char *unit;
    int label;             /* NC_CL_* (NC_CL_NUMBER for a year read as a figure) */
    int kind;              /* NC_CK_* */
    int part;              /* a part of another figure */
    size_t sentence;       /* 1-based; 0 without sentences */
} nc_claim;

typedef struct nc_claims {
    nc_claim *v;
    size_t n, cap;
} nc_claims;

/* The figures of text[0, n) from the matches in[0, nin) (in text order), in
 * the sentences sents[0, ns) (ns 0: the whole text is one), with the kind
 * read from the cue words of lex (kind_population as in nc_claim_kind). A
 * figure rule's match takes the qualifier before it (nc_claim_qualifier, not
 * reaching back into the match before), and a bare year ("2000") after a
 * qualifier is a figure: "more than 2000 oil tankers".
 * Names ("F-16", "Resolution 2254", "0914") and "no one" are dropped. want:
 * only figures of that kind (-1: all). Fills out (its array is reused:
 * out->n is set to 0 first). NC_OK, NC_ENOMEM, or NC_EINVAL for a match out
 * of the text. */
int nc_claims_collect(const char *text, size_t n, const nc_claim_in *in, size_t nin, const nc_sentence *sents,
                      size_t ns, const nc_wordset *lex, unsigned kind_population, int want, nc_claims *out);

void nc_claims_free(nc_claims *c);

#endif
