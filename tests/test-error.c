/* The error module: fixed status numbers, static texts, the thread-local last error. */
#include <pthread.h>
#include <string.h>

#include "testutil.h"

START_TEST(status_numbers_are_fixed)
{
    /* These numbers are part of the ABI: they must never change. */
    ck_assert_int_eq(UKC_OK, 0);
    ck_assert_int_eq(UKC_ERR_INVALID_ARGUMENT, 1);
    ck_assert_int_eq(UKC_ERR_PARSE, 2);
    ck_assert_int_eq(UKC_ERR_OUT_OF_RANGE, 3);
    ck_assert_int_eq(UKC_ERR_NO_MEMORY, 4);
    ck_assert_int_eq(UKC_ERR_NOT_FOUND, 5);
    ck_assert_int_eq(UKC_ERR_NOT_SET, 6);
    ck_assert_int_eq(UKC_ERR_IO, 7);
    ck_assert_int_eq(UKC_ERR_INVALID_UTF8, 8);
    ck_assert_int_eq(UKC_ERR_TOO_LONG, 9);
    ck_assert_int_eq(UKC_ERR_TOO_DEEP, 10);
    ck_assert_int_eq(UKC_ERR_INVALID_DATA, 11);
    ck_assert_int_eq(UKC_ERR_BUFFER_TOO_SMALL, 12);
    ck_assert_int_eq(UKC_ERR_VERSION, 13);
    ck_assert_int_eq(UKC_ERR_STATE, 14);
    ck_assert_int_eq(UKC_ERR_TOO_MANY, 15);
    ck_assert_int_eq(UKC_ERR_INTERNAL, 16);
}
END_TEST

START_TEST(every_status_has_text)
{
    for (int s = 0; s <= 16; s++) {
        ck_assert_str_ne(ukc_status_str((ukc_status)s), "unknown status");
        ck_assert_str_ne(ukc_status_name((ukc_status)s), "UKC_ERR_UNKNOWN");
    }
    ck_assert_str_eq(ukc_status_str((ukc_status)999), "unknown status");
    ck_assert_str_eq(ukc_status_str((ukc_status)-1), "unknown status");
    ck_assert_str_eq(ukc_status_name(UKC_ERR_OUT_OF_RANGE), "UKC_ERR_OUT_OF_RANGE");
}
END_TEST

START_TEST(last_error_never_null_and_reset)
{
    ukc_date d;
    const ukc_error *e = ukc_last_error();
    ck_assert_ptr_nonnull(e);
    ck_assert_ptr_nonnull(e->message);
    ck_assert_ptr_nonnull(e->path);

    ck_assert_status(ukc_date_parse("2023-02-29", &d), UKC_ERR_PARSE);
    e = ukc_last_error();
    ck_assert_int_eq(e->status, UKC_ERR_PARSE);
    ck_assert_int_gt((int)strlen(e->message), 0);
    ck_assert_int_eq(e->offset, 8); /* the day field */
    ck_assert_int_eq(e->column, 9);

    /* Any later public call resets it. */
    ck_assert_ok(ukc_date_parse("2023-02-28", &d));
    e = ukc_last_error();
    ck_assert_int_eq(e->status, UKC_OK);
    ck_assert_str_eq(e->message, "");
    ck_assert_int_eq(e->offset, -1);
    ck_assert_int_eq(e->index, -1);
    ck_assert_str_eq(e->path, "");

    /* Getters and name lookups that cannot fail reset it too. A batch error
     * sets an index, so every field is seen to go back. */
    ukc_date starts[2] = { 0, -30000 };
    int32_t ns[2] = { 1, 1 };
    ukc_date out[2];
    const ukc_calendar *ew;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &ew));
    for (size_t i = 0; i < 4; i++) {
        ck_assert_status(ukc_calendar_add_working_days_n(ew, starts, ns, 2, out),
                         UKC_ERR_OUT_OF_RANGE);
        ck_assert_int_eq(ukc_last_error()->index, 0);
        switch (i) {
        case 0:
            ck_assert_str_eq(ukc_version_string(), "0.1.0");
            break;
        case 1:
            /* The status texts report the error without clearing it. */
            ck_assert_str_eq(ukc_status_name(UKC_ERR_PARSE), "UKC_ERR_PARSE");
            ck_assert_str_eq(ukc_status_str(UKC_ERR_PARSE), "malformed input");
            ck_assert_int_eq(ukc_last_error()->index, 0);
            ck_assert_str_eq(ukc_weekday_name(UKC_MONDAY), "Monday");
            break;
        case 2:
            ck_assert_ptr_null(ukc_routing_policy(NULL));
            break;
        default:
            ck_assert_str_eq(ukc_channel_name(UKC_CHANNEL_EMAIL), "email");
            break;
        }
        e = ukc_last_error();
        ck_assert_int_eq(e->status, UKC_OK);
        ck_assert_str_eq(e->message, "");
        ck_assert_int_eq(e->index, -1);
    }
}
END_TEST

static void *fail_in_thread(void *arg)
{
    ukc_date d;
    (void)arg;
    ukc_date_parse("nonsense", &d);
    return (void *)(intptr_t)ukc_last_error()->status;
}

START_TEST(last_error_is_per_thread)
{
    ukc_date d;
    pthread_t t;
    void *res;
    ck_assert_ok(ukc_date_parse("2024-01-01", &d));
    pthread_create(&t, NULL, fail_in_thread, NULL);
    pthread_join(t, &res);
    ck_assert_int_eq((int)(intptr_t)res, UKC_ERR_PARSE);
    /* This thread's error is untouched by the other's failure. */
    ck_assert_int_eq(ukc_last_error()->status, UKC_OK);
}
END_TEST

START_TEST(version)
{
    ck_assert_int_eq(ukc_version_number(), UKC_VERSION_NUMBER);
    ck_assert_str_eq(ukc_version_string(), "0.1.0");
    ck_assert_int_eq(ukc_version_number(), 100);
    ukc_free(NULL);
}
END_TEST

START_TEST(ids_registry)
{
    ck_assert_str_eq(ukc_id_code(UKC_E006_HOLIDAY_SKIPPED), "UKC-E006");
    ck_assert_str_eq(ukc_id_slug(UKC_E006_HOLIDAY_SKIPPED), "holiday-skipped");
    ck_assert_int_gt((int)strlen(ukc_id_summary(UKC_E001_CLOCK_START)), 0);
    ck_assert_str_eq(ukc_id_code((ukc_id)7), "");
}
END_TEST

int main(void)
{
    Suite *s = suite_create("error");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, status_numbers_are_fixed);
    tcase_add_test(tc, every_status_has_text);
    tcase_add_test(tc, last_error_never_null_and_reset);
    tcase_add_test(tc, last_error_is_per_thread);
    tcase_add_test(tc, version);
    tcase_add_test(tc, ids_registry);
    suite_add_tcase(s, tc);
    return run_suite(s);
}
