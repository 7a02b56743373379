/* Fuzz the text classifier: arbitrary bytes never crash or leak; a failure
 * gives no classification and says why; on success every evidence span (and
 * every negation span) lies inside the input, starts and ends on UTF-8
 * character boundaries, and quotes exactly the bytes it covers. */
#include <string.h>
#include <ukcomplaints.h>

#include "fuzz.h"

/* A boundary: the end of the input, or a byte that does not continue a character. */
static int boundary(const uint8_t *data, size_t size, size_t at)
{
    return at == size || (at < size && (data[at] & 0xC0) != 0x80);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ukc_classification *c = (ukc_classification *)1;
    ukc_status st = ukc_classify_text((const char *)data, size, NULL, &c);
    if (st != UKC_OK) {
        FUZZ_ASSERT(c == NULL);
        FUZZ_ASSERT(ukc_last_error()->status == (int32_t)st);
        FUZZ_ASSERT(ukc_last_error()->message[0] != '\0');
        return 0;
    }
    FUZZ_ASSERT(c != NULL);
    FUZZ_ASSERT((int)ukc_classification_kind(c) >= 0 &&
                ukc_classification_kind(c) < UKC_FEEDBACK_KIND_COUNT);
    size_t n = ukc_classification_evidence_count(c);
    for (size_t i = 0; i < n; i++) {
        const ukc_evidence *e = ukc_classification_evidence(c, i);
        FUZZ_ASSERT(e != NULL);
        FUZZ_ASSERT(e->start < e->end && e->end <= size);
        FUZZ_ASSERT(boundary(data, size, e->start) && boundary(data, size, e->end));
        FUZZ_ASSERT(strlen(e->text) == e->end - e->start);
        FUZZ_ASSERT(memcmp(e->text, data + e->start, e->end - e->start) == 0);
        FUZZ_ASSERT(e->sentence < ukc_classification_sentence_count(c));
        if (e->negated) {
            FUZZ_ASSERT(e->negation_start < e->negation_end && e->negation_end <= size);
            FUZZ_ASSERT(boundary(data, size, e->negation_start) &&
                        boundary(data, size, e->negation_end));
        }
    }
    FUZZ_ASSERT(ukc_classification_evidence(c, n) == NULL);
    char *json;
    FUZZ_ASSERT(ukc_classification_to_json(c, &json) == UKC_OK);
    ukc_free(json);
    ukc_classification_free(c);
    return 0;
}
