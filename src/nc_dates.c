#include "nc_dates.h"
#include "nc_forms.h"   /* nc_eq_lower */
#include "nc_chars.h"   /* nc_is_alpha, nc_is_digit */

static int is_space(unsigned c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
static int is_alnum(unsigned c) { return nc_is_alpha(c) || nc_is_digit(c); }

/* Month number of the word s[a..b), or 0. */
static int month_of(const unsigned char *s, size_t a, size_t b)
{
    static const char *const names[] = {
        "jan", "january", "feb", "february", "mar", "march", "apr", "april", "may", "may",
        "jun", "june", "jul", "july", "aug", "august", "sep", "september", "oct", "october",
        "nov", "november", "dec", "december"
    };
    int k;
    if (b - a < 3 || b - a > 9) return 0;
    for (k = 0; k < 24; k++)
        if (nc_eq_lower(s + a, b - a, names[k])) return k / 2 + 1;
    return nc_eq_lower(s + a, b - a, "sept") ? 9 : 0;
}

static int valid(int y, int m, int d)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1) return 0;
    return d <= (m == 2 && leap ? 29 : days[m - 1]);
}

/* One or two digits ending just before e (not three): sets *a to their start
 * and returns their value, or returns -1. */
static int day_back(const unsigned char *s, size_t e, size_t *a)
{
    size_t q = e;
    while (q > 0 && e - q < 3 && nc_is_digit(s[q - 1])) q--;
    if (q == e || e - q == 3 || (q > 0 && nc_is_digit(s[q - 1]))) return -1;
    *a = q;
    return e - q == 1 ? s[q] - '0' : (s[q] - '0') * 10 + (s[q + 1] - '0');
}

/* Letters ending just before e (at most 12, a whole word): their start, or e. */
static size_t word_back(const unsigned char *s, size_t e)
{
    size_t q = e;
    while (q > 0 && e - q < 12 && nc_is_alpha(s[q - 1])) q--;
    if (q > 0 && nc_is_alpha(s[q - 1])) return e;
    return q;
}

/* Up to 4 blanks ending just before e: the position before them. */
static size_t spaces_back(const unsigned char *s, size_t e)
{
    size_t q = e;
    while (q > 0 && e - q < 4 && is_space(s[q - 1])) q--;
    return q;
}

static int ordinal(const unsigned char *s, size_t a, size_t b)
{
    return nc_eq_lower(s + a, b - a, "st") || nc_eq_lower(s + a, b - a, "nd") ||
           nc_eq_lower(s + a, b - a, "rd") || nc_eq_lower(s + a, b - a, "th");
}

/* The date that ends with the year at ya, read backwards: D(th) Month YYYY,
 * Month D(th), YYYY, D.M.YYYY, D-M-YYYY. Returns 1 and sets start, month, day. */
static int before_year(const unsigned char *s, size_t ya, size_t *start, int *mo, int *day)
{
    size_t p = ya, q, ws, ds, ms, r;
    int d, m;
    unsigned c;
    if (p == 0) return 0;
    c = s[p - 1];
    if (c == '.' || c == '-') {                                /* D.M.YYYY, D-M-YYYY */
        if ((m = day_back(s, p - 1, &ms)) >= 0 && ms > 0 && s[ms - 1] == c &&
            (d = day_back(s, ms - 1, &ds)) >= 0 && !(ds > 0 && is_alnum(s[ds - 1]))) {
            *start = ds; *mo = m; *day = d;
            return 1;
        }
    }
    q = spaces_back(s, p);                                     /* q: one past the last byte */
    if (q > 0 && s[q - 1] == ',') q--;
    if (q == 0) return 0;
    c = s[q - 1];
    if (c == '.') {                                            /* "14 Sept. 2021" */
        q--;
        if (q == 0 || !nc_is_alpha(s[q - 1])) return 0;
        c = s[q - 1];
    }
    if (nc_is_alpha(c)) {
        ws = word_back(s, q);
        if (ws == q) return 0;
        if ((m = month_of(s, ws, q)) != 0) {                   /* D(th) Month YYYY */
            size_t sfx;
            r = spaces_back(s, ws);
            sfx = word_back(s, r);
            if (sfx < r && ordinal(s, sfx, r)) r = sfx;
            if ((d = day_back(s, r, &ds)) >= 0 && !(ds > 0 && is_alnum(s[ds - 1]))) {
                *start = ds; *mo = m; *day = d;
                return 1;
            }
            return 0;
        }
        if (!ordinal(s, ws, q)) return 0;
        q = ws;                                                /* Month D(th), YYYY */
    }
    if ((d = day_back(s, q, &ds)) < 0) return 0;
    r = spaces_back(s, ds);
    if (r == ds) return 0;                                     /* a blank between month and day */
    if (r > 0 && s[r - 1] == '.') r--;
    ms = word_back(s, r);
    if (ms == r || (m = month_of(s, ms, r)) == 0 || (ms > 0 && nc_is_digit(s[ms - 1]))) return 0;
    *start = ms; *mo = m; *day = d;
    return 1;
}

static int two(const unsigned char *s) { return (s[0] - '0') * 10 + (s[1] - '0'); }

/* A time of day at s[e..n): ", 07:57 am", "T07:57", " at 0914". */
static void time_after(const unsigned char *s, size_t n, size_t e, int *hour, int *minute)
{
    size_t i = e;
    int h = -1, m = -1;
    *hour = *minute = -1;
    if (i < n && s[i] == 'T') {
        if (i + 5 < n && nc_is_digit(s[i + 1]) && nc_is_digit(s[i + 2]) && s[i + 3] == ':' &&
            nc_is_digit(s[i + 4]) && nc_is_digit(s[i + 5])) {
            h = two(s + i + 1);
            m = two(s + i + 4);
        }
    } else {
        size_t j;
        if (i < n && s[i] == ',') i++;
        j = i;
        while (j < n && is_space(s[j])) j++;
        if (j > i) {
            size_t k = j;
            while (k < n && k - j < 2 && nc_is_digit(s[k])) k++;
            if (k > j && k + 2 < n && (s[k] == ':' || s[k] == '.') && nc_is_digit(s[k + 1]) &&
                nc_is_digit(s[k + 2])) {
                h = k - j == 1 ? s[j] - '0' : two(s + j);
                m = two(s + k + 1);
                k += 3;
                while (k < n && is_space(s[k])) k++;
                if (k < n && (s[k] | 32) != 'a' && (s[k] | 32) != 'p') {
                    /* no am/pm */
                } else if (k < n) {
                    int pm = (s[k] | 32) == 'p';
                    size_t t = k + 1;
                    if (t < n && s[t] == '.') t++;
                    if (t < n && (s[t] | 32) == 'm') {
                        if (pm && h < 12) h += 12;
                        else if (!pm && h == 12) h = 0;
                    }
                }
            } else if (e < n && s[e] != ',' && j + 2 <= n && (s[j] | 32) == 'a' && (s[j + 1] | 32) == 't') {
                size_t t = j + 2, u;                           /* " at 0914" */
                u = t;
                while (u < n && is_space(s[u])) u++;
                if (u > t && u + 4 <= n && nc_is_digit(s[u]) && nc_is_digit(s[u + 1]) &&
                    nc_is_digit(s[u + 2]) && nc_is_digit(s[u + 3]) && !(u + 4 < n && nc_is_digit(s[u + 4]))) {
                    h = two(s + u);
                    m = two(s + u + 2);
                }
            }
        }
    }
    if (h >= 0 && h < 24 && m >= 0 && m < 60) { *hour = h; *minute = m; }
}

int nc_next_date(const char *text, size_t n, size_t *pos, nc_date *d)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = *pos;
    while (i < n) {
        size_t r0, r1, ya, ye, start = 0;
        int y, mo = 0, day = 0, found = 0;
        while (i < n && !nc_is_digit(s[i])) i++;
        r0 = i;
        while (i < n && nc_is_digit(s[i])) i++;
        r1 = i;
        if (r1 - r0 < 4) continue;
        ya = r1 - 4;
        ye = r1;
        y = two(s + ya) * 100 + two(s + ya + 2);
        if (y < 1800 || y > 2199) continue;
        if (ya > r0) {                                         /* "Apr 232017": a day glued to the year */
            size_t ds = r0, q, ms;
            if (ya - ds > 2) continue;
            day = ya - ds == 1 ? s[ds] - '0' : two(s + ds);
            q = ds;
            while (q > 0 && ds - q < 4 && is_space(s[q - 1])) q--;
            if (q == ds) continue;
            if (q > 0 && s[q - 1] == '.') q--;
            ms = word_back(s, q);
            if (ms == q || (mo = month_of(s, ms, q)) == 0) continue;
            start = ms;
            found = 1;
        } else if (ye + 5 < n && s[ye] == '-' && nc_is_digit(s[ye + 1]) &&
                   nc_is_digit(s[ye + 2]) && s[ye + 3] == '-' && nc_is_digit(s[ye + 4]) &&
                   nc_is_digit(s[ye + 5]) && !(ye + 6 < n && nc_is_digit(s[ye + 6]))) {
            mo = two(s + ye + 1);                              /* ISO 2019-03-20 */
            day = two(s + ye + 4);
            start = ya;
            ye += 6;
            found = 1;
        } else {
            found = before_year(s, ya, &start, &mo, &day);
        }
        if (found && valid(y, mo, day)) {
            d->start = start;
            d->end = ye;
            d->year = y;
            d->month = mo;
            d->day = day;
            time_after(s, n, ye, &d->hour, &d->minute);
            *pos = ye;
            return 1;
        }
    }
    *pos = n;
    return 0;
}
