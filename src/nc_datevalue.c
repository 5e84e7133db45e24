#include "nc_datevalue.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef long long ll;

/* Lua's C-locale classes: %a %d %s %w */
static int is_a(unsigned c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static int is_d(unsigned c) { return c >= '0' && c <= '9'; }
static int is_s(unsigned c) { return c == ' ' || (c >= 9 && c <= 13); }
static int is_w(unsigned c) { return is_a(c) || is_d(c); }

/* floor division and modulo, as Lua's // and % */
static ll fdiv(ll a, ll b) { ll q = a / b; if (a % b != 0 && ((a < 0) != (b < 0))) q--; return q; }
static ll fmodl_(ll a, ll b) { return a - fdiv(a, b) * b; }

/* A count larger than this ("99999999 days ago") is not resolved: no calendar
 * arithmetic overflows, and no real text says it. */
#define MAX_COUNT 10000000LL

/* ---- calendar (proleptic Gregorian, day 0 = 1970-01-01) ---------------------- */

static ll days_from_civil(ll y, ll m, ll d)
{
    ll era, yoe, mp, doy, doe;
    y = m <= 2 ? y - 1 : y;
    era = fdiv(y, 400);
    yoe = y - era * 400;
    mp = fmodl_(m + 9, 12);
    doy = fdiv(153 * mp + 2, 5) + d - 1;
    doe = yoe * 365 + fdiv(yoe, 4) - fdiv(yoe, 100) + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(ll z, ll *y, ll *m, ll *d)
{
    ll era, doe, yoe, doy, mp;
    z += 719468;
    era = fdiv(z, 146097);
    doe = z - era * 146097;
    yoe = fdiv(doe - fdiv(doe, 1460) + fdiv(doe, 36524) - fdiv(doe, 146096), 365);
    doy = doe - (365 * yoe + fdiv(yoe, 4) - fdiv(yoe, 100));
    mp = fdiv(5 * doy + 2, 153);
    *d = doy - fdiv(153 * mp + 2, 5) + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yoe + era * 400 + (*m <= 2);
}

static int days_in_month(ll y, ll m)
{
    static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12) return 0;
    if (m == 2 && fmodl_(y, 4) == 0 && (fmodl_(y, 100) != 0 || fmodl_(y, 400) == 0)) return 29;
    return days[m - 1];
}

static ll weekday(ll z) { return fmodl_(z + 3, 7) + 1; }     /* ISO: 1 Monday .. 7 Sunday */

static void iso_day(char *out, ll z)
{
    ll y, m, d;
    civil_from_days(z, &y, &m, &d);
    snprintf(out, 64, "%04lld-%02lld-%02lld", y, m, d);
}

static void iso_week(char *out, ll z, const char *suffix)
{
    ll thursday = z - weekday(z) + 4, y, m, d;
    civil_from_days(thursday, &y, &m, &d);
    snprintf(out, 64, "%04lld-W%02lld%s", y, fdiv(thursday - days_from_civil(y, 1, 1), 7) + 1, suffix);
}

static void full_date(char *out, ll y, ll m, ll d)
{
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) { out[0] = 0; return; }
    snprintf(out, 64, "%04lld-%02lld-%02lld", y, m, d);
}

/* ---- words (t is lower case) ------------------------------------------------- */

static int has(const unsigned char *t, size_t n, const char *lit)
{
    size_t k = strlen(lit), i;
    if (k > n) return 0;
    for (i = 0; i + k <= n; i++)
        if (t[i] == (unsigned char)lit[0] && memcmp(t + i, lit, k) == 0) return 1;
    return 0;
}

static int starts(const unsigned char *t, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return k <= n && memcmp(t, lit, k) == 0;
}

static int ends(const unsigned char *t, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    return k <= n && memcmp(t + n - k, lit, k) == 0;
}

static int word_is(const unsigned char *w, size_t len, const char *lit)
{
    return strlen(lit) == len && memcmp(w, lit, len) == 0;
}

/* Index (1-based) of w[0..len) in the NULL-terminated list, or 0. */
static int word_in(const unsigned char *w, size_t len, const char *const *list)
{
    int k;
    for (k = 0; list[k]; k++)
        if (word_is(w, len, list[k])) return k + 1;
    return 0;
}

static const char *const MONTH_NAMES[] = { "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", NULL };

/* The next run of letters at or after *i in t[0..n): its bounds in *a, *b,
 * and *i moved past it. Returns 0 when there is none. */
static int next_letters(const unsigned char *t, size_t n, size_t *i, size_t *a, size_t *b)
{
    size_t p = *i;
    while (p < n && !is_a(t[p])) p++;
    if (p >= n) return 0;
    *a = p;
    while (p < n && is_a(t[p])) p++;
    *b = *i = p;
    return 1;
}

/* The month of the first word (a run of letters) that is a month name or its
 * beginning of three letters or more ("sept", "dec", "janu"), or 0. */
static int month_in(const unsigned char *t, size_t n)
{
    size_t i = 0, a, b;
    int k;
    while (next_letters(t, n, &i, &a, &b))
        if (b - a >= 3)
            for (k = 0; k < 12; k++)
                if (b - a <= strlen(MONTH_NAMES[k]) && memcmp(t + a, MONTH_NAMES[k], b - a) == 0) return k + 1;
    return 0;
}

/* ISO weekday of the first word of six letters or more ending in "day" whose
 * first three letters are a weekday's, or 0. */
static int weekday_in(const unsigned char *t, size_t n)
{
    static const char *const wd[] = { "mon", "tue", "wed", "thu", "fri", "sat", "sun" };
    size_t i = 0, a, b;
    int k;
    while (next_letters(t, n, &i, &a, &b))
        if (b - a >= 6 && memcmp(t + b - 3, "day", 3) == 0)
            for (k = 0; k < 7; k++)
                if (memcmp(t + a, wd[k], 3) == 0) return k + 1;
    return 0;
}

/* The first four digits in a row: their value, or -1. */
static ll four_digits(const unsigned char *t, size_t n)
{
    size_t i;
    for (i = 0; i + 4 <= n; i++)
        if (is_d(t[i]) && is_d(t[i + 1]) && is_d(t[i + 2]) && is_d(t[i + 3]))
            return (t[i] - '0') * 1000 + (t[i + 1] - '0') * 100 + (t[i + 2] - '0') * 10 + (t[i + 3] - '0');
    return -1;
}

/* The digits at t[i..): their value (at most MAX_COUNT + 1), and *e their end. */
static ll digits_at(const unsigned char *t, size_t n, size_t i, size_t *e)
{
    ll v = 0;
    while (i < n && is_d(t[i])) {
        v = v * 10 + (t[i] - '0');
        if (v > MAX_COUNT) v = MAX_COUNT + 1;
        i++;
    }
    *e = i;
    return v;
}

/* Words before a position that put a weekday or a month in the future. */
static const char *const FUTURE[] = { "will ", "'ll ", "\xE2\x80\x99ll ", "shall ", "to be held", "is to ",
    "are to ", "due to ", " due ", "scheduled", "set to ", "plans to ", "plan to ", "expected to ",
    "going to ", "next ", "coming ", "upcoming ", NULL };
/* the bytes they start with */
static const unsigned char FUTURE_FIRST[256] = { ['w'] = 1, ['\''] = 1, [0xE2] = 1, ['s'] = 1, ['t'] = 1,
    ['i'] = 1, ['a'] = 1, ['d'] = 1, [' '] = 1, ['p'] = 1, ['e'] = 1, ['g'] = 1, ['n'] = 1, ['c'] = 1, ['u'] = 1 };

/* Whether the 80 bytes before text[a], from the last sentence break (. ! ? ;
 * or a line break), hold a word of the future. One pass: at each byte that
 * starts one of them, the words that start with it. */
static int future_before(const nc_date_ctx *ctx, size_t a)
{
    unsigned char w[80];
    size_t from = a >= 80 ? a - 80 : 0, n = 0, i, cut = 0;
    int k;
    for (i = from; i < a; i++) {
        unsigned char c = (unsigned char)ctx->text[i];
        w[n++] = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
        if (c == '.' || c == '!' || c == '?' || c == ';' || c == '\n') cut = n;
    }
    for (i = cut; i < n; i++) {
        if (!FUTURE_FIRST[w[i]]) continue;
        for (k = 0; FUTURE[k]; k++)
            if ((unsigned char)FUTURE[k][0] == w[i] && starts(w + i, n - i, FUTURE[k])) return 1;
    }
    return 0;
}

/* The year of month m (day d, or the whole month when d < 0) that a text of
 * the anchor day means: after a word of the future (future_before, at a) the
 * first on or after the anchor; otherwise the nearest, the past one unless the
 * next is nearer by two months or more. Returns 0 and sets *year, or returns
 * -1 when none fits. */
static int nearest_year(int m, ll d, const nc_date_ctx *ctx, size_t a, ll *year)
{
    ll anchor = ctx->anchor;
    ll ay, am, ad, y, past = 0, next = 0, dd = d < 0 ? 1 : d;
    int has_past = 0, has_next = 0;
    civil_from_days(anchor, &ay, &am, &ad);
    for (y = ay - 1; y <= ay + 1; y++) {
        if (dd <= days_in_month(y, m)) {
            ll z = days_from_civil(y, m, dd);
            ll z_end = d >= 0 ? z : days_from_civil(y, m, days_in_month(y, m));
            if (z_end <= anchor || (d < 0 && z <= anchor)) { past = y; has_past = 1; }
            else if (!has_next) { next = y; has_next = 1; }
        }
    }
    /* the words before it are read only when they can change the year */
    if (has_next && days_from_civil(next, m, dd) - anchor <= 183 && future_before(ctx, a)) { *year = next; return 0; }
    if (!has_past) { *year = next; return has_next ? 0 : -1; }
    if (!has_next) { *year = past; return 0; }
    *year = days_from_civil(next, m, dd) - anchor + 60 <= anchor - days_from_civil(past, m, dd) ? next : past;
    return 0;
}

static void set(nc_date_value *out, int kind, const char *gran, int used)
{
    out->kind = kind;
    strcpy(out->gran, gran);
    out->used = used;
}

static void set_gran(nc_date_value *out, const unsigned char *w, size_t len)
{
    if (len >= sizeof out->gran) len = sizeof out->gran - 1;
    memcpy(out->gran, w, len);
    out->gran[len] = 0;
}

/* ---- the labels ------------------------------------------------------------ */

/* "14 March 2019", "September 14, 2021", "Tuesday, Sept. 1st 2015": the month
 * word, the year (the last four digits of the text), the day (the last one or
 * two digits before the year). */
static int read_date(const unsigned char *t, size_t n, nc_date_value *out)
{
    int m = month_in(t, n);
    ll y = -1, d = -1;
    size_t e = n, s, rest = n;
    while (e > 0 && !is_d(t[e - 1])) e--;
    s = e;
    while (s > 0 && is_d(t[s - 1])) s--;
    if (e - s >= 4) {
        size_t k;
        y = 0;
        for (k = e - 4; k < e; k++) y = y * 10 + (t[k] - '0');
        rest = e - 4;
    }
    e = rest;
    while (e > 0 && !is_d(t[e - 1])) e--;
    if (e > 0) d = e >= 2 && is_d(t[e - 2]) ? (t[e - 2] - '0') * 10 + (t[e - 1] - '0') : t[e - 1] - '0';
    if (y >= 0 && m && d >= 0) full_date(out->value, y, m, d);
    set(out, NC_DV_ABSOLUTE, "day", 0);
    return NC_OK;
}

static int read_iso(const unsigned char *t, size_t n, nc_date_value *out)
{
    size_t e1, e2, e3;
    ll y, m, d;
    set(out, NC_DV_ABSOLUTE, "day", 0);
    if (n == 0 || !is_d(t[0])) return NC_OK;
    y = digits_at(t, n, 0, &e1);
    if (e1 >= n || t[e1] != '-' || e1 + 1 >= n || !is_d(t[e1 + 1])) return NC_OK;
    m = digits_at(t, n, e1 + 1, &e2);
    if (e2 >= n || t[e2] != '-' || e2 + 1 >= n || !is_d(t[e2 + 1])) return NC_OK;
    d = digits_at(t, n, e2 + 1, &e3);
    if (y <= MAX_COUNT) full_date(out->value, y, m, d);
    return NC_OK;
}

static int is_numsep(unsigned c) { return c == '/' || c == '.' || c == '-'; }

static int read_numeric(const unsigned char *t, size_t n, const nc_date_ctx *ctx, nc_date_value *out)
{
    size_t e1, e2, e3;
    ll a, b, y, d, m;
    unsigned sep;
    set(out, NC_DV_ABSOLUTE, "day", 0);
    if (n == 0 || !is_d(t[0])) return NC_OK;
    a = digits_at(t, n, 0, &e1);
    if (e1 + 1 >= n || !is_numsep(t[e1]) || !is_d(t[e1 + 1])) return NC_OK;
    sep = t[e1];
    b = digits_at(t, n, e1 + 1, &e2);
    if (e2 + 1 >= n || !is_numsep(t[e2]) || !is_d(t[e2 + 1])) return NC_OK;
    y = digits_at(t, n, e2 + 1, &e3);
    if (e3 != n || y > MAX_COUNT) return NC_OK;
    if (y < 100) y += y >= 70 ? 1900 : 2000;
    if (sep == '.' || a > 12) { d = a; m = b; }            /* dotted dates are day first */
    else if (b > 12) { d = b; m = a; }
    else if (ctx->order == 0) return NC_DV_NEED_ORDER;
    else if (ctx->order == 'm') { d = b; m = a; }
    else { d = a; m = b; }
    full_date(out->value, y, m, d);
    return NC_OK;
}

static int read_month(const unsigned char *t, size_t n, const nc_date_ctx *ctx, size_t a, nc_date_value *out)
{
    int m = month_in(t, n);
    ll y = four_digits(t, n), ay, am, ad;
    if (m && y >= 0) {
        snprintf(out->value, sizeof out->value, "%04lld-%02d", y, m);
        set(out, NC_DV_ABSOLUTE, "month", 0);
        return NC_OK;
    }
    if (!m) { set(out, NC_DV_ABSOLUTE, "month", 0); return NC_OK; }
    if (ctx->anchor_known < 0) return NC_DV_NEED_ANCHOR;
    if (ctx->anchor_known == 0) { set(out, NC_DV_RELATIVE_KIND, "month", 0); return NC_OK; }
    civil_from_days(ctx->anchor, &ay, &am, &ad);
    if (has(t, n, "last year")) y = ay - 1;
    else if (has(t, n, "next year")) y = ay + 1;
    else if (has(t, n, "this year")) y = ay;
    else nearest_year(m, -1, ctx, a, &y);   /* always one for a whole month */
    snprintf(out->value, sizeof out->value, "%04lld-%02d", y, m);
    set(out, NC_DV_RELATIVE_KIND, "month", 1);
    return NC_OK;
}

/* May, March, August alone: a month only after one of these words. */
static const char *const MONTH_CUES[] = { "in", "by", "of", "since", "until", "till", "from", "before",
    "after", "during", "through", "throughout", "early", "late", "mid", "end", "on", "last", "next",
    "this", "and", NULL };

static int read_month_cue(const unsigned char *t, size_t n, const nc_date_ctx *ctx, size_t a,
                          nc_date_value *out)
{
    /* the word before: letters, then blanks or hyphens up to the match, within 16 bytes */
    const unsigned char *s = (const unsigned char *)ctx->text;
    size_t from = a >= 16 ? a - 16 : 0, e = a, w;
    unsigned char low[16];
    size_t k;
    while (e > from && (is_s(s[e - 1]) || s[e - 1] == '-')) e--;
    if (e == a) return NC_DV_DROP;
    w = e;
    while (w > from && is_a(s[w - 1])) w--;
    if (w == e) return NC_DV_DROP;
    for (k = w; k < e; k++) low[k - w] = (unsigned char)(s[k] | 32);
    if (!word_in(low, e - w, MONTH_CUES)) return NC_DV_DROP;
    return read_month(t, n, ctx, a, out);
}

static int read_daymonth(const unsigned char *t, size_t n, const nc_date_ctx *ctx, size_t a,
                         nc_date_value *out)
{
    int m = month_in(t, n);
    ll d = -1, y;
    size_t i = 0;
    while (i < n && !is_d(t[i])) i++;
    if (i < n) d = i + 1 < n && is_d(t[i + 1]) ? (t[i] - '0') * 10 + (t[i + 1] - '0') : t[i] - '0';
    set(out, NC_DV_RELATIVE_KIND, "day", 0);
    if (!m || d < 0) return NC_OK;
    if (ctx->anchor_known < 0) return NC_DV_NEED_ANCHOR;
    if (ctx->anchor_known == 0) return NC_OK;
    out->used = 1;
    if (nearest_year(m, d, ctx, a, &y) == 0) full_date(out->value, y, m, d);
    return NC_OK;
}

static const char *const SEASON_WORDS[] = { "spring", "summer", "autumn", "fall", "winter", NULL };
static const char *const SEASON_CODES[] = { "SP", "SU", "FA", "FA", "WI" };

/* "summer of 2012", "the spring of 2011" */
static int read_season(const unsigned char *t, size_t n, nc_date_value *out)
{
    size_t i = 0, w, j;
    set(out, NC_DV_ABSOLUTE, "season", 0);
    while (next_letters(t, n, &i, &w, &j)) {
        size_t p = j;
        while (p < n && is_s(t[p])) p++;
        if (p > j) {
            if (p < n && t[p] == 'o') p++;
            if (p < n && t[p] == 'f') p++;
            while (p < n && is_s(t[p])) p++;
            if (p + 4 <= n && is_d(t[p]) && is_d(t[p + 1]) && is_d(t[p + 2]) && is_d(t[p + 3])) {
                int k = word_in(t + w, j - w, SEASON_WORDS);
                if (k) snprintf(out->value, sizeof out->value, "%.4s-%s", (const char *)t + p, SEASON_CODES[k - 1]);
                return NC_OK;
            }
        }
    }
    return NC_OK;
}

static const char *const DECADE_WORDS[] = { "twenties", "thirties", "forties", "fifties", "sixties",
    "seventies", "eighties", "nineties", NULL };

/* "the 1990s" -> "199", "the '70s" -> "197", "the sixties" -> "196" */
static int read_decade(const unsigned char *t, size_t n, nc_date_value *out)
{
    size_t i, p;
    int k;
    set(out, NC_DV_ABSOLUTE, "decade", 0);
    for (i = 0; i + 4 <= n; i++)
        if (is_d(t[i]) && is_d(t[i + 1]) && is_d(t[i + 2]) && t[i + 3] == '0') {
            snprintf(out->value, sizeof out->value, "%.3s", (const char *)t + i);
            return NC_OK;
        }
    /* the whole text a decade of two digits: 70s, '70s, ’70s */
    p = n >= 6 && memcmp(t, "\xE2\x80\x99", 3) == 0 ? 3 : n >= 4 && t[0] == '\'' ? 1 : 0;
    if (n - p == 3 && is_d(t[p]) && t[p + 1] == '0' && t[p + 2] == 's') {
        snprintf(out->value, sizeof out->value, "19%c", t[p]);
        return NC_OK;
    }
    i = n;
    while (i > 0 && is_a(t[i - 1])) i--;
    if ((k = word_in(t + i, n - i, DECADE_WORDS)) != 0) snprintf(out->value, sizeof out->value, "19%d", k + 1);
    return NC_OK;
}

static const char *const ORDINAL_Q[] = { "first", "1st", "second", "2nd", "third", "3rd", "fourth", "4th",
    "final", NULL };
static const int ORDINAL_Q_VALUE[] = { 1, 1, 2, 2, 3, 3, 4, 4, 4 };

static int read_quarter(const unsigned char *t, size_t n, const nc_date_ctx *ctx, nc_date_value *out)
{
    int q = 0, k;
    size_t i, wa = 0, wb = 0;
    ll y = four_digits(t, n), ay, am, ad;
    for (i = 0; i + 1 < n && !q; i++)
        if (t[i] == 'q' && t[i + 1] >= '1' && t[i + 1] <= '4') q = t[i + 1] - '0';
    for (i = 0; i + 1 < n && !q; i++)
        if (t[i] >= '1' && t[i] <= '4' && t[i + 1] == 'q') q = t[i] - '0';
    /* the word before "quarter" (blanks or hyphens between) */
    i = 0;
    while (i < n) {
        size_t j, p;
        while (i < n && !is_w(t[i])) i++;
        j = i;
        while (j < n && is_w(t[j])) j++;
        if (j == i) break;
        p = j;
        while (p < n && (is_s(t[p]) || t[p] == '-')) p++;
        if (p > j && p + 7 <= n && memcmp(t + p, "quarter", 7) == 0) { wa = i; wb = j; break; }
        i = j;
    }
    if (!q && (k = word_in(t + wa, wb - wa, ORDINAL_Q)) != 0) q = ORDINAL_Q_VALUE[k - 1];
    if (y >= 0 && q) {
        snprintf(out->value, sizeof out->value, "%04lld-Q%d", y, q);
        set(out, NC_DV_ABSOLUTE, "quarter", 0);
        return NC_OK;
    }
    if (ctx->anchor_known < 0) return NC_DV_NEED_ANCHOR;
    set(out, NC_DV_RELATIVE_KIND, "quarter", 0);
    if (ctx->anchor_known == 0) return NC_OK;
    civil_from_days(ctx->anchor, &ay, &am, &ad);
    if (has(t, n, "last year")) ay--;
    else if (has(t, n, "next year")) ay++;
    if (!q) {
        ll shift = word_is(t + wa, wb - wa, "last") || word_is(t + wa, wb - wa, "previous") ? -1
                 : word_is(t + wa, wb - wa, "next") ? 1 : 0;
        ll num = ay * 4 + fdiv(am - 1, 3) + shift;
        ay = fdiv(num, 4);
        q = (int)fmodl_(num, 4) + 1;
    }
    snprintf(out->value, sizeof out->value, "%04lld-Q%d", ay, q);
    out->used = 1;
    return NC_OK;
}

/* "the 20th century" -> "19" */
static int read_century(const unsigned char *t, size_t n, nc_date_value *out)
{
    size_t i;
    set(out, NC_DV_ABSOLUTE, "century", 0);
    for (i = 0; i + 4 <= n; i++)
        if (is_d(t[i]) && is_d(t[i + 1]) && is_a(t[i + 2]) && is_a(t[i + 3])) {
            snprintf(out->value, sizeof out->value, "%02d", (t[i] - '0') * 10 + (t[i + 1] - '0') - 1);
            break;
        }
    return NC_OK;
}

static int read_year(const unsigned char *t, size_t n, nc_date_value *out)
{
    ll y = four_digits(t, n);
    set(out, NC_DV_ABSOLUTE, "year", 0);
    if (y >= 0) snprintf(out->value, sizeof out->value, "%04lld", y);
    return NC_OK;
}

static const char *const QUALIFIER[] = { "almost", "nearly", "about", "some", "around", "roughly", "over",
    "more", "less", "just", "approximately", "than", NULL };

static const char *const NUMBER_WORDS[] = { "a", "an", "one", "two", "three", "four", "five", "six", "seven",
    "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
    "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "the", NULL };
static const int NUMBER_VALUES[] = { 1, 1, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18,
    19, 20, 30, 40, 50, 1 };

/* "two days ago", "a few weeks earlier": COUNT UNIT(s) DIRECTION, the count
 * starting with letters or digits, then letters and blanks only. Sets the
 * count's [0, *ce), the unit word (without a plural s) and the direction. */
static int count_unit_dir(const unsigned char *t, size_t n, size_t *ce, size_t *ua, size_t *ub,
                          size_t *da)
{
    size_t i = 0, p, q;
    if (n == 0 || !is_w(t[0])) return 0;
    while (i < n && is_w(t[i])) i++;
    for (p = i; p < n; p++)
        if (!is_a(t[p]) && !is_s(t[p])) return 0;
    p = n;
    while (p > 0 && is_a(t[p - 1])) p--;                 /* the direction */
    if (p == n || p == 0 || !is_s(t[p - 1])) return 0;
    *da = p;
    while (p > 0 && is_s(t[p - 1])) p--;
    q = p;
    while (q > 0 && is_a(t[q - 1])) q--;                 /* the unit */
    if (q == p || q == 0 || !is_s(t[q - 1])) return 0;
    *ua = q;
    *ub = t[p - 1] == 's' ? p - 1 : p;
    while (q > 0 && is_s(t[q - 1])) q--;
    if (q == 0) return 0;
    *ce = q;
    return 1;
}

static int read_relative(const unsigned char *t, size_t n, const nc_date_ctx *ctx, size_t a,
                         nc_date_value *out)
{
    const char *g;
    int season = 0, month, wd, pass;
    ll z, y, m, d, shift = 0;
    size_t i, ce, ua, ub, da;
    /* "almost two years ago": the qualifier goes, the value is the count's */
    for (pass = 0; pass < 3; pass++) {
        size_t j = 0, p;
        while (j < n && is_a(t[j])) j++;
        p = j;
        while (p < n && is_s(t[p])) p++;
        if (j == 0 || p == j || !word_in(t, j, QUALIFIER)) break;
        t += p;
        n -= p;
    }
    /* the granularity first, so an unresolved value still says what it is */
    g = has(t, n, "week") ? (has(t, n, "weekend") ? "weekend" : "week") : has(t, n, "month") ? "month"
      : has(t, n, "decade") ? "decade" : has(t, n, "year") ? "year" : "day";
    if (starts(t, n, "the") && n > 3 && is_s(t[3])) {
        i = 3;
        while (i < n && is_s(t[i])) i++;
        if (starts(t + i, n - i, "day") && i + 3 < n && is_s(t[i + 3])) {
            i += 3;
            while (i < n && is_s(t[i])) i++;
            if (starts(t + i, n - i, "before")) g = "day";
        }
    }
    i = n;
    while (i > 0 && is_a(t[i - 1])) i--;
    if (i < n && (season = word_in(t + i, n - i, SEASON_WORDS)) != 0) g = "season";
    month = month_in(t, n);
    if (month && strcmp(g, "day") == 0) g = "month";
    if (ctx->anchor_known < 0) return NC_DV_NEED_ANCHOR;
    set(out, NC_DV_RELATIVE_KIND, g, 0);
    if (ctx->anchor_known == 0) return NC_OK;
    z = ctx->anchor;
    civil_from_days(z, &y, &m, &d);
    /* a number of units before or after: "two days ago", "17 years ago", "a year earlier" */
    if (count_unit_dir(t, n, &ce, &ua, &ub, &da) && !starts(t, n, "the ")) {
        const unsigned char *u = t + ua, *dir = t + da;
        size_t ul = ub - ua, dl = n - da;
        static const char *const units[] = { "day", "week", "month", "year", "decade", NULL };
        if ((word_is(dir, dl, "ago") || word_is(dir, dl, "earlier") || word_is(dir, dl, "before") ||
             word_is(dir, dl, "later")) && word_in(u, ul, units)) {
            ll k = -1;
            int w;
            set_gran(out, u, ul);
            for (i = 0; i < ce && is_d(t[i]); i++) {}
            if (i == ce) k = digits_at(t, n, 0, &i);
            else if ((w = word_in(t, ce, NUMBER_WORDS)) != 0) k = NUMBER_VALUES[w - 1];
            /* "a few", "several": vague; "earlier", "before", "later": relative to
             * another event, not the document */
            if (k < 0 || k > MAX_COUNT || !word_is(dir, dl, "ago")) return NC_OK;
            out->used = 1;
            if (word_is(u, ul, "day") || word_is(u, ul, "week")) {
                iso_day(out->value, z - k * (u[0] == 'w' ? 7 : 1));
                strcpy(out->gran, "day");
            } else if (word_is(u, ul, "month")) {
                ll mm = y * 12 + (m - 1) - k;
                snprintf(out->value, sizeof out->value, "%04lld-%02lld", fdiv(mm, 12), fmodl_(mm, 12) + 1);
            } else {
                if (u[0] == 'd') k *= 10;
                snprintf(out->value, sizeof out->value, "%04lld", y - k);
                strcpy(out->gran, "year");
            }
            return NC_OK;
        }
    }
    /* "a year earlier", "the year before": relative to another time than the document's */
    if ((t[0] == 'a' && ((n > 1 && is_s(t[1])) || (n > 2 && t[1] == 'n' && is_s(t[2])))) ||
        (starts(t, n, "one") && n > 3 && is_s(t[3])) ||
        (starts(t, n, "the") && n > 3 && is_s(t[3]) &&
         (ends(t, n, "ago") || ends(t, n, "before") || ends(t, n, "earlier"))))
        return NC_OK;
    out->used = 1;
    if (word_is(t, n, "today") || word_is(t, n, "tonight")) { iso_day(out->value, z); strcpy(out->gran, "day"); return NC_OK; }
    if (word_is(t, n, "yesterday")) { iso_day(out->value, z - 1); strcpy(out->gran, "day"); return NC_OK; }
    if (word_is(t, n, "tomorrow")) { iso_day(out->value, z + 1); strcpy(out->gran, "day"); return NC_OK; }
    if (has(t, n, "before yesterday")) { iso_day(out->value, z - 2); strcpy(out->gran, "day"); return NC_OK; }
    if (has(t, n, "after tomorrow")) { iso_day(out->value, z + 2); strcpy(out->gran, "day"); return NC_OK; }
    if (has(t, n, "last") || has(t, n, "past") || has(t, n, "previous")) shift = -1;
    else if (has(t, n, "next") || has(t, n, "coming") || has(t, n, "following")) shift = 1;
    if (starts(t, n, "the ") && shift != 0 && (!strcmp(g, "year") || !strcmp(g, "month") || !strcmp(g, "week")) &&
        has(t, n, "past")) {
        out->used = 0;                                 /* "the past year": a span, not a date */
        return NC_OK;
    }
    if ((wd = weekday_in(t, n)) != 0) {
        ll cur = weekday(z), back = fmodl_(cur - wd, 7), fwd = fmodl_(wd - cur, 7);
        if (shift < 0) iso_day(out->value, z - (back == 0 ? 7 : back));
        else if (shift > 0) iso_day(out->value, z + (fwd == 0 ? 7 : fwd));
        else iso_day(out->value, z - back);                  /* "this Tuesday" */
        strcpy(out->gran, "day");
        return NC_OK;
    }
    if (month) {
        ll my = shift < 0 ? (month < m ? y : y - 1) : shift > 0 ? (month > m ? y : y + 1) : y;
        snprintf(out->value, sizeof out->value, "%04lld-%02d", my, month);
        strcpy(out->gran, "month");
        return NC_OK;
    }
    if (season) {
        snprintf(out->value, sizeof out->value, "%04lld-%s", y + shift, SEASON_CODES[season - 1]);
        strcpy(out->gran, "season");
        return NC_OK;
    }
    if (!strcmp(g, "weekend")) {
        /* sat: the Saturday of the last weekend begun by the publication day.
         * "this weekend": the coming one in words of the future, else that one
         * ("this weekend" in Tuesday's news is past); "last weekend": that one
         * when the day is a weekday (Friday's "began last weekend"), the one
         * before when the day is in a weekend; "next weekend": the one after. */
        ll sat = z - fmodl_(weekday(z) - 6, 7);
        int weekday_now = sat < z - 1;
        if (shift == 0 && weekday_now && future_before(ctx, a)) sat += 7;
        if (shift < 0 && weekday_now) shift = 0;
        iso_week(out->value, sat + 7 * shift, "-WE");
        return NC_OK;
    }
    if (!strcmp(g, "week")) { iso_week(out->value, z + 7 * shift, ""); return NC_OK; }
    if (!strcmp(g, "month")) {
        ll mm = y * 12 + (m - 1) + shift;
        snprintf(out->value, sizeof out->value, "%04lld-%02lld", fdiv(mm, 12), fmodl_(mm, 12) + 1);
        return NC_OK;
    }
    if (!strcmp(g, "year")) { snprintf(out->value, sizeof out->value, "%04lld", y + shift); return NC_OK; }
    if (!strcmp(g, "decade")) { snprintf(out->value, sizeof out->value, "%03lld", fdiv(y, 10) + shift); return NC_OK; }
    out->used = 0;
    return NC_OK;
}

/* "within two weeks": no date; the unit is the granularity */
static int read_duration(const unsigned char *t, size_t n, nc_date_value *out)
{
    size_t i = n, e = n;
    while (i > 0 && is_a(t[i - 1])) i--;
    if (e > i && t[e - 1] == 's') e--;
    set(out, NC_DV_DURATION_KIND, "", 0);
    set_gran(out, t + i, e - i);
    return NC_OK;
}

static int read_weekday(const unsigned char *t, size_t n, const nc_date_ctx *ctx, size_t a,
                        nc_date_value *out)
{
    int wd;
    ll cur;
    if (ctx->anchor_known < 0) return NC_DV_NEED_ANCHOR;
    set(out, NC_DV_RELATIVE_KIND, "day", 0);
    if (ctx->anchor_known == 0 || (wd = weekday_in(t, n)) == 0) return NC_OK;
    cur = weekday(ctx->anchor);
    if (wd != cur && future_before(ctx, a)) iso_day(out->value, ctx->anchor + fmodl_(wd - cur, 7));
    else iso_day(out->value, ctx->anchor - fmodl_(cur - wd, 7));
    out->used = 1;
    return NC_OK;
}

int nc_day_of(const char *s, size_t n, long *z)
{
    static const char shape[] = "dddd-dd-dd";
    size_t i;
    ll y, m, d;
    if (n < 10) return 0;
    for (i = 0; i < 10; i++)
        if (shape[i] == 'd' ? !(s[i] >= '0' && s[i] <= '9') : s[i] != '-') return 0;
    y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    m = (s[5] - '0') * 10 + (s[6] - '0');
    d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return 0;
    *z = (long)days_from_civil(y, m, d);
    return 1;
}

int nc_date_read(int label, const nc_date_ctx *ctx, size_t a, size_t b, nc_date_value *out)
{
    unsigned char small[256] = { 0 }, *t = small;
    size_t n, i;
    int rc;
    if (!ctx || !out || label < 0 || label >= NC_DV_NLABELS || a > b || b > ctx->n) return NC_EINVAL;
    n = b - a;
    if (n > sizeof small && !(t = malloc(n))) return NC_ENOMEM;
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)ctx->text[a + i];
        t[i] = c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
    }
    out->value[0] = 0;
    set(out, NC_DV_ABSOLUTE, "day", 0);
    switch (label) {
    case NC_DV_DATE: rc = read_date(t, n, out); break;
    case NC_DV_ISO: rc = read_iso(t, n, out); break;
    case NC_DV_NUMERIC: rc = read_numeric(t, n, ctx, out); break;
    case NC_DV_NAMED: strcpy(out->value, "2001-09-11"); rc = NC_OK; break;
    case NC_DV_MONTH: rc = read_month(t, n, ctx, a, out); break;
    case NC_DV_MONTH_CUE: rc = read_month_cue(t, n, ctx, a, out); break;
    case NC_DV_DAYMONTH: rc = read_daymonth(t, n, ctx, a, out); break;
    case NC_DV_SEASON: rc = read_season(t, n, out); break;
    case NC_DV_DECADE: rc = read_decade(t, n, out); break;
    case NC_DV_QUARTER: rc = read_quarter(t, n, ctx, out); break;
    case NC_DV_CENTURY: rc = read_century(t, n, out); break;
    case NC_DV_YEAR: rc = read_year(t, n, out); break;
    case NC_DV_RELATIVE: rc = read_relative(t, n, ctx, a, out); break;
    case NC_DV_DURATION: rc = read_duration(t, n, out); break;
    default: rc = read_weekday(t, n, ctx, a, out); break;
    }
    if (t != small) free(t);
    return rc;
}
