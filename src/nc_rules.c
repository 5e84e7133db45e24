#define PCRE2_CODE_UNIT_WIDTH 8
#include "nc_rules.h"
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>

struct nc_rules {
    size_t n;                    /* number of patterns */
    pcre2_code **code;           /* n compiled patterns; owned */
    pcre2_match_context *mctx;   /* limits; read-only after creation; owned */
    uint32_t max_pairs;          /* largest ovector any pattern needs */
};

void nc_rules_free(nc_rules *r)
{
    size_t i;
    if (!r) return;
    for (i = 0; i < r->n; i++) pcre2_code_free(r->code[i]);
    free(r->code);
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
    r->mctx = pcre2_match_context_create(NULL);
    cctx = pcre2_compile_context_create(NULL);
    if (!r->code || !r->mctx || !cctx) {
        pcre2_compile_context_free(cctx);
        nc_rules_free(r);
        return NC_ENOMEM;
    }
    pcre2_set_newline(cctx, PCRE2_NEWLINE_ANYCRLF);
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
        (void)pcre2_jit_compile(r->code[i], PCRE2_JIT_COMPLETE);   /* interpreter if no JIT */
        if (pcre2_pattern_info(r->code[i], PCRE2_INFO_CAPTURECOUNT, &pairs) == 0 &&
            pairs + 1 > r->max_pairs)
            r->max_pairs = pairs + 1;
    }
    pcre2_compile_context_free(cctx);
    *out = r;
    return NC_OK;
}

static int push(nc_matches *m, size_t rule, size_t a, size_t b)
{
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        nc_match *p = realloc(m->v, cap * sizeof *p);
        if (!p) return NC_ENOMEM;
        m->v = p;
        m->cap = cap;
    }
    m->v[m->n].rule = (uint32_t)rule;
    m->v[m->n].start = (uint32_t)a;
    m->v[m->n].end = (uint32_t)b;
    m->n++;
    return NC_OK;
}

int nc_rules_match(const nc_rules *r, const char *s, size_t n, nc_matches *out)
{
    pcre2_match_data *md;
    size_t i;
    int status = NC_OK;

    if (n > NC_MAX_TEXT) return NC_ETOOBIG;
    if (!r || r->n == 0) return NC_OK;
    md = pcre2_match_data_create(r->max_pairs ? r->max_pairs : 1, NULL);
    if (!md) return NC_ENOMEM;
    for (i = 0; i < r->n && status == NC_OK; i++) {
        size_t off = 0;
        while (off <= n) {
            int rc = pcre2_match(r->code[i], (PCRE2_SPTR)s, n, off, 0, md, r->mctx);
            PCRE2_SIZE *ov;
            if (rc == PCRE2_ERROR_NOMATCH) break;
            if (rc < 0) {               /* a limit, or a JIT stack overflow: stop this rule */
                out->limited++;
                break;
            }
            ov = pcre2_get_ovector_pointer(md);
            if (ov[1] > ov[0] && ov[1] > off) {
                if ((status = push(out, i, ov[0], ov[1])) != NC_OK) break;
                off = ov[1];
            } else {
                /* empty match (or no progress): step over one character */
                off = (ov[1] > off ? ov[1] : off) + 1;
                while (off < n && ((unsigned char)s[off] & 0xC0) == 0x80) off++;
            }
        }
    }
    pcre2_match_data_free(md);
    return status;
}

void nc_matches_free(nc_matches *m)
{
    free(m->v);
    memset(m, 0, sizeof *m);
}
