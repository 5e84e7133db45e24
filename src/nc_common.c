#include "nc_common.h"

const char *nc_strerror(int status)
{
    switch (status) {
    case NC_OK: return "ok";
    case NC_ENOMEM: return "out of memory";
    case NC_ETOOBIG: return "text too large (limit is 4 GiB)";
    case NC_EINVAL: return "invalid argument";
    default: return "unknown error";
    }
}
