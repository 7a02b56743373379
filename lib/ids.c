/* Looking up the permanent answer IDs. */
#include "ids_internal.h"

#include "util.h"
#include "error_internal.h"

/* An ID is its group times 1000 plus its number (UKC-C059 is 3059): the index
 * holds the table position + 1 of every ID below ID_INDEXED, 0 for none. */
#define ID_INDEXED 8000

static uint16_t id_index[ID_INDEXED];
static _Atomic(void *) id_index_built;
static pthread_mutex_t id_index_lock = PTHREAD_MUTEX_INITIALIZER;

static ukc_status build_index(size_t i, void **out)
{
    (void)i;
    for (size_t k = 0; k < ukc__ids_count && k < UINT16_MAX; k++) {
        unsigned id = (unsigned)ukc__ids[k].id;
        if (id < ID_INDEXED && !id_index[id]) /* the first entry of an ID, as a scan finds */
            id_index[id] = (uint16_t)(k + 1);
    }
    *out = id_index;
    return UKC_OK;
}

const ukc_id_entry *ukc__id_lookup(ukc_id id)
{
    void *index;
    if ((unsigned)id < ID_INDEXED && ukc__ids_count < UINT16_MAX &&
        ukc__build_once(&id_index_built, &id_index_lock, build_index, 0, &index) == UKC_OK) {
        uint16_t at = ((const uint16_t *)index)[(unsigned)id];
        return at ? &ukc__ids[at - 1] : NULL;
    }
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
