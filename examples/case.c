/* Walk a case through a council's procedure: a general complaint to
 * Warwickshire County Council received on Monday 15 April 2024, answered on
 * Thursday 2 May by second-class post, then a request for stage two without
 * reasons, which the policy refuses. Stage one's response was due within 10
 * working days: Apr 16-19 (4), 22-26 (9), 29 (10), so on 2024-04-29, and it
 * went 3 working days late (Apr 30, May 1, 2). Prints
 * "stage-1.respond due 2024-04-29 missed, 3 working days late". */
#include <stdio.h>
#include <ukcomplaints.h>

static int event(ukc_case *c, ukc_event_kind kind, const char *date, const char *reasons)
{
    ukc_case_event ev = UKC_CASE_EVENT_INIT;
    ukc_decision d = UKC_DECISION_INIT;
    ev.kind = kind;
    ev.reasons = reasons;
    if (kind == UKC_EVENT_RESPOND) {
        ev.has_delivery = true;
        ev.delivery = UKC_DELIVERY_SECOND_CLASS_POST;
    }
    if (ukc_date_parse(date, &ev.date) != UKC_OK || ukc_case_apply(c, &ev, &d) != UKC_OK)
        return 1;
    /* A refused event changes nothing; the decision says why, in the policy's words. */
    if (d.allowed)
        printf("%s %-18s allowed\n", date, ukc_event_kind_name(kind));
    else
        printf("%s %-18s REFUSED %s %s\n    %s\n    source: %s, \"%s\"\n", date,
               ukc_event_kind_name(kind), d.code, d.slug, d.message, d.citation->document,
               d.citation->section);
    return 0;
}

int main(void)
{
    const ukc_policy *policy;
    ukc_case *c;
    ukc_obligations *list;
    ukc_date received, as_of;

    if (ukc_policy_builtin("warwickshire", &policy) != UKC_OK ||
        ukc_date_parse("2024-04-15", &received) != UKC_OK ||
        ukc_case_open(policy, "general", "complaint", received, "email", NULL, &c) != UKC_OK) {
        fprintf(stderr, "error: %s\n", ukc_last_error()->message);
        return 1;
    }
    if (event(c, UKC_EVENT_RESPOND, "2024-05-02", NULL) ||
        event(c, UKC_EVENT_REQUEST_ESCALATION, "2024-05-20", NULL)) {
        fprintf(stderr, "error: %s\n", ukc_last_error()->message);
        ukc_case_free(c);
        return 1;
    }

    /* Every obligation as of 20 May: due date, state, and how late. */
    ukc_date_parse("2024-05-20", &as_of);
    if (ukc_case_obligations(c, as_of, 0, &list) != UKC_OK) {
        ukc_case_free(c);
        return 1;
    }
    for (size_t i = 0; i < ukc_obligations_count(list); i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        char due[UKC_DATE_BUFSIZE];
        ukc_date_format(o->due, due, sizeof due);
        printf("%s due %s %s", o->id, due, ukc_obligation_state_name(o->state));
        if (o->late_by)
            printf(", %d working days late", (int)o->late_by);
        printf("\n");
    }
    ukc_obligations_free(list);
    ukc_case_free(c);
    return 0;
}
