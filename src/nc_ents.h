/* nc_ents — entity mentions of a text: gazetteer hits, names no gazetteer
 * holds (found from capitalisation and the words around them), and later
 * short forms resolved to an earlier full name.
 *
 * The text is read as runs of capitalised words and gazetteer hits joined by
 * single spaces or name connectors ("al", "bin", "of"). A run is decided as a
 * whole: "University of Helsinki" and "Washington State University" are one
 * organisation although "Helsinki" and "Washington" are places; "Troy
 * Patterson" is a person although Troy is a city; other hits stand alone, and
 * the words between them are names when their form and context say so
 * (first names, titles and roles before, cue verbs after, org and place
 * words at the end, two or three non-dictionary words mid-sentence).
 * Sentence-initial capitals, month and weekday names and headline or tag
 * lines are not evidence of a name.
 *
 * The lexicon is a word set whose values are NC_W_* bits (the caller fills
 * it from data files). Entry classes (NC_ENT_* type and flags, one byte per
 * gazetteer entry) come from nc_ents_entry_class. Reads only its inputs; no
 * global state; the output is the only allocation the caller owns. */
#ifndef NC_ENTS_H
#define NC_ENTS_H
#include "nc_common.h"
#include "nc_gaz.h"
#include "nc_wordset.h"

/* lexicon classes (nc_wordset values) */
#define NC_W_COMMON       0x0001u /* common word of news prose ("police", "mobile") */
#define NC_W_MONTH        0x0002u /* month or weekday name */
#define NC_W_TITLE        0x0004u /* title, office or role before a name ("minister", "envoy") */
#define NC_W_ORG_END      0x0008u /* last word of an organisation ("ministry", "university") */
#define NC_W_ORG_START    0x0010u /* first word of an organisation ("university", "bank") */
#define NC_W_PLACE_END    0x0020u /* last word of a place ("province", "valley") */
#define NC_W_PLACE_BEFORE 0x0040u /* "city" in "the city of X" */
#define NC_W_CUE          0x0080u /* verb after a speaker ("said", "told", "added") */
#define NC_W_CONNECT      0x0100u /* particle inside a person's name ("al", "bin", "van") */
#define NC_W_ORG_CONNECT  0x0200u /* word inside an organisation's name ("of", "for", "and") */
#define NC_W_FIRST        0x0400u /* given name */
#define NC_W_ENGLISH      0x0800u /* English dictionary word (lower case) */
#define NC_W_NOTPERSON    0x1000u /* word of events and things ("war", "cyclone", "games") */
#define NC_W_ADVERB       0x2000u /* may stand between a name and its cue ("also", "then") */
#define NC_W_COMPASS      0x4000u /* direction before a place ("West", "Northern"): no given name */

/* mention types and entry flags */
enum { NC_ENT_OTHER = 0, NC_ENT_PERSON = 1, NC_ENT_ORG = 2, NC_ENT_PLACE = 3 };
#define NC_ENT_TYPE    3u     /* mask of the type in an entry class */
#define NC_ENT_DEMONYM 4u     /* tag "demonym": Syrian -> Syria */
#define NC_ENT_MINOR   8u     /* a town (tag "town": under 100,000 people): its name is
                               * often a surname too (Patterson, Savage) */
#define NC_ENT_COUNTRY 16u    /* tag "country" */
#define NC_ENT_CITY    32u    /* tag "city" (a town is NC_ENT_MINOR; a capital neither) */

/* mention sources */
enum { NC_SRC_GAZ = 0, NC_SRC_DISCOVERED = 1, NC_SRC_RESOLVED = 2 };

typedef struct nc_ent {
    uint32_t start, end;   /* original bytes [start, end), 0-based */
    uint8_t type;          /* NC_ENT_PERSON / ORG / PLACE, or NC_ENT_OTHER for a hit of an
                            * entry of another type (a user's "PRODUCT") */
    uint8_t source;        /* NC_SRC_* */
    int32_t ref;           /* NC_SRC_GAZ: entry index; NC_SRC_RESOLVED: index in the
                            * output of the full name it resolves to; else -1 */
} nc_ent;

typedef struct nc_ents {
    nc_ent *v;
    size_t n, cap;
} nc_ents;

/* The class byte of entry type/tag strings (as given to nc_gaz_entry). */
unsigned nc_ents_entry_class(const char *type, size_t typen, const char *tag, size_t tagn);

/* Mentions of s[0..n-1], in text order, appended to *out (zero it first; the
 * caller frees out->v). eclass[i] is the class of entry i (nclass entries;
 * hits of entries past nclass count as NC_ENT_OTHER). discover = 0
 * keeps gazetteer hits only (with the same filters). Returns NC_OK, NC_ENOMEM
 * or NC_ETOOBIG (n >= 4 GiB). */
int nc_entities(const nc_gaz *g, const unsigned char *eclass, size_t nclass,
                const nc_wordset *lex, const char *s, size_t n, int discover, nc_ents *out);

/* Working memory that nc_entities_in keeps from one call to the next (the
 * gazetteer hits, the match's walker with its memo (see nc_gaz_scratch), the
 * table of surnames): zero it before first use, free it with
 * nc_ents_work_free. One call at a time may use it. */
typedef struct nc_ents_work {
    nc_gaz_hits hits;
    nc_gaz_scratch gs;
    uint64_t *sk;
    int32_t *sv;
    size_t scap;
} nc_ents_work;

/* nc_entities with working memory from *w (NULL: allocate and free it). */
int nc_entities_in(const nc_gaz *g, const unsigned char *eclass, size_t nclass, const nc_wordset *lex,
                   const char *s, size_t n, int discover, nc_ents *out, nc_ents_work *w);
void nc_ents_work_free(nc_ents_work *w);

#endif
