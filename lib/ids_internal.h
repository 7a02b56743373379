/* Private: the ID registry table generated from lib/data/ids.tsv. */
#ifndef UKC_IDS_INTERNAL_H
#define UKC_IDS_INTERNAL_H

#include "ukcomplaints/ids.h"

typedef struct ukc_id_entry {
    ukc_id id;
    const char *code;
    const char *slug;
    const char *summary;
} ukc_id_entry;

extern const ukc_id_entry ukc__ids[];
extern const size_t ukc__ids_count;

const ukc_id_entry *ukc__id_lookup(ukc_id id);

#endif
