/* Making calendars: the built-ins, GOV.UK feeds, unions and closure overlays. */
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>

#include "calendar_internal.h"
#include "date_internal.h"
#include "error_internal.h"
#include "util.h"

/* The embedded GOV.UK snapshots (lib/data/govuk, generated into govuk_data.c). */
extern const unsigned char ukc__govuk_2012_2020[];
extern const size_t ukc__govuk_2012_2020_len;
extern const unsigned char ukc__govuk_2019_2028[];
extern const size_t ukc__govuk_2019_2028_len;

#define ORIGIN_2012 "bank-holidays.json of December 2018, used for 2012-2018"
#define ORIGIN_2019 "bank-holidays.json of July 2026, used for 2019-2028"

static const char *const builtin_names[] = {
    "england-and-wales",
    "scotland",
    "northern-ireland",
    "united-kingdom",
};
#define NBUILTIN (sizeof builtin_names / sizeof builtin_names[0])
#define UK_INDEX 3

static _Atomic(void *) builtins[NBUILTIN];
static pthread_mutex_t builtin_lock = PTHREAD_MUTEX_INITIALIZER;

size_t ukc_calendar_builtin_count(void)
{
    ukc__error_reset();
    return NBUILTIN;
}

const char *ukc_calendar_builtin_name(size_t i)
{
    ukc__error_reset();
    return i < NBUILTIN ? builtin_names[i] : NULL;
}

/* Rules for 1971..2199, then GOV.UK's published lists for the years they cover. */
static ukc_status build_division(ukc_division div, ukc_calendar **out)
{
    ukc_cal_builder b = { 0 };
    ukc_status st;
    int max_old = 0, max_new = 0;

    if ((st = ukc__builder_add_rules(&b, div)) ||
        (st = ukc__builder_apply_feed(&b, (const char *)ukc__govuk_2012_2020,
                                      ukc__govuk_2012_2020_len, div, ORIGIN_2012, 2012, 2018,
                                      &max_old)) ||
        (st = ukc__builder_apply_feed(&b, (const char *)ukc__govuk_2019_2028,
                                      ukc__govuk_2019_2028_len, div, ORIGIN_2019, 2019, 2199,
                                      &max_new))) {
        ukc__builder_discard(&b);
        return st;
    }
    b.published_until = max_new;
    return ukc__builder_finish(&b, ukc__division_name(div), out);
}

static ukc_status union_of(const ukc_calendar *const *cals, size_t count, const char *name,
                           ukc_calendar **out)
{
    ukc_cal_builder b = { 0 };
    ukc_status st;

    b.published_until = cals[0]->published_until;
    for (size_t i = 0; i < count; i++) {
        if ((st = ukc__builder_add_calendar(&b, cals[i]))) {
            ukc__builder_discard(&b);
            return st;
        }
        if (cals[i]->published_until < b.published_until)
            b.published_until = cals[i]->published_until;
    }
    return ukc__builder_finish(&b, name, out);
}

static ukc_status build_builtin(size_t i, void **out)
{
    ukc_calendar *cal = NULL;
    ukc_status st;
    if (i != UK_INDEX) {
        st = build_division((ukc_division)i, &cal);
    } else {
        /* The parts were built before the lock was taken (see below). */
        const ukc_calendar *parts[UKC_DIV_COUNT];
        for (size_t d = 0; d < UKC_DIV_COUNT; d++)
            parts[d] = atomic_load_explicit(&builtins[d], memory_order_acquire);
        st = union_of(parts, UKC_DIV_COUNT, builtin_names[UK_INDEX], &cal);
    }
    if (!st)
        cal->builtin = true;
    *out = cal;
    return st;
}

ukc_status ukc_calendar_builtin(const char *name, const ukc_calendar **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!name || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%s is NULL", name ? "out" : "name");
    size_t i = 0;
    while (i < NBUILTIN && strcmp(name, builtin_names[i]) != 0)
        i++;
    if (i == NBUILTIN)
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "no built-in calendar '%s' (england-and-wales, scotland, "
                         "northern-ireland, united-kingdom)",
                         name);
    ukc_status st = UKC_OK;
    void *cal;
    if (i == UK_INDEX) {
        /* The union needs its parts, which take the same lock: build them first. */
        for (size_t d = 0; d < UKC_DIV_COUNT && !st; d++)
            st = ukc__build_once(&builtins[d], &builtin_lock, build_builtin, d, &cal);
        if (st)
            return st;
    }
    if ((st = ukc__build_once(&builtins[i], &builtin_lock, build_builtin, i, &cal)))
        return st;
    *out = cal;
    return UKC_OK;
}

ukc_status ukc_calendar_union(const ukc_calendar *const *cals, size_t count, const char *name,
                              ukc_calendar **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!cals || !name || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    if (count == 0 || count > 64)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a union takes 1 to 64 calendars, not %zu",
                         count);
    for (size_t i = 0; i < count; i++)
        if (!cals[i]) {
            ukc__error_index((int64_t)i);
            return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "calendar %zu is NULL", i);
        }
    return union_of(cals, count, name, out);
}

ukc_status ukc_calendar_with_closures(const ukc_calendar *base, const char *overlay_name,
                                      const ukc_closure *days, size_t count, ukc_calendar **out)
{
    ukc_cal_builder b = { 0 };
    ukc_status st;

    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!base || !overlay_name || !out || (!days && count))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    /* The caller's struct size is the array's stride. */
    size_t stride = count ? days[0].size : sizeof *days;
    if (ukc__check_size(stride, UKC_CLOSURE_SIZE_0_1, "ukc_closure"))
        return UKC_ERR_VERSION;
#define CLOSURE(i) ((const ukc_closure *)((const char *)days + (i) * stride))
    for (size_t i = 0; i < count; i++) {
        if (!CLOSURE(i)->name || !CLOSURE(i)->name[0]) {
            ukc__fail(UKC_ERR_INVALID_ARGUMENT, "closure %zu has no name", i);
            ukc__error_index((int64_t)i);
            return UKC_ERR_INVALID_ARGUMENT;
        }
        if (CLOSURE(i)->date < UKC_CALENDAR_FIRST || CLOSURE(i)->date > UKC_CALENDAR_LAST) {
            ukc__fail(UKC_ERR_OUT_OF_RANGE,
                      "closure %zu is outside the calendars' range 1971-01-01..2199-12-31", i);
            ukc__error_index((int64_t)i);
            return UKC_ERR_OUT_OF_RANGE;
        }
    }
    b.published_until = base->published_until;
    if ((st = ukc__builder_add_calendar(&b, base)))
        goto fail;
    const char *source = ukc__pool_printf(&b.strings, "overlay: %s", overlay_name);
    const char *division = ukc__pool_strdup(&b.strings, overlay_name);
    if (!source || !division) {
        st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
        goto fail;
    }
    for (size_t i = 0; i < count; i++) {
        uint32_t idx = (uint32_t)(CLOSURE(i)->date - UKC_CALENDAR_FIRST);
        if (!ukc__cal_working(base, idx))
            continue;
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++)
            dup = CLOSURE(j)->date == CLOSURE(i)->date;
        if (dup)
            continue;
        ukc_cal_day h = { CLOSURE(i)->date, UKC_DAY_OVERLAY, ukc__pool_intern(&b.strings, CLOSURE(i)->name),
                          source, division, false };
        if (!h.name) {
            st = ukc__fail(UKC_ERR_NO_MEMORY, "out of memory building a calendar");
            goto fail;
        }
        if ((st = ukc__builder_add(&b, &h)))
            goto fail;
    }
    return ukc__builder_finish(&b, base->name, out);
fail:
    ukc__builder_discard(&b);
    return st;
#undef CLOSURE
}

static ukc_status from_feed(const char *json, size_t len, ukc_division div, const char *origin,
                            ukc_calendar **out)
{
    const ukc_calendar *base;
    ukc_cal_builder b = { 0 };
    ukc_status st;
    int max_year = 0;

    if ((st = ukc_calendar_builtin(ukc__division_name(div), &base)))
        return st;
    b.published_until = base->published_until;
    if ((st = ukc__builder_add_calendar(&b, base)) ||
        (st = ukc__builder_apply_feed(&b, json, len, div, origin, UKC_CAL_FIRST_YEAR,
                                      UKC_CAL_LAST_YEAR, &max_year))) {
        ukc__builder_discard(&b);
        return st;
    }
    if (max_year > b.published_until)
        b.published_until = max_year;
    return ukc__builder_finish(&b, ukc__division_name(div), out);
}

ukc_status ukc_calendar_from_govuk_json(const char *json, size_t len, const char *division,
                                        const char *origin, ukc_calendar **out)
{
    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!json || !division || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    if (!origin)
        origin = "GOV.UK feed";
    int div = ukc__division_from_name(division);
    if (div >= 0)
        return from_feed(json, len, (ukc_division)div, origin, out);
    if (strcmp(division, "united-kingdom") != 0)
        return ukc__fail(UKC_ERR_NOT_FOUND,
                         "unknown division '%s' (england-and-wales, scotland, "
                         "northern-ireland, united-kingdom)",
                         division);
    ukc_calendar *parts[UKC_DIV_COUNT] = { 0 };
    ukc_status st = UKC_OK;
    for (int d = 0; d < UKC_DIV_COUNT && !st; d++)
        st = from_feed(json, len, (ukc_division)d, origin, &parts[d]);
    if (!st)
        st = union_of((const ukc_calendar *const *)parts, UKC_DIV_COUNT, "united-kingdom", out);
    for (int d = 0; d < UKC_DIV_COUNT; d++)
        ukc__calendar_destroy(parts[d]);
    return st;
}

ukc_status ukc_calendar_from_govuk_file(const char *path, const char *division,
                                        ukc_calendar **out)
{
    char *text;
    size_t len;

    ukc__error_reset();
    if (out)
        *out = NULL;
    if (!path || !division || !out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "a NULL argument");
    ukc_status st = ukc__read_file(path, &text, &len);
    if (st)
        return st;
    const char *slash = strrchr(path, '/');
    st = ukc_calendar_from_govuk_json(text, len, division, slash ? slash + 1 : path, out);
    ukc__free(text);
    return st;
}
