/* The calendar module: hand-checked working-day arithmetic, history, the
 * inverse property, errors, and sharing built-in calendars across threads. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

static const ukc_calendar *cal(const char *name)
{
    const ukc_calendar *c = NULL;
    ck_assert_ok(ukc_calendar_builtin(name, &c));
    ck_assert_ptr_nonnull(c);
    return c;
}

static const char *add(const char *calname, const char *start, int32_t n)
{
    ukc_date r;
    ck_assert_ok(ukc_calendar_add_working_days(cal(calname), D(start), n, &r));
    return S(r);
}

static int32_t count(const char *calname, const char *a, const char *b)
{
    int32_t n;
    ck_assert_ok(ukc_calendar_count_working_days(cal(calname), D(a), D(b), &n));
    return n;
}

static bool working(const char *calname, const char *day)
{
    bool w;
    ck_assert_ok(ukc_calendar_is_working_day(cal(calname), D(day), &w));
    return w;
}

START_TEST(christmas_on_a_sunday)
{
    /* 2022: Sun 25 Dec. GOV.UK lists Mon 26 Boxing Day and Tue 27 Christmas Day
     * (substitute). From Fri 23 Dec: Sat 24, Sun 25 weekend; Mon 26, Tue 27
     * holidays; Wed 28 = 1, Thu 29 = 2, Fri 30 = 3. */
    ck_assert_str_eq(add("england-and-wales", "2022-12-23", 3), "2022-12-30");
    ck_assert_str_eq(add("scotland", "2022-12-23", 3), "2022-12-30");
    ck_assert(!working("england-and-wales", "2022-12-27"));
    /* Into 2023: Mon 2 Jan is New Year's Day (substitute) in E&W; in Scotland Mon 2
     * and Tue 3 (2nd January, substitute). From Fri 30 Dec + 1: E&W Tue 3 Jan,
     * Scotland Wed 4 Jan. */
    ck_assert_str_eq(add("england-and-wales", "2022-12-30", 1), "2023-01-03");
    ck_assert_str_eq(add("scotland", "2022-12-30", 1), "2023-01-04");
}
END_TEST

START_TEST(christmas_on_a_saturday)
{
    /* 2021: Sat 25 Dec, Sun 26. Substitutes Mon 27 and Tue 28. From Fri 24 Dec + 1
     * = Wed 29 Dec. Then 2022-01-01 was a Saturday: E&W substitute Mon 3 Jan, so
     * from Fri 31 Dec + 1 = Tue 4 Jan; Scotland Mon 3 and Tue 4, so Wed 5 Jan. */
    ck_assert_str_eq(add("england-and-wales", "2021-12-24", 1), "2021-12-29");
    ck_assert_str_eq(add("england-and-wales", "2021-12-31", 1), "2022-01-04");
    ck_assert_str_eq(add("scotland", "2021-12-31", 1), "2022-01-05");
}
END_TEST

START_TEST(easter)
{
    /* 2024: Good Friday 29 Mar, Easter Monday 1 Apr (E&W and NI; not Scotland).
     * From Thu 28 Mar + 1: E&W Tue 2 Apr; Scotland Mon 1 Apr. */
    ck_assert_str_eq(add("england-and-wales", "2024-03-28", 1), "2024-04-02");
    ck_assert_str_eq(add("northern-ireland", "2024-03-28", 1), "2024-04-02");
    ck_assert_str_eq(add("scotland", "2024-03-28", 1), "2024-04-01");
    /* Backwards: the working day before Tue 2 Apr in E&W is Thu 28 Mar. */
    ck_assert_str_eq(add("england-and-wales", "2024-04-02", -1), "2024-03-28");
    ck_assert_int_eq(count("england-and-wales", "2024-03-28", "2024-04-02"), 1);
    ck_assert_int_eq(count("england-and-wales", "2024-04-02", "2024-03-28"), -1);
}
END_TEST

START_TEST(state_funeral_and_jubilees)
{
    /* Mon 19 Sep 2022, State Funeral, in all divisions: Fri 16 + 1 = Tue 20. */
    ck_assert_str_eq(add("england-and-wales", "2022-09-16", 1), "2022-09-20");
    ck_assert_str_eq(add("scotland", "2022-09-16", 1), "2022-09-20");
    ck_assert_str_eq(add("northern-ireland", "2022-09-16", 1), "2022-09-20");
    /* Platinum Jubilee: Thu 2 and Fri 3 Jun 2022. Wed 1 Jun + 1 = Mon 6 Jun. */
    ck_assert_str_eq(add("england-and-wales", "2022-06-01", 1), "2022-06-06");
    /* Spring bank holiday moved from Mon 30 May 2022, which was a working day. */
    ck_assert(working("england-and-wales", "2022-05-30"));
    /* Coronation, Mon 8 May 2023. */
    ck_assert(!working("scotland", "2023-05-08"));
    /* Historic one-offs: Silver Jubilee Tue 7 Jun 1977, royal wedding Wed 29 Jul
     * 1981, Millennium Fri 31 Dec 1999, Golden Jubilee Mon 3 + Tue 4 Jun 2002. */
    ck_assert(!working("england-and-wales", "1977-06-07"));
    ck_assert(!working("northern-ireland", "1981-07-29"));
    ck_assert(!working("scotland", "1999-12-31"));
    ck_assert(!working("england-and-wales", "2002-06-03"));
    ck_assert(!working("england-and-wales", "2002-06-04"));
    ck_assert(working("england-and-wales", "2002-05-27")); /* last Monday, moved away */
    /* VE Day: early May moved to Mon 8 May 1995 and Fri 8 May 2020. */
    ck_assert(working("england-and-wales", "1995-05-01"));
    ck_assert(!working("england-and-wales", "1995-05-08"));
    ck_assert(working("england-and-wales", "2020-05-04"));
    ck_assert(!working("england-and-wales", "2020-05-08"));
}
END_TEST

START_TEST(scotland_2026_world_cup_day)
{
    /* Mon 15 Jun 2026 in Scotland only. From Fri 12 Jun + 1: Scotland Tue 16,
     * England and Wales Mon 15; the UK union skips it too. */
    ck_assert_str_eq(add("scotland", "2026-06-12", 1), "2026-06-16");
    ck_assert_str_eq(add("england-and-wales", "2026-06-12", 1), "2026-06-15");
    ck_assert_str_eq(add("united-kingdom", "2026-06-12", 1), "2026-06-16");
}
END_TEST

START_TEST(division_days)
{
    /* St Andrew's Day: Mon 30 Nov 2026 (Scotland). Sun 30 Nov 2025 -> Mon 1 Dec. */
    ck_assert(!working("scotland", "2026-11-30"));
    ck_assert(working("england-and-wales", "2026-11-30"));
    ck_assert(!working("scotland", "2025-12-01"));
    /* St Andrew's Day became a bank holiday in 2007: Thu 30 Nov 2006 was working. */
    ck_assert(working("scotland", "2006-11-30"));
    ck_assert(!working("scotland", "2007-11-30"));
    /* Summer: first Monday of August in Scotland (3 Aug 2026), last elsewhere (31 Aug). */
    ck_assert(!working("scotland", "2026-08-03"));
    ck_assert(working("scotland", "2026-08-31"));
    ck_assert(!working("england-and-wales", "2026-08-31"));
    /* NI: St Patrick's Tue 17 Mar 2026; the Boyne on Sun 12 Jul 2026 -> Mon 13 Jul. */
    ck_assert(!working("northern-ireland", "2026-03-17"));
    ck_assert(!working("northern-ireland", "2026-07-13"));
    ck_assert(working("england-and-wales", "2026-07-13"));
    ck_assert_str_eq(add("northern-ireland", "2026-07-10", 1), "2026-07-14");
    /* The union has every division's day. */
    ck_assert(!working("united-kingdom", "2026-03-17"));
    ck_assert(!working("united-kingdom", "2026-08-03"));
    ck_assert(!working("united-kingdom", "2026-08-31"));
    ck_assert(!working("united-kingdom", "2026-04-06")); /* Easter Monday, not Scotland */
    /* New Year's Day in England and Wales began in 1974 (Tue 1 Jan 1974). */
    ck_assert(working("england-and-wales", "1973-01-01"));
    ck_assert(!working("england-and-wales", "1974-01-01"));
    /* Early May in England and Wales began in 1978 (Mon 1 May 1978). */
    ck_assert(working("england-and-wales", "1977-05-02"));
    ck_assert(!working("england-and-wales", "1978-05-01"));
}
END_TEST

START_TEST(receipt_on_a_saturday)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_date r;
    /* Received Sat 2 Mar 2024, 5 working days.
     * day-of-receipt: Mon 4 = 1, Tue 5 = 2, Wed 6 = 3, Thu 7 = 4, Fri 8 = 5.
     * next-working-day: deemed Mon 4 (day 0); Tue 5 = 1 ... Mon 11 = 5. */
    ck_assert_ok(ukc_calendar_deadline(ew, D("2024-03-02"), 5, UKC_RECEIPT_DAY_OF_RECEIPT, &r));
    ck_assert_str_eq(S(r), "2024-03-08");
    ck_assert_ok(ukc_calendar_deadline(ew, D("2024-03-02"), 5, UKC_RECEIPT_NEXT_WORKING_DAY, &r));
    ck_assert_str_eq(S(r), "2024-03-11");
    /* On a working day both conventions agree: Mon 4 + 5 = Mon 11. */
    ck_assert_ok(ukc_calendar_deadline(ew, D("2024-03-04"), 5, UKC_RECEIPT_NEXT_WORKING_DAY, &r));
    ck_assert_str_eq(S(r), "2024-03-11");
    /* Received Good Friday 29 Mar 2024 under next-working-day: deemed Tue 2 Apr;
     * 3 working days: Wed 3, Thu 4, Fri 5. */
    ck_assert_ok(ukc_calendar_deadline(ew, D("2024-03-29"), 3, UKC_RECEIPT_NEXT_WORKING_DAY, &r));
    ck_assert_str_eq(S(r), "2024-04-05");
    ck_assert_status(ukc_calendar_deadline(ew, D("2024-03-29"), -1, UKC_RECEIPT_DAY_OF_RECEIPT, &r),
                     UKC_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(twenty_working_days_over_christmas)
{
    /* Received Mon 16 Dec 2024, 20 working days (E&W):
     * Dec 17,18,19,20 (4); 23,24 (6); 25,26 holidays; 27 (7); 30,31 (9);
     * Jan 1 holiday; 2,3 (11); 6-10 (16); 13,14,15,16 (20) -> Thu 16 Jan 2025. */
    ck_assert_str_eq(add("england-and-wales", "2024-12-16", 20), "2025-01-16");
    /* Scotland also has Thu 2 Jan 2025: one day later, Fri 17 Jan. */
    ck_assert_str_eq(add("scotland", "2024-12-16", 20), "2025-01-17");
    /* count: d with 20 Dec < d <= 3 Jan: 23, 24, 27, 30, 31, 2, 3 = 7. */
    ck_assert_int_eq(count("england-and-wales", "2024-12-20", "2025-01-03"), 7);
    ck_assert_int_eq(count("england-and-wales", "2025-01-03", "2024-12-20"), -7);
    ck_assert_int_eq(count("england-and-wales", "2025-01-03", "2025-01-03"), 0);
}
END_TEST

START_TEST(zero_and_weekend_start)
{
    /* n = 0 is the start itself, working day or not. */
    ck_assert_str_eq(add("england-and-wales", "2024-03-02", 0), "2024-03-02");
    /* From a Sunday, 1 working day is the Monday. Going back, the answer b must
     * satisfy count(b, Sun 3 Mar) == 1: exactly one working day d with
     * b < d <= Sun 3 Mar. That day is Fri 1 Mar, so b is Thu 29 Feb. From a
     * working day the step back is the plain previous working day. */
    ck_assert_str_eq(add("england-and-wales", "2024-03-03", 1), "2024-03-04");
    ck_assert_str_eq(add("england-and-wales", "2024-03-03", -1), "2024-02-29");
    ck_assert_str_eq(add("england-and-wales", "2024-03-02", -1), "2024-02-29");
    ck_assert_str_eq(add("england-and-wales", "2024-03-04", -1), "2024-03-01");
    /* Long spans: 65 working days from Mon 2 Dec 2024 (E&W). Dec: 3-6 (4), 9-13
     * (9), 16-20 (14), 23,24 (16), 27 (17), 30,31 (19); Jan: 2,3 (21), 6-10 (26),
     * 13-17 (31), 20-24 (36), 27-31 (41); Feb: 3-7 (46), 10-14 (51), 17-21 (56),
     * 24-28 (61); Mar 3,4,5,6 (65) -> Thu 6 Mar 2025. */
    ck_assert_str_eq(add("england-and-wales", "2024-12-02", 65), "2025-03-06");
}
END_TEST

START_TEST(next_previous)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_date r;
    ck_assert_ok(ukc_calendar_next_working_day(ew, D("2024-03-29"), &r)); /* Good Friday */
    ck_assert_str_eq(S(r), "2024-04-02");
    ck_assert_ok(ukc_calendar_next_working_day(ew, D("2024-04-02"), &r));
    ck_assert_str_eq(S(r), "2024-04-02");
    ck_assert_ok(ukc_calendar_previous_working_day(ew, D("2024-04-01"), &r));
    ck_assert_str_eq(S(r), "2024-03-28");
    ck_assert_ok(ukc_calendar_previous_working_day(ew, D("2024-03-28"), &r));
    ck_assert_str_eq(S(r), "2024-03-28");
    /* 1971-01-01 was a Friday and a working day (New Year's Day began in 1974). */
    ck_assert_ok(ukc_calendar_previous_working_day(ew, D("1971-01-03"), &r));
    ck_assert_str_eq(S(r), "1971-01-01");
}
END_TEST

START_TEST(day_details)
{
    ukc_holiday h = UKC_HOLIDAY_INIT;
    ck_assert_ok(ukc_calendar_day(cal("england-and-wales"), D("2022-12-27"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_SUBSTITUTE);
    ck_assert_str_eq(h.name, "Christmas Day");
    ck_assert_str_eq(h.division, "england-and-wales");
    ck_assert(strstr(h.source, "GOV.UK") != NULL);
    ck_assert(!h.projected);
    ck_assert_ok(ukc_calendar_day(cal("england-and-wales"), D("2022-09-19"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_ONE_OFF);
    ck_assert(strstr(h.source, "Proclamation") != NULL);
    ck_assert_ok(ukc_calendar_day(cal("england-and-wales"), D("2024-03-02"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_WEEKEND);
    ck_assert_str_eq(h.name, "Saturday");
    ck_assert_ok(ukc_calendar_day(cal("england-and-wales"), D("2024-03-04"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_WORKING);
    /* A year after the newest GOV.UK list (2028) is projected by rule:
     * Christmas 2031 is a Thursday. */
    ck_assert_int_eq(ukc_calendar_published_until(cal("england-and-wales")), 2028);
    ck_assert_ok(ukc_calendar_day(cal("england-and-wales"), D("2031-12-25"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_BANK_HOLIDAY);
    ck_assert(h.projected);
    ck_assert(strstr(h.source, "GOV.UK") == NULL);
    /* The union names every division of a shared day. */
    ck_assert_ok(ukc_calendar_day(cal("united-kingdom"), D("2026-12-25"), &h));
    ck_assert(strstr(h.division, "scotland") && strstr(h.division, "northern-ireland") &&
              strstr(h.division, "england-and-wales"));
    ck_assert_ok(ukc_calendar_day(cal("united-kingdom"), D("2026-03-17"), &h));
    ck_assert_str_eq(h.division, "northern-ireland");
}
END_TEST

START_TEST(holiday_listing)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_holiday buf[16];
    buf[0].size = sizeof buf[0];
    size_t n;
    /* GOV.UK: 8 bank holidays in England and Wales in 2026. */
    ck_assert_ok(ukc_calendar_holidays(ew, D("2026-01-01"), D("2026-12-31"), 0, NULL, 0, &n));
    ck_assert_uint_eq(n, 8);
    ck_assert_status(ukc_calendar_holidays(ew, D("2026-01-01"), D("2026-12-31"), 0, buf, 7, &n),
                     UKC_ERR_BUFFER_TOO_SMALL);
    ck_assert_uint_eq(n, 8);
    ck_assert_ok(ukc_calendar_holidays(ew, D("2026-01-01"), D("2026-12-31"), 0, buf, 16, &n));
    ck_assert_str_eq(S(buf[0].date), "2026-01-01");
    ck_assert_str_eq(S(buf[7].date), "2026-12-28"); /* Boxing Day (substitute) */
    /* With weekends: 1-7 Jun 2026 has Sat 6 and Sun 7. */
    ck_assert_ok(ukc_calendar_holidays(ew, D("2026-06-01"), D("2026-06-07"), UKC_HOLIDAYS_WEEKENDS,
                                       buf, 16, &n));
    ck_assert_uint_eq(n, 2);
    ck_assert_int_eq(buf[0].kind, UKC_DAY_WEEKEND);
    ck_assert_status(ukc_calendar_holidays(ew, D("2026-06-07"), D("2026-06-01"), 0, buf, 16, &n),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_calendar_holidays(ew, D("2026-06-01"), D("2026-06-07"), 8, buf, 16, &n),
                     UKC_ERR_INVALID_ARGUMENT);
}
END_TEST

START_TEST(closures_and_union)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_calendar *council = NULL, *u = NULL;
    /* A council closes Wed 24 Dec 2025 and Mon 29 to Wed 31 Dec 2025. Christmas
     * and Boxing Day (Thu 25, Fri 26) are already bank holidays: listing them
     * changes nothing. */
    ukc_closure days[] = {
        UKC_CLOSURE_INIT(D("2025-12-24"), "Christmas closure"), UKC_CLOSURE_INIT(D("2025-12-25"), "Christmas closure"),
        UKC_CLOSURE_INIT(D("2025-12-29"), "Christmas closure"), UKC_CLOSURE_INIT(D("2025-12-30"), "Christmas closure"),
        UKC_CLOSURE_INIT(D("2025-12-31"), "Christmas closure"), UKC_CLOSURE_INIT(D("2025-12-31"), "duplicate"),
    };
    ck_assert_ok(ukc_calendar_with_closures(ew, "Example Council closures", days, 6, &council));
    ukc_date r;
    /* From Tue 23 Dec 2025 + 1: 24 closed, 25/26 holidays, weekend, 29-31 closed,
     * Thu 1 Jan holiday -> Fri 2 Jan 2026. */
    ck_assert_ok(ukc_calendar_add_working_days(council, D("2025-12-23"), 1, &r));
    ck_assert_str_eq(S(r), "2026-01-02");
    ck_assert_ok(ukc_calendar_add_working_days(ew, D("2025-12-23"), 1, &r));
    ck_assert_str_eq(S(r), "2025-12-24");
    ukc_holiday h = UKC_HOLIDAY_INIT;
    ck_assert_ok(ukc_calendar_day(council, D("2025-12-24"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_OVERLAY);
    ck_assert_str_eq(h.name, "Christmas closure");
    ck_assert(strstr(h.source, "Example Council closures") != NULL);
    ck_assert_ok(ukc_calendar_day(council, D("2025-12-25"), &h));
    ck_assert_int_eq(h.kind, UKC_DAY_BANK_HOLIDAY);

    const ukc_calendar *parts[] = { cal("scotland"), council };
    ck_assert_ok(ukc_calendar_union(parts, 2, "scotland-plus-closures", &u));
    ck_assert_str_eq(ukc_calendar_name(u), "scotland-plus-closures");
    /* Scotland adds Fri 2 Jan 2026 (2nd January): next is Mon 5 Jan. */
    ck_assert_ok(ukc_calendar_add_working_days(u, D("2025-12-23"), 1, &r));
    ck_assert_str_eq(S(r), "2026-01-05");

    ukc_closure bad[] = { UKC_CLOSURE_INIT(D("2025-12-24"), "") };
    ukc_calendar *x = (ukc_calendar *)1;
    ck_assert_status(ukc_calendar_with_closures(ew, "c", bad, 1, &x), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(x);
    ukc_closure early[] = { UKC_CLOSURE_INIT(D("1970-06-01"), "before the range") };
    ck_assert_status(ukc_calendar_with_closures(ew, "c", early, 1, &x), UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(ukc_last_error()->index, 0);
    ck_assert_status(ukc_calendar_union(parts, 0, "none", &x), UKC_ERR_INVALID_ARGUMENT);
    ukc_calendar_free(u);
    ukc_calendar_free(council);
    ukc_calendar_free(NULL);
    ukc_calendar_free((ukc_calendar *)ew); /* built-ins are never freed */
    ck_assert(!working("england-and-wales", "2025-12-25"));
}
END_TEST

START_TEST(errors)
{
    const ukc_calendar *ew = cal("england-and-wales");
    const ukc_calendar *c = (const ukc_calendar *)1;
    ukc_date r = 99;
    int32_t n = 99;
    bool w = true;
    ck_assert_status(ukc_calendar_builtin("wales", &c), UKC_ERR_NOT_FOUND);
    ck_assert_ptr_null(c);
    ck_assert_status(ukc_calendar_builtin(NULL, &c), UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_calendar_add_working_days(ew, D("1970-12-31"), 1, &r),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(r, 0);
    ck_assert_status(ukc_calendar_add_working_days(ew, D("2199-12-30"), 5, &r),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_calendar_add_working_days(ew, D("1971-01-04"), -5, &r),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_calendar_add_working_days(ew, D("2024-01-01"), INT32_MAX, &r),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_calendar_add_working_days(ew, D("2024-01-01"), INT32_MIN, &r),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_calendar_add_working_days(NULL, D("2024-01-01"), 1, &r),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_calendar_count_working_days(ew, D("2024-01-01"), UKC_CALENDAR_LAST + 1, &n),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(n, 0);
    ck_assert_status(ukc_calendar_is_working_day(ew, UKC_CALENDAR_LAST + 1, &w),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert(!w);
    /* The range ends are fine. 1971-01-01 is a Friday and working; 2199-12-31 a Tuesday. */
    ck_assert_ok(ukc_calendar_is_working_day(ew, UKC_CALENDAR_FIRST, &w));
    ck_assert(w);
    ck_assert_ok(ukc_calendar_add_working_days(ew, D("2199-12-30"), 1, &r));
    ck_assert_str_eq(S(r), "2199-12-31");
}
END_TEST

START_TEST(batch)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_date starts[] = { D("2022-12-23"), D("2024-03-28"), D("2024-03-02") };
    int32_t ns[] = { 3, 1, 0 };
    ukc_date out[3] = { 7, 7, 7 };
    ck_assert_ok(ukc_calendar_add_working_days_n(ew, starts, ns, 3, out));
    ck_assert_str_eq(S(out[0]), "2022-12-30");
    ck_assert_str_eq(S(out[1]), "2024-04-02");
    ck_assert_str_eq(S(out[2]), "2024-03-02");
    /* A bad element: nothing written, its index reported. */
    ukc_date bad_starts[] = { D("2022-12-23"), D("1960-01-01"), D("2024-03-02") };
    ukc_date untouched[3] = { 7, 7, 7 };
    ck_assert_status(ukc_calendar_add_working_days_n(ew, bad_starts, ns, 3, untouched),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(ukc_last_error()->index, 1);
    ck_assert_int_eq(untouched[0], 7);
    ck_assert_int_eq(untouched[2], 7);
    int32_t far[] = { 1, 1, 10000000 };
    ck_assert_status(ukc_calendar_add_working_days_n(ew, starts, far, 3, untouched),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(ukc_last_error()->index, 2);
    ck_assert_int_eq(untouched[0], 7);
    ck_assert_ok(ukc_calendar_add_working_days_n(ew, NULL, NULL, 0, NULL));
    ck_assert_status(ukc_calendar_add_working_days_n(ew, NULL, ns, 3, out),
                     UKC_ERR_INVALID_ARGUMENT);
    ukc_date to[] = { D("2022-12-30"), D("2024-04-02"), D("2024-03-02") };
    int32_t counts[3];
    ck_assert_ok(ukc_calendar_count_working_days_n(ew, starts, to, 3, counts));
    ck_assert_int_eq(counts[0], 3);
    ck_assert_int_eq(counts[1], 1);
    ck_assert_int_eq(counts[2], 0);
}
END_TEST

/* Nine elements: two groups of four and one left over, at the range's ends
 * (checked element by element) and in its middle (checked four at a time).
 * Worked by hand: 1971-01-01 is a Friday and working (New Year's Day became a
 * bank holiday in 1974), 1971-01-02 a Saturday; 2199-12-30 is a Monday and
 * 2199-12-31 a Tuesday, after Christmas on the Wednesday and Boxing Day on the
 * Thursday. 2022-12-23 plus 3 skips the 26th and 27th (substitute days);
 * 2024-03-28 plus 1 skips Good Friday and Easter Monday. */
START_TEST(batch_ends_and_groups)
{
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_date ends[9] = { D("1971-01-01"), D("1971-01-02"), D("1971-01-02"), D("1971-01-01"),
                         D("2199-12-31"), D("2199-12-30"), D("2022-12-23"), D("2024-03-28"),
                         D("2024-03-02") };
    int32_t ns[9] = { 0, 0, 1, 1, -1, 1, 3, 1, 0 };
    const char *want[9] = { "1971-01-01", "1971-01-02", "1971-01-04", "1971-01-04", "2199-12-30",
                            "2199-12-31", "2022-12-30", "2024-04-02", "2024-03-02" };
    ukc_date out[9];
    ck_assert_ok(ukc_calendar_add_working_days_n(ew, ends, ns, 9, out));
    for (int i = 0; i < 9; i++) {
        ukc_date one;
        ck_assert_str_eq(S(out[i]), want[i]);
        ck_assert_ok(ukc_calendar_add_working_days(ew, ends[i], ns[i], &one));
        ck_assert_int_eq(one, out[i]);
    }
    /* The same middle dates nine times over: every element takes the fast check. */
    ukc_date mid[9];
    int32_t mid_ns[9];
    for (int i = 0; i < 9; i++) {
        mid[i] = ends[6 + i % 3];
        mid_ns[i] = ns[6 + i % 3];
    }
    ck_assert_ok(ukc_calendar_add_working_days_n(ew, mid, mid_ns, 9, out));
    for (int i = 0; i < 9; i++)
        ck_assert_str_eq(S(out[i]), want[6 + i % 3]);
    /* One bad element in the last group of four, and one in the tail. */
    int32_t bad_ns[9] = { 1, 1, 1, 1, 1, 1, 1, -20000000, 1 };
    ck_assert_status(ukc_calendar_add_working_days_n(ew, mid, bad_ns, 9, out),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(ukc_last_error()->index, 7);
    ck_assert_status(ukc_calendar_add_working_days_n(ew, ends, ns, 9, NULL),
                     UKC_ERR_INVALID_ARGUMENT);
    ns[8] = INT32_MAX;
    ck_assert_status(ukc_calendar_add_working_days_n(ew, mid, ns, 9, out), UKC_ERR_OUT_OF_RANGE);
    ck_assert_int_eq(ukc_last_error()->index, 8);
}
END_TEST

static bool works(const ukc_calendar *c, ukc_date d)
{
    bool w;
    ck_assert_ok(ukc_calendar_is_working_day(c, d, &w));
    return w;
}

/* A day-stepping reference. Forwards: step a day at a time, counting working
 * days, until the n-th. Backwards: step back until |n| working days lie in
 * (d, start], then on to the first working day at or before d. */
static ukc_date walk(const ukc_calendar *c, ukc_date start, int32_t n)
{
    ukc_date d = start;
    if (n >= 0) {
        for (int32_t left = n; left > 0;)
            if (works(c, ++d))
                left--;
        return d;
    }
    for (int32_t left = -n; left > 0; d--)
        if (works(c, d))
            left--;
    while (!works(c, d))
        d--;
    return d;
}

START_TEST(inverse_property_and_walk)
{
    /* count(a, add(a, n)) == n for many random a and n, and add agrees with a
     * plain walk over is_working_day, on every built-in calendar. */
    unsigned seed = 12345;
    for (size_t k = 0; k < ukc_calendar_builtin_count(); k++) {
        const ukc_calendar *c = cal(ukc_calendar_builtin_name(k));
        for (int i = 0; i < 20000; i++) {
            ukc_date a = D("1972-01-01") + (ukc_date)(rand_r(&seed) % (D("2198-01-01") - D("1972-01-01")));
            int32_t n = (int32_t)(rand_r(&seed) % 401) - 200;
            ukc_date b;
            int32_t back;
            ck_assert_ok(ukc_calendar_add_working_days(c, a, n, &b));
            ck_assert_ok(ukc_calendar_count_working_days(c, a, b, &back));
            ck_assert_msg(back == n, "%s: count(%s, add(%s, %d) = %s) = %d",
                          ukc_calendar_name(c), S(a), S(a), n, S(b), back);
            if (i % 10 == 0)
                ck_assert_str_eq(S(b), S(walk(c, a, n)));
            if (n != 0) {
                bool w;
                ck_assert_ok(ukc_calendar_is_working_day(c, b, &w));
                ck_assert(w);
            }
        }
    }
}
END_TEST

START_TEST(long_closures)
{
    /* A council closed for 150 days from 1 Jan 2025 (an extreme overlay: gaps of
     * more than 64 days between working days). Every answer still agrees with
     * the walk and keeps the inverse property. */
    const ukc_calendar *ew = cal("england-and-wales");
    ukc_closure days[150];
    ukc_calendar *c = NULL;
    for (int i = 0; i < 150; i++)
        days[i] = (ukc_closure)UKC_CLOSURE_INIT(D("2025-01-01") + i, "long closure");
    ck_assert_ok(ukc_calendar_with_closures(ew, "long", days, 150, &c));
    /* Tue 31 Dec 2024 + 1: closed through Sat 31 May 2025 (day 150 is 30 May),
     * so the next working day is Mon 2 Jun 2025. */
    ukc_date r;
    ck_assert_ok(ukc_calendar_add_working_days(c, D("2024-12-31"), 1, &r));
    ck_assert_str_eq(S(r), "2025-06-02");
    for (ukc_date a = D("2024-10-01"); a < D("2025-09-01"); a += 3)
        for (int32_t n = -70; n <= 70; n += 7) {
            int32_t back;
            ck_assert_ok(ukc_calendar_add_working_days(c, a, n, &r));
            ck_assert_str_eq(S(r), S(walk(c, a, n)));
            ck_assert_ok(ukc_calendar_count_working_days(c, a, r, &back));
            ck_assert_int_eq(back, n);
        }
    ukc_calendar_free(c);
}
END_TEST

typedef struct thread_job {
    unsigned seed;
    int mismatches;
} thread_job;

static void *thread_main(void *arg)
{
    thread_job *job = arg;
    /* Every thread races to the first use of the built-ins. */
    for (int i = 0; i < 20000; i++) {
        const ukc_calendar *c;
        size_t k = (size_t)rand_r(&job->seed) % 4;
        if (ukc_calendar_builtin(ukc_calendar_builtin_name(k), &c) != UKC_OK) {
            job->mismatches++;
            continue;
        }
        ukc_date a = 10000 + (ukc_date)(rand_r(&job->seed) % 20000), b;
        int32_t n = (int32_t)(rand_r(&job->seed) % 100), back;
        if (ukc_calendar_add_working_days(c, a, n, &b) != UKC_OK ||
            ukc_calendar_count_working_days(c, a, b, &back) != UKC_OK || back != n)
            job->mismatches++;
    }
    /* Hand-checked answers from every thread: Christmas 2022, Scotland 2026. */
    const ukc_calendar *ew, *sc;
    ukc_date r1, r2;
    if (ukc_calendar_builtin("england-and-wales", &ew) ||
        ukc_calendar_builtin("scotland", &sc) ||
        ukc_calendar_add_working_days(ew, 19349 /* 2022-12-23 */, 3, &r1) ||
        ukc_calendar_add_working_days(sc, 20616 /* 2026-06-12 */, 1, &r2) ||
        r1 != 19356 /* 2022-12-30 */ || r2 != 20620 /* 2026-06-16 */)
        job->mismatches++;
    return NULL;
}

START_TEST(eight_threads_share_builtins)
{
    ck_assert_int_eq(D("2022-12-23"), 19349);
    ck_assert_int_eq(D("2022-12-30"), 19356);
    ck_assert_int_eq(D("2026-06-12"), 20616);
    ck_assert_int_eq(D("2026-06-16"), 20620);
    pthread_t t[8];
    thread_job jobs[8];
    for (int i = 0; i < 8; i++) {
        jobs[i] = (thread_job){ (unsigned)i * 7919u + 1u, 0 };
        pthread_create(&t[i], NULL, thread_main, &jobs[i]);
    }
    for (int i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        ck_assert_int_eq(jobs[i].mismatches, 0);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("calendar");
    TCase *tc = tcase_create("hand-checked");
    tcase_add_test(tc, christmas_on_a_sunday);
    tcase_add_test(tc, christmas_on_a_saturday);
    tcase_add_test(tc, easter);
    tcase_add_test(tc, state_funeral_and_jubilees);
    tcase_add_test(tc, scotland_2026_world_cup_day);
    tcase_add_test(tc, division_days);
    tcase_add_test(tc, receipt_on_a_saturday);
    tcase_add_test(tc, twenty_working_days_over_christmas);
    tcase_add_test(tc, zero_and_weekend_start);
    tcase_add_test(tc, next_previous);
    tcase_add_test(tc, day_details);
    tcase_add_test(tc, holiday_listing);
    tcase_add_test(tc, closures_and_union);
    tcase_add_test(tc, errors);
    tcase_add_test(tc, batch);
    tcase_add_test(tc, batch_ends_and_groups);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("properties");
    tcase_set_timeout(tp, 600);
    tcase_add_test(tp, inverse_property_and_walk);
    tcase_add_test(tp, eight_threads_share_builtins);
    tcase_add_test(tp, long_closures);
    suite_add_tcase(s, tp);
    return run_suite(s);
}
