/* Private: building explanations (the calendar makes them; policies add rules). */
#ifndef UKC_EXPLAIN_INTERNAL_H
#define UKC_EXPLAIN_INTERNAL_H

#include "calendar_internal.h"
#include "ukcomplaints/explain.h"

struct ukc_explanation {
    ukc_date start, counted_from, due;
    int32_t days;
    ukc_receipt receipt;
    bool projected;
    const char *calendar;
    ukc_step *steps;
    size_t nsteps, cap;
    ukc_strpool strings;
    char *text; /* built by ukc__explanation_render once the steps are complete */
};

/* Make an explanation of add(start, n) under the convention: the full form
 * (every working day counted, UKC-E004) or the compact one, whose working days
 * are counted without a step each. Not rendered: the caller may add steps and
 * then calls ukc__explanation_render(). */
ukc_status ukc__explain(const ukc_calendar *cal, ukc_date start, int32_t n, ukc_receipt receipt,
                        bool full, ukc_explanation **out);

/* Insert a step at position pos (0 = first); text and strings are copied. */
ukc_status ukc__explanation_insert(ukc_explanation *e, size_t pos, ukc_id id, ukc_date date,
                                   const char *name, const char *source, const char *text);

/* Drop the working days counted (UKC-E004), keeping the start, the convention,
 * every non-working day skipped, the rule and the result; re-render. The
 * compact form every explanation has unless a caller asks for the full one. */
ukc_status ukc__explanation_compact(ukc_explanation *e);

/* Rebuild the rendered text after steps were added. */
ukc_status ukc__explanation_render(ukc_explanation *e);

void ukc__explanation_destroy(ukc_explanation *e);

#endif
