/* Private: the policy object, its validator and its builder. */
#ifndef UKC_POLICY_INTERNAL_H
#define UKC_POLICY_INTERNAL_H

#include <jansson.h>

#include "calendar_internal.h"
#include "enums_internal.h"
#include "ukcomplaints/policy.h"

/* The largest count a timescale may hold. */
#define UKC_POLICY_MAX_COUNT 10000

struct ukc_policy {
    bool builtin;
    const char *id, *council, *note;
    const char *based_on; /* the model's ID, or "" */
    char *source; /* the document, re-serialised, for ukc_policy_to_json */
    ukc_document *documents;
    size_t ndocuments;
    ukc_working_days working_days;
    ukc_feedback_definition *kinds;
    size_t nkinds;
    ukc_procedure *procedures;
    size_t nprocedures;
    ukc_stage *stages; /* every stage of every procedure, contiguous */
    size_t nstages;
    ukc_obligation *obligations; /* every obligation, contiguous */
    size_t nobligations;
    ukc_ground *grounds;
    size_t ngrounds;
    ukc_exclusion *exclusions;
    size_t nexclusions;
    ukc_time_limit *limits;
    size_t nlimits;
    ukc_case_action *actions;
    size_t nactions;
    ukc_deemed_receipt *deemed;
    size_t ndeemed;
    ukc_external_body *bodies;
    size_t nbodies;
    ukc_citation *citations; /* every rule's citation, contiguous */
    size_t ncitations;
    ukc_timescale *times; /* every rule's timescale, contiguous */
    size_t ntimes;
    struct ukc__policy_fields *fields; /* read by routing and cases (route_fields.c) */
    ukc_strpool strings;
};

/* One problem of a document. */
typedef struct ukc_policy_report {
    ukc_policy_problem *items;
    size_t n, cap;
    ukc_strpool strings;
} ukc_policy_report_t;

/* Validate a parsed document, appending every problem to the report.
 * text/len are the source, for line and column. Returns UKC_ERR_NO_MEMORY only
 * when the report could not grow. */
ukc_status ukc__policy_validate(const json_t *root, const char *text, size_t len,
                                ukc_policy_report_t *report);

/* Record a problem (used for parse errors too). */
ukc_status ukc__policy_report_add(ukc_policy_report_t *r, ukc_id id, ukc_status st,
                                  const char *path, int32_t line, int32_t column,
                                  const char *msg);

void ukc__policy_report_clear(ukc_policy_report_t *r);

/* ---- The shape of a document (policy_schema.c) ---------------------------- */

/* What a key of a policy document holds. */
typedef enum ukc__ftype {
    UKC__F_STR,    /* a string, may be empty */
    UKC__F_TEXT,   /* a non-empty string */
    UKC__F_INT,    /* a whole number */
    UKC__F_BOOL,   /* true or false */
    UKC__F_ENUM,   /* a string from names */
    UKC__F_OBJ,    /* an object of shape sub */
    UKC__F_ARR,    /* an array of objects of shape sub */
    UKC__F_CITE,   /* a citation */
    UKC__F_NAMES,  /* an array of non-empty strings, from names when names is set */
} ukc__ftype;

typedef struct ukc__shape ukc__shape;
typedef struct ukc__field {
    const char *key;
    ukc__ftype type;
    bool required;
    const ukc__shape *sub;
    const char *const *names;
} ukc__field;

struct ukc__shape {
    const char *what;
    const ukc__field *fields;
};

/* The fields of a policy document's top-level object; each field's sub
 * leads to the shapes inside it. policy_check.c walks documents by these
 * tables and ukc__policy_schema() writes them as a JSON Schema. */
extern const ukc__shape ukc__policy_root_shape;

/* The JSON Schema of format 1, generated from the loader's field table
 * (docs/policy.schema.json is this, written out). NULL for lack of memory. */
json_t *ukc__policy_schema(void);

/* Build a policy from a document that validated cleanly. */
ukc_status ukc__policy_build(const json_t *root, const json_t *base, ukc_policy **out);

void ukc__policy_destroy(ukc_policy *p);

/* Parse, merge a based-on document over its model, and validate into the
 * report; on a clean document *root_out holds it and *base_out the model's
 * document (NULL when not based on one).
 * Fails only for lack of memory. */
ukc_status ukc__policy_check(const char *text, size_t len, ukc_policy_report_t *r,
                             json_t **root_out, json_t **base_out);

/* Parse, validate and build; on failure the first problem is the error. */
ukc_status ukc__policy_load(const char *text, size_t len, ukc_policy **out);

/* A citation of three empty strings, for a rule or an answer that has none. */
extern const ukc_citation ukc__empty_citation;

/* The working-day definitions' names (NULL-terminated). */
extern const char *const ukc__definition_names[];

/* The calendar a named working-day definition counts on, or NULL for an unknown name. */
const char *ukc__definition_calendar(const char *definition);

/* The built-in policies (policy_builtins.c): their number, the index of a
 * name (UKC__POLICY_NBUILTIN when unknown), the i-th's name and text, and a
 * text by name (false when there is none). */
#define UKC__POLICY_NBUILTIN 16
size_t ukc__policy_builtin_index(const char *name);
void ukc__policy_builtin_at(size_t i, const char **name, const char **text, size_t *len);
bool ukc__policy_builtin_text(const char *name, const char **text, size_t *len);

/* When root says "based_on", replace it by the model's document with root's
 * rules merged over it, rule by rule (see docs/policy-format.md), and set
 * *base to the model's parsed document (for marking its documents); NULL and
 * no change otherwise. Returns UKC_ERR_NOT_FOUND for an unknown model. */
ukc_status ukc__policy_merge(json_t **root, json_t **base);

/* One deadline, computed and explained the same way for policies, cases,
 * routing and the auditor. */
typedef struct ukc__deadline {
    const ukc_policy *policy;
    const ukc_timescale *time;
    int32_t n;                /* the count to use */
    ukc_date start;           /* the clock's event: day 0 */
    ukc_receipt receipt;      /* for working days */
    const ukc_calendar *cal;  /* the calendar for working days; NULL: the timescale's built-in */
    bool full;                /* explain every working day counted (UKC-E004), not only the compact form */
} ukc__deadline;

/* The due date. */
ukc_status ukc__deadline_due(const ukc__deadline *d, ukc_date *out);

/* The due date with its explanation: the calendar's steps (or the start, the
 * count and the due date), and first the rule (UKC-E009) with its citation,
 * its note and, when not primary, the quality of its source (UKC-E010).
 * what is "20 working-days from receipt"-style text of the bound; NULL to
 * describe the timescale's count. Not rendered: the caller may add steps and
 * then calls ukc__explanation_render(). */
ukc_status ukc__deadline_explain(const ukc__deadline *d, const char *rule,
                                 const ukc_citation *c, const char *what,
                                 ukc_explanation **out);


#endif
