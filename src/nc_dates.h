/* nc_dates — full calendar dates (day, month and year) in news text, with an
 * optional time of day: the forms of page stamps, datelines and headers.
 *   14 March 2019 · 20 March,2019 · Wed 05 Apr 2017 · 14th Sept. 2021
 *   September 14, 2021 · Sept. 14th 2021 · Apr 232017 (a day glued to the year)
 *   2019-03-20 (ISO, with T07:57) · 24.08.2013 · 06-09-2013 (day first)
 *   time: ", 07:57 am" · "T07:57" · " at 0914"
 * Slashed dates (ambiguous) are not read here. Offsets are 0-based; the text
 * is borrowed; nothing allocates. */
#ifndef NC_DATES_H
#define NC_DATES_H
#include "nc_common.h"

typedef struct nc_date {
    size_t start, end;      /* the date's bytes [start, end), without the time */
    int year, month, day;   /* a valid calendar date, year 1800..2199 */
    int hour, minute;       /* -1 when no time follows */
} nc_date;

/* Find the next date whose year begins at or after *pos in s[0..n-1]. Returns 1
 * and fills *d (and moves *pos past it), or returns 0 when there is none. */
int nc_next_date(const char *s, size_t n, size_t *pos, nc_date *d);

#endif
