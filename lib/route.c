/* Routing a feedback record under a policy: kind, exclusion, procedure, time
 * limit and first obligations, each answer with its ID and citation. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "alloc_internal.h"
#include "classify_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "ids_internal.h"
#include "policy_internal.h"
#include "route_internal.h"

static const ukc_citation no_citation = {"", "", "", UKC_SOURCE_PRIMARY};

/* The running state of one routing while it is made. */
typedef struct ctx {
    const ukc_policy *p;
    const ukc_feedback_record *rec;
    ukc_routing *r;
    const char *areas[16]; /* the record's service area, else the text's */
    size_t nareas;
    bool area_from_record;
    bool kind_given;        /* the record has no text and no kind */
    bool elsewhere;         /* an exclusion sends the matter outside the policy's procedures */
    ukc_feedback_kind original_kind;
} ctx;

static ukc_status oom(void)
{
    return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory while routing feedback");
}

static bool empty(const char *s)
{
    return !s || !*s;
}

/* Fill an answer; the text is formatted into the routing's pool. */
static ukc_status answer(ukc_routing *r, ukc_routing_answer *a, ukc_routing_state state, ukc_id id,
                         const ukc_citation *cit, const char *fmt, ...) UKC_PRINTF(6, 7);
static ukc_status answer(ukc_routing *r, ukc_routing_answer *a, ukc_routing_state state, ukc_id id,
                         const ukc_citation *cit, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *buf = n >= 0 ? ukc__malloc((size_t)n + 1) : NULL;
    if (buf)
        vsnprintf(buf, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    const char *text = buf ? ukc__pool_strdup(&r->strings, buf) : NULL;
    ukc__free(buf);
    if (!text)
        return oom();
    const ukc_id_entry *e = ukc__id_lookup(id);
    a->state = state;
    a->id = id;
    a->code = e ? e->code : "";
    a->slug = e ? e->slug : "";
    a->text = text;
    a->citation = cit ? *cit : no_citation;
    return UKC_OK;
}

/* ---- Matching the policy's rules by ID ------------------------------------ */

/* A pattern matches an ID when it is a substring of it, or with a leading '^' a prefix. */
static bool id_matches(const char *id, const char *pattern)
{
    if (pattern[0] == '^')
        return strncmp(id, pattern + 1, strlen(pattern + 1)) == 0;
    return strstr(id, pattern) != NULL;
}

/* The first exclusion matching the patterns, tried in the patterns' order. */
static const ukc_exclusion *find_exclusion(const ukc_policy *p, const char *const *patterns)
{
    for (size_t k = 0; patterns && patterns[k]; k++)
        for (size_t i = 0; i < p->nexclusions; i++)
            if (id_matches(p->exclusions[i].id, patterns[k]))
                return &p->exclusions[i];
    return NULL;
}

static const ukc_procedure *find_procedure(const ukc_policy *p, const char *id)
{
    for (size_t i = 0; i < p->nprocedures; i++)
        if (strcmp(p->procedures[i].id, id) == 0)
            return &p->procedures[i];
    return NULL;
}

static const ukc_feedback_definition *find_kind(const ukc_policy *p, const char *id, bool prefix)
{
    for (size_t i = 0; i < p->nkinds; i++)
        if (prefix ? strncmp(p->kinds[i].id, id, strlen(id)) == 0 : strcmp(p->kinds[i].id, id) == 0)
            return &p->kinds[i];
    return NULL;
}

/* What matters in each service area have their own rules. */
typedef struct area_rule {
    const char *area;
    const char *procedures[3]; /* procedure ID patterns for its complaints */
    const char *appeals[4];    /* exclusion ID patterns for an appeal in the area */
} area_rule;

static const area_rule area_rules[] = {
    {"adult-social-care", {"adult-social-care", "^social-care", NULL}, {NULL}},
    {"childrens-services", {"child", "^social-care", NULL}, {NULL}},
    {"send", {"^send", NULL}, {"ehcp", "special-educational", NULL}},
    {"schools", {NULL}, {"admissions", "school-place", "school-exclusions", NULL}},
    {"transport", {NULL}, {"transport-appeals", NULL}},
    {"parking", {NULL}, {"parking", NULL}},
    {"planning", {NULL}, {"planning", NULL}},
    {"benefits", {NULL}, {"benefits", NULL}},
    {"council-tax", {NULL}, {"benefits", NULL}},
};

static const area_rule *area_rule_of(const char *area)
{
    for (size_t i = 0; i < sizeof area_rules / sizeof area_rules[0]; i++)
        if (strcmp(area_rules[i].area, area) == 0)
            return &area_rules[i];
    return NULL;
}

/* Exclusion ID patterns for each route the classifier may suggest. The patterns in
 * `complaints` name exclusions that cover only complaints about how a request was
 * answered (Kent's "To complain about our response to a request for information",
 * Warwickshire's "Complaints about data protection"): a new request for information
 * is not one of them. Those are exact exclusion IDs: Derby's "data-protection-requests"
 * covers the requests themselves. */
typedef struct route_rule {
    const char *route;
    const char *patterns[4];
    const char *complaints[3];
} route_rule;

static const route_rule route_rules[] = {
    {"foi", {"foi", "information-requests", NULL}, {"information-requests", NULL}},
    {"subject-access",
     {"data-protection", "information-requests", NULL},
     {"information-requests", "data-protection", NULL}},
    {"data-breach", {"data-protection", "information-requests", NULL}, {NULL}},
    {"councillor-conduct", {"councillor", NULL}, {NULL}},
    {"hate-crime", {"hate-crime", NULL}, {NULL}},
    {"school", {"schools", NULL}, {NULL}},
    {"staff-grievance", {"staff", NULL}, {NULL}},
    {"insurance-claim", {"insurance", "compensation", NULL}, {NULL}},
    {"appeal", {"statutory-appeals", "reviews-and-tribunals", NULL}, {NULL}},
};

static const route_rule *route_rule_of(const char *route)
{
    for (size_t i = 0; i < sizeof route_rules / sizeof route_rules[0]; i++)
        if (strcmp(route_rules[i].route, route) == 0)
            return &route_rules[i];
    return NULL;
}

static const char *const *route_patterns(const char *route)
{
    const route_rule *rule = route_rule_of(route);
    return rule ? rule->patterns : NULL;
}

/* Whether exclusion x covers only complaints about a response, for this route. */
static bool complaints_only(const char *route, const ukc_exclusion *x)
{
    const route_rule *rule = route_rule_of(route);
    for (size_t k = 0; rule && rule->complaints[k]; k++)
        if (strcmp(x->id, rule->complaints[k]) == 0)
            return true;
    return false;
}

/* ---- Kind ----------------------------------------------------------------- */

static ukc_feedback_kind kind_of_definition(const ukc_feedback_definition *d)
{
    if (strstr(d->id, "complaint") || !empty(d->procedure))
        return UKC_KIND_COMPLAINT;
    if (strncmp(d->id, "request", 7) == 0)
        return UKC_KIND_REQUEST;
    if (strstr(d->id, "compliment"))
        return UKC_KIND_COMPLIMENT;
    return UKC_KIND_COMMENT;
}

/* The policy's definition of a library kind. */
static const ukc_feedback_definition *definition_of(const ukc_policy *p, ukc_feedback_kind k)
{
    switch (k) {
    case UKC_KIND_COMPLAINT:
    case UKC_KIND_COMMENT:
    case UKC_KIND_COMPLIMENT:
        return find_kind(p, ukc_feedback_kind_name(k), false);
    case UKC_KIND_REQUEST:
        return find_kind(p, "request", true);
    default:
        return NULL;
    }
}

static ukc_status decide_kind(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_feedback_record *rec = c->rec;
    const char *source = "the text classifier";
    ukc_id id = UKC_C030_KIND_FROM_TEXT;
    c->kind_given = true;
    if (!empty(rec->kind)) {
        ukc_feedback_kind k;
        const ukc_feedback_definition *d = find_kind(c->p, rec->kind, false);
        source = "the record";
        id = UKC_C031_KIND_FROM_RECORD;
        if (d) {
            r->definition = d;
            r->kind = kind_of_definition(d);
        } else if (ukc_feedback_kind_from_name(rec->kind, &k) == UKC_OK) {
            r->kind = k;
            r->definition = definition_of(c->p, k);
        } else {
            return ukc__fail(UKC_ERR_NOT_FOUND,
                             "'%s' is neither a kind of feedback nor one of %s's feedback kinds",
                             rec->kind, c->p->council);
        }
    } else if (r->classification) {
        r->kind = ukc_classification_kind(r->classification);
        r->definition = definition_of(c->p, r->kind);
    } else {
        r->kind = UKC_KIND_OTHER;
        c->kind_given = false;
        c->original_kind = r->kind;
        return answer(r, &r->kind_answer, UKC_ROUTING_NOT_DECIDED, UKC_C033_KIND_NOT_DECIDED,
                      NULL, "the record gives neither text nor a kind of feedback");
    }
    c->original_kind = r->kind;
    const char *name = ukc_feedback_kind_name(r->kind);
    if (r->definition)
        return answer(r, &r->kind_answer, UKC_ROUTING_DECIDED, id, &r->definition->citation,
                      "%s (from %s); %s defines it as '%s' (%s)", name, source, c->p->council,
                      r->definition->name, r->definition->id);
    if (r->kind == UKC_KIND_OTHER && r->suggested_route)
        return answer(r, &r->kind_answer, UKC_ROUTING_DECIDED, id, NULL,
                      "other (from %s): the text reads as a matter with its own route (%s)",
                      source, r->suggested_route);
    return answer(r, &r->kind_answer, UKC_ROUTING_NOT_DECIDED, UKC_C033_KIND_NOT_DECIDED, NULL,
                  "%s (from %s); not decided by this policy: %s's policy does not define "
                  "this kind of feedback",
                  name, source, c->p->council);
}

/* ---- Exclusions ----------------------------------------------------------- */

static const char *const social_media[] = {"social-media", NULL};
static const char *const legal[] = {"legal-proceedings", NULL};
static const char *const insurance[] = {"insurance", "compensation", NULL};
static const char *const staff[] = {"staff", NULL};
static const char *const internal_compliments[] = {"internal-compliments", NULL};
static const char *const anonymous[] = {"anonymous", NULL};
static const char *const requests[] = {"^request", NULL};
static const char *const schools[] = {"schools", NULL};
static const char *const late[] = {"late", NULL};

static ukc_status set_exclusion(ctx *c, const ukc_exclusion *x, ukc_id id, const char *why)
{
    ukc_routing *r = c->r;
    r->exclusion = x;
    c->elsewhere = x->route != UKC_ROUTE_SEPARATE_PROCEDURE && x->route != UKC_ROUTE_RECLASSIFIED;
    char buf[160];
    const char *dest = x->destination;
    if (empty(dest) && x->route == UKC_ROUTE_SEPARATE_PROCEDURE)
        snprintf(buf, sizeof buf, "the policy's procedure %s", x->procedure), dest = buf;
    else if (empty(dest) && x->route == UKC_ROUTE_RECLASSIFIED)
        snprintf(buf, sizeof buf, "handled as feedback of the kind %s", x->feedback_kind),
            dest = buf;
    else if (empty(dest))
        dest = x->route == UKC_ROUTE_NOT_HANDLED
                   ? "the policy does not handle it and names nowhere else"
                   : "the policy does not say where the customer goes";
    return answer(r, &r->route_answer, UKC_ROUTING_DECIDED, id, &x->citation,
                  "%s: excluded (%s) because %s; %s: %s", x->id, x->subject, why,
                  ukc_route_name(x->route), dest);
}

/* Exclusions for a matter the record's fields describe. */
static const ukc_exclusion *by_fields(ctx *c, const char **why)
{
    const ukc_feedback_record *rec = c->rec;
    const ukc_policy *p = c->p;
    const ukc_exclusion *x = NULL;
    ukc_feedback_kind k = c->r->kind;
    bool complaint_like = k == UKC_KIND_COMPLAINT || k == UKC_KIND_OTHER;
    if (rec->staff && k == UKC_KIND_COMPLIMENT && (x = find_exclusion(p, internal_compliments)))
        *why = "the record says it comes from a member of staff";
    else if (!complaint_like)
        return NULL;
    else if (rec->legal_proceedings && (x = find_exclusion(p, legal)))
        *why = "the record says legal proceedings are under way";
    else if (rec->insurance_claim && (x = find_exclusion(p, insurance)))
        *why = "the record says an insurance claim is under way";
    else if (rec->staff && (x = find_exclusion(p, staff)))
        *why = "the record says it comes from a member of staff";
    else if (rec->anonymous && (x = find_exclusion(p, anonymous)))
        *why = "the record says it is anonymous";
    else if (rec->channel == UKC_CHANNEL_SOCIAL_MEDIA && (x = find_exclusion(p, social_media)))
        *why = "the record says it was made on social media";
    return x;
}

/* The exclusion for an appeal: by the service areas, else a general appeal route. */
static const ukc_exclusion *appeal_exclusion(ctx *c)
{
    for (size_t i = 0; i < c->nareas; i++) {
        const area_rule *a = area_rule_of(c->areas[i]);
        const ukc_exclusion *x = a ? find_exclusion(c->p, a->appeals) : NULL;
        if (x)
            return x;
    }
    return find_exclusion(c->p, route_patterns("appeal"));
}

static ukc_status decide_exclusion(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_feedback_record *rec = c->rec;
    const ukc_exclusion *x = NULL;
    const char *why = "";
    if (!empty(rec->exclusion)) {
        for (size_t i = 0; i < c->p->nexclusions && !x; i++)
            if (strcmp(c->p->exclusions[i].id, rec->exclusion) == 0)
                x = &c->p->exclusions[i];
        if (!x)
            return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no exclusion '%s'",
                             c->p->council, rec->exclusion);
        return set_exclusion(c, x, UKC_C039_EXCLUDED_BY_RECORD, "the record names it");
    }
    if (!empty(rec->procedure))
        return UKC_OK; /* a handler chose the procedure */
    if ((x = by_fields(c, &why)))
        return set_exclusion(c, x, UKC_C034_EXCLUDED_BY_RECORD_FIELD, why);
    if (r->suggested_route) {
        x = strcmp(r->suggested_route, "appeal") == 0
                ? appeal_exclusion(c)
                : find_exclusion(c->p, route_patterns(r->suggested_route));
        if (x && complaints_only(r->suggested_route, x) &&
            ukc_classification_score(r->classification, UKC_KIND_COMPLAINT) < 1.0) {
            c->elsewhere = true;
            return answer(r, &r->route_answer, UKC_ROUTING_NOT_DECIDED,
                          UKC_C040_ROUTE_NOT_DECIDED, &x->citation,
                          "the text reads as a request with its own route (%s) and shows no "
                          "dissatisfaction; not decided by this policy: %s's '%s' covers "
                          "only complaints about how such a request was answered",
                          r->suggested_route, c->p->council, x->id);
        }
        if (x)
            return set_exclusion(c, x, UKC_C035_EXCLUDED_BY_ROUTE_CUE,
                                 r->suggested_route[0] == 'a'
                                     ? "the text reads as an appeal"
                                     : "the text reads as a matter with its own route");
        if (r->kind == UKC_KIND_OTHER) {
            c->elsewhere = true;
            return answer(r, &r->route_answer, UKC_ROUTING_NOT_DECIDED,
                          UKC_C040_ROUTE_NOT_DECIDED, NULL,
                          "the text reads as a matter with its own route (%s); not decided by "
                          "this policy: %s's policy names no exclusion or route for it",
                          r->suggested_route, c->p->council);
        }
    }
    if (r->kind == UKC_KIND_REQUEST && (x = find_exclusion(c->p, requests)))
        return set_exclusion(c, x, UKC_C037_EXCLUDED_BY_KIND,
                             "it reads as a request for service or information");
    bool complaint_like = r->kind == UKC_KIND_COMPLAINT || r->kind == UKC_KIND_OTHER;
    for (size_t i = 0; complaint_like && i < c->nareas; i++)
        if (strcmp(c->areas[i], "schools") == 0 && (x = find_exclusion(c->p, schools)))
            return set_exclusion(c, x, UKC_C036_EXCLUDED_BY_SERVICE_AREA,
                                 "it is about schools");
    return UKC_OK;
}

/* ---- Procedure ------------------------------------------------------------ */

static const ukc_procedure *procedure_of_area(const ukc_policy *p, const char *area)
{
    const area_rule *a = area_rule_of(area);
    for (size_t k = 0; a && k < 3 && a->procedures[k]; k++)
        for (size_t i = 0; i < p->nprocedures; i++)
            if (id_matches(p->procedures[i].id, a->procedures[k]))
                return &p->procedures[i];
    return NULL;
}

static ukc_status procedure_answer(ctx *c, ukc_id id, const char *why)
{
    ukc_routing *r = c->r;
    const ukc_procedure *pr = r->procedure;
    return answer(r, &r->procedure_answer, UKC_ROUTING_DECIDED, id, &pr->citation,
                  "%s (%s): %s%s%s", pr->name, pr->id, why,
                  empty(pr->not_in_source) ? "" : "; its stages are not set: ",
                  empty(pr->not_in_source) ? "" : pr->not_in_source);
}

static ukc_status decide_procedure(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_feedback_record *rec = c->rec;
    const ukc_exclusion *x = r->exclusion;
    if (!empty(rec->procedure)) {
        r->procedure = find_procedure(c->p, rec->procedure);
        if (!r->procedure)
            return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no procedure '%s'",
                             c->p->council, rec->procedure);
        return procedure_answer(c, UKC_C042_PROCEDURE_FROM_RECORD, "given by the record");
    }
    if (x && x->route == UKC_ROUTE_SEPARATE_PROCEDURE && !empty(x->procedure)) {
        r->procedure = find_procedure(c->p, x->procedure);
        if (r->procedure)
            return procedure_answer(c, UKC_C046_PROCEDURE_FROM_EXCLUSION,
                                    "the exclusion sends it to this procedure");
    }
    if (c->elsewhere)
        return answer(r, &r->procedure_answer, UKC_ROUTING_NOT_APPLICABLE,
                      UKC_C047_PROCEDURE_NOT_APPLICABLE, NULL,
                      "no procedure of this policy: the matter goes elsewhere");
    const ukc_feedback_definition *d = r->definition;
    bool complaint = r->kind == UKC_KIND_COMPLAINT || (d && !empty(d->procedure));
    if (!complaint) {
        if (r->kind == UKC_KIND_OTHER || !d)
            return answer(r, &r->procedure_answer, UKC_ROUTING_NOT_DECIDED,
                          UKC_C048_PROCEDURE_NOT_DECIDED, NULL,
                          "not decided by this policy: it names no procedure for %s",
                          ukc_feedback_kind_name(r->kind));
        return answer(r, &r->procedure_answer, UKC_ROUTING_NOT_APPLICABLE,
                      UKC_C047_PROCEDURE_NOT_APPLICABLE, NULL,
                      "no complaints procedure: %s is handled as feedback of its own kind",
                      d->name);
    }
    for (size_t i = 0; i < c->nareas; i++) {
        const ukc_procedure *pr = procedure_of_area(c->p, c->areas[i]);
        if (!pr)
            continue;
        r->procedure = pr;
        char why[160];
        snprintf(why, sizeof why, "the service area is %s (%s)", c->areas[i],
                 c->area_from_record ? "given by the record" : "found in the text");
        ukc_status st = procedure_answer(c, c->area_from_record
                                                ? UKC_C043_PROCEDURE_FROM_SERVICE_AREA
                                                : UKC_C044_PROCEDURE_FROM_TEXT_AREA,
                                         why);
        /* A procedure the policy lists among its exclusions names that exclusion too. */
        for (size_t k = 0; st == UKC_OK && !r->exclusion && k < c->p->nexclusions; k++) {
            const ukc_exclusion *e = &c->p->exclusions[k];
            if (e->route == UKC_ROUTE_SEPARATE_PROCEDURE && strcmp(e->procedure, pr->id) == 0)
                st = set_exclusion(c, e, UKC_C036_EXCLUDED_BY_SERVICE_AREA, why);
        }
        return st;
    }
    if (d && !empty(d->procedure) && (r->procedure = find_procedure(c->p, d->procedure)))
        return procedure_answer(c, UKC_C045_PROCEDURE_OF_KIND, "the policy's procedure for it");
    return answer(r, &r->procedure_answer, UKC_ROUTING_NOT_DECIDED,
                  UKC_C048_PROCEDURE_NOT_DECIDED, NULL,
                  "not decided by this policy: it names no procedure for this complaint");
}

/* ---- Time limit ----------------------------------------------------------- */

static const ukc_time_limit *find_limit(const ukc_policy *p, const ukc_procedure *pr)
{
    const ukc_time_limit *general = NULL;
    for (size_t i = 0; i < p->nlimits; i++) {
        const ukc_time_limit *l = &p->limits[i];
        if (l->kind != UKC_LIMIT_BRING_COMPLAINT && l->kind != UKC_LIMIT_INCIDENT_AGE)
            continue;
        if (!empty(l->stage) && pr->stage_count && strcmp(l->stage, pr->stages[0].id) != 0)
            continue;
        if (strcmp(l->procedure, pr->id) == 0)
            return l;
        if (empty(l->procedure) && !general)
            general = l;
    }
    return general;
}

static ukc_status decide_limit(ctx *c)
{
    ukc_routing *r = c->r;
    ukc_routing_limit *lim = &r->limit;
    const ukc_feedback_record *rec = c->rec;
    lim->start = lim->last_day = UKC_NO_DATE;
    lim->exception = "";
    lim->exception_citation = no_citation;
    if (!r->procedure || c->elsewhere || r->kind != UKC_KIND_COMPLAINT)
        return answer(r, &lim->answer, UKC_ROUTING_NOT_APPLICABLE,
                      UKC_C053_TIME_LIMIT_NOT_APPLICABLE, NULL,
                      "no time limit check: the feedback is not a complaint under one of the "
                      "policy's procedures");
    const ukc_time_limit *l = find_limit(c->p, r->procedure);
    if (!l)
        return answer(r, &lim->answer, UKC_ROUTING_NOT_SET, UKC_C051_TIME_LIMIT_NOT_SET, NULL,
                      "not set: %s's policy sets no time limit for bringing a complaint under "
                      "%s",
                      c->p->council, r->procedure->id);
    lim->limit = l;
    lim->exception = l->exception;
    lim->exception_citation = l->exception_citation;
    ukc_date start = UKC_NO_DATE;
    const char *field = "";
    if (l->time.from == UKC_CLOCK_ISSUE_AWARE)
        start = rec->aware, field = "the date the customer became aware";
    else if (l->time.from == UKC_CLOCK_ISSUE_ARISING)
        start = rec->events, field = "the date of the events";
    else if (l->time.from == UKC_CLOCK_RECEIPT)
        start = rec->received, field = "the date received";
    if (start == UKC_NO_DATE || rec->received == UKC_NO_DATE)
        return answer(r, &lim->answer, UKC_ROUTING_NEEDS_INPUT, UKC_C052_TIME_LIMIT_NEEDS_DATE,
                      &l->citation, "%s: %s; the check needs %s", l->id, l->text,
                      start == UKC_NO_DATE && *field ? field : "the date received");
    ukc_explanation *e;
    ukc_status st = ukc_policy_explain_time_limit(c->p, l, start, &e);
    if (st != UKC_OK)
        return st;
    r->limit_explanation = e;
    lim->explanation = e;
    lim->start = start;
    lim->last_day = ukc_explanation_due(e);
    lim->in_time = rec->received <= lim->last_day;
    char last[UKC_DATE_BUFSIZE], recd[UKC_DATE_BUFSIZE];
    ukc_date_format(lim->last_day, last, sizeof last);
    ukc_date_format(rec->received, recd, sizeof recd);
    if (lim->in_time)
        return answer(r, &lim->answer, UKC_ROUTING_DECIDED, UKC_C049_TIME_LIMIT_MET, &l->citation,
                      "%s: in time: received %s, on or before the last day %s (%s)", l->id,
                      recd, last, l->text);
    st = answer(r, &lim->answer, UKC_ROUTING_DECIDED, UKC_C050_TIME_LIMIT_PASSED, &l->citation,
                "%s: out of time: received %s, after the last day %s (%s)%s%s", l->id, recd,
                last, l->text, empty(l->exception) ? "; the policy states no exception"
                                                   : "; the policy's exception: ",
                l->exception);
    const ukc_exclusion *x;
    if (st == UKC_OK && !r->exclusion && (x = find_exclusion(c->p, late)))
        st = set_exclusion(c, x, UKC_C038_EXCLUDED_OUT_OF_TIME,
                           "the complaint is out of time (the exception may still apply)");
    return st;
}

/* ---- First obligations ---------------------------------------------------- */

static const ukc_obligation *find_obligation(const ukc_obligation *list, size_t n,
                                             ukc_obligation_kind kind)
{
    for (size_t i = 0; i < n; i++)
        if (list[i].kind == kind)
            return &list[i];
    return NULL;
}

static ukc_status due_of(ctx *c, ukc_routing_obligation *o, size_t slot)
{
    ukc_routing *r = c->r;
    const ukc_obligation *ob = o->obligation;
    const char *kind = ukc_obligation_kind_name(o->kind);
    /* A clock at the acknowledgement is chained on the acknowledgement's due date. */
    ukc_explanation *e = NULL;
    ukc_status st = UKC_ERR_NOT_SET;
    if (c->rec->received != UKC_NO_DATE && (ob->time.from == UKC_CLOCK_RECEIPT ||
                                            ob->time.from == UKC_CLOCK_ACKNOWLEDGEMENT))
        st = ukc_policy_explain_from_receipt(c->p, ob, UKC_BOUND_TARGET, c->rec->received, &e);
    if (st == UKC_ERR_NOT_SET || (st == UKC_OK && ob->time.from != UKC_CLOCK_RECEIPT &&
                                  ob->time.from != UKC_CLOCK_ACKNOWLEDGEMENT)) {
        ukc_explanation_free(e);
        ukc__error_reset();
        return answer(r, &o->answer, UKC_ROUTING_NEEDS_INPUT, UKC_C056_OBLIGATION_NEEDS_DATE,
                      &ob->citation, "%s: %s; its due date needs the date of %s", kind,
                      ob->text, ukc_clock_event_name(ob->time.from));
    }
    if (st != UKC_OK)
        return st;
    r->explanations[slot] = e;
    o->explanation = e;
    o->due = ukc_explanation_due(e);
    if (ob->time.maximum > 0) {
        ukc_explanation *m = NULL;
        st = ukc_policy_explain_from_receipt(c->p, ob, UKC_BOUND_MAXIMUM, c->rec->received, &m);
        o->due_maximum = ukc_explanation_due(m);
        ukc_explanation_free(m);
        if (st != UKC_OK)
            return st;
    }
    char due[UKC_DATE_BUFSIZE], max[UKC_DATE_BUFSIZE + 16] = "";
    ukc_date_format(o->due, due, sizeof due);
    if (ob->time.maximum > 0) {
        char m[UKC_DATE_BUFSIZE];
        ukc_date_format(o->due_maximum, m, sizeof m);
        snprintf(max, sizeof max, " (at most %s)", m);
    }
    bool cond = !empty(ob->condition);
    return answer(r, &o->answer, UKC_ROUTING_DECIDED, UKC_C054_OBLIGATION_DUE, &ob->citation,
                  "%s by %s%s: %s%s%s%s", kind, due, max, ob->text, cond ? " (when: " : "",
                  cond ? ob->condition : "", cond ? ")" : "");
}

/* Add a first obligation: its due date when the policy sets it, else the state given. */
static ukc_status add_obligation(ctx *c, ukc_obligation_kind kind, const ukc_obligation *ob,
                                 ukc_routing_state state, ukc_id id, const char *why)
{
    ukc_routing *r = c->r;
    size_t slot = r->nobligations++;
    ukc_routing_obligation *o = &r->obligations[slot];
    o->kind = kind;
    o->obligation = ob;
    o->due = o->due_maximum = UKC_NO_DATE;
    if (ob)
        return due_of(c, o, slot);
    return answer(r, &o->answer, state, id, NULL, "%s: %s", ukc_obligation_kind_name(kind), why);
}

static ukc_status decide_obligations(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_procedure *pr = r->procedure;
    const ukc_feedback_definition *d = r->definition;
    if (c->elsewhere) {
        /* A complaint the council will not take: its explanation of refusal, if set. */
        const ukc_feedback_definition *cd = find_kind(c->p, "complaint", false);
        const ukc_obligation *ob =
            cd && (c->original_kind == UKC_KIND_COMPLAINT || c->original_kind == UKC_KIND_OTHER)
                ? find_obligation(cd->obligations, cd->obligation_count,
                                  UKC_OBLIGATION_EXPLAIN_REFUSAL)
                : NULL;
        return ob && r->exclusion ? add_obligation(c, UKC_OBLIGATION_EXPLAIN_REFUSAL, ob, 0, 0, "")
                                  : UKC_OK;
    }
    static const ukc_obligation_kind kinds[2] = {UKC_OBLIGATION_ACKNOWLEDGE,
                                                 UKC_OBLIGATION_RESPOND};
    for (int k = 0; k < 2; k++) {
        const ukc_obligation *ob = NULL;
        ukc_status st;
        if (!pr && !d) {
            st = add_obligation(c, kinds[k], NULL, UKC_ROUTING_NOT_DECIDED,
                                UKC_C057_OBLIGATION_NOT_DECIDED,
                                "not decided by this policy: it does not define this kind of "
                                "feedback or its procedure");
            if (st != UKC_OK)
                return st;
            continue;
        }
        if (pr && pr->stage_count) {
            const ukc_stage *s = &pr->stages[0];
            ob = find_obligation(s->obligations, s->obligation_count, kinds[k]);
            if (!ob && kinds[k] == UKC_OBLIGATION_ACKNOWLEDGE)
                ob = find_obligation(s->obligations, s->obligation_count, UKC_OBLIGATION_CONTACT);
        }
        /* The kind's own timescales apply under its own procedure, or without one. */
        if (!ob && d && (!pr || strcmp(d->procedure, pr->id) == 0))
            ob = find_obligation(d->obligations, d->obligation_count, kinds[k]);
        char why[1024];
        if (pr && !empty(pr->not_in_source))
            snprintf(why, sizeof why, "not set: %s", pr->not_in_source);
        else
            snprintf(why, sizeof why, "not set: %s's policy sets no such timescale for %s",
                     c->p->council, pr ? pr->name : d->name);
        st = add_obligation(c, kinds[k], ob, UKC_ROUTING_NOT_SET, UKC_C055_OBLIGATION_NOT_SET,
                            why);
        if (st != UKC_OK)
            return st;
    }
    return UKC_OK;
}

/* ---- The entry point ------------------------------------------------------ */

static bool date_ok(ukc_date d)
{
    return d == UKC_NO_DATE || (d >= UKC_DATE_MIN && d <= UKC_DATE_MAX);
}

static ukc_status check_string(const char *s, const char *field)
{
    size_t bad;
    if (s && !ukc__utf8_valid(s, strlen(s), &bad)) {
        ukc__fail(UKC_ERR_INVALID_UTF8, "the record's %s is not valid UTF-8 at byte %zu", field,
                  bad);
        ukc__error_position(0, 0, (int64_t)bad);
        return UKC_ERR_INVALID_UTF8;
    }
    return UKC_OK;
}

static ukc_status check_record(const ukc_feedback_record *rec)
{
    if (rec->version == 0 || rec->version > UKC_FEEDBACK_RECORD_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "unknown feedback record version %u", rec->version);
    if (!rec->text && rec->text_len)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "the record's text is NULL with a length");
    if ((int)rec->channel < 0 || (int)rec->channel > UKC_CHANNEL_SOCIAL_MEDIA)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "unknown channel %d", (int)rec->channel);
    if (!date_ok(rec->events) || !date_ok(rec->aware) || !date_ok(rec->received))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT,
                         "a date of the record is outside 1900-01-01..2199-12-31");
    ukc_status st = check_string(rec->service_area, "service area");
    if (st == UKC_OK)
        st = check_string(rec->kind, "kind");
    if (st == UKC_OK)
        st = check_string(rec->procedure, "procedure");
    if (st == UKC_OK)
        st = check_string(rec->exclusion, "exclusion");
    return st;
}

static void collect_areas(ctx *c)
{
    const ukc_feedback_record *rec = c->rec;
    if (!empty(rec->service_area)) {
        c->areas[c->nareas++] = rec->service_area;
        c->area_from_record = true;
        return;
    }
    size_t n = ukc_classification_area_count(c->r->classification);
    for (size_t i = 0; i < n && c->nareas < sizeof c->areas / sizeof c->areas[0]; i++)
        c->areas[c->nareas++] = ukc_classification_area(c->r->classification, i);
}

static ukc_status route(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_feedback_record *rec = c->rec;
    if (rec->text) {
        ukc_status st = ukc_classify_text(rec->text, rec->text_len, NULL, &r->classification);
        if (st != UKC_OK)
            return st;
        r->suggested_route = ukc_classification_route(r->classification);
    }
    collect_areas(c);
    ukc_status st = decide_kind(c);
    if (st == UKC_OK)
        st = decide_exclusion(c);
    if (st == UKC_OK)
        st = decide_procedure(c);
    if (st == UKC_OK)
        st = decide_limit(c);
    if (st == UKC_OK && !r->route_answer.text)
        st = answer(r, &r->route_answer, UKC_ROUTING_NOT_APPLICABLE, UKC_C041_NO_EXCLUSION, NULL,
                    "no exclusion of %s's policy applies", c->p->council);
    if (st == UKC_OK && r->exclusion && r->exclusion->route == UKC_ROUTE_RECLASSIFIED &&
        !empty(r->exclusion->feedback_kind)) {
        const ukc_feedback_definition *d = find_kind(c->p, r->exclusion->feedback_kind, false);
        if (d) {
            r->definition = d;
            r->kind = kind_of_definition(d);
            st = answer(r, &r->kind_answer, UKC_ROUTING_DECIDED, UKC_C032_KIND_RECLASSIFIED,
                        &r->exclusion->citation, "%s: treated as '%s' (%s) under the exclusion %s",
                        ukc_feedback_kind_name(r->kind), d->name, d->id, r->exclusion->id);
        }
    }
    if (st == UKC_OK)
        st = decide_obligations(c);
    return st;
}

/* Release a half-made routing without losing the error being reported: the
 * classification's public free resets the thread's error, so it is restored. */
static void free_keeping_error(ukc_routing *r)
{
    const ukc_error *e = ukc_last_error();
    ukc_error saved = *e;
    char message[1024], path[256];
    snprintf(message, sizeof message, "%s", e->message);
    snprintf(path, sizeof path, "%s", e->path);
    ukc_routing_free(r);
    ukc__fail(saved.status, "%s", message);
    ukc__error_position(saved.line, saved.column, saved.offset);
    if (*path)
        ukc__error_path(path);
    if (saved.index >= 0)
        ukc__error_index(saved.index);
}

ukc_status ukc_feedback_record_init(ukc_feedback_record *record, unsigned int version)
{
    ukc__error_reset();
    if (!record)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "record is NULL");
    if (version == 0 || version > UKC_FEEDBACK_RECORD_VERSION)
        return ukc__fail(UKC_ERR_VERSION, "unknown feedback record version %u", version);
    ukc_feedback_record init = UKC_FEEDBACK_RECORD_INIT;
    *record = init;
    return UKC_OK;
}

ukc_status ukc_route_feedback(const ukc_policy *policy, const ukc_feedback_record *record,
                              ukc_routing **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!policy || !record || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL",
                         !policy ? "policy" : !record ? "record" : "out");
    ukc_status st = check_record(record);
    if (st != UKC_OK)
        return st;
    ukc_routing *r = ukc__calloc(1, sizeof *r);
    if (!r)
        return oom();
    r->policy = policy;
    ctx c = {.p = policy, .rec = record, .r = r};
    st = route(&c);
    if (st != UKC_OK) {
        free_keeping_error(r);
        return st;
    }
    *out = r;
    return UKC_OK;
}

void ukc_routing_free(ukc_routing *r)
{
    ukc__error_reset();
    if (!r)
        return;
    ukc_classification_free(r->classification);
    ukc_explanation_free(r->limit_explanation);
    for (size_t i = 0; i < UKC_ROUTE_MAX_OBLIGATIONS; i++)
        ukc_explanation_free(r->explanations[i]);
    ukc__pool_free(&r->strings);
    ukc__free(r);
}
