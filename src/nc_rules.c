#define PCRE2_CODE_UNIT_WIDTH 8
#include "nc_rules.h"
#include "nc_wordset.h"
#include <pcre2.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

/* next-byte masks (see next_of): for words that can start NEXT_MIN rules or
 * more, per byte 0x21 + j (j < NEXT_N) after one space */
#define NEXT_MIN 3
#define NEXT_FIRST 0x21
#define NEXT_N 94

/* bits of the trigger prefix filter: 26 x 26 first two letters x 27 (a third letter, or none) */
#define PRE_BYTES ((26 * 26 * 27 + 7) / 8)

struct nc_rules {
    size_t n;                    /* number of patterns */
    pcre2_code **code;           /* n compiled patterns; owned */
    pcre2_match_context *mctx;   /* limits; read-only after creation; owned */
    uint32_t max_pairs;          /* largest ovector any pattern needs */
    unsigned char *jit;          /* jit[i]: pattern i was JIT-compiled; owned */
    unsigned char *merged;       /* merged[i]: line rule i is matched through `lines`; owned */
    pcre2_code *lines;           /* the merged line rules, one alternative each, or NULL */
    int lines_jit;
    int scan;                    /* a scan set: text order, no overlaps */
    pcre2_code *scanned;         /* a scan set's merged rules, or NULL */
    int scanned_jit;
    /* a scan set's triggered scan tries the rules one by one, each anchored,
     * and only those that can start with the word or byte at hand */
    pcre2_code **anch;           /* anch[i]: rule i compiled anchored, NULL if that failed; owned */
    unsigned char *anch_jit;     /* anch_jit[i]: anch[i] was JIT-compiled; owned */
    size_t words;                /* uint64_t words in one rule mask: (n + 63) / 64 */
    uint64_t *byte_rules;        /* 256 masks: the rules a match can start with byte b at; owned */
    unsigned char byte_any[256]; /* byte_any[b]: some rule can start with byte b */
    nc_wordset disp;             /* trigger and lead words -> 1 + their entry in word_rules */
    uint64_t *always;            /* the rules a word cannot rule out (they look behind): a mask */
    uint64_t *word_rules;        /* per entry, 3 masks: the rules that can start with the
                                  * word lower-cased, Capitalised, UPPER-CASED; owned */
    size_t nword, capword;       /* entries in word_rules, and room for */
    /* A word that can start several rules, followed by one space and a
     * printable ASCII byte: the rules that can start with the word, that space
     * and that byte (the same partial test with two bytes more), often few
     * ("the same day": none of the 14 rules "the" can start). */
    uint32_t *next_of;           /* next_of[entry * 3 + casing]: 1 + its block in next_rules, 0 none; owned */
    uint64_t *next_rules;        /* blocks of NEXT_N masks, one per byte 0x21 + j; owned */
    size_t nnext, capnext;       /* blocks in next_rules, and room for */
    unsigned char *entry_trig;   /* entry_trig[v - 1]: entry v of disp is a trigger word; owned */
    int disp_all;                /* disp holds every trigger and lead word (no entry left out) */
    uint8_t cand_pre[PRE_BYTES]; /* bit pre_bit(w): some trigger or lead word has w's first letters */
    uint32_t *group;             /* group[i]: capture group wrapping merged scan rule i, 0 if none */
    nc_wordset trig;             /* trigger words (see nc_rules_triggers); empty: none */
    nc_wordset lead;             /* words a match may start with before its trigger; empty: any */
    int trig_digits;             /* a word starting with a digit is a trigger */
    size_t trig_back;            /* bytes before a trigger where a match may start */
    uint8_t trig_pre[PRE_BYTES];  /* bit pre_bit(w): some trigger word has w's first letters (caseless) */
    /* At a digit, the rules that can start with it merged into one anchored
     * alternation, tried in one call (a JIT call costs more than failing
     * most of them inside one): per distinct mask of two or more rules that
     * all can be merged. */
    char **src;                  /* src[i]: scan rule i's pattern, src_len[i] bytes; owned */
    size_t *src_len;
    unsigned char *src_ci;       /* src_ci[i]: rule i is caseless; owned */
    uint64_t *can_merge;         /* the rules mergeable() takes, compiled anchored: a mask; owned */
    pcre2_code *mc[10];          /* nmc merged codes (one per distinct digit mask); owned */
    unsigned char mc_jit[10];    /* mc_jit[k]: mc[k] was JIT-compiled */
    size_t nmc;
    int mc_done;                 /* the digits' masks were merged */
    uint32_t byte_mc[256];       /* 1 + the merged code of byte_rules[b], 0 none */
};

void nc_rules_free(nc_rules *r)
{
    size_t i;
    if (!r) return;
    for (i = 0; i < r->n; i++) pcre2_code_free(r->code[i]);
    free(r->code);
    free(r->jit);
    free(r->merged);
    free(r->group);
    pcre2_code_free(r->lines);
    pcre2_code_free(r->scanned);
    for (i = 0; r->anch && i < r->n; i++) pcre2_code_free(r->anch[i]);
    free(r->anch);
    free(r->anch_jit);
    free(r->byte_rules);
    free(r->always);
    free(r->word_rules);
    free(r->entry_trig);
    free(r->next_of);
    free(r->next_rules);
    for (i = 0; r->src && i < r->n; i++) free(r->src[i]);
    free(r->src);
    free(r->src_len);
    free(r->src_ci);
    free(r->can_merge);
    for (i = 0; i < r->nmc; i++) pcre2_code_free(r->mc[i]);
    nc_wordset_free(&r->disp);
    nc_wordset_free(&r->trig);
    nc_wordset_free(&r->lead);
    pcre2_match_context_free(r->mctx);
    free(r);
}

size_t nc_rules_count(const nc_rules *r) { return r ? r->n : 0; }

/* Fill *err for pattern i failing with PCRE2 code rc at offset off. */
static void set_error(nc_rule_error *err, size_t i, int rc, size_t off)
{
    if (!err) return;
    err->rule = i;
    err->offset = off;
    if (pcre2_get_error_message(rc, (PCRE2_UCHAR *)err->msg, sizeof err->msg) < 0)
        strcpy(err->msg, "invalid pattern");
}

/* True when pattern p can stand as one alternative of a bigger pattern: no
 * numbered or named references, groups or verbs whose meaning would shift. */
static int mergeable(const char *p, size_t len)
{
    size_t i;
    for (i = 0; i + 1 < len; i++) {
        if (p[i] == '\\' && (p[i + 1] == 'g' || p[i + 1] == 'k' || (p[i + 1] >= '1' && p[i + 1] <= '9')))
            return 0;
        if (p[i] == '\\') { i++; continue; }
        if (p[i] == '(' && p[i + 1] == '*') return 0;                       /* verbs */
        if (p[i] == '(' && p[i + 1] == '?') {
            size_t j = i + 2;
            if (j < len && (p[j] == ':' || p[j] == '=' || p[j] == '!' || p[j] == '>')) continue;
            if (j + 1 < len && p[j] == '<' && (p[j + 1] == '=' || p[j + 1] == '!')) continue;   /* lookbehind */
            /* option settings: (?i) (?-i:...) (?x) */
            while (j < len && (p[j] == '-' || p[j] == '^' || p[j] == 'i' || p[j] == 'm' || p[j] == 'n' ||
                               p[j] == 's' || p[j] == 'x' || p[j] == 'J' || p[j] == 'U')) j++;
            if (j > i + 2 && j < len && (p[j] == ':' || p[j] == ')')) continue;
            return 0;                          /* (?P (?<name> (?| (?R (?1 (?( (?C ... */
        }
    }
    return 1;
}

/* The bytes a match of compiled pattern `code` can start with, into map (256
 * bits): PCRE2's first-code-unit bitmap, or its one first code unit with the
 * ASCII other case and every byte >= 0x80 (a caseless fold may lead there);
 * every byte when PCRE2 cannot tell. Always a superset. */
static void first_bytes(const pcre2_code *code, uint8_t *map)
{
    const uint8_t *bm = NULL;
    uint32_t type = 0, unit = 0;
    memset(map, 0, 32);
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTBITMAP, &bm) == 0 && bm) {
        memcpy(map, bm, 32);
        return;
    }
    if (pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODETYPE, &type) == 0 && type == 1 &&
        pcre2_pattern_info(code, PCRE2_INFO_FIRSTCODEUNIT, &unit) == 0 && unit < 0x80) {
        map[unit >> 3] |= (uint8_t)(1u << (unit & 7));
        if ((unit | 0x20) >= 'a' && (unit | 0x20) <= 'z') map[(unit ^ 0x20) >> 3] |= (uint8_t)(1u << (unit & 7));
        memset(map + 16, 0xFF, 16);
        return;
    }
    memset(map, 0xFF, 32);
}

/* Line rules anchor at line starts: one pass over the text per rule costs
 * more than one pass trying them all at each line start. Merge the mergeable
 * line rules into ^(?:(*MARK:i)(?:p_i)|...)[ \t]*$ (each with its own case
 * option); alternatives are tried in rule order, so the first rule that
 * matches a line is the one reported, and no match is lost that the rule
 * set's users can see (a line rule matches a whole line, once).
 * A scan set's mergeable rules become (?:((?:p_0))|((?i:p_1))|...): at each
 * position the first rule that matches there, which is a scan set's meaning;
 * the group that took part names the rule. (Groups, not (*MARK) as for lines:
 * a verb keeps PCRE2 from working out the bytes a match can start with, and
 * that bitmap is most of a scan's speed.)
 * `want` selects the rules (NC_RULE_LINE or NC_RULE_SCAN); the code goes to
 * *code. Returns NC_OK (also when nothing is merged) or NC_ENOMEM. */
static int merge(nc_rules *r, size_t n, const char *const *pats, const size_t *lens,
                 const unsigned *flags, pcre2_compile_context *cctx, unsigned want,
                 pcre2_code **code, int *jit)
{
    size_t i, len = 0, count = 0, o;
    char *p;
    int rc;
    uint32_t pairs, group = 1;
    PCRE2_SIZE eoff;
    const char *head = want == NC_RULE_LINE ? "^(?:" : "(?:";
    const char *tail = want == NC_RULE_LINE ? ")[ \t]*$" : ")";
    size_t hl = strlen(head), tl = strlen(tail);
    if (!flags) return NC_OK;
    for (i = 0; i < n; i++)
        if ((flags[i] & want) && mergeable(pats[i], lens[i])) {
            len += lens[i] + 32;
            count++;
        }
    if (count < 2) return NC_OK;
    p = malloc(len + hl + tl + 1);
    if (!p) return NC_ENOMEM;
    if (want == NC_RULE_SCAN && !(r->group = calloc(n, sizeof *r->group))) { free(p); return NC_ENOMEM; }
    memcpy(p, head, hl);
    o = hl;
    for (i = 0; i < n; i++) {
        if (!((flags[i] & want) && mergeable(pats[i], lens[i]))) continue;
        if (want == NC_RULE_SCAN) {
            uint32_t caps = 0;
            r->group[i] = group;
            pcre2_pattern_info(r->code[i], PCRE2_INFO_CAPTURECOUNT, &caps);
            group += 1 + caps;
            o += (size_t)sprintf(p + o, "%s((?%s:", o > hl ? "|" : "", (flags[i] & NC_RULE_CASELESS) ? "i" : "");
        } else {
            o += (size_t)sprintf(p + o, "%s(*MARK:%lu)(?%s:", o > hl ? "|" : "", (unsigned long)i,
                                 (flags[i] & NC_RULE_CASELESS) ? "i" : "");
        }
        memcpy(p + o, pats[i], lens[i]);
        o += lens[i];
        p[o++] = ')';
        if (want == NC_RULE_SCAN) p[o++] = ')';
    }
    memcpy(p + o, tail, tl);
    o += tl;
    *code = pcre2_compile((PCRE2_SPTR)p, o,
                          PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE,
                          &rc, &eoff, cctx);
    free(p);
    if (!*code) return rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_NOMEMORY ? NC_ENOMEM : NC_OK;
    *jit = pcre2_jit_compile(*code, PCRE2_JIT_COMPLETE) == 0;
    if (pcre2_pattern_info(*code, PCRE2_INFO_CAPTURECOUNT, &pairs) == 0 && pairs + 1 > r->max_pairs)
        r->max_pairs = pairs + 1;
    for (i = 0; i < n; i++)
        if ((flags[i] & want) && mergeable(pats[i], lens[i])) r->merged[i] = 1;
    return NC_OK;
}

/* Whether pattern p may look at what comes before the point where it is
 * tried in a way a test on a word alone cannot stand for (word_masks): a
 * lookbehind, \B, or a verb or alpha assertion "(*". A superset. */
static int looks_behind(const char *p, size_t len)
{
    size_t i;
    for (i = 0; i + 1 < len; i++) {
        if (p[i] == '\\') {
            if (p[i + 1] == 'B') return 1;
            i++;
            continue;
        }
        if (p[i] == '(' && p[i + 1] == '*') return 1;
        if (p[i] == '(' && p[i + 1] == '?' && i + 3 < len && p[i + 2] == '<' && (p[i + 3] == '=' || p[i + 3] == '!'))
            return 1;
    }
    return 0;
}

/* A scan set's rules one by one for the triggered scan: each compiled
 * anchored (JIT code takes no PCRE2_ANCHORED at match time), and per byte the
 * rules a match can start with there (first_bytes). A rule that fails to
 * compile anchored is tried through pcre2_match with PCRE2_ANCHORED.
 * NC_OK or NC_ENOMEM. */
static int prepare_scan(nc_rules *r, const char *const *pats, const size_t *lens, const unsigned *flags,
                        pcre2_compile_context *cctx)
{
    size_t i, b;
    r->words = (r->n + 63) / 64;
    r->disp_all = 1;
    r->anch = calloc(r->n, sizeof *r->anch);
    r->anch_jit = calloc(r->n, 1);
    r->byte_rules = calloc(256 * r->words, sizeof *r->byte_rules);
    r->always = calloc(r->words, sizeof *r->always);
    r->src = calloc(r->n, sizeof *r->src);
    r->src_len = calloc(r->n, sizeof *r->src_len);
    r->src_ci = calloc(r->n, 1);
    r->can_merge = calloc(r->words, sizeof *r->can_merge);
    if (!r->anch || !r->anch_jit || !r->byte_rules || !r->always || !r->src || !r->src_len || !r->src_ci ||
        !r->can_merge)
        return NC_ENOMEM;
    for (i = 0; i < r->n; i++) {
        uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE | PCRE2_ANCHORED;
        uint8_t map[32];
        int rc;
        PCRE2_SIZE eoff;
        if (flags[i] & NC_RULE_CASELESS) opts |= PCRE2_CASELESS;
        r->anch[i] = pcre2_compile((PCRE2_SPTR)pats[i], lens[i], opts, &rc, &eoff, cctx);
        if (r->anch[i]) r->anch_jit[i] = pcre2_jit_compile(r->anch[i], PCRE2_JIT_COMPLETE | PCRE2_JIT_PARTIAL_HARD) == 0;
        if (looks_behind(pats[i], lens[i])) r->always[i / 64] |= (uint64_t)1 << (i % 64);
        if (r->anch[i] && mergeable(pats[i], lens[i])) {
            if (!(r->src[i] = malloc(lens[i] ? lens[i] : 1))) return NC_ENOMEM;
            memcpy(r->src[i], pats[i], lens[i]);
            r->src_len[i] = lens[i];
            r->src_ci[i] = (flags[i] & NC_RULE_CASELESS) != 0;
            r->can_merge[i / 64] |= (uint64_t)1 << (i % 64);
        }
        first_bytes(r->code[i], map);
        for (b = 0; b < 256; b++)
            if (map[b >> 3] & (1u << (b & 7))) {
                r->byte_rules[b * r->words + i / 64] |= (uint64_t)1 << (i % 64);
                r->byte_any[b] = 1;
            }
    }
    return NC_OK;
}

int nc_rules_new(nc_rules **out, size_t n, const char *const *pats, const size_t *lens,
                 const unsigned *flags, nc_rule_error *err)
{
    static const char pre[] = "^(?:", post[] = ")[ \\t]*$";
    pcre2_compile_context *cctx;
    nc_rules *r;
    size_t i;

    *out = NULL;
    r = calloc(1, sizeof *r);
    if (!r) return NC_ENOMEM;
    r->code = calloc(n ? n : 1, sizeof *r->code);
    r->jit = calloc(n ? n : 1, 1);
    r->merged = calloc(n ? n : 1, 1);
    r->mctx = pcre2_match_context_create(NULL);
    cctx = pcre2_compile_context_create(NULL);
    if (!r->code || !r->jit || !r->merged || !r->mctx || !cctx) {
        pcre2_compile_context_free(cctx);
        nc_rules_free(r);
        return NC_ENOMEM;
    }
    pcre2_set_newline(cctx, PCRE2_NEWLINE_ANYCRLF);
    for (i = 0; flags && i < n; i++) {
        /* a scan set is all scan rules, and none reads whole lines */
        if ((flags[i] & NC_RULE_SCAN) != (flags[0] & NC_RULE_SCAN) ||
            ((flags[i] & NC_RULE_SCAN) && (flags[i] & NC_RULE_LINE))) {
            if (err) {
                err->rule = i;
                err->offset = 0;
                strcpy(err->msg, (flags[i] & NC_RULE_LINE) ? "a scan rule cannot be a line rule"
                                                           : "scan and other rules in one set");
            }
            pcre2_compile_context_free(cctx);
            nc_rules_free(r);
            return NC_EINVAL;
        }
    }
    r->scan = n > 0 && flags && (flags[0] & NC_RULE_SCAN);
    pcre2_set_match_limit(r->mctx, NC_RULES_MATCH_LIMIT);
    pcre2_set_depth_limit(r->mctx, NC_RULES_DEPTH_LIMIT);
    pcre2_set_heap_limit(r->mctx, NC_RULES_HEAP_LIMIT);

    for (i = 0; i < n; i++) {
        uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE;
        const char *p = pats[i];
        size_t len = lens[i], shift = 0;
        char *wrapped = NULL;
        int rc;
        PCRE2_SIZE eoff;
        uint32_t pairs;

        if (flags && (flags[i] & NC_RULE_CASELESS)) opts |= PCRE2_CASELESS;
        if (flags && (flags[i] & NC_RULE_LINE)) {
            wrapped = malloc(len + sizeof pre + sizeof post);
            if (!wrapped) { pcre2_compile_context_free(cctx); nc_rules_free(r); return NC_ENOMEM; }
            memcpy(wrapped, pre, sizeof pre - 1);
            memcpy(wrapped + sizeof pre - 1, p, len);
            memcpy(wrapped + sizeof pre - 1 + len, post, sizeof post - 1);
            p = wrapped;
            shift = sizeof pre - 1;
            len += sizeof pre - 1 + sizeof post - 1;
        }
        r->code[i] = pcre2_compile((PCRE2_SPTR)p, len, opts, &rc, &eoff, cctx);
        free(wrapped);
        if (!r->code[i]) {
            size_t off = eoff > shift ? eoff - shift : 0;
            if (off > lens[i]) off = lens[i];
            set_error(err, i, rc, off);
            r->n = i;
            pcre2_compile_context_free(cctx);
            nc_rules_free(r);
            return NC_EINVAL;
        }
        r->n = i + 1;
        /* the interpreter when JIT is not available */
        r->jit[i] = pcre2_jit_compile(r->code[i], PCRE2_JIT_COMPLETE) == 0;
        if (pcre2_pattern_info(r->code[i], PCRE2_INFO_CAPTURECOUNT, &pairs) == 0 &&
            pairs + 1 > r->max_pairs)
            r->max_pairs = pairs + 1;
    }
    if (merge(r, n, pats, lens, flags, cctx, r->scan ? NC_RULE_SCAN : NC_RULE_LINE,
              r->scan ? &r->scanned : &r->lines, r->scan ? &r->scanned_jit : &r->lines_jit) != NC_OK ||
        (r->scan && prepare_scan(r, pats, lens, flags, cctx) != NC_OK)) {
        pcre2_compile_context_free(cctx);
        nc_rules_free(r);
        return NC_ENOMEM;
    }
    pcre2_compile_context_free(cctx);
    *out = r;
    return NC_OK;
}

/* The rule of a match of merged code: the scan rule whose group took part,
 * or the line rule its (*MARK) names. */
static size_t which_rule(const nc_rules *r, pcre2_match_data *md)
{
    if (r->group) {
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        uint32_t pairs = pcre2_get_ovector_count(md);
        size_t i;
        for (i = 0; i < r->n; i++)
            if (r->group[i] && r->group[i] < pairs && ov[2 * r->group[i]] != PCRE2_UNSET) return i;
        return 0;
    } else {
        PCRE2_SPTR mark = pcre2_get_mark(md);
        return mark ? (size_t)strtoul((const char *)mark, NULL, 10) : 0;
    }
}

static int push(nc_matches *m, size_t rule, size_t a, size_t b)
{
    if (m->n == m->cap) {
        nc_match *p = nc_grow(m->v, &m->cap, sizeof *p, 16);
        if (!p) return NC_ENOMEM;
        m->v = p;
    }
    m->v[m->n].rule = (uint32_t)rule;
    m->v[m->n].start = (uint32_t)a;
    m->v[m->n].end = (uint32_t)b;
    m->n++;
    return NC_OK;
}

/* The first non-empty match of code in s at or after `from` (empty matches
 * are stepped over, as match_all does) into *a, *b and its rule *k (rule, or
 * the merged rule that took part when rule is SIZE_MAX): 1, or 0 when there
 * is none or a limit stopped the search (counted in out->limited). */
static int next_match(const nc_rules *r, pcre2_code *code, int jit, size_t rule, const char *s, size_t n,
                      size_t from, pcre2_match_data *md, size_t *a, size_t *b, size_t *k, nc_matches *out)
{
    size_t off = from;
    while (off <= n) {
        int rc = jit ? pcre2_jit_match(code, (PCRE2_SPTR)s, n, off, 0, md, r->mctx)
                     : pcre2_match(code, (PCRE2_SPTR)s, n, off, 0, md, r->mctx);
        PCRE2_SIZE *ov;
        if (rc == PCRE2_ERROR_NOMATCH) return 0;
        if (rc < 0) { out->limited++; return 0; }
        ov = pcre2_get_ovector_pointer(md);
        if (ov[1] > ov[0] && ov[1] > off) {
            *a = ov[0];
            *b = ov[1];
            *k = rule == (size_t)-1 ? which_rule(r, md) : rule;
            return 1;
        }
        off = (ov[1] > off ? ov[1] : off) + 1;
        while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80) off++;
    }
    return 0;
}

/* Every match of code in s from 0, pushed under rule `rule`, or (rule ==
 * SIZE_MAX) under the rule its (*MARK) or group names. Returns NC_OK or NC_ENOMEM. */
static int match_all(const nc_rules *r, pcre2_code *code, int jit, size_t rule, const char *s,
                     size_t n, pcre2_match_data *md, nc_matches *out)
{
    size_t a, b = 0, k;
    while (next_match(r, code, jit, rule, s, n, b, md, &a, &b, &k, out))
        if (push(out, k, a, b) != NC_OK) return NC_ENOMEM;
    return NC_OK;
}

static int by_rule_then_start(const void *a, const void *b)
{
    const nc_match *x = a, *y = b;
    if (x->rule != y->rule) return x->rule < y->rule ? -1 : 1;
    return x->start < y->start ? -1 : x->start > y->start;
}

/* Per byte: 0 not a word byte, 1 a word byte (an ASCII letter or digit, or any
 * byte of a multi-byte character), 2 a word byte that may open a separator
 * (sep_len: 0xC2, 0xE2). */
static const unsigned char SCAN_CLASS[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1, ['I'] = 1,
    ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
    ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
    ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
    ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
    [0x80] = 1, [0x81] = 1, [0x82] = 1, [0x83] = 1, [0x84] = 1, [0x85] = 1, [0x86] = 1, [0x87] = 1,
    [0x88] = 1, [0x89] = 1, [0x8A] = 1, [0x8B] = 1, [0x8C] = 1, [0x8D] = 1, [0x8E] = 1, [0x8F] = 1,
    [0x90] = 1, [0x91] = 1, [0x92] = 1, [0x93] = 1, [0x94] = 1, [0x95] = 1, [0x96] = 1, [0x97] = 1,
    [0x98] = 1, [0x99] = 1, [0x9A] = 1, [0x9B] = 1, [0x9C] = 1, [0x9D] = 1, [0x9E] = 1, [0x9F] = 1,
    [0xA0] = 1, [0xA1] = 1, [0xA2] = 1, [0xA3] = 1, [0xA4] = 1, [0xA5] = 1, [0xA6] = 1, [0xA7] = 1,
    [0xA8] = 1, [0xA9] = 1, [0xAA] = 1, [0xAB] = 1, [0xAC] = 1, [0xAD] = 1, [0xAE] = 1, [0xAF] = 1,
    [0xB0] = 1, [0xB1] = 1, [0xB2] = 1, [0xB3] = 1, [0xB4] = 1, [0xB5] = 1, [0xB6] = 1, [0xB7] = 1,
    [0xB8] = 1, [0xB9] = 1, [0xBA] = 1, [0xBB] = 1, [0xBC] = 1, [0xBD] = 1, [0xBE] = 1, [0xBF] = 1,
    [0xC0] = 1, [0xC1] = 1, [0xC2] = 2, [0xC3] = 1, [0xC4] = 1, [0xC5] = 1, [0xC6] = 1, [0xC7] = 1,
    [0xC8] = 1, [0xC9] = 1, [0xCA] = 1, [0xCB] = 1, [0xCC] = 1, [0xCD] = 1, [0xCE] = 1, [0xCF] = 1,
    [0xD0] = 1, [0xD1] = 1, [0xD2] = 1, [0xD3] = 1, [0xD4] = 1, [0xD5] = 1, [0xD6] = 1, [0xD7] = 1,
    [0xD8] = 1, [0xD9] = 1, [0xDA] = 1, [0xDB] = 1, [0xDC] = 1, [0xDD] = 1, [0xDE] = 1, [0xDF] = 1,
    [0xE0] = 1, [0xE1] = 1, [0xE2] = 2, [0xE3] = 1, [0xE4] = 1, [0xE5] = 1, [0xE6] = 1, [0xE7] = 1,
    [0xE8] = 1, [0xE9] = 1, [0xEA] = 1, [0xEB] = 1, [0xEC] = 1, [0xED] = 1, [0xEE] = 1, [0xEF] = 1,
    [0xF0] = 1, [0xF1] = 1, [0xF2] = 1, [0xF3] = 1, [0xF4] = 1, [0xF5] = 1, [0xF6] = 1, [0xF7] = 1,
    [0xF8] = 1, [0xF9] = 1, [0xFA] = 1, [0xFB] = 1, [0xFC] = 1, [0xFD] = 1, [0xFE] = 1, [0xFF] = 1
};

static int word_byte(unsigned char c) { return SCAN_CLASS[c] != 0; }

/* Length of a separator character at s[p] that UTF-8 spells with bytes
 * word_byte() takes for letters: no-break space, « », and U+2000-U+203F
 * (spaces, dashes, curly quotes, ellipsis); 0 for anything else. A trigger
 * word glued to one ("met" after a no-break space, “Putin) is still a word. */
static size_t sep_len(const unsigned char *s, size_t p, size_t n)
{
    if (s[p] == 0xC2 && p + 1 < n && (s[p + 1] == 0xA0 || s[p + 1] == 0xAB || s[p + 1] == 0xBB)) return 2;
    if (s[p] == 0xE2 && p + 2 < n && s[p + 1] == 0x80 && (s[p + 2] & 0xC0) == 0x80) return 3;
    return 0;
}


/* Whether the character ending right before s[c] is a separator (sep_len). */
static int sep_before(const unsigned char *s, size_t c)
{
    if (c >= 2 && s[c - 2] == 0xC2 && (s[c - 1] == 0xA0 || s[c - 1] == 0xAB || s[c - 1] == 0xBB)) return 1;
    return c >= 3 && s[c - 3] == 0xE2 && s[c - 2] == 0x80 && (s[c - 1] & 0xC0) == 0x80;
}

/* Add the words of `words` (split at non-word bytes) to ws. */
static int add_words(nc_wordset *ws, const char *words, size_t n)
{
    size_t p = 0;
    while (p < n) {
        size_t e;
        while (p < n && !word_byte((unsigned char)words[p])) p++;
        e = p;
        while (e < n && word_byte((unsigned char)words[e])) e++;
        if (e > p && nc_wordset_add(ws, words + p, e - p, 1) == NC_ENOMEM) return NC_ENOMEM;
        p = e;
    }
    return NC_OK;
}

/* The casing of word w: 0 no upper-case ASCII letter, 2 no lower-case one
 * (and some upper-case one), 1 an upper-case first byte and no other
 * upper-case letter, -1 anything else ("tHe"). */
static int casing(const unsigned char *w, size_t len)
{
    size_t i;
    int up = 0, low = 0, later_up = 0;
    for (i = 0; i < len; i++) {
        if (w[i] >= 'A' && w[i] <= 'Z') { up = 1; if (i > 0) later_up = 1; }
        else if (w[i] >= 'a' && w[i] <= 'z') low = 1;
    }
    if (!up) return 0;
    if (!low) return 2;
    return later_up ? -1 : 1;
}

/* Add word w of a trigger or lead list to the dispatch table: for its three
 * casings (lower-cased, Capitalised, UPPER-CASED), the rules that can match
 * from a point where the text starts with that casing. A rule can when, tried
 * anchored on the word alone with PCRE2_PARTIAL_HARD, it matches or runs into
 * the word's end (the text goes on past it); rules that look behind
 * (looks_behind) always can. Rules are only tried whose first bytes hold the
 * casing's first byte. A word already there, or past the table's room, is
 * left out (the scan then goes by its first byte). NC_OK or NC_ENOMEM. */
/* The index of the lowest set bit of x (x != 0). */
static unsigned low_bit(uint64_t x)
{
#if defined(__GNUC__)
    return (unsigned)__builtin_ctzll(x);
#else
    unsigned i = 0;
    while (!(x & 1)) { x >>= 1; i++; }
    return i;
#endif
}

/* Whether rule i, tried anchored on the len bytes of v with PCRE2_PARTIAL_HARD,
 * matches or runs into their end (or stops at a limit): then a text starting
 * with those bytes may hold a match of it there. */
static int may_start(const nc_rules *r, size_t i, const char *v, size_t len, pcre2_match_data *md)
{
    int rc = r->anch[i] ? pcre2_match(r->anch[i], (PCRE2_SPTR)v, len, 0, PCRE2_PARTIAL_HARD, md, r->mctx)
                        : pcre2_match(r->code[i], (PCRE2_SPTR)v, len, 0, PCRE2_PARTIAL_HARD | PCRE2_ANCHORED, md,
                                      r->mctx);
    return rc != PCRE2_ERROR_NOMATCH;
}

/* The number of rules in a mask. */
static size_t mask_count(const nc_rules *r, const uint64_t *m)
{
    size_t wi, c = 0;
    uint64_t b;
    for (wi = 0; wi < r->words; wi++)
        for (b = m[wi]; b; b &= b - 1) c++;
    return c;
}

/* The block of next-byte masks of the word v (len bytes, as the text holds
 * it) whose rules are m: for each printable ASCII byte x, the rules of m that
 * may start with v, one space and x (rules that look behind stay in all).
 * Returns 1 + the block, 0 when m holds fewer than NEXT_MIN rules, or -1 (no
 * memory). */
static long next_block(nc_rules *r, const char *v, size_t len, const uint64_t *m, pcre2_match_data *md)
{
    char probe[NC_WORD_MAX + 2];
    uint64_t *blk;
    size_t j, wi;
    if (mask_count(r, m) < NEXT_MIN) return 0;
    if (r->nnext == r->capnext) {
        size_t cap = r->capnext ? 2 * r->capnext : 16;
        uint64_t *p = realloc(r->next_rules, cap * NEXT_N * r->words * sizeof *p);
        if (!p) return -1;
        r->next_rules = p;
        r->capnext = cap;
    }
    blk = r->next_rules + r->nnext * NEXT_N * r->words;
    memcpy(probe, v, len);
    probe[len] = ' ';
    for (j = 0; j < NEXT_N; j++, blk += r->words) {
        probe[len + 1] = (char)(NEXT_FIRST + j);
        for (wi = 0; wi < r->words; wi++) {
            uint64_t b, keep = m[wi] & r->always[wi];
            for (b = m[wi] & ~r->always[wi]; b; b &= b - 1) {
                size_t i = wi * 64 + low_bit(b);
                if (may_start(r, i, probe, len + 2, md)) keep |= (uint64_t)1 << (i % 64);
            }
            blk[wi] = keep;
        }
    }
    return (long)++r->nnext;
}

static int word_masks(nc_rules *r, const char *w, size_t len, int trig, pcre2_match_data *md)
{
    char v[NC_WORD_MAX];
    size_t k, i, j;
    uint64_t *m;
    unsigned have;
    long blk;
    if (len > NC_WORD_MAX) return NC_OK;          /* never found in any word set */
    if ((have = nc_wordset_get(&r->disp, w, len)) != 0) {
        if (trig) r->entry_trig[have - 1] = 1;
        return NC_OK;
    }
    if (r->nword >= 65535) { r->disp_all = 0; return NC_OK; }
    if (r->nword == r->capword) {
        size_t cap = r->capword ? 2 * r->capword : 64;
        uint64_t *p = realloc(r->word_rules, cap * 3 * r->words * sizeof *p);
        unsigned char *t;
        uint32_t *q;
        if (!p) return NC_ENOMEM;
        r->word_rules = p;
        if (!(t = realloc(r->entry_trig, cap))) return NC_ENOMEM;
        r->entry_trig = t;
        if (!(q = realloc(r->next_of, cap * 3 * sizeof *q))) return NC_ENOMEM;
        r->next_of = q;
        r->capword = cap;
    }
    r->entry_trig[r->nword] = (unsigned char)(trig != 0);
    m = r->word_rules + r->nword * 3 * r->words;
    memset(m, 0, 3 * r->words * sizeof *m);
    for (k = 0; k < 3; k++, m += r->words) {
        const uint64_t *bm;
        for (j = 0; j < len; j++) {
            unsigned char c = (unsigned char)w[j];
            int up = k == 2 || (k == 1 && j == 0);
            if (c >= 'a' && c <= 'z' && up) c = (unsigned char)(c - 32);
            else if (c >= 'A' && c <= 'Z' && !up) c = (unsigned char)(c + 32);
            v[j] = (char)c;
        }
        bm = r->byte_rules + (size_t)(unsigned char)v[0] * r->words;
        for (i = 0; i < r->n; i++) {
            uint64_t bit = (uint64_t)1 << (i % 64);
            if (!(bm[i / 64] & bit)) continue;
            if (r->always[i / 64] & bit) { m[i / 64] |= bit; continue; }
            if (may_start(r, i, v, len, md)) m[i / 64] |= bit;
        }
        blk = next_block(r, v, len, m, md);
        if (blk < 0) return NC_ENOMEM;
        r->next_of[r->nword * 3 + k] = (uint32_t)blk;
    }
    if (nc_wordset_add(&r->disp, w, len, (unsigned)(r->nword + 1)) != NC_OK) return NC_ENOMEM;
    r->nword++;
    return NC_OK;
}

/* word_masks for every word of `words` (split as add_words does), trigger
 * words or not. */
static int add_masks(nc_rules *r, const char *words, size_t n, int trig)
{
    size_t p = 0;
    int status = NC_OK;
    pcre2_match_data *md = pcre2_match_data_create(r->max_pairs ? r->max_pairs : 1, NULL);
    if (!md) return NC_ENOMEM;
    while (p < n && status == NC_OK) {
        size_t e;
        while (p < n && !word_byte((unsigned char)words[p])) p++;
        e = p;
        while (e < n && word_byte((unsigned char)words[e])) e++;
        if (e > p) status = word_masks(r, words + p, e - p, trig, md);
        p = e;
    }
    pcre2_match_data_free(md);
    return status;
}

/* Per byte: its letter's index 0..25 (either case), 32 for any other byte. */
static const unsigned char LETTER[256] = {
#define L32 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, \
            32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32, 32
#define AZ 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25
    L32, L32,
    32, AZ, 32, 32, 32, 32, 32,        /* 0x40 @, A-Z, [ \\ ] ^ _ */
    32, AZ, 32, 32, 32, 32, 32,        /* 0x60 `, a-z, { | } ~ DEL */
    L32, L32, L32, L32
#undef L32
#undef AZ
};

/* The bit of a word's first three letters (caseless a-z), or of its two
 * letters when it has two, or -1 when the word is shorter or one of those
 * bytes is not an ASCII letter. A word the trigger set holds has the bit of
 * that trigger (the set compares ASCII letters caselessly, other bytes as
 * they are), so a word whose bit is >= 0 and not set is no trigger. */
static inline int pre_bit(const unsigned char *w, size_t len)
{
    unsigned a, b, c;
    if (len < 2) return -1;
    a = LETTER[w[0]];
    b = LETTER[w[1]];
    c = len > 2 ? LETTER[w[2]] : 26;
    if ((a | b | c) & 32) return -1;
    return (int)((a * 26 + b) * 27 + c);
}

/* Set in pre the bit pre_bit of every word of `words` (split as add_words does). */
static void set_pre(uint8_t *pre, const char *words, size_t n)
{
    size_t p = 0;
    while (p < n) {
        size_t e;
        int bit;
        while (p < n && !word_byte((unsigned char)words[p])) p++;
        e = p;
        while (e < n && word_byte((unsigned char)words[e])) e++;
        if (e > p && (bit = pre_bit((const unsigned char *)words + p, e - p)) >= 0)
            pre[bit >> 3] |= (uint8_t)(1u << (bit & 7));
        p = e;
    }
}

/* Whether w holds a byte >= 0x80: a word a caseless rule may read as a lead
 * word the word sets cannot find ("\xE2\x84\xAAelvin", KELVIN SIGN K). */
static int has_high(const unsigned char *w, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        if (w[i] >= 0x80) return 1;
    return 0;
}

/* 1 + the merged code of `mask` (made now), or 0 when the mask has fewer
 * than two rules, one that cannot be merged, or the merged pattern does not
 * compile (the rules are then tried one by one). The pattern is
 * (?:(*MARK:i)(?:p_i)|(*MARK:j)(?i:p_j)|...), anchored: its alternatives are
 * tried in rule order, so it matches what the first rule to match would, and
 * the mark names that rule. NC_ENOMEM in *status. */
static uint32_t mask_code(nc_rules *r, const uint64_t *mask, pcre2_compile_context *cctx, int *status)
{
    size_t wi, i, len = 4, count = 0, o = 3;
    char *p;
    int rc;
    PCRE2_SIZE eoff;
    pcre2_code *code;
    uint64_t b;
    for (wi = 0; wi < r->words; wi++) {
        if (mask[wi] & ~r->can_merge[wi]) return 0;
        for (b = mask[wi]; b; b &= b - 1) {
            len += r->src_len[wi * 64 + low_bit(b)] + 32;
            count++;
        }
    }
    if (count < 2 || r->nmc == sizeof r->mc / sizeof *r->mc) return 0;
    if (!(p = malloc(len))) { *status = NC_ENOMEM; return 0; }
    memcpy(p, "(?:", 3);
    for (wi = 0; wi < r->words; wi++)
        for (b = mask[wi]; b; b &= b - 1) {
            i = wi * 64 + low_bit(b);
            o += (size_t)sprintf(p + o, "%s(*MARK:%lu)(?%s:", o > 3 ? "|" : "", (unsigned long)i,
                                 r->src_ci[i] ? "i" : "");
            memcpy(p + o, r->src[i], r->src_len[i]);
            o += r->src_len[i];
            p[o++] = ')';
        }
    p[o++] = ')';
    code = pcre2_compile((PCRE2_SPTR)p, o,
                         PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE | PCRE2_ANCHORED,
                         &rc, &eoff, cctx);
    free(p);
    if (!code) {
        if (rc == PCRE2_ERROR_HEAPLIMIT || rc == PCRE2_ERROR_NOMEMORY) *status = NC_ENOMEM;
        return 0;
    }
    r->mc[r->nmc] = code;
    r->mc_jit[r->nmc] = pcre2_jit_compile(code, PCRE2_JIT_COMPLETE) == 0;
    return (uint32_t)++r->nmc;
}

/* The merged codes of the digits' byte masks (digits with the same mask share
 * one). Only there: a number starts many rules and most fail at once; at a
 * word the rules it can start often share a long prefix ("more than", "at
 * least"), and merged they cost more than one by one (measured on the claims
 * rules). */
static int merge_masks(nc_rules *r)
{
    int status = NC_OK;
    unsigned b, d;
    pcre2_compile_context *cctx;
    if (r->mc_done) return NC_OK;
    if (!(cctx = pcre2_compile_context_create(NULL))) return NC_ENOMEM;
    pcre2_set_newline(cctx, PCRE2_NEWLINE_ANYCRLF);
    for (b = '0'; b <= '9' && status == NC_OK; b++) {
        const uint64_t *m = r->byte_rules + b * r->words;
        if (!r->byte_any[b]) continue;
        for (d = '0'; d < b && memcmp(r->byte_rules + d * r->words, m, r->words * sizeof *m) != 0; d++) {}
        r->byte_mc[b] = d < b ? r->byte_mc[d] : mask_code(r, m, cctx, &status);
    }
    pcre2_compile_context_free(cctx);
    r->mc_done = status == NC_OK;
    return status;
}

int nc_rules_triggers(nc_rules *r, const char *words, size_t n, int digits, size_t back)
{
    if (!r || !r->scan || (!words && n)) return NC_EINVAL;
    if (add_words(&r->trig, words, n) != NC_OK || add_masks(r, words, n, 1) != NC_OK || merge_masks(r) != NC_OK)
        return NC_ENOMEM;
    /* the prefix filters: most words are passed over without a lookup */
    set_pre(r->trig_pre, words, n);
    set_pre(r->cand_pre, words, n);
    r->trig_digits = digits != 0;
    r->trig_back = back;
    return NC_OK;
}

int nc_rules_leads(nc_rules *r, const char *words, size_t n)
{
    if (!r || !r->scan || (!words && n)) return NC_EINVAL;
    if (add_words(&r->lead, words, n) != NC_OK || add_masks(r, words, n, 0) != NC_OK || merge_masks(r) != NC_OK)
        return NC_ENOMEM;
    set_pre(r->cand_pre, words, n);
    return NC_OK;
}

/* A digit in the first four bytes of a word: "2015", and "€20bn", "£1m", whose
 * currency sign is a word byte (>= 0x80) here. */
static int digit_near(const unsigned char *w, size_t len)
{
    size_t i;
    for (i = 0; i < len && i < 4; i++)
        if (w[i] >= '0' && w[i] <= '9') return 1;
    return 0;
}

/* Try the rules at s[c], each anchored, in rule order, and push the first
 * match (rule order is a scan set's meaning at one point). The rules tried
 * are those the word s[c..e) can start (word_masks; v its entry in disp, 0
 * none, (unsigned)-1 not looked up yet), or when it is not in the
 * table, has a casing of its own, or follows a '_' (which \b reads as a word
 * character), those that can start with the byte s[c]. A rule that stops at a
 * limit counts in out->limited and the next is tried; an empty match ends the
 * tries at c with nothing. Returns 1 (pushed), 0 (none) or -1 (no memory). */
static int try_at(const nc_rules *r, const unsigned char *s, size_t n, size_t c, size_t e, unsigned v,
                  pcre2_match_data *md, nc_matches *out)
{
    const uint64_t *mask = r->byte_rules + (size_t)s[c] * r->words;
    uint32_t mc = r->byte_mc[s[c]];
    size_t wi;
    if (v == (unsigned)-1)
        v = e > c && e - c <= NC_WORD_MAX && r->nword ? nc_wordset_get(&r->disp, (const char *)s + c, e - c) : 0;
    if (v && (c == 0 || s[c - 1] != '_')) {
        int k = casing(s + c, e - c);
        if (k >= 0) {
            size_t ek = (size_t)(v - 1) * 3 + (size_t)k;
            uint32_t blk = r->next_of[ek];
            unsigned x;
            mask = r->word_rules + ek * r->words;
            if (blk && e + 1 < n && s[e] == ' ' && (x = (unsigned)s[e + 1] - NEXT_FIRST) < NEXT_N)
                mask = r->next_rules + ((size_t)(blk - 1) * NEXT_N + x) * r->words;
            mc = 0;
        }
    }
    if (mc) {
        /* one call; at a limit, the rules one by one (they count it) */
        pcre2_code *code = r->mc[mc - 1];
        int rc = r->mc_jit[mc - 1] ? pcre2_jit_match(code, s, n, c, 0, md, r->mctx)
                                   : pcre2_match(code, s, n, c, 0, md, r->mctx);
        if (rc == PCRE2_ERROR_NOMATCH) return 0;
        if (rc >= 0) {
            PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            PCRE2_SPTR mark = pcre2_get_mark(md);
            if (ov[1] <= ov[0]) return 0;
            return push(out, mark ? (size_t)strtoul((const char *)mark, NULL, 10) : 0, ov[0], ov[1]) == NC_OK ? 1 : -1;
        }
    }
    for (wi = 0; wi < r->words; wi++) {
        uint64_t bits = mask[wi];
        while (bits) {
            size_t i = wi * 64;
            int rc;
            PCRE2_SIZE *ov;
            i += low_bit(bits);
            bits &= bits - 1;
            rc = r->anch_jit[i] ? pcre2_jit_match(r->anch[i], s, n, c, 0, md, r->mctx)
                 : r->anch[i]   ? pcre2_match(r->anch[i], s, n, c, 0, md, r->mctx)
                                : pcre2_match(r->code[i], s, n, c, PCRE2_ANCHORED, md, r->mctx);
            if (rc == PCRE2_ERROR_NOMATCH) continue;
            if (rc < 0) { out->limited++; continue; }
            ov = pcre2_get_ovector_pointer(md);
            if (ov[1] <= ov[0]) return 0;
            return push(out, i, ov[0], ov[1]) == NC_OK ? 1 : -1;
        }
    }
    return 0;
}

#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && \
    defined(__GNUC__)
#define WORD_SWAR 1
/* Bit 7 of each byte of w (bytes in memory order) that no word goes on
 * through: an ASCII byte other than a letter or digit, or 0xC2 or 0xE2 (the
 * first byte of a separator, sep_len, or of a letter: the caller looks). */
static inline uint64_t stop_bytes(uint64_t w)
{
    const uint64_t H = 0x8080808080808080u, L7 = 0x7F7F7F7F7F7F7F7Fu, ONES = 0x0101010101010101u;
    uint64_t t = w & L7, l = t | 0x20 * ONES, y = (w ^ 0xC2 * ONES) & 0xDF * ONES;
    uint64_t digit = (t + 0x50 * ONES) & ~(t + 0x46 * ONES);       /* 0x30 <= t <= 0x39 */
    uint64_t alpha = (l + 0x1F * ONES) & ~(l + 0x05 * ONES);       /* 0x61 <= (t | 0x20) <= 0x7A */
    uint64_t sep = ~(((y & L7) + L7) | y);                          /* y == 0: 0xC2 or 0xE2 */
    return (~(digit | alpha | w) | sep) & H;
}
#endif

/* The end of the word going on at s[p]: the first byte from p on that is
 * no word byte or starts a separator (sep_len), or n. */
static size_t word_end(const unsigned char *s, size_t p, size_t n)
{
#ifdef WORD_SWAR
    while (p + 8 <= n) {
        uint64_t w, st;
        memcpy(&w, s + p, 8);
        if ((st = stop_bytes(w)) == 0) { p += 8; continue; }
        p += (size_t)__builtin_ctzll(st) >> 3;
        if (SCAN_CLASS[s[p]] == 0 || sep_len(s, p, n)) return p;
        p++;                           /* 0xC2 or 0xE2 of a letter */
    }
#endif
    while (p < n) {
        unsigned cl = SCAN_CLASS[s[p]];
        if (cl == 0 || (cl == 2 && sep_len(s, p, n))) break;
        p++;
    }
    return p;
}

/* Whether s[i] is a byte of a word of the scan: a word byte (word_byte) that
 * is no byte of a separator (sep_len). */
static int in_word(const unsigned char *s, size_t n, size_t i)
{
    if (!word_byte(s[i]) || sep_len(s, i, n)) return 0;
    if (i >= 1 && sep_len(s, i - 1, n) >= 2) return 0;
    return !(i >= 2 && sep_len(s, i - 2, n) == 3);
}

/* Bit i set when s[base + i] starts a word of the scan (i < 64, base + i <
 * n): the words are the maximal runs of bytes in_word() takes, which is what
 * the byte-wise walk of scan_triggered finds from any point outside a word. */
static uint64_t word_starts(const unsigned char *s, size_t n, size_t base)
{
    uint64_t raw = 0, opener = 0, cover = 0, w, m;
    size_t i, len = n - base < 64 ? n - base : 64, k;
#ifdef WORD_SWAR
    if (len == 64) {
        const uint64_t H = 0x8080808080808080u, L7 = 0x7F7F7F7F7F7F7F7Fu, ONES = 0x0101010101010101u,
                       PACK = 0x0102040810204080u;   /* bit 7 of byte j to bit 56 + j */
        for (i = 0; i < 64; i += 8) {
            uint64_t x, t, l, y;
            memcpy(&x, s + base + i, 8);
            t = x & L7;
            l = t | 0x20 * ONES;
            y = (x ^ 0xC2 * ONES) & 0xDF * ONES;
            t = ((t + 0x50 * ONES) & ~(t + 0x46 * ONES)) | ((l + 0x1F * ONES) & ~(l + 0x05 * ONES)) | x;
            raw |= ((((t & H) >> 7) * PACK) >> 56) << i;                     /* digit, letter or >= 0x80 */
            opener |= (((~(((y & L7) + L7) | y) & H) >> 7) * PACK >> 56) << i; /* 0xC2 or 0xE2 */
        }
    } else
#endif
    for (i = 0; i < len; i++) {
        unsigned cl = SCAN_CLASS[s[base + i]];
        raw |= (uint64_t)(cl != 0) << i;
        opener |= (uint64_t)(cl >> 1) << i;
    }
    for (m = opener; m; m &= m - 1) {
        i = low_bit(m);
        if ((k = sep_len(s, base + i, n)) != 0) cover |= (((uint64_t)1 << k) - 1) << i;
    }
    /* a separator that opens in the block before and ends in this one */
    if (base >= 1 && (k = sep_len(s, base - 1, n)) >= 2) cover |= k == 3 ? 3 : 1;
    if (base >= 2 && sep_len(s, base - 2, n) == 3) cover |= 1;
    w = raw & ~cover;
    return w & ~((w << 1) | (uint64_t)(base >= 1 && in_word(s, n, base - 1)));
}

/* Whether the word starting at s[ws] can be passed over without a lookup:
 * what the test in scan_triggered on pre_bit and digit_near decides, read
 * from the word's first four bytes alone (its end is not looked for). */
static int passed_over(const nc_rules *r, const unsigned char *s, size_t n, size_t ws)
{
    unsigned a, b, c;
    int bit;
    if (ws + 1 >= n) return 0;                 /* one byte: no prefix bit */
    a = LETTER[s[ws]];
    b = LETTER[s[ws + 1]];
    if ((a | b) & 32) return 0;                /* two letters, so a word of two or more */
    if (ws + 2 >= n) {
        c = 26;
    } else if ((c = LETTER[s[ws + 2]]) & 32) {
        if (word_byte(s[ws + 2]) && !sep_len(s, ws + 2, n)) return 0;   /* a third byte, no letter */
        c = 26;                                /* the word has two letters */
    }
    bit = (int)((a * 26 + b) * 27 + c);
    if (r->trig_pre[bit >> 3] & (1u << (bit & 7))) return 0;
    /* digit_near: after three letters a fourth byte that is a digit is in the word */
    return !(r->trig_digits && c < 26 && ws + 3 < n && s[ws + 3] >= '0' && s[ws + 3] <= '9');
}

/* A scan set with triggers: every word is looked up (ASCII, caseless); at a
 * trigger word, the rules are tried (try_at) at each start of a token
 * from trig_back bytes before it up to the trigger itself, leftmost first (with
 * lead words, only at those, other triggers and non-word bytes); a start is
 * tried once. A match goes on from its end. From outside a word the next
 * word is found with 64-byte masks of word starts (word_starts), most words
 * are passed over on their first bytes (passed_over); after a match that
 * ends inside a word, the walk goes byte by byte to that word's end. */
static int scan_triggered(const nc_rules *r, const char *str, size_t n, pcre2_match_data *md, nc_matches *out)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = 0, next_try = 0, base = (size_t)-1;
    uint64_t starts = 0;
    int status = NC_OK, outside = 1;           /* outside: p is in no word (or starts one the masks see) */
    while (p < n && status == NC_OK) {
        size_t ws, we, c;
        int hit;
        unsigned v_trig;
        if (outside) {
            uint64_t m;
            for (;;) {
                if (base == (size_t)-1 || p - base >= 64) {
                    base = p - p % 64;
                    starts = word_starts(s, n, base);
                }
                m = starts & (~(uint64_t)0 << (p - base));
                if (m) {
                    ws = base + low_bit(m);
                    if (!passed_over(r, s, n, ws)) break;
                    p = ws + 1;
                    continue;
                }
                p = base + 64;
                if (p >= n) break;
            }
            if (p >= n) break;
            we = word_end(s, ws + 1, n);
            p = we;
        } else {
            while (p < n) {
                size_t k;
                unsigned cl = SCAN_CLASS[s[p]];
                if (cl == 0) { p++; continue; }
                if (cl == 1 || (k = sep_len(s, p, n)) == 0) break;
                p += k;
            }
            if (p >= n) break;
            ws = p;
            we = word_end(s, p + 1, n);    /* s[p] is a word byte, no separator */
            p = we;
            outside = 1;
            {
                int bit = pre_bit(s + ws, we - ws);
                if (bit >= 0 && !(r->trig_pre[bit >> 3] & (1u << (bit & 7))) &&
                    !(r->trig_digits && digit_near(s + ws, we - ws)))
                    continue;
            }
        }
        if (r->trig_digits && digit_near(s + ws, we - ws)) {
            hit = 1;
            v_trig = 0;                /* a number: the rules go by its first byte */
        } else if (r->disp_all) {
            v_trig = we - ws <= NC_WORD_MAX ? nc_wordset_get(&r->disp, str + ws, we - ws) : 0;
            hit = v_trig && r->entry_trig[v_trig - 1];
        } else {
            hit = we - ws <= NC_WORD_MAX && nc_wordset_get(&r->trig, str + ws, we - ws);
            v_trig = (unsigned)-1;
        }
        if (!hit) continue;
        c = ws > r->trig_back ? ws - r->trig_back : 0;
        if (c < next_try) c = next_try;
        for (; c <= ws; c++) {
            size_t e = c;
            unsigned v = (unsigned)-1;
            if (c > 0 && ((word_byte(s[c - 1]) && !sep_before(s, c)) || s[c] == ' ' || s[c] == '\n' || s[c] == '\t')) continue;
            if (c > 0 && (s[c] & 0xC0) == 0x80) continue;     /* inside a character */
            if (!r->byte_any[s[c]]) continue;
            while (e < ws && word_byte(s[e])) e++;
            if (c < ws && r->lead.count && e > c) {
                /* before the trigger: only at a lead word, another trigger or a number */
                if ((r->trig_digits && digit_near(s + c, e - c)) || has_high(s + c, e - c)) {
                    v = 0;             /* a number, or a word an ASCII lookup cannot rule out */
                } else if (r->disp_all) {
                    int bit = pre_bit(s + c, e - c);
                    if (bit >= 0 && !(r->cand_pre[bit >> 3] & (1u << (bit & 7)))) continue;
                    if (e - c > NC_WORD_MAX || !(v = nc_wordset_get(&r->disp, str + c, e - c))) continue;
                } else if (!(e - c <= NC_WORD_MAX && (nc_wordset_get(&r->lead, str + c, e - c) ||
                                                      nc_wordset_get(&r->trig, str + c, e - c)))) {
                    continue;
                }
            }
            if (c == ws) { e = we; v = v_trig; }
            next_try = c + 1;
            if ((hit = try_at(r, s, n, c, e, v, md, out)) < 0) { status = NC_ENOMEM; break; }
            if (hit) { p = next_try = out->v[out->n - 1].end; outside = 0; break; }
        }
    }
    return status;
}

/* A scan set: at the leftmost point where some rule matches, the first rule
 * (in rule order) that matches there; then on from the match's end. One pass
 * when all rules are merged (or one is alone); otherwise the merged pattern
 * and each other rule are searches whose next match is kept, and a search is
 * run again from the end of the last match taken when its kept match starts
 * before it (a rule's match hidden by another's may be followed by one of its
 * own that an independent pass over the rule would have skipped). */
static int scan(const nc_rules *r, const char *s, size_t n, pcre2_match_data *md, nc_matches *out)
{
    struct search { pcre2_code *code; int jit, state; size_t rule, a, b, k; } *src, *x;
    size_t i, nsrc = 0, pos = 0, alone = 0;
    int status = NC_OK;
    if (r->trig.count || r->trig_digits) return scan_triggered(r, s, n, md, out);
    for (i = 0; i < r->n; i++) alone += !r->merged[i];
    if (alone == 0) return match_all(r, r->scanned, r->scanned_jit, (size_t)-1, s, n, md, out);
    if (alone == 1 && !r->scanned)
        for (i = 0; i < r->n; i++)
            if (!r->merged[i]) return match_all(r, r->code[i], r->jit[i], i, s, n, md, out);
    if (!(src = malloc((alone + 1) * sizeof *src))) return NC_ENOMEM;
    if (r->scanned) {
        src[nsrc].code = r->scanned;
        src[nsrc].jit = r->scanned_jit;
        src[nsrc++].rule = (size_t)-1;
    }
    for (i = 0; i < r->n; i++)
        if (!r->merged[i]) {
            src[nsrc].code = r->code[i];
            src[nsrc].jit = r->jit[i];
            src[nsrc++].rule = i;
        }
    for (i = 0; i < nsrc; i++) src[i].state = 0;           /* 0 search, 1 kept match, 2 no more */
    for (;;) {
        x = NULL;
        for (i = 0; i < nsrc; i++) {
            if (src[i].state == 1 && src[i].a < pos) src[i].state = 0;
            if (src[i].state == 0)
                src[i].state = next_match(r, src[i].code, src[i].jit, src[i].rule, s, n, pos, md, &src[i].a,
                                          &src[i].b, &src[i].k, out) ? 1 : 2;
            if (src[i].state == 1 && (!x || src[i].a < x->a || (src[i].a == x->a && src[i].k < x->k))) x = &src[i];
        }
        if (!x) break;
        if ((status = push(out, x->k, x->a, x->b)) != NC_OK) break;
        pos = x->b;
        x->state = 0;
    }
    free(src);
    return status;
}

static int match_with(const nc_rules *r, const char *s, size_t n, nc_matches *out, pcre2_match_data *md)
{
    size_t i, first = out->n;
    int status = NC_OK;
    if (r->scan) return scan(r, s, n, md, out);
    for (i = 0; i < r->n && status == NC_OK; i++)
        if (!r->merged[i]) status = match_all(r, r->code[i], r->jit[i], i, s, n, md, out);
    if (status == NC_OK && r->lines) {
        status = match_all(r, r->lines, r->lines_jit, (size_t)-1, s, n, md, out);
        /* grouped by rule, in text order within a rule, as if matched one by one */
        if (status == NC_OK && out->n - first > 1)
            qsort(out->v + first, out->n - first, sizeof *out->v, by_rule_then_start);
    }
    return status;
}

int nc_rules_match(const nc_rules *r, const char *s, size_t n, nc_matches *out)
{
    void *md = NULL;
    int status = nc_rules_match_kept(r, s, n, out, &md);
    nc_rules_md_free(md);
    return status;
}

int nc_rules_match_kept(const nc_rules *r, const char *s, size_t n, nc_matches *out, void **mdp)
{
    uint32_t need;
    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!r || r->n == 0) return NC_OK;
    need = r->max_pairs ? r->max_pairs : 1;
    if (!*mdp || pcre2_get_ovector_count((pcre2_match_data *)*mdp) < need) {
        pcre2_match_data_free((pcre2_match_data *)*mdp);
        if (!(*mdp = pcre2_match_data_create(need, NULL))) return NC_ENOMEM;
    }
    return match_with(r, s, n, out, (pcre2_match_data *)*mdp);
}

void nc_rules_md_free(void *md)
{
    pcre2_match_data_free((pcre2_match_data *)md);
}

void nc_matches_free(nc_matches *m)
{
    free(m->v);
    memset(m, 0, sizeof *m);
}
