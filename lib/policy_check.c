/* Validation of policy documents (format 1): every problem, with its code,
 * JSON path, line and column. The ukc__shape of each object is a table. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error_internal.h"
#include "ids_internal.h"
#include "policy_internal.h"
#include "util.h"

/* ---- The walk ------------------------------------------------------------ */

/* Kinds of keys in the checker's index. */
enum { K_DOCUMENT = 1, K_PROCEDURE, K_LIMIT, K_BODY, K_FEEDBACK, K_STAGE, K_SEEN,
       K_PATH = UKC_PTAB_PATH };

/* The report lists at most this many problems and then says how many more. */
#define MAX_PROBLEMS 1000

typedef struct checker {
    const json_t *root;
    const char *text;
    size_t len;
    ukc_policy_report_t *report;
    ukc_status fatal; /* out of memory */
    char path[1024];
    size_t first;     /* the report's first item from this check */
    size_t more;      /* problems past MAX_PROBLEMS, counted only */
    ukc_ptab index;     /* IDs and titles by list */
} checker;

static const char *const type_names[] = { "a string",  "a non-empty string", "a whole number",
                                          "true or false", "a name", "an object", "an array",
                                          "a citation object", "an array of names" };

static void problem(checker *c, ukc_id id, ukc_status st, const char *fmt, ...)
    UKC_PRINTF(4, 5);

/* Record a problem at the current path; its line and column are found for all
 * problems at once when the walk is over (see locate_all()). */
static void problem(checker *c, ukc_id id, ukc_status st, const char *fmt, ...)
{
    char msg[1200];
    va_list ap;

    if (c->report->n - c->first >= MAX_PROBLEMS) {
        c->more++;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (ukc__policy_report_add(c->report, id, st, c->path, 0, 0, msg))
        c->fatal = UKC_ERR_NO_MEMORY;
}

static size_t push_key(checker *c, const char *key)
{
    size_t n = strlen(c->path);
    snprintf(c->path + n, sizeof c->path - n, ".%s", key);
    return n;
}

static size_t push_index(checker *c, size_t i)
{
    size_t n = strlen(c->path);
    snprintf(c->path + n, sizeof c->path - n, "[%zu]", i);
    return n;
}

static void pop(checker *c, size_t n)
{
    c->path[n] = '\0';
}

static bool blank(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

static bool document_known(const checker *c, const char *title)
{
    return ukc__ptab_find(&c->index, K_DOCUMENT, title, strlen(title), "", 0) != NULL;
}

static void check_object(checker *c, const json_t *obj, const ukc__shape *s);
static void check_value(checker *c, const json_t *v, const ukc__field *f);

static void check_citation(checker *c, const json_t *v)
{
    if (!json_is_object(v)) {
        problem(c, UKC_P006_MISSING_CITATION, UKC_ERR_INVALID_DATA,
                "a citation must be an object with document, section and quote");
        return;
    }
    const char *key;
    const json_t *x;
    json_object_foreach((json_t *)v, key, x)
    {
        size_t n = push_key(c, key);
        if (strcmp(key, "source") == 0) {
            static const ukc__field source = { "source", UKC__F_ENUM, false, NULL, ukc__source_quality_names };
            check_value(c, x, &source);
        } else if (!json_is_string(x)) {
            if (strcmp(key, "document") && strcmp(key, "section") && strcmp(key, "quote"))
                problem(c, UKC_P003_UNKNOWN_KEY, UKC_ERR_INVALID_DATA,
                        "unknown key '%s' in a citation", key);
            else
                problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be a string",
                        key);
        } else if (strcmp(key, "document") && strcmp(key, "section") && strcmp(key, "quote")) {
            problem(c, UKC_P003_UNKNOWN_KEY, UKC_ERR_INVALID_DATA,
                    "unknown key '%s' in a citation", key);
        } else if (blank(json_string_value(x))) {
            problem(c, strcmp(key, "quote") == 0 ? UKC_P007_EMPTY_QUOTE
                                                  : UKC_P006_MISSING_CITATION,
                    UKC_ERR_INVALID_DATA, "the citation's %s is empty", key);
        } else if (strcmp(key, "document") == 0 && !document_known(c, json_string_value(x))) {
            problem(c, UKC_P008_UNKNOWN_DOCUMENT, UKC_ERR_INVALID_DATA,
                    "the citation names '%s', which is not a title in $.documents",
                    json_string_value(x));
        }
        pop(c, n);
    }
    static const char *const parts[] = { "document", "section", "quote" };
    for (size_t i = 0; i < 3; i++)
        if (!json_object_get(v, parts[i]))
            problem(c, UKC_P006_MISSING_CITATION, UKC_ERR_INVALID_DATA,
                    "the citation has no %s", parts[i]);
}

static void check_value(checker *c, const json_t *v, const ukc__field *f)
{
    switch (f->type) {
    case UKC__F_STR:
    case UKC__F_TEXT:
        if (!json_is_string(v))
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be %s", f->key,
                    type_names[f->type]);
        else if (f->type == UKC__F_TEXT && blank(json_string_value(v)))
            problem(c, UKC_P007_EMPTY_QUOTE, UKC_ERR_INVALID_DATA, "'%s' must not be empty",
                    f->key);
        break;
    case UKC__F_INT:
        if (json_is_real(v))
            problem(c, UKC_P015_NUMBER_OUT_OF_RANGE, UKC_ERR_OUT_OF_RANGE,
                    "'%s' must be a whole number", f->key);
        else if (!json_is_integer(v))
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be %s", f->key,
                    type_names[f->type]);
        else if (json_integer_value(v) > UKC_POLICY_MAX_COUNT ||
                 json_integer_value(v) < -UKC_POLICY_MAX_COUNT)
            problem(c, UKC_P015_NUMBER_OUT_OF_RANGE, UKC_ERR_OUT_OF_RANGE,
                    "'%s' is %lld; the limit is %d", f->key, (long long)json_integer_value(v),
                    UKC_POLICY_MAX_COUNT);
        break;
    case UKC__F_BOOL:
        if (!json_is_boolean(v))
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be %s", f->key,
                    type_names[f->type]);
        break;
    case UKC__F_ENUM:
        if (!json_is_string(v))
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be a string",
                    f->key);
        else if (ukc__name_index(f->names, json_string_value(v)) < 0) {
            char allowed[400] = "";
            for (size_t i = 0; f->names[i]; i++) {
                size_t n = strlen(allowed);
                snprintf(allowed + n, sizeof allowed - n, "%s%s", i ? ", " : "", f->names[i]);
            }
            problem(c, UKC_P010_UNKNOWN_NAME, UKC_ERR_INVALID_DATA,
                    "unknown %s '%s' (one of: %s)", f->key, json_string_value(v), allowed);
        }
        break;
    case UKC__F_OBJ:
        if (!json_is_object(v))
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be an object",
                    f->key);
        else
            check_object(c, v, f->sub);
        break;
    case UKC__F_ARR:
        if (!json_is_array(v)) {
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be an array",
                    f->key);
            break;
        }
        for (size_t i = 0; i < json_array_size(v) && !c->fatal; i++) {
            size_t n = push_index(c, i);
            const json_t *item = json_array_get(v, i);
            if (!json_is_object(item))
                problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA,
                        "each element of '%s' must be an object (a %s)", f->key, f->sub->what);
            else
                check_object(c, item, f->sub);
            pop(c, n);
        }
        break;
    case UKC__F_CITE:
        check_citation(c, v);
        break;
    case UKC__F_NAMES:
        if (!json_is_array(v)) {
            problem(c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA, "'%s' must be %s", f->key,
                    type_names[f->type]);
            break;
        }
        for (size_t i = 0; i < json_array_size(v) && !c->fatal; i++) {
            size_t n = push_index(c, i);
            const json_t *item = json_array_get(v, i);
            ukc__field one = { f->key, f->names ? UKC__F_ENUM : UKC__F_TEXT, false, NULL, f->names };
            check_value(c, item, &one);
            pop(c, n);
        }
        break;
    }
}

static void check_object(checker *c, const json_t *obj, const ukc__shape *s)
{
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        const ukc__field *f = s->fields;
        while (f->key && strcmp(f->key, key) != 0)
            f++;
        size_t n = push_key(c, key);
        if (!f->key)
            problem(c, UKC_P003_UNKNOWN_KEY, UKC_ERR_INVALID_DATA, "unknown key '%s' in a %s",
                    key, s->what);
        else
            check_value(c, v, f);
        pop(c, n);
        if (c->fatal)
            return;
    }
    for (const ukc__field *f = s->fields; f->key; f++) {
        if (!f->required || json_object_get(obj, f->key))
            continue;
        if (f->type == UKC__F_CITE)
            problem(c, UKC_P006_MISSING_CITATION, UKC_ERR_INVALID_DATA,
                    "this %s has no citation (document, section and quote)", s->what);
        else
            problem(c, UKC_P004_MISSING_KEY, UKC_ERR_INVALID_DATA, "this %s needs '%s'", s->what,
                    f->key);
    }
}

/* ---- Meaning: counts, calendars, references, duplicates ------------------ */

static const char *str(const json_t *obj, const char *key)
{
    const json_t *v = json_object_get(obj, key);
    return json_is_string(v) ? json_string_value(v) : "";
}

static bool calendar_known(const char *name)
{
    for (size_t i = 0; i < ukc_calendar_builtin_count(); i++)
        if (strcmp(name, ukc_calendar_builtin_name(i)) == 0)
            return true;
    return false;
}

static void check_time(checker *c, const json_t *t, bool zero_ok)
{
    if (!json_is_object(t))
        return;
    const json_t *count = json_object_get(t, "count"), *max = json_object_get(t, "maximum");
    json_int_t n = json_is_integer(count) ? json_integer_value(count) : 1;
    size_t k;
    if (json_is_integer(count) && (n < 0 || (n == 0 && !zero_ok))) {
        k = push_key(c, "count");
        problem(c, UKC_P011_COUNT_NOT_POSITIVE, UKC_ERR_INVALID_DATA,
                "the count is %lld; a timescale counts at least 1", (long long)n);
        pop(c, k);
    }
    if (json_is_integer(max)) {
        json_int_t m = json_integer_value(max);
        k = push_key(c, "maximum");
        if (m <= 0)
            problem(c, UKC_P011_COUNT_NOT_POSITIVE, UKC_ERR_INVALID_DATA,
                    "the maximum is %lld; leave it out when there is none", (long long)m);
        else if (m < n)
            problem(c, UKC_P012_MAXIMUM_BELOW_TARGET, UKC_ERR_INVALID_DATA,
                    "the maximum %lld is below the count %lld", (long long)m, (long long)n);
        pop(c, k);
    }
    if (json_is_true(json_object_get(t, "range")) && !json_is_integer(max)) {
        k = push_key(c, "range");
        problem(c, UKC_P004_MISSING_KEY, UKC_ERR_INVALID_DATA,
                "a range needs a 'maximum' (its upper end)");
        pop(c, k);
    }
    const json_t *cal = json_object_get(t, "calendar");
    if (json_is_string(cal) && !calendar_known(json_string_value(cal))) {
        k = push_key(c, "calendar");
        problem(c, UKC_P013_UNKNOWN_CALENDAR, UKC_ERR_INVALID_DATA,
                "unknown calendar '%s' (england-and-wales, scotland, northern-ireland, "
                "united-kingdom)",
                json_string_value(cal));
        pop(c, k);
    }
}

/* The first element of a top-level list (kind K_PROCEDURE..K_FEEDBACK) whose
 * "id" is id, or NULL. */
static const json_t *find_id(const checker *c, int kind, const char *id)
{
    const ukc_ptab_entry *e = ukc__ptab_find(&c->index, kind, id, strlen(id), "", 0);
    return e ? e->value : NULL;
}

/* Index the elements of root[list] by their "id" (the first of each). */
static void index_list(checker *c, const char *list, int kind)
{
    size_t i;
    const json_t *x;
    bool added;
    json_array_foreach(json_object_get(c->root, list), i, x)
    {
        const char *id = kind == K_DOCUMENT ? str(x, "title") : str(x, "id");
        ukc_ptab_entry *e = ukc__ptab_add(&c->index, kind, id, strlen(id), "", 0, &added);
        if (!e) {
            c->fatal = UKC_ERR_NO_MEMORY;
            return;
        }
        if (added)
            e->value = x;
    }
}

/* The index of documents, rules by list, and each procedure's stages. */
static void build_index(checker *c)
{
    index_list(c, "documents", K_DOCUMENT);
    index_list(c, "procedures", K_PROCEDURE);
    index_list(c, "time_limits", K_LIMIT);
    index_list(c, "external_bodies", K_BODY);
    index_list(c, "feedback_kinds", K_FEEDBACK);
    size_t i, j;
    const json_t *proc, *stage;
    bool added;
    json_array_foreach(json_object_get(c->root, "procedures"), i, proc)
    {
        const char *pid = str(proc, "id");
        if (c->fatal || find_id(c, K_PROCEDURE, pid) != proc)
            continue; /* stages are looked up in the first procedure of an ID */
        json_array_foreach(json_object_get(proc, "stages"), j, stage)
        {
            const char *sid = str(stage, "id");
            ukc_ptab_entry *e =
                ukc__ptab_add(&c->index, K_STAGE, pid, strlen(pid), sid, strlen(sid), &added);
            if (!e) {
                c->fatal = UKC_ERR_NO_MEMORY;
                return;
            }
            if (added)
                e->value = stage;
        }
    }
}

static int list_kind(const char *list)
{
    return !strcmp(list, "procedures")        ? K_PROCEDURE
           : !strcmp(list, "time_limits")     ? K_LIMIT
           : !strcmp(list, "external_bodies") ? K_BODY
                                              : K_FEEDBACK;
}

static void check_ref(checker *c, const json_t *obj, const char *key, const char *list,
                      const char *what)
{
    const char *id = str(obj, key);
    if (!*id || find_id(c, list_kind(list), id))
        return;
    size_t k = push_key(c, key);
    problem(c, UKC_P009_UNKNOWN_REFERENCE, UKC_ERR_INVALID_DATA,
            "'%s' names %s '%s', which the policy does not define", key, what, id);
    pop(c, k);
}

/* Each name of the array obj[key] must be the ID of an element of root[list]. */
static void check_refs(checker *c, const json_t *obj, const char *key, const char *list,
                       const char *what)
{
    const json_t *names = json_object_get(obj, key);
    size_t k = push_key(c, key);
    for (size_t i = 0; json_is_array(names) && i < json_array_size(names); i++) {
        const json_t *v = json_array_get(names, i);
        if (!json_is_string(v) || find_id(c, list_kind(list), json_string_value(v)))
            continue;
        size_t n = push_index(c, i);
        problem(c, UKC_P009_UNKNOWN_REFERENCE, UKC_ERR_INVALID_DATA,
                "'%s' names %s '%s', which the policy does not define", key, what,
                json_string_value(v));
        pop(c, n);
    }
    pop(c, k);
}

static void check_duplicates(checker *c, const json_t *list, const char *key)
{
    ukc_ptab seen = { 0 };
    for (size_t i = 0; i < json_array_size(list) && !c->fatal; i++) {
        const char *id = str(json_array_get(list, i), key);
        bool added;
        if (!*id)
            continue;
        ukc_ptab_entry *e = ukc__ptab_add(&seen, K_SEEN, id, strlen(id), "", 0, &added);
        if (!e) {
            c->fatal = UKC_ERR_NO_MEMORY;
            break;
        }
        if (added) {
            e->index = i;
            continue;
        }
        size_t n = push_index(c, i);
        size_t k = push_key(c, key);
        problem(c, UKC_P014_DUPLICATE_ID, UKC_ERR_INVALID_DATA,
                "'%s' is used twice (also at index %zu)", id, e->index);
        pop(c, k);
        pop(c, n);
    }
    ukc__ptab_free(&seen);
}

static void check_obligations(checker *c, const json_t *owner)
{
    const json_t *list = json_object_get(owner, "obligations");
    if (!json_is_array(list))
        return;
    size_t k = push_key(c, "obligations");
    check_duplicates(c, list, "id");
    for (size_t i = 0; i < json_array_size(list); i++) {
        size_t n = push_index(c, i), t = push_key(c, "time");
        check_time(c, json_object_get(json_array_get(list, i), "time"), false);
        pop(c, t);
        pop(c, n);
    }
    pop(c, k);
}

/* Apply fn to each element of root[key], with the path set. */
#define EACH(c, key, x, body)                                                                \
    do {                                                                                     \
        const json_t *list_ = json_object_get((c)->root, key);                               \
        size_t k_ = push_key(c, key);                                                        \
        check_duplicates(c, list_, strcmp(key, "deemed_receipt") ? "id" : "method");         \
        for (size_t i_ = 0; json_is_array(list_) && i_ < json_array_size(list_); i_++) {    \
            const json_t *x = json_array_get(list_, i_);                                     \
            size_t n_ = push_index(c, i_);                                                   \
            if (json_is_object(x)) {                                                         \
                body;                                                                        \
            }                                                                                \
            pop(c, n_);                                                                      \
        }                                                                                    \
        pop(c, k_);                                                                          \
    } while (0)

static void check_time_at(checker *c, const json_t *owner, bool zero_ok)
{
    size_t t = push_key(c, "time");
    check_time(c, json_object_get(owner, "time"), zero_ok);
    pop(c, t);
}

static void check_stages(checker *c, const json_t *proc)
{
    const json_t *stages = json_object_get(proc, "stages");
    if (!json_is_array(stages))
        return;
    size_t k = push_key(c, "stages");
    check_duplicates(c, stages, "id");
    for (size_t i = 0; i < json_array_size(stages); i++) {
        const json_t *s = json_array_get(stages, i);
        size_t n = push_index(c, i);
        if (json_is_object(s)) {
            check_ref(c, s, "request_limit", "time_limits", "time limit");
            check_ref(c, s, "external_body", "external_bodies", "external body");
            check_obligations(c, s);
        }
        pop(c, n);
    }
    pop(c, k);
}

static void check_working_days(checker *c)
{
    const json_t *wd = json_object_get(c->root, "working_days");
    if (!json_is_object(wd))
        return;
    size_t k = push_key(c, "working_days");
    const char *cal = str(wd, "calendar");
    if (*cal && !calendar_known(cal)) {
        size_t n = push_key(c, "calendar");
        problem(c, UKC_P013_UNKNOWN_CALENDAR, UKC_ERR_INVALID_DATA,
                "unknown calendar '%s' (england-and-wales, scotland, northern-ireland, "
                "united-kingdom)",
                cal);
        pop(c, n);
    }
    bool stated = json_is_true(json_object_get(wd, "calendar_stated")) ||
                  json_is_true(json_object_get(wd, "receipt_stated"));
    bool defaulted = json_is_false(json_object_get(wd, "calendar_stated")) ||
                     json_is_false(json_object_get(wd, "receipt_stated"));
    const char *def = str(wd, "definition");
    if (*def && (ukc__definition_calendar(def) == NULL || strcmp(ukc__definition_calendar(def), cal) ||
                 !json_is_true(json_object_get(wd, "calendar_stated")))) {
        size_t n = push_key(c, "definition");
        problem(c, UKC_P013_UNKNOWN_CALENDAR, UKC_ERR_INVALID_DATA,
                "the working-day definition '%s' is the %s calendar's, stated by the source "
                "(calendar_stated true), not '%s'",
                def, ukc__definition_calendar(def) ? ukc__definition_calendar(def) : "?", cal);
        pop(c, n);
    }
    if (stated && !json_object_get(wd, "citation"))
        problem(c, UKC_P016_DEFAULT_WITHOUT_NOTE, UKC_ERR_INVALID_DATA,
                "a working-day rule the source states needs a citation");
    if (defaulted && blank(str(wd, "note")))
        problem(c, UKC_P016_DEFAULT_WITHOUT_NOTE, UKC_ERR_INVALID_DATA,
                "the note must say which parts are the library's default and why");
    pop(c, k);
}

static void check_meaning(checker *c)
{
    check_working_days(c);
    EACH(c, "feedback_kinds", x, {
        check_ref(c, x, "procedure", "procedures", "procedure");
        check_obligations(c, x);
    });
    EACH(c, "procedures", x, {
        check_ref(c, x, "external_body", "external_bodies", "external body");
        check_stages(c, x);
    });
    EACH(c, "exclusions", x, {
        check_ref(c, x, "procedure", "procedures", "procedure");
        check_ref(c, x, "external_body", "external_bodies", "external body");
        check_ref(c, x, "feedback_kind", "feedback_kinds", "feedback kind");
    });
    EACH(c, "time_limits", x, {
        check_ref(c, x, "procedure", "procedures", "procedure");
        const char *pid = str(x, "procedure");
        const char *stage = str(x, "stage");
        if (*stage && !ukc__ptab_find(&c->index, K_STAGE, pid, strlen(pid), stage, strlen(stage))) {
            size_t s = push_key(c, "stage");
            problem(c, UKC_P009_UNKNOWN_REFERENCE, UKC_ERR_INVALID_DATA,
                    "'stage' names stage '%s', which procedure '%s' does not define", stage,
                    str(x, "procedure"));
            pop(c, s);
        }
        check_time_at(c, x, false);
    });
    EACH(c, "case_actions", x, {
        check_ref(c, x, "procedure", "procedures", "procedure");
        check_refs(c, x, "feedback_kinds", "feedback_kinds", "feedback kind");
        check_ref(c, x, "external_body", "external_bodies", "external body");
        const json_t *grounds = json_object_get(x, "grounds");
        if (json_is_array(grounds)) {
            size_t g = push_key(c, "grounds");
            check_duplicates(c, grounds, "id");
            pop(c, g);
        }
        const json_t *att = json_object_get(x, "min_attempts");
        if (json_is_integer(att) && json_integer_value(att) < 0) {
            size_t a = push_key(c, "min_attempts");
            problem(c, UKC_P011_COUNT_NOT_POSITIVE, UKC_ERR_INVALID_DATA,
                    "min_attempts must not be negative");
            pop(c, a);
        }
        check_obligations(c, x);
    });
    EACH(c, "deemed_receipt", x, { check_time_at(c, x, true); });
    EACH(c, "external_bodies", x, { (void)x; });
}

/* ---- Line and column of every problem ------------------------------------ */

/* Give every problem of this check the line and column of its path (or of the
 * nearest enclosing value that the text has), and its full message. */
static void locate_all(checker *c)
{
    ukc_policy_report_t *r = c->report;
    ukc_ptab want = { 0 };
    bool added;

    for (size_t i = c->first; i < r->n && !c->fatal; i++) {
        const char *p = r->items[i].path;
        for (size_t k = 1, n = strlen(p); k <= n; k++)
            if ((k == n || p[k] == '.' || p[k] == '[') &&
                !ukc__ptab_add(&want, K_PATH, p, k, "", 0, &added))
                c->fatal = UKC_ERR_NO_MEMORY;
    }
    if (!c->fatal && want.n)
        ukc__json_locate_paths(c->text, c->len, &want);
    for (size_t i = c->first; i < r->n && !c->fatal; i++) {
        ukc_policy_problem *p = &r->items[i];
        const ukc_id_entry *e = ukc__id_lookup(p->id);
        const ukc_ptab_entry *at = NULL;
        for (size_t k = strlen(p->path); k > 0 && !(at && at->line); k--)
            if (k == strlen(p->path) || p->path[k] == '.' || p->path[k] == '[')
                at = ukc__ptab_find(&want, K_PATH, p->path, k, "", 0);
        char full[2600], more[160] = "";
        if (c->more && i + 1 == r->n)
            snprintf(more, sizeof more,
                     "; %zu more problems are not listed (a report lists at most %d)",
                     c->more, MAX_PROBLEMS);
        if (at && at->line) {
            p->line = at->line;
            p->column = at->column;
            snprintf(full, sizeof full, "%s %s: %s at %s (line %d, column %d)%s",
                     e ? e->code : "", e ? e->slug : "", p->message, p->path, (int)p->line,
                     (int)p->column, more);
        } else {
            snprintf(full, sizeof full, "%s %s: %s at %s%s", e ? e->code : "",
                     e ? e->slug : "", p->message, p->path, more);
        }
        if (!(p->message = ukc__pool_strdup(&r->strings, full)))
            c->fatal = UKC_ERR_NO_MEMORY;
    }
    ukc__ptab_free(&want);
}

ukc_status ukc__policy_validate(const json_t *root, const char *text, size_t len,
                                ukc_policy_report_t *report)
{
    checker c = { root, text, len, report, UKC_OK, "$", report->n, 0, { 0 } };

    if (!json_is_object(root)) {
        problem(&c, UKC_P005_WRONG_TYPE, UKC_ERR_INVALID_DATA,
                "a policy document is a JSON object");
        goto done;
    }
    const json_t *format = json_object_get(root, "format");
    if (!json_is_integer(format) || json_integer_value(format) != UKC_POLICY_FORMAT) {
        size_t k = push_key(&c, "format");
        if (!format)
            problem(&c, UKC_P002_FORMAT_VERSION, UKC_ERR_VERSION,
                    "the document has no \"format\"; this library reads format %d",
                    UKC_POLICY_FORMAT);
        else
            problem(&c, UKC_P002_FORMAT_VERSION, UKC_ERR_VERSION,
                    "format %s is not one this library reads (%d)",
                    json_is_integer(format) ? "given" : "of the wrong type", UKC_POLICY_FORMAT);
        pop(&c, k);
        goto done;
    }
    build_index(&c);
    if (!c.fatal)
        check_object(&c, root, &ukc__policy_root_shape);
    if (!c.fatal)
        check_meaning(&c);
done:
    if (!c.fatal)
        locate_all(&c);
    ukc__ptab_free(&c.index);
    return c.fatal;
}

/* ---- Reports ------------------------------------------------------------- */

ukc_status ukc__policy_report_add(ukc_policy_report_t *r, ukc_id id, ukc_status st,
                                  const char *path, int32_t line, int32_t column,
                                  const char *msg)
{
    if (!ukc__grow((void **)&r->items, &r->cap, r->n + 1, sizeof *r->items, 8))
        return UKC_ERR_NO_MEMORY;
    const ukc_id_entry *e = ukc__id_lookup(id);
    ukc_policy_problem p = { sizeof p, id, e ? e->code : "", st, NULL, NULL, line, column };
    if (!(p.message = ukc__pool_strdup(&r->strings, msg)) ||
        !(p.path = ukc__pool_strdup(&r->strings, path ? path : "")))
        return UKC_ERR_NO_MEMORY;
    r->items[r->n++] = p;
    return UKC_OK;
}

void ukc__policy_report_clear(ukc_policy_report_t *r)
{
    ukc__free(r->items);
    ukc__pool_free(&r->strings);
    memset(r, 0, sizeof *r);
}
