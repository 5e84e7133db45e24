/* libFuzzer target: PCRE2 rule sets over any bytes. A scan set (merged rules,
 * a rule matched alone, lookbehind, caseless) with and without trigger words,
 * and a set of overlapping and line rules. Matches are in bounds and non-empty;
 * a scan set's are in text order and never overlap; the triggered scan finds
 * a subset of the full scan's matches. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "nc_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const scan_pats[] = {
    "\\b(?:January|March|May)\\s*\\d{1,2}\\b,?\\s*(?:19|20)\\d\\d\\b",
    "(?=[12]\\d\\d\\d\\b)(?<![$\\d.,-])(?:19|20)\\d\\d\\b",
    "\\b(?:last|next|this)\\s+(?:week|year|month)\\b",
    "(\\w+) \\1",
    "\\b[0-9]+\\s+(?:days?|years?)\\s+ago\\b",
};
static const char *const other_pats[] = { "(a+)+$", "related news", "\\bAssad\\b", "" };

static void check(const nc_matches *m, size_t size, int scan)
{
    size_t i;
    for (i = 0; i < m->n; i++) {
        const nc_match *x = &m->v[i];
        if (x->end <= x->start || x->end > size) __builtin_trap();
        if (scan && i > 0 && x->start < m->v[i - 1].end) __builtin_trap();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    size_t lens[5], olens[4], i, j;
    unsigned flags[5], oflags[4] = { 0, NC_RULE_LINE | NC_RULE_CASELESS, NC_RULE_CASELESS, 0 };
    nc_rules *full = NULL, *trig = NULL, *other = NULL;
    nc_matches a, b, c;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&c, 0, sizeof c);
    for (i = 0; i < 5; i++) {
        lens[i] = strlen(scan_pats[i]);
        flags[i] = NC_RULE_SCAN | (i == 2 ? NC_RULE_CASELESS : 0u);
    }
    for (i = 0; i < 4; i++) olens[i] = strlen(other_pats[i]);
    if (nc_rules_new(&full, 5, scan_pats, lens, flags, NULL) != NC_OK) __builtin_trap();
    if (nc_rules_new(&trig, 5, scan_pats, lens, flags, NULL) != NC_OK) __builtin_trap();
    if (nc_rules_triggers(trig, "january march may week year month days years 0", 47, 1, 32) != NC_OK ||
        nc_rules_leads(trig, "last next this", 14) != NC_OK)
        __builtin_trap();
    if (nc_rules_new(&other, 4, other_pats, olens, oflags, NULL) != NC_OK) __builtin_trap();
    if (nc_rules_match(full, s, size, &a) == NC_OK) check(&a, size, 1);
    if (nc_rules_match(trig, s, size, &b) == NC_OK) {
        check(&b, size, 1);
        /* with no limit hit, every triggered match is a full-scan match (or lies
         * inside one: the full scan's leftmost match may start earlier) */
        if (a.limited == 0 && b.limited == 0)
            for (i = 0; i < b.n; i++) {
                int found = 0;
                for (j = 0; j < a.n && !found; j++)
                    found = a.v[j].start <= b.v[i].start && b.v[i].start < a.v[j].end;
                if (!found) __builtin_trap();
            }
    }
    if (nc_rules_match(other, s, size, &c) == NC_OK) check(&c, size, 0);
    nc_matches_free(&a);
    nc_matches_free(&b);
    nc_matches_free(&c);
    nc_rules_free(full);
    nc_rules_free(trig);
    nc_rules_free(other);
    return 0;
}
