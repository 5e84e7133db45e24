/* nc_quotes — who said it: the speaker phrase of a quotation, and the reported
 * speech around a speech cue ("Putin said the terrorists have …").
 *
 * The document comes in as sorted arrays the Lua layer already holds: the speech
 * cues (matches of data/rules/speech.txt), the entity mentions, the sentences,
 * the paragraphs and the paired quotation marks. Nothing here allocates: the
 * words of a phrase are read into fixed buffers on the stack (a phrase window is
 * at most a few hundred bytes), so any input, however large or odd, is read in
 * bounded memory and time per cue. Which entity a phrase names (pronouns, roles)
 * is left to the caller (newscorpus.quotes).
 *
 * Positions are 1-based and inclusive, as in Lua, so that the rules read as
 * the Lua patterns they replaced; 0 means none. */
#ifndef NC_QUOTES_H
#define NC_QUOTES_H

#include <stddef.h>
#include "nc_wordset.h"
#include "nc_common.h"
#include "nc_quotemarks.h"

/* cue labels (data/rules/speech.txt) */
enum { NC_QL_OTHER, NC_QL_SAY, NC_QL_THAT, NC_QL_ASK, NC_QL_DESCRIBE, NC_QL_ACCORDING, NC_QL_QUOTED };

/* word classes: the values of the word set given in nc_qdoc.ws */
enum {
    NC_QW_BREAK = 1,        /* a speaker phrase stops before it ("that", "in", "and") */
    NC_QW_PRONOUN = 2,      /* he she it they … */
    NC_QW_ADVERB = 4,       /* between a speaker and the cue ("also said") */
    NC_QW_AUX = 8,          /* "has said", "would say" */
    NC_QW_HEARERS = 16,     /* objects of "told" ("told reporters that") */
    NC_QW_ROLE = 32,        /* heads of a role ("spokesman", "minister") */
    NC_QW_PLACE_PREP = 64,  /* in at near … before a place */
    NC_QW_SOURCE = 128,     /* heads of unnamed sources ("activists", "a witness") */
    NC_QW_DETERMINER = 256, /* the a an this … */
    NC_QW_TIME = 512,       /* "said on Tuesday", "in a statement" */
    NC_QW_ORG_HEAD = 1024,  /* heads of an organisation named by a common noun ("the agency") */
    NC_QW_ROLE_FILL = 2048, /* words a role may hold besides role words ("the", "former"; nc_roles) */
    NC_QW_LEADER = 4096     /* role words that stand for a country's leader ("president"; nc_roles) */
};

typedef struct nc_qcue { long a, b; int label; } nc_qcue;
/* entity kinds (nc_qent.kind) */
enum { NC_QE_OTHER, NC_QE_PERSON, NC_QE_ORG, NC_QE_PLACE };
typedef struct nc_qent { long start, stop; int kind; } nc_qent;   /* kind: NC_QE_* */


typedef struct nc_qdoc {
    const unsigned char *t;
    long n;
    const nc_qcue *cues;   size_t ncues;    /* by a */
    const nc_qent *ents;   size_t nents;    /* by start */
    const nc_qspan *sents; size_t nsents;
    const nc_qspan *paras; size_t nparas;
    const nc_qmark *quotes; size_t nquotes; /* by open */
    const nc_wordset *ws;
} nc_qdoc;

/* how a speaker was attributed: the cue's own words, "according to", "quoted",
 * or no cue (a name right before the quote) */
enum { NC_QH_WORD, NC_QH_ACCORDING, NC_QH_QUOTED, NC_QH_NONE };

typedef struct nc_qspeaker {
    long a, b;      /* the speaker phrase; a == 0: none */
    size_t cue;     /* 1-based index of the cue */
    int how;        /* NC_QH_* */
} nc_qspeaker;

typedef struct nc_qattr {
    int partial;    /* a fragment inside a sentence, not a full quotation */
    int title;      /* title case, no final stop: a title or a name in quotes */
    long words;     /* words inside the marks */
    long pi, pa;    /* the paragraph of the opening mark: index and start */
    nc_qspeaker sp;
} nc_qattr;

typedef struct nc_qreport {
    long start, stop;   /* the reported clause */
    nc_qspeaker sp;
} nc_qreport;

/* The speaker of quotation qi (1-based): after the quote (`"…," Putin said`),
 * before it in its sentence (`Putin said: "…"`), a cue later in the sentence for
 * a fragment, else a name right before the marks. */
void nc_quote_attribute(const nc_qdoc *d, size_t qi, nc_qattr *out);

/* Reported speech around cue ci (1-based) in the sentence [sa, sb]: 1 and *out,
 * or 0 when the cue reports none. */
int nc_quote_reported(const nc_qdoc *d, size_t ci, long sa, long sb, nc_qreport *out);

/* Whether the rule match starting at text[a] is a speech cue: not a capitalised
 * word after a capitalised one ("Osama Said"), not joined by a hyphen
 * ("so-called", "self-described"). */
int nc_quote_cue_ok(const unsigned char *t, long n, long a);

/* One quotation or one reported clause, as nc_quote_items lists them. */
enum { NC_QI_QUOTE = 1, NC_QI_REPORTED = 2 };
typedef struct nc_qitem {
    int kind;               /* NC_QI_* */
    int taken;              /* a reported clause whose speaker phrase a quotation's
                               cue took: not reported, but its speaker is read */
    size_t quote;           /* the quotation (1-based), for NC_QI_QUOTE */
    long start, stop;       /* the quoted text or the reported clause */
    long cue_a, cue_b;      /* the cue's words (0 when how is not NC_QH_WORD) */
    nc_qspeaker sp;
    int partial, title;     /* as nc_qattr, for quotations */
    long words, pi, pa;
    long para, end;         /* the paragraph and the end of what was said, for the
                               quotation after it that names no speaker */
} nc_qitem;

typedef struct nc_qitems { nc_qitem *v; size_t n, cap; } nc_qitems;

/* The quotations and (with indirect) the reported speech of the document, in
 * the order they are read: quotations and cues by position. A cue inside a
 * quotation reports nothing; a sentence reports once; a clause mostly inside a
 * quotation is that quotation; a speaker a quotation's cue took is not taken
 * again (the clause is listed with .taken set). Returns NC_OK or NC_ENOMEM (out stays freeable). */
int nc_quote_items(const nc_qdoc *d, int indirect, nc_qitems *out);
void nc_qitems_free(nc_qitems *it);

/* Whether pos is inside a quotation (quotations read in order up to the first
 * that starts after pos). */
int nc_quote_inside(const nc_qdoc *d, long pos);

/* The mentions a speaker phrase text[a..b] holds (those that end by b), as
 * 1-based indices into d->ents, 0 for none: first, the first mention that
 * starts at or after a (whether it ends by b or not); person, the first person
 * not governed by "for" or "of" (the last word before it, after blanks); org,
 * the first organisation; place, the first place. */
typedef struct nc_qphrase { size_t first, person, org, place; } nc_qphrase;
nc_qphrase nc_quote_phrase_ents(const nc_qdoc *d, long a, long b);

/* ---- speakers -------------------------------------------------------------- */

/* the kinds of what was said, as reported */
enum { NC_QK_DIRECT = 1, NC_QK_PARTIAL, NC_QK_INDIRECT, NC_QK_SCARE };

/* One quotation or reported clause with its speaker (nc_quote_resolve). */
typedef struct nc_qout {
    long start, stop;       /* the quoted text or the reported clause */
    int kind;               /* NC_QK_* */
    int closed;             /* 0: a quotation whose closing mark never came */
    int how;                /* NC_QH_*: the cue is text[cue_a..cue_b] for NC_QH_WORD; none for NC_QH_NONE */
    long cue_a, cue_b;
    long sa, sb;            /* the speaker phrase (0: none, as for a speaker carried over) */
    size_t ent;             /* the speaker: a mention (1-based index into d->ents), */
    long ta, tb;            /* or else the words of the text that name it (0: no speaker) */
    size_t seq;             /* its place in the order of reading */
} nc_qout;

typedef struct nc_qouts { nc_qout *v; size_t n, cap; } nc_qouts;

/* The person a role phrase text[a..b] names ("the Russian president"): a
 * 1-based index into d->ents, 0 for none, (size_t)-1 to stop with an error.
 * first: the first mention at or after a (nc_qphrase.first); place: whether
 * the phrase holds a place. */
typedef size_t (*nc_qrole_fn)(void *ud, long a, long b, size_t first, int place);

/* The quotations and reported clauses of the items it (nc_quote_items), by
 * start, with their speakers: a phrase's person; else from the ends of its
 * words (d->ws with NC_QW_PRONOUN, NC_QW_ROLE and NC_QW_ORG_HEAD) its
 * organisation when it ends the phrase or a role word does, for "he"/"she"/
 * "it" who spoke last within 600 bytes or the last person (organisation)
 * named outside quotations, for a role role(), a country that speaks
 * ("Russia said", "the United States said"), "the agency" the last
 * organisation with that word; else the phrase's words. A quotation with no
 * speaker phrase goes on with the speaker of what was said before it when
 * nothing but that one's cue is between them or it opens the next paragraph;
 * a short or title-case one no cue attributes is a scare quote (listed only
 * with scare). Reported clauses a quotation took are read, not listed.
 * Returns NC_OK, NC_ENOMEM, or NC_EINVAL when role() stopped; out stays freeable. */
int nc_quote_resolve(const nc_qdoc *d, const nc_qitems *it, int scare, nc_qrole_fn role, void *ud, nc_qouts *out);
void nc_qouts_free(nc_qouts *o);

/* The cue of what was said as it is reported (nc_qout's how, cue_a, cue_b):
 * lower case, each run of blanks one space ("According  to" -> "according
 * to"), into buf (cap bytes). Returns its length: 0 for none (NC_QH_NONE), or
 * when it would be longer than cap. */
size_t nc_quote_cue(const nc_qdoc *d, int how, long a, long b, unsigned char *buf, size_t cap);

/* The sentence (or paragraph) holding pos: its 1-based index, or 0 between them. */
size_t nc_quote_span_at(const nc_qspan *v, size_t n, long pos);

#endif
