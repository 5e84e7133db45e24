#include "nc_forms.h"
#include "nc_token.h"
#include "nc_utf8.h"
#include <string.h>
#include <utf8proc.h>

/* Case-insensitive comparison of s[0..n-1] (ASCII) with lower-case lit. */
int nc_eq_lower(const unsigned char *s, size_t n, const char *lit)
{
    size_t i;
    if (strlen(lit) != n) return 0;
    for (i = 0; i < n; i++)
        if ((unsigned char)(s[i] | 32) != (unsigned char)lit[i]) return 0;
    return 1;
}

/* Common top-level domains accepted for a bare domain without a path. */
static int known_tld(const unsigned char *s, size_t n)
{
    static const char *const tlds[] = {
        "com", "org", "net", "gov", "edu", "mil", "int", "info", "biz", "io", "co",
        "uk", "us", "eu", "ru", "fr", "de", "tv", "news", "online", NULL
    };
    size_t i;
    for (i = 0; tlds[i]; i++)
        if (nc_eq_lower(s, n, tlds[i])) return 1;
    return 0;
}

/* Host name at i: labels of [A-Za-z0-9-] separated by single dots. Returns its
 * end (i when none); *dots gets the number of dots, *last the start of the
 * last label. */
static size_t scan_host(const nc_scan *sc, size_t i, int *dots, size_t *last)
{
    size_t j = i, end = i;
    *dots = 0;
    *last = i;
    for (;;) {
        size_t l = j;
        while (j < sc->n && (nc_is_alnum(sc->s[j]) || sc->s[j] == '-')) j++;
        if (j == l) break;
        end = j;
        if (j + 1 < sc->n && sc->s[j] == '.' && nc_is_alnum(sc->s[j + 1])) {
            (*dots)++;
            j++;
            *last = j;
        } else break;
    }
    if (*dots == 0) return i;
    return end;
}

/* URL body from i: up to whitespace or a delimiter, without trailing
 * punctuation (a closing bracket stays when the URL opened it). */
static size_t scan_url_tail(const nc_scan *sc, size_t i)
{
    size_t j = i;
    int paren = 0;
    while (j < sc->n) {
        unsigned b = sc->s[j];
        if (b < 0x80) {
            if (b <= ' ' || b == 0x7F || strchr("\"<>`{}|\\^", (int)b)) break;
            if (b == '(') paren++;
            if (b == ')') paren--;
            j++;
        } else {
            size_t len;
            int32_t cp;
            unsigned c = nc_cls_at(sc, j, &len, &cp);
            if (!(c & C_WORD)) break;
            j += len;
        }
    }
    while (j > i) {
        unsigned b = sc->s[j - 1];
        if (b == ')' && paren >= 0) break;
        if (b == ')') { paren++; j--; continue; }
        if (!strchr(".,;:!?'", (int)b)) break;
        j--;
    }
    return j;
}

/* Try the ASCII forms that begin like a word: e-mail, URL with a scheme,
 * www., a host followed by a path, or a bare domain with a common TLD.
 * Returns the end (> i) and sets *kind, or returns i. */
size_t nc_scan_special(const nc_scan *sc, size_t i, int *kind)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, j = i, last, h;
    int dots;

    /* e-mail: local part, @, host with a dot */
    while (j < n && (nc_is_alnum(s[j]) || strchr("._%+-", (int)s[j]) != NULL) && s[j]) j++;
    if (j < n && s[j] == '@' && j > i) {
        h = scan_host(sc, j + 1, &dots, &last);
        if (h > j + 1 && nc_is_alpha(s[last]) && h - last >= 2) { *kind = NC_EMAIL; return h; }
    }
    /* scheme:// or www. */
    for (j = i; j < n && nc_is_alpha(s[j]); j++) {}
    if (j + 3 <= n && j > i && memcmp(s + j, "://", 3) == 0 &&
        (nc_eq_lower(s + i, j - i, "http") || nc_eq_lower(s + i, j - i, "https") ||
         nc_eq_lower(s + i, j - i, "ftp"))) {
        size_t e = scan_url_tail(sc, j + 3);
        if (e > j + 3) { *kind = NC_URL; return e; }
    }
    if (i + 4 < n && nc_eq_lower(s + i, 4, "www.") && nc_is_alnum(s[i + 4])) {
        *kind = NC_URL;
        return scan_url_tail(sc, i);
    }
    /* host/path or host.tld */
    h = scan_host(sc, i, &dots, &last);
    if (h > i && h - last >= 2 && nc_is_alpha(s[last]) && nc_is_alpha(s[h - 1])) {
        if (h < n && s[h] == '/') { *kind = NC_URL; return scan_url_tail(sc, i); }
        if (known_tld(s + last, h - last) && !(nc_cls_peek(sc, h) & C_WORD)) {
            *kind = NC_URL;
            return h;
        }
    }
    return i;
}

/* True when the byte at e, just after a word, may continue it into an e-mail
 * address or URL: @ _ + %, a dot before a letter or digit, or :// . */
int nc_maybe_special(const unsigned char *s, size_t n, size_t e)
{
    unsigned c = s[e];
    if (c == '@' || c == '_' || c == '+' || c == '%') return 1;
    if (c == '.') return e + 1 < n && nc_is_alnum(s[e + 1]);
    if (c == ':') return e + 2 < n && s[e + 1] == '/' && s[e + 2] == '/';
    return 0;
}

/* Length of a clitic at s[k..m) (the letters after an apostrophe). */
int nc_is_clitic(const unsigned char *s, size_t len)
{
    return nc_eq_lower(s, len, "s") || nc_eq_lower(s, len, "re") || nc_eq_lower(s, len, "ve") ||
           nc_eq_lower(s, len, "ll") || nc_eq_lower(s, len, "d") || nc_eq_lower(s, len, "m");
}

/* Lower-case ASCII word s[a..b) is one of the NULL-terminated list. */
static int in_list(const unsigned char *s, size_t a, size_t b, const char *const *list)
{
    for (; *list; list++)
        if (nc_eq_lower(s + a, b - a, *list)) return 1;
    return 0;
}

size_t nc_lost_clitic(const unsigned char *s, size_t n, size_t sp)
{
    static const char *const negated[] = {
        "don", "doesn", "didn", "isn", "wasn", "aren", "weren", "can", "couldn", "wouldn",
        "shouldn", "won", "haven", "hasn", "hadn", "ain", "mustn", "needn", NULL
    };
    static const char *const pronouns[] = {
        "i", "you", "we", "they", "he", "she", "it", "who", "that", "there", "what", NULL
    };
    size_t e = sp + 1, w = sp, len;
    unsigned c;
    if (sp == 0 || sp + 1 >= n || s[sp] != ' ' || !nc_is_alpha(s[sp - 1])) return 0;
    while (e < n && e - sp <= 3 && s[e] >= 'a' && s[e] <= 'z') e++;
    len = e - sp - 1;
    if (len == 0 || len > 2) return 0;
    if (e < n) {                       /* the clitic ends the word: "s," "s " not "so" "s-" "s.p." */
        c = s[e];
        if (c >= 0x80 || nc_is_alnum(c) || c == '\'' || c == '-' || c == '_' || c == '@' ||
            (c == '.' && e + 1 < n && nc_is_alpha(s[e + 1])))
            return 0;
    }
    while (w > 0 && nc_is_alpha(s[w - 1])) w--;
    if (w > 0) {                       /* a plain word before: not 1990s, U.S, @x, 's */
        c = s[w - 1];
        if (nc_is_digit(c) || c == '\'' || c == '.' || c == '@' || c == '#' || c == '_' || c == '/')
            return 0;
    }
    switch (s[sp + 1]) {
    case 's': return len == 1 && sp - w >= 2 ? 1 : 0;
    case 't': return len == 1 && in_list(s, w, sp, negated) ? 1 : 0;
    case 'm': return len == 1 && sp - w == 1 && (s[w] == 'I') ? 1 : 0;
    case 'd': return len == 1 && in_list(s, w, sp, pronouns) ? 1 : 0;
    case 'r': return len == 2 && s[sp + 2] == 'e' && in_list(s, w, sp, pronouns) ? 2 : 0;
    case 'v': return len == 2 && s[sp + 2] == 'e' && in_list(s, w, sp, pronouns) ? 2 : 0;
    case 'l': return len == 2 && s[sp + 2] == 'l' && in_list(s, w, sp, pronouns) ? 2 : 0;
    default: return 0;
    }
}

/* Dotted abbreviation from i: (letter .){2,} as in U.S. e.g. a.m. Returns
 * its end, or i when there is none. */
size_t nc_scan_dotted(const nc_scan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t j = i, count = 0;
    while (j + 1 < sc->n && nc_is_alpha(s[j]) && s[j + 1] == '.') {
        j += 2;
        count++;
        if (j < sc->n && nc_is_alpha(s[j]) && j + 1 < sc->n && nc_is_alpha(s[j + 1])) return i;
    }
    if (count < 2 || (j < sc->n && nc_is_alnum(s[j]))) return i;
    return j;
}

/* Digits (any script) from i; returns the end. */
static size_t scan_digits(const nc_scan *sc, size_t i)
{
    size_t len;
    int32_t cp;
    while (i < sc->n) {
        if (nc_is_digit(sc->s[i])) { i++; continue; }
        if (sc->s[i] < 0x80 || !(nc_cls_at(sc, i, &len, &cp) & C_DIGIT)) break;
        i += len;
    }
    return i;
}

/* End of the run of word characters (letters, marks, digits) from j. */
static size_t word_run(const nc_scan *sc, size_t j)
{
    while (j < sc->n) {
        size_t len;
        int32_t cp;
        if (!(nc_cls_at(sc, j, &len, &cp) & C_WORD)) break;
        j += len;
    }
    return j;
}

/* A number from i (a digit). Returns its end. */
size_t nc_scan_number(const nc_scan *sc, size_t i)
{
    const unsigned char *s = sc->s;
    size_t n = sc->n, j = scan_digits(sc, i), first = j - i;
    /* ISO date 2019-03-20, optionally with a time 2019-03-20T07:57:00Z */
    if (first == 4 && j + 6 <= n && s[j] == '-' && nc_is_digit(s[j + 1]) &&
        nc_is_digit(s[j + 2]) && s[j + 3] == '-' && nc_is_digit(s[j + 4]) &&
        nc_is_digit(s[j + 5]) && (j + 6 == n || !nc_is_digit(s[j + 6]))) {
        j += 6;
        if (j + 1 < n && s[j] == 'T' && nc_is_digit(s[j + 1])) {
            j++;
            while (j < n && (nc_is_digit(s[j]) || s[j] == ':' || s[j] == '.')) j++;
            while (j > i && (s[j - 1] == ':' || s[j - 1] == '.')) j--;
            if (j < n && s[j] == 'Z') j++;
            else if (j + 6 <= n && (s[j] == '+' || s[j] == '-') && nc_is_digit(s[j + 1]) &&
                     nc_is_digit(s[j + 2]) && s[j + 3] == ':' && nc_is_digit(s[j + 4]) &&
                     nc_is_digit(s[j + 5])) j += 6;
        }
        return j;
    }
    for (;;) {
        if (j + 3 < n && s[j] == ',' && nc_is_digit(s[j + 1]) && nc_is_digit(s[j + 2]) &&
            nc_is_digit(s[j + 3]) && (j + 4 == n || !nc_is_digit(s[j + 4]))) {
            j += 4;                                         /* 500,000 */
            continue;
        }
        if (j + 1 < n && (s[j] == '.' || s[j] == ':' || s[j] == '/') && nc_is_digit(s[j + 1])) {
            j = scan_digits(sc, j + 1);                     /* 3.5  07:57  14/09/2021 */
            continue;
        }
        break;
    }
    if (j < n && s[j] == '%') return j + 1;
    j = word_run(sc, j);                    /* unit or ordinal suffix: 1st 5bn 10km 1990s */
    while (j + 1 < n && s[j] == '-' && (nc_cls_peek(sc, j + 1) & C_ALPHA))
        j = word_run(sc, j + 1);            /* 10-year, 10-year-old */
    return j;
}

/* An emoji from i with its modifiers, ZWJ sequence or flag pair. */
size_t nc_scan_emoji(const nc_scan *sc, size_t i, int32_t first)
{
    size_t j = i, len;
    int32_t cp;
    unsigned c = nc_cls_at(sc, j, &len, &cp);
    (void)c;
    j += len;
    if (first >= 0x1F1E6 && first <= 0x1F1FF) {               /* regional indicator pair */
        if (j < sc->n && sc->s[j] >= 0x80) {
            nc_cls_at(sc, j, &len, &cp);
            if (cp >= 0x1F1E6 && cp <= 0x1F1FF) j += len;
        }
        return j;
    }
    while (j < sc->n && sc->s[j] >= 0x80) {
        nc_cls_at(sc, j, &len, &cp);
        if (cp == 0xFE0F || cp == 0xFE0E || cp == 0x20E3 || (cp >= 0x1F3FB && cp <= 0x1F3FF) ||
            (cp >= 0xE0020 && cp <= 0xE007F)) {
            j += len;
        } else if (cp == 0x200D && j + len < sc->n) {
            size_t l2;
            int32_t cp2;
            unsigned c2 = nc_cls_at(sc, j + len, &l2, &cp2);
            const utf8proc_property_t *p = utf8proc_get_property(cp2 < 0 ? 0 : cp2);
            if (!(c2 & C_EMOJI) && p->boundclass != UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC) break;
            j += len + l2;
        } else break;
    }
    return j;
}

/* Clitics whose apostrophe was lost ("Russia s", "don t", "they re"): a lone
 * lower-case s t m d, or re ve ll, one space after a word, that nc_lost_clitic
 * accepts, becomes a clitic flagged NC_TOK_REPAIRED. The tokenizer calls this
 * for the short lower-case words it collects, in text order. */
void nc_repair_lost_clitic(struct nc_tokens *out, size_t k, const unsigned char *s, size_t n)
{
    nc_token *t = &out->v[k], *w;
    unsigned b = s[t->start];
    if (k == 0 || t->len > 2 || t->kind != NC_WORD || b < 'a' || b > 'z' || !((NC_LOST_FIRST >> (b & 31)) & 1u))
        return;
    if (t->len == 1 ? !(b == 's' || b == 't' || b == 'm' || b == 'd')
                    : !(((b == 'r' || b == 'v') && s[t->start + 1] == 'e') ||
                        (b == 'l' && s[t->start + 1] == 'l')))
        return;
    w = t - 1;
    if (!(t->flags & NC_TOK_SPACE) || s[t->start - 1] != ' ' || w->kind != NC_WORD ||
        w->start + w->len != t->start - 1 || nc_lost_clitic(s, n, t->start - 1) != t->len)
        return;
    t->kind = NC_CLITIC;
    t->flags = (uint16_t)((t->flags & (NC_TOK_SPACE | NC_TOK_NL | NC_TOK_PARA)) | NC_TOK_REPAIRED);
}
