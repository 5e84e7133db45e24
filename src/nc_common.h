/* nc_common — status codes and limits shared by the newscorpus C core. */
#ifndef NC_COMMON_H
#define NC_COMMON_H
#include <stddef.h>
#include <stdint.h>

enum {
    NC_OK = 0,
    NC_ENOMEM = -1,   /* an allocation failed; the output object is left freeable */
    NC_ETOOBIG = -2,  /* input longer than NC_MAX_TEXT bytes */
    NC_EINVAL = -3    /* invalid argument (bad flag, NULL where not allowed) */
};

/* Offsets are stored as uint32_t, so one document is at most 4 GiB - 2 bytes. */
#define NC_MAX_TEXT ((size_t)UINT32_MAX - 1)

/* Grow the array v of *cap elements of elem bytes: double it (or make it
 * `first` elements when empty). Returns the new block and updates *cap, or
 * returns NULL (v still valid, *cap unchanged) when out of memory. */
void *nc_grow(void *v, size_t *cap, size_t elem, size_t first);

/* Human-readable message for a status code (static string, never NULL). */
const char *nc_strerror(int status);

#endif
