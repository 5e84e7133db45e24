/* libFuzzer target: quote attribution (nc_quotes) on a document read from the
 * input: cues at "said"/"told"/"according to"/"quoted"/"saying", capitalised
 * words as people, sentences ending at '.', paragraphs at '\n', straight double
 * quotes paired within a paragraph. Every speaker phrase, reported clause and
 * listed item must lie inside the text, start <= stop; the mentions of a
 * speaker phrase (nc_quote_phrase_ents) inside the phrase, of their kind; what
 * nc_quote_resolve gives (with a role reader that names any index, in range or
 * not) sorted by start, inside the text, its speakers mentions of the list. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "nc_quotes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* a role reader: an index from the phrase's bounds, sometimes out of range, sometimes a stop */
static size_t role(void *ud, long a, long b, size_t first, int place)
{
    size_t n = *(const size_t *)ud, v = (size_t)(a * 7 + b * 3) + first + (size_t)place;
    if (v % 11 == 0) return (size_t)-1;
    return v % (n + 3);
}

static void check_speaker(const nc_qdoc *d, const nc_qspeaker *s)
{
    if (s->a && (s->a < 1 || s->b < s->a || s->b > d->n)) __builtin_trap();
    if (s->a && s->how != NC_QH_NONE && (s->cue < 1 || s->cue > d->ncues)) __builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const cue[] = { "said", "told", "according to", "quoted", "saying", "described" };
    static const int label[] = { NC_QL_SAY, NC_QL_SAY, NC_QL_ACCORDING, NC_QL_QUOTED, NC_QL_SAY, NC_QL_DESCRIBE };
    static const char *const words[] = { "that", "in", "and", "who", "which", "the", "also", "has", "on",
                                         "reporters", "spokesman", "activists", "he", "statement" };
    nc_qdoc d;
    nc_wordset ws;
    nc_qcue *cues = malloc((size + 1) * sizeof *cues);
    nc_qent *ents = malloc((size + 1) * sizeof *ents);
    nc_qspan *sents = malloc((size + 1) * sizeof *sents), *paras = malloc((size + 1) * sizeof *paras);
    nc_qmark *quotes = malloc((size + 1) * sizeof *quotes);
    long n = (long)size, i, s0 = 1, p0 = 1, open = 0;
    size_t k;
    if (!cues || !ents || !sents || !paras || !quotes) goto done;
    memset(&d, 0, sizeof d);
    nc_wordset_init(&ws);
    for (k = 0; k < sizeof words / sizeof words[0]; k++)
        nc_wordset_add(&ws, words[k], strlen(words[k]), 1u << (k % 10));
    nc_wordset_add(&ws, "agency", 6, NC_QW_ORG_HEAD);
    nc_wordset_add(&ws, "president", 9, NC_QW_ROLE);
    nc_wordset_add(&ws, "it", 2, NC_QW_PRONOUN);
    nc_wordset_add(&ws, "she", 3, NC_QW_PRONOUN);
    d.t = data;
    d.n = n;
    d.ws = &ws;
    d.cues = cues;
    d.ents = ents;
    d.sents = sents;
    d.paras = paras;
    d.quotes = quotes;
    for (i = 0; i < n; i++) {
        for (k = 0; k < sizeof cue / sizeof cue[0]; k++) {
            size_t l = strlen(cue[k]);
            if ((size_t)(n - i) >= l && memcmp(data + i, cue[k], l) == 0) {
                cues[d.ncues].a = i + 1;
                cues[d.ncues].b = i + (long)l;
                cues[d.ncues++].label = label[k];
                break;
            }
        }
        if (data[i] >= 'A' && data[i] <= 'Z' && (i == 0 || data[i - 1] == ' ')) {
            long e = i;
            while (e + 1 < n && data[e + 1] > ' ') e++;
            ents[d.nents].start = i + 1;
            ents[d.nents].stop = e + 1;
            ents[d.nents++].kind = (int)((e - i) % 4);
        }
        if (data[i] == '.' || i + 1 == n) {
            sents[d.nsents].a = s0;
            sents[d.nsents++].b = i + 1;
            s0 = i + 2;
        }
        if (data[i] == '"') {
            if (!open) open = i + 1;
            else if (i + 1 > open + 1) {
                nc_qmark *q = &quotes[d.nquotes++];
                q->open = open;
                q->close = i + 1;
                q->a = open + 1;
                q->b = i;
                q->para = (long)d.nparas + 1;
                open = 0;
            }
        }
        if (data[i] == '\n' || i + 1 == n) {
            if (open && open + 1 <= i + 1) {
                nc_qmark *q = &quotes[d.nquotes++];
                q->open = open;
                q->close = 0;
                q->a = open + 1;
                q->b = i + 1;
                q->para = (long)d.nparas + 1;
            }
            open = 0;
            paras[d.nparas].a = p0;
            paras[d.nparas++].b = i + 1;
            p0 = i + 2;
        }
    }
    for (k = 1; k <= d.nquotes; k++) {
        nc_qattr at;
        nc_quote_attribute(&d, k, &at);
        check_speaker(&d, &at.sp);
        if (at.pi < 1 || (size_t)at.pi > d.nparas) __builtin_trap();
    }
    for (k = 1; k <= d.ncues; k++) {
        size_t s = nc_quote_span_at(sents, d.nsents, cues[k - 1].a);
        nc_qreport r;
        if (!s) continue;
        if (nc_quote_reported(&d, k, sents[s - 1].a, sents[s - 1].b, &r)) {
            if (r.start < sents[s - 1].a || r.stop > sents[s - 1].b || r.stop < r.start) __builtin_trap();
            check_speaker(&d, &r.sp);
        }
    }
    {
        nc_qitems it = { NULL, 0, 0 };
        if (nc_quote_items(&d, size % 2 == 0, &it) == NC_OK)
            for (k = 0; k < it.n; k++) {
                const nc_qitem *x = &it.v[k];
                if (x->start < 1 || x->stop < x->start || x->stop > n) __builtin_trap();
                if (x->kind == NC_QI_QUOTE && (x->quote < 1 || x->quote > d.nquotes)) __builtin_trap();
                if (x->cue_a && (x->cue_a < 1 || x->cue_b < x->cue_a || x->cue_b > n)) __builtin_trap();
                check_speaker(&d, &x->sp);
                if (x->sp.a) {
                    /* the mentions of the phrase: in the list, starting in it and ending by its end */
                    nc_qphrase ph = nc_quote_phrase_ents(&d, x->sp.a, x->sp.b);
                    size_t m[3], j;
                    m[0] = ph.person;
                    m[1] = ph.org;
                    m[2] = ph.place;
                    if (ph.first < 1 || ph.first > d.nents + 1) __builtin_trap();
                    if (ph.first > 1 && d.ents[ph.first - 2].start >= x->sp.a) __builtin_trap();
                    for (j = 0; j < 3; j++)
                        if (m[j] && (m[j] < ph.first || m[j] > d.nents || d.ents[m[j] - 1].start > x->sp.b ||
                                     d.ents[m[j] - 1].stop > x->sp.b || d.ents[m[j] - 1].kind != (int)j + 1))
                            __builtin_trap();
                }
            }
        if (it.n) {
            nc_qouts o = { NULL, 0, 0 };
            size_t ne = d.nents;
            int rc = nc_quote_resolve(&d, &it, size % 3 == 0, role, &ne, &o);
            if (rc != NC_OK && rc != NC_EINVAL && rc != NC_ENOMEM) __builtin_trap();
            if (rc == NC_OK)
                for (k = 0; k < o.n; k++) {
                    const nc_qout *x = &o.v[k];
                    unsigned char cue[16];
                    if (x->start < 1 || x->stop < x->start || x->stop > n) __builtin_trap();
                    if (k && o.v[k - 1].start > x->start) __builtin_trap();
                    if (x->kind < NC_QK_DIRECT || x->kind > NC_QK_SCARE || x->how < NC_QH_WORD || x->how > NC_QH_NONE)
                        __builtin_trap();
                    if (x->sa && (x->sa < 1 || x->sb < x->sa || x->sb > n)) __builtin_trap();
                    if (x->ent > d.nents) __builtin_trap();
                    if (!x->ent && x->ta && (x->ta < 1 || x->tb < x->ta || x->tb > n)) __builtin_trap();
                    if (x->how == NC_QH_WORD && (x->cue_a < 1 || x->cue_b < x->cue_a || x->cue_b > n)) __builtin_trap();
                    if (nc_quote_cue(&d, x->how, x->cue_a, x->cue_b, cue, sizeof cue) > sizeof cue) __builtin_trap();
                }
            nc_qouts_free(&o);
        }
        nc_qitems_free(&it);
    }
    for (k = 1; k < 40 && k <= (size_t)n; k++)
        (void)nc_quote_cue_ok(data, n, (long)k);
    {
        /* the paragraph reader and the mark pairing on the raw input */
        nc_qspans ps = { NULL, 0, 0 };
        nc_qmarks qm = { NULL, 0, 0 };
        if (nc_quote_paragraphs(data, n, &ps) == NC_OK) {
            for (k = 0; k < ps.n; k++)
                if (ps.v[k].a < 1 || ps.v[k].b < ps.v[k].a || ps.v[k].b > n || (k && ps.v[k].a <= ps.v[k - 1].b))
                    __builtin_trap();
            if (nc_quote_pair(data, n, ps.v, ps.n, &qm) == NC_OK)
                for (k = 0; k < qm.n; k++) {
                    const nc_qmark *q = &qm.v[k];
                    if (q->a < 1 || q->b < q->a || q->b > n || q->open < 1 || q->open >= q->a ||
                        (q->close && (q->close <= q->b || q->close > n)) || q->para < 1 || (size_t)q->para > ps.n ||
                        (k && q->open <= qm.v[k - 1].open))
                        __builtin_trap();
                }
        }
        free(ps.v);
        free(qm.v);
    }
    nc_wordset_free(&ws);
done:
    free(cues);
    free(ents);
    free(sents);
    free(paras);
    free(quotes);
    return 0;
}
