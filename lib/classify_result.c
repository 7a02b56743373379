/* A classification: its getters, its release and its JSON. */
#include <jansson.h>

#include "util.h"
#include "classify_internal.h"
#include "enums_internal.h"
#include "error_internal.h"
#include "ids_internal.h"

/* The kinds' names, indexed by kind (generated from lib/data/enums.tsv). */
static const char *const *const kind_names = ukc__feedback_kind_names;

void ukc__classification_destroy(ukc_classification *c)
{
    if (!c)
        return;
    ukc__free(c->ev);
    ukc__free((void *)c->areas);
    ukc__free(c->strings);
    ukc__free(c->word_strings);
    ukc__free(c);
}

ukc_feedback_kind ukc_classification_kind(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->kind : UKC_KIND_OTHER;
}

const char *ukc_classification_route(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->route : NULL;
}

ukc_id ukc_classification_reason(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->reason : UKC_ID_NONE;
}

double ukc_classification_score(const ukc_classification *c, ukc_feedback_kind kind)
{
    ukc__error_reset();
    if (!c || (unsigned)kind >= UKC_FEEDBACK_KIND_COUNT)
        return 0.0;
    return c->score[kind];
}

ukc_feedback_kind ukc_classification_rule_kind(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->rule_kind : UKC_KIND_OTHER;
}

const char *ukc_classification_rule_route(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->rule_route : NULL;
}

double ukc_classification_probability(const ukc_classification *c, ukc_feedback_kind kind)
{
    ukc__error_reset();
    if (!c || (unsigned)kind >= UKC_FEEDBACK_KIND_COUNT)
        return 0.0;
    return c->probability[kind];
}

ukc_feedback_kind ukc_classification_runner_up(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->runner_up : UKC_KIND_OTHER;
}

bool ukc_classification_uncertain(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->uncertain : false;
}

size_t ukc_classification_contribution_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->ncontrib : 0;
}

const ukc_contribution *ukc_classification_contribution(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->ncontrib ? &c->contrib[i] : NULL;
}

size_t ukc_classification_word_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nwords : 0;
}

const ukc_evidence *ukc_classification_word(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nwords ? &c->words[i] : NULL;
}

size_t ukc_classification_evidence_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nev : 0;
}

const ukc_evidence *ukc_classification_evidence(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nev ? &c->ev[i] : NULL;
}

size_t ukc_classification_area_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nareas : 0;
}

const char *ukc_classification_area(const ukc_classification *c, size_t i)
{
    ukc__error_reset();
    return c && i < c->nareas ? c->areas[i] : NULL;
}

size_t ukc_classification_sentence_count(const ukc_classification *c)
{
    ukc__error_reset();
    return c ? c->nsentences : 0;
}

void ukc_classification_free(ukc_classification *c)
{
    ukc__error_reset();
    ukc__classification_destroy(c);
}

/* ukc_feedback_kind_name() is generated (enums_table.c); a failed lookup gives
 * UKC_KIND_OTHER, not the table's 0. */
ukc_status ukc_feedback_kind_from_name(const char *name, ukc_feedback_kind *out)
{
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    int k = 0;
    ukc_status st = ukc__name_value(ukc__feedback_kind_names, "feedback kind", name, &k);
    *out = st == UKC_OK ? (ukc_feedback_kind)k : UKC_KIND_OTHER;
    return st;
}

static json_t *evidence_json(const ukc_evidence *e)
{
    json_t *neg = e->negated ? json_pack("[I, I]", (json_int_t)e->negation_start,
                                         (json_int_t)e->negation_end)
                             : json_null();
    return json_pack("{s:s, s:s, s:s, s:I, s:I, s:s, s:I, s:b, s:o, s:f, s:b, s:o, s:s, s:I}",
                     "id", e->code, "category", e->category, "detail", e->detail, "start",
                     (json_int_t)e->start, "end", (json_int_t)e->end, "text", e->text,
                     "sentence", (json_int_t)e->sentence, "negated", e->negated, "negation",
                     neg ? neg : json_null(), "weight", e->weight, "counted", e->counted,
                     "counts_for",
                     e->counted ? json_string(kind_names[e->counts_for]) : json_null(),
                     "pattern", e->pattern, "line", (json_int_t)e->lexicon_line);
}

ukc_status ukc_classification_to_json(const ukc_classification *c, char **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!c || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    const ukc_id_entry *reason = ukc__id_lookup(c->reason);
    json_t *scores = ukc__json_object(), *probs = ukc__json_object(), *areas = json_array(),
           *ev = json_array(), *words = json_array(), *contrib = json_array();
    json_t *root = json_pack(
        "{s:s, s:o, s:{s:s, s:s}, s:{s:s, s:o}, s:O, s:O, s:s, s:b, s:O, s:I, s:O, s:O, s:O}",
        "kind",
        kind_names[c->kind], "route", c->route ? json_string(c->route) : json_null(), "reason",
        "id", reason ? reason->code : "", "slug", reason ? reason->slug : "", "rule", "kind",
        kind_names[c->rule_kind], "route",
        c->rule_route ? json_string(c->rule_route) : json_null(), "scores",
        scores ? scores : json_null(), "probabilities", probs ? probs : json_null(),
        "runner_up", kind_names[c->runner_up], "uncertain", c->uncertain, "areas",
        areas ? areas : json_null(), "sentences", (json_int_t)c->nsentences, "evidence",
        ev ? ev : json_null(), "words", words ? words : json_null(), "contributions",
        contrib ? contrib : json_null());
    bool ok = root && scores && probs && areas && ev && words && contrib;
    for (int k = 0; ok && k < UKC_FEEDBACK_KIND_COUNT; k++)
        ok = json_object_set_new(scores, kind_names[k], json_real(c->score[k])) == 0 &&
             json_object_set_new(probs, kind_names[k], json_real(c->probability[k])) == 0;
    for (size_t i = 0; ok && i < c->nareas; i++)
        ok = json_array_append_new(areas, json_string(c->areas[i])) == 0;
    for (size_t i = 0; ok && i < c->nev; i++) {
        json_t *j = evidence_json(&c->ev[i]);
        ok = j && json_array_append_new(ev, j) == 0;
    }
    for (size_t i = 0; ok && i < c->nwords; i++) {
        json_t *j = evidence_json(&c->words[i]);
        ok = j && json_array_append_new(words, j) == 0;
    }
    for (size_t i = 0; ok && i < c->ncontrib; i++) {
        const ukc_contribution *o = &c->contrib[i];
        json_t *span = o->has_span ? json_pack("[I, I]", (json_int_t)o->start,
                                               (json_int_t)o->end)
                                   : json_null();
        json_t *j = json_pack("{s:s, s:s, s:o, s:s, s:f, s:f, s:f, s:f}", "group", o->group,
                              "feature", o->feature, "span", span ? span : json_null(), "text",
                              o->text, "value", o->value, "weight", o->weight,
                              "runner_up_weight", o->runner_up_weight, "contribution",
                              o->contribution);
        ok = j && json_array_append_new(contrib, j) == 0;
    }
    char *text = ok ? ukc__json_dump(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER, NULL) : NULL;
    json_decref(contrib);
    json_decref(scores);
    json_decref(probs);
    json_decref(areas);
    json_decref(ev);
    json_decref(words);
    json_decref(root);
    if (!text)
        return ukc__classify_oom();
    *out = text;
    return UKC_OK;
}
