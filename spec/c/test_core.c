/* C tests of the newscorpus core (no Lua). Prints TAP. Run under ASan+UBSan by `make test`. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <math.h>
#include "nc_gaz.h"
#include "nc_gaztsv.h"
#include "nc_ents.h"
#include "nc_norm.h"
#include "nc_rules.h"
#include "nc_sent.h"
#include "nc_token.h"
#include "nc_utf8.h"
#include "nc_wordset.h"
#include "nc_words.h"
#include "nc_tally.h"
#include "nc_json.h"
#include "nc_datevalue.h"
#include "nc_claims.h"
#include "nc_quotes.h"
#include "nc_roles.h"

static int ntest, nfail;

static void ok(int cond, const char *fmt, const char *arg)
{
    ntest++;
    if (!cond) nfail++;
    char line[512];
    size_t i;
    printf("%sok %d - ", cond ? "" : "not ", ntest);
    snprintf(line, sizeof line, fmt, arg ? arg : "");
    for (i = 0; line[i]; i++) fputs(line[i] == '\n' ? "\\n" : (char[2]){ line[i], 0 }, stdout);
    printf("\n");
}

/* "kind:text kind:text ..." for the tokens of s. Caller frees. */
static char *render_tokens(const char *s, size_t n)
{
    nc_tokens t;
    size_t i, cap = 2 * n + 64, len = 0;
    char *out = malloc(cap);
    if (nc_tokenize(&t, s, n) != NC_OK) { free(out); return NULL; }
    out[0] = '\0';
    for (i = 0; i < t.n; i++) {
        const char *k = nc_token_kind_name(t.v[i].kind);
        size_t need = strlen(k) + t.v[i].len + 3;
        if (len + need >= cap) { cap = 2 * (len + need); out = realloc(out, cap); }
        len += (size_t)sprintf(out + len, "%s%s:", i ? " " : "", k);
        memcpy(out + len, s + t.v[i].start, t.v[i].len);
        len += t.v[i].len;
        out[len] = '\0';
    }
    nc_tokens_free(&t);
    return out;
}

/* Sentences of s joined by " | ". Caller frees. */
static char *render_sentences(const char *s, const nc_wordset *ws)
{
    nc_tokens t;
    nc_sentences ss;
    size_t i, n = strlen(s), len = 0;
    char *out = malloc(2 * n + 16);
    nc_tokenize(&t, s, n);
    nc_split(&ss, s, n, &t, ws);
    out[0] = '\0';
    for (i = 0; i < ss.n; i++) {
        if (i) { memcpy(out + len, " | ", 3); len += 3; }
        memcpy(out + len, s + ss.v[i].start, ss.v[i].len);
        len += ss.v[i].len;
    }
    out[len] = '\0';
    nc_sentences_free(&ss);
    nc_tokens_free(&t);
    return out;
}

/* Every token lies inside the text, tokens are ordered and disjoint, and
 * every byte outside tokens is whitespace/control/format. */
static int tokens_cover(const char *s, size_t n)
{
    nc_tokens t;
    size_t i, pos = 0;
    int good = 1;
    if (nc_tokenize(&t, s, n) != NC_OK) return 0;
    for (i = 0; i < t.n && good; i++) {
        if (t.v[i].len == 0 || t.v[i].start < pos || (size_t)t.v[i].start + t.v[i].len > n) good = 0;
        pos = (size_t)t.v[i].start + t.v[i].len;
    }
    nc_tokens_free(&t);
    return good;
}

static void test_utf8(void)
{
    static const struct { const char *s; size_t n; size_t len; int valid; const char *name; } dec[] = {
        { "A", 1, 1, 1, "ASCII" },
        { "\xC3\xA9", 2, 2, 1, "2-byte" },
        { "\xE2\x80\x99", 3, 3, 1, "3-byte" },
        { "\xF0\x9F\x98\x80", 4, 4, 1, "4-byte" },
        { "\x80", 1, 1, 0, "lone continuation byte" },
        { "\xC0\x80", 2, 1, 0, "overlong 2-byte lead C0" },
        { "\xC1\xBF", 2, 1, 0, "overlong 2-byte lead C1" },
        { "\xE0\x80\x80", 3, 1, 0, "overlong 3-byte" },
        { "\xF0\x80\x80\x80", 4, 1, 0, "overlong 4-byte" },
        { "\xED\xA0\x80", 3, 1, 0, "UTF-16 surrogate" },
        { "\xF4\x90\x80\x80", 4, 1, 0, "above U+10FFFF" },
        { "\xF5\x80\x80\x80", 4, 1, 0, "lead byte F5" },
        { "\xFF", 1, 1, 0, "byte FF" },
        { "\xFE", 1, 1, 0, "byte FE" },
        { "\xE2\x82", 2, 2, 0, "truncated 3-byte at end" },
        { "\xF0\x9F\x98", 3, 3, 0, "truncated 4-byte at end" },
        { "\xE2\x82Z", 3, 2, 0, "truncated 3-byte before ASCII" },
        { "\xC3", 1, 1, 0, "truncated 2-byte at end" },
    };
    size_t i;
    for (i = 0; i < sizeof dec / sizeof dec[0]; i++) {
        int32_t cp;
        size_t k = nc_utf8_decode((const unsigned char *)dec[i].s, dec[i].n, &cp);
        ok(k == dec[i].len && (cp != NC_UTF8_BAD) == dec[i].valid, "utf8 decode: %s", dec[i].name);
    }
    /* Unicode 15 Table 3-8: six U+FFFD for this sequence */
    {
        const char *s = "\x61\xF1\x80\x80\xE1\x80\xC2\x62\x80\x63\x80\xBF\x64";
        ok(nc_utf8_count_invalid((const unsigned char *)s, strlen(s)) == 6,
           "utf8: maximal subparts of the Unicode Table 3-8 example%s", "");
    }
    {
        const char s[] = "ab\0cd\0";
        size_t pos = 0, len = 0;
        ok(nc_count_nul((const unsigned char *)s, 6) == 2, "NUL bytes counted%s", "");
        ok(!nc_utf8_find_invalid((const unsigned char *)s, 6, &pos, &len), "NUL is valid UTF-8%s", "");
    }
    {
        const char *s = "0123456789abcdef\xC3\xA9xyz\xFFq";
        size_t pos = 0, len = 0;
        ok(nc_utf8_find_invalid((const unsigned char *)s, strlen(s), &pos, &len) && pos == 21 && len == 1,
           "find_invalid locates the bad byte after the ASCII fast path%s", "");
    }
    {
        unsigned char buf[4];
        int32_t cp;
        size_t k = nc_utf8_encode(0x1F600, buf);
        ok(k == 4 && nc_utf8_decode(buf, 4, &cp) == 4 && cp == 0x1F600, "encode/decode round trip%s", "");
    }
}

/* n and wn: lengths of in and want, or 0 for strlen. */
static int norm_is(const char *in, size_t n, unsigned flags, const char *want, size_t wn)
{
    nc_norm nm;
    int good;
    if (!n) n = strlen(in);
    if (!wn) wn = strlen(want);
    good = nc_norm_build(&nm, in, n, flags) == NC_OK && nm.len == wn &&
           memcmp(nm.text, want, nm.len) == 0 && nm.text[nm.len] == '\0';
    if (!good) fprintf(stderr, "# norm(%s) -> [%s] want [%s]\n", in, nm.text ? nm.text : "(null)", want);
    nc_norm_free(&nm);
    return good;
}

static void test_norm(void)
{
    nc_norm nm;
    size_t os, oe;
    ok(norm_is("e\xCC\x81t\xC3\xA9", 0, NC_NORM_NFC, "\xC3\xA9t\xC3\xA9", 0), "NFC composes e + U+0301%s", "");
    ok(norm_is("Bashar AL-ASSAD", 0, NC_NORM_KEY, "bashar al-assad", 0), "key: ASCII case fold%s", "");
    ok(norm_is("\xEF\xBC\xA1l\xE2\x80\x93" "Assad\xE2\x80\x99s", 0, NC_NORM_KEY, "al-assad's", 0),
       "key: fullwidth letter, en dash, curly apostrophe%s", "");
    ok(norm_is("\xE2\x80\x9CStra\xC3\x9F" "e\xE2\x80\x9D", 0, NC_NORM_KEY, "\"strasse\"", 0),
       "key: curly quotes, sharp s folds to ss%s", "");
    ok(norm_is("\xEF\xAC\x81rst", 0, NC_NORM_KEY, "first", 0), "key: ligature fi (NFKC)%s", "");
    ok(norm_is("M\xC3\xA9kdad Mu\xCA\xBF" "allem", 0, NC_NORM_KEY | NC_NORM_NOACCENTS, "mekdad mu\xCA\xBF" "allem", 0),
       "key without accents: e acute -> e%s", "");
    ok(norm_is("\xD0\x9C\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 12, NC_NORM_KEY,
               "\xD0\xBC\xD0\xBE\xD1\x81\xD0\xBA\xD0\xB2\xD0\xB0", 0), "key: Cyrillic case fold%s", "");
    ok(norm_is("", 0, NC_NORM_KEY, "", 0), "empty input%s", "");
    ok(norm_is("a\0b", 3, NC_NORM_NFC, "a\0b", 3) , "NUL kept%s", "");

    /* invalid bytes -> U+FFFD, counted, mapped back to the bad byte */
    nc_norm_build(&nm, "ab\xFF" "cd", 5, NC_NORM_KEY);
    ok(nm.repairs == 1 && nm.len == 7 && memcmp(nm.text, "ab\xEF\xBF\xBD" "cd", 7) == 0,
       "invalid byte repaired in the layer%s", "");
    nc_norm_map(&nm, 2, 5, &os, &oe);
    ok(os == 2 && oe == 3, "U+FFFD maps back to the invalid byte%s", "");
    nc_norm_map(&nm, 5, 7, &os, &oe);
    ok(os == 3 && oe == 5, "text after a repair maps back exactly%s", "");
    nc_norm_free(&nm);
    nc_norm_free(&nm);   /* safe twice */

    /* a decomposed character maps back to all its bytes */
    nc_norm_build(&nm, "Caf" "e\xCC\x81" " bar", 10, NC_NORM_NFC);
    nc_norm_map(&nm, 3, 5, &os, &oe);
    ok(os == 3 && oe == 6, "composed e-acute maps to e + combining mark%s", "");
    nc_norm_map(&nm, 6, 9, &os, &oe);
    ok(os == 7 && oe == 10, "word after the composed char maps exactly%s", "");
    nc_norm_free(&nm);

    /* one char expanding to several: (1) must not map inside the original char */
    nc_norm_build(&nm, "x\xE2\x91\xB4y", 5, NC_NORM_KEY);
    ok(nm.len == 5 && memcmp(nm.text, "x(1)y", 5) == 0, "key: parenthesized digit expands%s", "");
    nc_norm_map(&nm, 2, 3, &os, &oe);
    ok(os == 1 && oe == 4, "expansion maps to the whole original char%s", "");
    nc_norm_free(&nm);

    /* hostile: a million combining marks after one letter */
    {
        size_t n = 1 + 2 * 1000000, i;
        char *s = malloc(n);
        s[0] = 'a';
        for (i = 1; i < n; i += 2) { s[i] = (char)0xCC; s[i + 1] = (char)0x81; }
        ok(nc_norm_build(&nm, s, n, NC_NORM_KEY) == NC_OK && nm.len >= n - 1,
           "a million combining marks: bounded segments, no crash%s", "");
        nc_norm_map(&nm, 0, nm.len, &os, &oe);
        ok(os == 0 && oe == n, "whole layer maps to the whole text%s", "");
        nc_norm_free(&nm);
        free(s);
    }
    /* repairs of the key layer: lost apostrophes, mojibake */
    ok(norm_is("Russia s defence, I don t know", 0, NC_NORM_KEY, "russia's defence, i don't know", 0),
       "key: lost apostrophes restored%s", "");
    ok(norm_is("Russia s defence", 0, NC_NORM_NFC, "Russia s defence", 0), "NFC keeps the text as it is%s", "");
    ok(norm_is("Russia\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s Montr\xC3\x83\xC2\xA9" "al", 0, NC_NORM_KEY,
               "russia's montr\xC3\xA9" "al", 0), "key: mojibake of ' and e-acute repaired%s", "");
    ok(norm_is("\xC3\xA2\xE2\x82\xAC\xC5\x93" "no\xC3\xA2\xE2\x82\xAC\xC2\x9D", 0, NC_NORM_KEY, "\"no\"", 0),
       "key: mojibake quotes, with the C1 control of an undefined byte%s", "");
    ok(norm_is("CAF\xC3\x89\xE2\x80\x99S", 0, NC_NORM_KEY, "caf\xC3\xA9's", 0),
       "key: a capital E-acute before a curly apostrophe is not mojibake%s", "");
    ok(norm_is("\xC3\x90\xC2\xBF\xC3\x91\xE2\x82\xAC\xC3\x90\xC2\xB8", 0, NC_NORM_KEY,
               "\xD0\xBF\xD1\x80\xD0\xB8", 0), "key: Cyrillic mojibake repaired as a run%s", "");
    ok(norm_is("\xC3\xB0\xC5\xB8\xCB\x9C\xE2\x82\xAC!", 0, NC_NORM_KEY, "\xF0\x9F\x98\x80!", 0),
       "key: emoji mojibake (4 bytes)%s", "");
    ok(norm_is("\xC3\xA9t\xC3\xA9 \xC3\xA0 Paris \xC3\x83", 0, NC_NORM_KEY, "\xC3\xA9t\xC3\xA9 \xC3\xA0 paris \xC3\xA3", 0),
       "key: real accented text and a lone A-tilde are left alone%s", "");
    nc_norm_build(&nm, "He said\xC3\xA2\xE2\x82\xAC\xE2\x84\xA2s ok", 19, NC_NORM_KEY);
    ok(nm.mojibake == 1 && nm.len == 12, "mojibake counted%s", "");
    nc_norm_map(&nm, 7, 8, &os, &oe);
    ok(os == 7 && oe == 15, "a repaired apostrophe maps to its eight original bytes%s", "");
    nc_norm_map(&nm, 8, 12, &os, &oe);
    ok(os == 15 && oe == 19, "text after a mojibake repair maps exactly%s", "");
    nc_norm_free(&nm);
    {
        int32_t cp, got;
        size_t i;
        int fine = 1;
        unsigned char u[4], m[16];
        /* every character U+0080..U+FFFF (but surrogates) survives the round trip
         * UTF-8 -> read as Windows-1252 -> UTF-8 -> nc_mojibake */
        for (cp = 0x80; cp < 0x10000 && fine; cp++) {
            size_t k, len = 0;
            if (cp >= 0xD800 && cp <= 0xDFFF) continue;
            k = nc_utf8_encode(cp, u);
            for (i = 0; i < k; i++) len += nc_utf8_encode(nc_cp1252_char(u[i]), m + len);
            fine = nc_mojibake(m, len, &got) == len && got == cp;
            if (!fine) fprintf(stderr, "# mojibake round trip fails at U+%04X\n", (unsigned)cp);
        }
        ok(fine, "mojibake of every BMP character decodes back%s", "");
    }
    {
        const unsigned char l1[] = "caf\xE9 \x93q\x94 \x81";
        unsigned char out[32];
        size_t len = nc_cp1252_to_utf8(l1, sizeof l1 - 1, NULL);
        ok(len == nc_cp1252_to_utf8(l1, sizeof l1 - 1, out) && len == 16 &&
           memcmp(out, "caf\xC3\xA9 \xE2\x80\x9Cq\xE2\x80\x9D \xC2\x81", 16) == 0,
           "Windows-1252 to UTF-8, undefined byte to its C1 control%s", "");
    }
    {
        size_t multi, invalid;
        nc_utf8_census((const unsigned char *)"caf\xC3\xA9 \xFF x", 9, &multi, &invalid);
        ok(multi == 1 && invalid == 1, "census of valid and invalid sequences%s", "");
    }
    ok(nc_norm_build(&nm, "x", 1, 99) == NC_EINVAL, "bad flags rejected%s", "");
    nc_norm_free(&nm);
}

static void test_tokens(void)
{
    static const char *const cases[][2] = {
        { "", "" },
        { "Hello, world!", "word:Hello punct:, word:world punct:!" },
        { "Syrian President Bashar al-Assad met", "word:Syrian word:President word:Bashar word:al-Assad word:met" },
        { "Russia's role, Assad\xE2\x80\x99s regime", "word:Russia clitic:'s word:role punct:, word:Assad clitic:\xE2\x80\x99s word:regime" },
        { "don't can't I'm we'll", "word:do clitic:n't word:ca clitic:n't word:I clitic:'m word:we clitic:'ll" },
        { "O'Brien and D'Alema", "word:O'Brien word:and word:D'Alema" },
        { "500,000 2,000 3.5 90% 10-year 23 million", "number:500,000 number:2,000 number:3.5 number:90% number:10-year number:23 word:million" },
        { "at 07:57 on 14/09/2021 or 2019-03-20T07:57:00Z", "word:at number:07:57 word:on number:14/09/2021 word:or number:2019-03-20T07:57:00Z" },
        { "20 March,2019", "number:20 word:March punct:, number:2019" },
        { "the U.S. and U.N. e.g. this", "word:the word:U.S. word:and word:U.N. word:e.g. word:this" },
        { "Mr. Putin", "word:Mr punct:. word:Putin" },
        { "wait... what?! --", "word:wait punct:... word:what punct:?! punct:--" },
        { "see https://t.co/irb7Cp42dY.", "word:see url:https://t.co/irb7Cp42dY punct:." },
        { "Moscow pic.twitter.com/WwTWRzO6zD", "word:Moscow url:pic.twitter.com/WwTWRzO6zD" },
        { "(www.bbc.co.uk/news)", "punct:( url:www.bbc.co.uk/news punct:)" },
        { "mail news@example.org now", "word:mail email:news@example.org word:now" },
        { "\xE2\x80\x94 Amichai Stein (@AmichaiStein1) #Syria", "punct:\xE2\x80\x94 word:Amichai word:Stein punct:( handle:@AmichaiStein1 punct:) hashtag:#Syria" },
        { "ok \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD \xF0\x9F\x87\xB8\xF0\x9F\x87\xBE!", "word:ok emoji:\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD emoji:\xF0\x9F\x87\xB8\xF0\x9F\x87\xBE punct:!" },
        { "\xD8\xA8\xD8\xB4\xD8\xA7\xD8\xB1 \xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD", "word:\xD8\xA8\xD8\xB4\xD8\xA7\xD8\xB1 word:\xD0\x9F\xD1\x83\xD1\x82\xD0\xB8\xD0\xBD" },
        { "$3.5bn \xE2\x82\xAC" "5", "symbol:$ number:3.5bn symbol:\xE2\x82\xAC number:5" },
        { "a\xFF" "b", "word:a symbol:\xFF word:b" },
        { "COVID-19 and F-16s", "word:COVID-19 word:and word:F-16s" },
        { "\xE2\x80\x98Order 90 per cent share\xE2\x80\x99", "punct:\xE2\x80\x98 word:Order number:90 word:per word:cent word:share punct:\xE2\x80\x99" },
        { "victories' and Jones' car", "word:victories punct:' word:and word:Jones punct:' word:car" },
        /* apostrophes lost in scraping */
        { "Russia s defence minister and al-Assad s regime", "word:Russia clitic:s word:defence word:minister word:and word:al-Assad clitic:s word:regime" },
        { "I don t know, I m sure they re here", "word:I word:don clitic:t word:know punct:, word:I clitic:m word:sure word:they clitic:re word:here" },
        { "the 1990 s, U.S s, a s b, an s-bend, me t and to re-run", "word:the number:1990 word:s punct:, word:U punct:. word:S word:s punct:, word:a word:s word:b punct:, word:an word:s-bend punct:, word:me word:t word:and word:to word:re-run" },
        { "Russia  s and Russia S", "word:Russia word:s word:and word:Russia word:S" },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = render_tokens(cases[i][0], strlen(cases[i][0]));
        int good = got && strcmp(got, cases[i][1]) == 0;
        if (!good) fprintf(stderr, "# tokens(%s)\n#   got  %s\n#   want %s\n", cases[i][0], got, cases[i][1]);
        ok(good, "tokens: %s", cases[i][0]);
        free(got);
    }
    {
        const char s[] = "a\0b\r\nc";
        char *got = render_tokens(s, sizeof s - 1);
        ok(got && strcmp(got, "word:a word:b word:c") == 0, "NUL and CRLF separate tokens%s", "");
        free(got);
    }
    {
        /* the all-capitals flag does not depend on the path a word takes:
         * digits neither make nor break it, whatever follows the word */
        static const char *const words[] = { "SOH7", "SOH7.", "SOH7,", "SOH7-", "COVID19 ", "ABCDEFGHIJ7 " };
        static const char *const not_upper[] = { "A7", "Ab7.", "A7.", "Abcdefghij7 " };
        nc_tokens t;
        for (i = 0; i < sizeof words / sizeof words[0]; i++) {
            nc_tokenize(&t, words[i], strlen(words[i]));
            ok(t.n >= 1 && (t.v[0].flags & NC_TOK_UPPER) && (t.v[0].flags & NC_TOK_CAP), "all capitals: %s", words[i]);
            nc_tokens_free(&t);
        }
        for (i = 0; i < sizeof not_upper / sizeof not_upper[0]; i++) {
            nc_tokenize(&t, not_upper[i], strlen(not_upper[i]));
            ok(t.n >= 1 && !(t.v[0].flags & NC_TOK_UPPER), "not all capitals: %s", not_upper[i]);
            nc_tokens_free(&t);
        }
    }
    {
        /* punctuation that can end a sentence is flagged as it is made */
        const char s[] = "Yes. No?! Wait\xE2\x80\xA6 \xE5\xA5\xBD\xE3\x80\x82 so, \xE2\x80\x94 (x) \"q.\" \xD9\x84\xD8\x9F ...";
        nc_tokens t;
        char got[64];
        size_t k, m = 0;
        nc_tokenize(&t, s, sizeof s - 1);
        for (k = 0; k < t.n && m + 1 < sizeof got; k++)
            if (t.v[k].kind == NC_PUNCT) got[m++] = (t.v[k].flags & NC_TOK_TERMINAL) ? 'T' : '-';
        got[m] = '\0';
        ok(strcmp(got, "TTTT-----T-TT") == 0 || (fprintf(stderr, "# %s\n", got), 0),
           "terminal punctuation flagged: . ?! \xE2\x80\xA6 \xE3\x80\x82 and not , \xE2\x80\x94 ( ) \"%s", "");
        nc_tokens_free(&t);
    }
    {
        /* lost apostrophes are repaired all through a long text, not only in
         * the first batch of short words the tokenizer collects */
        size_t k, reps = 700, repaired = 0, words = 0;
        const char unit[] = "Russia s role in it. ";
        char *big = malloc(reps * (sizeof unit - 1) + 1);
        nc_tokens t;
        for (k = 0; k < reps; k++) memcpy(big + k * (sizeof unit - 1), unit, sizeof unit - 1);
        nc_tokenize(&t, big, reps * (sizeof unit - 1));
        for (k = 0; k < t.n; k++) {
            if (t.v[k].kind == NC_CLITIC && (t.v[k].flags & NC_TOK_REPAIRED)) repaired++;
            if (t.v[k].kind == NC_WORD) words++;
        }
        ok(t.n == reps * 6 && repaired == reps && words == reps * 4, "700 lost clitics repaired in one text%s", "");
        nc_tokens_free(&t);
        free(big);
    }
    {
        nc_tokens t;
        nc_tokenize(&t, "One.\n\nTwo\nthree", 16);
        ok(t.n == 4 && (t.v[2].flags & NC_TOK_PARA) && (t.v[3].flags & NC_TOK_NL) &&
           !(t.v[3].flags & NC_TOK_PARA) && (t.v[2].flags & NC_TOK_CAP) && (t.v[3].flags & NC_TOK_LOWER),
           "flags: blank line, line break, capitalisation%s", "");
        nc_tokens_free(&t);
        nc_tokens_free(&t);
    }
    {
        /* every byte value, and random bytes: tokens stay in bounds and ordered */
        unsigned char all[512];
        size_t k;
        unsigned seed = 12345;
        char *rnd = malloc(1 << 20);
        for (k = 0; k < 512; k++) all[k] = (unsigned char)(k & 0xFF);
        ok(tokens_cover((const char *)all, sizeof all), "all byte values: tokens in bounds%s", "");
        for (k = 0; k < (1u << 20); k++) { seed = seed * 1103515245u + 12345u; rnd[k] = (char)(seed >> 16); }
        ok(tokens_cover(rnd, 1u << 20), "1 MB of random bytes: tokens in bounds%s", "");
        free(rnd);
    }
}

static void test_sentences(nc_wordset *ws)
{
    static const char *const cases[][2] = {
        { "", "" },
        { "One. Two! Three? Four", "One. | Two! | Three? | Four" },
        { "Mr. Putin met Gen. Shoigu in Sochi. They talked.", "Mr. Putin met Gen. Shoigu in Sochi. | They talked." },
        { "It was Sept. 14 when he came. Then he left.", "It was Sept. 14 when he came. | Then he left." },
        { "Troops left the U.S. The war ended.", "Troops left the U.S. | The war ended." },
        { "the U.S. Senate voted. Then", "the U.S. Senate voted. | Then" },
        { "George W. Bush spoke. J. K. Rowling wrote.", "George W. Bush spoke. | J. K. Rowling wrote." },
        { "It cost 3.5 billion. Prices rose.", "It cost 3.5 billion. | Prices rose." },
        { "He said: \"It is over.\" Then he left.", "He said: \"It is over.\" | Then he left." },
        { "\"Really?\" he asked. Yes.", "\"Really?\" he asked. | Yes." },
        { "Wait... and then... It ended.", "Wait... and then... | It ended." },
        { "Apple Inc. said it would. Acme Inc. The end.", "Apple Inc. said it would. | Acme Inc. | The end." },
        { "Assad meets Russia envoy\n\nRussia has backed Syria.", "Assad meets Russia envoy | Russia has backed Syria." },
        { "Headline without stop\nBody starts here. Next one.", "Headline without stop | Body starts here. | Next one." },
        { "A line that wraps\nin the middle. Done.", "A line that wraps\nin the middle. | Done." },
        { "2 min read\nSeven years. [Getty]\nSyrian", "2 min read | Seven years. | [Getty] | Syrian" },
        { "(He left.) She stayed.", "(He left.) | She stayed." },
        { "See No. 5 and no. 6. OK.", "See No. 5 and no. 6. | OK." },
    };
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *got = render_sentences(cases[i][0], ws);
        int good = strcmp(got, cases[i][1]) == 0;
        if (!good) fprintf(stderr, "# split(%s)\n#   got  %s\n#   want %s\n", cases[i][0], got, cases[i][1]);
        ok(good, "sentences: %s", cases[i][0]);
        free(got);
    }
    {
        const char *s = "Para one. Still one.\n\nPara two.\nPara three.";
        nc_tokens t;
        nc_sentences ss;
        nc_tokenize(&t, s, strlen(s));
        nc_split(&ss, s, strlen(s), &t, ws);
        ok(ss.n == 4 && ss.v[0].para == 0 && ss.v[1].para == 0 && ss.v[2].para == 1 && ss.v[3].para == 2,
           "paragraph numbers%s", "");
        nc_sentences_free(&ss);
        nc_tokens_free(&t);
    }
    {
        char *got = render_sentences("Mr. Smith left. Dr. Jones came.", NULL);
        ok(strcmp(got, "Mr. | Smith left. | Dr. | Jones came.") == 0, "no wordset: every full stop before a capital ends%s", "");
        free(got);
    }
}

/* nc_split_text (no token array) against nc_split: the same spans and
 * paragraphs on the cases above, on edge texts and on 30,000 generated texts
 * of terminal marks of every script, abbreviations, closers, lost clitics,
 * URLs, numbers and every kind of space and line break (no-break, format
 * characters, U+0085, U+2028, U+2029, CR LF, a lone CR), also glued. Returns
 * how many differ; the first one goes to where (escaped). */
static size_t split_text_differs(const char *text, size_t n, const nc_wordset *ws, nc_tokens *scratch)
{
    nc_tokens t;
    nc_sentences a, b;
    size_t i, bad = 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    if (nc_tokenize(&t, text, n) != NC_OK || nc_split(&a, text, n, &t, ws) != NC_OK) bad = 1;
    if (!bad && nc_split_text(&b, text, n, ws, scratch) != NC_OK) bad = 1;
    if (!bad) {
        bad = a.n != b.n;
        for (i = 0; !bad && i < a.n; i++)
            bad = a.v[i].start != b.v[i].start || a.v[i].len != b.v[i].len || a.v[i].para != b.v[i].para;
    }
    nc_sentences_free(&b);
    nc_sentences_free(&a);
    nc_tokens_free(&t);
    return bad;
}

/* Up to maxw fragments (at least one), each followed by a separator, drawn
 * from *seed, into text (size bytes, as many as fit); returns the length. */
static size_t gen_text(char *text, size_t size, const char *const *frag, size_t nfrag, const char *const *sep,
                       size_t nsep, size_t maxw, unsigned long *seed)
{
    size_t len = 0, k, nw;
    *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
    nw = 1 + (*seed >> 33) % maxw;
    for (k = 0; k < nw; k++) {
        const char *f, *g;
        *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
        f = frag[(*seed >> 33) % nfrag];
        g = sep[(*seed >> 17) % nsep];
        if (len + strlen(f) + strlen(g) >= size) break;
        memcpy(text + len, f, strlen(f));
        len += strlen(f);
        memcpy(text + len, g, strlen(g));
        len += strlen(g);
    }
    return len;
}

/* text[0..len) into where (wsize bytes), bytes outside printable ASCII as \xNN. */
static void escape_into(char *where, size_t wsize, const char *text, size_t len)
{
    size_t q, o = 0;
    for (q = 0; q < len && o + 5 < wsize; q++) {
        unsigned char ch = (unsigned char)text[q];
        o += (size_t)(ch < 32 || ch > 126 ? sprintf(where + o, "\\x%02X", ch) : sprintf(where + o, "%c", ch));
    }
    where[o] = 0;
}

static void test_split_text(nc_wordset *ws)
{
    static const char *const edge[] = {
        "", " ", "\n\n", "x", "x.", " x. ", "\xC2\xA0", "a\xC2\xA0", "\xC2\xA0 a. b", "a\xE2\x80\xA8" "b",
        "a \xE2\x80\x8D \xE2\x80\xA8 b", "a \xC2\xA0 \xC2\xA0 \xC2\xA0 \xC2\xA0 \xC2\xA0 \n b", "Russia s. The",
        "x \xE2\x80\x8B\rB", "He said \xE2\x80\x9CNo.\xE2\x80\x9D Then", "a\xC2\x85" "B", "end\xE3\x80\x82" "Next",
        "\xC2\xA0 \xC2\xA0 \xC2\xA0 \xC2\xA0 Mr. Smith. Dr. Jones", "a.b.c.d. e", "...", "\xFF.\xFF", "x\0. Y"
    };
    static const char *const frag[] = {
        "the", "The", "He", "said", "Mr", "Mr.", "Dr.", "U.S.", "U.S", "No.", "5", "3.5", "Inc.", "etc.", "Jr.",
        "J.", "K.", "Rowling", "a", "s", "t", "re", "Russia", "Russia s", "don't", "O'Brien", "!", "?", "?!",
        "...", "\xE2\x80\xA6", "\xE2\x80\xBC", "\xE2\x81\x87", "\xE2\x81\x89", "\xE3\x80\x82", "\xEF\xBC\x81",
        "\xEF\xBC\x9F", "\xEF\xBC\x8E", "\xD8\x9F", "\xDB\x94", "\xE0\xA5\xA4", "\"", "'", "\xE2\x80\x9D",
        "\xE2\x80\x99", ")", "]", "\xC2\xBB", "(", "\xE2\x80\x9C", ",", ";", ":", "-", "--", "www.bbc.co.uk",
        "news.com", "http://t.co/x.", "a@b.org", "#Syria", "@user", "\xF0\x9F\x98\x80", "e.g.", "p.m.",
        "Sept.", "x\xC2\xADy", "\xE2\x80\x8B", "\xE2\x80\x8D", "\xFF", "\xC2", "\xE2\x80", "\x80", "1st",
        "14/09/2021", "al-Assad", "'s", "Syria.", "town.\"", "him.)", "A.", "B", "x"
    };
    static const char *const sep[] = {
        " ", " ", " ", "  ", "\n", "\n\n", "\r\n", "\r", "\t", "\v", "\xC2\xA0", "\xE2\x80\xA8", "\xE2\x80\xA9",
        "\xC2\x85", "\xE2\x80\x83", "\xE2\x80\x8B", "", "", " \n ", "\n \n", "\x1F", "\x7F", " \x7F "
    };
    const size_t nfrag = sizeof frag / sizeof *frag, nsep = sizeof sep / sizeof *sep;
    char text[2048], where[600];
    nc_tokens scratch;
    unsigned long seed = 4242;
    size_t i, bad = 0, first = (size_t)-1;
    memset(&scratch, 0, sizeof scratch);
    for (i = 0; i < sizeof edge / sizeof *edge; i++) {
        size_t n = i == sizeof edge / sizeof *edge - 1 ? 5 : strlen(edge[i]);   /* the last holds a NUL */
        if (split_text_differs(edge[i], n, ws, &scratch) && !bad++) first = i;
    }
    snprintf(where, sizeof where, "%zu edge texts; first differing: %zu", sizeof edge / sizeof *edge, bad ? first : 0);
    ok(bad == 0, "split without the token array: the edge texts as nc_split (%s)", where);
    bad = 0;
    where[0] = 0;
    for (i = 0; i < 30000; i++) {
        size_t len = gen_text(text, sizeof text, frag, nfrag, sep, nsep, 40, &seed);
        if (split_text_differs(text, len, ws, &scratch) && !bad++) escape_into(where, sizeof where, text, len);
    }
    {
        char msg[700];
        snprintf(msg, sizeof msg, "%zu differ; first: \"%s\"", bad, where);
        ok(bad == 0, "split without the token array: 30,000 generated texts as nc_split (%s)", msg);
    }
    /* only the sentence ends near some ranges (nc_split_text_in): every end the
     * full split has that lies in a range, or whose next sentence starts in
     * one, is there; every end there is one of the full split; the last is */
    bad = 0;
    where[0] = 0;
    for (i = 0; i < 20000; i++) {
        size_t len = gen_text(text, sizeof text, frag, nfrag, sep, nsep, 60, &seed), k, rng[8], nr, j, q;
        nc_tokens t;
        nc_sentences a, b;
        memset(&a, 0, sizeof a);
        memset(&b, 0, sizeof b);
        /* up to four ranges of up to 40 bytes, in order */
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        nr = (seed >> 33) % 5;
        for (k = 0, q = 0; k < nr; k++) {
            seed = seed * 6364136223846793005ul + 1442695040888963407ul;
            rng[2 * k] = q + (seed >> 33) % (len / 4 + 1);
            rng[2 * k + 1] = rng[2 * k] + 1 + (seed >> 17) % 40;
            q = rng[2 * k + 1];
        }
        if (nc_tokenize(&t, text, len) == NC_OK && nc_split(&a, text, len, &t, ws) == NC_OK &&
            nc_split_text_in(&b, text, len, ws, &scratch, rng, nr) == NC_OK) {
            int wrong = 0;
            for (j = 0; j < a.n && !wrong; j++) {
                size_t end = (size_t)a.v[j].start + a.v[j].len, next = j + 1 < a.n ? a.v[j + 1].start : len, m;
                int need = j + 1 == a.n, found = 0;
                for (k = 0; k < nr; k++)
                    if ((end >= rng[2 * k] && end < rng[2 * k + 1]) || (next >= rng[2 * k] && next < rng[2 * k + 1])) need = 1;
                for (m = 0; m < b.n; m++)
                    if ((size_t)b.v[m].start + b.v[m].len == end) found = 1;
                if (need && !found) wrong = 1;
            }
            for (j = 0; j < b.n && !wrong; j++) {
                size_t end = (size_t)b.v[j].start + b.v[j].len, m;
                int found = 0;
                for (m = 0; m < a.n; m++)
                    if ((size_t)a.v[m].start + a.v[m].len == end) found = 1;
                if (!found) wrong = 1;
            }
            if (a.n && (!b.n || b.v[b.n - 1].start + b.v[b.n - 1].len != a.v[a.n - 1].start + a.v[a.n - 1].len)) wrong = 1;
            if (wrong && !bad++) escape_into(where, sizeof where, text, len);
        }
        nc_sentences_free(&a);
        nc_sentences_free(&b);
        nc_tokens_free(&t);
    }
    {
        char msg[700];
        snprintf(msg, sizeof msg, "%zu differ; first: \"%s\"", bad, where);
        ok(bad == 0, "split near ranges only: the ends that bear on 20,000 random ranges are there, and no other (%s)", msg);
    }
    nc_tokens_free(&scratch);
}

static void test_big(nc_wordset *ws)
{
    const char *unit = "Syrian President Bashar al-Assad met Russia's defence minister on Tuesday, state media said. ";
    size_t ul = strlen(unit), n = 100u * 1024u * 1024u, i;
    char *s = malloc(n);
    nc_tokens t;
    nc_sentences ss;
    for (i = 0; i + ul <= n; i += ul) memcpy(s + i, unit, ul);
    memset(s + i, ' ', n - i);
    ok(nc_tokenize(&t, s, n) == NC_OK && t.n == (n / ul) * 16, "100 MB single line: every token found%s", "");
    ok(nc_split(&ss, s, n, &t, ws) == NC_OK && ss.n == n / ul, "100 MB single line: every sentence found%s", "");
    nc_tokens_free(&t);
    {
        nc_sentences st;
        nc_tokens scratch;
        size_t k, same;
        memset(&scratch, 0, sizeof scratch);
        memset(&st, 0, sizeof st);
        same = nc_split_text(&st, s, n, ws, &scratch) == NC_OK && st.n == ss.n;
        for (k = 0; same && k < st.n; k++) same = st.v[k].start == ss.v[k].start && st.v[k].len == ss.v[k].len;
        ok(same, "100 MB single line: the same sentences without the token array%s", "");
        nc_sentences_free(&st);
        /* 100 MB of no-break spaces (chunks that hold no token) before "x. Y": the
         * split looks back over them in doubling steps, once */
        for (k = 0; k + 3 <= n - 8; k += 3) memcpy(s + k, "\xC2\xA0 ", 3);
        memcpy(s + k, "x. Y", 4);
        ok(nc_split_text(&st, s, k + 4, ws, &scratch) == NC_OK && st.n == 2 && st.v[0].start == k && st.v[1].len == 1,
           "100 MB of no-break spaces, then two sentences%s", "");
        nc_sentences_free(&st);
        memset(s, '\n', n);
        ok(nc_split_text(&st, s, n, ws, &scratch) == NC_OK && st.n == 0, "100 MB of line breaks: no sentence%s", "");
        nc_sentences_free(&st);
        memset(s, '.', n);
        ok(nc_split_text(&st, s, n, ws, &scratch) == NC_OK && st.n == 1 && st.v[0].len == n,
           "100 MB of full stops: one sentence%s", "");
        nc_sentences_free(&st);
        nc_tokens_free(&scratch);
    }
    nc_sentences_free(&ss);
    free(s);
}

static char lower_ascii(char c) { return c >= 'A' && c <= 'Z' ? (char)(c + 32) : c; }
static char upper_ascii(char c) { return c >= 'a' && c <= 'z' ? (char)(c - 32) : c; }

static void test_wordset(nc_wordset *ws)
{
    ok(nc_wordset_get(ws, "MR", 2) == NC_ABBR_TITLE && nc_wordset_get(ws, "mr", 2) == NC_ABBR_TITLE,
       "wordset: case-insensitive lookup%s", "");
    ok(nc_wordset_get(ws, "zz", 2) == 0 && nc_wordset_get(ws, "", 0) == 0, "wordset: absent words%s", "");
    ok(nc_wordset_add(ws, "", 0, 1) == NC_EINVAL && nc_wordset_add(ws, "x", 1, 0) == NC_EINVAL,
       "wordset: bad arguments rejected%s", "");
    {
        /* 3000 words of 1..20 bytes (letters, digits, bytes >= 0x80), every
         * other one added in a casing of its own: each added word is found in
         * every ASCII casing, with its value; each word not added (the same
         * words with one byte changed) is not, as a plain list says. This
         * covers the filter in front of the table (seen[]): a word it turned
         * away would be missing. */
        static char words[3000][21];
        static const char alpha[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789\xC3\xA9'";
        nc_wordset big;
        uint32_t x = 12345;
        size_t i, j, k, lost = 0, wrong = 0, seen = 0;
        nc_wordset_init(&big);
        for (i = 0; i < 3000; i++) {
            size_t len;
            x = x * 1103515245u + 12345u;
            len = 1 + (x >> 16) % 20;
            for (j = 0; j < len; j++) {
                x = x * 1103515245u + 12345u;
                words[i][j] = alpha[(x >> 16) % (sizeof alpha - 1)];
            }
            words[i][len] = 0;
            nc_wordset_add(&big, words[i], len, (unsigned)(i % 65535) + 1);
        }
        for (i = 0; i < 3000; i++) {
            char v[21];
            size_t len = strlen(words[i]);
            unsigned want = 0;
            /* the value: OR of those of every word equal to it ignoring ASCII case */
            for (k = 0; k < 3000; k++)
                if (strlen(words[k]) == len) {
                    for (j = 0; j < len && lower_ascii(words[k][j]) == lower_ascii(words[i][j]); j++) {}
                    if (j == len) want |= (unsigned)(k % 65535) + 1;
                }
            for (k = 0; k < 3; k++) {
                for (j = 0; j < len; j++) {
                    char c = words[i][j];
                    v[j] = k == 0 ? lower_ascii(c) : k == 1 ? upper_ascii(c) : c;
                }
                if (nc_wordset_get(&big, v, len) != want) lost++;
            }
            /* one byte changed: absent unless another word is that */
            memcpy(v, words[i], len);
            v[len - 1] = v[len - 1] == 'q' ? 'z' : 'q';
            want = 0;
            for (k = 0; k < 3000; k++)
                if (strlen(words[k]) == len) {
                    for (j = 0; j < len && lower_ascii(words[k][j]) == lower_ascii(v[j]); j++) {}
                    if (j == len) want |= (unsigned)(k % 65535) + 1;
                }
            seen += want == 0;
            if (nc_wordset_get(&big, v, len) != want) wrong++;
        }
        ok(lost == 0 && wrong == 0 && seen > 2500, "wordset: 3000 words found in three casings, the absent ones not%s",
           "");
        nc_wordset_free(&big);
    }
}

/* The TSV reader of gazetteers and the line reader of word lists. */
static void test_tsv(void)
{
    static const char tsv[] =
        "# comment line\r\n"
        "   \n"
        "person:x\tperson\tAmichai Stein\tAmichai Stein|Stein|=KAN TV\tjournalist\r\n"
        "org:nato\tORG\tNATO\tNATO|*nato alliance\n"
        "place:y\tPLACE\tDeir ez-Zor\t\tcity SY\tanycase\n"
        "org:z\tORG\tHezbollah\tHezbollah\t\tnotranslit";
    static const char text[] = "Stein and KAN TV, kan tv, Nato, NATO, the nato alliance; DEIR EZ-ZOR and deir ez-zor; Hizballah.";
    nc_gaz *g = nc_gaz_new();
    nc_gaz_hits h;
    size_t line = 0, i, n = 0;
    const char *why = NULL, *id, *name, *type, *tag;
    size_t idn, namen, typen, tagn;
    char got[512];
    nc_wordset ws;
    ok(nc_gaz_add_tsv(g, tsv, strlen(tsv), &line, &why) == NC_OK, "gazetteer TSV: read%s", "");
    nc_gaz_entry_info(g, 0, &id, &idn, &name, &namen, &type, &typen, &tag, &tagn);
    ok(typen == 6 && !memcmp(type, "PERSON", 6) && tagn == 10 && !memcmp(tag, "journalist", 10),
       "gazetteer TSV: type upper-cased, tag without the CR%s", "");
    nc_gaz_freeze(g);
    memset(&h, 0, sizeof h);
    nc_gaz_match(g, text, strlen(text), &h);
    got[0] = 0;
    for (i = 0; i < h.n && n + 64 < sizeof got; i++)
        n += (size_t)sprintf(got + n, "%.*s;", (int)(h.v[i].end - h.v[i].start), text + h.v[i].start);
    /* =KAN TV exact; NATO (short capitals) exact, so not "Nato"; *nato alliance any case;
     * anycase option on the place; notranslit: Hizballah is not Hezbollah */
    ok(strcmp(got, "Stein;KAN TV;NATO;nato alliance;DEIR EZ-ZOR;deir ez-zor;") == 0,
       "gazetteer TSV: alias markers, short capitals, options (got %s)", got);
    free(h.v);
    nc_gaz_free(g);
    g = nc_gaz_new();
    ok(nc_gaz_add_tsv(g, "a\tPLACE\tA\n\nb\tPLACE\n", 19, &line, &why) == NC_EINVAL && line == 3,
       "gazetteer TSV: a short line is reported with its number (%s)", why);
    ok(nc_gaz_add_tsv(g, "\tPLACE\tX\n", 9, &line, &why) == NC_EINVAL && line == 1,
       "gazetteer TSV: an entry without an id is bad data (%s)", why);
    ok(nc_gaz_add_tsv(g, "", 0, &line, &why) == NC_OK, "gazetteer TSV: empty text%s", "");
    nc_gaz_free(g);
    nc_wordset_init(&ws);
    ok(nc_wordset_add_lines(&ws, "# words\nWar\t1\n  cyclone \r\n\nx # note\n", 36, 8, &n) == NC_OK && n == 3 &&
       nc_wordset_get(&ws, "war", 3) == 8 && nc_wordset_get(&ws, "Cyclone", 7) == 8 && nc_wordset_get(&ws, "x", 1) == 8,
       "wordset: lines with comments, tabs, spaces and CRLF%s", "");
    nc_wordset_free(&ws);
}

static void test_rules(void)
{
    static const char *const pats[] = { "2 min read|\\d+ min(ute)? read", "\\[(Getty|AFP)\\]", "kremlin" };
    static const unsigned fl[] = { NC_RULE_LINE, 0, NC_RULE_CASELESS };
    size_t lens[3], i;
    nc_rules *r;
    nc_matches m;
    nc_rule_error err;
    const char *text = "Headline\n2 min read\nNot 2 min read here\nDead. [Getty]\nThe KREMLIN said\r\n5 minute read\r\n";
    for (i = 0; i < 3; i++) lens[i] = strlen(pats[i]);
    ok(nc_rules_new(&r, 3, pats, lens, fl, &err) == NC_OK && nc_rules_count(r) == 3, "rules: compile%s", "");
    memset(&m, 0, sizeof m);
    ok(nc_rules_match(r, text, strlen(text), &m) == NC_OK && m.n == 4 && m.limited == 0, "rules: four matches%s", "");
    ok(m.n == 4 && m.v[0].rule == 0 && m.v[0].start == 9 && m.v[0].end == 19, "rules: a whole line matches%s", "");
    ok(m.n == 4 && m.v[1].rule == 0 && memcmp(text + m.v[1].start, "5 minute read", m.v[1].end - m.v[1].start) == 0,
       "rules: a line before CRLF matches%s", "");
    ok(m.n == 4 && m.v[2].rule == 1 && memcmp(text + m.v[2].start, "[Getty]", 7) == 0, "rules: span rule%s", "");
    ok(m.n == 4 && m.v[3].rule == 2 && memcmp(text + m.v[3].start, "KREMLIN", 7) == 0, "rules: caseless%s", "");
    nc_matches_free(&m);
    /* invalid UTF-8 and NUL in the text */
    ok(nc_rules_match(r, "x\xff\0[AFP]\xc3", 10, &m) == NC_OK && m.n == 1 && m.v[0].start == 3,
       "rules: invalid UTF-8 and NUL in the subject%s", "");
    nc_matches_free(&m);
    nc_rules_free(r);
    {
        static const char *const bad[] = { "ok", "(unclosed" };
        size_t bl[2] = { 2, 9 };
        ok(nc_rules_new(&r, 2, bad, bl, NULL, &err) == NC_EINVAL && r == NULL && err.rule == 1 && err.offset == 9 &&
           strstr(err.msg, "missing") != NULL, "rules: compile error with rule index and offset%s", "");
    }
    {
        static const char *const bad[] = { "a(b" };
        size_t bl[1] = { 3 };
        unsigned lf[1] = { NC_RULE_LINE };
        ok(nc_rules_new(&r, 1, bad, bl, lf, &err) == NC_EINVAL && err.offset <= 3,
           "rules: error offset is in the user's pattern for line rules%s", "");
    }
    {
        /* line rules are merged into one pass: same results as one by one, the
         * first line rule (in order) that matches a line reports it, a rule with
         * a back-reference is matched on its own, and case options stay per rule */
        static const char *const lp[] = { "related news", "(\\w+) \\1", "read more|Related.*", "photo: .+", "x" };
        static const unsigned lf[] = { NC_RULE_LINE | NC_RULE_CASELESS, NC_RULE_LINE, NC_RULE_LINE, NC_RULE_LINE, 0 };
        size_t ll[5];
        const char *t = "Body one.\nRELATED NEWS\nbye bye\nRelated stories\nPHOTO: AFP\nphoto: AFP  \nRead More\nx\n";
        for (i = 0; i < 5; i++) ll[i] = strlen(lp[i]);
        ok(nc_rules_new(&r, 5, lp, ll, lf, &err) == NC_OK, "rules: line rules compile%s", "");
        memset(&m, 0, sizeof m);
        ok(nc_rules_match(r, t, strlen(t), &m) == NC_OK && m.n == 5, "rules: merged line rules, five matches%s", "");
        ok(m.n == 5 && m.v[0].rule == 0 && m.v[0].start == 10 && m.v[0].end == 22,
           "rules: caseless line rule in the merged pass%s", "");
        ok(m.n == 5 && m.v[1].rule == 1 && m.v[1].start == 23 && m.v[1].end == 30,
           "rules: a back-reference rule matched alone%s", "");
        ok(m.n == 5 && m.v[2].rule == 2 && m.v[2].start == 31 && m.v[2].end == 46,
           "rules: case-sensitive alternatives keep their case (Read More is not read more)%s", "");
        ok(m.n == 5 && m.v[3].rule == 3 && m.v[3].start == 58 && m.v[3].end == 70,
           "rules: trailing blanks belong to a line match, PHOTO: is not photo:%s", "");
        ok(m.n == 5 && m.v[4].rule == 4 && m.v[4].start == 81, "rules: a span rule beside merged line rules%s", "");
        nc_matches_free(&m);
        nc_rules_free(r);
    }
    {
        /* a scan set: one pass, text order, no overlaps; at one start the
         * earlier rule wins; a rule with a back-reference is matched alone and
         * its overlaps are resolved the same way; lookbehind and \\K merge */
        static const char *const sp[] = { "(?<=in )(?:19|20)\\d\\d", "\\d+ (?:March|May)(?: \\d{4})?",
                                          "March(?: \\d{4})?", "(\\w+) \\1", "last \\K(?:week|year)" };
        static const unsigned sf[] = { NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN | NC_RULE_CASELESS,
                                       NC_RULE_SCAN, NC_RULE_SCAN };
        size_t sl[5];
        const char *t = "On 20 March 2019 and in 2011, MARCH 2015 then that that March last week.";
        for (i = 0; i < 5; i++) sl[i] = strlen(sp[i]);
        ok(nc_rules_new(&r, 5, sp, sl, sf, &err) == NC_OK, "rules: scan set compiles%s", "");
        memset(&m, 0, sizeof m);
        ok(nc_rules_match(r, t, strlen(t), &m) == NC_OK && m.n == 6, "rules: scan set, six matches%s", "");
        ok(m.n == 6 && m.v[0].rule == 1 && m.v[0].start == 3 && m.v[0].end == 16,
           "rules: scan: the longer rule listed first wins over March%s", "");
        ok(m.n == 6 && m.v[1].rule == 0 && m.v[1].start == 24 && m.v[1].end == 28, "rules: scan: lookbehind%s", "");
        ok(m.n == 6 && m.v[2].rule == 2 && m.v[2].start == 30 && m.v[2].end == 40, "rules: scan: caseless%s", "");
        ok(m.n == 6 && m.v[3].rule == 3 && m.v[3].start == 46 && m.v[3].end == 55,
           "rules: scan: back-reference rule alone, in text order%s", "");
        ok(m.n == 6 && m.v[4].rule == 2 && m.v[4].start == 56 && m.v[5].rule == 4 && m.v[5].start == 67 &&
           m.v[5].end == 71, "rules: scan: \\K starts the match after the cue%s", "");
        nc_matches_free(&m);
        nc_rules_free(r);
        {
            /* triggers: the same matches as the full scan when every match has a
             * trigger near its start; none found far from any trigger */
            static const char *const tp[] = { "(?:last|next) (?:week|year)", "\\d+ (?:March|May)", "Sochi" };
            static const unsigned tf[] = { NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN };
            size_t tl[3];
            const char *tt = "Met last week, on 20 March and next year in Sochi.";
            for (i = 0; i < 3; i++) tl[i] = strlen(tp[i]);
            ok(nc_rules_new(&r, 3, tp, tl, tf, &err) == NC_OK &&
               nc_rules_triggers(r, "week YEAR,march", 15, 1, 48) == NC_OK, "rules: triggers set%s", "");
            memset(&m, 0, sizeof m);
            ok(nc_rules_match(r, tt, strlen(tt), &m) == NC_OK && m.n == 3 && m.v[0].start == 4 && m.v[0].end == 13 &&
               m.v[1].start == 18 && m.v[2].start == 31 && m.v[2].end == 40,
               "rules: triggered scan finds the matches before and at triggers, not Sochi (no trigger)%s", "");
            nc_matches_free(&m);
            ok(nc_rules_match(r, "", 0, &m) == NC_OK && m.n == 0, "rules: triggered scan of empty text%s", "");
            ok(nc_rules_match(r, "\xff\x80 20 March\xc3", 12, &m) == NC_OK && m.n == 1 && m.v[0].start == 3,
               "rules: triggered scan over invalid UTF-8%s", "");
            nc_matches_free(&m);
            nc_rules_free(r);
            ok(nc_rules_new(&r, 1, tp, tl, NULL, &err) == NC_OK && nc_rules_triggers(r, "x", 1, 0, 8) == NC_EINVAL,
               "rules: triggers need a scan set%s", "");
            nc_rules_free(r);
        }
        {
            /* a triggered scan tries only the rules that can start with the
             * byte at hand: the same matches as the full scan, also where a
             * caseless fold starts a match with a non-ASCII character (KELVIN
             * SIGN ~ k) and where an earlier rule cannot start there */
            static const char *const gp[] = { "\\d+ (?:March|May)", "(?i:kelvin) \\d+", "[A-Z]\\w+ \\d+",
                                              "the \\d+th" };
            static const unsigned gf[] = { NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN };
            size_t gl[4], k;
            nc_rules *full;
            nc_matches fm;
            const char *gt = "we met 20 May, \xE2\x84\xAA" "elvin 5 and KELVIN 7, Sochi 12, the 5th.";
            for (i = 0; i < 4; i++) gl[i] = strlen(gp[i]);
            ok(nc_rules_new(&r, 4, gp, gl, gf, &err) == NC_OK && nc_rules_triggers(r, "", 0, 1, 16) == NC_OK &&
               nc_rules_new(&full, 4, gp, gl, gf, &err) == NC_OK, "rules: triggered and full scan sets%s", "");
            memset(&m, 0, sizeof m);
            memset(&fm, 0, sizeof fm);
            ok(nc_rules_match(r, gt, strlen(gt), &m) == NC_OK && nc_rules_match(full, gt, strlen(gt), &fm) == NC_OK &&
               m.n == 5 && fm.n == 5, "rules: triggered scan, five matches as the full scan%s", "");
            for (k = 0; k < m.n && k < fm.n; k++)
                if (m.v[k].rule != fm.v[k].rule || m.v[k].start != fm.v[k].start || m.v[k].end != fm.v[k].end) break;
            ok(m.n == 5 && k == 5 && m.v[1].rule == 1 && m.v[1].start == 15 && m.v[2].rule == 1 && m.v[3].rule == 2 &&
               m.v[4].rule == 3, "rules: triggered scan: KELVIN SIGN, caseless, then the later rules%s", "");
            nc_matches_free(&m);
            nc_matches_free(&fm);
            nc_rules_free(r);
            nc_rules_free(full);
        }
        {
            /* rules that start with two-, three- and four-byte characters */
            static const char *const hp[] = { "(?:\xC3\xA9t\xC3\xA9|\xE2\x82\xAC|\xF0\x9F\x92\xB6) ?\\d+", "[a-z]+ \\d+" };
            static const unsigned hf[] = { NC_RULE_SCAN, NC_RULE_SCAN };
            size_t hl[2];
            const char *ht = "\xC3\xA9t\xC3\xA9 2019, \xE2\x82\xAC 5, \xF0\x9F\x92\xB6 20 and spring 2020";
            hl[0] = strlen(hp[0]);
            hl[1] = strlen(hp[1]);
            ok(nc_rules_new(&r, 2, hp, hl, hf, &err) == NC_OK && nc_rules_triggers(r, "", 0, 1, 8) == NC_OK,
               "rules: rules starting with multi-byte characters%s", "");
            memset(&m, 0, sizeof m);
            ok(nc_rules_match(r, ht, strlen(ht), &m) == NC_OK && m.n == 4 && m.v[0].rule == 0 && m.v[0].start == 0 &&
               m.v[1].rule == 0 && m.v[1].start == 12 && m.v[2].rule == 0 && m.v[2].start == 19 && m.v[3].rule == 1,
               "rules: a lead byte stands for the characters it starts (2, 3 and 4 bytes)%s", "");
            nc_matches_free(&m);
            nc_rules_free(r);
        }
        {
            /* lead words: before its trigger a match is tried only at a lead word */
            static const char *const lp[] = { "(?:more|less) than \\d+", "zz\\d" };
            static const unsigned lf[] = { NC_RULE_SCAN, NC_RULE_SCAN };
            size_t ll[2];
            const char *lt = "more than 5 and less than 6";
            ll[0] = strlen(lp[0]);
            ll[1] = strlen(lp[1]);
            ok(nc_rules_new(&r, 2, lp, ll, lf, &err) == NC_OK && nc_rules_triggers(r, "zzz", 3, 1, 16) == NC_OK &&
               nc_rules_leads(r, "More", 4) == NC_OK, "rules: leads set%s", "");
            memset(&m, 0, sizeof m);
            ok(nc_rules_match(r, lt, strlen(lt), &m) == NC_OK && m.n == 1 && m.v[0].start == 0 && m.v[0].end == 11,
               "rules: a match before its trigger starts at a lead word only%s", "");
            nc_matches_free(&m);
            nc_rules_free(r);
            ok(nc_rules_new(&r, 1, lp, ll, NULL, &err) == NC_OK && nc_rules_leads(r, "x", 1) == NC_EINVAL,
               "rules: leads need a scan set%s", "");
            nc_rules_free(r);
        }
        {
            /* the prefix filter (first three letters, or two of a two-letter word)
             * passes every trigger however it is cased, and words whose first
             * bytes are not three ASCII letters go to the set itself: "q1", "été" */
            static const char *const wp[] = { "[^\\s,]+", "zz\\d" };
            static const unsigned wf[] = { NC_RULE_SCAN, NC_RULE_SCAN };
            static const char trig[] = "to mid q1 \xc3\xa9t\xc3\xa9 tuesday";
            static const size_t want[][2] = { { 0, 2 }, { 10, 13 }, { 14, 16 }, { 17, 19 }, { 20, 25 }, { 39, 46 } };
            size_t wl[2], k;
            int rc;
            char num[32];
            const char *wt = "To midst, MID q1 Q1 \xc3\xa9t\xc3\xa9 \xc3\x89T\xc3\x89 up tom TUESDAY tue mi";
            wl[0] = strlen(wp[0]);
            wl[1] = strlen(wp[1]);
            ok(nc_rules_new(&r, 2, wp, wl, wf, &err) == NC_OK &&
               nc_rules_triggers(r, trig, strlen(trig), 0, 0) == NC_OK, "rules: word triggers set%s", "");
            memset(&m, 0, sizeof m);
            rc = nc_rules_match(r, wt, strlen(wt), &m);
            snprintf(num, sizeof num, "%zu", m.n);
            ok(rc == NC_OK && m.n == 6, "rules: six trigger words found, %s", num);
            for (k = 0; k < m.n && k < 6; k++)
                if (m.v[k].start != want[k][0] || m.v[k].end != want[k][1]) break;
            snprintf(num, sizeof num, "%zu", k);
            ok(k == 6, "rules: the trigger words, in any ASCII case, and no other word (first wrong: %s)", num);
            nc_matches_free(&m);
            nc_rules_free(r);
        }
        {
            /* words found across the 64-byte blocks of the scan: a trigger word (and a
             * number) after every amount of padding, behind a space, a no-break
             * space, a curly quote, a line break or a dash, in two casings; a trigger
             * glued to a word before it is no word of its own; a digit after two or
             * three letters makes a word a number */
            static const char *const bp[] = { "(?i:tuesday)\\b", "\\b\\d+\\b", "\\b[a-z]{2,3}\\d\\b" };
            static const unsigned bf[] = { NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN };
            static const char *const seps[] = { " ", "\xC2\xA0", "\xE2\x80\x9C", "\n", "-" };
            static const size_t sepl[] = { 1, 2, 3, 1, 1 };
            size_t bl[3], pad, bad = 0;
            char bt[256], num[32];
            for (i = 0; i < 3; i++) bl[i] = strlen(bp[i]);
            ok(nc_rules_new(&r, 3, bp, bl, bf, &err) == NC_OK && nc_rules_triggers(r, "tuesday", 7, 1, 0) == NC_OK,
               "rules: block scan set%s", "");
            for (pad = 0; pad < 140 && r; pad++) {
                size_t k = pad % 5, a, b2, c2, len;
                memset(bt, 'q', pad);
                len = pad;
                memcpy(bt + len, seps[k], sepl[k]);
                len += sepl[k];
                a = len;                                   /* "Tuesday" */
                memcpy(bt + len, "Tuesday x qtuesday", 18);
                len += 18;
                memcpy(bt + len, seps[(k + 2) % 5], sepl[(k + 2) % 5]);
                len += sepl[(k + 2) % 5];
                b2 = len;                                  /* "TUESDAY" */
                memcpy(bt + len, "TUESDAY,", 8);
                len += 8;
                memcpy(bt + len, seps[(k + 1) % 5], sepl[(k + 1) % 5]);
                len += sepl[(k + 1) % 5];
                c2 = len;                                  /* "2019" */
                memcpy(bt + len, "2019 x abc4 x ab5", 17);   /* digits after three and two letters */
                len += 17;
                memset(&m, 0, sizeof m);
                if (nc_rules_match(r, bt, len, &m) != NC_OK || m.n != 5 || m.v[0].start != a || m.v[0].end != a + 7 ||
                    m.v[1].start != b2 || m.v[1].end != b2 + 7 || m.v[2].rule != 1 || m.v[2].start != c2 ||
                    m.v[2].end != c2 + 4 || m.v[3].rule != 2 || m.v[3].start != c2 + 7 || m.v[4].start != c2 + 14)
                    bad = bad ? bad : pad + 1;
                nc_matches_free(&m);
            }
            snprintf(num, sizeof num, "%zu", bad ? bad - 1 : 0);
            ok(r && bad == 0, "rules: trigger words and numbers at every offset of a block (first wrong: padding %s)", num);
            nc_rules_free(r);
        }
        {
            /* the digit trigger sees a digit behind a currency sign ("€20bn", one word
             * here since bytes >= 0x80 are word bytes) but not deep in a word */
            static const char *const cp[] = { "(?:\xe2\x82\xac|\xc2\xa3)\\d+bn", "x\\d+" };
            static const unsigned cf[] = { NC_RULE_SCAN, NC_RULE_SCAN };
            size_t cl[2];
            int rc;
            const char *ct = "EU \xe2\x82\xac" "20bn, UK \xc2\xa3" "3bn, abcdx1";
            cl[0] = strlen(cp[0]);
            cl[1] = strlen(cp[1]);
            ok(nc_rules_new(&r, 2, cp, cl, cf, &err) == NC_OK && nc_rules_triggers(r, "zzz", 3, 1, 8) == NC_OK,
               "rules: digit triggers set%s", "");
            memset(&m, 0, sizeof m);
            rc = nc_rules_match(r, ct, strlen(ct), &m);
            ok(rc == NC_OK && m.n == 2 && m.v[0].start == 3 && m.v[0].end == 10 && m.v[1].start == 15,
               "rules: digit trigger behind a currency sign, none five bytes into a word%s", "");
            nc_matches_free(&m);
            nc_rules_free(r);
        }
        {
            static const unsigned mix[] = { NC_RULE_SCAN, 0 };
            static const unsigned ln[] = { NC_RULE_SCAN | NC_RULE_LINE };
            ok(nc_rules_new(&r, 2, sp, sl, mix, &err) == NC_EINVAL && r == NULL && err.rule == 1,
               "rules: scan and other rules do not mix%s", "");
            ok(nc_rules_new(&r, 1, sp, sl, ln, &err) == NC_EINVAL && r == NULL, "rules: no scan line rule%s", "");
        }
    }
    {
        /* catastrophic backtracking is stopped by the limits */
        static const char *const evil[] = { "(a+)+$", "(x|x|x|xx)*y", "" };
        size_t el[3] = { 6, 12, 0 };
        char *s = malloc(20001);
        memset(s, 'a', 20000);
        s[20000] = '!';
        ok(nc_rules_new(&r, 3, evil, el, NULL, &err) == NC_OK, "rules: hostile patterns compile%s", "");
        memset(&m, 0, sizeof m);
        ok(nc_rules_match(r, s, 20001, &m) == NC_OK && m.limited >= 1, "rules: backtracking stopped at a limit%s", "");
        nc_matches_free(&m);
        memset(s, 'x', 20000);
        ok(nc_rules_match(r, s, 20001, &m) == NC_OK, "rules: empty pattern and alternation terminate%s", "");
        nc_matches_free(&m);
        nc_rules_free(r);
        free(s);
    }
}

/* "text=entry/how;..." for the hits of g on s. Caller frees. */
/* A triggered scan against the full scan of the same rules on generated text
 * where every match starts at a lead word, a trigger, a number or a symbol
 * after a separator, with a trigger within `back` bytes: the same matches.
 * The rules start with words in one casing or any, look behind, start with
 * \B, refer back, start with a symbol or a caseless fold to a non-ASCII
 * character (KELVIN SIGN); the words come in every casing, mixed ("tHe") too,
 * and after '_' (a word character to \b and \B). */
/* A scan set with a rule that cannot be merged (a back-reference): the
 * leftmost match, the earlier rule at one byte, then on from its end; the
 * rule's match at 5 counts though a pass over it alone would have taken
 * "20 20" at 2 first (hidden by "2020") and gone on past 5. */
static void test_rules_alone(void)
{
    static const char *const pats[] = { "(?:19|20)\\d\\d\\b", "(\\w+) \\1" };
    static const unsigned fl[] = { NC_RULE_SCAN, NC_RULE_SCAN };
    const char *text = "2020 201 2015, and then then 1999";
    size_t lens[2] = { strlen(pats[0]), strlen(pats[1]) }, k, o = 0;
    nc_rules *r = NULL;
    nc_rule_error err;
    nc_matches m;
    char got[200];
    memset(&m, 0, sizeof m);
    got[0] = 0;
    if (nc_rules_new(&r, 2, pats, lens, fl, &err) == NC_OK && nc_rules_match(r, text, strlen(text), &m) == NC_OK)
        for (k = 0; k < m.n && o + 40 < sizeof got; k++)
            o += (size_t)sprintf(got + o, "%s%u:%u-%u", k ? " " : "", m.v[k].rule, m.v[k].start, m.v[k].end);
    ok(strcmp(got, "0:0-4 1:5-12 1:19-28 0:29-33") == 0, "rules: a back-reference rule's match after a hidden one (%s)", got);
    nc_matches_free(&m);
    nc_rules_free(r);
}

/* Compare the triggered scan tr with the full scan full on n texts of up to
 * maxw fragments joined by separators (drawn from *seed): returns how many
 * differ (the first one, escaped, in where: a no-break space is no space),
 * and adds the matches of each rule tr finds to per[]. */
static size_t scans_agree(const nc_rules *tr, const nc_rules *full, const char *const *frag, size_t nfrag,
                          const char *const *sep, size_t nsep, size_t maxw, size_t n, unsigned long *seed,
                          size_t *per, char *where, size_t wsize)
{
    char text[1024];
    nc_matches a, b;
    size_t t, k, bad = 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    where[0] = 0;
    for (t = 0; t < n; t++) {
        size_t len = 0, nw;
        *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
        nw = 1 + (*seed >> 33) % maxw;
        for (k = 0; k < nw; k++) {
            const char *f, *g;
            *seed = *seed * 6364136223846793005ul + 1442695040888963407ul;
            f = frag[(*seed >> 33) % nfrag];
            g = sep[(*seed >> 17) % nsep];
            if (k > 0 && len + strlen(g) < sizeof text) { memcpy(text + len, g, strlen(g)); len += strlen(g); }
            if (len + strlen(f) < sizeof text) { memcpy(text + len, f, strlen(f)); len += strlen(f); }
        }
        a.n = b.n = 0;
        if (nc_rules_match(tr, text, len, &a) != NC_OK || nc_rules_match(full, text, len, &b) != NC_OK) { bad++; continue; }
        for (k = 0; k < a.n; k++) per[a.v[k].rule]++;
        for (k = 0; k < a.n && a.n == b.n; k++)
            if (a.v[k].rule != b.v[k].rule || a.v[k].start != b.v[k].start || a.v[k].end != b.v[k].end) break;
        if ((a.n != b.n || k < a.n) && !bad++) escape_into(where, wsize, text, len);
    }
    nc_matches_free(&a);
    nc_matches_free(&b);
    return bad;
}

static void test_rules_dispatch(void)
{
    static const char *const pats[] = {
        "\\bThe \\d+(?:st|th)\\b", "\\bthe (?:end|start) of (?:may|june)\\b", "(?<=on )Monday\\b",
        "(?:\\B|_)Nd (?:May|June)\\b", "(\\d+)-\\1 May", "\\$\\d+ (?:May|June)", "(?i:kelvin) \\d+ may",
        "\\bTHE \\d+ JUNE\\b", "\\bMay (?:the )?\\d+"
    };
    static const unsigned fl[] = { NC_RULE_SCAN, NC_RULE_SCAN | NC_RULE_CASELESS, NC_RULE_SCAN, NC_RULE_SCAN,
                                   NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN };
    static const char *const frag[] = {
        "The", "the", "THE", "tHe", "end", "start", "of", "May", "MAY", "may", "June", "JUNE", "june", "on", "ON",
        "Monday", "MONDAY", "5th", "21st", "12", "7", "12-12", "7-7", "12-7", "$5", "$", "\xE2\x84\xAA" "elvin",
        "Kelvin", "KELVIN", "nd", "_nd", "Nd", "_Nd", "_ND", "the end of May", "tHe START OF june", "The 5th",
        "THE 12 JUNE", "The 12 June", "on Monday", "ON Monday", "12-12 May", "$5 June", "\xE2\x84\xAA" "elvin 7 MAY",
        "kelvin 12 may", "May the 12", "MAY the 12", "_Nd June", "Nd May", "THE END OF MAY", "The Start of June"
    };
    static const char *const sep[] = { " ", " ", " ", ", ", "\n", "\xC2\xA0", "  ", " \xE2\x80\x94 " };
    const size_t nr = sizeof pats / sizeof *pats, nfrag = sizeof frag / sizeof *frag, nsep = sizeof sep / sizeof *sep;
    size_t lens[9], i, bad, total, per[9] = { 0 };
    unsigned long seed = 12345;
    nc_rules *tr = NULL, *full = NULL;
    nc_rule_error err;
    char where[600];
    int pass;
    for (i = 0; i < nr; i++) lens[i] = strlen(pats[i]);
    ok(nc_rules_new(&full, nr, pats, lens, fl, &err) == NC_OK, "rules: the full scan set of nine rules%s", "");
    /* pass 0: triggers, then leads; pass 1: leads first, one of them a trigger too */
    for (pass = 0; pass < 2; pass++) {
        if (pass == 0)
            ok(nc_rules_new(&tr, nr, pats, lens, fl, &err) == NC_OK &&
               nc_rules_triggers(tr, "may june monday", 15, 1, 32) == NC_OK &&
               nc_rules_leads(tr, "the nd kelvin", 13) == NC_OK, "rules: triggered scan set, triggers first%s", "");
        else
            ok(nc_rules_new(&tr, nr, pats, lens, fl, &err) == NC_OK &&
               nc_rules_leads(tr, "the nd kelvin June", 18) == NC_OK &&
               nc_rules_triggers(tr, "may june monday", 15, 1, 32) == NC_OK, "rules: triggered scan set, leads first%s", "");
        memset(per, 0, sizeof per);
        bad = tr && full ? scans_agree(tr, full, frag, nfrag, sep, nsep, 12, 4000, &seed, per, where, sizeof where) : 1;
        ok(bad == 0, "rules: triggered scan = full scan on 4,000 generated texts (first differing: \"%s\")", where);
        for (i = 0, total = 0; i < nr; i++) total += per[i];
        for (i = 0; i < nr && per[i] >= 100; i++) {}
        snprintf(where, sizeof where, "%zu in all, rule %zu: %zu", total, i < nr ? i : 0, per[i < nr ? i : 0]);
        ok(i == nr, "rules: the generated texts hold at least 100 matches of each rule (%s)", where);
        nc_rules_free(tr);
        tr = NULL;
    }
    nc_rules_free(full);
}

/* A word that can start many rules ("the": 11 here) is tried with only the
 * rules that can start with it, one space and the byte after (nc_rules.c
 * next_block): the same matches as the full scan. The rules tell a space from
 * a line break, look behind, look ahead past the next word, and read the next
 * byte as a digit, a sign, a letter in either case or a word byte ('_'); the
 * words after "the" begin with each of those and with bytes at the ends of
 * the printable range ('!', '~', DEL, >= 0x80). */
static void test_rules_next_byte(void)
{
    static const char *const pats[] = {
        "\\bthe \\d+(?:st|th)\\b", "\\bthe (?:end|start) of (?:may|june)\\b", "\\bthe\\n(?:May|June)\\b",
        "(?<=on )the \\d+ may", "\\bThe (?:May|June) \\d+", "\\bthe\\b(?= \\S+ june)", "\\bthe \\$\\d+ may",
        "\\bthe [_~!](?:may|june)", "\\bthe\\s+first\\s+(?:may|june)", "\\bthe \\x7F?may\\b", "\\bthe \xE2\x80\x9Cmay",
        "\\bthe\\s?(?:May|June)\\b"
    };
    static const unsigned fl[] = { NC_RULE_SCAN, NC_RULE_SCAN | NC_RULE_CASELESS, NC_RULE_SCAN, NC_RULE_SCAN,
                                   NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN,
                                   NC_RULE_SCAN | NC_RULE_CASELESS, NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN };
    static const char *const frag[] = {
        "the", "The", "THE", "the", "the", "on", "may", "May", "MAY", "june", "June", "5th", "12", "$5", "_may", "~june",
        "!may", "\x7Fmay", "\xE2\x80\x9Cmay", "first", "FIRST", "end", "START", "of", "x", "on the", "the 12 may",
        "the $5 may", "the first June", "the end of may", "The May 12", "the _may", "the\nMay", "on the 5th", "on the 7 may",
        "on the 12 may"
    };
    static const char *const sep[] = { " ", " ", " ", " ", "  ", "\n", "\xC2\xA0", ", " };
    const size_t nr = sizeof pats / sizeof *pats, nfrag = sizeof frag / sizeof *frag, nsep = sizeof sep / sizeof *sep;
    size_t lens[12], i, bad, total, per[12] = { 0 };
    unsigned long seed = 777;
    nc_rules *tr = NULL, *full = NULL;
    nc_rule_error err;
    char where[600];
    for (i = 0; i < nr; i++) lens[i] = strlen(pats[i]);
    ok(nc_rules_new(&full, nr, pats, lens, fl, &err) == NC_OK && nc_rules_new(&tr, nr, pats, lens, fl, &err) == NC_OK &&
       nc_rules_triggers(tr, "may june", 8, 1, 32) == NC_OK && nc_rules_leads(tr, "the on first", 12) == NC_OK,
       "rules: a set of twelve rules \"the\" can start%s", "");
    bad = tr && full ? scans_agree(tr, full, frag, nfrag, sep, nsep, 10, 6000, &seed, per, where, sizeof where) : 1;
    ok(bad == 0, "rules: triggered scan with next-byte masks = full scan on 6,000 texts (first differing: \"%s\")", where);
    for (i = 0, total = 0; i < nr; i++) total += per[i];
    for (i = 0; i < nr && per[i] >= 20; i++) {}
    snprintf(where, sizeof where, "%zu in all, rule %zu: %zu", total, i < nr ? i : 0, per[i < nr ? i : 0]);
    ok(i == nr, "rules: the texts hold at least 20 matches of each rule (%s)", where);
    nc_rules_free(tr);
    nc_rules_free(full);
}

/* Where the triggered scan's words end (nc_rules.c word_end, eight bytes at
 * a time): fragments glued into long words by the bytes next to the digits
 * and letters in ASCII, letters whose UTF-8 starts like a separator's (µ
 * C2 B5, KELVIN SIGN E2 84 AA) and separators; rules that start at a word
 * boundary, so every match starts where a token does. Three rules start
 * with a digit, one caseless: at a number they are tried merged. */
static void test_rules_words(void)
{
    static const char *const pats[] = {
        "\\bmay \\d+", "\\b\\d+ (?:may|june)\\b", "\\bthe (?:end|start) of (?:may|june)\\b", "\\bjune\\b",
        "\\bkelvin \\d+ may", "\\b\\d{3,}\\b", "\\b\\d+(?:st|th) (?:may|june)"
    };
    static const unsigned fl[] = { NC_RULE_SCAN, NC_RULE_SCAN, NC_RULE_SCAN | NC_RULE_CASELESS, NC_RULE_SCAN,
                                   NC_RULE_SCAN | NC_RULE_CASELESS, NC_RULE_SCAN, NC_RULE_SCAN | NC_RULE_CASELESS };
    static const char *const frag[] = {
        "may", "june", "May", "JUNE", "the", "THE", "end", "start", "of", "12", "7", "2019", "kelvin",
        "\xE2\x84\xAA" "elvin", "may 12", "12 june", "the end of may", "THE START OF JUNE", "kelvin 7 may",
        "\xE2\x84\xAA" "ELVIN 12 may", "longerwordthanblock", "1234567890", "5th MAY", "21ST June"
    };
    static const char *const glue[] = {
        " ", " ", " ", ", ", "\n", "\xC2\xA0", " \xE2\x80\x94 ", "\xC2\xBB", "\xE2\x80\x9C", "\t",
        "9", "0", "a", "z", "A", "Z", "_", "'", "-", ".", "/", ":", "@", "[", "`", "{", "\x7F",
        "\xC2\xB5", "\xE2\x84\xAA", "\xC3\xA9"
    };
    const size_t nr = sizeof pats / sizeof *pats, nfrag = sizeof frag / sizeof *frag, nglue = sizeof glue / sizeof *glue;
    size_t lens[7], i, bad, per[7] = { 0 };
    unsigned long seed = 777;
    nc_rules *tr = NULL, *full = NULL;
    nc_rule_error err;
    char where[2600];
    for (i = 0; i < nr; i++) lens[i] = strlen(pats[i]);
    ok(nc_rules_new(&full, nr, pats, lens, fl, &err) == NC_OK && nc_rules_new(&tr, nr, pats, lens, fl, &err) == NC_OK &&
       nc_rules_triggers(tr, "may june", 8, 1, 32) == NC_OK && nc_rules_leads(tr, "the kelvin", 10) == NC_OK,
       "rules: a triggered set for word ends%s", "");
    bad = tr && full ? scans_agree(tr, full, frag, nfrag, glue, nglue, 16, 4000, &seed, per, where, sizeof where) : 1;
    ok(bad == 0, "rules: triggered scan = full scan on 4,000 texts of glued words (first differing: \"%s\")", where);
    for (i = 0; i < nr && per[i] >= 100; i++) {}
    snprintf(where, sizeof where, "rule %zu: %zu", i < nr ? i : 0, per[i < nr ? i : 0]);
    ok(i == nr, "rules: those texts hold at least 100 matches of each rule (%s)", where);
    nc_rules_free(tr);
    nc_rules_free(full);
}

static char *render_hits(const nc_gaz *g, const char *s)
{
    nc_gaz_hits h;
    size_t i, len = 0, n = strlen(s);
    char *out = malloc(4 * n + 64);
    memset(&h, 0, sizeof h);
    out[0] = '\0';
    if (nc_gaz_match(g, s, n, &h) != NC_OK) { strcpy(out, "ERROR"); return out; }
    for (i = 0; i < h.n; i++) {
        len += (size_t)sprintf(out + len, "%s", i ? ";" : "");
        memcpy(out + len, s + h.v[i].start, h.v[i].end - h.v[i].start);
        len += h.v[i].end - h.v[i].start;
        len += (size_t)sprintf(out + len, "=%u/%u", (unsigned)h.v[i].entry, (unsigned)h.v[i].how);
    }
    free(h.v);
    return out;
}

static void gaz_expect(const nc_gaz *g, const char *s, const char *want)
{
    char *got = render_hits(g, s);
    ok(strcmp(got, want) == 0, "gazetteer: %s", s);
    if (strcmp(got, want) != 0) printf("#   got  %s\n#   want %s\n", got, want);
    free(got);
}

static void add_entry(nc_gaz *g, const char *name, const char *const *aliases, unsigned mode, unsigned tr)
{
    uint32_t e;
    size_t i;
    nc_gaz_entry(g, name, strlen(name), name, strlen(name), "T", 1, "", 0, &e);
    for (i = 0; aliases[i]; i++)
        ok(nc_gaz_alias(g, e, aliases[i], strlen(aliases[i]), mode, tr) == NC_OK, "gazetteer: add alias %s", aliases[i]);
}

/* Working memory kept from one nc_entities_in call to the next, as the Lua
 * binding keeps it: its memos must never change an answer. */
static nc_ents_work shared_work;

/* The mentions of text as "text=TYPE/source;..." (with work, or without when NULL). */
static void ents_render(const nc_gaz *g, const unsigned char *ec, size_t nc, const nc_wordset *lex,
                        const char *text, nc_ents_work *work, char *got, size_t cap)
{
    nc_ents o;
    size_t i, p = 0;
    memset(&o, 0, sizeof o);
    got[0] = 0;
    if (nc_entities_in(g, ec, nc, lex, text, strlen(text), 1, &o, work) == NC_OK) {
        for (i = 0; i < o.n && p < cap - 80; i++) {
            static const char *const src = "gdr";
            int len = (int)(o.v[i].end - o.v[i].start);
            if (len > 40) len = 40;
            p += (size_t)sprintf(got + p, "%s%.*s=%u/%c", i ? ";" : "", len, text + o.v[i].start,
                                 (unsigned)o.v[i].type, src[o.v[i].source]);
            if (o.v[i].source == NC_SRC_RESOLVED) p += (size_t)sprintf(got + p, "%d", (int)o.v[i].ref);
        }
    } else {
        strcpy(got, "ERROR");
    }
    free(o.v);
}

/* nc_entities: describe the mentions of text and compare, with fresh and with
 * kept working memory. */
static void ents_expect(const nc_gaz *g, const unsigned char *ec, size_t nc, const nc_wordset *lex,
                        const char *text, const char *want)
{
    char got[1024], kept[1024];
    ents_render(g, ec, nc, lex, text, NULL, got, sizeof got);
    ents_render(g, ec, nc, lex, text, &shared_work, kept, sizeof kept);
    ok(strcmp(got, want) == 0 && strcmp(kept, want) == 0, "entities: %s", text);
    if (strcmp(got, want) != 0) fprintf(stderr, "#   got  %s\n#   want %s\n", got, want);
    if (strcmp(kept, want) != 0) fprintf(stderr, "#   kept %s\n#   want %s\n", kept, want);
}

static void test_entities(void)
{
    /* entries: 0 Helsinki (city), 1 Troy (city), 2 Patterson (city), 3 Savage (city),
     * 4 Syria (country), 5 Syrian (demonym), 6 Vladimir Putin (person), 7 Nice (city),
     * 8 Washington (capital) */
    static const struct { const char *name, *type, *tag, *alias; unsigned mode; } E[] = {
        { "Helsinki", "PLACE", "city FI", "Helsinki", NC_CASE_CAPS },
        { "Troy", "PLACE", "town US", "Troy", NC_CASE_CAPS },
        { "Patterson", "PLACE", "town US", "Patterson", NC_CASE_CAPS },
        { "Savage", "PLACE", "town US", "Savage", NC_CASE_CAPS },
        { "Syria", "PLACE", "country", "Syria", NC_CASE_CAPS },
        { "Syria", "PLACE", "demonym", "Syrian", NC_CASE_CAPS },
        { "Vladimir Putin", "PERSON", "", "Vladimir Putin", NC_CASE_CAPS },
        { "Nice", "PLACE", "city FR", "Nice", NC_CASE_EXACT },
        { "Washington", "PLACE", "capital US", "Washington", NC_CASE_CAPS },
    };
    static const struct { const char *w; unsigned bits; } W[] = {
        { "university", NC_W_ORG_START | NC_W_ORG_END | NC_W_ENGLISH }, { "of", NC_W_ORG_CONNECT },
        { "the", NC_W_ORG_CONNECT | NC_W_COMMON | NC_W_ENGLISH }, { "magazine", NC_W_ORG_END | NC_W_ENGLISH },
        { "troy", NC_W_FIRST }, { "dan", NC_W_FIRST }, { "alexander", NC_W_FIRST },
        { "said", NC_W_CUE }, { "told", NC_W_CUE }, { "observed", NC_W_CUE }, { "also", NC_W_ADVERB },
        { "minister", NC_W_TITLE | NC_W_ENGLISH }, { "foreign", NC_W_TITLE | NC_W_ENGLISH },
        { "president", NC_W_TITLE | NC_W_ENGLISH }, { "ceo", NC_W_TITLE }, { "mr", NC_W_TITLE },
        { "police", NC_W_COMMON | NC_W_ENGLISH }, { "march", NC_W_MONTH | NC_W_ENGLISH },
        { "nice", NC_W_COMMON | NC_W_ENGLISH }, { "state", NC_W_ENGLISH }, { "war", NC_W_NOTPERSON | NC_W_ENGLISH },
        { "savage", NC_W_ENGLISH }, { "al", NC_W_CONNECT }, { "apple", NC_W_ENGLISH }, { "steve", NC_W_FIRST },
        { "jobs", NC_W_ENGLISH | NC_W_COMMON },
    };
    nc_gaz *g = nc_gaz_new();
    nc_wordset lex;
    unsigned char ec[16];
    size_t i;
    nc_wordset_init(&lex);
    for (i = 0; i < sizeof W / sizeof W[0]; i++) nc_wordset_add(&lex, W[i].w, strlen(W[i].w), W[i].bits);
    for (i = 0; i < sizeof E / sizeof E[0]; i++) {
        uint32_t e;
        nc_gaz_entry(g, E[i].name, strlen(E[i].name), E[i].name, strlen(E[i].name), E[i].type, strlen(E[i].type),
                     E[i].tag, strlen(E[i].tag), &e);
        nc_gaz_alias(g, e, E[i].alias, strlen(E[i].alias), E[i].mode, 0);
        ec[i] = (unsigned char)nc_ents_entry_class(E[i].type, strlen(E[i].type), E[i].tag, strlen(E[i].tag));
    }
    nc_gaz_freeze(g);
    ok(ec[0] == (NC_ENT_PLACE | NC_ENT_CITY) && ec[1] == (NC_ENT_PLACE | NC_ENT_MINOR) && ec[4] == (NC_ENT_PLACE | NC_ENT_COUNTRY) &&
       ec[5] == (NC_ENT_PLACE | NC_ENT_DEMONYM) && ec[6] == NC_ENT_PERSON && ec[8] == NC_ENT_PLACE,
       "entities: entry classes from type and tag%s", "");
    /* a run decided as a whole: an organisation over a town */
    ents_expect(g, ec, 9, &lex, "Nick Bos, of the University of Helsinki, studies ants.",
                "Nick Bos=1/d;University of Helsinki=2/d");
    ents_expect(g, ec, 9, &lex, "He studied at Washington State University last year.",
                "Washington State University=2/d");
    /* a given name over towns; then the person of an organisation */
    ents_expect(g, ec, 9, &lex, "Troy Patterson of Slate Magazine ventured over.",
                "Troy Patterson=1/d;Slate Magazine=2/d");
    /* a later surname resolves to the full name, also over a town of that name */
    ents_expect(g, ec, 9, &lex, "It was coined by Dan Savage in 2004. Later, Savage created a website.",
                "Dan Savage=1/d;Savage=1/r0");
    ents_expect(g, ec, 9, &lex, "The town of Savage lies in Minnesota.", "Savage=3/g");
    /* titles and cue verbs; sentence-initial common words and months are not names */
    ents_expect(g, ec, 9, &lex, "Police said Foreign Minister Alexander Lavrentiev met Vladimir Putin in March.",
                "Alexander Lavrentiev=1/d;Vladimir Putin=1/g");
    ents_expect(g, ec, 9, &lex, "Apple CEO Steve Jobs spoke. Jobs also said he was well.",
                "Steve Jobs=1/d;Jobs=1/r0");
    ents_expect(g, ec, 9, &lex, "Nice weather. We drove to Nice on Monday.", "Nice=3/g");
    ents_expect(g, ec, 9, &lex, "The Syrian War ended; Gorbachev told reporters.", "Syrian=3/g;Gorbachev=1/d");
    /* UTF-8 names and initials */
    ents_expect(g, ec, 9, &lex, "Wikinews spoke with academic Simon Li\xc4\x8d" "en and Jonathan M. Stan today.",
                "Simon Li\xc4\x8d" "en=1/d;Jonathan M. Stan=1/d");
    /* kept memory used with another lexicon, then another gazetteer, then these
     * again: the memos of the first are not read for the others */
    {
        nc_wordset lex2;
        nc_gaz *g2 = nc_gaz_new();
        uint32_t e;
        char a[1024], b[1024];
        nc_wordset_init(&lex2);
        for (i = 0; i < sizeof W / sizeof W[0]; i++)
            if (strcmp(W[i].w, "troy") != 0) nc_wordset_add(&lex2, W[i].w, strlen(W[i].w), W[i].bits);
        ents_render(g, ec, 9, &lex2, "Troy Patterson of Slate Magazine ventured over.", NULL, a, sizeof a);
        ents_render(g, ec, 9, &lex2, "Troy Patterson of Slate Magazine ventured over.", &shared_work, b, sizeof b);
        ok(strcmp(a, b) == 0 && strcmp(a, "Troy Patterson=1/d;Slate Magazine=2/d") != 0,
           "entities: kept memory follows a change of lexicon (%s)", b);
        nc_gaz_entry(g2, "Troy Patterson", 14, "Troy Patterson", 14, "PLACE", 5, "city", 4, &e);
        nc_gaz_alias(g2, e, "Troy Patterson", 14, NC_CASE_CAPS, 0);
        nc_gaz_freeze(g2);
        ents_render(g2, ec, 9, &lex, "We drove to Troy Patterson today.", NULL, a, sizeof a);
        ents_render(g2, ec, 9, &lex, "We drove to Troy Patterson today.", &shared_work, b, sizeof b);
        ok(strcmp(a, b) == 0 && strcmp(a, "Troy Patterson=3/g") == 0,
           "entities: kept memory follows a change of gazetteer (%s)", b);
        ents_expect(g, ec, 9, &lex, "Troy Patterson of Slate Magazine ventured over.",
                    "Troy Patterson=1/d;Slate Magazine=2/d");
        nc_gaz_free(g2);
        nc_wordset_free(&lex2);
    }
    /* a long text matched alone (with a memo of its own): every copy's hits */
    {
        static const char one[] = "Helsinki, Troy and Nice: Vladimir Putin and vladimir putin in NICE. ";
        size_t k, reps = 100000 / (sizeof one - 1) + 1, len = reps * (sizeof one - 1);
        char *big = malloc(len + 1);
        nc_gaz_hits h1, hb;
        int same = 1;
        for (k = 0; k < reps; k++) memcpy(big + k * (sizeof one - 1), one, sizeof one - 1);
        big[len] = 0;
        memset(&h1, 0, sizeof h1);
        memset(&hb, 0, sizeof hb);
        ok(nc_gaz_match(g, one, sizeof one - 1, &h1) == NC_OK && nc_gaz_match(g, big, len, &hb) == NC_OK &&
           h1.n == 4 && hb.n == reps * h1.n, "gazetteer: a 100 KB text has each copy's hits%s", "");
        for (k = 0; same && k < hb.n && h1.n; k++) {
            const nc_gaz_hit *a = &h1.v[k % h1.n], *b = &hb.v[k];
            size_t off = (k / h1.n) * (sizeof one - 1);
            same = b->start == a->start + off && b->end == a->end + off && b->entry == a->entry;
        }
        ok(same, "gazetteer: ... at the same places, of the same entries%s", "");
        free(h1.v);
        free(hb.v);
        free(big);
    }
    /* bytes of every kind: no crash, no read past the end */
    {
        static const char junk[] = "A\0B \xff\xfe C D\xc3 E- F' G\xe2\x80 H.I.J. K al- L of";
        nc_ents o;
        char *big = malloc(200001);
        memset(&o, 0, sizeof o);
        ok(nc_entities(g, ec, 9, &lex, junk, sizeof junk - 1, 1, &o) == NC_OK, "entities: junk bytes%s", "");
        free(o.v);
        memset(&o, 0, sizeof o);
        ok(nc_entities(g, ec, 9, &lex, "", 0, 1, &o) == NC_OK && o.n == 0, "entities: empty text%s", "");
        free(o.v);
        for (i = 0; i < 200000; i += 2) { big[i] = 'X'; big[i + 1] = ' '; }
        big[200000] = 0;
        memset(&o, 0, sizeof o);
        ok(nc_entities(g, ec, 9, &lex, big, 200000, 1, &o) == NC_OK, "entities: a line of 100,000 capitals%s", "");
        free(o.v);
        free(big);
    }
    nc_ents_work_free(&shared_work);
    nc_wordset_free(&lex);
    nc_gaz_free(g);
}

static void test_gazetteer(void)
{
    static const char *const assad[] = { "Bashar al-Assad", "Assad", NULL };          /* entry 0 */
    static const char *const mekdad[] = { "Faisal Mekdad", "Mekdad", NULL };          /* 1 */
    static const char *const us[] = { "US", "U.S.", NULL };                           /* 2, exact */
    static const char *const usa[] = { "United States", "United States of America", NULL }; /* 3 */
    static const char *const qaeda[] = { "al-Qaeda", NULL };                          /* 4 */
    static const char *const ivory[] = { "Côte d'Ivoire", NULL };                     /* 5 */
    static const char *const patten[] = { "Chris Patten", NULL };                     /* 6, no translit */
    static const char *const york[] = { "York", "New York", "New York City", NULL };  /* 7 */
    static const char *const iphone[] = { "iPhone", NULL };                           /* 8 */
    nc_gaz *g = nc_gaz_new(), *g2 = NULL;
    nc_gaz_info in;
    nc_gaz_hits h;
    char *buf = NULL, *bad;
    size_t len = 0, i;
    uint32_t e;
    unsigned char k[2048];
    add_entry(g, "assad", assad, NC_CASE_CAPS, 1);
    add_entry(g, "mekdad", mekdad, NC_CASE_CAPS, 1);
    add_entry(g, "us", us, NC_CASE_EXACT, 0);
    add_entry(g, "usa", usa, NC_CASE_CAPS, 0);
    add_entry(g, "qaeda", qaeda, NC_CASE_CAPS, 1);
    add_entry(g, "ivory", ivory, NC_CASE_CAPS, 0);
    add_entry(g, "patten", patten, NC_CASE_CAPS, 0);
    add_entry(g, "york", york, NC_CASE_CAPS, 0);
    nc_gaz_entry(g, "x", 1, "x", 1, "T", 1, "", 0, &e);
    ok(nc_gaz_alias(g, e, "  - ", 4, NC_CASE_CAPS, 0) == NC_EINVAL, "gazetteer: an alias with no token is refused%s", "");
    ok(nc_gaz_alias(g, e, "a b c d e f g h i j k l m n o p q", 33, NC_CASE_CAPS, 0) == NC_EINVAL,
       "gazetteer: an alias of 17 tokens is refused%s", "");
    ok(nc_gaz_alias(g, e, "Assad", 5, 7, 0) == NC_EINVAL, "gazetteer: a bad mode is refused%s", "");
    ok(nc_gaz_match(g, "x", 1, &h) == NC_EINVAL, "gazetteer: matching before freeze is refused%s", "");
    ok(nc_gaz_freeze(g) == NC_OK && nc_gaz_freeze(g) == NC_OK, "gazetteer: freeze is idempotent%s", "");
    ok(nc_gaz_entry(g, "y", 1, "y", 1, "T", 1, "", 0, &e) == NC_EINVAL, "gazetteer: frozen refuses entries%s", "");
    nc_gaz_info_get(g, &in);
    ok(in.entries == 9 && in.aliases == 14 && !in.scan_all, "gazetteer: info counts%s", "");

    gaz_expect(g, "President Bashar al-Assad met Assad's envoy.", "Bashar al-Assad=0/0;Assad=0/0");
    gaz_expect(g, "Faisal al-Meqdad, then Miqdad, then al-Mekdad.",
               "Faisal al-Meqdad=1/1;Miqdad=1/1;al-Mekdad=1/2");
    gaz_expect(g, "the US and us and U.S. and Us", "US=2/0;U.S.=2/0");
    gaz_expect(g, "The United States of America and the United States and united states",
               "United States of America=3/0;United States=3/0");
    gaz_expect(g, "UNITED STATES", "UNITED STATES=3/0");
    gaz_expect(g, "Al-Qaeda, al Qaeda, AL-QAEDA and Qaeda", "Al-Qaeda=4/1;al Qaeda=4/0;AL-QAEDA=4/1;Qaeda=4/1");
    gaz_expect(g, "COTE D\xe2\x80\x99IVOIRE and C\xc3\xb4te d'Ivoire", "COTE D\xe2\x80\x99IVOIRE=5/0;C\xc3\xb4te d'Ivoire=5/0");
    /* no merge: Patten is not Putin, Assadism is not Assad, McYork is not York */
    gaz_expect(g, "Chris Patten, Patten, Assadism, McYork, York's, New Yorker", "Chris Patten=6/0;York=7/0");
    gaz_expect(g, "New York City and New York", "New York City=7/0;New York=7/0");
    gaz_expect(g, "", "");
    gaz_expect(g, "\xff\xfe Assad \xc3(\x80 Assad\xe2\x80", "Assad=0/0;Assad=0/0");
    {   /* NUL bytes are separators */
        static const char nul[] = "x\0Assad\0y";
        memset(&h, 0, sizeof h);
        ok(nc_gaz_match(g, nul, sizeof nul - 1, &h) == NC_OK && h.n == 1 && h.v[0].start == 2 && h.v[0].end == 7,
           "gazetteer: NUL bytes separate tokens%s", "");
        free(h.v);
    }
    /* save and load give the same gazetteer; damage is refused */
    ok(nc_gaz_save(g, &buf, &len) == NC_OK && nc_gaz_load(buf, len, &g2) == NC_OK, "gazetteer: save and load%s", "");
    if (g2) {
        char *a = render_hits(g, "Bashar al-Assad in the US with Miqdad"), *b = render_hits(g2, "Bashar al-Assad in the US with Miqdad");
        ok(strcmp(a, b) == 0, "gazetteer: loaded copy matches the same%s", "");
        free(a); free(b);
        nc_gaz_free(g2);
    }
    for (i = 0; i + 1 < len; i += 7) {   /* truncations and flipped bytes */
        g2 = NULL;
        if (nc_gaz_load(buf, i, &g2) == NC_OK) { ok(0, "gazetteer: a truncated file is refused%s", ""); nc_gaz_free(g2); break; }
        bad = malloc(len);
        memcpy(bad, buf, len);
        bad[i] = (char)(bad[i] ^ 0xA5);
        g2 = NULL;
        if (nc_gaz_load(bad, len, &g2) == NC_OK) nc_gaz_free(g2);   /* may be valid; must not crash or leak */
        free(bad);
    }
    ok(i + 1 >= len, "gazetteer: every truncation refused%s", "");
    free(buf);
    nc_gaz_free(g);

    /* an alias with no capitalised token makes the scanner visit every token */
    g = nc_gaz_new();
    add_entry(g, "iphone", iphone, NC_CASE_EXACT, 0);
    nc_gaz_freeze(g);
    nc_gaz_info_get(g, &in);
    ok(in.scan_all == 1, "gazetteer: scan_all for an alias without capitals%s", "");
    gaz_expect(g, "an iPhone, iphone, IPHONE", "iPhone=0/0");
    nc_gaz_free(g);

    ok(nc_name_key(k, nc_token_key((const unsigned char *)"Shoygu", 6, k), k + 1024) == 5
       && memcmp(k + 1024, "shug*", 5) == 0, "name key: Shoygu -> shug*%s", "");
    ok(nc_token_key((const unsigned char *)"Stra\xc3\x9f" "e", 7, k) == 7 && memcmp(k, "strasse", 7) == 0,
       "token key: case folding expands \xc3\x9f%s", "");
}

/* ---- phrase words ---- */

typedef struct wbuf { char out[512]; size_t len; } wbuf;

static int word_cb(void *ud, size_t start, size_t stop, const unsigned char *form, size_t formn)
{
    wbuf *b = ud;
    int k = snprintf(b->out + b->len, sizeof b->out - b->len, "%s%lu-%lu:%.*s", b->len ? " " : "",
                     (unsigned long)start, (unsigned long)stop, (int)formn, (const char *)form);
    if (k > 0) b->len += (size_t)k;
    return b->len > 400;   /* stop early: the walk returns this */
}

static void check_words(const char *s, const char *want)
{
    size_t n = strlen(s);
    unsigned char *scratch = malloc(2 * n + 1);
    wbuf b;
    b.len = 0;
    b.out[0] = 0;
    nc_phrase_words((const unsigned char *)s, n, scratch, word_cb, &b);
    free(scratch);
    ok(strcmp(b.out, want) == 0, "phrase words: %s", b.out);
}

static void test_words(void)
{
    check_words("Mr. Putin told U.S. officials.", "0-2:mr. 4-8:putin 10-13:told 15-18:u.s. 20-28:officials");
    check_words("\xE2\x80\x9CWe won.\xE2\x80\x9D", "3-4:we 6-8:won");
    check_words("Russia\xE2\x80\x99s leaders\xE2\x80\x99", "0-9:russia's 11-20:leaders'");
    check_words("al-Assad\xC2\xA0said\xE2\x80\x94no", "0-7:al-assad 10-13:said 17-18:no");
    /* marks alone are no word; a stray non-ASCII byte is one (as a letter would be) */
    check_words("\xE2\x80 ... '-' \xC2", "11-11:\xC2");
    check_words("", "");
}

/* Add key k written as form, with name/type/source fields. */
static int tally_put(nc_tally *t, const char *k, size_t kn, const char *name, const char *form, size_t formn)
{
    const char *f[NC_TALLY_NFIELDS] = { k, name, "PERSON", "discovered" };
    size_t fn[NC_TALLY_NFIELDS];
    fn[0] = kn; fn[1] = strlen(name); fn[2] = 6; fn[3] = 10;
    return nc_tally_add(t, f, fn, form, formn);
}

static void test_tally(void)
{
    nc_tally *t = nc_tally_new();
    nc_tally_rec r;
    size_t order[5000], i;
    const char *fs;
    size_t fl;
    uint32_t f;
    char key[32], form[32];
    int bad = 0;
    ok(t != NULL && nc_tally_count(t) == 0, "tally: a new one is empty%s", "");
    ok(nc_tally_order(t, NULL) == NC_OK, "tally: ordering nothing%s", "");
    /* document 1 */
    nc_tally_doc(t);
    tally_put(t, "p:putin", 7, "Vladimir Putin", "Vladimir Putin", 14);
    tally_put(t, "p:putin", 7, "ignored", "Putin", 5);
    tally_put(t, "p:assad", 7, "Bashar al-Assad", "Assad", 5);
    tally_put(t, "p:putin", 7, "ignored", "Putin", 5);
    /* document 2: a key with a NUL byte, one that is a prefix of another */
    nc_tally_doc(t);
    tally_put(t, "p:assad", 7, "x", "al-Assad", 8);
    tally_put(t, "p:as\0x", 6, "nul", "A\0B", 3);
    tally_put(t, "p:as", 4, "prefix", "As", 2);
    tally_put(t, "p:putin", 7, "x", "Putin", 5);
    ok(nc_tally_count(t) == 4, "tally: four keys%s", "");
    ok(nc_tally_get(t, 0, &r) == NC_OK && r.items == 4 && r.docs == 2 && r.nforms == 2
       && r.n[NC_TALLY_NAME] == 14 && memcmp(r.s[NC_TALLY_NAME], "Vladimir Putin", 14) == 0
       && r.n[NC_TALLY_SOURCE] == 10, "tally: items, docs, forms and the first name of a key%s", "");
    f = nc_tally_form(t, r.first_form, &fs, &fl);
    ok(fl == 14 && memcmp(fs, "Vladimir Putin", 14) == 0, "tally: forms in order of first use (1)%s", "");
    f = nc_tally_form(t, f, &fs, &fl);
    ok(fl == 5 && memcmp(fs, "Putin", 5) == 0 && f == NC_TALLY_END, "tally: forms in order of first use (2)%s", "");
    ok(nc_tally_get(t, 2, &r) == NC_OK && r.n[0] == 6 && memcmp(r.s[0], "p:as\0x", 6) == 0 && r.nforms == 1
       && r.docs == 1, "tally: a key with a NUL byte is its own%s", "");
    nc_tally_form(t, r.first_form, &fs, &fl);
    ok(fl == 3 && memcmp(fs, "A\0B", 3) == 0, "tally: a form with a NUL byte%s", "");
    ok(nc_tally_get(t, 4, &r) == NC_EINVAL, "tally: no record 4%s", "");
    ok(nc_tally_order(t, order) == NC_OK && order[0] == 0 && order[1] == 1 && order[2] == 3 && order[3] == 2,
       "tally: order by items, then key bytes, a prefix first%s", "");
    ok(nc_tally_add(t, NULL, NULL, "x", 1) == NC_EINVAL, "tally: NULL fields%s", "");
    nc_tally_free(t);
    nc_tally_free(NULL);

    /* many keys and forms: the indexes grow; every count survives */
    t = nc_tally_new();
    for (i = 0; i < 60000; i++) {
        size_t k = (i * 7919) % 5000, kn, fn2;
        if (i % 1000 == 0) nc_tally_doc(t);
        kn = (size_t)sprintf(key, "k%lu", (unsigned long)k);
        fn2 = (size_t)sprintf(form, "f%lu", (unsigned long)(i % 3));
        if (tally_put(t, key, kn, key, form, fn2) != NC_OK) bad++;
    }
    ok(!bad && nc_tally_count(t) == 5000, "tally: 5,000 keys from 60,000 items%s", "");
    for (i = 0; i < 5000; i++) {
        nc_tally_get(t, i, &r);
        if (r.items != 12 || r.nforms != 3) bad++;
    }
    ok(!bad, "tally: each key 12 items in 3 forms%s", "");
    ok(nc_tally_order(t, order) == NC_OK, "tally: ordering 5,000%s", "");
    for (i = 1; i < 5000; i++) {
        nc_tally_rec a, b;
        size_t m;
        nc_tally_get(t, order[i - 1], &a);
        nc_tally_get(t, order[i], &b);
        m = a.n[0] < b.n[0] ? a.n[0] : b.n[0];
        if (memcmp(a.s[0], b.s[0], m) > 0 || (memcmp(a.s[0], b.s[0], m) == 0 && a.n[0] >= b.n[0])) bad++;
    }
    ok(!bad, "tally: equal counts sorted by key%s", "");
    nc_tally_free(t);
}

/* The members of a JSON line as "key=value;" (strings unescaped, other values
 * as written), or "REFUSED". */
static void render_json(const char *s, char *out, size_t cap)
{
    size_t pos, o = 0;
    nc_json_span k, v;
    char buf[256];
    int rc;
    out[0] = '\0';
    if (!nc_json_open(s, strlen(s), &pos)) { snprintf(out, cap, "REFUSED"); return; }
    while ((rc = nc_json_next(s, strlen(s), &pos, &k, &v)) == 1) {
        size_t kl = nc_json_unescape(s, &k, buf), vl;
        o += (size_t)snprintf(out + o, cap - o, "%.*s=", (int)kl, buf);
        if (v.kind == NC_JSON_STRING) vl = nc_json_unescape(s, &v, buf);
        else { vl = v.b - v.a; memcpy(buf, s + v.a, vl); }
        o += (size_t)snprintf(out + o, cap - o, "%.*s;", (int)vl, buf);
    }
    if (rc != 0) snprintf(out, cap, "REFUSED");
}

static void test_json(void)
{
    static const char *const cases[][2] = {
        { "{\"text\":\"Putin met Assad.\",\"id\":\"a1\"}", "text=Putin met Assad.;id=a1;" },
        { " {\"a\" : 1.5e3 , \"b\":-0,\"c\":true,\"d\":false,\"e\":null}\r\n", "a=1.5e3;b=-0;c=true;d=false;e=null;" },
        { "{}", "" },
        { "{ }", "" },
        { "{\"q\":\"say \\\"hi\\\"\\n\\ton\\/off\\\\\"}", "q=say \"hi\"\n\ton/off\\;" },
        { "{\"u\":\"\\u00e9\\u20ac\\ud83d\\ude00\"}", "u=\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80;" },
        { "{\"raw\":\"caf\xc3\xa9 \xff\"}", "raw=caf\xc3\xa9 \xff;" },
        { "{\"a\":{\"nested\":1}}", "REFUSED" },
        { "{\"a\":[1,2]}", "REFUSED" },
        { "[1,2]", "REFUSED" },
        { "{\"a\":1,}", "REFUSED" },
        { "{,\"a\":1}", "REFUSED" },
        { "{\"a\":1 \"b\":2}", "REFUSED" },
        { "{\"a\":01}", "REFUSED" },
        { "{\"a\":1.}", "REFUSED" },
        { "{\"a\":+1}", "REFUSED" },
        { "{\"a\":\"x\\ud800\"}", "REFUSED" },
        { "{\"a\":\"x\\udc00y\"}", "REFUSED" },
        { "{\"a\":\"x\\q\"}", "REFUSED" },
        { "{\"a\":\"tab\there\"}", "REFUSED" },
        { "{\"a\":\"unterminated}", "REFUSED" },
        { "{\"a\":1} x", "REFUSED" },
        { "{\"a\":tru}", "REFUSED" },
        { "{\"a\"}", "REFUSED" },
        { "", "REFUSED" },
    };
    char got[512];
    size_t i;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        render_json(cases[i][0], got, sizeof got);
        ok(strcmp(got, cases[i][1]) == 0, "json: %s", cases[i][0]);
    }
    {
        /* escapes across the eight-byte steps of the scan */
        char line[200], want[200];
        size_t k;
        for (k = 0; k < 20; k++) {
            size_t j;
            char *p = line, *w = want;
            p += sprintf(p, "{\"t\":\"");
            w += sprintf(w, "t=");
            for (j = 0; j < k; j++) { *p++ = 'x'; *w++ = 'x'; }
            p += sprintf(p, "\\\"y\\\\\"}");
            w += sprintf(w, "\"y\\;");
            render_json(line, got, sizeof got);
            if (strcmp(got, want) != 0) break;
        }
        ok(k == 20, "json: an escape at every offset of the eight-byte scan%s", "");
    }
    {
        /* a NUL byte: inside a string it is a raw control character */
        static const char nul[] = "{\"a\":\"x\0y\"}";
        size_t pos;
        nc_json_span k, v;
        ok(nc_json_open(nul, sizeof nul - 1, &pos) && nc_json_next(nul, sizeof nul - 1, &pos, &k, &v) == -1,
           "json: a raw NUL byte in a string is refused%s", "");
    }
}

/* The value of one date match: text[a..b) found in `text` by a rule with `label`. */
static int date_read(int label, const char *text, const char *match, int anchor_known, long anchor,
                     int order, nc_date_value *v)
{
    nc_date_ctx ctx;
    const char *p = strstr(text, match);
    ctx.text = text;
    ctx.n = strlen(text);
    ctx.anchor_known = anchor_known;
    ctx.anchor = anchor;
    ctx.order = order;
    return nc_date_read(label, &ctx, (size_t)(p - text), (size_t)(p - text) + strlen(match), v);
}

static void test_datevalue(void)
{
    /* 2016-06-03 (a Friday) is day 16955 */
    static const struct { int label; const char *text, *match, *value, *gran; int used; } cases[] = {
        { NC_DV_DATE, "on Tuesday, Sept. 1st 2015 it", "Tuesday, Sept. 1st 2015", "2015-09-01", "day", 0 },
        { NC_DV_DATE, "on 31 April 2015", "31 April 2015", "", "day", 0 },
        { NC_DV_ISO, "at 2019-03-20T07:57", "2019-03-20", "2019-03-20", "day", 0 },
        { NC_DV_MONTH, "in March last year", "March last year", "2015-03", "month", 1 },
        { NC_DV_MONTH, "in December", "December", "2015-12", "month", 1 },
        { NC_DV_MONTH, "It will open in December", "December", "2016-12", "month", 1 },
        { NC_DV_MONTH, "in August", "August", "2016-08", "month", 1 },
        { NC_DV_DAYMONTH, "on Feb. 29 the", "Feb. 29", "2016-02-29", "day", 1 },
        { NC_DV_WEEKDAY, "said on Tuesday", "Tuesday", "2016-05-31", "day", 1 },
        { NC_DV_WEEKDAY, "talks will be held on Tuesday", "Tuesday", "2016-06-07", "day", 1 },
        { NC_DV_RELATIVE, "almost two years ago", "almost two years ago", "2014", "year", 1 },
        { NC_DV_RELATIVE, "some 3 weeks ago", "some 3 weeks ago", "2016-05-13", "day", 1 },
        { NC_DV_RELATIVE, "a few days ago", "a few days ago", "", "day", 0 },
        { NC_DV_RELATIVE, "two days earlier", "two days earlier", "", "day", 0 },
        { NC_DV_RELATIVE, "99999999 days ago", "99999999 days ago", "", "day", 0 },
        { NC_DV_RELATIVE, "the day before yesterday", "the day before yesterday", "2016-06-01", "day", 1 },
        { NC_DV_RELATIVE, "last weekend", "last weekend", "2016-W21-WE", "weekend", 1 },
        { NC_DV_RELATIVE, "the past year", "the past year", "", "year", 0 },
        { NC_DV_QUARTER, "the last quarter", "the last quarter", "2016-Q1", "quarter", 1 },
        { NC_DV_QUARTER, "Q3 2019", "Q3 2019", "2019-Q3", "quarter", 0 },
        { NC_DV_SEASON, "the summer of 2012", "the summer of 2012", "2012-SU", "season", 0 },
        { NC_DV_DECADE, "in the \xE2\x80\x99" "70s", "\xE2\x80\x99" "70s", "197", "decade", 0 },
        { NC_DV_DECADE, "the sixties", "the sixties", "196", "decade", 0 },
        { NC_DV_CENTURY, "the 20th century", "the 20th century", "19", "century", 0 },
        { NC_DV_DURATION, "within two weeks", "within two weeks", "", "week", 0 },
        { NC_DV_MONTH_CUE, "since May", "May", "2016-05", "month", 1 },
    };
    size_t i;
    nc_date_value v;
    char big[600];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int rc = date_read(cases[i].label, cases[i].text, cases[i].match, 1, 16955, 0, &v);
        ok(rc == NC_OK && strcmp(v.value, cases[i].value) == 0 && strcmp(v.gran, cases[i].gran) == 0 &&
           v.used == cases[i].used, "datevalue: %s", cases[i].text);
    }
    ok(date_read(NC_DV_WEEKDAY, "on Tuesday", "Tuesday", -1, 0, 0, &v) == NC_DV_NEED_ANCHOR &&
       date_read(NC_DV_DATE, "on 3 May 2016", "3 May 2016", -1, 0, 0, &v) == NC_OK,
       "datevalue: asks for the anchor only when the expression needs it%s", "");
    ok(date_read(NC_DV_WEEKDAY, "on Tuesday", "Tuesday", 0, 0, 0, &v) == NC_OK && v.value[0] == 0 &&
       v.kind == NC_DV_RELATIVE_KIND, "datevalue: no anchor, no value (never today's date)%s", "");
    ok(date_read(NC_DV_NUMERIC, "on 3/4/2016", "3/4/2016", 1, 16955, 0, &v) == NC_DV_NEED_ORDER &&
       date_read(NC_DV_NUMERIC, "on 3/4/2016", "3/4/2016", 1, 16955, 'm', &v) == NC_OK &&
       strcmp(v.value, "2016-03-04") == 0 &&
       date_read(NC_DV_NUMERIC, "on 3/4/2016", "3/4/2016", 1, 16955, 'd', &v) == NC_OK &&
       strcmp(v.value, "2016-04-03") == 0 &&
       date_read(NC_DV_NUMERIC, "on 13/4/2016", "13/4/2016", 1, 16955, 0, &v) == NC_OK,
       "datevalue: slashed dates ask for the order only when ambiguous%s", "");
    ok(date_read(NC_DV_MONTH_CUE, "May I ask", "May", 1, 16955, 0, &v) == NC_DV_DROP,
       "datevalue: May with no cue word is no date%s", "");
    memset(big, ' ', sizeof big);
    memcpy(big + 500, "yesterday", 9);
    big[599] = 0;
    {
        nc_date_ctx ctx = { big, 599, 1, 16955, 0 };
        ok(nc_date_read(NC_DV_DURATION, &ctx, 0, 599, &v) == NC_OK &&
           nc_date_read(NC_DV_RELATIVE, &ctx, 0, 0, &v) == NC_OK && v.value[0] == 0 &&
           nc_date_read(NC_DV_RELATIVE, &ctx, 0, 600, &v) == NC_EINVAL &&
           nc_date_read(NC_DV_RELATIVE, &ctx, 10, 9, &v) == NC_EINVAL &&
           nc_date_read(NC_DV_NLABELS, &ctx, 0, 1, &v) == NC_EINVAL && nc_date_read(-1, &ctx, 0, 1, &v) == NC_EINVAL,
           "datevalue: long and empty spans read, bad spans and labels refused%s", "");
    }
}

static void test_claims(void)
{
    /* kinds: 1 deaths, 2 injured, 5 population, 6 territory (as claims.lua numbers them) */
    static const struct { const char *w; unsigned v; } lex[] = {
        { "killed", 1 + 12 * 8 }, { "wounded", 2 + 12 * 8 }, { "dead", 1 + 12 * 8 },
        { "territory", 6 * 128 + 12 * 1024 + NC_CK_PLACE }, { "controls", 6 * 128 + 9 * 1024 },
        { "city", NC_CK_PLACE }, { "them", NC_CK_OF_PART },
    };
    static const struct { const char *text, *fig; int share, kind, part; } cases[] = {
        { "An air strike killed 12 civilians and wounded 30.", "12", 0, 1, 0 },
        { "An air strike killed 12 civilians and wounded 30.", "30", 0, 2, 0 },
        { "The army controls 90% of the territory.", "90%", 1, 6, 0 },
        { "The army controls 90% of the territory.", "90%", 0, 0, 0 },
        { "A city of 23m people.", "23m", 0, 5, 0 },
        { "It is home to 4 million people.", "4 million", 0, 5, 0 },
        { "Syria\xE2\x80\x99s 23 million people", "23 million", 0, 5, 0 },
        { "Fifty fighters were killed, 15 of them foreigners.", "15", 0, 1, 1 },
        { "Shelling killed 31 people, including two medics.", "two", 0, 1, 2 },
        { "Six children were among 19 dead.", "Six", 0, 1, 1 },
        { "The talks lasted 14 days.", "14", 0, 0, 0 },
    };
    nc_wordset ws;
    size_t i;
    nc_wordset_init(&ws);
    for (i = 0; i < sizeof lex / sizeof lex[0]; i++) nc_wordset_add(&ws, lex[i].w, strlen(lex[i].w), lex[i].v);
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text, *f = strstr(t, cases[i].fig);
        size_t a = (size_t)(f - t), b = a + strlen(cases[i].fig), n = strlen(t);
        int part = -1, kind = nc_claim_kind(t, 0, a, b, n, cases[i].share, &ws, 5, &part);
        ok(kind == cases[i].kind && part == cases[i].part, "claims: kind of %s", t);
    }
    {
        int part = -1;
        const char *t = "killed 12 wounded";
        ok(nc_claim_kind(t, 9, 9, 9, 9, 0, &ws, 5, &part) == 0 && part == 0 &&
           nc_claim_kind(t, 0, 7, 9, 9, 0, &ws, 5, &part) == 1,
           "claims: empty windows read nothing, the window's edges bound the words%s", "");
    }
    nc_wordset_free(&ws);
}

static void test_claim_read(void)
{
    static const struct { int label; const char *text; double v, lo, hi; const char *unit, *approx; int bound; } cases[] = {
        { NC_CL_NUMBER, "more than 500,000", 500000, 500000, 500000, NULL, "more than", NC_CL_LOW },
        { NC_CL_NUMBER, "Around  3.5 million", 3500000, 3500000, 3500000, NULL, "around", NC_CL_ABOUT },
        { NC_CL_NUMBER, "23m", 23000000, 23000000, 23000000, NULL, NULL, NC_CL_EXACT },
        { NC_CL_WORDS, "one hundred and fifty", 150, 150, 150, NULL, NULL, NC_CL_EXACT },
        { NC_CL_WORDS, "four million", 4000000, 4000000, 4000000, NULL, NULL, NC_CL_EXACT },
        { NC_CL_PERCENT, "almost 90 per cent", 90, 90, 90, "%", "almost", NC_CL_BELOW },
        { NC_CL_MONEY, "US $ 5 billion", 5e9, 5e9, 5e9, "USD", NULL, NC_CL_EXACT },
        { NC_CL_MONEY, "\xE2\x82\xAC" "20bn", 2e10, 2e10, 2e10, "EUR", NULL, NC_CL_EXACT },
        { NC_CL_FRACTION, "two-thirds", 66.7, 66.7, 66.7, "%", NULL, NC_CL_EXACT },
        { NC_CL_FRACTION, "one in five", 20, 20, 20, "%", NULL, NC_CL_EXACT },
        { NC_CL_VAGUE, "hundreds of thousands", 200000, 200000, 999999, NULL, NULL, NC_CL_EXACT },
        { NC_CL_VAGUE, "several hundred", 300, 300, 900, NULL, NULL, NC_CL_EXACT },
        { NC_CL_RANGE, "between 300 and 400", 300, 300, 400, NULL, NULL, NC_CL_EXACT },
        { NC_CL_RANGE, "2,000\xE2\x80\x93" "3,000", 2000, 2000, 3000, NULL, NULL, NC_CL_EXACT },
        { NC_CL_RANGE, "between 3 million and 4 million", 3e6, 3e6, 4e6, NULL, NULL, NC_CL_EXACT },
        { NC_CL_RANGE, "3 million to 4 million", 3e6, 3e6, 4e6, NULL, NULL, NC_CL_EXACT },
    };
    size_t i;
    nc_claim_value v;
    char big[400];
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *t = cases[i].text;
        int good = nc_claim_read(cases[i].label, t, 0, strlen(t), &v) == NC_OK && v.ok &&
                   v.value == cases[i].v && v.low == cases[i].lo && v.high == cases[i].hi && v.bound == cases[i].bound &&
                   (cases[i].unit ? v.unit && strcmp(v.unit, cases[i].unit) == 0 : !v.unit) &&
                   (cases[i].approx ? v.approx && strcmp(v.approx, cases[i].approx) == 0 : !v.approx);
        ok(good, "claim_read: %s", t);
    }
    ok(nc_claim_read(NC_CL_RANGE, "400-300", 0, 7, &v) == NC_OK && !v.ok &&
       nc_claim_read(NC_CL_FRACTION, "one in 0", 0, 8, &v) == NC_OK && !v.ok &&
       nc_claim_read(NC_CL_NUMBER, "0914", 0, 4, &v) == NC_OK && v.zero_lead &&
       nc_claim_read(NC_CL_NONE, "some 12", 0, 7, &v) == NC_OK && !v.ok && v.bound == NC_CL_ABOUT,
       "claim_read: no value for a falling range or a zero denominator; zero lead; qualifier only%s", "");
    memset(big, ' ', sizeof big);
    memcpy(big + 300, "12", 2);
    ok(nc_claim_read(NC_CL_NUMBER, big, 0, sizeof big, &v) == NC_OK && !v.ok &&
       nc_claim_read(NC_CL_NUMBER, big, 300, 302, &v) == NC_OK && v.ok && v.value == 12 &&
       nc_claim_read(NC_CL_NLABELS, big, 0, 1, &v) == NC_EINVAL && nc_claim_read(NC_CL_NUMBER, big, 5, 4, &v) == NC_EINVAL,
       "claim_read: long spans read, bad labels and spans refused%s", "");
}


/* The figure readers around a match: the qualifier before it, the unit after
 * it, the name word before it, and one document's figures. */
static void test_claims_collect(void)
{
    static const struct { const char *text; const char *qual; } quals[] = {
        { "more than 500", "more than 500" }, { "No  more\n than 5", "No  more\n than 5" },
        { "furthermore than 5", "5" }, { "xsome 5", "5" }, { "\xC3\xA9some 5", "5" },
        { "\xE2\x80\xA2" "Around 5", "Around 5" }, { "(about 5", "about 5" }, { "some5", "5" },
        { "approx. 5", "approx. 5" }, { "an estimated 5", "an estimated 5" }, { "estimated 5", "estimated 5" },
        { "just  over 5", "just  over 5" }, { "over 5", "over 5" }, { "clover 5", "5" }, { "_over 5", "5" },
    };
    static const struct { const char *after; const char *unit; size_t len; } units[] = {
        { " km away", "km", 3 }, { "km.", "km", 2 }, { "-year war", "years", 5 }, { " kmh", NULL, 0 },
        { " km/h", NULL, 0 }, { " square kilometres of", "km2", 18 }, { " square feet", NULL, 0 },
        { " of dollars", "USD", 11 }, { "  of  euros", "EUR", 11 }, { " of years", NULL, 0 }, { " Syrian pounds", "SYP", 14 },
        { " km\xC2\xB2", "km2", 5 }, { " miles", "mi", 6 }, { " mile", "mi", 5 }, { "(km)", NULL, 0 }, { "", NULL, 0 },
        { " U.S. dollars", NULL, 0 }, { "  km", NULL, 0 },
    };
    static const struct { const char *before; int name; } names[] = {
        { "Resolution ", 1 }, { "UN resolution ", 1 }, { "No. ", 1 }, { "NO.\t", 1 }, { "flight #", 1 }, { "room", 1 },
        { "zone ", 1 }, { "act ", 1 }, { "district ", 1 }, { "division ", 1 }, { "killed ", 0 }, { "", 0 },
        { "xno ", 0 }, { "Noah ", 0 }, { "a very long word before it is resolution ", 1 },
    };
    size_t i, len;
    char buf[128];
    nc_wordset lex;
    nc_claims out = { NULL, 0, 0 };
    for (i = 0; i < sizeof quals / sizeof quals[0]; i++) {
        const char *t = quals[i].text;
        size_t n = strlen(t), a = n - 1, q;
        while (a > 0 && t[a - 1] >= '0' && t[a - 1] <= '9') a--;
        q = nc_claim_qualifier(t, 0, a);
        ok(strcmp(t + q, quals[i].qual) == 0, "claims: qualifier of %s", t);
    }
    ok(nc_claim_qualifier("more than 5", 2, 10) == 10 && nc_claim_qualifier("at least 5", 0, 0) == 0 &&
       nc_claim_qualifier("  5", 0, 2) == 2 && nc_claim_qualifier("e  5", 1, 3) == 3,
       "claims: no qualifier starts before lo, nor in blanks alone%s", "");
    for (i = 0; i < sizeof units / sizeof units[0]; i++) {
        const char *u;
        snprintf(buf, sizeof buf, "5%s", units[i].after);
        u = nc_claim_unit_after(buf, strlen(buf), 1, &len);
        ok(units[i].unit ? u && strcmp(u, units[i].unit) == 0 && len == units[i].len : !u && len == 0,
           "claims: unit after \"%s\"", buf);
    }
    memset(buf, ' ', 60);
    memcpy(buf, "5", 1);
    memcpy(buf + 41, "km", 2);
    ok(!nc_claim_unit_after(buf, 60, 1, &len), "claims: a unit is read within the 40 bytes after the figure%s", "");
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        snprintf(buf, sizeof buf, "%s12", names[i].before);
        ok(nc_claim_name_before(buf, strlen(names[i].before)) == names[i].name, "claims: name before in %s", buf);
    }
    /* one document: "more than 2000" (a year rule's match) is a figure; "in 2015" stays a year; the
     * qualifier stops at the match before; a name and a zero-led number are dropped */
    {
        const char *t = "In 2015 more than 2000 tankers and at least 30 died; Resolution 2254 and 0914.";
        nc_claim_in in[6];
        size_t k;
        memset(in, 0, sizeof in);
        in[0].start = 3; in[0].end = 7; in[0].code = NC_CL_YEAR;                 /* 2015 */
        in[1].start = 18; in[1].end = 22; in[1].code = NC_CL_YEAR;               /* 2000 */
        in[2].start = 44; in[2].end = 46; in[2].code = NC_CL_NUMBER;             /* 30 */
        in[3].start = 64; in[3].end = 68; in[3].code = NC_CL_NUMBER;             /* 2254 */
        in[4].start = 73; in[4].end = 77; in[4].code = NC_CL_NUMBER;             /* 0914 */
        nc_wordset_init(&lex);
        nc_wordset_add(&lex, "died", 4, 1 + 12 * 8);                             /* deaths, score 12 */
        ok(nc_claims_collect(t, strlen(t), in, 5, NULL, 0, &lex, 5, -1, &out) == NC_OK && out.n == 2 &&
           out.v[0].start == 8 && out.v[0].stop == 22 && out.v[0].label == NC_CL_NUMBER && out.v[0].high == HUGE_VAL &&
           strcmp(out.v[0].approx, "more than") == 0 && out.v[1].start == 35 && out.v[1].kind == NC_CK_DEATHS &&
           out.v[1].index == 2,
           "claims: a year after a qualifier is a figure, names and zero leads are dropped%s", "");
        k = out.n;
        in[1].start = 17;                                                           /* " 2000": out of order */
        in[0].end = 30;
        ok(nc_claims_collect(t, strlen(t), in, 5, NULL, 0, &lex, 5, NC_CK_DEATHS, &out) == NC_OK && out.n == 1 &&
           out.v[0].start == 35 && k == 2 && nc_claims_collect(t, 5, in, 5, NULL, 0, &lex, 5, -1, &out) == NC_EINVAL,
           "claims: a kind wanted; a match past the text refused%s", "");
        nc_wordset_free(&lex);
        nc_claims_free(&out);
    }
}

/* ---- quote attribution (nc_quotes) ---------------------------------------- */

typedef struct qfix {
    nc_qdoc d;
    nc_qcue cues[16];
    nc_qent ents[16];
    nc_qspan sents[8], paras[4];
    nc_qmark quotes[8];
} qfix;

/* A document of one paragraph: cues at "said"/"told"/"according to", the given
 * names as people, sentences ending at ". ", straight double quotes paired. */
static nc_wordset qws;

static void qwords_init(void)
{
    static const char *const brk[] = { "that", "in", "and", "on", "at", "to", "by", "was", NULL };
    static const char *const time[] = { "on", "in", "at", "the", "a", "statement", "tuesday", NULL };
    size_t k;
    nc_wordset_init(&qws);
    for (k = 0; brk[k]; k++) nc_wordset_add(&qws, brk[k], strlen(brk[k]), NC_QW_BREAK);
    for (k = 0; time[k]; k++) nc_wordset_add(&qws, time[k], strlen(time[k]), NC_QW_TIME);
    nc_wordset_add(&qws, "he", 2, NC_QW_PRONOUN | NC_QW_BREAK);
    nc_wordset_add(&qws, "the", 3, NC_QW_DETERMINER);
    nc_wordset_add(&qws, "also", 4, NC_QW_ADVERB);
}

static void qfix_init(qfix *f, const char *text, const char *const *names)
{
    long n = (long)strlen(text), i, s0 = 1;
    size_t k;
    memset(f, 0, sizeof *f);
    f->d.t = (const unsigned char *)text;
    f->d.n = n;
    f->d.ws = &qws;
    for (i = 0; i < n && f->d.ncues < 16; i++) {
        static const char *const cue[] = { "said", "told", "according to" };
        static const int label[] = { NC_QL_SAY, NC_QL_SAY, NC_QL_ACCORDING };
        for (k = 0; k < 3; k++)
            if (strncmp(text + i, cue[k], strlen(cue[k])) == 0) {
                nc_qcue *c = &f->cues[f->d.ncues++];
                c->a = i + 1;
                c->b = i + (long)strlen(cue[k]);
                c->label = label[k];
            }
    }
    f->d.cues = f->cues;
    for (k = 0; names && names[k] && k < 16; k++) {
        const char *p = strstr(text, names[k]);
        if (!p) continue;
        f->ents[f->d.nents].start = (long)(p - text) + 1;
        f->ents[f->d.nents].stop = (long)(p - text) + (long)strlen(names[k]);
        f->ents[f->d.nents++].kind = NC_QE_PERSON;
    }
    f->d.ents = f->ents;
    for (i = 0; i < n && f->d.nsents < 8; i++)
        if (text[i] == '.' && (i + 1 == n || text[i + 1] == ' ')) {
            f->sents[f->d.nsents].a = s0;
            f->sents[f->d.nsents++].b = i + 1;
            s0 = i + 3;
        }
    if (s0 <= n && f->d.nsents < 8) { f->sents[f->d.nsents].a = s0; f->sents[f->d.nsents++].b = n; }
    f->d.sents = f->sents;
    f->paras[0].a = 1;
    f->paras[0].b = n;
    f->d.paras = f->paras;
    f->d.nparas = 1;
    for (i = 0; i < n && f->d.nquotes < 8; i++)
        if (text[i] == '"') {
            const char *e = strchr(text + i + 1, '"');
            nc_qmark *q = &f->quotes[f->d.nquotes++];
            q->open = i + 1;
            q->a = i + 2;
            q->para = 1;
            if (e) {
                q->close = (long)(e - text) + 1;
                q->b = q->close - 1;
                while (q->b > q->a && (text[q->b - 1] == ',' || text[q->b - 1] == ' ')) q->b--;
                i = q->close - 1;
            } else {
                q->b = n;
                i = n;
            }
        }
    f->d.quotes = f->quotes;
}

static char *qspan(const qfix *f, long a, long b, char *buf)
{
    if (a < 1 || b < a || b > f->d.n) { strcpy(buf, "-"); return buf; }
    memcpy(buf, f->d.t + a - 1, (size_t)(b - a + 1));
    buf[b - a + 1] = 0;
    return buf;
}

static void test_quotes(void)
{
    static const char *const putin[] = { "Putin", "Vladimir Putin", NULL };
    qfix f;
    nc_qattr at;
    nc_qreport r;
    char buf[256];
    size_t i;
    qwords_init();

    qfix_init(&f, "\"We will win this war,\" Putin said.", putin);
    nc_quote_attribute(&f.d, 1, &at);
    ok(!at.partial && strcmp(qspan(&f, at.sp.a, at.sp.b, buf), "Putin") == 0 && at.sp.how == NC_QH_WORD &&
       at.sp.cue == 1, "\"…,\" Putin said: speaker %s", buf);

    qfix_init(&f, "\"We will win,\" said Vladimir Putin.", putin);
    nc_quote_attribute(&f.d, 1, &at);
    ok(strcmp(qspan(&f, at.sp.a, at.sp.b, buf), "Vladimir Putin") == 0, "inverted said Putin: %s", buf);

    qfix_init(&f, "Russian President Vladimir Putin also said: \"We will win this war.\"", putin);
    nc_quote_attribute(&f.d, 1, &at);
    ok(strcmp(qspan(&f, at.sp.a, at.sp.b, buf), "Russian President Vladimir Putin") == 0,
       "speaker before the quote, over an adverb: %s", buf);

    qfix_init(&f, "The minister described the sanctions as \"anti-human\" on Tuesday.", NULL);
    nc_quote_attribute(&f.d, 1, &at);
    ok(at.partial && at.words == 1 && !at.sp.a, "a fragment is partial (one word: anti-human), no cue attributes it%s", "");

    qfix_init(&f, "The United States said the strike killed many people in the town.", NULL);
    ok(nc_quote_reported(&f.d, 1, f.sents[0].a, f.sents[0].b, &r) &&
       strcmp(qspan(&f, r.start, r.stop, buf), "the strike killed many people in the town") == 0,
       "reported clause: %s", buf);
    ok(strcmp(qspan(&f, r.sp.a, r.sp.b, buf), "The United States") == 0, "reported speaker: %s", buf);

    qfix_init(&f, "The strike killed many people in the town, the agency said on Tuesday.", NULL);
    ok(nc_quote_reported(&f.d, 1, f.sents[0].a, f.sents[0].b, &r) &&
       strcmp(qspan(&f, r.start, r.stop, buf), "The strike killed many people in the town") == 0 &&
       strcmp(qspan(&f, r.sp.a, r.sp.b, buf + 128), "the agency") == 0, "clause, SPEAKER said on Tuesday: %s", buf);

    qfix_init(&f, "More than 50 people were killed, according to the Syrian Observatory.", NULL);
    ok(nc_quote_reported(&f.d, 1, f.sents[0].a, f.sents[0].b, &r) && r.sp.how == NC_QH_ACCORDING &&
       strcmp(qspan(&f, r.sp.a, r.sp.b, buf), "the Syrian Observatory") == 0, "according to: %s", buf);

    qfix_init(&f, "It was said that the war is over.", NULL);
    ok(!nc_quote_reported(&f.d, 1, f.sents[0].a, f.sents[0].b, &r), "passive \"was said\" reports nothing%s", "");

    {
        static const char *const t1 = "Osama Said went. The so-said thing. He said it. AND Said.";
        const unsigned char *u = (const unsigned char *)t1;
        long n = (long)strlen(t1);
        ok(!nc_quote_cue_ok(u, n, (long)(strstr(t1, "Said") - t1) + 1) &&
           !nc_quote_cue_ok(u, n, (long)(strstr(t1, "said") - t1) + 1) &&
           nc_quote_cue_ok(u, n, (long)(strstr(t1, "He said") - t1) + 4) &&
           !nc_quote_cue_ok(u, n, (long)(strstr(t1, "AND Said") - t1) + 5) && !nc_quote_cue_ok(u, n, n + 1),
           "cues: not a capitalised word after a name, not after a hyphen%s", "");
    }
    {
        nc_qitems it = { NULL, 0, 0 };
        qfix_init(&f, "\"We will win this war,\" Putin said the strike killed many people in the town. "
                      "The agency said the strike killed many people in the town.", putin);
        ok(nc_quote_items(&f.d, 1, &it) == NC_OK && it.n == 3 && it.v[0].kind == NC_QI_QUOTE &&
           it.v[1].kind == NC_QI_REPORTED && it.v[1].taken && it.v[2].kind == NC_QI_REPORTED && !it.v[2].taken,
           "items: the quote, a clause whose speaker the quote took, a clause%s", "");
        ok(it.n == 3 && strcmp(qspan(&f, it.v[2].sp.a, it.v[2].sp.b, buf), "The agency") == 0 &&
           it.v[2].cue_a == (long)(strstr(f.d.t ? (const char *)f.d.t : "", "agency said") - (const char *)f.d.t) + 8,
           "items: the speaker and the cue of the clause: %s", buf);
        nc_qitems_free(&it);
        ok(nc_quote_items(&f.d, 0, &it) == NC_OK && it.n == 1, "items without reported speech: the quote alone%s", "");
        nc_qitems_free(&it);
    }
    {
        /* paragraphs: lines, or blank-line blocks in hard-wrapped text */
        static const char *const t2 = "One line.\n  Two \nThree";
        static const char *const w = "a short line\nwrapped on\n\nnext one\n";
        nc_qspans ps = { NULL, 0, 0 };
        ok(nc_quote_paragraphs((const unsigned char *)t2, (long)strlen(t2), &ps) == NC_OK && ps.n == 3 &&
           ps.v[0].a == 1 && ps.v[0].b == 9 && ps.v[1].a == 13 && ps.v[1].b == 15 && ps.v[2].a == 18,
           "paragraphs: one per line, blanks trimmed%s", "");
        ok(nc_quote_paragraphs((const unsigned char *)w, (long)strlen(w), &ps) == NC_OK && ps.n == 2 &&
           ps.v[0].b == 23 && ps.v[1].a == 26, "paragraphs of hard-wrapped text end at a blank line%s", "");
        free(ps.v);
    }
    {
        /* pairing: curly and straight marks, an apostrophe, a quote carried over a
         * paragraph, an unclosed one ending with its paragraph */
        static const char *const t3 = "He said \xE2\x80\x9CWe won,\xE2\x80\x9D and Russia's \"allies\" agreed.\n"
                                      "\"It runs on\n\"and on.\"\n\"Never closed\nEnd.";
        nc_qspans ps = { NULL, 0, 0 };
        nc_qmarks qm = { NULL, 0, 0 };
        long n3 = (long)strlen(t3);
        int good = nc_quote_paragraphs((const unsigned char *)t3, n3, &ps) == NC_OK &&
                   nc_quote_pair((const unsigned char *)t3, n3, ps.v, ps.n, &qm) == NC_OK && qm.n == 4;
        char b1[64], b2[64], b3[64], b4[64];
        qfix_init(&f, t3, NULL);
        ok(good && strcmp(qspan(&f, qm.v[0].a, qm.v[0].b, b1), "We won") == 0 &&
           strcmp(qspan(&f, qm.v[1].a, qm.v[1].b, b2), "allies") == 0 && qm.v[0].closed && qm.v[1].closed,
           "pairs curly and straight marks, not the apostrophe: %s", b1);
        ok(good && strcmp(qspan(&f, qm.v[2].a, qm.v[2].b, b3), "It runs on\n\"and on.") == 0 && qm.v[2].para == 2 &&
           qm.v[2].closed, "a quote runs on into a paragraph that opens with a mark: %s", b3);
        ok(good && strcmp(qspan(&f, qm.v[3].a, qm.v[3].b, b4), "Never closed") == 0 && !qm.v[3].closed &&
           qm.v[3].close == 0, "an unclosed quote ends with its paragraph: %s", b4);
        free(ps.v);
        free(qm.v);
    }
    /* odd inputs: a cue and an open quote at the very end, marks only, NUL bytes */
    {
        static const char *const odd[] = { "said", "\"", "\" said", "x said \"", "\"\"said\"\"",
                                           "Putin said", "He told \"", "according to" };
        int fine = 1;
        for (i = 0; i < sizeof odd / sizeof odd[0]; i++) {
            size_t k;
            qfix_init(&f, odd[i], putin);
            for (k = 1; k <= f.d.nquotes; k++) {
                nc_quote_attribute(&f.d, k, &at);
                if (at.sp.a && (at.sp.a < 1 || at.sp.b < at.sp.a || at.sp.b > f.d.n)) fine = 0;
            }
            for (k = 1; k <= f.d.ncues; k++)
                if (nc_quote_reported(&f.d, k, 1, f.d.n, &r) &&
                    (r.start < 1 || r.stop < r.start || r.stop > f.d.n)) fine = 0;
        }
        ok(fine, "odd inputs give spans inside the text or none%s", "");
    }
    nc_wordset_free(&qws);
}

/* ---- role phrases (nc_roles) ------------------------------------------------ */

/* A document for nc_roles: the mentions are the spans of `spans` ("start stop
 * kind id", 1-based; kind P person, L place), ids and names of places as given. */
typedef struct rfix {
    nc_roles r;
    uint32_t pack[3 * 16];
    nc_rstr str[3 * 16];
} rfix;

static void rfix_init(rfix *f, const char *text, const nc_wordset *ws, const long *sp, const char *const *ids,
                      size_t n)
{
    size_t i;
    memset(f, 0, sizeof *f);
    for (i = 0; i < n; i++) {
        f->pack[3 * i] = (uint32_t)sp[2 * i];
        f->pack[3 * i + 1] = (uint32_t)sp[2 * i + 1];
        f->pack[3 * i + 2] = ids[i] ? NC_QE_PLACE : NC_QE_PERSON;
        if (ids[i]) {
            f->str[3 * i].p = ids[i];
            f->str[3 * i].n = strlen(ids[i]);
            f->str[3 * i + 1].p = ids[i];
            f->str[3 * i + 1].n = strlen(ids[i]);
        }
    }
    f->r.t = (const unsigned char *)text;
    f->r.n = strlen(text);
    f->r.pack = f->pack;
    f->r.nents = n;
    f->r.ws = ws;
    f->r.str = f->str;
}

static void test_roles(void)
{
    /*                  1         2         3         4         5         6         7         8         9
     *         123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890 */
    const char *t = "The president Sylvanian word. Freedonian President Zorvan Keltish spoke. Sylvanian President "
                    "Ilsa Varo spoke.";
    static const long sp[] = { 15, 23, 31, 40, 52, 65, 74, 82, 94, 102 };
    static const char *const ids[] = { "place:s", "place:f", NULL, "place:s", NULL };
    static const char *const role[] = { "president", "minister" };
    nc_wordset ws;
    rfix f;
    long k = -2, k2 = -2;
    size_t i;
    nc_wordset_init(&ws);
    for (i = 0; i < 2; i++) nc_wordset_add(&ws, role[i], strlen(role[i]), NC_QW_ROLE);
    nc_wordset_add(&ws, "president", 9, NC_QW_LEADER);
    rfix_init(&f, t, &ws, sp, ids, 5);
    /* "The president Sylv": the place runs past the phrase, so it is not the
     * phrase's: the first president after it (Keltish), not Sylvania's (Varo) */
    ok(nc_roles_phrase(&f.r, 1, 18, 1, 1, &k) == NC_OK && k == 2, "a place that ends after the phrase is not in it%s", "");
    ok(nc_roles_phrase(&f.r, 1, 23, 1, 1, &k) == NC_OK && k == 4, "a place in the phrase: its president%s", "");
    ok(nc_roles_phrase(&f.r, 1, 23, 1, 1, &k2) == NC_OK && k2 == k, "the same the second time (kept)%s", "");
    ok(nc_roles_phrase(&f.r, 1, 23, 1, 0, &k) == NC_OK && k == 2, "without place, the places are not read%s", "");
    ok(nc_roles_phrase(&f.r, 1, 23, 2, 1, &k) == NC_OK && k == 2, "places from `first` on%s", "");
    ok(nc_roles_phrase(&f.r, 1, 23, 0, 1, &k) == NC_OK && k == 2, "first 0: no place%s", "");
    ok(nc_roles_phrase(&f.r, 1, 3, 1, 1, &k) == NC_OK && k == -1, "no role word: no one%s", "");
    ok(nc_roles_phrase(&f.r, 80, 1000, 1, 1, &k) == NC_OK && k == -1, "a phrase past the end is read to the end: two places, no one holds both%s", "");
    nc_roles_free(&f.r);
    nc_roles_free(&f.r);                    /* twice is fine */
    /* no mentions at all */
    rfix_init(&f, t, &ws, sp, ids, 0);
    ok(nc_roles_phrase(&f.r, 1, 23, 1, 1, &k) == NC_OK && k == -1, "no mentions: no one%s", "");
    nc_roles_free(&f.r);
    nc_wordset_free(&ws);
}

int main(void)
{
    static const char *const abbr[] = { "mr", "dr", "gen", "st" };
    static const char *const num[] = { "no", "sept", "jan" };
    static const char *const other[] = { "inc", "etc", "jr" };
    static const char *const start[] = { "The", "They", "Then", "He", "She", "It", "Prices", "OK" };
    nc_wordset ws;
    size_t i;
    char word[32];
    nc_wordset_init(&ws);
    for (i = 0; i < 4; i++) nc_wordset_add(&ws, abbr[i], strlen(abbr[i]), NC_ABBR_TITLE);
    for (i = 0; i < 3; i++) nc_wordset_add(&ws, num[i], strlen(num[i]), NC_ABBR_NUMBER);
    for (i = 0; i < 3; i++) nc_wordset_add(&ws, other[i], strlen(other[i]), NC_ABBR_OTHER);
    for (i = 0; i < 8; i++) nc_wordset_add(&ws, start[i], strlen(start[i]), NC_STARTER);
    for (i = 0; i < 1000; i++) {            /* force growth */
        sprintf(word, "filler%lu", (unsigned long)i);
        nc_wordset_add(&ws, word, strlen(word), 128);
    }
    test_utf8();
    test_norm();
    test_tokens();
    test_sentences(&ws);
    test_split_text(&ws);
    test_wordset(&ws);
    test_rules();
    test_rules_alone();
    test_rules_dispatch();
    test_rules_next_byte();
    test_rules_words();
    test_gazetteer();
    test_tsv();
    test_entities();
    test_words();
    test_tally();
    test_json();
    test_datevalue();
    test_claims();
    test_claim_read();
    test_claims_collect();
    test_quotes();
    test_roles();
    test_big(&ws);
    nc_wordset_free(&ws);
    nc_wordset_free(&ws);
    printf("1..%d\n", ntest);
    return nfail ? 1 : 0;
}
