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
    NC_QW_TIME = 512        /* "said on Tuesday", "in a statement" */
};

typedef struct nc_qcue { long a, b; int label; } nc_qcue;
typedef struct nc_qent { long start, stop; int speaker; } nc_qent;   /* speaker: a person or an organisation */
typedef struct nc_qspan { long a, b; } nc_qspan;
typedef struct nc_qmark { long open, close, a, b, para; } nc_qmark; /* close 0: never closed */

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

/* The sentence (or paragraph) holding pos: its 1-based index, or 0 between them. */
size_t nc_quote_span_at(const nc_qspan *v, size_t n, long pos);

#endif
