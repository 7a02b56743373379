/* The date module: strict ISO 8601, day numbers, weekdays, calendar arithmetic. */
#include <string.h>

#include "testutil.h"

START_TEST(known_day_numbers)
{
    ukc_date d;
    /* Day numbers as Arrow's date32 and numpy's datetime64[D] count them. */
    ck_assert_ok(ukc_date_parse("1970-01-01", &d));
    ck_assert_int_eq(d, 0);
    ck_assert_ok(ukc_date_parse("1971-01-01", &d));
    ck_assert_int_eq(d, 365);
    ck_assert_ok(ukc_date_parse("2000-03-01", &d));
    ck_assert_int_eq(d, 11017); /* 30 years of 365 days + 7 leap days + 59 days of 2000 */
    ck_assert_ok(ukc_date_parse("1900-01-01", &d));
    ck_assert_int_eq(d, UKC_DATE_MIN);
    ck_assert_int_eq(d, -25567);
    ck_assert_ok(ukc_date_parse("2199-12-31", &d));
    ck_assert_int_eq(d, UKC_DATE_MAX);
    ck_assert_int_eq(d, 84005);
}
END_TEST

START_TEST(strict_parse)
{
    static const struct {
        const char *text;
        ukc_status want;
    } cases[] = {
        { "2023-02-29", UKC_ERR_PARSE }, /* 2023 is not a leap year */
        { "2024-02-29", UKC_OK },
        { "1900-02-29", UKC_ERR_PARSE }, /* 1900 was not a leap year */
        { "2000-02-29", UKC_OK },        /* 2000 was */
        { "2023-2-1", UKC_ERR_PARSE },
        { "2023-02-01x", UKC_ERR_PARSE },
        { "2023-02-01 ", UKC_ERR_PARSE },
        { " 2023-02-01", UKC_ERR_PARSE },
        { "", UKC_ERR_PARSE },
        { "2023", UKC_ERR_PARSE },
        { "2023-13-01", UKC_ERR_PARSE },
        { "2023-00-10", UKC_ERR_PARSE },
        { "2023-04-31", UKC_ERR_PARSE },
        { "2023-04-00", UKC_ERR_PARSE },
        { "2023/04/01", UKC_ERR_PARSE },
        { "+2023-04-01", UKC_ERR_PARSE },
        { "2023-04-01T00:00", UKC_ERR_PARSE },
        { "1899-12-31", UKC_ERR_OUT_OF_RANGE },
        { "2200-01-01", UKC_ERR_OUT_OF_RANGE },
        { "0000-01-01", UKC_ERR_OUT_OF_RANGE },
        { "9999-12-31", UKC_ERR_OUT_OF_RANGE },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ukc_date d = 12345;
        ukc_status st = ukc_date_parse(cases[i].text, &d);
        ck_assert_msg(st == cases[i].want, "'%s': got %s want %s", cases[i].text,
                      ukc_status_name(st), ukc_status_name(cases[i].want));
        if (st != UKC_OK)
            ck_assert_int_eq(d, 0); /* out-parameter emptied on failure */
    }
    ukc_date d;
    ck_assert_status(ukc_date_parse(NULL, &d), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_date_parse("2024-01-01", NULL), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_date_parse_n(NULL, 10, &d), UKC_ERR_INVALID_ARGUMENT);
    /* A buffer without a NUL: only the given length is read. */
    ck_assert_ok(ukc_date_parse_n("2024-06-0199", 10, &d));
    ck_assert_str_eq(S(d), "2024-06-01");
    ck_assert_status(ukc_date_parse_n("2024-06-01", 9, &d), UKC_ERR_PARSE);
}
END_TEST

START_TEST(format_and_ymd)
{
    char buf[UKC_DATE_BUFSIZE];
    int y, m, dd;
    ukc_date d;
    ck_assert_ok(ukc_date_from_ymd(2022, 9, 19, &d));
    ck_assert_ok(ukc_date_format(d, buf, sizeof buf));
    ck_assert_str_eq(buf, "2022-09-19");
    ck_assert_ok(ukc_date_to_ymd(d, &y, &m, &dd));
    ck_assert_int_eq(y, 2022);
    ck_assert_int_eq(m, 9);
    ck_assert_int_eq(dd, 19);
    ck_assert_status(ukc_date_format(d, buf, 10), UKC_ERR_BUFFER_TOO_SMALL);
    ck_assert_str_eq(buf, "");
    ck_assert_status(ukc_date_format(UKC_DATE_MAX + 1, buf, sizeof buf), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_to_ymd(UKC_DATE_MIN - 1, &y, &m, &dd), UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(y, 0);
    ck_assert_status(ukc_date_from_ymd(2023, 2, 29, &d), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_date_from_ymd(1899, 12, 31, &d), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_from_ymd(2023, 13, 1, &d), UKC_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(round_trip_every_day)
{
    /* Every day of the range formats and parses back to itself, and consecutive
     * days differ by one. */
    char buf[UKC_DATE_BUFSIZE];
    for (ukc_date d = UKC_DATE_MIN; d <= UKC_DATE_MAX; d++) {
        ukc_date back;
        ck_assert_ok(ukc_date_format(d, buf, sizeof buf));
        ck_assert_ok(ukc_date_parse(buf, &back));
        ck_assert_int_eq(back, d);
    }
}
END_TEST

START_TEST(weekdays)
{
    ukc_weekday w;
    ck_assert_ok(ukc_date_weekday(D("1970-01-01"), &w));
    ck_assert_int_eq(w, UKC_THURSDAY);
    ck_assert_ok(ukc_date_weekday(D("2022-12-25"), &w));
    ck_assert_int_eq(w, UKC_SUNDAY);
    ck_assert_ok(ukc_date_weekday(D("1900-01-01"), &w));
    ck_assert_int_eq(w, UKC_MONDAY);
    ck_assert_ok(ukc_date_weekday(D("2199-12-31"), &w));
    ck_assert_int_eq(w, UKC_TUESDAY);
    ck_assert_ok(ukc_date_weekday(D("2026-11-24"), &w));
    ck_assert_int_eq(w, UKC_TUESDAY);
    ck_assert_str_eq(ukc_weekday_name(UKC_SATURDAY), "Saturday");
    ck_assert_str_eq(ukc_weekday_name((ukc_weekday)0), "");
}
END_TEST

START_TEST(add_days_weeks_months)
{
    ukc_date r;
    ck_assert_ok(ukc_date_add_days(D("2024-02-28"), 1, &r));
    ck_assert_str_eq(S(r), "2024-02-29");
    ck_assert_ok(ukc_date_add_days(D("2024-03-01"), -1, &r));
    ck_assert_str_eq(S(r), "2024-02-29");
    ck_assert_ok(ukc_date_add_weeks(D("2024-01-01"), 4, &r));
    ck_assert_str_eq(S(r), "2024-01-29");
    /* End-of-month clamp. */
    ck_assert_ok(ukc_date_add_months(D("2024-01-31"), 1, &r));
    ck_assert_str_eq(S(r), "2024-02-29");
    ck_assert_ok(ukc_date_add_months(D("2023-01-31"), 1, &r));
    ck_assert_str_eq(S(r), "2023-02-28");
    ck_assert_ok(ukc_date_add_months(D("2024-03-31"), -1, &r));
    ck_assert_str_eq(S(r), "2024-02-29");
    ck_assert_ok(ukc_date_add_months(D("2024-02-29"), 12, &r));
    ck_assert_str_eq(S(r), "2025-02-28");
    ck_assert_ok(ukc_date_add_months(D("2023-10-15"), 6, &r));
    ck_assert_str_eq(S(r), "2024-04-15");
    ck_assert_ok(ukc_date_add_months(D("2024-01-15"), -13, &r));
    ck_assert_str_eq(S(r), "2022-12-15");
    /* Range. */
    ck_assert_status(ukc_date_add_days(UKC_DATE_MAX, 1, &r), UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(r, 0);
    ck_assert_status(ukc_date_add_days(UKC_DATE_MIN, INT32_MIN, &r), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_add_weeks(D("2024-01-01"), INT32_MAX, &r), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_add_months(D("2199-12-01"), 1, &r), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_add_months(D("2024-01-01"), INT32_MIN, &r), UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_date_add_days(D("2024-01-01"), 1, NULL), UKC_ERR_INVALID_ARGUMENT);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("date");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, known_day_numbers);
    tcase_add_test(tc, strict_parse);
    tcase_add_test(tc, format_and_ymd);
    tcase_add_test(tc, round_trip_every_day);
    tcase_add_test(tc, weekdays);
    tcase_add_test(tc, add_days_weeks_months);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
