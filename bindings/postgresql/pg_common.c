/*
 * The extension's module, and the helpers every function shares: dates,
 * errors, the lifetime of library objects and JSON.
 */
#include "ukc_pg.h"

#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/jsonb.h"

PG_MODULE_MAGIC;

ukc_date
ukcpg_date_in(DateADT d)
{
    int64 day = (int64) d + UKCPG_EPOCH_SHIFT;

    if (DATE_NOT_FINITE(d) || day < UKC_DATE_MIN || day > UKC_DATE_MAX)
        ereport(ERROR,
                (errcode(ERRCODE_DATETIME_VALUE_OUT_OF_RANGE),
                 errmsg("date %s is outside 1900-01-01..2199-12-31",
                        DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d)))),
                 errdetail("%s (%s)", ukc_status_name(UKC_ERR_OUT_OF_RANGE),
                           ukc_status_str(UKC_ERR_OUT_OF_RANGE))));
    return (ukc_date) day;
}

DateADT
ukcpg_date_out(ukc_date d)
{
    return (DateADT) (d - UKCPG_EPOCH_SHIFT);
}

static int
sqlstate_of(ukc_status status)
{
    switch (status) {
    case UKC_ERR_INVALID_ARGUMENT:
    case UKC_ERR_VERSION:
        return ERRCODE_INVALID_PARAMETER_VALUE;
    case UKC_ERR_PARSE:
        return ERRCODE_INVALID_TEXT_REPRESENTATION;
    case UKC_ERR_OUT_OF_RANGE:
        return ERRCODE_DATETIME_VALUE_OUT_OF_RANGE;
    case UKC_ERR_NO_MEMORY:
        return ERRCODE_OUT_OF_MEMORY;
    case UKC_ERR_NOT_FOUND:
        return ERRCODE_UNDEFINED_OBJECT;
    case UKC_ERR_NOT_SET:
        return ERRCODE_NO_DATA_FOUND;
    case UKC_ERR_IO:
        return ERRCODE_IO_ERROR;
    case UKC_ERR_INVALID_UTF8:
        return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
    case UKC_ERR_TOO_LONG:
    case UKC_ERR_TOO_DEEP:
    case UKC_ERR_TOO_MANY:
        return ERRCODE_PROGRAM_LIMIT_EXCEEDED;
    case UKC_ERR_INVALID_DATA:
        return ERRCODE_DATA_EXCEPTION;
    case UKC_ERR_STATE:
        return ERRCODE_OBJECT_NOT_IN_PREREQUISITE_STATE;
    default:
        return ERRCODE_INTERNAL_ERROR;
    }
}

void
ukcpg_raise(ukc_status status)
{
    /* Copy the detail before any other library call can reset it. */
    const ukc_error *e = ukc_last_error();
    bool ours = e->status == (int32_t) status;
    char *message = pstrdup(ours && e->message[0] ? e->message : ukc_status_str(status));
    StringInfoData where;

    initStringInfo(&where);
    if (ours && e->path && e->path[0])
        appendStringInfo(&where, " at %s", e->path);
    if (ours && e->index >= 0)
        appendStringInfo(&where, " (element %lld)", (long long) e->index);
    ereport(ERROR,
            (errcode(sqlstate_of(status)),
             errmsg("%s", message),
             errdetail("%s (%s)%s", ukc_status_name(status), ukc_status_str(status), where.data)));
    pg_unreachable();
}

typedef struct owned {
    MemoryContextCallback cb;
    void *ptr;
    void (*release)(void *);
} owned;

static void
release_owned(void *arg)
{
    owned *o = arg;

    o->release(o->ptr);
}

void *
ukcpg_own(void *ptr, void (*release)(void *))
{
    owned *o;

    if (!ptr)
        return ptr;
    o = palloc(sizeof *o);
    o->ptr = ptr;
    o->release = release;
    o->cb.func = release_owned;
    o->cb.arg = o;
    MemoryContextRegisterResetCallback(CurrentMemoryContext, &o->cb);
    return ptr;
}

char *
ukcpg_cstring(const text *t)
{
    return text_to_cstring(t);
}

Datum
ukcpg_jsonb_from_cstring(const char *json)
{
    return DirectFunctionCall1(jsonb_in, CStringGetDatum(json));
}

static void
free_string(void *p)
{
    ukc_free(p);
}

Datum
ukcpg_jsonb_take(ukc_status status, char *json)
{
    ukcpg_own(json, free_string);
    ukcpg_check(status);
    return ukcpg_jsonb_from_cstring(json);
}

char *
ukcpg_jsonb_to_cstring(Datum jsonb)
{
    Jsonb *jb = DatumGetJsonbP(jsonb);

    return JsonbToCString(NULL, &jb->root, VARSIZE(jb));
}
