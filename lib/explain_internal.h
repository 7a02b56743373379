/* Private: building explanations (the calendar makes them; policies add rules). */
#ifndef UKC_EXPLAIN_INTERNAL_H
#define UKC_EXPLAIN_INTERNAL_H

#include "calendar_internal.h"
#include "ukcomplaints/explain.h"

/* Strings kept one after another in blocks, freed together: an explanation
 * copies a few dozen for its steps, an obligation list one ID an item, which
 * a string pool would allocate and hash one by one. */
typedef struct ukc_text_block {
    struct ukc_text_block *next;
    size_t len, cap;
    char s[];
} ukc_text_block;

/* Room for n bytes in the newest block of *blocks, or in a new one of at
 * least min bytes; NULL when out of memory. */
char *ukc__text_room(ukc_text_block **blocks, size_t n, size_t min);

/* Free every block of a list. */
void ukc__text_free(ukc_text_block *blocks);

struct ukc_explanation {
    ukc_date start, counted_from, due;
    int32_t days;
    ukc_receipt receipt;
    bool projected;
    const char *calendar;
    ukc_step *steps;
    size_t nsteps, cap;
    ukc_strpool strings;
    ukc_text_block *texts; /* the steps' strings, newest block first */
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
