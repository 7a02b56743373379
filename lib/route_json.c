/* The routing's accessors, its JSON form and the names of its enumerations. */
#include <jansson.h>
#include <string.h>

#include "error_internal.h"
#include "policy_internal.h" /* ukc__name_index */
#include "route_internal.h"
#include "util.h"

const char *const ukc__channel_names[] = {"unknown",  "phone",     "email",        "letter",
                                          "web-form", "in-person", "social-media", NULL};
const char *const ukc__routing_state_names[] = {"decided", "not-decided", "not-set",
                                                "not-applicable", "needs-input", NULL};

const ukc_policy *ukc_routing_policy(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->policy : NULL;
}

const ukc_classification *ukc_routing_classification(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->classification : NULL;
}

ukc_feedback_kind ukc_routing_kind(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->kind : UKC_KIND_OTHER;
}

const ukc_routing_answer *ukc_routing_kind_answer(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? &r->kind_answer : NULL;
}

const ukc_feedback_definition *ukc_routing_kind_definition(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->definition : NULL;
}

const ukc_routing_answer *ukc_routing_route_answer(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? &r->route_answer : NULL;
}

const ukc_exclusion *ukc_routing_exclusion(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->exclusion : NULL;
}

const char *ukc_routing_suggested_route(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->suggested_route : NULL;
}

const ukc_routing_answer *ukc_routing_procedure_answer(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? &r->procedure_answer : NULL;
}

const ukc_procedure *ukc_routing_procedure(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->procedure : NULL;
}

const ukc_routing_limit *ukc_routing_time_limit(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? &r->limit : NULL;
}

size_t ukc_routing_obligation_count(const ukc_routing *r)
{
    ukc__error_reset();
    return r ? r->nobligations : 0;
}

const ukc_routing_obligation *ukc_routing_obligation_at(const ukc_routing *r, size_t i)
{
    ukc__error_reset();
    return r && i < r->nobligations ? &r->obligations[i] : NULL;
}

const char *ukc_routing_state_name(ukc_routing_state state)
{
    ukc__error_reset();
    return (int)state >= 0 && state <= UKC_ROUTING_NEEDS_INPUT ? ukc__routing_state_names[state]
                                                               : "";
}

const char *ukc_channel_name(ukc_channel channel)
{
    ukc__error_reset();
    return (int)channel >= 0 && channel <= UKC_CHANNEL_SOCIAL_MEDIA ? ukc__channel_names[channel]
                                                                    : "";
}

ukc_status ukc_channel_from_name(const char *name, ukc_channel *out)
{
    ukc__error_reset();
    if (out)
        *out = UKC_CHANNEL_UNKNOWN;
    if (!name || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", name ? "out" : "name");
    int i = ukc__name_index(ukc__channel_names, name);
    if (i < 0)
        return ukc__fail(UKC_ERR_NOT_FOUND, "unknown channel '%s'", name);
    *out = (ukc_channel)i;
    return UKC_OK;
}

/* ---- JSON ----------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
    return s && *s ? json_string(s) : json_null();
}

static json_t *date_json(ukc_date d)
{
    char buf[UKC_DATE_BUFSIZE];
    if (d == UKC_NO_DATE || ukc_date_format(d, buf, sizeof buf) != UKC_OK)
        return json_null();
    return json_string(buf);
}

static json_t *citation_json(const ukc_citation *c)
{
    if (!*c->document && !*c->section && !*c->quote)
        return json_null();
    return json_pack("{s:s, s:s, s:s}", "document", c->document, "section", c->section, "quote",
                     c->quote);
}

/* The answer's members, added to obj. */
static bool answer_json(json_t *obj, const ukc_routing_answer *a)
{
    return obj &&
           json_object_set_new(obj, "state", json_string(ukc_routing_state_name(a->state))) == 0 &&
           json_object_set_new(obj, "id", json_string(a->code)) == 0 &&
           json_object_set_new(obj, "slug", json_string(a->slug)) == 0 &&
           json_object_set_new(obj, "text", json_string(a->text)) == 0 &&
           json_object_set_new(obj, "citation", citation_json(&a->citation)) == 0;
}

static json_t *kind_json(const ukc_routing *r)
{
    json_t *o = json_pack("{s:s, s:o}", "kind", ukc_feedback_kind_name(r->kind), "definition",
                          r->definition ? str_or_null(r->definition->id) : json_null());
    if (!answer_json(o, &r->kind_answer)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *route_json(const ukc_routing *r)
{
    const ukc_exclusion *x = r->exclusion;
    json_t *ex = x ? json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "id", x->id, "subject",
                               x->subject, "route", ukc_route_name(x->route), "destination",
                               str_or_null(x->destination), "procedure",
                               str_or_null(x->procedure), "external_body",
                               str_or_null(x->external_body), "feedback_kind",
                               str_or_null(x->feedback_kind))
                   : json_null();
    json_t *o = json_pack("{s:o, s:o}", "suggested_route", str_or_null(r->suggested_route),
                          "exclusion", ex ? ex : json_null());
    if (!ex || !answer_json(o, &r->route_answer)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *procedure_json(const ukc_routing *r)
{
    const ukc_procedure *p = r->procedure;
    json_t *o = json_pack("{s:o, s:o, s:o}", "procedure", p ? json_string(p->id) : json_null(),
                          "name", p ? json_string(p->name) : json_null(), "not_in_source",
                          p ? str_or_null(p->not_in_source) : json_null());
    if (!answer_json(o, &r->procedure_answer)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *limit_json(const ukc_routing *r)
{
    const ukc_routing_limit *l = &r->limit;
    json_t *o = json_pack(
        "{s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "limit",
        l->limit ? json_string(l->limit->id) : json_null(), "start", date_json(l->start),
        "last_day", date_json(l->last_day), "in_time",
        l->last_day != UKC_NO_DATE ? json_boolean(l->in_time) : json_null(), "exception",
        str_or_null(l->exception), "exception_citation", citation_json(&l->exception_citation),
        "explanation", l->explanation ? json_string(ukc_explanation_text(l->explanation))
                                      : json_null());
    if (!answer_json(o, &l->answer)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

static json_t *obligation_json(const ukc_routing_obligation *ob)
{
    json_t *o = json_pack(
        "{s:s, s:o, s:o, s:o, s:o}", "kind", ukc_obligation_kind_name(ob->kind), "obligation",
        ob->obligation ? json_string(ob->obligation->id) : json_null(), "due", date_json(ob->due),
        "due_maximum", date_json(ob->due_maximum), "explanation",
        ob->explanation ? json_string(ukc_explanation_text(ob->explanation)) : json_null());
    if (!answer_json(o, &ob->answer)) {
        json_decref(o);
        return NULL;
    }
    return o;
}

ukc_status ukc_routing_to_json(const ukc_routing *r, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!r || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", r ? "out" : "routing");
    json_t *obl = json_array();
    json_t *root = json_pack("{s:s, s:o*, s:o*, s:o*, s:o*, s:O*}", "policy", ukc_policy_id(r->policy),
                             "kind", kind_json(r), "route", route_json(r), "procedure",
                             procedure_json(r), "time_limit", limit_json(r), "obligations", obl);
    bool ok = root && obl && json_object_size(root) == 6;
    for (size_t i = 0; ok && i < r->nobligations; i++) {
        json_t *j = obligation_json(&r->obligations[i]);
        ok = j && json_array_append_new(obl, j) == 0;
    }
    char *text = ok ? ukc__json_dump(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, NULL) : NULL;
    json_decref(obl);
    json_decref(root);
    if (!text)
        return ukc__fail(UKC_ERR_NO_MEMORY, "out of memory while writing the routing as JSON");
    *out = text;
    return UKC_OK;
}
