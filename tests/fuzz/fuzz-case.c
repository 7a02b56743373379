/* Fuzz case restore: arbitrary bytes as a saved case under each built-in
 * policy never crash or leak; a refusal restores nothing and says why; an
 * accepted case saves to JSON that restores to the same JSON, and its
 * obligations can be listed. */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

static void one(const ukc_policy *policy, const uint8_t *data, size_t size)
{
    ukc_case *c = (ukc_case *)1;
    ukc_status st = ukc_case_from_json(policy, (const char *)data, size, &c);
    if (st != UKC_OK) {
        FUZZ_ASSERT(c == NULL);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
        return;
    }
    char *json = NULL, *json2 = NULL;
    ukc_case *again = NULL;
    FUZZ_ASSERT(ukc_case_to_json(c, &json) == UKC_OK);
    FUZZ_ASSERT(ukc_case_from_json(policy, json, strlen(json), &again) == UKC_OK);
    FUZZ_ASSERT(ukc_case_to_json(again, &json2) == UKC_OK);
    FUZZ_ASSERT(strcmp(json, json2) == 0);
    ukc_obligations *list = NULL;
    FUZZ_ASSERT(ukc_case_obligations(c, ukc_case_received(c), 0, &list) == UKC_OK);
    ukc_obligations_free(list);
    ukc_free(json);
    ukc_free(json2);
    ukc_case_free(again);
    ukc_case_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* A saved case names its policy; every built-in is tried, so a case
     * restored under the wrong one is refused too. */
    for (size_t i = 0; i < ukc_policy_builtin_count(); i++) {
        const ukc_policy *policy;
        FUZZ_ASSERT(ukc_policy_builtin(ukc_policy_builtin_name(i), &policy) == UKC_OK);
        one(policy, data, size);
    }
    return 0;
}
