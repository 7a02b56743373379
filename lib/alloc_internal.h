/* Private: the shared helpers moved into util.h; this name stays for the
 * files that still include it. */
#ifndef UKC_ALLOC_INTERNAL_H
#define UKC_ALLOC_INTERNAL_H

#include "util.h"

#endif
