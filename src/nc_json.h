/* nc_json — the fast path for one line of JSON Lines: an object whose values
 * are strings, numbers, true, false or null (the usual news record) is read
 * member by member without building anything, and its strings are unescaped
 * into a caller's buffer. Anything else — a nested object or array, invalid
 * JSON, a raw control character or an unpaired surrogate in a string, text
 * after the object — is refused (-1), so that a general decoder handles it or
 * reports the error in its own words. The scan validates everything it
 * accepts: nc_json_unescape cannot fail on a span it returned. Reads only its
 * inputs; no allocation, no global state. */
#ifndef NC_JSON_H
#define NC_JSON_H
#include "nc_common.h"

enum { NC_JSON_STRING, NC_JSON_NUMBER, NC_JSON_TRUE, NC_JSON_FALSE, NC_JSON_NULL };

typedef struct nc_json_span {
    size_t a, b;     /* a string's bytes between its quotes, or a number's bytes: s[a..b) */
    int kind;        /* NC_JSON_* */
    int escaped;     /* a string holding a backslash escape (nc_json_unescape needed) */
} nc_json_span;

/* Open the object at the start of s[0..n-1] (after JSON whitespace): *pos is
 * set past its '{'. Returns 1, or 0 when s does not start with an object. */
int nc_json_open(const char *s, size_t n, size_t *pos);

/* The next member from *pos: 1 with its key and value (*pos moves past it),
 * 0 at the closing '}' followed by nothing but whitespace, -1 when the line is
 * not a flat object of valid JSON. */
int nc_json_next(const char *s, size_t n, size_t *pos, nc_json_span *key, nc_json_span *val);

/* The string of span sp unescaped into out (room for sp->b - sp->a bytes: an
 * escape never grows). Returns the length written. \u escapes become UTF-8
 * (\u0000 a NUL byte, a surrogate pair one 4-byte character). */
size_t nc_json_unescape(const char *s, const nc_json_span *sp, char *out);

#endif
