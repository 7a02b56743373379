/* Building a policy object from a validated document, and loading. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error_internal.h"
#include "ids_internal.h"
#include "policy_internal.h"
#include "route_fields_internal.h"
#include "util.h"

typedef struct builder {
    ukc_policy *p;
    const json_t *docs; /* the documents, for a citation's default source quality */
    const json_t *base; /* the model's documents when based on one, or NULL */
    bool oom;
    size_t nstage, nobl, nground; /* next free slot of each shared array */
} builder;

static const char *S(builder *b, const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    const char *s = ukc__pool_strdup(&b->p->strings, json_is_string(v) ? json_string_value(v) : "");
    if (!s) {
        b->oom = true;
        return "";
    }
    return s;
}

static int32_t I(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_integer(v) ? (int32_t)json_integer_value(v) : 0;
}

static bool B(const json_t *obj, const char *key)
{
    return json_is_true(json_object_get(obj, key));
}

static int E(const json_t *obj, const char *key, const char *const *names)
{
    const json_t *v = json_object_get(obj, key);
    int i = json_is_string(v) ? ukc__name_index(names, json_string_value(v)) : -1;
    return i < 0 ? 0 : i;
}

/* A citation's source quality: its own, else its document's, else primary. */
static ukc_source_quality quality(const builder *b, const json_t *c)
{
    if (json_object_get(c, "source"))
        return (ukc_source_quality)E(c, "source", ukc__source_names);
    const json_t *title = json_object_get(c, "document"), *d;
    size_t i;
    json_array_foreach(b->docs, i, d)
    {
        if (json_is_string(title) && json_equal(json_object_get(d, "title"), title))
            return (ukc_source_quality)E(d, "source", ukc__source_names);
    }
    return UKC_SOURCE_PRIMARY;
}

static ukc_citation cite(builder *b, const json_t *c)
{
    ukc_citation out = { S(b, c, "document"), S(b, c, "section"), S(b, c, "quote"),
                         quality(b, c) };
    return out;
}

static ukc_timescale timescale(builder *b, const json_t *t)
{
    ukc_timescale out;
    out.count = I(t, "count");
    out.maximum = I(t, "maximum");
    out.range = B(t, "range");
    out.unit = (ukc_unit)E(t, "unit", ukc__unit_names);
    out.from = (ukc_clock_event)E(t, "from", ukc__event_names);
    out.calendar = json_object_get(t, "calendar") ? S(b, t, "calendar")
                                                  : b->p->working_days.calendar;
    out.recurring = B(t, "recurring");
    out.unit_unclear = B(t, "unit_unclear");
    out.maximum_condition = S(b, t, "maximum_condition");
    out.note = S(b, t, "note");
    return out;
}

static void obligations(builder *b, const json_t *owner, const ukc_obligation **out,
                        size_t *count)
{
    const json_t *list = json_object_get(owner, "obligations");
    size_t n = json_array_size(list);
    *out = &b->p->obligations[b->nobl];
    *count = n;
    for (size_t i = 0; i < n; i++) {
        const json_t *o = json_array_get(list, i);
        ukc_obligation *x = &b->p->obligations[b->nobl++];
        x->id = S(b, o, "id");
        x->kind = (ukc_obligation_kind)E(o, "kind", ukc__obligation_kind_names);
        x->text = S(b, o, "text");
        x->condition = S(b, o, "condition");
        x->time = timescale(b, json_object_get(o, "time"));
        x->citation = cite(b, json_object_get(o, "citation"));
    }
}

/* Count the obligations, stages and grounds, to size the shared arrays. */
static void count_all(const json_t *root, size_t *nstages, size_t *nobl, size_t *ngrounds)
{
    static const char *const owners[] = { "feedback_kinds", "case_actions" };
    size_t i, j;
    const json_t *x, *s;
    *nstages = *nobl = *ngrounds = 0;
    for (size_t o = 0; o < 2; o++)
        json_array_foreach(json_object_get(root, owners[o]), i, x)
        {
            *nobl += json_array_size(json_object_get(x, "obligations"));
            *ngrounds += json_array_size(json_object_get(x, "grounds"));
        }
    json_array_foreach(json_object_get(root, "procedures"), i, x)
    {
        *nstages += json_array_size(json_object_get(x, "stages"));
        json_array_foreach(json_object_get(x, "stages"), j, s)
        {
            *nobl += json_array_size(json_object_get(s, "obligations"));
        }
    }
}

static void *array(builder *b, size_t n, size_t size)
{
    void *p = ukc__calloc(n ? n : 1, size);
    if (!p)
        b->oom = true;
    return p;
}

static void build_procedures(builder *b, const json_t *root)
{
    ukc_policy *p = b->p;
    const json_t *list = json_object_get(root, "procedures");
    for (size_t i = 0; i < p->nprocedures; i++) {
        const json_t *j = json_array_get(list, i);
        ukc_procedure *x = &p->procedures[i];
        x->id = S(b, j, "id");
        x->name = S(b, j, "name");
        x->scope = S(b, j, "scope");
        x->statutory = (ukc_answer)E(j, "statutory", ukc__answer_names);
        x->run_by = S(b, j, "run_by");
        x->external_body = S(b, j, "external_body");
        x->not_in_source = S(b, j, "not_in_source");
        x->citation = cite(b, json_object_get(j, "citation"));
        const json_t *stages = json_object_get(j, "stages");
        x->stages = &p->stages[b->nstage];
        x->stage_count = json_array_size(stages);
        for (size_t k = 0; k < x->stage_count; k++) {
            const json_t *sj = json_array_get(stages, k);
            ukc_stage *s = &p->stages[b->nstage++];
            s->id = S(b, sj, "id");
            s->number = (int32_t)k + 1;
            s->name = S(b, sj, "name");
            s->handler = S(b, sj, "handler");
            s->automatic = (ukc_answer)E(sj, "automatic", ukc__answer_names);
            s->reasons_required = (ukc_answer)E(sj, "reasons_required", ukc__answer_names);
            s->acceptance_required =
                (ukc_answer)E(sj, "acceptance_required", ukc__answer_names);
            s->entry = S(b, sj, "entry");
            s->request_limit = S(b, sj, "request_limit");
            s->external_body = S(b, sj, "external_body");
            obligations(b, sj, &s->obligations, &s->obligation_count);
            s->citation = cite(b, json_object_get(sj, "citation"));
        }
    }
}

static bool find_title(const json_t *docs, const char *title)
{
    size_t i;
    const json_t *d;
    json_array_foreach(docs, i, d)
    {
        const json_t *t = json_object_get(d, "title");
        if (json_is_string(t) && strcmp(json_string_value(t), title) == 0)
            return true;
    }
    return false;
}

static void build_lists(builder *b, const json_t *root)
{
    ukc_policy *p = b->p;
    const json_t *j;
    for (size_t i = 0; i < p->nkinds; i++) {
        j = json_array_get(json_object_get(root, "feedback_kinds"), i);
        ukc_feedback_definition *x = &p->kinds[i];
        x->id = S(b, j, "id");
        x->name = S(b, j, "name");
        x->definition = S(b, j, "definition");
        x->procedure = S(b, j, "procedure");
        obligations(b, j, &x->obligations, &x->obligation_count);
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->nexclusions; i++) {
        j = json_array_get(json_object_get(root, "exclusions"), i);
        ukc_exclusion *x = &p->exclusions[i];
        x->id = S(b, j, "id");
        x->subject = S(b, j, "subject");
        x->route = (ukc_route)E(j, "route", ukc__route_names);
        x->destination = S(b, j, "destination");
        x->procedure = S(b, j, "procedure");
        x->external_body = S(b, j, "external_body");
        x->feedback_kind = S(b, j, "feedback_kind");
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->nlimits; i++) {
        j = json_array_get(json_object_get(root, "time_limits"), i);
        ukc_time_limit *x = &p->limits[i];
        x->id = S(b, j, "id");
        x->kind = (ukc_limit_kind)E(j, "kind", ukc__limit_kind_names);
        x->procedure = S(b, j, "procedure");
        x->stage = S(b, j, "stage");
        x->text = S(b, j, "text");
        x->time = timescale(b, json_object_get(j, "time"));
        x->exception = S(b, j, "exception");
        x->exception_citation = cite(b, json_object_get(j, "exception_citation"));
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->nactions; i++) {
        j = json_array_get(json_object_get(root, "case_actions"), i);
        ukc_case_action *x = &p->actions[i];
        x->id = S(b, j, "id");
        x->kind = (ukc_action_kind)E(j, "kind", ukc__action_names);
        x->procedure = S(b, j, "procedure");
        x->decided_by = S(b, j, "decided_by");
        x->conditions = S(b, j, "conditions");
        const json_t *grounds = json_object_get(j, "grounds");
        x->grounds = &p->grounds[b->nground];
        x->ground_count = json_array_size(grounds);
        for (size_t k = 0; k < x->ground_count; k++) {
            const json_t *g = json_array_get(grounds, k);
            ukc_ground *y = &p->grounds[b->nground++];
            y->id = S(b, g, "id");
            y->text = S(b, g, "text");
            y->citation = cite(b, json_object_get(g, "citation"));
        }
        x->min_attempts = I(j, "min_attempts");
        x->different_methods = B(j, "different_methods");
        x->in_writing = (ukc_answer)E(j, "in_writing", ukc__answer_names);
        x->appeal_to_council = (ukc_answer)E(j, "appeal_to_council", ukc__answer_names);
        x->external_body = S(b, j, "external_body");
        obligations(b, j, &x->obligations, &x->obligation_count);
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->ndeemed; i++) {
        j = json_array_get(json_object_get(root, "deemed_receipt"), i);
        ukc_deemed_receipt *x = &p->deemed[i];
        x->method = (ukc_delivery)E(j, "method", ukc__delivery_names);
        x->time = timescale(b, json_object_get(j, "time"));
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->nbodies; i++) {
        j = json_array_get(json_object_get(root, "external_bodies"), i);
        ukc_external_body *x = &p->bodies[i];
        x->id = S(b, j, "id");
        x->name = S(b, j, "name");
        x->when = S(b, j, "when");
        x->contact = S(b, j, "contact");
        x->citation = cite(b, json_object_get(j, "citation"));
    }
    for (size_t i = 0; i < p->ndocuments; i++) {
        j = json_array_get(json_object_get(root, "documents"), i);
        ukc_document *x = &p->documents[i];
        x->title = S(b, j, "title");
        x->date = S(b, j, "date");
        x->note = S(b, j, "note");
        x->source = (ukc_source_quality)E(j, "source", ukc__source_names);
        x->based_on = b->base && find_title(b->base, x->title) ? b->p->based_on : "";
    }
}

ukc_status ukc__policy_build(const json_t *root, const json_t *base, ukc_policy **out)
{
    builder b = { NULL, json_object_get(root, "documents"),
                  base ? json_object_get(base, "documents") : NULL, false, 0, 0, 0 };
    *out = NULL;
    if (!(b.p = ukc__calloc(1, sizeof *b.p)))
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory loading a policy");
    ukc_policy *p = b.p;
    p->id = S(&b, root, "id");
    p->council = S(&b, root, "council");
    p->note = S(&b, root, "note");
    p->based_on = S(&b, root, "based_on");

    const json_t *wd = json_object_get(root, "working_days");
    p->working_days.calendar = S(&b, wd, "calendar");
    p->working_days.calendar_stated = B(wd, "calendar_stated");
    p->working_days.receipt = (ukc_receipt)E(wd, "receipt", ukc__receipt_names);
    p->working_days.receipt_stated = B(wd, "receipt_stated");
    p->working_days.note = S(&b, wd, "note");
    p->working_days.citation = cite(&b, json_object_get(wd, "citation"));
    p->working_days.definition = S(&b, wd, "definition");

    count_all(root, &p->nstages, &p->nobligations, &p->ngrounds);
    p->ndocuments = json_array_size(json_object_get(root, "documents"));
    p->nkinds = json_array_size(json_object_get(root, "feedback_kinds"));
    p->nprocedures = json_array_size(json_object_get(root, "procedures"));
    p->nexclusions = json_array_size(json_object_get(root, "exclusions"));
    p->nlimits = json_array_size(json_object_get(root, "time_limits"));
    p->nactions = json_array_size(json_object_get(root, "case_actions"));
    p->ndeemed = json_array_size(json_object_get(root, "deemed_receipt"));
    p->nbodies = json_array_size(json_object_get(root, "external_bodies"));
    p->stages = array(&b, p->nstages, sizeof *p->stages);
    p->obligations = array(&b, p->nobligations, sizeof *p->obligations);
    p->grounds = array(&b, p->ngrounds, sizeof *p->grounds);
    p->documents = array(&b, p->ndocuments, sizeof *p->documents);
    p->kinds = array(&b, p->nkinds, sizeof *p->kinds);
    p->procedures = array(&b, p->nprocedures, sizeof *p->procedures);
    p->exclusions = array(&b, p->nexclusions, sizeof *p->exclusions);
    p->limits = array(&b, p->nlimits, sizeof *p->limits);
    p->actions = array(&b, p->nactions, sizeof *p->actions);
    p->deemed = array(&b, p->ndeemed, sizeof *p->deemed);
    p->bodies = array(&b, p->nbodies, sizeof *p->bodies);
    if (!b.oom) {
        build_procedures(&b, root);
        build_lists(&b, root);
        b.oom = !(p->fields = ukc__policy_fields_build(root, &p->strings));
    }
    if (!b.oom) {
        p->source = ukc__json_dump(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, NULL);
        b.oom = !p->source;
    }
    if (b.oom) {
        ukc__policy_destroy(p);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory loading a policy");
    }
    *out = p;
    return UKC_OK;
}

void ukc__policy_destroy(ukc_policy *p)
{
    if (!p)
        return;
    ukc__free(p->source);
    ukc__free(p->documents);
    ukc__free(p->kinds);
    ukc__free(p->procedures);
    ukc__free(p->stages);
    ukc__free(p->obligations);
    ukc__free(p->grounds);
    ukc__free(p->exclusions);
    ukc__free(p->limits);
    ukc__free(p->actions);
    ukc__free(p->deemed);
    ukc__free(p->bodies);
    ukc__policy_fields_free(p->fields);
    ukc__pool_free(&p->strings);
    ukc__free(p);
}

/* Parse text into root, or record the parse failure as problem P001. */
static ukc_status parse(const char *text, size_t len, json_t **root, ukc_policy_report_t *r)
{
    ukc_status st = ukc__json_parse(text, len, root);
    if (st == UKC_OK || st == UKC_ERR_NO_MEMORY)
        return st;
    const ukc_error *e = ukc_last_error();
    char msg[1200];
    snprintf(msg, sizeof msg, "UKC-P001 json-invalid: %s", e->message);
    if (ukc__policy_report_add(r, UKC_P001_JSON_INVALID, st, "$", e->line, e->column, msg))
        return UKC_ERR_NO_MEMORY;
    return st;
}

/* Merge the model under a based-on document, or record why it cannot be. */
static ukc_status merge(json_t **root, json_t **base, ukc_policy_report_t *r)
{
    ukc_status st = ukc__policy_merge(root, base);
    if (st == UKC_OK || st == UKC_ERR_NO_MEMORY)
        return st;
    char msg[600];
    snprintf(msg, sizeof msg, "UKC-P009 unknown-reference: %s", ukc_last_error()->message);
    if (ukc__policy_report_add(r, UKC_P009_UNKNOWN_REFERENCE, UKC_ERR_INVALID_DATA,
                               "$.based_on", 0, 0, msg))
        return UKC_ERR_NO_MEMORY;
    return UKC_OK;
}

ukc_status ukc__policy_check(const char *text, size_t len, ukc_policy_report_t *r,
                             json_t **root_out, json_t **base_out)
{
    json_t *root = NULL, *base = NULL;
    *root_out = *base_out = NULL;
    ukc_status st = parse(text, len, &root, r);
    if (st == UKC_ERR_NO_MEMORY)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory reading a policy");
    if (st)
        return UKC_OK;
    if (merge(&root, &base, r) || ukc__policy_validate(root, text, len, r)) {
        json_decref(root);
        json_decref(base);
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory checking a policy");
    }
    if (r->n) {
        json_decref(root);
        json_decref(base);
    } else {
        *root_out = root;
        *base_out = base;
    }
    return UKC_OK;
}

ukc_status ukc__policy_load(const char *text, size_t len, ukc_policy **out)
{
    ukc_policy_report_t r = { NULL, 0, 0, { NULL, 0, 0, NULL, 0 } };
    json_t *root, *base;
    *out = NULL;
    ukc_status st = ukc__policy_check(text, len, &r, &root, &base);
    if (st) {
        ukc__policy_report_clear(&r);
        return st;
    }
    if (r.n) {
        const ukc_policy_problem *first = &r.items[0];
        ukc__error_reset();
        st = ukc__fail(first->status, "%s%s", first->message,
                       r.n > 1 ? " (and more problems; `ukc policy check` lists them all)" : "");
        ukc__error_path(first->path);
        ukc__error_position(first->line, first->column, -1);
        ukc__policy_report_clear(&r);
        return st;
    }
    ukc__policy_report_clear(&r);
    st = ukc__policy_build(root, base, out);
    json_decref(root);
    json_decref(base);
    return st;
}
