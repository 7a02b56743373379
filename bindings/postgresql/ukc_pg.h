/*
 * Shared helpers of the PostgreSQL extension: dates, errors, the lifetime of
 * library objects, JSON, and finding calendars and policies by name.
 */
#ifndef UKC_PG_H
#define UKC_PG_H

#include "postgres.h"

#include "fmgr.h"
#include "utils/date.h"

#include <ukcomplaints.h>

/* Days from 1970-01-01 (the library's day 0) to 2000-01-01 (PostgreSQL's). */
#define UKCPG_EPOCH_SHIFT 10957

/* A PostgreSQL date as a library date; an infinite or far date is an error. */
ukc_date ukcpg_date_in(DateADT d);
/* A library date as a PostgreSQL date. */
DateADT ukcpg_date_out(ukc_date d);

/*
 * Raise the library's last error as a PostgreSQL error: the library's message,
 * a SQLSTATE chosen by status, and the status name in the detail. Copy
 * nothing else from the library first: library objects are released by the
 * memory context callbacks of ukcpg_own().
 */
pg_attribute_noreturn() void ukcpg_raise(ukc_status status);

/* Raise the library's last error unless status is UKC_OK. */
static inline void
ukcpg_check(ukc_status status)
{
    if (status != UKC_OK)
        ukcpg_raise(status);
}

/*
 * Tie a library object to the current memory context: it is released with
 * release() when the context is reset or deleted, which also happens when an
 * error ends the call. Returns ptr.
 */
void *ukcpg_own(void *ptr, void (*release)(void *));

/* A NUL-terminated copy of a text value, in the current memory context. */
char *ukcpg_cstring(const text *t);

/* JSON text that the library made, as a jsonb value. */
Datum ukcpg_jsonb_from_cstring(const char *json);

/*
 * The JSON text a library call made (status and json as it returned them), as
 * a jsonb value; the text is released with ukc_free() in any case.
 */
Datum ukcpg_jsonb_take(ukc_status status, char *json);

/* A jsonb value as JSON text, in the current memory context. */
char *ukcpg_jsonb_to_cstring(Datum jsonb);

/*
 * The calendar a name stands for: a built-in calendar, or one stored in the
 * extension's ukc_calendar_feed table. Remembered for the rest of the
 * statement in the calling function's cache; a stored calendar is built once
 * per backend for each distinct feed.
 */
const ukc_calendar *ukcpg_calendar(FunctionCallInfo fcinfo, const text *name);

/* A built-in policy by name, built once per backend by the library. */
const ukc_policy *ukcpg_policy(const text *name);

#endif /* UKC_PG_H */
