/* Explain a deadline: Friday 23 December 2022 plus 3 working days on the
 * England and Wales calendar. The compact explanation lists the start, the
 * convention, each non-working day skipped with its name and legal source,
 * and the result. Prints "due 2022-12-30" and, among the skipped days,
 * "skipped 2022-12-27 Christmas Day (substitute)". */
#include <stdio.h>
#include <ukcomplaints.h>

int main(void)
{
    const ukc_calendar *cal;
    ukc_explanation *e;
    ukc_date start;
    char iso[UKC_DATE_BUFSIZE];

    if (ukc_calendar_builtin("england-and-wales", &cal) != UKC_OK ||
        ukc_date_parse("2022-12-23", &start) != UKC_OK ||
        ukc_calendar_explain_deadline(cal, start, 3, UKC_RECEIPT_DAY_OF_RECEIPT, &e) != UKC_OK) {
        fprintf(stderr, "error: %s\n", ukc_last_error()->message);
        return 1;
    }
    ukc_date_format(ukc_explanation_due(e), iso, sizeof iso);
    printf("due %s\n", iso);

    /* The steps as data: what a case system would store or show. */
    for (size_t i = 0; i < ukc_explanation_step_count(e); i++) {
        const ukc_step *s = ukc_explanation_step(e, i);
        ukc_date_format(s->date, iso, sizeof iso);
        if (s->id == UKC_E006_HOLIDAY_SKIPPED)
            printf("skipped %s %s (%s)\n    source: %s\n", iso, s->name,
                   ukc_day_kind_name(s->day_kind), s->source);
        else if (s->id == UKC_E005_WEEKEND_SKIPPED)
            printf("skipped %s weekend\n", iso);
    }

    /* And as text, one line a step, with each step's permanent ID. */
    printf("\n%s", ukc_explanation_text(e));
    ukc_explanation_free(e);

    /* The day-by-day list, when a reader wants every working day counted. */
    if (ukc_calendar_explain_deadline_ex(cal, start, 3, UKC_RECEIPT_DAY_OF_RECEIPT,
                                         UKC_EXPLAIN_FULL, &e) != UKC_OK)
        return 1;
    printf("\nfull form: %zu steps\n", ukc_explanation_step_count(e));
    ukc_explanation_free(e);
    return 0;
}
