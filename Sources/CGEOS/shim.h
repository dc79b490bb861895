// Only the reentrant (_r) GEOS API: every call names the thread's own context.
#define GEOS_USE_ONLY_R_API
#include <geos_c.h>
