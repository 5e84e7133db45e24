/* nc_gaztsv — gazetteer entries from TSV text (the format of data/gazetteer/):
 *
 *   id <TAB> type <TAB> name [<TAB> aliases [<TAB> tag [<TAB> options]]]
 *
 * aliases are separated by '|'; a leading '=' makes an alias case-exact, a
 * leading '*' any-case; an alias of at most five bytes with a capital and no
 * lower-case ASCII letter (US, NATO) is case-exact; others are NC_CASE_CAPS.
 * options: "translit" / "notranslit" (default: on for PERSON and ORG),
 * "exact" / "anycase" (the case policy of every alias). No alias: the name.
 * Blank lines and lines whose first visible character is '#' are skipped;
 * a trailing CR is dropped. Types are upper-cased. */
#ifndef NC_GAZTSV_H
#define NC_GAZTSV_H
#include "nc_gaz.h"

/* Add the entries of s[0..n-1] to g (not frozen). On a bad line returns
 * NC_EINVAL with its 1-based number in *line and the reason in *why (static
 * text); NC_ENOMEM when out of memory. Entries before the bad line stay. */
int nc_gaz_add_tsv(nc_gaz *g, const char *s, size_t n, size_t *line, const char **why);
#endif
