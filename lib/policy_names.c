/* The working-day definitions a policy may name, each with the calendar it
 * counts on. The enumerations' names are generated (enums_table.c). */
#include "policy_internal.h"

/* Working-day definitions, each with the calendar it counts on. */
const char *const ukc__definition_names[] = { "england-and-wales-1971-act", "any-part-of-the-uk",
                                              "scotland-only", NULL };
static const char *const definition_calendars[] = { "england-and-wales", "united-kingdom",
                                                    "scotland" };

const char *ukc__definition_calendar(const char *definition)
{
    int i = ukc__name_index(ukc__definition_names, definition);
    return i < 0 ? NULL : definition_calendars[i];
}
