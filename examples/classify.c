/* Classify a message: is it a complaint, a comment, a compliment, a request
 * for service, or a matter with a route of its own (an FOI request...)? The
 * answer comes with its evidence: each cue phrase, where it is in the text and
 * what it counts for. Prints "kind: complaint". */
#include <stdio.h>
#include <string.h>
#include <ukcomplaints.h>

static const char message[] =
    "I reported the broken street light outside number 14 three times in November and "
    "nothing has been done. It is not acceptable.";

int main(void)
{
    ukc_classification *c;

    /* NULL options: the defaults. The text need not be NUL-terminated. */
    if (ukc_classify_text(message, strlen(message), NULL, &c) != UKC_OK) {
        fprintf(stderr, "error: %s\n", ukc_last_error()->message);
        return 1;
    }
    ukc_feedback_kind kind = ukc_classification_kind(c);
    const char *route = ukc_classification_route(c);
    printf("kind: %s\n", ukc_feedback_kind_name(kind));
    printf("route: %s\n", route ? route : "none of its own");
    ukc_id reason = ukc_classification_reason(c);
    printf("reason: %s %s\n", ukc_id_code(reason), ukc_id_slug(reason));

    for (size_t i = 0; i < ukc_classification_evidence_count(c); i++) {
        const ukc_evidence *ev = ukc_classification_evidence(c, i);
        printf("  %s %-24s bytes %zu..%zu \"%.*s\"%s\n", ev->code, ev->category, ev->start,
               ev->end, (int)(ev->end - ev->start), message + ev->start,
               ev->negated ? " (negated)" : "");
    }
    ukc_classification_free(c);
    return 0;
}
