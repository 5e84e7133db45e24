/* nc_rules — a set of PCRE2 patterns compiled once (with JIT where the
 * platform has it) and matched over borrowed text. Every match runs under
 * match, depth and heap limits, so a careless or hostile pattern ends with a
 * count in `limited`, never a hang. Text may hold invalid UTF-8
 * (PCRE2_MATCH_INVALID_UTF). Offsets are 0-based; ends are exclusive.
 * A compiled set is immutable: any number of threads may match with it. */
#ifndef NC_RULES_H
#define NC_RULES_H
#include "nc_common.h"

#define NC_RULE_CASELESS 1u  /* case-insensitive (Unicode) */
#define NC_RULE_LINE     2u  /* must match a whole line: ^(?:pattern)[ \t]*$ */
#define NC_RULE_SCAN     4u  /* one of a scan set: every rule of the set has it (see below) */

typedef struct nc_rule_error {
    size_t rule;      /* index of the pattern that failed */
    size_t offset;    /* code unit offset in that pattern where it failed */
    char msg[160];    /* PCRE2's message, NUL-terminated */
} nc_rule_error;

typedef struct nc_match {
    uint32_t rule;    /* index of the pattern */
    uint32_t start;   /* first byte, 0-based */
    uint32_t end;     /* one past the last byte; end > start */
} nc_match;

/* A scan set (every rule NC_RULE_SCAN) reads the text once, as a lexer does:
 * its matches never overlap and come in text order; the leftmost match wins,
 * and of two starting at the same byte, the earlier rule's. Without triggers,
 * rules that can stand as alternatives of one pattern are matched in one pass
 * (see nc_rules.c); any others (back-references) are searched alone, each
 * searched again after a match taken from another, so that a match one pass
 * over the rule would have hidden is still found.
 * Other sets report every rule's matches, which may overlap. */
typedef struct nc_matches {
    nc_match *v;      /* n matches: grouped by rule, in text order within a rule
                       * (a scan set: in text order); owned */
    size_t n, cap;
    size_t limited;   /* rules whose search stopped at a match/depth/heap limit */
} nc_matches;

typedef struct nc_rules nc_rules;

/* Limits applied to every pcre2_match call. */
#define NC_RULES_MATCH_LIMIT 1000000u
#define NC_RULES_DEPTH_LIMIT 10000u
#define NC_RULES_HEAP_LIMIT  20000u   /* KiB */

/* Compile n patterns (pats[i] of lens[i] bytes, flags[i] NC_RULE_* bits) into
 * *out. On a bad pattern returns NC_EINVAL with *err filled (err may be NULL)
 * and *out NULL; NC_EINVAL too (err->offset 0) when some rules are
 * NC_RULE_SCAN and others not, or a scan rule is a line rule; otherwise NC_OK
 * or NC_ENOMEM. Free with nc_rules_free. */
int nc_rules_new(nc_rules **out, size_t n, const char *const *pats, const size_t *lens,
                 const unsigned *flags, nc_rule_error *err);

/* Triggers make a scan set fast on long text: a match is then only looked for
 * at the starts of tokens from `back` bytes before a trigger word up to it.
 * Trigger words: words (ASCII letters and digits, any case) of `words`, split
 * at anything else; with `digits`, every word with a digit in its first four
 * bytes too ("2015", "€20bn"). A
 * match with no trigger within `back` bytes of its start is not found, so the
 * rules' authors list every word their rules need one of. Call before any
 * match (the set is not read-only until then). NC_EINVAL for a set that is no
 * scan set; NC_ENOMEM. At each start the rules are tried one by one, anchored,
 * in rule order, and only those that can start with the word there in its
 * casing (worked out here for the trigger and lead words with PCRE2's partial
 * matching) or with its first byte. */
int nc_rules_triggers(nc_rules *r, const char *words, size_t n, int digits, size_t back);

/* Lead words narrow the triggered scan: before a trigger, a match is then only
 * tried where a lead word, another trigger, a word with a digit in its first
 * four bytes or a non-word byte ("$", "'") starts, so every match must start
 * at one of those or at its trigger ("more than 500": lead "more", trigger
 * "500"). Words as for nc_rules_triggers; no lead words: any start. NC_EINVAL
 * for a set that is no scan set; NC_ENOMEM. */
int nc_rules_leads(nc_rules *r, const char *words, size_t n);

/* Free a set (NULL is fine). */
void nc_rules_free(nc_rules *r);

/* Number of patterns in the set. */
size_t nc_rules_count(const nc_rules *r);

/* Append to *out every non-empty, non-overlapping match of every rule in
 * s[0..n-1] (out must be zeroed or previously used; nc_matches_free it).
 * Line rules are tried together in one pass (see nc_rules.c): a line is
 * reported once, under the first line rule (in order) that matches it.
 * Returns NC_OK, NC_ENOMEM or NC_ETOOBIG. */
int nc_rules_match(const nc_rules *r, const char *s, size_t n, nc_matches *out);

/* nc_rules_match with PCRE2's match data kept in *md from one call to the
 * next (NULL at first; made or made larger as r needs; nc_rules_md_free it at
 * the end): no allocation per text for a caller that matches many. */
int nc_rules_match_kept(const nc_rules *r, const char *s, size_t n, nc_matches *out, void **md);
void nc_rules_md_free(void *md);

/* Free what *m owns and zero it; safe twice. */
void nc_matches_free(nc_matches *m);

#endif
