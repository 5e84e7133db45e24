/* nc_quotes — the speaker phrases of quotations and reported speech. See
 * nc_quotes.h. The functions keep the names and the order of the rules of the
 * Lua code they replaced (phrase_before, phrase_after, attribute_after, …). */
#include "nc_quotes.h"
#include "nc_words.h"
#include <stdlib.h>
#include <string.h>

/* ---- bytes ------------------------------------------------------------------ */

/* text[i] (1-based), or -1 outside the text */
#define T(d, i) ((i) >= 1 && (i) <= (d)->n ? (int)(d)->t[(i) - 1] : -1)

static int is_space(int c) { return c == ' ' || (c >= '\t' && c <= '\r'); }   /* %s */
static int is_upper(int c) { return c >= 'A' && c <= 'Z'; }
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_alpha(int c) { return (c >= 'a' && c <= 'z') || is_upper(c); }
static int is_alnum(int c) { return is_alpha(c) || is_digit(c); }
static int is_blank(int c) { return is_space(c) || c == 0xC2 || c == 0xA0; }   /* [%s\194\160] */

static long lmax(long a, long b) { return a > b ? a : b; }
static long lmin(long a, long b) { return a < b ? a : b; }

/* text[a..b] clamped to the text, as string.sub gives it for a >= 1 */
static void clamp(const nc_qdoc *d, long *a, long *b)
{
    if (*a < 1) *a = 1;
    if (*b > d->n) *b = d->n;
}

/* Whether text[a..b] holds anything but blanks. */
static int not_blank(const nc_qdoc *d, long a, long b)
{
    clamp(d, &a, &b);
    for (; a <= b; a++) if (!is_blank(d->t[a - 1])) return 1;
    return 0;
}

/* Whether text[a..b] is ASCII spaces only (or nothing). */
static int all_space(const nc_qdoc *d, long a, long b)
{
    clamp(d, &a, &b);
    for (; a <= b; a++) if (!is_space(d->t[a - 1])) return 0;
    return 1;
}

/* Whether text[a..b] holds one of the bytes of set. */
static int has_byte(const nc_qdoc *d, long a, long b, const char *set)
{
    clamp(d, &a, &b);
    for (; a <= b; a++) if (strchr(set, d->t[a - 1]) && d->t[a - 1]) return 1;
    return 0;
}

/* Whether text[a..b] holds an ASCII digit (with upper: or a capital). */
static int has_digit(const nc_qdoc *d, long a, long b, int upper)
{
    clamp(d, &a, &b);
    for (; a <= b; a++) {
        int c = d->t[a - 1];
        if (is_digit(c) || (upper && is_upper(c))) return 1;
    }
    return 0;
}

/* Number of ASCII spaces from i on (#match(text, "^%s*", i)). */
static long spaces(const nc_qdoc *d, long i)
{
    long k = 0;
    while (is_space(T(d, i + k))) k++;
    return k;
}

/* Whether text[a..b] is ASCII spaces, one comma, ASCII spaces ("^%s*,%s*$"). */
static int only_comma(const nc_qdoc *d, long a, long b)
{
    int commas = 0;
    clamp(d, &a, &b);
    for (; a <= b; a++) {
        int c = d->t[a - 1];
        if (c == ',') { if (++commas > 1) return 0; }
        else if (!is_space(c)) return 0;
    }
    return commas == 1;
}

/* Whether text[a..b] ends with one of the bytes of set and ASCII spaces after it
 * ("[set]%s*$"). */
static int ends_with(const nc_qdoc *d, long a, long b, const char *set)
{
    clamp(d, &a, &b);
    while (b >= a && is_space(d->t[b - 1])) b--;
    return b >= a && d->t[b - 1] && strchr(set, d->t[b - 1]) != NULL;
}

/* match(text[a..b], "^(.-)%s*,%s*$"): the length of what comes before the last
 * comma and the spaces around it, or -1 when more than spaces follows it. */
static long before_comma(const nc_qdoc *d, long a, long b)
{
    long e;
    clamp(d, &a, &b);
    e = b;
    while (e >= a && is_space(d->t[e - 1])) e--;
    if (e < a || d->t[e - 1] != ',') return -1;
    e--;
    while (e >= a && is_space(d->t[e - 1])) e--;
    return e - a + 1;
}

/* The words of text[a..b] as gmatch "[%w\128-\255][%w\128-\255'%-]*" counts them,
 * up to `enough`. */
static long word_count(const nc_qdoc *d, long a, long b, long enough)
{
    long n = 0;
    int in = 0;
    clamp(d, &a, &b);
    for (; a <= b; a++) {
        int c = d->t[a - 1];
        int w = is_alnum(c) || c >= 0x80;
        if (in && (w || c == '\'' || c == '-')) continue;
        in = 0;
        if (w) {
            if (++n >= enough) return n;
            in = 1;
        }
    }
    return n;
}

/* Title case: most words of four letters or more capitalised, at most eight of
 * them, and no full stop, question or exclamation mark at the end. */
static int title_case(const nc_qdoc *d, long a, long b)
{
    long longw = 0, caps = 0, i;
    if (ends_with(d, a, b, ".?!")) return 0;
    clamp(d, &a, &b);
    i = a;
    while (i <= b) {
        long s;
        int c = d->t[i - 1];
        if (!(is_alpha(c) || c >= 0x80)) { i++; continue; }
        s = i;
        while (i <= b && (is_alpha(d->t[i - 1]) || d->t[i - 1] >= 0x80)) i++;
        if (i - s >= 4) {
            longw++;
            if (is_upper(d->t[s - 1])) caps++;
        }
    }
    return longw > 0 && caps * 3 >= longw * 2 && longw <= 8;
}

/* ---- words ------------------------------------------------------------------ */

#define QW_BYTES 512                  /* the widest window read */
#define QW_MAX (QW_BYTES / 2 + 2)     /* words in it */

typedef struct qwords {
    int n;
    long S[QW_MAX + 2], E[QW_MAX + 2];     /* 1-based; [0] and [n+1] unused */
    unsigned short off[QW_MAX + 2];
    unsigned short len[QW_MAX + 2];
    unsigned char form[QW_BYTES];
    unsigned char scratch[2 * QW_BYTES];
    long base;
    size_t used;
} qwords;

static int add_word(void *ud, size_t start, size_t stop, const unsigned char *form, size_t n)
{
    qwords *w = (qwords *)ud;
    if (w->n >= QW_MAX || w->used + n > QW_BYTES) return 1;
    w->n++;
    w->S[w->n] = w->base + (long)start;
    w->E[w->n] = w->base + (long)stop;
    w->off[w->n] = (unsigned short)w->used;
    w->len[w->n] = (unsigned short)n;
    memcpy(w->form + w->used, form, n);
    w->used += n;
    return 0;
}

/* The words of text[a..b] (at most QW_BYTES of it: the callers' windows are
 * smaller) as core.words reads them. */
static void words(const nc_qdoc *d, long a, long b, qwords *w)
{
    w->n = 0;
    w->used = 0;
    clamp(d, &a, &b);
    if (b < a) return;
    if (b - a + 1 > QW_BYTES) b = a + QW_BYTES - 1;
    w->base = a;
    nc_phrase_words(d->t + a - 1, (size_t)(b - a + 1), w->scratch, add_word, w);
}

/* the classes of word i (0 for none) */
static unsigned wclass(const nc_qdoc *d, const qwords *w, int i)
{
    if (i < 1 || i > w->n) return 0;
    return nc_wordset_get(d->ws, (const char *)w->form + w->off[i], w->len[i]);
}

/* whether word i is s */
static int wis(const qwords *w, int i, const char *s)
{
    size_t n = strlen(s);
    return i >= 1 && i <= w->n && w->len[i] == n && memcmp(w->form + w->off[i], s, n) == 0;
}

/* ---- lists ---------------------------------------------------------------------- */

/* index (0-based) of the first entity starting at or after pos */
static size_t first_ent(const nc_qdoc *d, long pos)
{
    size_t lo = 0, hi = d->nents;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->ents[mid].start < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* whether a mention can be a speaker: a person or an organisation */
static int speaks(const nc_qent *e) { return e->kind == NC_QE_PERSON || e->kind == NC_QE_ORG; }

/* index (0-based) of the first cue starting at or after pos */
static size_t first_cue(const nc_qdoc *d, long pos)
{
    size_t lo = 0, hi = d->ncues;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->cues[mid].a < pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

/* whether a person or organisation starts at pos */
static int ent_at(const nc_qdoc *d, long pos)
{
    size_t k;
    for (k = first_ent(d, pos); k < d->nents && d->ents[k].start == pos; k++)
        if (speaks(&d->ents[k])) return 1;
    return 0;
}

static int cue_at(const nc_qdoc *d, long pos)
{
    size_t k = first_cue(d, pos);
    return k < d->ncues && d->cues[k].a == pos;
}

size_t nc_quote_span_at(const nc_qspan *v, size_t n, long pos)
{
    long lo = 1, hi = (long)n;
    while (lo <= hi) {
        long mid = lo + (hi - lo) / 2;
        if (pos < v[mid - 1].a) hi = mid - 1;
        else if (pos > v[mid - 1].b) lo = mid + 1;
        else return (size_t)mid;
    }
    return 0;
}

/* the cue's word is s (the cues are single words but "according to") */
static int cue_is(const nc_qdoc *d, const nc_qcue *c, const char *s)
{
    size_t n = strlen(s), i;
    if ((size_t)(c->b - c->a + 1) != n) return 0;
    for (i = 0; i < n; i++) {
        int ch = T(d, c->a + (long)i);
        if (is_upper(ch)) ch += 32;
        if (ch != s[i]) return 0;
    }
    return 1;
}

/* ---- speaker phrases ---------------------------------------------------------- */

typedef struct found { int ok; long a, b; int first; } found;

static int is_break(const nc_qdoc *d, const qwords *w, int i)
{
    unsigned k = wclass(d, w, i);
    return (k & NC_QW_BREAK) && !(k & NC_QW_PRONOUN) && !ent_at(d, w->S[i]) &&
           !(is_upper(T(d, w->S[i])) && is_upper(T(d, w->S[i] + 1)));      /* WHO, AND: acronyms */
}

/* the person or organisation ending at b (0-based index + 1), or 0 */
static size_t speaker_ending(const nc_qdoc *d, long b)
{
    size_t k;
    for (k = first_ent(d, b - 80); k < d->nents && d->ents[k].start <= b; k++)
        if (d->ents[k].stop == b && speaks(&d->ents[k])) return k + 1;
    return 0;
}

/* whether text[a..b] holds a person or an organisation */
static int speaker_in(const nc_qdoc *d, long a, long b)
{
    size_t k;
    for (k = first_ent(d, a); k < d->nents && d->ents[k].start <= b; k++)
        if (d->ents[k].stop <= b && speaks(&d->ents[k])) return 1;
    return 0;
}

static int ends_ed(const qwords *w, int i)
{
    return w->len[i] >= 2 && memcmp(w->form + w->off[i] + w->len[i] - 2, "ed", 2) == 0;
}

/* "Activists in the town said", "a medical source in Aleppo said": the source
 * named before the place W[first..last] (after a preposition of place at
 * first - 1) is the speaker. Only a place of a few words without digits; a
 * source in an organisation or of a person stays theirs. */
static found source_before(const nc_qdoc *d, const qwords *w, int first, int last)
{
    found r = { 0, 0, 0, 0 };
    const long *S = w->S, *E = w->E;
    int h, f;
    if (first <= 2 || last - first >= 4 || has_digit(d, S[first], E[last], 0) ||
        not_blank(d, E[first - 2] + 1, S[first - 1] - 1) || speaker_in(d, S[first], E[last]))
        return r;
    h = first - 2;
    if (ends_ed(w, h) && h > 1 && (wclass(d, w, h - 1) & NC_QW_SOURCE) && !not_blank(d, E[h - 1] + 1, S[h] - 1))
        h--;
    if (!(wclass(d, w, h) & NC_QW_SOURCE) || ent_at(d, S[h]) || wis(w, h - 1, "of")) return r;
    /* back over the words of its noun phrase: lower case ones and a determiner
     * (no number), or the organisation whose source it is ("SANA reporter") */
    f = h;
    while (f > 1 && h - f < 3 && !not_blank(d, E[f - 1] + 1, S[f] - 1) && !is_break(d, w, f - 1) &&
           !wis(w, f - 1, "of")) {
        size_t org = speaker_ending(d, E[f - 1]);
        if (org) {
            while (f > 1 && S[f - 1] >= d->ents[org - 1].start) f--;
            break;
        }
        if (!(wclass(d, w, f - 1) & NC_QW_DETERMINER) && has_digit(d, S[f - 1], E[f - 1], 1)) break;
        f--;
        if (wclass(d, w, f) & NC_QW_DETERMINER) break;
    }
    r.ok = 1;
    r.a = S[f];
    r.b = E[h];
    r.first = f == 1;
    return r;
}

static found phrase_before_in(const nc_qdoc *d, long lo, long pos, int relative);

/* The speaker phrase ending right before pos (a cue), in text[lo..pos-1]. Most
 * phrases are a few words: read 60 bytes back first, all of 240 (14 words with
 * an apposition) only when the phrase reaches the start of that window. */
static found phrase_before(const nc_qdoc *d, long lo, long pos, int relative)
{
    found r;
    if (lo < pos - 240) lo = pos - 240;
    if (lo < pos - 60) {
        r = phrase_before_in(d, pos - 60, pos, relative);
        if (r.ok && !r.first) return r;
        if (!r.ok && !r.first) return r;
    }
    r = phrase_before_in(d, lo, pos, relative);
    r.first = 0;
    return r;
}

/* phrase_before over text[lo..pos-1]; .first says whether the phrase (or the
 * walk that found none) reached the first word of the window. */
static found phrase_before_in(const nc_qdoc *d, long lo, long pos, int relative)
{
    found none_first = { 0, 0, 0, 1 }, none = { 0, 0, 0, 0 }, r;
    qwords w;
    const long *S, *E;
    int j, last, first;
    long gapb;
    words(d, lo, pos - 1, &w);
    S = w.S;
    E = w.E;
    j = w.n;
    if (j == 0) return none_first;
    /* between the phrase and the cue: adverbs and auxiliaries ("also said", "has
     * insisted"), or the comma closing an apposition ("Peskov, the Kremlin
     * spokesman, said") */
    while (j >= 1 && (wclass(d, &w, j) & (NC_QW_ADVERB | NC_QW_AUX)) && !ent_at(d, S[j]) &&
           !not_blank(d, E[j] + 1, (j < w.n ? S[j + 1] : pos) - 1))
        j--;
    if (j == 0) return none_first;
    gapb = (j < w.n ? S[j + 1] : pos) - 1;
    last = j;
    if (only_comma(d, E[j] + 1, gapb)) {
        /* back to the comma that opens the apposition, then the name before it */
        int c = j;
        while (c > 1 && last - c < 12 && !has_byte(d, E[c - 1] + 1, S[c] - 1, ",")) c--;
        if (c <= 1) return none_first;
        if (!only_comma(d, E[c - 1] + 1, S[c] - 1)) return none;
        first = c - 1;
        while (first > 1 && c - first < 6 && !not_blank(d, E[first - 1] + 1, S[first] - 1) &&
               !is_break(d, &w, first - 1))
            first--;
        if (is_break(d, &w, first)) return none;
        r.ok = 1;
        r.a = S[first];
        r.b = E[last];
        r.first = first == 1;
        return r;
    } else if (not_blank(d, E[j] + 1, gapb)) return none;
    if (is_break(d, &w, last)) return none;
    first = last;
    while (first > 1 && last - first < 13) {
        if (not_blank(d, E[first - 1] + 1, S[first] - 1)) break;
        if (is_break(d, &w, first - 1)) {
            /* "Activists in the town said": the source before the place */
            if (wclass(d, &w, first - 1) & NC_QW_PLACE_PREP) {
                r = source_before(d, &w, first, last);
                if (r.ok) return r;
            }
            /* "the coalition which launched ... said": the speaker stands before the
             * relative pronoun; not when a name or a determiner follows it, which
             * is then the subject ("which Washington said") */
            if ((wis(&w, first - 1, "which") || wis(&w, first - 1, "who")) && first > 2 && !relative &&
                !((wclass(d, &w, first) & NC_QW_DETERMINER) || is_upper(T(d, S[first])))) {
                size_t k = first_ent(d, S[first]);
                int named = k < d->nents && d->ents[k].start <= E[last] && speaks(&d->ents[k]);
                if (!named) {
                    r = phrase_before(d, lo, S[first - 1], 1);
                    if (r.ok) { r.first = 0; return r; }
                }
            }
            break;
        }
        first--;
    }
    r.ok = 1;
    r.a = S[first];
    r.b = E[last];
    r.first = first == 1;
    return r;
}

/* The speaker phrase starting at pos: up to punctuation or a clause word, at
 * most 14 words, cut after the first person or organisation (else place) it
 * names. */
static found phrase_after(const nc_qdoc *d, long pos, long hi)
{
    found r = { 0, 0, 0, 0 };
    qwords w;
    const long *S, *E;
    int last = 1;
    size_t k;
    long cut = 0;
    if (hi > pos + 200) hi = pos + 200;
    words(d, pos, hi, &w);
    S = w.S;
    E = w.E;
    if (w.n == 0 || not_blank(d, pos, S[1] - 1)) return r;
    if (is_break(d, &w, 1)) return r;
    while (last < w.n && last < 14) {
        unsigned c;
        if (not_blank(d, E[last] + 1, S[last + 1] - 1)) break;
        c = wclass(d, &w, last + 1);
        if (((c & (NC_QW_BREAK | NC_QW_ADVERB | NC_QW_AUX)) || cue_at(d, S[last + 1])) && !ent_at(d, S[last + 1]))
            break;
        last++;
    }
    for (k = first_ent(d, S[1]); k < d->nents && d->ents[k].start <= E[last]; k++) {
        const nc_qent *e = &d->ents[k];
        if (e->stop <= E[last]) {
            if (speaks(e)) { cut = e->stop; break; }
            if (!cut) cut = e->stop;
        }
    }
    r.ok = 1;
    r.a = S[1];
    r.b = E[last];
    if (cut) {
        /* a possessive or role word right after the name stays ("Syria's foreign ministry") */
        qwords tail;
        words(d, cut + 1, E[last], &tail);
        if (!(tail.n >= 1 && ((wclass(d, &tail, 1) & NC_QW_ROLE) || wis(&tail, 1, "'s")))) r.b = cut;
    }
    return r;
}

/* ---- attribution ------------------------------------------------------------ */

static found quoted_whom(const nc_qdoc *d, const nc_qcue *c, long hi)
{
    return phrase_after(d, c->b + 1 + spaces(d, c->b + 1), hi);
}

static nc_qspeaker speaker(found f, size_t cue, int how)
{
    nc_qspeaker s;
    s.a = f.ok ? f.a : 0;
    s.b = f.ok ? f.b : 0;
    s.cue = cue;
    s.how = how;
    return s;
}

static const nc_qspeaker NOBODY = { 0, 0, 0, NC_QH_NONE };

/* Attribution after a quote: `"…," Putin said`, `"…," said Putin`, `"…," Syrian
 * TV quoted Assad as saying`, `"…", according to the Kremlin`. A quote that
 * ends its sentence takes only a short attribution that ends right after it. */
static nc_qspeaker attribute_after(const nc_qdoc *d, const nc_qmark *q, long limit)
{
    int c0 = T(d, q->close);
    long from = q->close + (c0 == 0xE2 ? 3 : (c0 == 0xC2 ? 2 : 1));
    long hi = lmin(limit, from + 200), start = from;
    size_t k, ci = 0;
    const nc_qcue *c = NULL;
    int ended, how;
    found f;
    for (;;) {
        int ch = T(d, start);
        if (ch < 0 || !(is_space(ch) || ch == ',' || ch == ';' || ch == ':' || ch == '-' || ch == 0xC2 || ch == 0xA0))
            break;
        if (ch == '\n') return NOBODY;
        start++;
    }
    for (k = first_cue(d, start); k < d->ncues && d->cues[k].a <= hi; k++)
        if (d->cues[k].b <= hi) { c = &d->cues[k]; ci = k + 1; break; }
    if (!c || c->label == NC_QL_DESCRIBE) return NOBODY;
    ended = T(d, q->b) == '.';
    if (c->a == start) {
        /* "said Putin", "added the minister", ", according to the Kremlin" */
        f = phrase_after(d, c->b + 1 + spaces(d, c->b + 1), hi);
        how = c->label == NC_QL_ACCORDING ? NC_QH_ACCORDING : NC_QH_WORD;
    } else {
        /* "Putin said", "the Kremlin said in a statement", "Syrian TV quoted Assad" */
        f = phrase_before(d, start, c->a, 0);
        if (!f.ok || f.a != start || c->label == NC_QL_ACCORDING) return NOBODY;
        how = NC_QH_WORD;
        if (c->label == NC_QL_QUOTED) {
            found g = quoted_whom(d, c, hi);
            if (g.ok) { f = g; how = NC_QH_QUOTED; }
        }
    }
    if (!f.ok) return NOBODY;
    if (ended) {
        long i = lmax(f.b, c->b) + 1;
        int ch;
        if (i > d->n + 1) return NOBODY;
        i += spaces(d, i);
        ch = T(d, i);
        if (ch != '.' && ch != ',') return NOBODY;
    }
    return speaker(f, ci, how);
}

/* "as" and spaces at the end of text[a..b] ("as%s+$") */
static int ends_as(const nc_qdoc *d, long a, long b)
{
    long e;
    clamp(d, &a, &b);
    e = b;
    while (e >= a && is_space(d->t[e - 1])) e--;
    return e < b && e - 1 >= a && d->t[e - 2] == 'a' && d->t[e - 1] == 's';
}

/* Attribution before a quote, in its sentence: `Putin said: "…"`, `He told
 * reporters: "…"`, `According to X, "…"`; for a partial quote any cue of the
 * sentence before it (`described the sanctions as “…”`). */
static nc_qspeaker attribute_before(const nc_qdoc *d, const nc_qmark *q, long lo, int partial)
{
    size_t k0 = first_cue(d, lo), k1 = k0, i;
    long hi = q->open - 1;
    /* the cues of text[lo..hi]: indices k0..k1-1 whose stop is within it */
    while (k1 < d->ncues && d->cues[k1].a <= hi) k1++;
    for (i = k1; i > k0; i--) {
        const nc_qcue *c = &d->cues[i - 1];
        found f;
        if (c->b > hi) continue;
        if (c->label == NC_QL_DESCRIBE && !partial) continue;
        if (c->label == NC_QL_ACCORDING) {
            f = phrase_after(d, c->b + 1 + spaces(d, c->b + 1), hi);
            if (f.ok) return speaker(f, i, NC_QH_ACCORDING);
            continue;
        }
        /* a full quote right after its cue: "said: “", "told reporters: “",
         * "said that “", "including: “" */
        if (!(partial || hi - c->b < 60 || ends_with(d, c->b + 1, hi, ":"))) continue;
        /* "quoted a military source as saying" */
        if (cue_is(d, c, "saying") && ends_as(d, lmax(lo, c->a - 4), c->a - 1)) {
            size_t k;
            for (k = i - 1; k > k0; k--) {
                const nc_qcue *c2 = &d->cues[k - 1];
                if (c2->b > hi) continue;
                if (c2->label == NC_QL_QUOTED) {
                    f = quoted_whom(d, c2, c->a - 1);
                    if (f.ok) return speaker(f, k, NC_QH_QUOTED);
                }
            }
        }
        if (c->label == NC_QL_QUOTED) {
            f = quoted_whom(d, c, hi);
            if (f.ok) return speaker(f, i, NC_QH_QUOTED);
        }
        f = phrase_before(d, lo, c->a, 0);
        if (f.ok) return speaker(f, i, NC_QH_WORD);
        /* "… and described as": the subject of the sentence */
        if (partial) {
            f = phrase_after(d, lo, c->a - 1);
            if (f.ok) return speaker(f, i, NC_QH_WORD);
        }
    }
    return NOBODY;
}

void nc_quote_attribute(const nc_qdoc *d, size_t qi, nc_qattr *out)
{
    const nc_qmark *q = &d->quotes[qi - 1];
    size_t pi = nc_quote_span_at(d->paras, d->nparas, q->open), si, pq;
    long pa, pb, lo, closing;
    int first = T(d, q->a), starts;
    if (!pi) pi = (size_t)q->para;
    pa = d->paras[pi - 1].a;
    pb = d->paras[pi - 1].b;
    out->words = word_count(d, q->a, q->b, 4);
    out->title = title_case(d, q->a, q->b);
    out->pi = (long)pi;
    out->pa = pa;
    si = nc_quote_span_at(d->sents, d->nsents, q->open);
    if (!si) si = nc_quote_span_at(d->sents, d->nsents, q->a);
    lo = si ? d->sents[si - 1].a : pa;
    if (lo < pa) lo = pa;
    /* partial: starts within a sentence, or lower case */
    starts = q->open == pa || all_space(d, lo, q->open - 1) || ends_with(d, lmax(pa, q->open - 3), q->open - 1, ":.?!");
    out->partial = !(starts && first >= 0 &&
                     (is_upper(first) || first >= 0xC3 || is_digit(first) || first == 0xE2 || first == '.'));
    pq = nc_quote_span_at(d->paras, d->nparas, q->b);
    closing = q->close ? pb : d->paras[(pq ? pq : pi) - 1].b;
    out->sp = NOBODY;
    if (q->close) out->sp = attribute_after(d, q, closing);
    if (!out->sp.a) out->sp = attribute_before(d, q, lo, out->partial);
    if (!out->sp.a && out->partial && q->close) {
        /* the cue later in the sentence: `The strikes "targeted …" in order to
         * "serve …" Barazi added` */
        size_t se = nc_quote_span_at(d->sents, d->nsents, q->b), k;
        long hi = se ? d->sents[se - 1].b : pb;
        for (k = first_cue(d, q->close); k < d->ncues && d->cues[k].a <= hi; k++) {
            const nc_qcue *c = &d->cues[k];
            if (c->b > hi) continue;
            if (c->label == NC_QL_SAY || c->label == NC_QL_THAT) {
                found f = phrase_before(d, q->close + 1, c->a, 0);
                if (f.ok) out->sp = speaker(f, k + 1, NC_QH_WORD);
                break;
            }
        }
    }
    if (!out->sp.a) {
        /* `The Observatory "has documented …"`: a name right before the quote */
        size_t k = first_ent(d, q->open);
        const nc_qent *e = k > 0 ? &d->ents[k - 1] : NULL;
        if (e && speaks(e) && !not_blank(d, e->stop + 1, q->open - 1)) {
            out->sp.a = e->start;
            out->sp.b = e->stop;
        } else if (ends_with(d, lo, q->open - 1, ":") && !out->partial) {
            /* `Sunak defended the record …: "…"`: the subject of the sentence */
            size_t k2 = first_ent(d, lo);
            const nc_qent *e2 = k2 < d->nents ? &d->ents[k2] : NULL;
            if (e2 && speaks(e2) && e2->stop < q->open && e2->start - lo < 40) {
                out->sp.a = e2->start;
                out->sp.b = e2->stop;
            }
        }
    }
}

/* ---- reported speech ---------------------------------------------------------- */

/* The letters right before text[.. b] and the spaces after them, within
 * text[a..b] ("(%a+)%s*$"): whether they are one of the words of list. */
static int last_word_in(const nc_qdoc *d, long a, long b, const char *const *list)
{
    long e, s;
    size_t i;
    clamp(d, &a, &b);
    e = b;
    while (e >= a && is_space(d->t[e - 1])) e--;
    s = e;
    while (s >= a && is_alpha(d->t[s - 1])) s--;
    s++;
    if (s > e) return 0;
    for (i = 0; list[i]; i++) {
        size_t n = strlen(list[i]), j;
        if ((long)n != e - s + 1) continue;
        for (j = 0; j < n; j++) {
            int ch = d->t[s - 1 + (long)j];
            if (is_upper(ch)) ch += 32;
            if (ch != list[i][j]) break;
        }
        if (j == n) return 1;
    }
    return 0;
}

/* whether all the words of text[a..b] are time words ("on Tuesday", "in a statement") */
static int only_time(const nc_qdoc *d, long a, long b)
{
    qwords w;
    int i;
    words(d, a, b, &w);
    for (i = 1; i <= w.n; i++) if (!(wclass(d, &w, i) & NC_QW_TIME)) return 0;
    return 1;
}

static int report(nc_qreport *out, long start, long stop, found f, size_t ci, int how)
{
    out->start = start;
    out->stop = stop;
    out->sp = speaker(f, ci, how);
    return 1;
}

int nc_quote_reported(const nc_qdoc *d, size_t ci, long sa, long sb, nc_qreport *out)
{
    static const char *const NOT_SPEECH[] = { "was", "were", "is", "are", "been", "being", "be", "the", NULL };
    const nc_qcue *c = &d->cues[ci - 1];
    long endp = sb, p;
    int tail_ok, i, that = 0, j;
    found pf, f;
    qwords w;
    size_t k;
    while (endp > sa) {
        int ch = T(d, endp);
        if (!(ch == '.' || ch == '?' || ch == '!' || is_space(ch) || ch == '"' || ch == 0xE2 || ch == 0x80 ||
              ch == 0x9D || ch == 0x99))
            break;
        endp--;
    }
    if (c->label == NC_QL_ACCORDING) {
        long rest, before;
        f = phrase_after(d, c->b + 1 + spaces(d, c->b + 1), endp);
        if (!f.ok) return 0;
        /* "According to X, clause." */
        rest = f.b + 1;
        if (rest <= d->n + 1) {
            rest += spaces(d, rest);
            if (T(d, rest) == ',') {
                rest++;
                rest += spaces(d, rest);
                if (rest <= endp && c->a - sa < 3) {
                    if (word_count(d, rest, endp, 3) < 3) return 0;
                    return report(out, rest, endp, f, ci, NC_QH_ACCORDING);
                }
            }
        }
        /* "clause, according to X." */
        before = before_comma(d, sa, c->a - 1);
        if (before > 0 && f.b >= endp - 1 && word_count(d, sa, sa + before - 1, 3) >= 3)
            return report(out, sa, sa + before - 1, f, ci, NC_QH_ACCORDING);
        return 0;
    }
    if (last_word_in(d, lmax(sa, c->a - 12), c->a - 1, NOT_SPEECH)) return 0;
    if (cue_is(d, c, "saying")) {
        /* "Putin held talks with Assad on Monday saying ...": the subject speaks */
        found q = phrase_after(d, sa, c->a - 1);
        long s;
        words(d, c->b + 1, endp, &w);
        i = wis(&w, 1, "that") ? 2 : 1;
        /* the window is cut at QW_BYTES: only its last word may differ, so two
         * whole words before it are the sentence's */
        if (w.n <= i && endp - c->b > QW_BYTES) return 0;
        if (!q.ok || i > w.n) return 0;
        s = w.S[i];
        if (word_count(d, s, endp, 3) < 3) return 0;
        return report(out, s, endp, q, ci, NC_QH_WORD);
    }
    /* "clause, SPEAKER said." / "clause, said SPEAKER." */
    tail_ok = endp - c->b < 60 && only_time(d, c->b + 1, endp);
    pf = phrase_before(d, sa, c->a, 0);
    if (pf.ok && pf.a > sa) {
        long pre = before_comma(d, sa, pf.a - 1);
        if (pre >= 0 && tail_ok && word_count(d, sa, sa + pre - 1, 3) >= 3)
            return report(out, sa, sa + pre - 1, pf, ci, NC_QH_WORD);
    }
    if (!pf.ok) {
        long pre = before_comma(d, sa, c->a - 1);
        if (pre > 0) {
            f = phrase_after(d, c->b + 1 + spaces(d, c->b + 1), endp);
            if (f.ok && f.b >= endp - 1 && word_count(d, sa, sa + pre - 1, 3) >= 3)
                return report(out, sa, sa + pre - 1, f, ci, NC_QH_WORD);
        }
        return 0;
    }
    /* "SPEAKER said (that) clause", "SPEAKER told X (that) clause" */
    if (c->label != NC_QL_SAY && c->label != NC_QL_THAT) return 0;
    /* not when the sentence ends with its own attribution: "Putin told Assad
     * that ..., the Kremlin said." is the Kremlin's */
    for (k = first_cue(d, c->b + 1); k < d->ncues && d->cues[k].a <= sb; k++) {
        const nc_qcue *c2 = &d->cues[k];
        if (c2->b > sb) continue;
        if ((c2->label == NC_QL_SAY || c2->label == NC_QL_THAT || c2->label == NC_QL_ACCORDING) && endp - c2->b < 60 &&
            only_time(d, c2->b + 1, endp) && has_byte(d, c->b + 1, c2->a - 1, ","))
            return 0;
    }
    p = c->b + 1;
    words(d, p, lmin(endp, p + 100), &w);   /* "that" within 8 words */
    if (w.n == 0) return 0;
    i = 1;
    for (j = 1; j <= w.n && j <= 8; j++) {
        if (wis(&w, j, "that")) { that = j; break; }
        if (has_byte(d, (j > 1 ? w.E[j - 1] : c->b) + 1, w.S[j] - 1, "\"\xE2\x80\x9C\x9D")) break;
    }
    if (that) {
        i = that + 1;
    } else if (c->label == NC_QL_THAT) {
        return 0;
    } else {
        if (cue_is(d, c, "told") || cue_is(d, c, "tells") || cue_is(d, c, "tell")) {
            /* skip the hearers: an entity, or hearer words */
            k = first_ent(d, w.S[1]);
            if (k < d->nents && d->ents[k].start == w.S[1])
                while (i <= w.n && w.S[i] <= d->ents[k].stop) i++;
            while (i <= w.n && (wclass(d, &w, i) & NC_QW_HEARERS)) i++;
            if (i == 1) return 0;
        }
        /* a quote right after: the cue attributes it (handled as a quote) */
        if (has_byte(d, p, i <= w.n ? w.S[i] : endp, "\"\xE2\x80\x9C\xC2\xAB")) return 0;
        /* "said in a statement", "said on Tuesday": time words then the clause */
        while (i <= w.n && (wclass(d, &w, i) & NC_QW_TIME) && !wis(&w, i, "the")) i++;
        if (wis(&w, i, "the") && i > 1 && (wclass(d, &w, i - 1) & NC_QW_TIME)) return 0;
    }
    if (i > w.n || word_count(d, w.S[i], endp, 3) < 3) return 0;
    if (has_byte(d, c->b + 1, w.S[i] - 1, ".?!;:")) return 0;
    return report(out, w.S[i], endp, pf, ci, NC_QH_WORD);
}

/* ---- the document ---------------------------------------------------------------- */

int nc_quote_cue_ok(const unsigned char *t, long n, long a)
{
    long e, lo = a - 30 > 1 ? a - 30 : 1;
    if (a < 1 || a > n) return 0;
    if (a > 1 && t[a - 2] == '-') return 0;
    if (!is_upper(t[a - 1])) return 1;
    /* "%u[%w\128-\255'%-]*%s+$" before it, within 30 bytes */
    e = a - 1;
    if (e < lo || !is_space(t[e - 1])) return 1;
    while (e >= lo && is_space(t[e - 1])) e--;
    for (; e >= lo; e--) {
        int c = t[e - 1];
        if (is_upper(c)) return 0;
        if (!(is_alnum(c) || c >= 0x80 || c == '\'' || c == '-')) break;
    }
    return 1;
}

void nc_qitems_free(nc_qitems *it)
{
    free(it->v);
    it->v = NULL;
    it->n = it->cap = 0;
}

static nc_qitem *new_item(nc_qitems *out)
{
    nc_qitem *it;
    if (out->n == out->cap) {
        nc_qitem *v = (nc_qitem *)nc_grow(out->v, &out->cap, sizeof *v, 16);
        if (!v) return NULL;
        out->v = v;
    }
    it = &out->v[out->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* the stops of the speakers quotations took: an open-addressing set */
typedef struct stopset { long *v; size_t n, cap; } stopset;

static int stopset_has(const stopset *s, long x)
{
    size_t i;
    if (!s->cap) return 0;
    for (i = ((size_t)x * 2654435761u) & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
        if (s->v[i] == x) return 1;
    return 0;
}

static int stopset_add(stopset *s, long x)
{
    size_t i;
    if (stopset_has(s, x)) return NC_OK;
    if ((s->n + 1) * 2 > s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 16, k;
        long *v = (long *)calloc(cap, sizeof *v);
        if (!v) return NC_ENOMEM;
        for (k = 0; k < s->cap; k++)
            if (s->v[k]) {
                for (i = ((size_t)s->v[k] * 2654435761u) & (cap - 1); v[i]; i = (i + 1) & (cap - 1)) {}
                v[i] = s->v[k];
            }
        free(s->v);
        s->v = v;
        s->cap = cap;
    }
    for (i = ((size_t)x * 2654435761u) & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1)) {}
    s->v[i] = x;
    s->n++;
    return NC_OK;
}

/* whether the word of ASCII letters that ends text[a..p] (after blanks) is
 * "for" or "of", in any case: what Lua's match(text:sub(a, p), "(%a+)%s*$")
 * reads */
static int governed_before(const nc_qdoc *d, long a, long p)
{
    const unsigned char *t = d->t;
    long q;
    char w[4];
    size_t k, len;
    while (p >= a && (t[p - 1] == ' ' || (t[p - 1] >= '\t' && t[p - 1] <= '\r'))) p--;
    for (q = p; q >= a && ((t[q - 1] | 0x20) >= 'a' && (t[q - 1] | 0x20) <= 'z'); q--) {}
    len = (size_t)(p - q);
    if (len < 2 || len > 3) return 0;
    for (k = 0; k < len; k++) w[k] = (char)(t[q + (long)k] | 0x20);
    return (len == 2 && memcmp(w, "of", 2) == 0) || (len == 3 && memcmp(w, "for", 3) == 0);
}

nc_qphrase nc_quote_phrase_ents(const nc_qdoc *d, long a, long b)
{
    nc_qphrase r = { 0, 0, 0, 0 };
    size_t k = first_ent(d, a);
    r.first = k + 1;
    for (; k < d->nents && d->ents[k].start <= b; k++) {
        const nc_qent *e = &d->ents[k];
        if (e->stop > b) continue;
        if (e->kind == NC_QE_PERSON) {
            if (!r.person && !governed_before(d, a, e->start - 1)) r.person = k + 1;
        } else if (e->kind == NC_QE_ORG) {
            if (!r.org) r.org = k + 1;
        } else if (e->kind == NC_QE_PLACE) {
            if (!r.place) r.place = k + 1;
        }
    }
    return r;
}

int nc_quote_inside(const nc_qdoc *d, long pos)
{
    size_t k;
    for (k = 0; k < d->nquotes; k++) {
        const nc_qmark *q = &d->quotes[k];
        if (pos >= q->a && pos <= q->b) return 1;
        if (q->a > pos) break;
    }
    return 0;
}

/* the number of quotations (a prefix, by position) whose text starts at or before pos */
static size_t quotes_upto(const nc_qdoc *d, long pos)
{
    size_t lo = 0, hi = d->nquotes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->quotes[mid].a <= pos) lo = mid + 1; else hi = mid;
    }
    return lo;
}

int nc_quote_items(const nc_qdoc *d, int indirect, nc_qitems *out)
{
    size_t qi = 0, ci = 0, k;
    long done_sa = 0;
    stopset used = { NULL, 0, 0 };
    long *maxb = NULL;   /* maxb[k]: the furthest stop of quotations 0..k */
    int rc = NC_OK;
    out->n = 0;
    if (d->nquotes) {
        maxb = (long *)malloc(d->nquotes * sizeof *maxb);
        if (!maxb) return NC_ENOMEM;
        for (k = 0; k < d->nquotes; k++)
            maxb[k] = k && maxb[k - 1] > d->quotes[k].b ? maxb[k - 1] : d->quotes[k].b;
    }
    while (qi < d->nquotes || ci < d->ncues) {
        const nc_qmark *q = qi < d->nquotes ? &d->quotes[qi] : NULL;
        const nc_qcue *c = ci < d->ncues ? &d->cues[ci] : NULL;
        if (q && (!c || q->open <= c->a)) {
            nc_qattr at;
            nc_qitem *it = new_item(out);
            long stop;
            size_t pq;
            if (!it) { rc = NC_ENOMEM; break; }
            qi++;
            nc_quote_attribute(d, qi, &at);
            it->kind = NC_QI_QUOTE;
            it->quote = qi;
            it->start = q->a;
            it->stop = q->b;
            it->sp = at.sp;
            it->partial = at.partial;
            it->title = at.title;
            it->words = at.words;
            it->pi = at.pi;
            it->pa = at.pa;
            if (at.sp.a && at.sp.how == NC_QH_WORD) {
                it->cue_a = d->cues[at.sp.cue - 1].a;
                it->cue_b = d->cues[at.sp.cue - 1].b;
            }
            stop = q->close ? q->close : q->b;
            if (at.sp.a && at.sp.how != NC_QH_NONE) {
                if ((rc = stopset_add(&used, at.sp.b)) != NC_OK) break;
                if (at.sp.b > stop) stop = at.sp.b;
            }
            pq = nc_quote_span_at(d->paras, d->nparas, q->b);
            it->para = pq ? (long)pq : q->para;
            it->end = stop;
        } else {
            size_t s, in;
            long sa, sb;
            nc_qreport r;
            int over = 0;
            ci++;
            if (!indirect || !(c->label == NC_QL_SAY || c->label == NC_QL_THAT || c->label == NC_QL_ACCORDING))
                continue;
            /* a cue inside a quotation reports nothing */
            in = quotes_upto(d, c->a);
            if (in && maxb[in - 1] >= c->a) continue;
            s = nc_quote_span_at(d->sents, d->nsents, c->a);
            if (!s) continue;
            sa = d->sents[s - 1].a;
            sb = d->sents[s - 1].b;
            if (sa == done_sa) continue;
            if (!nc_quote_reported(d, ci, sa, sb, &r)) continue;
            /* a clause mostly inside a quotation is that quotation */
            for (k = quotes_upto(d, r.stop); k > 0 && maxb[k - 1] >= r.start; k--) {
                const nc_qmark *x = &d->quotes[k - 1];
                if (x->b >= r.start && (double)(x->b - x->a) > (double)(r.stop - r.start) / 2) { over = 1; break; }
            }
            if (over) continue;
            {
                nc_qitem *it = new_item(out);
                if (!it) { rc = NC_ENOMEM; break; }
                it->kind = NC_QI_REPORTED;
                it->start = r.start;
                it->stop = r.stop;
                it->sp = r.sp;
                if (r.sp.how == NC_QH_WORD) {
                    it->cue_a = c->a;
                    it->cue_b = c->b;
                }
                if (stopset_has(&used, r.sp.b)) {
                    /* listed all the same: its speaker phrase is read (newscorpus.quotes
                     * resolves it, and a later "he" may refer to it) */
                    it->taken = 1;
                    continue;
                }
                done_sa = sa;
                s = nc_quote_span_at(d->paras, d->nparas, sb);
                it->para = (long)s;
                it->end = r.stop > r.sp.b ? r.stop : r.sp.b;
            }
        }
    }
    free(maxb);
    free(used.v);
    return rc;
}

/* ---- speakers: which entity a phrase names --------------------------------- */

/* The ends of the words of a phrase (nc_phrase_words): how many, the first and
 * the last form, where the first two start and the last stops (1-based), and
 * whether one word has a class of `bits`. */
typedef struct qends {
    const nc_wordset *ws;
    unsigned bits;
    long base;
    size_t n;
    long s1, s2, elast;
    int any;
    unsigned char first[NC_WORD_MAX + 1], last[NC_WORD_MAX + 1];
    size_t firstn, lastn;   /* > NC_WORD_MAX: too long to be a class word */
} qends;

static int end_word(void *ud, size_t start, size_t stop, const unsigned char *form, size_t formn)
{
    qends *o = (qends *)ud;
    o->n++;
    if (o->n == 1) {
        o->s1 = o->base + (long)start + 1;
        o->firstn = formn;
        if (formn <= NC_WORD_MAX) memcpy(o->first, form, formn);
    } else if (o->n == 2) {
        o->s2 = o->base + (long)start + 1;
    }
    o->elast = o->base + (long)stop + 1;
    o->lastn = formn;
    if (formn <= NC_WORD_MAX) memcpy(o->last, form, formn);
    if (!o->any && formn <= NC_WORD_MAX && (nc_wordset_get(o->ws, (const char *)form, formn) & o->bits)) o->any = 1;
    return 0;
}

/* the class bits of a form kept by qends (0 when too long) */
static unsigned form_class(const nc_qdoc *d, const unsigned char *f, size_t n)
{
    return n <= NC_WORD_MAX && n ? nc_wordset_get(d->ws, (const char *)f, n) : 0;
}

static int form_is(const unsigned char *f, size_t n, const char *s)
{
    return n == strlen(s) && memcmp(f, s, n) == 0;
}

/* Who spoke last, for "he" and "it": a mention, or the words of the text that
 * named a speaker no mention names (`text`: a..b; `named` when they name one,
 * e.g. "Yvette Cooper"; a speaker taken from them for a pronoun keeps the words
 * but no kind). */
enum { LS_NONE, LS_ENT, LS_TEXT, LS_WORDS };
typedef struct qlast {
    int what;       /* LS_* */
    size_t ent;     /* LS_ENT: the mention (1-based) */
    long a, b;      /* LS_TEXT, LS_WORDS: the words */
    long at;        /* the end of the phrase that named it */
} qlast;

/* Whether the words a..b of a speaker no mention names name someone: no word
 * in lower case ("%s[%l]" after a space), not "The …", "A …", "An …". */
static int named_words(const nc_qdoc *d, long a, long b)
{
    long i;
    int prev_space = 1;
    for (i = a; i <= b; i++) {
        int c = T(d, i);
        if (prev_space && c >= 'a' && c <= 'z') return 0;
        prev_space = is_space(c);
    }
    if (b - a + 1 >= 4 && memcmp(d->t + a - 1, "The ", 4) == 0) return 0;
    if (b - a + 1 >= 2 && memcmp(d->t + a - 1, "A ", 2) == 0) return 0;
    if (b - a + 1 >= 3 && memcmp(d->t + a - 1, "An ", 3) == 0) return 0;
    return 1;
}

/* The speaker "he"/"she" (person) or "it" at pos refers to: who spoke last
 * within 600 bytes when of the kind, else the last person (organisation) named
 * before pos outside quotations. *sp: the result (what LS_NONE when none). */
static void antecedent(const nc_qdoc *d, const qlast *last, long pos, int person, qlast *sp)
{
    size_t k;
    int kind_ok;
    sp->what = LS_NONE;
    if (last->what != LS_NONE && pos - last->at < 600) {
        int is_person = last->what == LS_ENT && d->ents[last->ent - 1].kind == NC_QE_PERSON;
        if (person) kind_ok = is_person || (last->what == LS_TEXT && named_words(d, last->a, last->b));
        else kind_ok = !is_person;
        if (kind_ok) {
            *sp = *last;
            if (sp->what == LS_TEXT) sp->what = LS_WORDS;
            return;
        }
    }
    for (k = first_ent(d, pos); k > 0; k--) {
        const nc_qent *e = &d->ents[k - 1];
        if (e->kind == (person ? NC_QE_PERSON : NC_QE_ORG) && !nc_quote_inside(d, e->start)) {
            sp->what = LS_ENT;
            sp->ent = k;
            return;
        }
    }
}

/* "the agency": the last organisation before pos with the word head (lower
 * case, alone) in it or in the 30 bytes before it (1-based; 0 for none). */
static size_t by_head(const nc_qdoc *d, const unsigned char *head, size_t hn, long pos)
{
    size_t k;
    for (k = first_ent(d, pos); k > 0; k--) {
        const nc_qent *e = &d->ents[k - 1];
        long a = e->start > 30 ? e->start - 30 : 1, i;
        if (e->kind != NC_QE_ORG) continue;
        for (i = a; i + (long)hn - 1 <= e->stop; i++) {
            size_t j;
            for (j = 0; j < hn; j++) {
                int c = T(d, i + (long)j);
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != head[j]) break;
            }
            if (j < hn) continue;
            if (i > a && is_alnum(T(d, i - 1))) continue;
            if (i + (long)hn <= e->stop && is_alnum(T(d, i + (long)hn))) continue;
            return k;
        }
    }
    return 0;
}

/* The speaker the phrase a..b names (item's mentions in ph): its person; else,
 * from the ends of its words, its organisation ending it, a pronoun's
 * antecedent, a role's person (role()), a country that speaks, "the agency".
 * Sets *sp (LS_NONE: no entity; the phrase's words name the speaker) and
 * *pron (whether the phrase is a pronoun and nothing else was found). Returns
 * NC_OK, NC_ENOMEM, or NC_EINVAL when role() failed. */
static int speaker_of(const nc_qdoc *d, const qlast *last, long a, long b, nc_qphrase ph, nc_qrole_fn role,
                      void *ud, qlast *sp, int *pron)
{
    qends o;
    unsigned char stack[2 * 512], *scratch = stack;
    size_t n = b >= a ? (size_t)(b - a + 1) : 0;
    sp->what = LS_NONE;
    sp->at = b;
    *pron = 0;
    if (ph.person) {
        sp->what = LS_ENT;
        sp->ent = ph.person;
        return NC_OK;
    }
    memset(&o, 0, sizeof o);
    o.ws = d->ws;
    o.bits = NC_QW_ROLE;
    o.base = a - 1;
    if (n > 512) {
        scratch = (unsigned char *)malloc(2 * n);
        if (!scratch) return NC_ENOMEM;
    }
    if (n) nc_phrase_words(d->t + a - 1, n, scratch, end_word, &o);
    if (scratch != stack) free(scratch);
    if (o.n == 0) return NC_OK;
    {
        unsigned lastc = form_class(d, o.last, o.lastn), firstc = form_class(d, o.first, o.firstn);
        int first_the = form_is(o.first, o.firstn, "the");
        if (ph.org && (d->ents[ph.org - 1].stop >= o.elast - 1 || (lastc & NC_QW_ROLE))) {
            sp->what = LS_ENT;
            sp->ent = ph.org;
            return NC_OK;
        }
        if (o.n == 1 && (firstc & NC_QW_PRONOUN)) {
            int person = form_is(o.first, o.firstn, "he") || form_is(o.first, o.firstn, "she") ||
                         form_is(o.first, o.firstn, "him") || form_is(o.first, o.firstn, "her");
            if (person || form_is(o.first, o.firstn, "it")) {
                antecedent(d, last, a, person, sp);
                sp->at = b;
                if (sp->what != LS_NONE) return NC_OK;
            }
        }
        if (o.any) {
            size_t k = role(ud, a, b, ph.first, ph.place != 0);
            if (k == (size_t)-1) return NC_EINVAL;
            if (k >= 1 && k <= d->nents) {
                sp->what = LS_ENT;
                sp->ent = k;
                return NC_OK;
            }
        }
        if (ph.place) {
            const nc_qent *p = &d->ents[ph.place - 1];
            if (p->stop >= o.elast && (p->start == o.s1 || (first_the && o.n >= 2 && p->start == o.s2))) {
                sp->what = LS_ENT;
                sp->ent = ph.place;
                return NC_OK;
            }
        }
        if ((first_the || form_is(o.first, o.firstn, "a")) && o.n <= 4 && (lastc & NC_QW_ORG_HEAD)) {
            size_t k = by_head(d, o.last, o.lastn, a);
            if (k) {
                sp->what = LS_ENT;
                sp->ent = k;
                return NC_OK;
            }
        }
        *pron = (firstc & NC_QW_PRONOUN) != 0;
    }
    return NC_OK;
}

size_t nc_quote_cue(const nc_qdoc *d, int how, long a, long b, unsigned char *buf, size_t cap)
{
    static const char *const words[] = { NULL, "according to", "quoted" };
    size_t n = 0;
    long i;
    if (how == NC_QH_ACCORDING || how == NC_QH_QUOTED) {
        n = strlen(words[how]);
        if (n > cap) return 0;
        memcpy(buf, words[how], n);
        return n;
    }
    if (how != NC_QH_WORD) return 0;
    for (i = a; i <= b; i++) {
        int c = T(d, i);
        if (c < 0) break;
        if (is_space(c)) {
            if (n && buf[n - 1] == ' ') continue;
            c = ' ';
        } else if (c >= 'A' && c <= 'Z') {
            c += 32;
        }
        if (n == cap) return 0;
        buf[n++] = (unsigned char)c;
    }
    return n;
}

/* Whether text a..b holds a letter, a digit or a byte of a multi-byte character
 * once the first occurrence of cue (any case) is taken out. */
static int says_more(const nc_qdoc *d, long a, long b, const unsigned char *cue, size_t cn)
{
    long i, skip_a = 0, skip_b = -1;
    if (cn) {
        for (i = a; i + (long)cn - 1 <= b; i++) {
            size_t j;
            for (j = 0; j < cn; j++) {
                int c = T(d, i + (long)j);
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != cue[j]) break;
            }
            if (j == cn) {
                skip_a = i;
                skip_b = i + (long)cn - 1;
                break;
            }
        }
    }
    for (i = a; i <= b; i++) {
        int c = T(d, i);
        if (i >= skip_a && i <= skip_b) continue;
        if (is_alnum(c) || c >= 0x80) return 1;
    }
    return 0;
}

static nc_qout *new_out(nc_qouts *o)
{
    if (o->n == o->cap) {
        size_t cap = o->cap ? o->cap * 2 : 16;
        nc_qout *v = (nc_qout *)realloc(o->v, cap * sizeof *v);
        if (!v) return NULL;
        o->v = v;
        o->cap = cap;
    }
    memset(&o->v[o->n], 0, sizeof o->v[0]);
    return &o->v[o->n++];
}

static int by_start(const void *x, const void *y)
{
    const nc_qout *p = (const nc_qout *)x, *q = (const nc_qout *)y;
    if (p->start != q->start) return p->start < q->start ? -1 : 1;
    if (p->stop != q->stop) return p->stop < q->stop ? -1 : 1;
    return p->seq < q->seq ? -1 : p->seq > q->seq;
}

/* the speaker fields of o from sp (the phrase a..b named nothing: its words) */
static void set_speaker(nc_qout *o, const qlast *sp, long a, long b)
{
    if (sp->what == LS_ENT) o->ent = sp->ent;
    else if (sp->what == LS_WORDS || sp->what == LS_TEXT) { o->ta = sp->a; o->tb = sp->b; }
    else { o->ta = a; o->tb = b; }
}

/* The speaker of the phrase of item x into o (its phrase and who it names), and
 * who spoke last: the entity found, else the phrase's words unless a pronoun. */
static int read_speaker(const nc_qdoc *d, qlast *last, const nc_qitem *x, nc_qrole_fn role, void *ud, nc_qout *o)
{
    qlast sp;
    int pron, rc = speaker_of(d, last, x->sp.a, x->sp.b, nc_quote_phrase_ents(d, x->sp.a, x->sp.b), role, ud, &sp,
                              &pron);
    if (rc != NC_OK) return rc;
    o->sa = x->sp.a;
    o->sb = x->sp.b;
    set_speaker(o, &sp, x->sp.a, x->sp.b);
    if (sp.what != LS_NONE) {
        *last = sp;
    } else if (!pron) {
        last->what = LS_TEXT;
        last->a = x->sp.a;
        last->b = x->sp.b;
        last->at = x->sp.b;
    }
    return NC_OK;
}

int nc_quote_resolve(const nc_qdoc *d, const nc_qitems *it, int scare, nc_qrole_fn role, void *ud, nc_qouts *out)
{
    qlast last;
    size_t i, prev = 0;          /* the item said last with a speaker (1-based into out, or a held one) */
    nc_qout held;                /* that item when it is not in out (a scare quote with a speaker) */
    int have_prev = 0;
    long prev_para = 0, prev_end = 0;
    unsigned char prev_cue[128];
    size_t prev_cuen = 0;
    memset(&last, 0, sizeof last);
    memset(&held, 0, sizeof held);
    out->n = 0;
    for (i = 0; i < it->n; i++) {
        const nc_qitem *x = &it->v[i];
        nc_qout cur, *o = &cur;
        int keep, has_speaker = 0, has_cue = 0, rc;
        memset(&cur, 0, sizeof cur);
        cur.start = x->start;
        cur.stop = x->stop;
        cur.seq = i;
        cur.how = NC_QH_NONE;
        if (x->kind == NC_QI_QUOTE) {
            const nc_qmark *q = &d->quotes[x->quote - 1];
            cur.kind = x->partial ? NC_QK_PARTIAL : NC_QK_DIRECT;
            cur.closed = q->closed;
            if (x->sp.a) {
                if ((rc = read_speaker(d, &last, x, role, ud, &cur)) != NC_OK) return rc;
                has_speaker = 1;
                cur.how = x->sp.how;
                cur.cue_a = x->cue_a;
                cur.cue_b = x->cue_b;
                has_cue = x->sp.how != NC_QH_NONE;
            } else if (x->title && !x->partial) {
                cur.kind = NC_QK_SCARE;
            } else if (have_prev && !x->partial) {
                /* a quote that follows the last one with nothing said between, or that
                 * opens a paragraph after it, goes on with its speaker */
                int fresh = q->open == x->pa && prev_para && x->pi - prev_para <= 2;
                if (fresh || !says_more(d, prev_end + 1, q->open - 1, prev_cue, prev_cuen)) {
                    const nc_qout *p = prev ? &out->v[prev - 1] : &held;
                    cur.ent = p->ent;
                    cur.ta = p->ta;
                    cur.tb = p->tb;
                    has_speaker = 1;
                }
            }
            if (!has_cue && !has_speaker) {
                /* a short quote no cue attributes (the so-called “moderate” rebels), a title */
                int stop = x->start <= x->stop && x->stop >= 1 && x->stop <= d->n &&
                           (d->t[x->stop - 1] == '.' || d->t[x->stop - 1] == '!' || d->t[x->stop - 1] == '?');
                if (x->words <= 3 && (x->partial || !stop)) cur.kind = NC_QK_SCARE;
                else if (x->title) cur.kind = NC_QK_SCARE;
            }
            keep = cur.kind != NC_QK_SCARE || scare;
        } else {
            cur.kind = NC_QK_INDIRECT;
            cur.closed = 1;
            if (x->sp.a) {
                if ((rc = read_speaker(d, &last, x, role, ud, &cur)) != NC_OK) return rc;
                has_speaker = 1;
            }
            cur.how = x->sp.how;
            cur.cue_a = x->cue_a;
            cur.cue_b = x->cue_b;
            keep = !x->taken;
        }
        if (keep) {
            o = new_out(out);
            if (!o) return NC_ENOMEM;
            *o = cur;
        }
        /* what was said last, for the quote after it */
        if (!x->taken && has_speaker && (cur.ent || cur.ta)) {
            if (keep) prev = out->n;
            else { held = cur; prev = 0; }
            have_prev = 1;
            prev_para = x->para;
            prev_end = x->end;
            prev_cuen = cur.sa ? nc_quote_cue(d, cur.how, cur.cue_a, cur.cue_b, prev_cue, sizeof prev_cue) : 0;
        }
    }
    if (out->n > 1) qsort(out->v, out->n, sizeof *out->v, by_start);
    return NC_OK;
}

void nc_qouts_free(nc_qouts *o)
{
    free(o->v);
    memset(o, 0, sizeof *o);
}
