/* Looking names up in the enumerations' tables (enums_table.c, generated from
 * lib/data/enums.tsv). A leaf: every module's name functions use it. */
#include <stdio.h>
#include <string.h>

#include "enums_internal.h"
#include "error_internal.h"

int ukc__name_index(const char *const *table, const char *name)
{
    for (int i = 0; table[i]; i++)
        if (strcmp(table[i], name) == 0)
            return i;
    return -1;
}

const char *ukc__name_of(const char *const *table, int value)
{
    for (int i = 0; table[i]; i++)
        if (i == value)
            return table[i];
    return "";
}

ukc_status ukc__name_value(const char *const *table, const char *what, const char *name,
                           int *out)
{
    *out = 0;
    if (!name)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "name is NULL");
    int i = ukc__name_index(table, name);
    if (i >= 0) {
        *out = i;
        return UKC_OK;
    }
    char known[256] = "";
    size_t used = 0;
    for (int k = 0; table[k] && used < sizeof known; k++) {
        int n = snprintf(known + used, sizeof known - used, "%s%s", k ? ", " : "", table[k]);
        used += n > 0 ? (size_t)n : 0;
    }
    return ukc__fail(UKC_ERR_NOT_FOUND, "unknown %s '%s' (one of: %s)", what, name, known);
}
