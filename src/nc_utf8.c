#include "nc_utf8.h"
#include <string.h>

size_t nc_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned b = s[0];
    unsigned lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    size_t need, i;
    int32_t c;

    if (b < 0x80) { *cp = (int32_t)b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) { need = 1; c = (int32_t)(b & 0x1F); }
    else if (b >= 0xE0 && b <= 0xEF) {
        need = 2; c = (int32_t)(b & 0x0F);
        if (b == 0xE0) lo = 0xA0;
        else if (b == 0xED) hi = 0x9F;          /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 3; c = (int32_t)(b & 0x07);
        if (b == 0xF0) lo = 0x90;
        else if (b == 0xF4) hi = 0x8F;          /* <= U+10FFFF */
    } else { *cp = NC_UTF8_BAD; return 1; }     /* 80..C1, F5..FF */

    for (i = 1; i <= need; i++) {
        unsigned t;
        if (i >= n) { *cp = NC_UTF8_BAD; return i; }
        t = s[i];
        if (i == 1 ? (t < lo || t > hi) : (t < 0x80 || t > 0xBF)) {
            *cp = NC_UTF8_BAD; return i;
        }
        c = (c << 6) | (int32_t)(t & 0x3F);
    }
    *cp = c;
    return need + 1;
}

size_t nc_utf8_encode(int32_t cp, unsigned char *buf)
{
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) { buf[0] = (unsigned char)c; return 1; }
    if (c < 0x800) {
        buf[0] = (unsigned char)(0xC0 | (c >> 6));
        buf[1] = (unsigned char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        buf[0] = (unsigned char)(0xE0 | (c >> 12));
        buf[1] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
        buf[2] = (unsigned char)(0x80 | (c & 0x3F));
        return 3;
    }
    buf[0] = (unsigned char)(0xF0 | (c >> 18));
    buf[1] = (unsigned char)(0x80 | ((c >> 12) & 0x3F));
    buf[2] = (unsigned char)(0x80 | ((c >> 6) & 0x3F));
    buf[3] = (unsigned char)(0x80 | (c & 0x3F));
    return 4;
}

/* True when the 8 bytes at p are all ASCII. */
static int all_ascii8(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    return (w & UINT64_C(0x8080808080808080)) == 0;
}

int nc_utf8_find_invalid(const unsigned char *s, size_t n, size_t *pos, size_t *len)
{
    size_t i = *pos;
    while (i < n) {
        int32_t cp;
        size_t k;
        if (i + 8 <= n && all_ascii8(s + i)) { i += 8; continue; }
        if (s[i] < 0x80) { i++; continue; }
        k = nc_utf8_decode(s + i, n - i, &cp);
        if (cp == NC_UTF8_BAD) { *pos = i; *len = k; return 1; }
        i += k;
    }
    return 0;
}

size_t nc_utf8_count_invalid(const unsigned char *s, size_t n)
{
    size_t pos = 0, len, count = 0;
    while (nc_utf8_find_invalid(s, n, &pos, &len)) { count++; pos += len; }
    return count;
}

size_t nc_count_nul(const unsigned char *s, size_t n)
{
    size_t count = 0;
    const unsigned char *p = s, *end = s + n;
    while (p < end && (p = memchr(p, 0, (size_t)(end - p))) != NULL) { count++; p++; }
    return count;
}

/* Windows-1252 bytes 0x80..0x9F; the five undefined ones decode to the C1
 * control of the same value, as in the WHATWG Encoding Standard. */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

int32_t nc_cp1252_char(unsigned b)
{
    return (b >= 0x80 && b < 0xA0) ? (int32_t)cp1252_high[b - 0x80] : (int32_t)b;
}

int nc_cp1252_byte(int32_t cp)
{
    int k;
    if (cp < 0x80) return -1;
    if (cp <= 0xFF) return (int)cp;          /* also C1 controls: Latin-1 reading */
    for (k = 0; k < 32; k++)
        if (cp1252_high[k] == cp) return 0x80 + k;
    return -1;
}

size_t nc_mojibake(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned char b[4];
    size_t i, k, need, j;
    int32_t c;

    if (n < 4 || s[0] != 0xC3) return 0;    /* every lead, U+00C2..U+00F4, is C3 xx */
    k = nc_utf8_decode(s, n, &c);
    if (c < 0xC2 || c > 0xF4) return 0;
    b[0] = (unsigned char)c;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    i = k;
    for (j = 1; j < need; j++) {
        int x;
        if (i >= n) return 0;
        k = nc_utf8_decode(s + i, n - i, &c);
        x = c == NC_UTF8_BAD ? -1 : nc_cp1252_byte(c);
        if (x < 0x80 || x > 0xBF) return 0;
        b[j] = (unsigned char)x;
        i += k;
    }
    if (nc_utf8_decode(b, need, &c) != need || c == NC_UTF8_BAD) return 0;
    *cp = c;
    return i;
}

size_t nc_cp1252_to_utf8(const unsigned char *s, size_t n, unsigned char *out)
{
    size_t i, len = 0;
    for (i = 0; i < n; i++) {
        unsigned char tmp[4];
        if (s[i] < 0x80) {
            if (out) out[len] = s[i];
            len++;
        } else {
            size_t k = nc_utf8_encode(nc_cp1252_char(s[i]), out ? out + len : tmp);
            len += k;
        }
    }
    return len;
}

void nc_utf8_census(const unsigned char *s, size_t n, size_t *multi, size_t *invalid)
{
    size_t i = 0;
    *multi = *invalid = 0;
    while (i < n) {
        int32_t cp;
        size_t k;
        if (s[i] < 0x80) {
            uint64_t x;
            i++;
            /* ASCII runs 8 bytes at a time */
            while (i + 8 <= n && (memcpy(&x, s + i, 8), !(x & 0x8080808080808080ull))) i += 8;
            continue;
        }
        k = nc_utf8_decode(s + i, n - i, &cp);
        if (cp == NC_UTF8_BAD) (*invalid)++; else (*multi)++;
        i += k;
    }
}
