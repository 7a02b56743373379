/* Looking up the permanent answer IDs. */
#include "ids_internal.h"

#include "error_internal.h"

const ukc_id_entry *ukc__id_lookup(ukc_id id)
{
    for (size_t i = 0; i < ukc__ids_count; i++)
        if (ukc__ids[i].id == id)
            return &ukc__ids[i];
    return NULL;
}

const char *ukc_id_code(ukc_id id)
{
    ukc__error_reset();
    const ukc_id_entry *e = ukc__id_lookup(id);
    return e ? e->code : "";
}

const char *ukc_id_slug(ukc_id id)
{
    ukc__error_reset();
    const ukc_id_entry *e = ukc__id_lookup(id);
    return e ? e->slug : "";
}

const char *ukc_id_summary(ukc_id id)
{
    ukc__error_reset();
    const ukc_id_entry *e = ukc__id_lookup(id);
    return e ? e->summary : "";
}
