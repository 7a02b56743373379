/* Routing a feedback record under a policy: kind, exclusion, procedure, time
 * limit and first obligations, each answer with its ID and citation. What
 * leads to an exclusion or a procedure is the policy's own data (each
 * exclusion's `cues`, each procedure's `service_areas`); this file knows no
 * council's IDs. The policy is read only through its accessors. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "classify_internal.h"
#include "error_internal.h"
#include "explain_internal.h"
#include "ids_internal.h"
#include "route_fields_internal.h"
#include "route_internal.h"
#include "util.h"

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
    va_list ap;
    va_start(ap, fmt);
    char *buf = ukc__vformat(fmt, ap);
    va_end(ap);
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

/* ---- Looking things up in the policy ------------------------------------- */

static const char *council(const ctx *c)
{
    return ukc_policy_council(c->p);
}

static const ukc_procedure *find_procedure(const ukc_policy *p, const char *id)
{
    for (size_t i = 0; i < ukc_policy_procedure_count(p); i++)
        if (strcmp(ukc_policy_procedure_at(p, i)->id, id) == 0)
            return ukc_policy_procedure_at(p, i);
    return NULL;
}

static const ukc_feedback_definition *find_kind(const ukc_policy *p, const char *id, bool prefix)
{
    for (size_t i = 0; i < ukc_policy_feedback_kind_count(p); i++) {
        const ukc_feedback_definition *d = ukc_policy_feedback_kind_at(p, i);
        if (prefix ? strncmp(d->id, id, strlen(id)) == 0 : strcmp(d->id, id) == 0)
            return d;
    }
    return NULL;
}

/* ---- Cues: what in a record leads to an exclusion -------------------------- */

/* Which step of the routing a cue belongs to: its strongest group. */
typedef enum cue_step { STEP_NONE, STEP_RECORD, STEP_TEXT, STEP_KIND, STEP_AREA, STEP_LATE } cue_step;

static cue_step step_of(const ukc__cue *q)
{
    if (q->out_of_time)
        return STEP_LATE;
    if (q->record.n)
        return STEP_RECORD;
    if (q->text.n)
        return STEP_TEXT;
    if (q->service_areas.n)
        return STEP_AREA;
    return q->kinds.n ? STEP_KIND : STEP_NONE;
}

/* A cue without kinds covers complaints (and matters of no known kind). */
static bool kind_ok(const ukc__cue *q, ukc_feedback_kind k)
{
    if (!q->kinds.n)
        return k == UKC_KIND_COMPLAINT || k == UKC_KIND_OTHER;
    return ukc__names_has(q->kinds, ukc_feedback_kind_name(k));
}

/* The record fields a cue may name, and why each leads somewhere. */
static bool record_ok(const ctx *c, const ukc__cue *q, const char **why)
{
    const ukc_feedback_record *rec = c->rec;
    const struct {
        const char *name, *why;
        bool set;
    } fields[] = {
        { "legal-proceedings", "the record says legal proceedings are under way",
          rec->legal_proceedings },
        { "insurance-claim", "the record says an insurance claim is under way",
          rec->insurance_claim },
        { "staff", "the record says it comes from a member of staff", rec->staff },
        { "anonymous", "the record says it is anonymous", rec->anonymous },
        { "social-media", "the record says it was made on social media",
          rec->channel == UKC_CHANNEL_SOCIAL_MEDIA },
    };
    if (!q->record.n)
        return true;
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (fields[i].set && ukc__names_has(q->record, fields[i].name)) {
            *why = fields[i].why;
            return true;
        }
    return false;
}

/* Whether the cue's service areas hold area (or the cue names none and area is NULL). */
static bool area_ok(const ukc__cue *q, const char *area)
{
    return area ? ukc__names_has(q->service_areas, area) : q->service_areas.n == 0;
}

/* The first exclusion, in the policy's order, with a cue of this step that the
 * record matches; area is the service area a cue must name (NULL: none). */
static const ukc_exclusion *find_cued(const ctx *c, cue_step step, const char *area,
                                      const ukc__cue **cue, const char **why)
{
    for (size_t i = 0; i < ukc_policy_exclusion_count(c->p); i++) {
        size_t n;
        const ukc__cue *qs = ukc__exclusion_cues(c->p, i, &n);
        for (size_t k = 0; k < n; k++) {
            const ukc__cue *q = &qs[k];
            if (step_of(q) != step || !kind_ok(q, c->r->kind) || !record_ok(c, q, why))
                continue;
            if (q->text.n && !ukc__names_has(q->text, c->r->suggested_route))
                continue;
            if (step != STEP_AREA && !area_ok(q, area))
                continue;
            if (step == STEP_AREA && !ukc__names_has(q->service_areas, area))
                continue;
            *cue = q;
            return ukc_policy_exclusion_at(c->p, i);
        }
    }
    return NULL;
}

/* A cue of this step naming one of the matter's service areas (in their
 * order), else one naming none. */
static const ukc_exclusion *find_cued_in_areas(const ctx *c, cue_step step, const ukc__cue **cue,
                                               const char **why)
{
    const ukc_exclusion *x = NULL;
    for (size_t i = 0; i < c->nareas && !x; i++)
        x = find_cued(c, step, c->areas[i], cue, why);
    return x ? x : step == STEP_AREA ? NULL : find_cued(c, step, NULL, cue, why);
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
                             rec->kind, council(c));
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
                      "%s (from %s); %s defines it as '%s' (%s)", name, source, council(c),
                      r->definition->name, r->definition->id);
    if (r->kind == UKC_KIND_OTHER && r->suggested_route)
        return answer(r, &r->kind_answer, UKC_ROUTING_DECIDED, id, NULL,
                      "other (from %s): the text reads as a matter with its own route (%s)",
                      source, r->suggested_route);
    return answer(r, &r->kind_answer, UKC_ROUTING_NOT_DECIDED, UKC_C033_KIND_NOT_DECIDED, NULL,
                  "%s (from %s); not decided by this policy: %s's policy does not define "
                  "this kind of feedback",
                  name, source, council(c));
}

/* ---- Exclusions ----------------------------------------------------------- */

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

static ukc_status decide_exclusion(ctx *c)
{
    ukc_routing *r = c->r;
    const ukc_feedback_record *rec = c->rec;
    const ukc_exclusion *x = NULL;
    const ukc__cue *q = NULL;
    const char *why = "";
    if (!empty(rec->exclusion)) {
        if (ukc_policy_exclusion(c->p, rec->exclusion, &x) != UKC_OK)
            return ukc__fail(UKC_ERR_NOT_FOUND, "%s's policy has no exclusion '%s'", council(c),
                             rec->exclusion);
        return set_exclusion(c, x, UKC_C039_EXCLUDED_BY_RECORD, "the record names it");
    }
    if (!empty(rec->procedure))
        return UKC_OK; /* a handler chose the procedure */
    if ((x = find_cued_in_areas(c, STEP_RECORD, &q, &why)))
        return set_exclusion(c, x, UKC_C034_EXCLUDED_BY_RECORD_FIELD, why);
    if (r->suggested_route) {
        x = find_cued_in_areas(c, STEP_TEXT, &q, &why);
        if (x && q->only_complaints &&
            ukc_classification_score(r->classification, UKC_KIND_COMPLAINT) < 1.0) {
            c->elsewhere = true;
            return answer(r, &r->route_answer, UKC_ROUTING_NOT_DECIDED,
                          UKC_C040_ROUTE_NOT_DECIDED, &x->citation,
                          "the text reads as a request with its own route (%s) and shows no "
                          "dissatisfaction; not decided by this policy: %s's '%s' covers "
                          "only complaints about how such a request was answered",
                          r->suggested_route, council(c), x->id);
        }
        if (x)
            return set_exclusion(c, x, UKC_C035_EXCLUDED_BY_ROUTE_CUE,
                                 strcmp(r->suggested_route, "appeal") == 0
                                     ? "the text reads as an appeal"
                                     : "the text reads as a matter with its own route");
        if (r->kind == UKC_KIND_OTHER) {
            c->elsewhere = true;
            return answer(r, &r->route_answer, UKC_ROUTING_NOT_DECIDED,
                          UKC_C040_ROUTE_NOT_DECIDED, NULL,
                          "the text reads as a matter with its own route (%s); not decided by "
                          "this policy: %s's policy names no exclusion or route for it",
                          r->suggested_route, council(c));
        }
    }
    if ((x = find_cued(c, STEP_KIND, NULL, &q, &why))) {
        char because[96];
        snprintf(because, sizeof because, "it reads as %s",
                 r->kind == UKC_KIND_REQUEST ? "a request for service or information"
                                             : ukc_feedback_kind_name(r->kind));
        return set_exclusion(c, x, UKC_C037_EXCLUDED_BY_KIND, because);
    }
    for (size_t i = 0; i < c->nareas; i++)
        if ((x = find_cued(c, STEP_AREA, c->areas[i], &q, &why))) {
            char because[160];
            snprintf(because, sizeof because, "it is about %s", c->areas[i]);
            return set_exclusion(c, x, UKC_C036_EXCLUDED_BY_SERVICE_AREA, because);
        }
    return UKC_OK;
}

/* ---- Procedure ------------------------------------------------------------ */

/* The first procedure whose service areas name the area. */
static const ukc_procedure *procedure_of_area(const ukc_policy *p, const char *area)
{
    for (size_t i = 0; i < ukc_policy_procedure_count(p); i++)
        if (ukc__names_has(ukc__procedure_service_areas(p, i), area))
            return ukc_policy_procedure_at(p, i);
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
                             council(c), rec->procedure);
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
        for (size_t k = 0; st == UKC_OK && !r->exclusion && k < ukc_policy_exclusion_count(c->p);
             k++) {
            const ukc_exclusion *e = ukc_policy_exclusion_at(c->p, k);
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
    for (size_t i = 0; i < ukc_policy_time_limit_count(p); i++) {
        const ukc_time_limit *l = ukc_policy_time_limit_at(p, i);
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
                      council(c), r->procedure->id);
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
    const ukc__cue *q;
    const char *why;
    if (st == UKC_OK && !r->exclusion && (x = find_cued(c, STEP_LATE, NULL, &q, &why)))
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
                     council(c), pr ? pr->name : d->name);
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
                    "no exclusion of %s's policy applies", council(c));
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
