/* Private: the routing object shared by route.c and route_json.c. */
#ifndef UKC_ROUTE_INTERNAL_H
#define UKC_ROUTE_INTERNAL_H

#include "calendar_internal.h"
#include "enums_internal.h"
#include "ukcomplaints/route.h"

/* At most: acknowledge, respond (or one explanation of refusal). */
#define UKC_ROUTE_MAX_OBLIGATIONS 2

struct ukc_routing {
    const ukc_policy *policy;
    ukc_classification *classification;
    ukc_feedback_kind kind;
    const ukc_feedback_definition *definition;
    ukc_routing_answer kind_answer, route_answer, procedure_answer;
    const ukc_exclusion *exclusion;
    const char *suggested_route;
    const ukc_procedure *procedure;
    ukc_routing_limit limit;
    ukc_routing_answer limit_answer; /* limit.answer */
    ukc_explanation *limit_explanation;
    ukc_routing_obligation obligations[UKC_ROUTE_MAX_OBLIGATIONS];
    ukc_routing_answer obligation_answers[UKC_ROUTE_MAX_OBLIGATIONS]; /* obligations[i].answer */
    ukc_explanation *explanations[UKC_ROUTE_MAX_OBLIGATIONS];
    size_t nobligations;
    ukc_strpool strings;
};


#endif
