/* Explained deadlines: the steps, their IDs, the text and the JSON. */
#include <jansson.h>
#include <string.h>

#include "testutil.h"

static ukc_explanation *explain_flags(const char *calname, const char *start, int32_t n,
                                      ukc_receipt receipt, unsigned flags)
{
    const ukc_calendar *cal;
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_calendar_builtin(calname, &cal));
    ck_assert_ok(ukc_calendar_explain_deadline_ex(cal, D(start), n, receipt, flags, &e));
    return e;
}

/* The compact form, as ukc_calendar_explain_deadline() gives it. */
static ukc_explanation *explain(const char *calname, const char *start, int32_t n,
                                ukc_receipt receipt)
{
    const ukc_calendar *cal;
    ukc_explanation *e = NULL;
    ck_assert_ok(ukc_calendar_builtin(calname, &cal));
    ck_assert_ok(ukc_calendar_explain_deadline(cal, D(start), n, receipt, &e));
    return e;
}

START_TEST(christmas_2022_steps)
{
    /* Fri 23 Dec 2022 + 3 (E&W): start; convention; Sat 24, Sun 25 weekend; Mon 26
     * Boxing Day; Tue 27 Christmas Day (substitute); Wed 28 = 1; Thu 29 = 2;
     * Fri 30 = 3; due. */
    ukc_explanation *e = explain_flags("england-and-wales", "2022-12-23", 3,
                                       UKC_RECEIPT_DAY_OF_RECEIPT, UKC_EXPLAIN_FULL);
    static const ukc_id want[] = {
        UKC_E001_CLOCK_START,     UKC_E002_COUNT_FROM_RECEIPT, UKC_E005_WEEKEND_SKIPPED,
        UKC_E005_WEEKEND_SKIPPED, UKC_E006_HOLIDAY_SKIPPED,    UKC_E006_HOLIDAY_SKIPPED,
        UKC_E004_WORKING_DAY_COUNTED, UKC_E004_WORKING_DAY_COUNTED,
        UKC_E004_WORKING_DAY_COUNTED, UKC_E007_DEADLINE_DUE,
    };
    ck_assert_uint_eq(ukc_explanation_step_count(e), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_int_eq(ukc_explanation_step(e, i)->id, want[i]);
    const ukc_step *boxing = ukc_explanation_step(e, 4);
    ck_assert_str_eq(S(boxing->date), "2022-12-26");
    ck_assert_str_eq(boxing->name, "Boxing Day");
    ck_assert_str_eq(boxing->code, "UKC-E006");
    ck_assert_str_eq(boxing->slug, "holiday-skipped");
    const ukc_step *sub = ukc_explanation_step(e, 5);
    ck_assert_int_eq(sub->day_kind, UKC_DAY_SUBSTITUTE);
    ck_assert_str_eq(sub->name, "Christmas Day");
    ck_assert_int_eq(ukc_explanation_step(e, 8)->number, 3);
    ck_assert_str_eq(S(ukc_explanation_step(e, 8)->date), "2022-12-30");
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2022-12-30");
    ck_assert(!ukc_explanation_projected(e));
    ck_assert_str_eq(ukc_explanation_calendar(e), "england-and-wales");
    const char *text = ukc_explanation_text(e);
    ck_assert(strstr(text, "UKC-E006 Skipped Tuesday 2022-12-27: Christmas Day (substitute;"));
    ck_assert(strstr(text, "UKC-E007 Due: Friday 2022-12-30"));
    ck_assert_ptr_null(ukc_explanation_step(e, 99));
    ukc_explanation_free(e);
}
END_TEST

START_TEST(deemed_receipt)
{
    /* Sat 2 Mar 2024, 1 working day, next-working-day: Sun 3 skipped, deemed
     * Mon 4 (day 0), Tue 5 = 1. */
    ukc_explanation *e = explain_flags("england-and-wales", "2024-03-02", 1,
                                       UKC_RECEIPT_NEXT_WORKING_DAY, UKC_EXPLAIN_FULL);
    ck_assert_str_eq(S(ukc_explanation_counted_from(e)), "2024-03-04");
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-03-05");
    ck_assert_int_eq(ukc_explanation_receipt(e), UKC_RECEIPT_NEXT_WORKING_DAY);
    ck_assert_int_eq(ukc_explanation_step(e, 1)->id, UKC_E003_DEEMED_NEXT_WORKING_DAY);
    ck_assert_str_eq(S(ukc_explanation_step(e, 1)->date), "2024-03-04");
    ck_assert(strstr(ukc_explanation_text(e), "deemed to be on Monday 2024-03-04"));
    ck_assert_int_eq(ukc_explanation_step(e, 2)->id, UKC_E005_WEEKEND_SKIPPED); /* Sun 3 */
    ck_assert_int_eq(ukc_explanation_step(e, 3)->number, 1);
    ck_assert_str_eq(S(ukc_explanation_step(e, 3)->date), "2024-03-05");
    ukc_explanation_free(e);
}
END_TEST

START_TEST(compact_by_default)
{
    /* The same Fri 23 Dec 2022 + 3 (E&W), compact: the start, the convention, the
     * four non-working days (Sat 24, Sun 25, Mon 26 Boxing Day, Tue 27 Christmas
     * Day's substitute) and the due date Fri 30; no working day counted. */
    ukc_explanation *e = explain("england-and-wales", "2022-12-23", 3, UKC_RECEIPT_DAY_OF_RECEIPT);
    static const ukc_id want[] = {
        UKC_E001_CLOCK_START,     UKC_E002_COUNT_FROM_RECEIPT, UKC_E005_WEEKEND_SKIPPED,
        UKC_E005_WEEKEND_SKIPPED, UKC_E006_HOLIDAY_SKIPPED,    UKC_E006_HOLIDAY_SKIPPED,
        UKC_E007_DEADLINE_DUE,
    };
    ck_assert_uint_eq(ukc_explanation_step_count(e), sizeof want / sizeof want[0]);
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        ck_assert_int_eq(ukc_explanation_step(e, i)->id, want[i]);
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2022-12-30");
    ck_assert_int_eq(ukc_explanation_days(e), 3);
    ck_assert_ptr_null(strstr(ukc_explanation_text(e), "UKC-E004"));
    /* Christmas Day 2022 was a Sunday, so Tuesday 27 December is a bank holiday by
     * the Schedule itself: "27th December in a year in which 25th or 26th
     * December is a Sunday" (Banking and Financial Dealings Act 1971, Sch. 1
     * para 1), not by the rule for 25 December. */
    const ukc_step *sub = ukc_explanation_step(e, 5);
    ck_assert_str_eq(S(sub->date), "2022-12-27");
    ck_assert_int_eq(sub->day_kind, UKC_DAY_SUBSTITUTE);
    ck_assert(strstr(sub->source, "Schedule 1, para 1 (27th December in a year in which 25th "
                                  "or 26th December is a Sunday)"));
    ukc_explanation_free(e);

    /* Boxing Day 2026 is a Saturday; Monday 28 December is appointed by Royal
     * Proclamation under s.1(3), as Monday 28 December 1998 was. Fri 25 Dec + 1:
     * Sat 26, Sun 27, Mon 28 skipped; Tue 29 = 1. */
    e = explain("england-and-wales", "2026-12-25", 1, UKC_RECEIPT_DAY_OF_RECEIPT);
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2026-12-29");
    const ukc_step *mon = ukc_explanation_step(e, 4);
    ck_assert_str_eq(S(mon->date), "2026-12-28");
    ck_assert_str_eq(mon->name, "Boxing Day");
    ck_assert(strncmp(mon->source, "Royal Proclamation under the Banking and Financial Dealings "
                                   "Act 1971, s.1(3)", 75) == 0);
    /* The start, Christmas Day, is not a working day and says why. */
    const ukc_step *start = ukc_explanation_step(e, 0);
    ck_assert_int_eq(start->day_kind, UKC_DAY_BANK_HOLIDAY);
    ck_assert_str_eq(start->name, "Christmas Day");
    ukc_explanation_free(e);
}
END_TEST

START_TEST(saturday_start_is_not_working)
{
    /* Sat 2 Mar 2024 + 5, day of receipt: the start step is a weekend day in the
     * structured steps, not a working one; Sun 3 skipped; Mon 4..Fri 8 = 1..5. */
    ukc_explanation *e = explain("england-and-wales", "2024-03-02", 5, UKC_RECEIPT_DAY_OF_RECEIPT);
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2024-03-08");
    ck_assert_int_eq(ukc_explanation_step(e, 0)->id, UKC_E001_CLOCK_START);
    ck_assert_int_eq(ukc_explanation_step(e, 0)->day_kind, UKC_DAY_WEEKEND);
    ck_assert_int_eq(ukc_explanation_step(e, 1)->id, UKC_E002_COUNT_FROM_RECEIPT);
    ck_assert_int_eq(ukc_explanation_step(e, 1)->day_kind, UKC_DAY_WEEKEND);
    ck_assert_uint_eq(ukc_explanation_step_count(e), 4); /* start, convention, Sun 3, due */
    ukc_explanation_free(e);
    /* A weekday start is a working day. */
    e = explain("england-and-wales", "2024-03-04", 1, UKC_RECEIPT_DAY_OF_RECEIPT);
    ck_assert_int_eq(ukc_explanation_step(e, 0)->day_kind, UKC_DAY_WORKING);
    ukc_explanation_free(e);
}
END_TEST

START_TEST(unknown_flag_refused)
{
    const ukc_calendar *cal;
    ukc_explanation *e = (ukc_explanation *)&cal;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &cal));
    ck_assert_int_eq(ukc_calendar_explain_deadline_ex(cal, D("2024-03-04"), 1,
                                                      UKC_RECEIPT_DAY_OF_RECEIPT, 2u, &e),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(e);
}
END_TEST

START_TEST(projected_years_say_so)
{
    /* Tue 23 Dec 2031 + 2: Wed 24 = 1, Thu 25 and Fri 26 holidays, weekend, Mon 29
     * = 2. 2031 is after GOV.UK's newest year (2028). */
    ukc_explanation *e = explain("england-and-wales", "2031-12-23", 2, UKC_RECEIPT_DAY_OF_RECEIPT);
    ck_assert_str_eq(S(ukc_explanation_due(e)), "2031-12-29");
    ck_assert(ukc_explanation_projected(e));
    size_t n = ukc_explanation_step_count(e);
    ck_assert_int_eq(ukc_explanation_step(e, n - 1)->id, UKC_E008_PROJECTED_DAYS);
    ck_assert(strstr(ukc_explanation_text(e), "2028"));
    ukc_explanation_free(e);
}
END_TEST

START_TEST(json_form)
{
    ukc_explanation *e = explain("scotland", "2026-06-12", 1, UKC_RECEIPT_DAY_OF_RECEIPT);
    char *text = NULL;
    ck_assert_ok(ukc_explanation_to_json(e, &text));
    json_error_t err;
    json_t *j = json_loads(text, 0, &err);
    ck_assert_ptr_nonnull(j);
    ck_assert_str_eq(json_string_value(json_object_get(j, "due")), "2026-06-16");
    ck_assert_str_eq(json_string_value(json_object_get(j, "receipt")), "day-of-receipt");
    json_t *steps = json_object_get(j, "steps");
    int found = 0;
    for (size_t i = 0; i < json_array_size(steps); i++) {
        json_t *s = json_array_get(steps, i);
        if (strcmp(json_string_value(json_object_get(s, "id")), "UKC-E006") == 0) {
            ck_assert_str_eq(json_string_value(json_object_get(s, "name")), "World Cup bank holiday");
            ck_assert_str_eq(json_string_value(json_object_get(s, "kind")), "one-off");
            found++;
        }
    }
    ck_assert_int_eq(found, 1);
    json_decref(j);
    ukc_free(text);
    ukc_explanation_free(e);
}
END_TEST

START_TEST(errors)
{
    const ukc_calendar *ew;
    ukc_explanation *e = (ukc_explanation *)1;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &ew));
    ck_assert_status(ukc_calendar_explain_deadline(ew, D("2024-01-01"), -1, 0, &e),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_ptr_null(e);
    ck_assert_status(ukc_calendar_explain_deadline(ew, D("2024-01-01"), 10001, 0, &e),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_calendar_explain_deadline(ew, D("2024-01-01"), 5, (ukc_receipt)7, &e),
                     UKC_ERR_INVALID_ARGUMENT);
    ck_assert_status(ukc_calendar_explain_deadline(ew, D("1960-01-01"), 5, 0, &e),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_status(ukc_calendar_explain_deadline(ew, D("2199-12-20"), 50, 0, &e),
                     UKC_ERR_OUT_OF_RANGE);
    ck_assert_ptr_null(e);
    ck_assert_uint_eq(ukc_explanation_step_count(NULL), 0);
    ck_assert_str_eq(ukc_explanation_text(NULL), "");
    ukc_explanation_free(NULL);
    ukc_receipt r;
    ck_assert_ok(ukc_receipt_from_name("next-working-day", &r));
    ck_assert_int_eq(r, UKC_RECEIPT_NEXT_WORKING_DAY);
    ck_assert_status(ukc_receipt_from_name("tomorrow", &r), UKC_ERR_NOT_FOUND);
    ck_assert_str_eq(ukc_receipt_name(UKC_RECEIPT_DAY_OF_RECEIPT), "day-of-receipt");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("explain");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, christmas_2022_steps);
    tcase_add_test(tc, deemed_receipt);
    tcase_add_test(tc, compact_by_default);
    tcase_add_test(tc, saturday_start_is_not_working);
    tcase_add_test(tc, unknown_flag_refused);
    tcase_add_test(tc, projected_years_say_so);
    tcase_add_test(tc, json_form);
    tcase_add_test(tc, errors);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
