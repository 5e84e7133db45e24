#include "nc_words.h"
#include <string.h>

/* Bytes of the space or dash at s[i] that parts words, or 0. */
static size_t space_len(const unsigned char *s, size_t n, size_t i)
{
    if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) return 2;
    if (s[i] == 0xE2 && i + 2 < n && s[i + 1] == 0x80) {
        unsigned c = s[i + 2];
        if ((c >= 0x80 && c <= 0x8A) || (c >= 0x90 && c <= 0x95) || c == 0xA8 || c == 0xA9 || c == 0xAF)
            return 3;
    }
    return 0;
}

/* Per byte: 1 a word may start with it (a letter, a digit, a byte >= 0x80), 2
 * a word goes on through it (those and ' - .) */
#define W_START 1
#define W_IN 2
#define S3 (W_START | W_IN)
#define R16(x) x, x, x, x, x, x, x, x, x, x, x, x, x, x, x, x
static const unsigned char WCLASS[256] = {
    R16(0), R16(0),
    0, 0, 0, 0, 0, 0, 0, W_IN, 0, 0, 0, 0, 0, W_IN, W_IN, 0,     /* ' - . */
    S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, 0, 0, 0, 0, 0, 0,    /* 0-9 */
    0, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, /* A-O */
    S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, 0, 0, 0, 0, 0,   /* P-Z */
    0, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, /* a-o */
    S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, S3, 0, 0, 0, 0, 0,   /* p-z */
    R16(S3), R16(S3), R16(S3), R16(S3), R16(S3), R16(S3), R16(S3), R16(S3)
};
#undef R16
#undef S3

static int is_upper(unsigned c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned c) { return c >= 'a' && c <= 'z'; }

/* Is r[ws..we] an abbreviation whose full stop belongs to it: "Mr." "Gen."
 * (a capital, up to two small letters and the stop) or "U.S." (ends ".X.")? */
static int abbreviation(const unsigned char *r, size_t ws, size_t we)
{
    size_t len = we - ws + 1, i;
    if (len >= 2 && len <= 4 && is_upper(r[ws])) {
        for (i = ws + 1; i < we && is_lower(r[i]); i++) {}
        if (i == we) return 1;
    }
    return len >= 3 && r[we - 2] == '.' && (is_upper(r[we - 1]) || is_lower(r[we - 1]));
}

/* While marks are stripped, the word's bounds are signed (wel may pass below
 * wsl, or below 0, for a word of marks only); such a word is dropped. */
int nc_phrase_words(const unsigned char *s, size_t n, unsigned char *scratch, nc_word_fn fn, void *ud)
{
    /* s is read as if its parting spaces and dashes (they start with 0xC2 or
     * 0xE2) were ASCII spaces: a word ends before one, and none starts in it */
    unsigned char *form = scratch + n;
    const unsigned char *r = s;
    size_t i = 0, k, l;
    int high;
    while (i < n) {
        size_t st, en, ws, we;
        long long wsl, wel;
        unsigned first, last;
        int rc;
        if (!(WCLASS[r[i]] & W_START)) { i++; continue; }
        if (r[i] >= 0xC2 && (l = space_len(s, n, i)) != 0) { i += l; continue; }
        /* the word's run, its form written as it goes (ASCII lower case) */
        st = i;
        k = 0;
        high = 0;
        while (i < n) {
            unsigned c = r[i];
            if (!(WCLASS[c] & W_IN)) break;
            if (c >= 0x80) {
                if (c >= 0xC2 && space_len(s, n, i)) break;
                high = 1;
            }
            form[k++] = (unsigned char)(is_upper(c) ? c + 32 : c);
            i++;
        }
        en = i - 1;
        last = r[en];
        if (!high && last != '.' && last != '\'' && last != '-') {
            /* ASCII with nothing to strip: the form is the run's */
            if ((rc = fn(ud, st, en, form, k)) != 0) return rc;
            continue;
        }
        wsl = (long long)st;
        wel = (long long)en;
        first = r[st];
        if (first >= 0x80 || last >= 0x80 || last == '.' || last == '\'' || last == '-') {
            int changed = 1;
            while (changed && wel >= wsl) {
                size_t a = (size_t)wsl, b = (size_t)wel;
                changed = 0;
                if (r[a] == 0xE2 && a + 1 < n && r[a + 1] == 0x80) { wsl += 3; changed = 1; }
                else if (r[a] == 0xC2 && a + 1 < n && (r[a + 1] == 0xAB || r[a + 1] == 0xBB || r[a + 1] == 0xA0)) {
                    wsl += 2;
                    changed = 1;
                }
                if (wel - 2 >= wsl && r[b - 2] == 0xE2 && r[b - 1] == 0x80) {
                    if (r[b] != 0x99 || wel - 3 < wsl) { wel -= 3; changed = 1; }
                } else if (wel - 1 >= wsl && r[b - 1] == 0xC2 && (r[b] == 0xAB || r[b] == 0xBB || r[b] == 0xA0)) {
                    wel -= 2;
                    changed = 1;
                }
                if (wel < wsl) break;
                b = (size_t)wel;
                last = r[b];
                if (last == '.' || last == '\'' || last == '-') {
                    if (!(last == '.' && abbreviation(r, (size_t)wsl, b))) { wel--; changed = 1; }
                }
            }
        }
        if (wel < wsl) continue;
        ws = (size_t)wsl;
        we = (size_t)wel;
        /* the form: ASCII lower case, ’ as ' */
        k = 0;
        for (st = ws; st <= we; st++) {
            unsigned c = r[st];
            if (c == 0xE2 && st + 2 <= we && r[st + 1] == 0x80 && r[st + 2] == 0x99) { form[k++] = '\''; st += 2; continue; }
            form[k++] = (unsigned char)(is_upper(c) ? c + 32 : c);
        }
        rc = fn(ud, ws, we, form, k);
        if (rc) return rc;
    }
    return NC_OK;
}
