/**
 * @file calendar.h
 * @brief UK working-day calendars: bank holidays by division and year, GOV.UK
 *        feed import, unions and overlays, working-day arithmetic in O(1), and
 *        explained deadlines.
 *
 * A working day is a day that is not a Saturday, a Sunday, nor a listed
 * non-working day of the calendar. Calendars cover 1971-01-01 (the Banking and
 * Financial Dealings Act 1971) to 2199-12-31; a query outside that range is
 * ::UKC_ERR_OUT_OF_RANGE, never a guess.
 *
 * Counting is explicit. ukc_calendar_add_working_days() gives the n-th working
 * day after a start date, the start being day 0 whether or not it is a working
 * day; ukc_calendar_count_working_days() counts the working days d with
 * from < d <= to. So `count(a, add(a, n)) == n` for every a and n.
 *
 * Calendars are immutable once built. Any number of threads may query one
 * calendar at once. Queries allocate nothing.
 *
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_CALENDAR_H
#define UKCOMPLAINTS_CALENDAR_H

#include "common.h"
#include "date.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** An immutable working-day calendar. @since 0.1.0 */
typedef struct ukc_calendar ukc_calendar;

/** An explained deadline; see ukc_calendar_explain_deadline(). @since 0.1.0 */
typedef struct ukc_explanation ukc_explanation;

/** 1971-01-01, the first day a calendar covers. @since 0.1.0 */
#define UKC_CALENDAR_FIRST ((ukc_date)365)
/** 2199-12-31, the last day a calendar covers. @since 0.1.0 */
#define UKC_CALENDAR_LAST ((ukc_date)84005)

/** What kind of day a day is. The numbers are fixed. @since 0.1.0 */
typedef enum ukc_day_kind {
    UKC_DAY_WORKING = 0,      /**< A working day. */
    UKC_DAY_WEEKEND = 1,      /**< A Saturday or Sunday. */
    UKC_DAY_BANK_HOLIDAY = 2, /**< A bank or common-law holiday on its date, or on the date a proclamation moved it to. */
    UKC_DAY_SUBSTITUTE = 3,   /**< A substitute day for a holiday that fell at a weekend. */
    UKC_DAY_ONE_OFF = 4,      /**< A one-off day by Royal Proclamation. */
    UKC_DAY_OVERLAY = 5       /**< A closure day added by an overlay, such as a council's own. */
} ukc_day_kind;

/**
 * One day of a calendar, as ukc_calendar_day() and ukc_calendar_holidays()
 * report it. The strings belong to the calendar and live as long as it does.
 *
 * Size-prefixed (docs/abi.md): set `size` to `sizeof(ukc_holiday)` before the
 * call, as ::UKC_HOLIDAY_INIT does; the library fills what both it and the
 * caller know and sets `size` to that many bytes.
 * @since 0.1.0
 */
typedef struct ukc_holiday {
    size_t size;          /**< In: `sizeof(ukc_holiday)` as the caller was compiled; out: the bytes filled. */
    ukc_date date;        /**< The day. */
    int32_t kind;         /**< Its ::ukc_day_kind. */
    const char *name;     /**< GOV.UK-style name, e.g. `"Boxing Day"`; `"Saturday"` for a weekend; "" for a working day. */
    const char *source;   /**< Where the day comes from: the rule and Act, the proclamation, the GOV.UK feed, or the overlay. */
    const char *division; /**< The division(s) it belongs to, e.g. `"scotland"`; several are separated by `", "`. */
    bool projected;       /**< True when its year is later than the newest published list, so projected by rule. */
} ukc_holiday;

/** An empty ::ukc_holiday with its size set. @since 0.1.0 */
#define UKC_HOLIDAY_INIT { sizeof(ukc_holiday), 0, 0, NULL, NULL, NULL, false }

/**
 * How a start date that is not a working day is treated.
 * @since 0.1.0
 */
typedef enum ukc_receipt {
    /** Count from the day of receipt itself, working day or not. */
    UKC_RECEIPT_DAY_OF_RECEIPT = 0,
    /** Deem a receipt on a non-working day received on the next working day, and count from there. */
    UKC_RECEIPT_NEXT_WORKING_DAY = 1
} ukc_receipt;

/**
 * A council closure day for ukc_calendar_with_closures(). Size-prefixed: set
 * `size` to `sizeof(ukc_closure)`, as ::UKC_CLOSURE_INIT does.
 * @since 0.1.0
 */
typedef struct ukc_closure {
    size_t size;      /**< `sizeof(ukc_closure)` as the caller was compiled. */
    ukc_date date;    /**< The day. */
    const char *name; /**< Its name, e.g. `"Christmas closure"`; not NULL. */
} ukc_closure;

/** A ::ukc_closure of a date and a name, with its size set. @since 0.1.0 */
#define UKC_CLOSURE_INIT(date, name) { sizeof(ukc_closure), (date), (name) }

/** Flag for ukc_calendar_holidays(): also list Saturdays and Sundays. @since 0.1.0 */
#define UKC_HOLIDAYS_WEEKENDS 1u

/**
 * A built-in calendar: `"england-and-wales"`, `"scotland"`,
 * `"northern-ireland"`, or `"united-kingdom"` (a bank holiday in any part of
 * the United Kingdom, as the Freedom of Information Act 2000 s.10(6) counts).
 *
 * Built once, on first use, thread-safely. Years up to the newest embedded
 * GOV.UK list are published; later years are projected by rule.
 * @param[in] name the calendar's name.
 * @param[out] out the shared calendar, owned by the library: never free it. NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p name or @p out is NULL.
 * @retval UKC_ERR_NOT_FOUND no built-in calendar has that name.
 * @retval UKC_ERR_NO_MEMORY building it failed (a later call tries again).
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_builtin(const char *name, const ukc_calendar **out);

/**
 * The number of built-in calendars.
 * @return 4.
 * @since 0.1.0
 */
UKC_EXPORT size_t ukc_calendar_builtin_count(void);

/**
 * The name of the i-th built-in calendar.
 * @param[in] i 0..ukc_calendar_builtin_count() - 1.
 * @return a static string, or NULL when @p i is out of range.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_calendar_builtin_name(size_t i);

/**
 * Build a calendar from a GOV.UK `bank-holidays.json` document.
 *
 * For every year in which the feed lists an event of the division, the feed's
 * list is that year's list (it adds new years and confirms or corrects
 * published ones); every other year comes from the built-in calendar of the
 * same division. `"united-kingdom"` takes the union of the feed's three
 * divisions. Events must be weekdays inside 1971..2199.
 * @param[in] json the document (UTF-8).
 * @param[in] len its length in bytes.
 * @param[in] division `"england-and-wales"`, `"scotland"`, `"northern-ireland"` or `"united-kingdom"`.
 * @param[in] origin a short description of where the feed came from, kept in
 *            each day's source (e.g. a file name); NULL for "GOV.UK feed".
 * @param[out] out the new calendar, to be released with ukc_calendar_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_PARSE the document is not JSON; ukc_last_error() has line, column and offset.
 * @retval UKC_ERR_INVALID_DATA not the feed's shape, a bad date, a weekend event; the
 *         error's path names the element.
 * @retval UKC_ERR_NOT_FOUND the division is unknown or absent from the document.
 * @retval UKC_ERR_OUT_OF_RANGE an event outside 1971..2199.
 * @retval UKC_ERR_TOO_LONG the document is larger than 16 MiB.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_from_govuk_json(const char *json, size_t len,
                                                   const char *division,
                                                   const char *origin,
                                                   ukc_calendar **out);

/**
 * As ukc_calendar_from_govuk_json(), reading the document from a file.
 * @param[in] path the file.
 * @param[in] division the division, as for ukc_calendar_from_govuk_json().
 * @param[out] out the new calendar, to be released with ukc_calendar_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_IO the file could not be read.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_PARSE as for ukc_calendar_from_govuk_json().
 * @retval UKC_ERR_INVALID_DATA as for ukc_calendar_from_govuk_json().
 * @retval UKC_ERR_NOT_FOUND as for ukc_calendar_from_govuk_json().
 * @retval UKC_ERR_OUT_OF_RANGE as for ukc_calendar_from_govuk_json().
 * @retval UKC_ERR_TOO_LONG as for ukc_calendar_from_govuk_json().
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_from_govuk_file(const char *path, const char *division,
                                                   ukc_calendar **out);

/**
 * A calendar whose non-working days are those of any of @p count calendars.
 * @param[in] cals the calendars; none may be NULL.
 * @param[in] count 1..64.
 * @param[in] name the new calendar's name.
 * @param[out] out the new calendar, to be released with ukc_calendar_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, or @p count is 0 or above 64.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_union(const ukc_calendar *const *cals, size_t count,
                                         const char *name, ukc_calendar **out);

/**
 * A copy of @p base with extra closure days, such as a council's own. A
 * closure on a day that is already not a working day changes nothing and is
 * not listed; a date listed twice is listed once.
 * @param[in] base the calendar to extend.
 * @param[in] overlay_name the overlay's name, kept as each day's source.
 * @param[in] days the closure days, each in 1971..2199 with a non-empty name;
 *            the stride is `days[0].size` (`sizeof(ukc_closure)`).
 * @param[in] count the number of days (0 gives a plain copy).
 * @param[out] out the new calendar, to be released with ukc_calendar_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument or an empty name; the error's index says which day.
 * @retval UKC_ERR_VERSION `days[0].size` is smaller than any release's ::ukc_closure.
 * @retval UKC_ERR_OUT_OF_RANGE a day outside 1971..2199; the error's index says which.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_with_closures(const ukc_calendar *base,
                                                 const char *overlay_name,
                                                 const ukc_closure *days, size_t count,
                                                 ukc_calendar **out);

/**
 * Release a calendar made by this library. NULL and built-in calendars are ignored.
 * No other thread may be using it.
 * @param[in] cal the calendar, or NULL.
 * @since 0.1.0
 */
UKC_EXPORT void ukc_calendar_free(ukc_calendar *cal);

/**
 * The calendar's name, e.g. `"scotland"`.
 * @param[in] cal the calendar.
 * @return a string owned by the calendar, or "" when @p cal is NULL.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_calendar_name(const ukc_calendar *cal);

/**
 * The last year of the calendar whose list is published (by GOV.UK's feed or
 * by history); days of later years are projected by rule.
 * @param[in] cal the calendar.
 * @return the year, e.g. 2028, or 0 when @p cal is NULL.
 * @since 0.1.0
 */
UKC_EXPORT int ukc_calendar_published_until(const ukc_calendar *cal);

/**
 * Whether a day is a working day.
 * @param[in] cal the calendar.
 * @param[in] day a day in 1971..2199.
 * @param[out] out true for a working day; false on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE @p day is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_is_working_day(const ukc_calendar *cal, ukc_date day,
                                                  bool *out);

/**
 * What a day is: working, weekend, or a listed non-working day with its name,
 * kind and source.
 * @param[in] cal the calendar.
 * @param[in] day a day in 1971..2199.
 * @param[in,out] out the day, its `size` set by the caller (::UKC_HOLIDAY_INIT);
 *                zeroed but for `size` on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_VERSION `out->size` is smaller than any release's ::ukc_holiday.
 * @retval UKC_ERR_OUT_OF_RANGE @p day is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_day(const ukc_calendar *cal, ukc_date day, ukc_holiday *out);

/**
 * The n-th working day after @p start. The start is day 0 whether or not it is
 * a working day, and `count(start, result) == n` always holds.
 *
 * @p n may be 0 (the start itself) or negative: the result b is then the
 * working day with exactly -n working days d in b < d <= start. From a working
 * day that is the plain n-th working day before; from a Sunday, one working
 * day back skips the Friday (which is the one working day counted) and gives
 * the Thursday.
 * @param[in] cal the calendar.
 * @param[in] start the start day, in 1971..2199.
 * @param[in] n the number of working days.
 * @param[out] out the result; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_add_working_days(const ukc_calendar *cal, ukc_date start,
                                                    int32_t n, ukc_date *out);

/**
 * The number of working days d with @p from < d <= @p to; negative (minus the
 * count the other way) when @p to < @p from.
 * @param[in] cal the calendar.
 * @param[in] from the first bound, in 1971..2199.
 * @param[in] to the second bound, in 1971..2199.
 * @param[out] out the count; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE a bound is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_count_working_days(const ukc_calendar *cal, ukc_date from,
                                                      ukc_date to, int32_t *out);

/**
 * Batch form of ukc_calendar_add_working_days(): `out[i] = add(starts[i], ns[i])`.
 * On any bad element nothing is written, and ukc_last_error() gives its index.
 * @param[in] cal the calendar.
 * @param[in] starts @p count start days.
 * @param[in] ns @p count numbers of working days.
 * @param[in] count the number of elements (0 is allowed; the arrays may then be NULL).
 * @param[out] out @p count results.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE an element's start or result is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_add_working_days_n(const ukc_calendar *cal,
                                                      const ukc_date *starts,
                                                      const int32_t *ns, size_t count,
                                                      ukc_date *out);

/**
 * Batch form of ukc_calendar_count_working_days(): `out[i] = count(from[i], to[i])`.
 * On any bad element nothing is written, and ukc_last_error() gives its index.
 * @param[in] cal the calendar.
 * @param[in] from @p count first bounds.
 * @param[in] to @p count second bounds.
 * @param[in] count the number of elements (0 is allowed; the arrays may then be NULL).
 * @param[out] out @p count results.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE an element's bound is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_count_working_days_n(const ukc_calendar *cal,
                                                        const ukc_date *from,
                                                        const ukc_date *to, size_t count,
                                                        int32_t *out);

/**
 * The first working day on or after @p day.
 * @param[in] cal the calendar.
 * @param[in] day a day in 1971..2199.
 * @param[out] out the working day; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE @p day or the answer is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_next_working_day(const ukc_calendar *cal, ukc_date day,
                                                    ukc_date *out);

/**
 * The last working day on or before @p day.
 * @param[in] cal the calendar.
 * @param[in] day a day in 1971..2199.
 * @param[out] out the working day; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_OUT_OF_RANGE @p day or the answer is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_previous_working_day(const ukc_calendar *cal, ukc_date day,
                                                        ukc_date *out);

/**
 * The non-working days from @p from to @p to inclusive, in date order: bank
 * holidays, substitutes, one-offs and overlay days, and with
 * ::UKC_HOLIDAYS_WEEKENDS also Saturdays and Sundays.
 *
 * Preflight: with @p buf NULL and @p capacity 0 it only sets @p count. With
 * too small a buffer it writes nothing, sets @p count to the size needed and
 * returns ::UKC_ERR_BUFFER_TOO_SMALL.
 *
 * The array's stride is `buf[0].size`, which the caller sets to
 * `sizeof(ukc_holiday)`; every element filled gets the same `size` back (or
 * the library's own size, when that is smaller).
 * @param[in] cal the calendar.
 * @param[in] from the first day, in 1971..2199.
 * @param[in] to the last day, in 1971..2199, not before @p from.
 * @param[in] flags 0 or ::UKC_HOLIDAYS_WEEKENDS.
 * @param[out] buf room for @p capacity days, or NULL.
 * @param[in] capacity the size of @p buf.
 * @param[out] count the number of days in the range.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, unknown flags, or @p to before @p from.
 * @retval UKC_ERR_VERSION `buf[0].size` is smaller than any release's ::ukc_holiday.
 * @retval UKC_ERR_OUT_OF_RANGE a bound is outside the calendar.
 * @retval UKC_ERR_BUFFER_TOO_SMALL @p capacity is below the count.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_holidays(const ukc_calendar *cal, ukc_date from, ukc_date to,
                                            unsigned flags, ukc_holiday *buf, size_t capacity,
                                            size_t *count);

/**
 * A deadline without its explanation: the @p n-th working day after @p start
 * under the receipt convention.
 * @param[in] cal the calendar.
 * @param[in] start the day of receipt (or the event that starts the clock).
 * @param[in] n the number of working days, 0 or more.
 * @param[in] receipt the convention for a start on a non-working day.
 * @param[out] out the due date; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, a negative @p n or an unknown convention.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_deadline(const ukc_calendar *cal, ukc_date start, int32_t n,
                                            ukc_receipt receipt, ukc_date *out);

/**
 * A deadline with its explanation: the start and convention, every working
 * day counted, every non-working day skipped with its name, kind and source,
 * the due date, and whether any day it depends on is projected.
 * @param[in] cal the calendar.
 * @param[in] start the day of receipt (or the event that starts the clock).
 * @param[in] n the number of working days, 0..10000.
 * @param[in] receipt the convention for a start on a non-working day.
 * @param[out] out the explanation, to be released with ukc_explanation_free(); NULL on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument, @p n outside 0..10000 or an unknown convention.
 * @retval UKC_ERR_OUT_OF_RANGE @p start or the result is outside the calendar.
 * @retval UKC_ERR_NO_MEMORY allocation failed.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_calendar_explain_deadline(const ukc_calendar *cal, ukc_date start,
                                                    int32_t n, ukc_receipt receipt,
                                                    ukc_explanation **out);

/**
 * The name of a day kind: `"working"`, `"weekend"`, `"bank-holiday"`,
 * `"substitute"`, `"one-off"` or `"overlay"`.
 * @param[in] kind the kind.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_day_kind_name(ukc_day_kind kind);

/**
 * The name of a receipt convention: `"day-of-receipt"` or `"next-working-day"`.
 * @param[in] receipt the convention.
 * @return a static string, or "" for an unknown value.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_receipt_name(ukc_receipt receipt);

/**
 * Parse a receipt convention's name (as ukc_receipt_name() gives it).
 * @param[in] name the name.
 * @param[out] out the convention; ::UKC_RECEIPT_DAY_OF_RECEIPT on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT a NULL argument.
 * @retval UKC_ERR_NOT_FOUND an unknown name.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_receipt_from_name(const char *name, ukc_receipt *out);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_CALENDAR_H */
