/* Private: the policy fields that only routing and cases read (what leads to
 * each exclusion and procedure, which situation a ground belongs to, which
 * kinds an action covers). Built with the policy, freed with it. */
#ifndef UKC_ROUTE_FIELDS_INTERNAL_H
#define UKC_ROUTE_FIELDS_INTERNAL_H

#include <jansson.h>

#include "calendar_internal.h"
#include "ukcomplaints/policy.h"

/* A list of names; n == 0 when the document gives none. */
typedef struct ukc__names {
    const char *const *v;
    size_t n;
} ukc__names;

/* One cue of an exclusion: every group given must match. */
typedef struct ukc__cue {
    ukc__names record;        /* record fields: legal-proceedings, insurance-claim, staff, ... */
    ukc__names text;          /* the classifier's routes: foi, appeal, ... */
    ukc__names service_areas; /* the record's or the text's service areas */
    ukc__names kinds;         /* the kinds it applies to; none: complaint and other */
    bool only_complaints;     /* covers only complaints about how a request was answered */
    bool out_of_time;         /* a complaint brought after the time limit */
} ukc__cue;

typedef struct ukc__policy_fields ukc__policy_fields;

/* Build from a validated document; strings go to pool. NULL for lack of memory. */
ukc__policy_fields *ukc__policy_fields_build(const json_t *root, ukc_strpool *pool);
void ukc__policy_fields_free(ukc__policy_fields *f);

/* Whether names holds name. */
bool ukc__names_has(ukc__names names, const char *name);

/* The cues of the i-th exclusion (none: nothing in a record leads to it). */
const ukc__cue *ukc__exclusion_cues(const ukc_policy *p, size_t i, size_t *count);
/* The service areas of the i-th procedure. */
ukc__names ukc__procedure_service_areas(const ukc_policy *p, size_t i);
/* The action kind a ground of a re-opening belongs to ("withdraw",
 * "discontinue"), or "" when it belongs to any. */
const char *ukc__ground_after(const ukc_policy *p, const ukc_ground *g);
/* The feedback kinds an action covers (none: every kind). */
ukc__names ukc__action_feedback_kinds(const ukc_policy *p, const ukc_case_action *a);

#endif
