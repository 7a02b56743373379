/* The date module: civil dates as days since 1970-01-01. */
#include "ukcomplaints/date.h"

#include "date_internal.h"
#include "error_internal.h"

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (H. Hinnant's days_from_civil). No range checks. */
int32_t ukc__days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void ukc__civil_from_days(int32_t z, int *y, int *m, int *d)
{
    z += 719468;
    const int32_t era = (z >= 0 ? z : z - 146096) / 146097;
    const int32_t doe = z - era * 146097;
    const int32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int32_t mp = (5 * doy + 2) / 153;
    const int dd = (int)(doy - (153 * mp + 2) / 5 + 1);
    const int mm = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400) + (mm <= 2);
    *m = mm;
    *d = dd;
}

bool ukc__is_leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int ukc__days_in_month(int y, int m)
{
    static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    return m == 2 && ukc__is_leap(y) ? 29 : len[m - 1];
}

int ukc__weekday(ukc_date d)
{
    /* 1970-01-01 was a Thursday (ISO 4). */
    int r = (int)((d % 7 + 7 + 3) % 7);
    return r + 1;
}

static bool in_range(int64_t d)
{
    return d >= UKC_DATE_MIN && d <= UKC_DATE_MAX;
}

static ukc_status out_of_range(int64_t d)
{
    (void)d;
    return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                     "date outside the supported range 1900-01-01..2199-12-31");
}

ukc_status ukc_date_from_ymd(int year, int month, int day, ukc_date *out)
{
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = 0;
    if (year < 1900 || year > 2199)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "year %d outside the supported range 1900..2199", year);
    if (month < 1 || month > 12)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "month %d does not exist", month);
    if (day < 1 || day > ukc__days_in_month(year, month))
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "%04d-%02d has no day %d", year, month,
                         day);
    *out = ukc__days_from_civil(year, month, day);
    return UKC_OK;
}

ukc_status ukc_date_to_ymd(ukc_date date, int *year, int *month, int *day)
{
    int y = 0, m = 0, d = 0;

    ukc__error_reset();
    if (year)
        *year = 0;
    if (month)
        *month = 0;
    if (day)
        *day = 0;
    if (!in_range(date))
        return out_of_range(date);
    ukc__civil_from_days(date, &y, &m, &d);
    if (year)
        *year = y;
    if (month)
        *month = m;
    if (day)
        *day = d;
    return UKC_OK;
}

static int digits(const char *s, size_t n, size_t *bad)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') {
            *bad = i;
            return -1;
        }
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

static ukc_status parse_fail(size_t offset, const char *what)
{
    ukc__fail(UKC_ERR_PARSE, "not an ISO 8601 date YYYY-MM-DD: %s at byte %zu", what,
              offset);
    ukc__error_position(1, (int32_t)offset + 1, (int64_t)offset);
    return UKC_ERR_PARSE;
}

ukc_status ukc_date_parse_n(const char *text, size_t len, ukc_date *out)
{
    size_t bad = 0;
    int y, m, d;

    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = 0;
    if (!text)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "text is NULL");
    if (len == 0)
        return parse_fail(0, "empty text");
    if ((y = digits(text, len < 4 ? len : 4, &bad)) < 0)
        return parse_fail(bad, "expected a digit of the year");
    if (len < 5)
        return parse_fail(len, "text ends inside the year");
    if (text[4] != '-')
        return parse_fail(4, "expected '-' after a four-digit year");
    if ((m = digits(text + 5, len < 7 ? len - 5 : 2, &bad)) < 0)
        return parse_fail(5 + bad, "expected a two-digit month");
    if (len < 8)
        return parse_fail(len, "text ends inside the month");
    if (text[7] != '-')
        return parse_fail(7, "expected '-' after a two-digit month");
    if ((d = digits(text + 8, len < 10 ? len - 8 : 2, &bad)) < 0)
        return parse_fail(8 + bad, "expected a two-digit day");
    if (len < 10)
        return parse_fail(len, "text ends inside the day");
    if (len > 10)
        return parse_fail(10, "unexpected text after the date");
    if (m < 1 || m > 12)
        return parse_fail(5, "no such month");
    if (d < 1 || d > ukc__days_in_month(y, m))
        return parse_fail(8, "no such day in that month");
    if (y < 1900 || y > 2199)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "year %d outside the supported range 1900..2199", y);
    *out = ukc__days_from_civil(y, m, d);
    return UKC_OK;
}

ukc_status ukc_date_parse(const char *text, ukc_date *out)
{
    size_t len = 0;

    if (!text) {
        ukc__error_reset();
        if (out)
            *out = 0;
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "text is NULL");
    }
    /* Never read past what a valid date needs, plus one byte to see trailing text. */
    while (len < 11 && text[len])
        len++;
    return ukc_date_parse_n(text, len, out);
}

void ukc__format_date(ukc_date date, char buf[UKC_DATE_BUFSIZE])
{
    int y, m, d;
    ukc__civil_from_days(date, &y, &m, &d);
    buf[0] = (char)('0' + y / 1000);
    buf[1] = (char)('0' + y / 100 % 10);
    buf[2] = (char)('0' + y / 10 % 10);
    buf[3] = (char)('0' + y % 10);
    buf[4] = '-';
    buf[5] = (char)('0' + m / 10);
    buf[6] = (char)('0' + m % 10);
    buf[7] = '-';
    buf[8] = (char)('0' + d / 10);
    buf[9] = (char)('0' + d % 10);
    buf[10] = '\0';
}

ukc_status ukc_date_format(ukc_date date, char *buf, size_t size)
{
    ukc__error_reset();
    if (!buf)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "buf is NULL");
    if (size > 0)
        buf[0] = '\0';
    if (size < UKC_DATE_BUFSIZE)
        return ukc__fail(UKC_ERR_BUFFER_TOO_SMALL, "a date needs %d bytes, buffer has %zu",
                         UKC_DATE_BUFSIZE, size);
    if (!in_range(date))
        return out_of_range(date);
    ukc__format_date(date, buf);
    return UKC_OK;
}

ukc_status ukc_date_weekday(ukc_date date, ukc_weekday *out)
{
    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = (ukc_weekday)0;
    if (!in_range(date))
        return out_of_range(date);
    *out = (ukc_weekday)ukc__weekday(date);
    return UKC_OK;
}

static ukc_status add_days64(ukc_date date, int64_t days, ukc_date *out)
{
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = 0;
    if (!in_range(date))
        return out_of_range(date);
    if (!in_range((int64_t)date + days))
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "result outside the supported range 1900-01-01..2199-12-31");
    *out = (ukc_date)((int64_t)date + days);
    return UKC_OK;
}

ukc_status ukc_date_add_days(ukc_date date, int32_t days, ukc_date *out)
{
    ukc__error_reset();
    return add_days64(date, days, out);
}

ukc_status ukc_date_add_weeks(ukc_date date, int32_t weeks, ukc_date *out)
{
    ukc__error_reset();
    return add_days64(date, (int64_t)weeks * 7, out);
}

ukc_status ukc_date_add_months(ukc_date date, int32_t months, ukc_date *out)
{
    int y, m, d;

    ukc__error_reset();
    if (!out)
        return ukc__fail(UKC_ERR_INVALID_ARGUMENT, "out is NULL");
    *out = 0;
    if (!in_range(date))
        return out_of_range(date);
    ukc__civil_from_days(date, &y, &m, &d);
    int64_t total = (int64_t)y * 12 + (m - 1) + months;
    int64_t ny = total >= 0 ? total / 12 : -((-total + 11) / 12);
    int nm = (int)(total - ny * 12) + 1;
    if (ny < 1900 || ny > 2199)
        return ukc__fail(UKC_ERR_OUT_OF_RANGE,
                         "result outside the supported range 1900-01-01..2199-12-31");
    int dim = ukc__days_in_month((int)ny, nm);
    *out = ukc__days_from_civil((int)ny, nm, d > dim ? dim : d);
    return UKC_OK;
}

const char *ukc_weekday_name(ukc_weekday weekday)
{
    static const char *const names[] = { "",         "Monday", "Tuesday",  "Wednesday",
                                         "Thursday", "Friday", "Saturday", "Sunday" };
    ukc__error_reset();
    return weekday >= 1 && weekday <= 7 ? names[weekday] : "";
}
