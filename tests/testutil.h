/* Helpers shared by the Check suites. */
#ifndef UKC_TESTUTIL_H
#define UKC_TESTUTIL_H

#include <check.h>
#include <ukcomplaints.h>

/* Parse YYYY-MM-DD or fail the test. */
ukc_date D(const char *iso);
/* Format a date into a static buffer (per call site use only). */
const char *S(ukc_date d);
/* Path of a file under the source tree, in a static buffer. */
const char *srcpath(const char *rel);
/* Read a file into a malloc'd NUL-terminated buffer (fails the test if it cannot). */
char *slurp(const char *path, size_t *len);
/* The text of the council document in tests/data/seeds/ that policies cite
 * by title, passed through fold (which returns a malloc'd copy) and kept for
 * the program's life; NULL for a title that is not a seed. A program uses one
 * fold function. seed_texts_free() releases what was kept. */
const char *seed_text(const char *title, char *(*fold)(const char *));
void seed_texts_free(void);
/* Run a suite, return the process exit status. */
int run_suite(Suite *s);

#define ck_assert_status(expr, want)                                                      \
    do {                                                                                   \
        ukc_status got_ = (expr);                                                          \
        ck_assert_msg(got_ == (want), "%s: got %s (%s), want %s", #expr,                   \
                      ukc_status_name(got_), ukc_last_error()->message, ukc_status_name(want)); \
    } while (0)

#define ck_assert_ok(expr) ck_assert_status(expr, UKC_OK)

#endif
