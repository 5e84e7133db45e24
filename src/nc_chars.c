#include "nc_chars.h"
#include "nc_utf8.h"
#include <utf8proc.h>

/* Class of each ASCII byte (immutable). */
const uint16_t nc_ascii_cls[128] = {
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_NL, C_SPACE,
    C_SPACE, C_NL, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_SPACE, C_SPACE, C_SPACE,
    C_SPACE, C_PUNCT, C_PUNCT, C_PUNCT,
    C_SYMBOL, C_PUNCT | C_SPECIAL, C_PUNCT, C_PUNCT | C_APOS,
    C_PUNCT, C_PUNCT, C_PUNCT, C_SYMBOL | C_SPECIAL,
    C_PUNCT, C_PUNCT | C_HYPHEN | C_SPECIAL, C_PUNCT | C_SPECIAL, C_PUNCT | C_SPECIAL,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_DIGIT, C_DIGIT,
    C_DIGIT, C_DIGIT, C_PUNCT | C_SPECIAL, C_PUNCT,
    C_SYMBOL, C_SYMBOL, C_SYMBOL, C_PUNCT,
    C_PUNCT | C_SPECIAL, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_UPPER,
    C_UPPER, C_UPPER, C_UPPER, C_PUNCT,
    C_PUNCT, C_PUNCT, C_SYMBOL, C_PUNCT | C_CONNECT | C_SPECIAL,
    C_SYMBOL, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_LOWER,
    C_LOWER, C_LOWER, C_LOWER, C_PUNCT,
    C_SYMBOL, C_PUNCT, C_SYMBOL, C_SPACE,
};

/* Class of a decoded non-ASCII code point (emoji decided by the caller for
 * text-default pictographs below U+1F000). */
static unsigned uni_class(int32_t cp)
{
    const utf8proc_property_t *p;
    if (cp == NC_UTF8_BAD) return C_INVALID;
    switch (cp) {
    case 0x2019: case 0x2018: return C_PUNCT | C_APOS;   /* ’ also as apostrophe */
    case 0x2010: case 0x2011: return C_PUNCT | C_HYPHEN;
    case 0x0085: case 0x2028: case 0x2029: return C_NL;
    default: break;
    }
    p = utf8proc_get_property(cp);
    switch (p->category) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LT: return C_UPPER;
    case UTF8PROC_CATEGORY_LL: return C_LOWER;
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO: return C_LETTER;
    case UTF8PROC_CATEGORY_MN: case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: return C_MARK;
    case UTF8PROC_CATEGORY_ND: return C_DIGIT;
    case UTF8PROC_CATEGORY_ZS: case UTF8PROC_CATEGORY_CC: return C_SPACE;
    case UTF8PROC_CATEGORY_ZL: case UTF8PROC_CATEGORY_ZP: return C_NL;
    case UTF8PROC_CATEGORY_CF: return C_FORMAT;
    case UTF8PROC_CATEGORY_PC: return C_PUNCT | C_CONNECT;
    case UTF8PROC_CATEGORY_PD: case UTF8PROC_CATEGORY_PS: case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI: case UTF8PROC_CATEGORY_PF: case UTF8PROC_CATEGORY_PO:
        return C_PUNCT;
    default:
        if (p->boundclass == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR) return C_EMOJI;
        if (p->boundclass == UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC && cp >= 0x1F000)
            return C_EMOJI;
        return C_SYMBOL;
    }
}

/* Class of the character at i (i < n), its length in *len and code point in *cp. */
unsigned nc_cls_at(const nc_scan *sc, size_t i, size_t *len, int32_t *cp)
{
    unsigned b = sc->s[i];
    if (b < 0x80) { *len = 1; *cp = (int32_t)b; return nc_ascii_cls[b]; }
    *len = nc_utf8_decode(sc->s + i, sc->n - i, cp);
    return uni_class(*cp);
}

/* Class at i, or 0 past the end. */
unsigned nc_cls_peek(const nc_scan *sc, size_t i)
{
    size_t len;
    int32_t cp;
    return i < sc->n ? nc_cls_at(sc, i, &len, &cp) : 0;
}
