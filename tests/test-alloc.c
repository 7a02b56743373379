/* Allocation-failure sweep: the N-th allocation fails, for every N, while
 * building the built-in calendars, importing a GOV.UK feed, adding closures,
 * making unions and explaining a deadline. Each call returns UKC_OK or
 * UKC_ERR_NO_MEMORY, leaves its output empty on failure, and leaks nothing
 * (the valgrind and ASan runs check that). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>
#include <string.h>

#include "testutil.h"
#include "util.h"

/* Run op with the n-th allocation failing, for n = 1, 2, ... until it
 * succeeds with no failure injected. Returns the number of allocations it made. */
#define SWEEP(op, cleanup)                                                                 \
    do {                                                                                   \
        for (size_t n_ = 1;; n_++) {                                                       \
            ukc__alloc_fail_after(n_);                                                     \
            ukc_status st_ = (op);                                                         \
            size_t made_ = ukc__alloc_fail_after(0);                                       \
            ck_assert_msg(st_ == UKC_OK || st_ == UKC_ERR_NO_MEMORY,                       \
                          "allocation %zu: %s (%s)", n_, ukc_status_name(st_),              \
                          ukc_last_error()->message);                                      \
            if (st_ == UKC_OK) {                                                           \
                cleanup;                                                                   \
                if (made_ < n_)                                                            \
                    break; /* succeeded without reaching the failing allocation */         \
            }                                                                              \
        }                                                                                  \
    } while (0)

START_TEST(builtins_under_failure)
{
    const ukc_calendar *c = NULL;
    /* The first successful call builds and publishes the calendar; every failed
     * one before it must leave nothing behind and a later call must retry. */
    SWEEP(ukc_calendar_builtin("united-kingdom", &c), (void)0);
    ck_assert_ptr_nonnull(c);
    ukc_date r;
    /* Scotland's 2026 day is in the union: Fri 12 Jun + 1 = Tue 16 Jun. */
    ck_assert_ok(ukc_calendar_add_working_days(c, D("2026-06-12"), 1, &r));
    ck_assert_str_eq(S(r), "2026-06-16");
}
END_TEST

START_TEST(feed_closures_union_explain_under_failure)
{
    size_t len;
    char *feed = slurp(srcpath("lib/data/govuk/govuk-bank-holidays-2019-2028.json"), &len);
    const ukc_calendar *ew;
    ck_assert_ok(ukc_calendar_builtin("england-and-wales", &ew));

    ukc_calendar *c = NULL;
    SWEEP(ukc_calendar_from_govuk_json(feed, len, "scotland", NULL, &c),
          (ukc_calendar_free(c), c = NULL));
    ck_assert_ptr_null(c);
    SWEEP(ukc_calendar_from_govuk_json(feed, len, "united-kingdom", NULL, &c),
          (ukc_calendar_free(c), c = NULL));

    ukc_closure days[] = { UKC_CLOSURE_INIT(D("2025-12-24"), "closure"), UKC_CLOSURE_INIT(D("2025-12-29"), "closure") };
    SWEEP(ukc_calendar_with_closures(ew, "council", days, 2, &c),
          (ukc_calendar_free(c), c = NULL));

    const ukc_calendar *parts[] = { ew, ew };
    SWEEP(ukc_calendar_union(parts, 2, "twice", &c), (ukc_calendar_free(c), c = NULL));

    ukc_explanation *e = NULL;
    SWEEP(ukc_calendar_explain_deadline(ew, D("2022-12-23"), 20, UKC_RECEIPT_NEXT_WORKING_DAY, &e),
          (ukc_explanation_free(e), e = NULL));
    ck_assert_ptr_null(e);
    free(feed);
}
END_TEST

START_TEST(policies_under_failure)
{
    static const char *const files[] = { "lib/data/policies/kent.json",
                                         "lib/data/policies/warwickshire.json",
                                         "lib/data/policies/derby.json",
                                         "lib/data/policies/unnamed-unitary-004.json" };
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        size_t len;
        char *json = slurp(srcpath(files[i]), &len);
        ukc_policy *p = NULL;
        SWEEP(ukc_policy_load_json(json, len, &p), (ukc_policy_free(p), p = NULL));
        ck_assert_ptr_null(p);
        free(json);
    }
    const ukc_policy *kent = NULL;
    SWEEP(ukc_policy_builtin("kent", &kent), (void)0);
    ck_assert_ptr_nonnull(kent);
}
END_TEST

/* A restored case saves to the JSON it came from; then it is released. */
static void check_restored(ukc_case **back, const char *json)
{
    char *again = NULL;
    ck_assert_ok(ukc_case_to_json(*back, &again));
    ck_assert_str_eq(again, json);
    ukc_free(again);
    ukc_case_free(*back);
    *back = NULL;
}

START_TEST(case_restore_under_failure)
{
    /* Save a Warwickshire case with a few events, then restore it with the N-th
     * allocation failing for every N: UKC_OK or UKC_ERR_NO_MEMORY, never half a
     * case, and the restored case saves to the same JSON. */
    const ukc_policy *p;
    ck_assert_ok(ukc_policy_builtin("warwickshire", &p));
    ukc_case *c = NULL;
    ck_assert_ok(ukc_case_open(p, "general", "complaint", D("2024-04-15"), "email", NULL, &c));
    static const struct { ukc_event_kind kind; const char *date; } evs[] = {
        { UKC_EVENT_ACKNOWLEDGE, "2024-04-16" },
        { UKC_EVENT_RESPOND, "2024-05-02" },
    };
    for (size_t i = 0; i < 2; i++) {
        ukc_case_event e = UKC_CASE_EVENT_INIT;
        ukc_decision d;
        e.kind = evs[i].kind;
        e.date = D(evs[i].date);
        if (e.kind == UKC_EVENT_RESPOND) {
            e.has_delivery = true;
            e.delivery = UKC_DELIVERY_SECOND_CLASS_POST;
        }
        ck_assert_ok(ukc_case_apply(c, &e, &d));
        ck_assert(d.allowed);
    }
    char *json = NULL;
    ck_assert_ok(ukc_case_to_json(c, &json));
    ukc_case *back = NULL;
    SWEEP(ukc_case_from_json(p, json, strlen(json), &back), check_restored(&back, json));
    ck_assert_ptr_null(back);
    ukc_free(json);
    ukc_case_free(c);
}
END_TEST

/* The messages' formatter writes what the C library's snprintf writes, for
 * every buffer size from none to more than enough: snprintf is the answer. */
#define SAME(...)                                                                          \
    do {                                                                                   \
        char want_[96], got_[96];                                                          \
        for (size_t size_ = 0; size_ <= sizeof want_; size_++) {                           \
            memset(want_, 'x', sizeof want_);                                              \
            memset(got_, 'x', sizeof got_);                                                \
            int w_ = snprintf(size_ ? want_ : NULL, size_, __VA_ARGS__);                   \
            int g_ = ukc__snformat(size_ ? got_ : NULL, size_, __VA_ARGS__);               \
            ck_assert_int_eq(g_, w_);                                                      \
            ck_assert_msg(memcmp(got_, want_, sizeof want_) == 0, "size %zu: '%.*s'",      \
                          size_, (int)sizeof got_, got_);                                  \
        }                                                                                  \
    } while (0)

START_TEST(format_as_snprintf)
{
    SAME("plain text, no conversions");
    SAME("%s: %s acknowledged", "acknowledge", "stage-1");
    SAME("%d %s, from %d to %d; %u and %zu", 20, "working-days", -7, INT32_MIN, 4000000000u,
         (size_t)12345678901234567ull);
    SAME("%s's %s%s%s 100%%", "Kent", "", "x", "\xe2\x80\x93 dash");
    /* Other conversions go to vsnprintf. */
    SAME("%5d|%-4s|%.3s|%x|%c|%ld|%zd", 42, "ab", "abcdef", 255u, 'q', 123456789L, (ssize_t)-5);
    SAME("%s then %x", "hex", 48879u);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("alloc");
    TCase *tc = tcase_create("sweep");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, builtins_under_failure);
    tcase_add_test(tc, feed_closures_union_explain_under_failure);
    tcase_add_test(tc, policies_under_failure);
    tcase_add_test(tc, case_restore_under_failure);
    suite_add_tcase(s, tc);
    TCase *fmt = tcase_create("format");
    tcase_add_test(fmt, format_as_snprintf);
    suite_add_tcase(s, fmt);
    return run_suite(s);
}
