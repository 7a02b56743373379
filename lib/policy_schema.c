/* The shape of a policy document (format 1) as tables of fields, one per
 * kind of object, and the JSON Schema written from them
 * (docs/policy.schema.json). The checker walks documents by the same tables. */
#include <stdio.h>
#include <string.h>

#include "policy_internal.h"
#include "util.h"

#define END { NULL, UKC__F_STR, false, NULL, NULL }

static const ukc__field citation_fields[] = {
    { "document", UKC__F_TEXT, true, NULL, NULL },
    { "section", UKC__F_TEXT, true, NULL, NULL },
    { "quote", UKC__F_TEXT, true, NULL, NULL },
    END,
};
static const ukc__shape citation_shape = { "citation", citation_fields };

static const ukc__field time_fields[] = {
    { "count", UKC__F_INT, true, NULL, NULL },
    { "maximum", UKC__F_INT, false, NULL, NULL },
    { "range", UKC__F_BOOL, false, NULL, NULL },
    { "unit", UKC__F_ENUM, true, NULL, ukc__unit_names },
    { "from", UKC__F_ENUM, true, NULL, ukc__event_names },
    { "calendar", UKC__F_TEXT, false, NULL, NULL },
    { "recurring", UKC__F_BOOL, false, NULL, NULL },
    { "unit_unclear", UKC__F_BOOL, false, NULL, NULL },
    { "maximum_condition", UKC__F_STR, false, NULL, NULL },
    { "note", UKC__F_STR, false, NULL, NULL },
    END,
};
static const ukc__shape time_shape = { "timescale", time_fields };

static const ukc__field obligation_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "kind", UKC__F_ENUM, true, NULL, ukc__obligation_kind_names },
    { "text", UKC__F_TEXT, true, NULL, NULL },
    { "condition", UKC__F_STR, false, NULL, NULL },
    { "time", UKC__F_OBJ, true, &time_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape obligation_shape = { "obligation", obligation_fields };

static const ukc__field stage_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "name", UKC__F_TEXT, true, NULL, NULL },
    { "handler", UKC__F_STR, false, NULL, NULL },
    { "automatic", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "reasons_required", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "acceptance_required", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "entry", UKC__F_STR, false, NULL, NULL },
    { "request_limit", UKC__F_STR, false, NULL, NULL },
    { "external_body", UKC__F_STR, false, NULL, NULL },
    { "obligations", UKC__F_ARR, false, &obligation_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape stage_shape = { "stage", stage_fields };

static const ukc__field procedure_fields[] = {
    { "service_areas", UKC__F_NAMES, false, NULL, NULL },
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "name", UKC__F_TEXT, true, NULL, NULL },
    { "scope", UKC__F_STR, false, NULL, NULL },
    { "statutory", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "run_by", UKC__F_STR, false, NULL, NULL },
    { "stages", UKC__F_ARR, false, &stage_shape, NULL },
    { "external_body", UKC__F_STR, false, NULL, NULL },
    { "not_in_source", UKC__F_STR, false, NULL, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape procedure_shape = { "procedure", procedure_fields };

static const ukc__field kind_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "name", UKC__F_TEXT, true, NULL, NULL },
    { "definition", UKC__F_TEXT, true, NULL, NULL },
    { "procedure", UKC__F_STR, false, NULL, NULL },
    { "obligations", UKC__F_ARR, false, &obligation_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape kind_shape = { "feedback kind", kind_fields };

/* What leads routing to an exclusion: every group given must match (one of
 * its names), and an exclusion matches when any of its cues does. */
static const char *const record_cue_names[] = { "legal-proceedings", "insurance-claim", "staff",
                                                "anonymous", "social-media", NULL };
static const char *const kind_cue_names[] = { "complaint", "comment", "compliment", "request",
                                              "other", NULL };
static const ukc__field cue_fields[] = {
    { "record", UKC__F_NAMES, false, NULL, record_cue_names },
    { "text", UKC__F_NAMES, false, NULL, NULL },
    { "service_areas", UKC__F_NAMES, false, NULL, NULL },
    { "kinds", UKC__F_NAMES, false, NULL, kind_cue_names },
    { "only_complaints", UKC__F_BOOL, false, NULL, NULL },
    { "out_of_time", UKC__F_BOOL, false, NULL, NULL },
    END,
};
static const ukc__shape cue_shape = { "routing cue", cue_fields };

static const ukc__field exclusion_fields[] = {
    { "cues", UKC__F_ARR, false, &cue_shape, NULL },
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "subject", UKC__F_TEXT, true, NULL, NULL },
    { "route", UKC__F_ENUM, true, NULL, ukc__route_names },
    { "destination", UKC__F_STR, false, NULL, NULL },
    { "procedure", UKC__F_STR, false, NULL, NULL },
    { "external_body", UKC__F_STR, false, NULL, NULL },
    { "feedback_kind", UKC__F_STR, false, NULL, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape exclusion_shape = { "exclusion", exclusion_fields };

static const ukc__field limit_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "kind", UKC__F_ENUM, true, NULL, ukc__limit_kind_names },
    { "procedure", UKC__F_STR, false, NULL, NULL },
    { "stage", UKC__F_STR, false, NULL, NULL },
    { "text", UKC__F_TEXT, true, NULL, NULL },
    { "time", UKC__F_OBJ, true, &time_shape, NULL },
    { "exception", UKC__F_STR, false, NULL, NULL },
    { "exception_citation", UKC__F_CITE, false, &citation_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape limit_shape = { "time limit", limit_fields };

static const char *const ground_after_names[] = { "withdraw", "discontinue", NULL };
static const ukc__field ground_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "after", UKC__F_ENUM, false, NULL, ground_after_names },
    { "text", UKC__F_TEXT, true, NULL, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape ground_shape = { "ground", ground_fields };

static const ukc__field action_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "kind", UKC__F_ENUM, true, NULL, ukc__action_names },
    { "procedure", UKC__F_STR, false, NULL, NULL },
    { "feedback_kinds", UKC__F_NAMES, false, NULL, NULL },
    { "decided_by", UKC__F_STR, false, NULL, NULL },
    { "conditions", UKC__F_STR, false, NULL, NULL },
    { "grounds", UKC__F_ARR, false, &ground_shape, NULL },
    { "min_attempts", UKC__F_INT, false, NULL, NULL },
    { "different_methods", UKC__F_BOOL, false, NULL, NULL },
    { "in_writing", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "appeal_to_council", UKC__F_ENUM, false, NULL, ukc__answer_names },
    { "external_body", UKC__F_STR, false, NULL, NULL },
    { "obligations", UKC__F_ARR, false, &obligation_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape action_shape = { "case action", action_fields };

static const ukc__field deemed_fields[] = {
    { "method", UKC__F_ENUM, true, NULL, ukc__delivery_names },
    { "time", UKC__F_OBJ, true, &time_shape, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape deemed_shape = { "deemed receipt", deemed_fields };

static const ukc__field body_fields[] = {
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "name", UKC__F_TEXT, true, NULL, NULL },
    { "when", UKC__F_STR, false, NULL, NULL },
    { "contact", UKC__F_STR, false, NULL, NULL },
    { "citation", UKC__F_CITE, true, &citation_shape, NULL },
    END,
};
static const ukc__shape body_shape = { "external body", body_fields };

static const ukc__field document_fields[] = {
    { "title", UKC__F_TEXT, true, NULL, NULL },
    { "date", UKC__F_STR, false, NULL, NULL },
    { "note", UKC__F_STR, false, NULL, NULL },
    { "source", UKC__F_ENUM, false, NULL, ukc__source_names },
    END,
};
static const ukc__shape document_shape = { "document", document_fields };

static const ukc__field wd_fields[] = {
    { "calendar", UKC__F_TEXT, true, NULL, NULL },
    { "calendar_stated", UKC__F_BOOL, true, NULL, NULL },
    { "receipt", UKC__F_ENUM, true, NULL, ukc__receipt_names },
    { "receipt_stated", UKC__F_BOOL, true, NULL, NULL },
    { "note", UKC__F_STR, false, NULL, NULL },
    { "citation", UKC__F_CITE, false, &citation_shape, NULL },
    { "definition", UKC__F_ENUM, false, NULL, ukc__definition_names },
    END,
};
static const ukc__shape wd_shape = { "working days", wd_fields };

static const ukc__field root_fields[] = {
    { "format", UKC__F_INT, true, NULL, NULL },
    { "id", UKC__F_TEXT, true, NULL, NULL },
    { "council", UKC__F_TEXT, true, NULL, NULL },
    { "based_on", UKC__F_TEXT, false, NULL, NULL },
    { "note", UKC__F_STR, false, NULL, NULL },
    { "documents", UKC__F_ARR, true, &document_shape, NULL },
    { "working_days", UKC__F_OBJ, true, &wd_shape, NULL },
    { "feedback_kinds", UKC__F_ARR, false, &kind_shape, NULL },
    { "procedures", UKC__F_ARR, false, &procedure_shape, NULL },
    { "exclusions", UKC__F_ARR, false, &exclusion_shape, NULL },
    { "time_limits", UKC__F_ARR, false, &limit_shape, NULL },
    { "case_actions", UKC__F_ARR, false, &action_shape, NULL },
    { "deemed_receipt", UKC__F_ARR, false, &deemed_shape, NULL },
    { "external_bodies", UKC__F_ARR, false, &body_shape, NULL },
    END,
};
const ukc__shape ukc__policy_root_shape = { "policy", root_fields };

/* ---- The JSON Schema, generated from the tables ---------------------------- */

static json_t *schema_of_shape(const ukc__shape *s, json_t *defs);

static json_t *def_ref(const ukc__shape *s, json_t *defs)
{
    char name[64], ref[96];
    size_t i = 0;
    for (; s->what[i] && i + 1 < sizeof name; i++)
        name[i] = s->what[i] == ' ' ? '_' : s->what[i];
    name[i] = '\0';
    if (!json_object_get(defs, name)) {
        json_object_set_new(defs, name, ukc__json_object()); /* placeholder: shapes may recur */
        json_object_set_new(defs, name, schema_of_shape(s, defs));
    }
    snprintf(ref, sizeof ref, "#/$defs/%s", name);
    return json_pack("{s:s}", "$ref", ref);
}

static json_t *schema_of_names(const char *const *names)
{
    json_t *list = json_array();
    for (size_t i = 0; names[i]; i++)
        json_array_append_new(list, json_string(names[i]));
    return json_pack("{s:o}", "enum", list);
}

static json_t *schema_of_field(const ukc__field *f, json_t *defs)
{
    switch (f->type) {
    case UKC__F_STR:
        return json_pack("{s:s}", "type", "string");
    case UKC__F_TEXT:
        return json_pack("{s:s, s:i, s:s}", "type", "string", "minLength", 1, "pattern", "\\S");
    case UKC__F_INT:
        return json_pack("{s:s, s:i, s:i}", "type", "integer", "minimum", -UKC_POLICY_MAX_COUNT,
                         "maximum", UKC_POLICY_MAX_COUNT);
    case UKC__F_BOOL:
        return json_pack("{s:s}", "type", "boolean");
    case UKC__F_ENUM:
        return schema_of_names(f->names);
    case UKC__F_OBJ:
    case UKC__F_CITE:
        return def_ref(f->sub, defs);
    case UKC__F_ARR:
        return json_pack("{s:s, s:o}", "type", "array", "items", def_ref(f->sub, defs));
    case UKC__F_NAMES:
        return json_pack("{s:s, s:o}", "type", "array", "items",
                         f->names ? schema_of_names(f->names)
                                  : json_pack("{s:s, s:i, s:s}", "type", "string", "minLength",
                                              1, "pattern", "\\S"));
    }
    return ukc__json_object();
}

static json_t *schema_of_shape(const ukc__shape *s, json_t *defs)
{
    json_t *props = ukc__json_object(), *required = json_array();
    for (const ukc__field *f = s->fields; f->key; f++) {
        json_t *v = s == &ukc__policy_root_shape && strcmp(f->key, "format") == 0
                        ? json_pack("{s:i}", "const", UKC_POLICY_FORMAT)
                        : schema_of_field(f, defs);
        json_object_set_new(props, f->key, v);
        if (f->required)
            json_array_append_new(required, json_string(f->key));
    }
    return json_pack("{s:s, s:b, s:o, s:o}", "type", "object", "additionalProperties", 0,
                     "properties", props, "required", required);
}

json_t *ukc__policy_schema(void)
{
    json_t *defs = ukc__json_object();
    json_t *root = schema_of_shape(&ukc__policy_root_shape, defs);
    json_t *out = json_pack(
        "{s:s, s:s, s:s, s:s}", "$schema", "https://json-schema.org/draft/2020-12/schema", "$id",
        "https://ukcomplaints.invalid/policy.schema.json", "title",
        "ukcomplaints council policy, format 1", "description",
        "Generated from the loader's ukc__field table (lib/policy_schema.c); do not edit by hand. "
        "For editors: the loader is the authority, and also checks references between rules, "
        "that citations name a listed document, that counts are positive (0 only in deemed "
        "receipt) and that a maximum is not below its count. See docs/policy-format.md. A file "
        "with \"based_on\" holds only what it adds to or overrides in the model, so its rules "
        "may omit keys this schema requires; the loader checks the merged document.");
    json_object_update(out, root);
    json_decref(root);
    json_object_set_new(out, "$defs", defs);
    return out;
}
