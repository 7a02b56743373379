/*
 * Calendars by name (built-in or stored from a GOV.UK feed) and the
 * working-day functions over them.
 */
#include "ukc_pg.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

/* ---- Finding a calendar by name ----------------------------------------- */

/* A calendar built from a stored feed; kept for the backend's life. */
typedef struct stored_calendar {
    struct stored_calendar *next;
    char *name;
    char *division;
    char *feed; /* the feed as text, to tell a changed row from the same one */
    ukc_calendar *cal;
} stored_calendar;

static stored_calendar *stored_calendars;

/* The calling function's per-statement memory of the names it has seen. */
#define FN_CACHE_SIZE 8
typedef struct fn_cache {
    int used;
    int next;
    struct {
        char *name;
        const ukc_calendar *cal;
    } entry[FN_CACHE_SIZE];
} fn_cache;

/* The row of ukc_calendar_feed named name, in the caller's memory; false when none. */
static bool
read_feed(Oid fn_oid, const char *name, char **division, char **feed)
{
    MemoryContext caller = CurrentMemoryContext;
    char *schema = get_namespace_name(get_func_namespace(fn_oid));
    char *query = psprintf("SELECT division, feed::text FROM %s.ukc_calendar_feed WHERE name = $1",
                           quote_identifier(schema));
    Oid types[1] = { TEXTOID };
    Datum values[1] = { CStringGetTextDatum(name) };
    bool found;

    SPI_connect();
    if (SPI_execute_with_args(query, 1, types, values, NULL, true, 1) != SPI_OK_SELECT)
        elog(ERROR, "ukcomplaints: reading ukc_calendar_feed failed");
    found = SPI_processed == 1;
    if (found) {
        *division = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1));
        *feed = MemoryContextStrdup(caller, SPI_getvalue(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 2));
    }
    SPI_finish();
    return found;
}

/* The calendar built from a stored feed, building it on first sight of that content. */
static const ukc_calendar *
calendar_of_feed(const char *name, const char *division, const char *feed)
{
    stored_calendar *s;
    ukc_calendar *cal = NULL;
    char *origin;

    for (s = stored_calendars; s; s = s->next)
        if (strcmp(s->name, name) == 0 && strcmp(s->division, division) == 0 &&
            strcmp(s->feed, feed) == 0)
            return s->cal;
    origin = psprintf("GOV.UK feed stored as %s", name);
    ukcpg_check(ukc_calendar_from_govuk_json(feed, strlen(feed), division, origin, &cal));
    s = MemoryContextAlloc(TopMemoryContext, sizeof *s);
    s->name = MemoryContextStrdup(TopMemoryContext, name);
    s->division = MemoryContextStrdup(TopMemoryContext, division);
    s->feed = MemoryContextStrdup(TopMemoryContext, feed);
    s->cal = cal;
    s->next = stored_calendars;
    stored_calendars = s;
    return cal;
}

static const ukc_calendar *
resolve(Oid fn_oid, const char *name)
{
    const ukc_calendar *cal = NULL;
    ukc_status st = ukc_calendar_builtin(name, &cal);
    char *division, *feed;

    if (st == UKC_OK)
        return cal;
    if (st != UKC_ERR_NOT_FOUND)
        ukcpg_raise(st);
    if (read_feed(fn_oid, name, &division, &feed))
        return calendar_of_feed(name, division, feed);
    ereport(ERROR,
            (errcode(ERRCODE_UNDEFINED_OBJECT),
             errmsg("no calendar named \"%s\": neither a built-in calendar nor a row of ukc_calendar_feed", name),
             errdetail("%s (%s)", ukc_status_name(UKC_ERR_NOT_FOUND), ukc_status_str(UKC_ERR_NOT_FOUND)),
             errhint("The built-in calendars are england-and-wales, scotland, northern-ireland and united-kingdom; "
                     "ukc_calendar_from_govuk() stores another.")));
    pg_unreachable();
}

const ukc_calendar *
ukcpg_calendar(FunctionCallInfo fcinfo, const text *name)
{
    fn_cache *cache = fcinfo->flinfo->fn_extra;
    const char *bytes = VARDATA_ANY(name);
    size_t len = VARSIZE_ANY_EXHDR(name);
    MemoryContext old;
    char *cname;
    const ukc_calendar *cal;
    int i;

    if (!cache) {
        cache = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof *cache);
        fcinfo->flinfo->fn_extra = cache;
    }
    for (i = 0; i < cache->used; i++)
        if (strlen(cache->entry[i].name) == len && memcmp(cache->entry[i].name, bytes, len) == 0)
            return cache->entry[i].cal;
    old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
    cname = pnstrdup(bytes, len);
    MemoryContextSwitchTo(old);
    cal = resolve(fcinfo->flinfo->fn_oid, cname);
    i = cache->used < FN_CACHE_SIZE ? cache->used++ : cache->next++ % FN_CACHE_SIZE;
    if (cache->entry[i].name)
        pfree(cache->entry[i].name);
    cache->entry[i].name = cname;
    cache->entry[i].cal = cal;
    return cal;
}

/* ---- Storing a GOV.UK feed ---------------------------------------------- */

PG_FUNCTION_INFO_V1(ukcpg_calendar_feed_valid);
/* ukc_calendar_feed_valid(name, division, feed): true, or the library's error. */
Datum
ukcpg_calendar_feed_valid(PG_FUNCTION_ARGS)
{
    char *name = ukcpg_cstring(PG_GETARG_TEXT_PP(0));
    char *division = ukcpg_cstring(PG_GETARG_TEXT_PP(1));
    char *feed = ukcpg_jsonb_to_cstring(PG_GETARG_DATUM(2));
    const ukc_calendar *builtin = NULL;
    ukc_calendar *cal = NULL;

    if (ukc_calendar_builtin(name, &builtin) == UKC_OK)
        ereport(ERROR,
                (errcode(ERRCODE_DUPLICATE_OBJECT),
                 errmsg("\"%s\" is the name of a built-in calendar", name),
                 errdetail("%s (%s)", ukc_status_name(UKC_ERR_INVALID_ARGUMENT),
                           ukc_status_str(UKC_ERR_INVALID_ARGUMENT))));
    ukcpg_check(ukc_calendar_from_govuk_json(feed, strlen(feed), division, NULL, &cal));
    ukc_calendar_free(cal);
    PG_RETURN_BOOL(true);
}

/* ---- Working days ------------------------------------------------------- */

PG_FUNCTION_INFO_V1(ukcpg_add_working_days);
Datum
ukcpg_add_working_days(PG_FUNCTION_ARGS)
{
    ukc_date start = ukcpg_date_in(PG_GETARG_DATEADT(0));
    int32 n = PG_GETARG_INT32(1);
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(2));
    ukc_date due;

    ukcpg_check(ukc_calendar_add_working_days(cal, start, n, &due));
    PG_RETURN_DATEADT(ukcpg_date_out(due));
}

PG_FUNCTION_INFO_V1(ukcpg_count_working_days);
Datum
ukcpg_count_working_days(PG_FUNCTION_ARGS)
{
    ukc_date from = ukcpg_date_in(PG_GETARG_DATEADT(0));
    ukc_date to = ukcpg_date_in(PG_GETARG_DATEADT(1));
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(2));
    int32_t count;

    ukcpg_check(ukc_calendar_count_working_days(cal, from, to, &count));
    PG_RETURN_INT32(count);
}

PG_FUNCTION_INFO_V1(ukcpg_is_working_day);
Datum
ukcpg_is_working_day(PG_FUNCTION_ARGS)
{
    ukc_date day = ukcpg_date_in(PG_GETARG_DATEADT(0));
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(1));
    bool working;

    ukcpg_check(ukc_calendar_is_working_day(cal, day, &working));
    PG_RETURN_BOOL(working);
}

PG_FUNCTION_INFO_V1(ukcpg_next_working_day);
Datum
ukcpg_next_working_day(PG_FUNCTION_ARGS)
{
    ukc_date day = ukcpg_date_in(PG_GETARG_DATEADT(0));
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(1));
    ukc_date next;

    ukcpg_check(ukc_calendar_next_working_day(cal, day, &next));
    PG_RETURN_DATEADT(ukcpg_date_out(next));
}

static void
free_explanation(void *p)
{
    ukc_explanation_free(p);
}

PG_FUNCTION_INFO_V1(ukcpg_explain_deadline);
Datum
ukcpg_explain_deadline(PG_FUNCTION_ARGS)
{
    ukc_date start = ukcpg_date_in(PG_GETARG_DATEADT(0));
    int32 n = PG_GETARG_INT32(1);
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(2));
    char *receipt_name = ukcpg_cstring(PG_GETARG_TEXT_PP(3));
    ukc_receipt receipt;
    ukc_explanation *expl = NULL;
    char *json = NULL;

    ukcpg_check(ukc_receipt_from_name(receipt_name, &receipt));
    ukcpg_check(ukc_calendar_explain_deadline(cal, start, n, receipt, &expl));
    ukcpg_own(expl, free_explanation);
    ukc_status st = ukc_explanation_to_json(expl, &json);

    PG_RETURN_DATUM(ukcpg_jsonb_take(st, json));
}

PG_FUNCTION_INFO_V1(ukcpg_holidays);
/* ukc_holidays(calendar, from, to): the listed non-working days in from..to. */
Datum
ukcpg_holidays(PG_FUNCTION_ARGS)
{
    ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
    const ukc_calendar *cal = ukcpg_calendar(fcinfo, PG_GETARG_TEXT_PP(0));
    ukc_date from = ukcpg_date_in(PG_GETARG_DATEADT(1));
    ukc_date to = ukcpg_date_in(PG_GETARG_DATEADT(2));
    size_t count = 0, i;
    ukc_holiday *days;
    ukc_status st;

    InitMaterializedSRF(fcinfo, 0);
    st = ukc_calendar_holidays(cal, from, to, 0, NULL, 0, &count);
    if (st != UKC_OK && st != UKC_ERR_BUFFER_TOO_SMALL)
        ukcpg_raise(st);
    if (count == 0)
        PG_RETURN_NULL();
    days = palloc(count * sizeof *days);
    for (i = 0; i < count; i++) {
        static const ukc_holiday empty = UKC_HOLIDAY_INIT;

        days[i] = empty;
    }
    ukcpg_check(ukc_calendar_holidays(cal, from, to, 0, days, count, &count));
    for (i = 0; i < count; i++) {
        Datum values[5];
        bool nulls[5] = { false, false, false, false, false };

        values[0] = DateADTGetDatum(ukcpg_date_out(days[i].date));
        values[1] = CStringGetTextDatum(days[i].name);
        values[2] = CStringGetTextDatum(ukc_day_kind_name((ukc_day_kind) days[i].kind));
        values[3] = CStringGetTextDatum(days[i].source);
        values[4] = BoolGetDatum(days[i].projected);
        tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
    }
    PG_RETURN_NULL();
}
