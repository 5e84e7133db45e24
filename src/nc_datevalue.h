/* nc_datevalue — the value of a temporal expression that the bundled date
 * rules (data/rules/dates.txt) found: its label says how its text is read,
 * relative expressions are resolved against an anchor day (the publication
 * date), and nothing is resolved against today's date.
 *
 * Values are written as TIMEX3 does: "2019-03-20", "2020-01", "2015",
 * "2015-W38", "2015-W38-WE", "2009-Q1", "2012-SU", decade "199", century "19".
 * Words are read as Lua's C-locale patterns read them: ASCII letters and
 * digits, the six ASCII blanks, ASCII case folding; other bytes are neither.
 * The text is borrowed; offsets are 0-based; nothing is kept between calls. */
#ifndef NC_DATEVALUE_H
#define NC_DATEVALUE_H
#include "nc_common.h"

/* The labels of data/rules/dates.txt ("month-cue": a May, March or August
 * alone, a date only after a word such as "in", "since", "early"). */
enum {
    NC_DV_DATE, NC_DV_ISO, NC_DV_NUMERIC, NC_DV_NAMED, NC_DV_MONTH, NC_DV_MONTH_CUE,
    NC_DV_DAYMONTH, NC_DV_SEASON, NC_DV_DECADE, NC_DV_QUARTER, NC_DV_CENTURY, NC_DV_YEAR,
    NC_DV_RELATIVE, NC_DV_DURATION, NC_DV_WEEKDAY, NC_DV_NLABELS
};

/* Kinds of expression. */
enum { NC_DV_ABSOLUTE, NC_DV_RELATIVE_KIND, NC_DV_DURATION_KIND };

/* Results of nc_date_read besides NC_OK and NC_ENOMEM. */
enum {
    NC_DV_DROP = 1,         /* no date at all ("May I"): leave the match out */
    NC_DV_NEED_ANCHOR = 2,  /* ask again with the anchor (anchor_known >= 0) */
    NC_DV_NEED_ORDER = 3    /* ask again with the document's numeric order */
};

typedef struct nc_date_ctx {
    const char *text;   /* the whole text the match is in (read before it) */
    size_t n;
    int anchor_known;   /* -1 not read yet, 0 the document has none, 1 `anchor` holds it */
    long anchor;        /* the anchor as a day number, 1970-01-01 = 0 */
    int order;          /* slashed dates: 0 not read yet, 'd' day first, 'm' month first */
} nc_date_ctx;

typedef struct nc_date_value {
    char value[64];     /* "" when it cannot be resolved */
    int kind;           /* NC_DV_ABSOLUTE ... */
    char gran[24];      /* "day", "week", "weekend", "month", "quarter", "season", "year",
                           "decade", "century" (a duration's or vague count's own unit word) */
    int used;           /* the value was resolved against the anchor */
} nc_date_value;

/* The value of the match text[a..b) with rule label `label`. Returns NC_OK
 * (out filled), NC_DV_DROP, NC_DV_NEED_ANCHOR (anchor_known is -1 and this
 * expression needs it), NC_DV_NEED_ORDER (order is 0 and this slashed date
 * is ambiguous), NC_ENOMEM, or NC_EINVAL (bad label or span). */
int nc_date_read(int label, const nc_date_ctx *ctx, size_t a, size_t b, nc_date_value *out);

/* The day number (day 0 = 1970-01-01) of the date s[0..n) starts with,
 * "YYYY-MM-DD" and a real day, into *z: 1; 0 when it starts with none. */
int nc_day_of(const char *s, size_t n, long *z);

#endif
