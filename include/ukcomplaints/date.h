/**
 * @file date.h
 * @brief Civil dates as day numbers: ISO 8601 parsing and formatting,
 *        weekdays, and calendar-day, week and month arithmetic.
 *
 * A ::ukc_date is a day with no time zone, counted from 1970-01-01 (day 0),
 * as Arrow's `date32` and numpy's `datetime64[D]`. The library accepts dates
 * from 1900-01-01 (::UKC_DATE_MIN) to 2199-12-31 (::UKC_DATE_MAX); anything
 * else is ::UKC_ERR_OUT_OF_RANGE.
 *
 * All functions here are pure and thread-safe.
 * @since 0.1.0
 */
#ifndef UKCOMPLAINTS_DATE_H
#define UKCOMPLAINTS_DATE_H

#include "common.h"
#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A civil date: days since 1970-01-01. @since 0.1.0 */
typedef int32_t ukc_date;

/** 1900-01-01, the first date the library accepts. @since 0.1.0 */
#define UKC_DATE_MIN ((ukc_date)-25567)
/** 2199-12-31, the last date the library accepts. @since 0.1.0 */
#define UKC_DATE_MAX ((ukc_date)84005)
/** Bytes needed to format a date: `YYYY-MM-DD` and the NUL. @since 0.1.0 */
#define UKC_DATE_BUFSIZE 11

/** ISO 8601 weekday numbers. @since 0.1.0 */
typedef enum ukc_weekday {
    UKC_MONDAY = 1,    /**< Monday. */
    UKC_TUESDAY = 2,   /**< Tuesday. */
    UKC_WEDNESDAY = 3, /**< Wednesday. */
    UKC_THURSDAY = 4,  /**< Thursday. */
    UKC_FRIDAY = 5,    /**< Friday. */
    UKC_SATURDAY = 6,  /**< Saturday. */
    UKC_SUNDAY = 7     /**< Sunday. */
} ukc_weekday;

/**
 * Build a date from a year, month and day.
 * @param[in] year 1900..2199.
 * @param[in] month 1..12.
 * @param[in] day 1..the length of the month.
 * @param[out] out the date; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL, or the month or day does not exist.
 * @retval UKC_ERR_OUT_OF_RANGE the year is outside 1900..2199.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_from_ymd(int year, int month, int day, ukc_date *out);

/**
 * Split a date into its year, month and day.
 * @param[in] date a date in range.
 * @param[out] year the year, or 0 on failure; may be NULL.
 * @param[out] month 1..12, or 0 on failure; may be NULL.
 * @param[out] day 1..31, or 0 on failure; may be NULL.
 * @retval UKC_OK success.
 * @retval UKC_ERR_OUT_OF_RANGE @p date is outside ::UKC_DATE_MIN..::UKC_DATE_MAX.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_to_ymd(ukc_date date, int *year, int *month, int *day);

/**
 * Parse a strict ISO 8601 calendar date, `YYYY-MM-DD`, from a NUL-terminated
 * string. Exactly ten characters: no sign, no time, no surrounding space.
 * @param[in] text the text.
 * @param[out] out the date; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p text or @p out is NULL.
 * @retval UKC_ERR_PARSE not of the form `YYYY-MM-DD`, or no such day
 *         (`2023-02-29`); ukc_last_error() gives the byte offset.
 * @retval UKC_ERR_OUT_OF_RANGE a real date outside 1900..2199.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_parse(const char *text, ukc_date *out);

/**
 * Parse `YYYY-MM-DD` from a buffer of @p len bytes (no NUL needed).
 * @param[in] text the bytes; may be NULL only when @p len is 0 (an error).
 * @param[in] len the number of bytes; must be exactly 10.
 * @param[out] out the date; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL, or @p text is NULL.
 * @retval UKC_ERR_PARSE as for ukc_date_parse().
 * @retval UKC_ERR_OUT_OF_RANGE as for ukc_date_parse().
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_parse_n(const char *text, size_t len, ukc_date *out);

/**
 * Format a date as `YYYY-MM-DD`.
 * @param[in] date a date in range.
 * @param[out] buf the buffer; receives the text and a NUL, or "" on failure.
 * @param[in] size the size of @p buf; at least ::UKC_DATE_BUFSIZE.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p buf is NULL.
 * @retval UKC_ERR_BUFFER_TOO_SMALL @p size is below ::UKC_DATE_BUFSIZE.
 * @retval UKC_ERR_OUT_OF_RANGE @p date is out of range.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_format(ukc_date date, char *buf, size_t size);

/**
 * The ISO weekday of a date.
 * @param[in] date a date in range.
 * @param[out] out the weekday; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL.
 * @retval UKC_ERR_OUT_OF_RANGE @p date is out of range.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_weekday(ukc_date date, ukc_weekday *out);

/**
 * Add calendar days (negative to go back).
 * @param[in] date a date in range.
 * @param[in] days the number of days.
 * @param[out] out the result; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL.
 * @retval UKC_ERR_OUT_OF_RANGE @p date or the result is out of range.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_add_days(ukc_date date, int32_t days, ukc_date *out);

/**
 * Add weeks of seven calendar days (negative to go back).
 * @param[in] date a date in range.
 * @param[in] weeks the number of weeks.
 * @param[out] out the result; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL.
 * @retval UKC_ERR_OUT_OF_RANGE @p date or the result is out of range.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_add_weeks(ukc_date date, int32_t weeks, ukc_date *out);

/**
 * Add calendar months (negative to go back). A day that the target month
 * lacks is clamped to its last day: 2024-01-31 plus one month is 2024-02-29,
 * and 2023-01-31 plus one month is 2023-02-28.
 * @param[in] date a date in range.
 * @param[in] months the number of months.
 * @param[out] out the result; 0 on failure.
 * @retval UKC_OK success.
 * @retval UKC_ERR_INVALID_ARGUMENT @p out is NULL.
 * @retval UKC_ERR_OUT_OF_RANGE @p date or the result is out of range.
 * @since 0.1.0
 */
UKC_EXPORT ukc_status ukc_date_add_months(ukc_date date, int32_t months, ukc_date *out);

/**
 * The English name of a weekday, for example `"Monday"`.
 * @param[in] weekday 1..7.
 * @return a static string, or `""` for a value outside 1..7.
 * @since 0.1.0
 */
UKC_EXPORT const char *ukc_weekday_name(ukc_weekday weekday);

#ifdef __cplusplus
}
#endif

#endif /* UKCOMPLAINTS_DATE_H */
