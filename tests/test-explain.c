/* Explained deadlines: the steps, their IDs, the text and the JSON. */
#include <jansson.h>
#include <string.h>

#include "testutil.h"

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
    ukc_explanation *e = explain("england-and-wales", "2022-12-23", 3, UKC_RECEIPT_DAY_OF_RECEIPT);
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
    ukc_explanation *e = explain("england-and-wales", "2024-03-02", 1, UKC_RECEIPT_NEXT_WORKING_DAY);
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
    tcase_add_test(tc, projected_years_say_so);
    tcase_add_test(tc, json_form);
    tcase_add_test(tc, errors);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
