#include "nc_json.h"
#include <string.h>

static int is_ws(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

static size_t skip_ws(const unsigned char *s, size_t n, size_t i)
{
    while (i < n && is_ws(s[i])) i++;
    return i;
}

static int hex4(const unsigned char *p, unsigned *v)
{
    unsigned x = 0;
    int k;
    for (k = 0; k < 4; k++) {
        unsigned c = p[k], d;
        if (c >= '0' && c <= '9') d = c - '0';
        else if (c >= 'a' && c <= 'f') d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F') d = c - 'A' + 10;
        else return 0;
        x = x * 16 + d;
    }
    *v = x;
    return 1;
}

/* Eight bytes at a time: does x hold a '"', a '\\' or a byte under 0x20? (A
 * true answer may be wrong in the bytes after the first hit; the caller then
 * reads byte by byte.) */
static int special8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
    uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');
    return (((q - ones) & ~q) | ((b - ones) & ~b) | ((x - ones * 0x20) & ~x)) & high ? 1 : 0;
}

/* The string whose opening quote is before *pos; *pos moves past its closing quote. */
static int scan_string(const unsigned char *s, size_t n, size_t *pos, nc_json_span *sp)
{
    size_t i = *pos;
    sp->a = i;
    sp->kind = NC_JSON_STRING;
    sp->escaped = 0;
    for (;;) {
        unsigned c, u, lo;
        while (i + 8 <= n) {
            uint64_t x;
            memcpy(&x, s + i, 8);
            if (special8(x)) break;
            i += 8;
        }
        while (i < n && s[i] != '"' && s[i] != '\\' && s[i] >= 0x20) i++;
        if (i >= n) return -1;
        c = s[i];
        if (c == '"') {
            sp->b = i;
            *pos = i + 1;
            return 1;
        }
        if (c < 0x20) return -1;                      /* a raw control character */
        sp->escaped = 1;
        if (i + 1 >= n) return -1;
        switch (s[i + 1]) {
        case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
            i += 2;
            break;
        case 'u':
            if (n - i < 6 || !hex4(s + i + 2, &u)) return -1;
            if (u >= 0xDC00 && u <= 0xDFFF) return -1;   /* a low surrogate alone */
            if (u >= 0xD800 && u <= 0xDBFF) {
                if (n - i < 12 || s[i + 6] != '\\' || s[i + 7] != 'u' || !hex4(s + i + 8, &lo)
                    || lo < 0xDC00 || lo > 0xDFFF)
                    return -1;
                i += 12;
            } else {
                i += 6;
            }
            break;
        default:
            return -1;
        }
    }
}

static int digits(const unsigned char *s, size_t n, size_t *i)
{
    size_t j = *i;
    while (j < n && s[j] >= '0' && s[j] <= '9') j++;
    if (j == *i) return 0;
    *i = j;
    return 1;
}

/* A number in the JSON grammar at *pos. */
static int scan_number(const unsigned char *s, size_t n, size_t *pos, nc_json_span *sp)
{
    size_t i = *pos;
    sp->a = i;
    sp->kind = NC_JSON_NUMBER;
    sp->escaped = 0;
    if (i < n && s[i] == '-') i++;
    if (i < n && s[i] == '0') i++;
    else if (i < n && s[i] >= '1' && s[i] <= '9') digits(s, n, &i);
    else return -1;
    if (i < n && s[i] == '.') {
        i++;
        if (!digits(s, n, &i)) return -1;
    }
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-')) i++;
        if (!digits(s, n, &i)) return -1;
    }
    sp->b = i;
    *pos = i;
    return 1;
}

static int word(const unsigned char *s, size_t n, size_t *pos, const char *w, int kind, nc_json_span *sp)
{
    size_t l = strlen(w);
    if (n - *pos < l || memcmp(s + *pos, w, l) != 0) return -1;
    sp->a = *pos;
    sp->b = *pos + l;
    sp->kind = kind;
    sp->escaped = 0;
    *pos += l;
    return 1;
}

int nc_json_open(const char *str, size_t n, size_t *pos)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i;
    if (!s) return 0;
    i = skip_ws(s, n, 0);
    if (i >= n || s[i] != '{') return 0;
    *pos = i + 1;
    return 1;
}

int nc_json_next(const char *str, size_t n, size_t *pos, nc_json_span *key, nc_json_span *val)
{
    const unsigned char *s = (const unsigned char *)str;
    /* right after the '{' (no value ends in one) a member or the end may come;
     * after a member, a comma and a member, or the end */
    int first = *pos > 0 && s[*pos - 1] == '{', rc;
    size_t i = skip_ws(s, n, *pos);
    if (i >= n) return -1;
    if (s[i] == '}') {
        i = skip_ws(s, n, i + 1);
        *pos = i;
        return i == n ? 0 : -1;
    }
    if (!first) {
        if (s[i] != ',') return -1;
        i = skip_ws(s, n, i + 1);
    }
    if (i >= n || s[i] != '"') return -1;
    i++;
    if (scan_string(s, n, &i, key) != 1) return -1;
    i = skip_ws(s, n, i);
    if (i >= n || s[i] != ':') return -1;
    i = skip_ws(s, n, i + 1);
    if (i >= n) return -1;
    switch (s[i]) {
    case '"': i++; rc = scan_string(s, n, &i, val); break;
    case 't': rc = word(s, n, &i, "true", NC_JSON_TRUE, val); break;
    case 'f': rc = word(s, n, &i, "false", NC_JSON_FALSE, val); break;
    case 'n': rc = word(s, n, &i, "null", NC_JSON_NULL, val); break;
    default: rc = (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')) ? scan_number(s, n, &i, val) : -1;
    }
    if (rc != 1) return -1;
    *pos = i;
    return 1;
}

static size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t nc_json_unescape(const char *s, const nc_json_span *sp, char *out)
{
    size_t i = sp->a, o = 0;
    while (i < sp->b) {
        const char *p = memchr(s + i, '\\', sp->b - i);
        size_t run = p ? (size_t)(p - (s + i)) : sp->b - i;
        unsigned u = 0, lo = 0xDC00;   /* set by hex4: the scanner checked the escape */
        memcpy(out + o, s + i, run);
        o += run;
        i += run;
        if (!p) break;
        switch (s[i + 1]) {
        case 'b': out[o++] = '\b'; i += 2; break;
        case 'f': out[o++] = '\f'; i += 2; break;
        case 'n': out[o++] = '\n'; i += 2; break;
        case 'r': out[o++] = '\r'; i += 2; break;
        case 't': out[o++] = '\t'; i += 2; break;
        case 'u':
            hex4((const unsigned char *)s + i + 2, &u);
            if (u >= 0xD800 && u <= 0xDBFF) {
                hex4((const unsigned char *)s + i + 8, &lo);
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 12;
            } else {
                i += 6;
            }
            o += put_utf8(out + o, u);
            break;
        default: out[o++] = s[i + 1]; i += 2; break;   /* " \ / */
        }
    }
    return o;
}
