/*
 * One case from its opening and events: the obligations at a date, and the
 * policy's decision on each event.
 *
 * The case is a JSON object in the vocabulary of the library's saved cases:
 * {"procedure", "kind", "received", "channel", "suspension", "events": [{"event",
 * "date", "delivery", "reasons", "ground", "method", "body", "days", "note"}]}.
 * A document saved by the library ("format" and "policy" too) is accepted as
 * it is. Unlike restoring a saved case, an event the policy refuses is not an
 * error: it changes nothing, as in the library, and ukc_case_decisions() says
 * why it was refused.
 */
#include "ukc_pg.h"

/* PostgreSQL's SQL function json_object() would clash with jansson's. */
#define json_object ukcpg_pg_json_object
#include "funcapi.h"
#include "utils/builtins.h"
#undef json_object

#include <jansson.h>

static void
free_case(void *p)
{
    ukc_case_free(p);
}

static void
free_obligations(void *p)
{
    ukc_obligations_free(p);
}

static void
free_json(void *p)
{
    json_decref(p);
}

pg_attribute_noreturn() static void
bad_case(const char *path, const char *fmt, const char *what)
{
    ereport(ERROR,
            (errcode(ERRCODE_DATA_EXCEPTION),
             errmsg("case document: %s: %s %s", path, fmt, what),
             errdetail("%s (%s) at %s", ukc_status_name(UKC_ERR_INVALID_DATA),
                       ukc_status_str(UKC_ERR_INVALID_DATA), path)));
    pg_unreachable();
}

/* A string member, or NULL when absent or null; anything else is an error. */
static const char *
member_str(json_t *obj, const char *path, const char *key, bool required)
{
    json_t *v = json_object_get(obj, key);

    if ((!v || json_is_null(v)) && !required)
        return NULL;
    if (!v || !json_is_string(v))
        bad_case(path, required ? "needs a string member" : "member must be a string:", key);
    return json_string_value(v);
}

static ukc_date
member_date(json_t *obj, const char *path, const char *key)
{
    const char *s = member_str(obj, path, key, true);
    ukc_date d;

    ukcpg_check(ukc_date_parse(s, &d));
    return d;
}

static void
check_keys(json_t *obj, const char *path, const char *const *keys)
{
    const char *key;
    json_t *v;

    json_object_foreach(obj, key, v) {
        const char *const *k;

        for (k = keys; *k && strcmp(*k, key) != 0; k++)
            ;
        if (!*k)
            bad_case(path, "has an unknown member", key);
    }
}

static void
read_event(json_t *o, const char *path, ukc_case_event *ev)
{
    static const char *const keys[] = { "event", "date", "delivery", "reasons", "ground",
                                        "method", "body", "days", "note", NULL };
    const char *delivery;
    json_t *days;
    ukc_event_kind kind;
    ukc_delivery method;

    if (!json_is_object(o))
        bad_case(path, "must be an", "object");
    check_keys(o, path, keys);
    ukcpg_check(ukc_case_event_init(ev, UKC_CASE_EVENT_VERSION));
    ukcpg_check(ukc_event_kind_from_name(member_str(o, path, "event", true), &kind));
    ev->kind = kind;
    ev->date = member_date(o, path, "date");
    delivery = member_str(o, path, "delivery", false);
    if (delivery) {
        ukcpg_check(ukc_delivery_from_name(delivery, &method));
        ev->delivery = method;
        ev->has_delivery = true;
    }
    ev->reasons = member_str(o, path, "reasons", false);
    ev->ground = member_str(o, path, "ground", false);
    ev->method = member_str(o, path, "method", false);
    ev->body = member_str(o, path, "body", false);
    ev->note = member_str(o, path, "note", false);
    days = json_object_get(o, "days");
    if (days && !json_is_null(days)) {
        if (!json_is_integer(days) || json_integer_value(days) < 0 ||
            json_integer_value(days) > INT32_MAX)
            bad_case(path, "member must be a whole number of days:", "days");
        ev->days = (int32_t) json_integer_value(days);
    }
}

/* An opened case with every event applied; decisions[i] for events[i]. */
typedef struct case_run {
    ukc_case *c;
    json_t *events;
    size_t count;
    ukc_decision *decisions;
} case_run;

static void
run_case(const ukc_policy *policy, const ukc_calendar *calendar, Datum doc, case_run *run)
{
    static const char *const keys[] = { "format", "policy", "procedure", "kind", "received",
                                        "channel", "suspension", "events", NULL };
    char *text = ukcpg_jsonb_to_cstring(doc);
    json_error_t jerr;
    json_t *root = ukcpg_own(json_loads(text, JSON_REJECT_DUPLICATES, &jerr), free_json);
    ukc_case_options opts;
    const char *pid, *mode;
    size_t i;

    if (!root || !json_is_object(root))
        bad_case("$", "must be an", "object");
    check_keys(root, "$", keys);
    pid = member_str(root, "$", "policy", false);
    if (pid && strcmp(pid, ukc_policy_id(policy)) != 0)
        bad_case("$.policy", "names another policy:", pid);
    ukcpg_check(ukc_case_options_init(&opts, UKC_CASE_OPTIONS_VERSION));
    opts.calendar = calendar;
    mode = member_str(root, "$", "suspension", false);
    if (mode) {
        ukc_suspension s;
        ukcpg_check(ukc_suspension_from_name(mode, &s));
        opts.suspension = s;
    }
    run->events = json_object_get(root, "events");
    if (run->events && !json_is_array(run->events))
        bad_case("$.events", "must be an", "array");
    run->count = run->events ? json_array_size(run->events) : 0;
    ukcpg_check(ukc_case_open(policy, member_str(root, "$", "procedure", false),
                              member_str(root, "$", "kind", true), member_date(root, "$", "received"),
                              member_str(root, "$", "channel", false), &opts, &run->c));
    ukcpg_own(run->c, free_case);
    run->decisions = palloc0(sizeof *run->decisions * (run->count ? run->count : 1));
    for (i = 0; i < run->count; i++) {
        ukc_case_event ev;
        char *path = psprintf("$.events[%zu]", i);

        read_event(json_array_get(run->events, i), path, &ev);
        run->decisions[i].size = sizeof run->decisions[i];
        ukcpg_check(ukc_case_apply(run->c, &ev, &run->decisions[i]));
    }
}

/* The calendar argument at position arg when the call has one, else NULL (the policy's). */
static const ukc_calendar *
case_calendar(FunctionCallInfo fcinfo, int arg)
{
    return PG_NARGS() > arg ? ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(arg)) : NULL;
}

/* Text, or SQL NULL for an absent or empty string. */
static Datum
text_or_null(const char *s, bool *isnull)
{
    *isnull = s == NULL || s[0] == '\0';
    return *isnull ? (Datum) 0 : CStringGetTextDatum(s);
}

PG_FUNCTION_INFO_V1(ukcpg_case_obligations);
/* ukc_case_obligations(policy, case, as_of): one row per obligation, by due date. */
Datum
ukcpg_case_obligations(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    const ukc_policy *policy = ukcpg_policy(PG_GETARG_TEXT_PP(0));
    ukc_date as_of = ukcpg_date_in(PG_GETARG_DATEADT(2));
    ukc_obligations *list = NULL;
    case_run run;
    size_t i;

    InitMaterializedSRF(fcinfo, 0);
    run_case(policy, case_calendar(fcinfo, 3), PG_GETARG_DATUM(1), &run);
    ukcpg_check(ukc_case_obligations(run.c, as_of, UKC_OBLIGATIONS_EXPLAIN, &list));
    ukcpg_own(list, free_obligations);
    for (i = 0; i < ukc_obligations_count(list); i++) {
        const ukc_case_obligation *o = ukc_obligations_at(list, i);
        Datum v[20];
        bool n[20];
        char *json = NULL;
        int k;

        for (k = 0; k < 20; k++)
            n[k] = false;
        v[0] = CStringGetTextDatum(o->id);
        v[1] = CStringGetTextDatum(o->rule);
        v[2] = text_or_null(o->stage, &n[2]);
        v[3] = CStringGetTextDatum(o->what);
        v[4] = CStringGetTextDatum(ukc_party_name(o->party));
        v[5] = CStringGetTextDatum(o->bound == UKC_BOUND_MAXIMUM ? "maximum" : "target");
        v[6] = CStringGetTextDatum(o->text);
        v[7] = text_or_null(o->condition, &n[7]);
        v[8] = CStringGetTextDatum(ukc_unit_name(o->unit));
        v[9] = DateADTGetDatum(ukcpg_date_out(o->start));
        v[10] = DateADTGetDatum(ukcpg_date_out(o->due));
        v[11] = CStringGetTextDatum(ukc_obligation_state_name(o->state));
        v[12] = o->met ? DateADTGetDatum(ukcpg_date_out(o->met)) : (n[12] = true, (Datum) 0);
        v[13] = Int32GetDatum(o->late_by);
        v[14] = Int32GetDatum(o->extended_to);
        v[15] = Int32GetDatum(o->suspended_days);
        v[16] = text_or_null(o->citation->document, &n[16]);
        v[17] = text_or_null(o->citation->section, &n[17]);
        v[18] = text_or_null(o->citation->quote, &n[18]);
        if (o->explanation) {
            ukc_status st = ukc_explanation_to_json(o->explanation, &json);

            v[19] = ukcpg_jsonb_take(st, json);
        } else {
            n[19] = true;
            v[19] = (Datum) 0;
        }
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
    }
    PG_RETURN_NULL();
}

PG_FUNCTION_INFO_V1(ukcpg_case_decisions);
/* ukc_case_decisions(policy, case): one row per event, in the document's order. */
Datum
ukcpg_case_decisions(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    const ukc_policy *policy = ukcpg_policy(PG_GETARG_TEXT_PP(0));
    case_run run;
    size_t i;

    InitMaterializedSRF(fcinfo, 0);
    run_case(policy, case_calendar(fcinfo, 2), PG_GETARG_DATUM(1), &run);
    for (i = 0; i < run.count; i++) {
        const ukc_decision *d = &run.decisions[i];
        json_t *ev = json_array_get(run.events, i);
        ukc_date day;
        Datum v[10];
        bool n[10] = { false };

        ukcpg_check(ukc_date_parse(json_string_value(json_object_get(ev, "date")), &day));
        v[0] = Int32GetDatum((int32) i);
        v[1] = CStringGetTextDatum(json_string_value(json_object_get(ev, "event")));
        v[2] = DateADTGetDatum(ukcpg_date_out(day));
        v[3] = BoolGetDatum(d->allowed);
        v[4] = text_or_null(d->code, &n[4]);
        v[5] = text_or_null(d->slug, &n[5]);
        v[6] = CStringGetTextDatum(d->message);
        v[7] = text_or_null(d->citation->document, &n[7]);
        v[8] = text_or_null(d->citation->section, &n[8]);
        v[9] = text_or_null(d->citation->quote, &n[9]);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, v, n);
    }
    PG_RETURN_NULL();
}
