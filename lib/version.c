/* Runtime version information and the library's own free(). */
#include "ukcomplaints/common.h"

#include "error_internal.h"
#include "util.h"

#define UKC_STR2(x) #x
#define UKC_STR(x) UKC_STR2(x)
#define UKC_VERSION_STRING \
    UKC_STR(UKC_VERSION_MAJOR) "." UKC_STR(UKC_VERSION_MINOR) "." UKC_STR(UKC_VERSION_PATCH)

int ukc_version_number(void)
{
    ukc__error_reset();
    return UKC_VERSION_NUMBER;
}

const char *ukc_version_string(void)
{
    ukc__error_reset();
    return UKC_VERSION_STRING;
}

void ukc_free(void *ptr)
{
    ukc__error_reset();
    ukc__free(ptr);
}
