/* Private: the calendar's representation and its builder. */
#ifndef UKC_CALENDAR_INTERNAL_H
#define UKC_CALENDAR_INTERNAL_H

#include "ukcomplaints/calendar.h"
#include "rules.h"
#include "util.h"

/* Number of days a calendar covers, 1971-01-01..2199-12-31. */
#define UKC_CAL_DAYS ((uint32_t)(UKC_CALENDAR_LAST - UKC_CALENDAR_FIRST + 1))
#define UKC_CAL_WORDS ((UKC_CAL_DAYS + 63) / 64 + 1) /* one spare zero word */
/* At most this many working days: the weekdays of the range. */
#define UKC_CAL_MAX_WORKING 59750u
/* Monday-to-Sunday weeks covering the range: 1971-01-01 was a Friday, so day
 * index i lies in week (i + 4) / 7 at weekday (i + 4) % 7, Monday being 0. */
#define UKC_CAL_WEEK_SHIFT 4u
#define UKC_CAL_WEEKS ((UKC_CAL_DAYS + UKC_CAL_WEEK_SHIFT + 6) / 7)
#define UKC_CAL_FIRST_YEAR 1971
#define UKC_CAL_LAST_YEAR 2199

/* A listed day as a calendar keeps it: ukc_holiday without the size, so the
 * public struct can grow without growing every calendar. */
typedef struct ukc_cal_day {
    ukc_date date;
    int32_t kind; /* ukc_day_kind */
    const char *name;
    const char *source;
    const char *division;
    bool projected;
} ukc_cal_day;

/* The sizes of the public structs in their first release (0.1.0). */
#define UKC_HOLIDAY_SIZE_0_1 UKC_SIZE_THROUGH(ukc_holiday, projected)
#define UKC_CLOSURE_SIZE_0_1 UKC_SIZE_THROUGH(ukc_closure, name)

/* Copy a day into a caller's ukc_holiday of out_size bytes (at least
 * UKC_HOLIDAY_SIZE_0_1), setting its size to the bytes filled. */
void ukc__cal_day_out(const ukc_cal_day *day, ukc_holiday *out, size_t out_size);

struct ukc_calendar {
    const char *name;
    bool builtin;
    int published_until;
    uint32_t nworking;
    uint64_t words[UKC_CAL_WORDS];       /* bit set: working day */
    uint16_t week_base[UKC_CAL_WEEKS];   /* working days before each week (at most 59750) */
    uint8_t week_mask[UKC_CAL_WEEKS];    /* the week's working days, bit 0 Monday */
    /* sel[r]: the index of the working day of rank r, minus r - 1; sel[0] is
     * 0, so that rank 0 reads inside the table (an add of 0 discards it). */
    uint16_t sel[UKC_CAL_MAX_WORKING + 1];
    ukc_cal_day *days;                  /* listed non-working weekdays, sorted by date */
    size_t ndays;
    ukc_strpool strings;
};

/* A growing list of non-working days, turned into a calendar by finish. */
typedef struct ukc_cal_builder {
    ukc_cal_day *days;
    size_t n, cap;
    ukc_strpool strings;
    int published_until;
} ukc_cal_builder;

ukc_status ukc__builder_add(ukc_cal_builder *b, const ukc_cal_day *day);
/* Add every listed day of cal, copying nothing: the strings must outlive the builder's result
 * (they are copied into the builder's pool). */
ukc_status ukc__builder_add_calendar(ukc_cal_builder *b, const ukc_calendar *cal);
/* Remove every day of the given division set whose year is year. */
void ukc__builder_drop_year(ukc_cal_builder *b, int year);
/* Sort, merge duplicates, build the tables; consumes the builder in all cases. */
ukc_status ukc__builder_finish(ukc_cal_builder *b, const char *name, ukc_calendar **out);
void ukc__builder_discard(ukc_cal_builder *b);

/* Build the builder's days for one division from rules (1971..2199). */
ukc_status ukc__builder_add_rules(ukc_cal_builder *b, ukc_division div);

/* Replace the years that a GOV.UK feed covers with its events for one division. */
ukc_status ukc__builder_apply_feed(ukc_cal_builder *b, const char *json, size_t len,
                                   ukc_division div, const char *origin, int first_year,
                                   int last_year, int *max_year);

/* ukc__cal_upto[mask * 8 + wd]: the set bits of a week mask from Monday to weekday wd. */
extern const uint8_t ukc__cal_upto[256];

/* Working days d with d <= day, counted from 1971-01-01; day must be in range. */
static inline uint32_t ukc__cal_rank(const ukc_calendar *cal, uint32_t i)
{
    uint32_t j = i + UKC_CAL_WEEK_SHIFT;
    /* j / 7 by one multiplication, exact for j < 2^28 (days are below 2^17). */
    uint32_t w = (uint32_t)(((uint64_t)j * UINT64_C(613566757)) >> 32), wd = j - 7 * w;
    return cal->week_base[w] + ukc__cal_upto[(uint32_t)cal->week_mask[w] * 8 + wd];
}

/* The index of the working day of rank r, 1 <= r <= nworking. */
static inline uint32_t ukc__cal_select(const ukc_calendar *cal, uint32_t r)
{
    return cal->sel[r] + r - 1;
}

static inline bool ukc__cal_working(const ukc_calendar *cal, uint32_t i)
{
    return (cal->words[i >> 6] >> (i & 63)) & 1u;
}

/* ukc_calendar_free without touching the thread's error. */
void ukc__calendar_destroy(ukc_calendar *cal);

/* The listed day at a date, or NULL. */
const ukc_cal_day *ukc__cal_find(const ukc_calendar *cal, ukc_date day);

/* Fill *out with what day is (working, weekend, or listed). */
void ukc__cal_describe(const ukc_calendar *cal, ukc_date day, ukc_cal_day *out);

#endif
